/**
 * The simulation's small formula calculator (src/calc.ts): the functions that summarise a table and skip the rows
 * its filters hide (SUBTOTAL, AGGREGATE, SUMPRODUCT over OFFSET), filters set by a slicer or by the API, and the
 * refusals for what it does not model. Expected figures are computed here from the same rows, in plain code.
 */
import {
  calculateRange,
  createExcelHost,
  selectSlicerItemsAsUser,
  slicerItemKeys,
  SimFormulaUnsupportedError,
  type Cell,
  type ExcelHost,
} from "../src";

const SEGMENTS = ["Champions", "At Risk", "Lost", "New"];

/** 37 customers: segment by a stride, money and recency from the row number (some repeats, an odd count). */
function rows(): { id: number; segment: string; monetary: number; recency: number }[] {
  return Array.from({ length: 37 }, (_, i) => ({
    id: 1000 + i,
    segment: SEGMENTS[(i * 7) % 4],
    monetary: Math.round(((i * 37) % 101) * 12.5 + 3) / 4,
    recency: (i * 13) % 50,
  }));
}

const T = "Cust";
const visible = `SUBTOTAL(103,OFFSET(${T}[[#Headers],[Segment]],ROW(${T}[Segment])-ROW(${T}[[#Headers],[Segment]]),0))`;

/** The customer table on "Data" and, on "Dash", formulas of the kinds a dashboard writes. */
async function setUp(): Promise<ExcelHost> {
  const host = createExcelHost({ apiVersion: "1.12" });
  const data = rows();
  host.loadSheet("Data", [
    ["ID", "Segment", "Monetary", "Recency"],
    ...data.map((r) => [r.id, r.segment, r.monetary, r.recency] as Cell[]),
  ]);
  host.loadSheet("Dash", [["x"]], { activate: false });
  await host.Excel.run(async (ctx) => {
    const t = ctx.workbook.worksheets.getItem("Data").tables.add(`A1:D${data.length + 1}`, true);
    t.name = T;
    const dash = ctx.workbook.worksheets.getItem("Dash");
    dash.getRange("A1:E1").formulas = [
      [
        `=SUBTOTAL(103,${T}[ID])`,
        `=SUBTOTAL(109,${T}[Monetary])`,
        `=AGGREGATE(12,5,${T}[Recency])`,
        `=IFERROR(SUBTOTAL(109,${T}[Monetary])/SUBTOTAL(102,${T}[ID]),0)`,
        `=IFERROR((LARGE(B3:B6,1)+LARGE(B3:B6,2))/SUM(B3:B6),0)`,
      ],
    ];
    dash.getRange("A3:A6").values = SEGMENTS.map((s) => [s]);
    dash.getRange("B3:C6").formulas = SEGMENTS.map((_, i) => [
      `=SUMPRODUCT(${visible}*(${T}[Segment]=$A${i + 3})*${T}[Monetary])`,
      `=SUMPRODUCT(${visible}*(${T}[Segment]=$A${i + 3}))`,
    ]);
    await ctx.sync();
  });
  return host;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** What Excel shows for the formulas when only the rows of `keep` segments are visible. */
function expected(keep: string[]): { kpis: number[]; perSegment: number[][] } {
  const shown = rows().filter((r) => keep.includes(r.segment));
  const revenue = shown.reduce((a, r) => a + r.monetary, 0);
  const per = SEGMENTS.map((s) => {
    const of = shown.filter((r) => r.segment === s);
    return [of.reduce((a, r) => a + r.monetary, 0), of.length];
  });
  const top = per.map((p) => p[0]).sort((a, b) => b - a);
  const total = top.reduce((a, b) => a + b, 0);
  return {
    kpis: [
      shown.length,
      revenue,
      median(shown.map((r) => r.recency)),
      shown.length ? revenue / shown.length : 0,
      total ? (top[0] + top[1]) / total : 0,
    ],
    perSegment: per,
  };
}

function expectClose(got: unknown[][], want: number[][]): void {
  expect(got.length).toBe(want.length);
  got.forEach((row, i) => row.forEach((v, j) => expect(v as number).toBeCloseTo(want[i][j], 9)));
}

test("SUBTOTAL, AGGREGATE and SUMPRODUCT over visible rows: all rows, then a slicer's selection", async () => {
  const host = await setUp();
  const all = expected(SEGMENTS);
  expectClose(host.calculate("Dash", "A1:E1"), [all.kpis]);
  expectClose(host.calculate("Dash", "B3:C6"), all.perSegment);
  // Range.values still reads a formula as its text: calculation is asked for.
  expect(host.readSheetValues("Dash", "A1")[0][0]).toBe(`=SUBTOTAL(103,${T}[ID])`);

  await host.Excel.run(async (ctx) => {
    const slicer = ctx.workbook.slicers.add(T, "Segment", "Dash");
    slicer.selectItems(["At Risk", "Lost"]);
    await ctx.sync();
  });
  const some = expected(["At Risk", "Lost"]);
  expect(some.kpis[0]).toBeLessThan(all.kpis[0]);
  expectClose(host.calculate("Dash", "A1:E1"), [some.kpis]);
  expectClose(host.calculate("Dash", "B3:C6"), some.perSegment);
  // The chart data follows the filter too: a chart over the per-segment block plots the calculated figures.
  await host.Excel.run(async (ctx) => {
    ctx.workbook.worksheets
      .getItem("Dash")
      .charts.add("ColumnClustered", ctx.workbook.worksheets.getItem("Dash").getRange("A3:B6"), "Columns");
    await ctx.sync();
  });
  expect(host.chartData("Dash", 0).series[0].values).toEqual(some.perSegment.map((p) => p[0]));

  // A person clicking one item, then clearing the filter.
  const model = host.workbook.slicers[0];
  expect(slicerItemKeys(model).sort()).toEqual([...SEGMENTS].sort());
  selectSlicerItemsAsUser(model, ["Champions"]);
  expectClose(host.calculate("Dash", "A1:E1"), [expected(["Champions"]).kpis]);
  selectSlicerItemsAsUser(model, null);
  expectClose(host.calculate("Dash", "A1:E1"), [all.kpis]);
  expect(() => selectSlicerItemsAsUser(model, ["Nobody"])).toThrow("'Nobody' is not an item");
});

test("a Values filter set through the table column hides rows too; everything filtered out gives the IFERROR value", async () => {
  const host = await setUp();
  await host.Excel.run(async (ctx) => {
    ctx.workbook.tables.getItem(T).columns.getItem("Segment").filter.applyValuesFilter(["New"]);
    await ctx.sync();
  });
  expectClose(host.calculate("Dash", "A1:B1"), [expected(["New"]).kpis.slice(0, 2)]);
  await host.Excel.run(async (ctx) => {
    ctx.workbook.tables.getItem(T).columns.getItem("Segment").filter.applyValuesFilter(["Nobody"]);
    await ctx.sync();
  });
  // No visible row: counts 0, the mean's division by zero caught by IFERROR, the median an error (#NUM!).
  expect(host.calculate("Dash", "A1:D1")[0].map(String)).toEqual(["0", "0", "#NUM!", "0"]);
});

test("refuses what it does not calculate, naming it", async () => {
  const host = await setUp();
  await host.Excel.run(async (ctx) => {
    const dash = ctx.workbook.worksheets.getItem("Dash");
    dash.getRange("A10:D10").formulas = [
      [`=VLOOKUP(1,${T}[ID],1)`, "=A11+1", "=A10*2", `=SUBTOTAL(109,${T}[Monetary])*2`],
    ];
    dash.getRange("A11").formulas = [["=B10"]];
    await ctx.sync();
  });
  expect(() => host.calculate("Dash", "A10")).toThrow(SimFormulaUnsupportedError);
  expect(() => host.calculate("Dash", "A10")).toThrow("the function VLOOKUP");
  expect(() => calculateRange(host.workbook, "Dash", "B10")).toThrow("a circular reference");
  // A filter kind the calculator does not apply is refused rather than ignored.
  await host.Excel.run(async (ctx) => {
    ctx.workbook.tables.getItem(T).columns.getItem("Monetary").filter.applyTopItemsFilter(3);
    await ctx.sync();
  });
  expect(() => host.calculate("Dash", "D10")).toThrow("the TopItems filter on Cust[Monetary]");
});
