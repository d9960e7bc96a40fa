/**
 * The "RFM Dashboard" sheet, the first of the add-in's sheets: what an analyst presents. Every figure is a formula
 * over the RFM Customers table that follows its filters (dashboardFormulas.ts), so the slicers placed here
 * (Segment, and Country when the data has it) filter the table and the figures and charts follow.
 *
 * Layout (1-based rows; k = segments, b = bins; all within columns A-L and rows 1-40 for the default 5 bins, so it
 * shows at 100 % zoom on a 1366 × 768 screen with the task pane open):
 *   A1 title, A2 snapshot and how to filter
 *   A4:E5            KPI labels and formulas: customers, revenue, average order value, top two segments' revenue
 *                    share, median recency
 *   A7 …  A(8+k)     segments by revenue (largest first): Segment | Revenue | Customers | Revenue share | Customer
 *                    share, SUMPRODUCT/SUBTOTAL formulas; each name filled with its segment colour (palette.ts)
 *   below            the segment map: R score (rows, b..1) × F score (columns 1..b), each cell filled with the
 *                    colour of its largest segment and showing that segment's name, the cell's customers and its
 *                    share of revenue (all customers: the map describes the scoring, not the filter)
 *   G1 … L12         the Segment and Country slicers; G13 … L27 revenue by segment (one coloured series each)
 *   A28 … L40        distributions: histograms of Recency and Frequency, box & whisker of Monetary and a treemap of
 *                    revenue by segment (ExcelApi 1.9); on older Excel column charts of customers per R, F and M score
 *   row 43 on        chart data: customers per score (formulas that follow the filters), for the fallback charts
 */
import { timestampToExcelSerial } from "../rfm";
import type { RfmResult } from "../rfm/types";
import { FORMAT } from "./cells";
import { countWhere, kpiFormulas, shareOf, sumWhere } from "./dashboardFormulas";
import type { WriteEnv } from "./customersSheet";
import { segmentColors } from "./palette";
import { CellBlock } from "./summarySheet";
import { columnLetters } from "./source";

export const DASHBOARD_SHEET = "RFM Dashboard";

/** Zero-based positions of the dashboard's parts, for the writer and the tests. */
export interface DashboardLayout {
  kpiTop: number;
  segmentTop: number;
  /** Segments in the table, largest revenue first: label, name, colour. */
  segments: { label: string; name: string; color: string }[];
  mapTop: number;
  bins: number;
  /** First column of the slicers and the revenue chart. */
  rightCol: number;
  chartsTop: number;
  dataTop: number;
  /** Per map cell (row-major, R = b first): its largest segment's label, or "" when empty. */
  mapSegments: string[][];
  /**
   * Section titles, written after the columns are fitted (their long text runs on into the empty cells to the
   * right instead of widening column A): [row, column, text].
   */
  titles: [number, number, string][];
}

export const KPI_LABELS = [
  "Customers",
  "Revenue",
  "Average order value",
  "Top 2 segments' revenue share",
  "Median recency (days)",
] as const;

export const SEGMENT_HEADERS = ["Segment", "Revenue", "Customers", "Revenue share", "Customer share"] as const;

/** The segment map's cells: per R (b..1) × F (1..b), customers per segment and revenue. */
function mapCells(result: RfmResult): { counts: Map<string, number>; customers: number; revenue: number }[][] {
  const b = result.bins;
  const cells = Array.from({ length: b }, () =>
    Array.from({ length: b }, () => ({ counts: new Map<string, number>(), customers: 0, revenue: 0 })),
  );
  for (const c of result.customers) {
    const cell = cells[b - c.r][c.f - 1];
    cell.counts.set(c.segment, (cell.counts.get(c.segment) ?? 0) + 1);
    cell.customers++;
    cell.revenue += c.monetary;
  }
  return cells;
}

/** "Champions · 312 · 24.1%": the map cell's text (name on the first line). */
function mapText(name: string, customers: number, share: number): string {
  return `${name}\n${customers.toLocaleString("en-US")} · ${(100 * share).toFixed(1)}%`;
}

/** The cells of the dashboard (values and formulas) and where everything is. */
export function buildDashboard(
  result: RfmResult,
  env: WriteEnv,
  table: string,
): { block: CellBlock; layout: DashboardLayout } {
  const names = new Map(result.segments.map((s) => [s.label, s.name]));
  const colors = segmentColors(result.scheme);
  const b = new CellBlock();
  b.set(0, 0, "RFM Dashboard");
  const snapshot = timestampToExcelSerial(result.snapshot, env.dateSystem);
  b.set(1, 0, "Snapshot");
  b.set(1, 1, snapshot, FORMAT.date);
  b.set(1, 2, "Filter with the slicers: every figure and chart here follows them.", FORMAT.text);

  const segs = [...result.segments].sort((x, y) => y.revenue - x.revenue || x.label.localeCompare(y.label));
  const k = Math.max(1, segs.length);
  const kpiTop = 3;
  const segmentTop = 6;
  const first = segmentTop + 2; // 0-based row of the first segment
  const last = first + k - 1;
  const range = (c: number) => `$${columnLetters(c)}$${first + 1}:$${columnLetters(c)}$${last + 1}`;
  const kpi = kpiFormulas(table, range(1), segs.length);
  const money0 = env.currency.replace(".00", "");
  b.row(kpiTop, 0, [...KPI_LABELS]);
  b.row(
    kpiTop + 1,
    0,
    [kpi.customers, kpi.revenue, kpi.orderValue, kpi.topTwoShare, kpi.medianRecency],
    ["#,##0", money0, env.currency, FORMAT.percent, "#,##0"],
  );

  const titles: [number, number, string][] = [[segmentTop, 0, "Segments by revenue (follows the filters)"]];
  b.row(segmentTop + 1, 0, [...SEGMENT_HEADERS]);
  segs.forEach((sg, i) => {
    const r = first + i;
    const key = `$A${r + 1}`;
    b.row(
      r,
      0,
      [
        sg.name,
        sumWhere(table, "Segment", key, "Monetary"),
        countWhere(table, "Segment", key),
        shareOf(`B${r + 1}`, range(1)),
        shareOf(`C${r + 1}`, range(2)),
      ],
      [FORMAT.text, env.currency, "#,##0", FORMAT.percent, FORMAT.percent],
    );
  });

  const bins = result.bins;
  const mapTop = last + 2;
  titles.push([
    mapTop,
    0,
    "Segment map: R score (rows) × F score (columns), all customers: segment, customers, revenue share",
  ]);
  b.set(mapTop + 1, 0, "R \\ F", FORMAT.text);
  for (let f = 1; f <= bins; f++) b.set(mapTop + 1, f, `F = ${f}`, FORMAT.text);
  const cells = mapCells(result);
  const total = result.totalRevenue || 1;
  const mapSegments = cells.map((row, i) => {
    b.set(mapTop + 2 + i, 0, `R = ${bins - i}`, FORMAT.text);
    return row.map((cell, j) => {
      let top = "";
      let most = 0;
      for (const [label, n] of cell.counts) if (n > most) [top, most] = [label, n];
      const text = top ? mapText(names.get(top) ?? top, cell.customers, cell.revenue / total) : "–";
      b.set(mapTop + 2 + i, 1 + j, text, FORMAT.text);
      return top;
    });
  });

  const rightCol = Math.max(6, bins + 1);
  const chartsTop = Math.max(27, mapTop + 2 + bins + 1);
  const dataTop = chartsTop + 15;
  writeScoreData(b, dataTop, bins, table);
  const segments = segs.map((sg) => ({ label: sg.label, name: sg.name, color: colors.get(sg.label) ?? "#BBBBBB" }));
  return {
    block: b,
    layout: { kpiTop, segmentTop, segments, mapTop, bins, rightCol, chartsTop, dataTop, mapSegments, titles },
  };
}

/** Chart data below the view: customers per R, F and M score that follow the filters. */
function writeScoreData(b: CellBlock, top: number, bins: number, table: string): void {
  b.set(top, 0, "Chart data: visible customers per score (for the score charts)");
  b.row(top + 1, 0, ["Score", "R", "F", "M"]);
  for (let s = 1; s <= bins; s++) {
    const r = top + 1 + s;
    // Number formats given: a formula in a cell left to CellBlock's default would be written as text.
    b.row(
      r,
      0,
      [
        `Score ${s}`,
        countWhere(table, "R", String(s)),
        countWhere(table, "F", String(s)),
        countWhere(table, "M", String(s)),
      ],
      [FORMAT.text, "#,##0", "#,##0", "#,##0"],
    );
  }
}
