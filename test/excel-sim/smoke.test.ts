import { createExcelHost } from "../../src/excel-sim";

test("smoke", async () => {
  const host = createExcelHost();
  await host.Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getActiveWorksheet();
    const r = ws.getRange("A1:B2");
    r.values = [
      [1, "a"],
      ["555", true],
    ];
    r.load(["address", "values", "text", "valueTypes"]);
    ws.load("name");
    await ctx.sync();
    console.log(ws.name, r.address, r.values, r.text, r.valueTypes);
    const t = ws.tables.add("A1:B2", true);
    t.load("name");
    const cols = t.columns;
    cols.load("items/name");
    await ctx.sync();
    console.log(
      t.name,
      cols.items.map((c) => c.name),
    );
  });
  console.log(host.stats);
});
