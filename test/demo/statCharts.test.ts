/**
 * The demo draws Excel's statistical charts as Excel would: histograms with automatic (Scott's rule) bins over the
 * visible rows, box & whisker with QUARTILE.EXC quartiles, 1.5 × IQR whiskers and outliers, squarified treemaps.
 * Checked on the Online Retail customers as the engine computes them, placed in a table on a simulated sheet with
 * the charts bound to its columns as the add-in binds them; the figures are read back from the drawn SVG's data-*
 * attributes and compared with independent computations from the customers.
 */
import type { ChartData, ExcelHost } from "excel-sim";
import { chartSvg } from "../../demo/charts";
import { binOf, boxStats, histogramBins, quartileExc, squarify } from "../../demo/stats";
import { runSegmentation } from "../../src/office";
import { DASHBOARD_SHEET } from "../../src/office/dashboardSheet";
import { segmentColors } from "../../src/office/palette";
import { analyze } from "../../src/rfm";
import { loadOnlineRetail } from "../helpers/realData";
import { newHost, retailHost } from "../office/helpers";

type Attrs = Record<string, string>;

function unescape(s: string): string {
  return s.replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)));
}

/** The attributes of every element of `svg` whose class is `cls`. */
function elements(svg: string, cls: string): Attrs[] {
  const out: Attrs[] = [];
  for (const m of svg.matchAll(new RegExp(`<\\w+ class="${cls}"([^>]*)>`, "g"))) {
    const a: Attrs = {};
    for (const [, k, v] of m[1].matchAll(/([\w-]+)="([^"]*)"/g)) a[k] = unescape(v);
    out.push(a);
  }
  return out;
}

function svgOf(host: ExcelHost, sheet: string, chart: number): { svg: string; data: ChartData } {
  const data = host.chartData(sheet, chart);
  return { svg: chartSvg(data, 480, 300), data };
}

interface DrawnBin {
  lo: number;
  hi: number;
  count: number;
  label: string;
}

function drawnBins(svg: string): DrawnBin[] {
  return elements(svg, "bin").map((a) => ({
    lo: Number(a["data-lo"]),
    hi: Number(a["data-hi"]),
    count: Number(a["data-count"]),
    label: a["data-label"],
  }));
}

/** Sample standard deviation, two-pass. */
function stdevS(xs: readonly number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
}

/** QUARTILE.EXC as Excel documents it: the (n+1)·k/4-th smallest value, interpolated between neighbours. */
function excelQuartileExc(xs: readonly number[], k: 1 | 2 | 3): number {
  const s = [...xs].sort((a, b) => a - b);
  const rank = ((s.length + 1) * k) / 4;
  const below = s[Math.floor(rank) - 1];
  const above = s[Math.min(s.length - 1, Math.floor(rank))];
  return below + (rank - Math.floor(rank)) * (above - below);
}

/** The counts a histogram with these bins must show: each value in the one bin whose interval holds it. */
function expectBinsHold(bins: DrawnBin[], values: readonly number[]): void {
  expect(bins.reduce((a, b) => a + b.count, 0)).toBe(values.length);
  bins.forEach((b, i) => {
    const inBin = values.filter((v) => (i === 0 ? v >= b.lo : v > b.lo) && v <= b.hi).length;
    expect([b.label, b.count]).toEqual([b.label, inBin]);
  });
}

describe("the figures, on small cases", () => {
  test("QUARTILE.EXC on the example of Excel's documentation", () => {
    const xs = [6, 7, 15, 36, 39, 40, 41, 42, 43, 47, 49];
    expect(quartileExc(xs, 0.25)).toBe(15);
    expect(quartileExc(xs, 0.5)).toBe(40);
    expect(quartileExc(xs, 0.75)).toBe(43);
  });

  test("a value on a bin edge counts in the bin it closes, the smallest in the first", () => {
    expect([0, 4.9, 5, 5.1, 10, 19.9, 20].map((x) => binOf(x, 0, 5, 4))).toEqual([0, 0, 0, 1, 1, 3, 3]);
    // 0.1 × 3 is not 0.3 in binary floating point: the edge as computed decides, as in the counting.
    expect(binOf(0.1 * 3, 0, 0.1, 5)).toBe(2);
    expect(binOf(0.30000000000000004 + 1e-15, 0, 0.1, 5)).toBe(3);
  });

  test("bins of Scott's width from the smallest value; one bin when that width spans everything", () => {
    const xs = Array.from({ length: 200 }, (_, i) => (i * 7919) % 101);
    const bins = histogramBins(xs);
    const w = (3.5 * stdevS(xs)) / Math.cbrt(xs.length);
    expect(bins.length).toBe(Math.ceil(100 / w));
    bins.forEach((b, i) => expect([b.lo, b.hi]).toEqual([expect.closeTo(i * w, 9), expect.closeTo((i + 1) * w, 9)]));
    expectBinsHold(bins, xs);
    const wide = histogramBins([0, 0, 0, 10, 10, 10]);
    const w6 = (3.5 * stdevS([0, 0, 0, 10, 10, 10])) / Math.cbrt(6);
    expect(wide).toEqual([{ lo: 0, hi: w6, count: 6, label: `[0, ${w6.toFixed(2)}]` }]);
    expect(histogramBins([5, 5, 5])).toEqual([{ lo: 5, hi: 5, count: 3, label: "[5, 5]" }]);
    expect(histogramBins([])).toEqual([]);
  });

  test("whiskers stop at the last value within 1.5 × IQR; beyond are outliers", () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 100];
    const b = boxStats(xs)!;
    const q1 = excelQuartileExc(xs, 1);
    const q3 = excelQuartileExc(xs, 3);
    expect([b.q1, b.q3]).toEqual([q1, q3]);
    expect(b.high).toBe(8);
    expect(b.low).toBe(1);
    expect(b.outliers).toEqual([100]);
  });

  test("squarify fills the box with areas in proportion, leaving out what is not positive", () => {
    const box = { x: 0, y: 0, w: 6, h: 4 };
    const rects = squarify([6, 0, 6, 4, 3, 2, 2, 1, -3], box);
    expect(rects[1]).toBeNull();
    expect(rects[8]).toBeNull();
    const areas = rects.map((r) => (r ? r.w * r.h : 0));
    expect(areas.reduce((a, b) => a + b, 0)).toBeCloseTo(24, 9);
    [6, 0, 6, 4, 3, 2, 2, 1].forEach((v, i) => expect(areas[i]).toBeCloseTo(v, 9));
  });
});

describe("on the Online Retail customers", () => {
  const data = loadOnlineRetail();
  const result = analyze(data);
  const customers = result.customers;
  const nameOf = new Map(result.segments.map((s) => [s.label, s.name]));
  const colors = segmentColors(result.scheme);
  const host = newHost();

  beforeAll(async () => {
    host.loadSheet("Customers", {
      headers: ["CustomerID", "Segment", "Recency", "Frequency", "Monetary"],
      columns: [
        customers.map((c) => c.id),
        customers.map((c) => nameOf.get(c.segment)!),
        customers.map((c) => c.recency),
        customers.map((c) => c.frequency),
        customers.map((c) => c.monetary),
      ],
    });
    const bySegment = [...result.segments].sort((a, b) => b.revenue - a.revenue);
    host.loadSheet("Segments", [["Segment", "Revenue"], ...bySegment.map((s) => [s.name, s.revenue])]);
    await host.Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Customers");
      const table = sheet.tables.add(`A1:E${customers.length + 1}`, true);
      table.name = "Cust";
      // Bound as the dashboard binds them: a table column's range, header included.
      for (const [type, column] of [
        ["Histogram", "Recency"],
        ["Histogram", "Frequency"],
        ["Boxwhisker", "Monetary"],
      ] as const) {
        sheet.charts.add(type, table.columns.getItem(column).getRange(), "Columns");
      }
      const segments = ctx.workbook.worksheets.getItem("Segments");
      const tree = segments.charts.add("Treemap", segments.getRange(`A1:B${bySegment.length + 1}`), "Columns");
      // Each segment's own colour on its rectangle, as the pane's and the dashboard's other charts use it.
      const points = tree.series.getItemAt(0).points;
      bySegment.forEach((sg, i) => points.getItemAt(i).format.fill.setSolidColor(colors.get(sg.label)!));
      await ctx.sync();
    });
  }, 120_000);

  afterEach(async () => {
    await host.Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem("Cust").clearFilters();
      await ctx.sync();
    });
  });

  test("the recency histogram: Scott's-rule bins from the smallest recency, every customer in its bin", () => {
    const { svg } = svgOf(host, "Customers", 0);
    const recency = customers.map((c) => c.recency);
    const bins = drawnBins(svg);
    const width = (3.5 * stdevS(recency)) / Math.cbrt(recency.length);
    const min = Math.min(...recency);
    const max = Math.max(...recency);
    expect(bins).toHaveLength(Math.ceil((max - min) / width));
    expect(bins[0].lo).toBe(min);
    bins.forEach((b) => expect(b.hi - b.lo).toBeCloseTo(width, 9));
    expect(bins[bins.length - 1].hi).toBeGreaterThanOrEqual(max);
    expect(bins[0].label.startsWith(`[${min}, `)).toBe(true);
    expect(bins.slice(1).every((b) => b.label.startsWith("("))).toBe(true);
    expectBinsHold(bins, recency);
    // Bars touch: each starts where the one before it ends.
    const rects = elements(svg, "bin").map((a) => [Number(a.x), Number(a.width)]);
    for (let i = 1; i < rects.length; i++) expect(rects[i][0]).toBeCloseTo(rects[i - 1][0] + rects[i - 1][1], 1);
  });

  test("the frequency histogram, skewed by a few very frequent buyers, holds every customer too", () => {
    const { svg } = svgOf(host, "Customers", 1);
    const frequency = customers.map((c) => c.frequency);
    const bins = drawnBins(svg);
    expect(bins[0].lo).toBe(Math.min(...frequency));
    expectBinsHold(bins, frequency);
    // Most customers buy rarely: the first bin is the tallest.
    expect(Math.max(...bins.map((b) => b.count))).toBe(bins[0].count);
  });

  test("the monetary box: Excel's QUARTILE.EXC quartiles, mean, whiskers within 1.5 × IQR, outliers beyond", () => {
    const { svg } = svgOf(host, "Customers", 2);
    const [box] = elements(svg, "box");
    const monetary = customers.map((c) => c.monetary);
    const q1 = excelQuartileExc(monetary, 1);
    const q3 = excelQuartileExc(monetary, 3);
    expect(Number(box["data-n"])).toBe(customers.length);
    expect(Number(box["data-q1"])).toBeCloseTo(q1, 9);
    expect(Number(box["data-median"])).toBeCloseTo(excelQuartileExc(monetary, 2), 9);
    expect(Number(box["data-q3"])).toBeCloseTo(q3, 9);
    expect(Number(box["data-mean"])).toBeCloseTo(monetary.reduce((a, b) => a + b, 0) / monetary.length, 6);
    const reach = 1.5 * (q3 - q1);
    const inside = monetary.filter((v) => v >= q1 - reach && v <= q3 + reach);
    expect(Number(box["data-high"])).toBe(Math.max(...inside));
    expect(Number(box["data-low"])).toBe(Math.min(...inside));
    expect(Number(box["data-outliers"])).toBe(monetary.length - inside.length);
    expect(elements(svg, "outlier")).toHaveLength(monetary.length - inside.length);
    // Skewed: the mean lies above Q3's half of the box and there are outliers to draw.
    expect(Number(box["data-mean"])).toBeGreaterThan(Number(box["data-median"]));
    expect(Number(box["data-outliers"])).toBeGreaterThan(0);
  });

  test("the treemap: one rectangle per segment, areas in proportion to revenue, together the plot area", () => {
    const { svg, data } = svgOf(host, "Segments", 0);
    const tiles = elements(svg, "tile");
    const [plot] = elements(svg, "treemap");
    const positive = result.segments.filter((s) => s.revenue > 0);
    expect(tiles.map((t) => t["data-category"]).sort()).toEqual(positive.map((s) => s.name).sort());
    const revenue = positive.reduce((a, s) => a + s.revenue, 0);
    const area = Number(plot["data-plot-area"]);
    for (const t of tiles) {
      expect(Number(t["data-area"]) / area).toBeCloseTo(Number(t["data-value"]) / revenue, 9);
    }
    expect(tiles.reduce((a, t) => a + Number(t["data-area"]), 0)).toBeCloseTo(area, 6);
    const colorOf = new Map(result.segments.map((s) => [s.name, colors.get(s.label)]));
    for (const t of tiles)
      expect([t["data-category"], t.fill]).toEqual([t["data-category"], colorOf.get(t["data-category"])]);
    // No two rectangles overlap (beyond the rounding of the drawn coordinates).
    const boxes = tiles.map((t) => [Number(t.x), Number(t.y), Number(t.width), Number(t.height)]);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        const ox = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
        const oy = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
        expect([i, j, Math.min(ox, oy) < 0.02]).toEqual([i, j, true]);
      }
    expect(data.categories).toEqual([...result.segments].sort((a, b) => b.revenue - a.revenue).map((s) => s.name));
  });

  test("a filter on the table changes the histograms: only the visible customers are counted", async () => {
    const all = drawnBins(svgOf(host, "Customers", 0).svg);
    const segment = [...result.segments].sort((a, b) => b.customers - a.customers)[0];
    await host.Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem("Cust").columns.getItem("Segment").filter.applyValuesFilter([segment.name]);
      await ctx.sync();
    });
    const { svg, data } = svgOf(host, "Customers", 0);
    const shown = customers.filter((c) => c.segment === segment.label).map((c) => c.recency);
    expect(data.hiddenRows).toBe(customers.length - shown.length);
    expect(svg).toContain(`data-hidden-rows="${customers.length - shown.length}"`);
    const bins = drawnBins(svg);
    expect(bins[0].lo).toBe(Math.min(...shown));
    expect(bins[0].hi - bins[0].lo).toBeCloseTo((3.5 * stdevS(shown)) / Math.cbrt(shown.length), 9);
    expectBinsHold(bins, shown);
    expect(bins.map((b) => b.count)).not.toEqual(all.map((b) => b.count));
  });
});

describe("the dashboard the add-in writes", () => {
  test("its statistical charts are drawn as histograms, a box and a treemap", async () => {
    const host = retailHost();
    await runSegmentation({}, {}, host);
    const dash = host.workbook.sheets.find((s) => s.name === DASHBOARD_SHEET)!;
    const svgs = dash.charts.map((_, i) => svgOf(host, DASHBOARD_SHEET, i));
    const kinds = svgs.map(({ svg }) => ["histogram", "box", "treemap"].filter((k) => elements(svg, k).length > 0));
    expect(kinds).toEqual([[], ["histogram"], ["histogram"], ["box"], ["treemap"]]);
    const customers = host.readSheetValues("RFM Customers").length - 1;
    expect(drawnBins(svgs[1].svg).reduce((a, b) => a + b.count, 0)).toBe(customers);
    expect(Number(elements(svgs[3].svg, "box")[0]["data-n"])).toBe(customers);
  });
});
