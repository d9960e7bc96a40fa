/**
 * The RFM Summary sheet's charts never cover what the add-in wrote there, whatever the number of bins: the R × F
 * grid is b + 1 columns wide and the doughnut's chart data sits right of it, so with 7 or more bins that data reaches
 * column K, where the charts of the default layout start. Checked in the Excel simulation for 5, 7 and 10 bins,
 * by the cells each chart is anchored to and by its position in points, against the sheet's used range (every value
 * and number format written), each table and each conditional format range.
 */
import { parseA1, type ExcelHost, type Rect } from "excel-sim";
import { runSegmentation } from "../../src/office";
import { retailHost } from "./helpers";

const SHEET = "RFM Summary";

/** "'RFM Summary'!K3:R20" → its rectangle (zero-based rows and columns). */
function rectOf(address: string): Rect {
  const rect = parseA1(address.slice(address.lastIndexOf("!") + 1));
  if (!rect) throw new Error(`not an A1 address: ${address}`);
  return rect;
}

function cellsOverlap(a: Rect, b: Rect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Boxes in points that share an area (touching edges do not count). */
function boxesOverlap(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** The written ranges of the summary sheet, by name for the failure messages. */
function writtenRanges(host: ExcelHost): { name: string; address: string }[] {
  const snap = host.snapshot();
  const sheet = snap.sheets.find((s) => s.name === SHEET)!;
  return [
    { name: "used range (values and formats)", address: sheet.usedRange! },
    ...snap.tables.filter((t) => t.sheet === SHEET).map((t) => ({ name: `table ${t.name}`, address: t.address })),
    ...sheet.conditionalFormats.map((c) => ({ name: `${c.type} format`, address: c.address })),
  ];
}

/** Each chart's title with what it covers: written ranges its anchor cells or its box in points overlap. */
function chartOverlaps(host: ExcelHost): { chart: string; cells: string | null; covers: string[] }[] {
  const model = host.workbook.requireSheet(SHEET);
  const box = (r: Rect): Box => ({
    left: model.leftOf(r.c0),
    top: model.topOf(r.r0),
    right: model.leftOf(r.c1 + 1),
    bottom: model.topOf(r.r1 + 1),
  });
  const written = writtenRanges(host);
  const charts = host.snapshot().sheets.find((s) => s.name === SHEET)!.charts;
  return charts.map((c) => {
    const p = c.position;
    // The cells the chart was placed over: from its start cell to its end cell (just the start cell without one).
    const cells = p.cells
      ? { ...rectOf(p.cells.start), ...(p.cells.end ? { r1: rectOf(p.cells.end).r1, c1: rectOf(p.cells.end).c1 } : {}) }
      : null;
    const inPoints: Box = { left: p.left, top: p.top, right: p.left + p.width, bottom: p.top + p.height };
    const covers = written
      .filter(
        (w) => (cells && cellsOverlap(cells, rectOf(w.address))) || boxesOverlap(inPoints, box(rectOf(w.address))),
      )
      .map((w) => `${w.name} ${w.address}`);
    return { chart: c.title, cells: p.cells ? `${p.cells.start}:${p.cells.end}` : null, covers };
  });
}

describe.each([5, 7, 10])("RFM Summary with %i bins", (bins) => {
  let host: ExcelHost;
  let segments: string[];
  let customers: number;

  beforeAll(async () => {
    host = retailHost();
    const summary = await runSegmentation({ bins }, {}, host);
    expect(summary.cancelled).toBeUndefined();
    expect(summary.outputs.charts).toBe(8); // 3 on the summary, 5 on the dashboard
    segments = summary.segments.map((s) => s.name);
    customers = summary.customers;
  });

  test("the grid holds b × b counts of all customers; its chart data one share per segment beside it", () => {
    const v = host.readSheetValues(SHEET);
    const g = v.findIndex((r) => r[0] === "R \\ F");
    expect(v[g].slice(0, bins + 1)).toEqual(["R \\ F", ...Array.from({ length: bins }, (_, i) => `F=${i + 1}`)]);
    const counts = v.slice(g + 1, g + 1 + bins).map((r) => r.slice(1, bins + 1));
    expect(counts.flat().every((n) => typeof n === "number")).toBe(true);
    expect(counts.flat().reduce((a: number, n) => a + (n as number), 0)).toBe(customers);
    expect(v[g + bins][0]).toBe("R=1");
    // The doughnut's data: "Segment | Revenue share", one empty column right of the grid.
    expect(v[g].slice(bins + 1, bins + 4)).toEqual(["", "Segment", "Revenue share"]);
    expect(v.slice(g + 1, g + 1 + segments.length).map((r) => r[bins + 2])).toEqual(segments);
  });

  test("no chart covers a written range, by its anchor cells or by its position in points", () => {
    const overlaps = chartOverlaps(host);
    expect(overlaps).toHaveLength(3);
    expect(overlaps.filter((o) => o.covers.length > 0)).toEqual([]);
  });

  test("the charts are stacked in one column band, right of the used range with one empty column between", () => {
    const snap = host.snapshot();
    const sheet = snap.sheets.find((s) => s.name === SHEET)!;
    const used = rectOf(sheet.usedRange!);
    // The premise: the chart data ends at column b + 3 (0-based), so from 7 bins on it passes column K (10).
    expect(used.c1).toBe(Math.max(8, bins + 3));
    const anchors = sheet.charts.map((c) => [rectOf(c.position.cells!.start), rectOf(c.position.cells!.end!)]);
    for (const [start, end] of anchors) {
      expect(start.c0).toBe(used.c1 + 2);
      expect(end.c0 - start.c0).toBe(7);
    }
    expect(anchors.map(([s, e]) => [s.r0 + 1, e.r0 + 1])).toEqual([
      [3, 20],
      [22, 39],
      [41, 58],
    ]);
  });
});

test("the default 5 bins keep the charts at K3:R20, K22:R39 and K41:R58", async () => {
  const host = retailHost();
  await runSegmentation({}, {}, host);
  const charts = host.snapshot().sheets.find((s) => s.name === SHEET)!.charts;
  expect(charts.map((c) => c.position.cells)).toEqual([
    { start: `'${SHEET}'!K3`, end: `'${SHEET}'!R20` },
    { start: `'${SHEET}'!K22`, end: `'${SHEET}'!R39` },
    { start: `'${SHEET}'!K41`, end: `'${SHEET}'!R58` },
  ]);
});
