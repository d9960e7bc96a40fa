/**
 * Tables in the Excel simulation (EXCEL_FACTS §4): overlap, workbook-wide unique names and name rules, header
 * normalisation, columns.add with the header as the first value, data body range, rows.add, sort, delete.
 */
import { createExcelHost, type ExcelHost } from "../src";
import { failure, hostWithSheet } from "./helpers";

function hostWithData(): ExcelHost {
  return hostWithSheet("Sheet1", [
    ["Customer", "Segment", "Monetary"],
    [12346, "Lost", 77183.6],
    [12347, "Champions", 4310],
    [12348, "Loyal", 1797.24],
  ]);
}

test("tables.add over data with headers: name, columns, ranges", async () => {
  const host = hostWithData();
  await host.Excel.run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem("Sheet1");
    const t = s.tables.add("A1:C4", true);
    t.name = "Customers";
    t.style = "TableStyleMedium9";
    t.load("name,id,style,showBandedRows,showHeaders");
    t.columns.load("items/name,items/id,items/index");
    const body = t.getDataBodyRange();
    const header = t.getHeaderRowRange();
    const all = t.getRange();
    body.load("address,values");
    header.load("address");
    all.load("address");
    const col = t.columns.getItem("Segment").getDataBodyRange();
    col.load("address,values");
    await ctx.sync();
    expect(t.name).toBe("Customers");
    expect(t.style).toBe("TableStyleMedium9");
    expect(t.showHeaders).toBe(true);
    expect(t.columns.items.map((c) => [c.name, c.index])).toEqual([
      ["Customer", 0],
      ["Segment", 1],
      ["Monetary", 2],
    ]);
    expect(body.address).toBe("Sheet1!A2:C4");
    expect(header.address).toBe("Sheet1!A1:C1");
    expect(all.address).toBe("Sheet1!A1:C4");
    expect(col.address).toBe("Sheet1!B2:B4");
    expect(col.values).toEqual([["Lost"], ["Champions"], ["Loyal"]]);
  });
  expect(host.snapshot().tables[0]).toMatchObject({
    name: "Customers",
    sheet: "Sheet1",
    address: "Sheet1!A1:C4",
    rowCount: 3,
  });
});

test("a table cannot overlap another table (MergedRangeConflict with Excel's message)", async () => {
  const host = hostWithData();
  const err = await failure(host, (ctx) => {
    const s = ctx.workbook.worksheets.getItem("Sheet1");
    s.tables.add("A1:C4", true);
    s.tables.add("C3:E6", true);
  });
  expect(err.code).toBe("MergedRangeConflict");
  expect(err.message).toBe(
    "A table can't overlap with another table, a PivotTable report, query results, merged cells, or an XML Map.",
  );
  expect(host.workbook.tables).toHaveLength(1); // the first add stays applied
});

test("table names are unique across the workbook and follow Excel's rules", async () => {
  const host = hostWithData();
  host.loadSheet("Other", [["x"], [1]], { activate: false });
  await host.Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Sheet1").tables.add("A1:C4", true).name = "Data";
    await ctx.sync();
  });
  const dup = await failure(host, (ctx) => {
    ctx.workbook.worksheets.getItem("Other").tables.add("A1:A2", true).name = "data";
  });
  expect(dup.code).toBe("InvalidArgument");
  expect(dup.debugInfo.simDetail).toContain("already exists");
  for (const bad of ["1abc", "A1", "R1C1", "has space", ""]) {
    const err = await failure(host, (ctx) => {
      ctx.workbook.tables.getItem("Data").name = bad;
    });
    expect(err.code).toBe("InvalidArgument");
  }
  const good = await host.Excel.run(async (ctx) => {
    const t = ctx.workbook.tables.getItem("Data");
    t.name = "_rfm.Customers2";
    t.load("name");
    await ctx.sync();
    return t.name;
  });
  expect(good).toBe("_rfm.Customers2");
});

test("default names Table1, Table2; getItem of a missing table is ItemNotFound; getItemOrNullObject is null", async () => {
  const host = hostWithData();
  await host.Excel.run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem("Sheet1");
    const a = s.tables.add("A1:C4", true);
    const b = s.tables.add("E1:F2", true);
    a.load("name");
    b.load("name");
    const missing = ctx.workbook.tables.getItemOrNullObject("Nope");
    const count = ctx.workbook.tables.getCount();
    await ctx.sync();
    expect([a.name, b.name]).toEqual(["Table1", "Table2"]);
    expect(missing.isNullObject).toBe(true);
    expect(count.value).toBe(2);
  });
  const err = await failure(host, (ctx) => ctx.workbook.tables.getItem("Nope").load("name"));
  expect(err.code).toBe("ItemNotFound");
});

test("header cells are text, blanks become ColumnN and duplicates get a number", async () => {
  const host = createExcelHost();
  host.loadSheet("Sheet1", [
    ["R", "", "R", 2024],
    [1, 2, 3, 4],
  ]);
  await host.Excel.run(async (ctx) => {
    const t = ctx.workbook.worksheets.getItem("Sheet1").tables.add("A1:D2", true);
    t.columns.load("items/name");
    await ctx.sync();
    expect(t.columns.items.map((c) => c.name)).toEqual(["R", "Column2", "R2", "2024"]);
  });
  expect(host.readSheetValues("Sheet1", "A1:D1")).toEqual([["R", "Column2", "R2", "2024"]]);
});

test("hasHeaders=false inserts a header row (Column1...) above the data", async () => {
  const host = createExcelHost();
  host.loadSheet("Sheet1", [
    [1, 2],
    [3, 4],
    ["below", "table"],
  ]);
  await host.Excel.run(async (ctx) => {
    const t = ctx.workbook.worksheets.getItem("Sheet1").tables.add("A1:B2", false);
    const r = t.getRange();
    r.load("address");
    await ctx.sync();
    expect(r.address).toBe("Sheet1!A1:B3");
  });
  expect(host.readSheetValues("Sheet1", "A1:B4")).toEqual([
    ["Column1", "Column2"],
    [1, 2],
    [3, 4],
    ["below", "table"],
  ]);
});

describe("columns.add", () => {
  test("on the web it counts rows × (16,383 − table columns) cells: about 2,000 rows are the limit", async () => {
    // 33,554,000 / (16,383 − 2) = 2,048.1: a table of 2,048 rows (header included) may grow, 2,049 may not.
    const run = async (rows: number, platform: "OfficeOnline" | "PC") => {
      const host = createExcelHost({ platform });
      host.loadSheet("S", { headers: ["a", "b"], columns: [new Array(rows - 1).fill(1), new Array(rows - 1).fill(2)] });
      return host.Excel.run(async (ctx) => {
        const t = ctx.workbook.worksheets.getItem("S").tables.add(`A1:B${rows}`, true);
        t.columns.add(undefined, undefined, "c");
        await ctx.sync();
        return "added";
      }).catch((e: { code?: string; debugInfo?: { simDetail?: string } }) => e.code);
    };
    expect(await run(2048, "OfficeOnline")).toBe("added");
    expect(await run(2049, "OfficeOnline")).toBe("OperationCellsExceedLimit");
    expect(await run(2049, "PC")).toBe("added");
  });

  test("values start with the header cell; appending shifts cells right of the table within its rows", async () => {
    const host = hostWithData();
    host.workbook.requireSheet("Sheet1").col(3).set(1, "user note"); // D2, right of the table
    host.workbook.requireSheet("Sheet1").col(3).set(6, "below"); // D7, below the table rows
    await host.Excel.run(async (ctx) => {
      const t = ctx.workbook.worksheets.getItem("Sheet1").tables.add("A1:C4", true);
      const c = t.columns.add(undefined, [["RFM"], ["111"], ["555"], ["432"]]);
      c.load("name,index,values");
      const r = t.getRange();
      r.load("address");
      await ctx.sync();
      expect(c.name).toBe("RFM");
      expect(c.index).toBe(3);
      // Excel types "555" as the number 555.
      expect(c.values).toEqual([["RFM"], [111], [555], [432]]);
      expect(r.address).toBe("Sheet1!A1:D4");
    });
    expect(host.readSheetValues("Sheet1", "D2:E2")).toEqual([[111, "user note"]]);
    expect(host.readSheetValues("Sheet1", "D7")).toEqual([["below"]]);
  });

  test("a name argument names the column; index inserts in the middle", async () => {
    const host = hostWithData();
    await host.Excel.run(async (ctx) => {
      const t = ctx.workbook.worksheets.getItem("Sheet1").tables.add("A1:C4", true);
      t.columns.add(1, undefined, "Score");
      t.columns.add(0, undefined, "First");
      t.columns.load("items/name");
      await ctx.sync();
      expect(t.columns.items.map((c) => c.name)).toEqual(["First", "Customer", "Score", "Segment", "Monetary"]);
    });
    expect(host.readSheetValues("Sheet1", "A1:E2")).toEqual([
      ["First", "Customer", "Score", "Segment", "Monetary"],
      ["", 12346, "", "Lost", 77183.6],
    ]);
  });

  test("values must have one row per table row including the header", async () => {
    const host = hostWithData();
    const err = await failure(host, (ctx) => {
      const t = ctx.workbook.worksheets.getItem("Sheet1").tables.add("A1:C4", true);
      t.columns.add(undefined, [[1], [2], [3]]); // body only: the header is missing
    });
    expect(err.code).toBe("InvalidArgument");
    expect(err.debugInfo.simDetail).toContain("including the header");
  });

  test("appending (index null) needs ExcelApi 1.4", async () => {
    const host = createExcelHost({ apiVersion: "1.3" });
    host.loadSheet("Sheet1", [["a"], [1]]);
    const err = await failure(host, (ctx) => {
      const t = ctx.workbook.worksheets.getItem("Sheet1").tables.add("A1:A2", true);
      t.columns.add(undefined, undefined, "b");
    });
    expect(err.code).toBe("ApiNotFound");
  });

  test("a column can be renamed, written through its body range and deleted", async () => {
    const host = hostWithData();
    await host.Excel.run(async (ctx) => {
      const t = ctx.workbook.worksheets.getItem("Sheet1").tables.add("A1:C4", true);
      const seg = t.columns.getItem("Segment");
      seg.name = "Group";
      seg.getDataBodyRange().values = [["a"], ["b"], ["c"]];
      await ctx.sync();
      t.columns.getItem("Monetary").delete();
      t.columns.load("items/name");
      const r = t.getRange();
      r.load("address");
      await ctx.sync();
      expect(t.columns.items.map((c) => c.name)).toEqual(["Customer", "Group"]);
      expect(r.address).toBe("Sheet1!A1:B4");
    });
    expect(host.readSheetValues("Sheet1", "A1:C2")).toEqual([
      ["Customer", "Group", ""],
      [12346, "a", ""],
    ]);
  });
});

test("rows.add appends below (shifting cells under the table), table rows read back", async () => {
  const host = hostWithData();
  host.workbook.requireSheet("Sheet1").col(0).set(5, "under"); // A6
  await host.Excel.run(async (ctx) => {
    const t = ctx.workbook.worksheets.getItem("Sheet1").tables.add("A1:C4", true);
    t.rows.add(undefined, [
      [12349, "New", 1],
      [12350, "New", 2],
    ]);
    const count = t.rows.getCount();
    const last = t.rows.getItemAt(4);
    last.load("values,index");
    await ctx.sync();
    expect(count.value).toBe(5);
    expect(last.values).toEqual([[12350, "New", 2]]);
  });
  expect(host.readSheetValues("Sheet1", "A6:A8")).toEqual([[12350], [""], ["under"]]);
});

test("sort.apply sorts the body by a column offset: descending numbers, blanks last", async () => {
  const host = createExcelHost();
  host.loadSheet("Sheet1", [
    ["id", "score"],
    ["a", 3],
    ["b", null],
    ["c", 10],
    ["d", 7],
  ]);
  await host.Excel.run(async (ctx) => {
    const t = ctx.workbook.worksheets.getItem("Sheet1").tables.add("A1:B5", true);
    t.sort.apply([{ key: 1, ascending: false }]);
    await ctx.sync();
  });
  expect(host.readSheetValues("Sheet1", "A2:B5")).toEqual([
    ["c", 10],
    ["d", 7],
    ["a", 3],
    ["b", ""],
  ]);
  const err = await failure(host, (ctx) => ctx.workbook.tables.getItem("Table1").sort.apply([{ key: 2 }]));
  expect(err.code).toBe("InvalidArgument");
});

test("Table.delete removes the table and its cells; convertToRange keeps the cells", async () => {
  const host = hostWithData();
  await host.Excel.run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem("Sheet1");
    s.tables.add("A1:A4", true).delete();
    s.tables.add("C1:C4", true).convertToRange();
    await ctx.sync();
  });
  expect(host.workbook.tables).toHaveLength(0);
  expect(host.readSheetValues("Sheet1", "A1:C2")).toEqual([
    ["", "Segment", "Monetary"],
    ["", "Lost", 77183.6],
  ]);
});

test("deleting part of a table's rows through a range that crosses it is refused", async () => {
  const host = hostWithData();
  const err = await failure(host, (ctx) => {
    const s = ctx.workbook.worksheets.getItem("Sheet1");
    s.tables.add("A1:C4", true);
    s.getRange("B2:D2").delete("Up");
  });
  expect(err.code).toBe("InvalidOperation");
  expect(err.message).toContain("shift cells in a table");
});

test("entire columns deleted through the table's sheet shrink the table", async () => {
  const host = hostWithData();
  await host.Excel.run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem("Sheet1");
    const t = s.tables.add("A1:C4", true);
    s.getRange("B:B").delete("Left");
    const r = t.getRange();
    r.load("address");
    t.columns.load("items/name");
    await ctx.sync();
    expect(r.address).toBe("Sheet1!A1:B4");
    expect(t.columns.items.map((c) => c.name)).toEqual(["Customer", "Monetary"]);
  });
});
