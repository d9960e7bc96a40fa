/**
 * The "RFM Summary" sheet: the per-segment table, the per-segment value table (valueColumns.ts), the R × F grid of
 * customer counts, the method block (source, snapshot, scheme, scoring, quantile edges, how the value figures are
 * computed, exclusions with counts and example rows, warnings) and three native charts bound to those ranges, so
 * they follow when the analyst edits the tables:
 * customers per segment (bar), revenue share by segment (doughnut), customers by R and F (clustered columns).
 *
 * Layout (rows are 1-based sheet rows; k = segments (at least 1 row each table), b = bins):
 *   A1                 title
 *   A3 : I(3+k)        table "RFMSegments": Segment, Customers, Share, Revenue, Revenue share, Mean recency (days),
 *                      Mean frequency, Mean monetary, Suggested action
 *   A(5+k)             "Value per segment"; below it, A(6+k) : I(6+2k), table "RFMSegmentValues": Segment,
 *                      Customers, Mean order value, Order value, Mean age (days), Repeat customers, Mean purchase
 *                      interval (days), Mean tenure (days), Mean value per year
 *   A(8+2k)            grid title; the grid below it: "R \ F", F=1..F=b across, R=b..R=1 down
 *   right of the grid  chart data for the doughnut: Segment | Revenue share (the doughnut needs the two columns
 *                      side by side, and they are not adjacent in the segment table)
 *   below the grid     method block (label | value), exclusions (rule | rows | example rows), warnings
 *   C3 onwards         the charts, stacked in rows 3-20, 22-39 and 41-58, each 8 columns wide from column C,
 *                      right of the widest block with one empty column between. The tables end at column I and
 *                      the chart data at 0-based column b + 3, so C is K for up to 5 bins (the default), L for 6,
 *                      M for 7 and P for 10.
 *
 * The whole block is one rectangle of values written in one request (number formats first, so that text such as
 * edges "0, 12, 50" is never reinterpreted) together with the two tables; color scale, column widths and charts in
 * a second request.
 */
import { timestampToExcelSerial } from "../rfm";
import type { RfmResult } from "../rfm/types";
import { excelWouldConvert, FORMAT } from "./cells";
import { addColorScale, startSheet, type SheetWriteResult, type WriteEnv } from "./customersSheet";
import type { XlCell } from "./io";
import { Session } from "./io";
import type { SheetPlan } from "./outputs";
import { queueSaveMarker, type OutputsMarker } from "./settings";
import { columnLetters } from "./source";
import { SEGMENT_VALUE_HEADERS, SEGMENT_VALUES_TABLE, writeSegmentValueTable } from "./valueColumns";

/** A sparse block of cells grown as it is filled, written as one rectangle. */
export class CellBlock {
  values: XlCell[][] = [];
  formats: (string | undefined)[][] = [];
  width = 0;
  set(r: number, c: number, v: XlCell, format?: string): void {
    while (this.values.length <= r) {
      this.values.push([]);
      this.formats.push([]);
    }
    this.values[r][c] = v;
    this.formats[r][c] = format ?? (typeof v === "string" && excelWouldConvert(v) ? FORMAT.text : undefined);
    if (c + 1 > this.width) this.width = c + 1;
  }
  row(r: number, c: number, vs: XlCell[], formats?: (string | undefined)[]): void {
    vs.forEach((v, j) => this.set(r, c + j, v, formats?.[j]));
  }
  /** Rectangular arrays (empty cells "" / "General"). */
  rect(): { values: XlCell[][]; formats: string[][] } {
    const values = this.values.map((row) => {
      const out = new Array<XlCell>(this.width);
      for (let j = 0; j < this.width; j++) out[j] = row[j] ?? "";
      return out;
    });
    const formats = this.formats.map((row) => {
      const out = new Array<string>(this.width);
      for (let j = 0; j < this.width; j++) out[j] = row[j] ?? FORMAT.general;
      return out;
    });
    return { values, formats };
  }
}

export const SEGMENT_TABLE_HEADERS = [
  "Segment",
  "Customers",
  "Share",
  "Revenue",
  "Revenue share",
  "Mean recency (days)",
  "Mean frequency",
  "Mean monetary",
  "Suggested action",
] as const;

/** Where things are on the summary sheet (zero-based rows/columns), for the charts and the tests. */
export interface SummaryLayout {
  tableTop: number;
  segments: number;
  /** Row of the "Value per segment" title; the value table's header is the row below. */
  valueTop: number;
  gridTop: number;
  bins: number;
  methodTop: number;
  /** Top-left of the doughnut's chart data (header row). */
  shareTop: number;
  shareCol: number;
  /** First column of the charts: right of everything the sheet holds, with one empty column between. */
  chartCol: number;
}

/** How many columns each chart spans (K:R in the default layout). */
export const CHART_COLUMNS = 8;

/** The customers per R (rows, b..1) and F (columns, 1..b) score. */
export function rfGrid(result: RfmResult): number[][] {
  const b = result.bins;
  const grid = Array.from({ length: b }, () => new Array<number>(b).fill(0));
  for (const c of result.customers) grid[b - c.r][c.f - 1]++;
  return grid;
}

function edgesText(edges: readonly number[]): string {
  return edges.map((e) => (Number.isInteger(e) ? String(e) : e.toFixed(2))).join(", ");
}

export interface SummaryInput {
  result: RfmResult;
  env: WriteEnv;
  /** Source address shown in the method block. */
  source: string;
  /** Scheme id as chosen (e.g. "rf10", "custom: Segments!A1:I12"). */
  schemeLabel: string;
  /** Warnings of the whole run (engine and adapter). */
  warnings: string[];
}

export function buildSummary(input: SummaryInput): { block: CellBlock; layout: SummaryLayout } {
  const { result, env } = input;
  const b = new CellBlock();
  b.set(0, 0, "RFM segmentation summary");
  const tableTop = 2;
  b.row(tableTop, 0, [...SEGMENT_TABLE_HEADERS]);
  result.segments.forEach((sg, i) => {
    b.row(
      tableTop + 1 + i,
      0,
      [
        sg.name,
        sg.customers,
        sg.customerShare,
        sg.revenue,
        sg.revenueShare,
        sg.meanRecency,
        sg.meanFrequency,
        sg.meanMonetary,
        sg.action,
      ],
      [
        undefined,
        FORMAT.integer,
        FORMAT.percent,
        env.currency,
        FORMAT.percent,
        FORMAT.decimal1,
        FORMAT.decimal1,
        env.currency,
      ],
    );
  });
  const k = result.segments.length;
  const nSeg = Math.max(1, k);
  const bins = result.bins;
  // Rows for the value table (written by writeSegmentValueTable): title, header, one row per segment.
  const valueTop = tableTop + nSeg + 2;
  b.set(valueTop, 0, "Value per segment");
  const gridTop = valueTop + nSeg + 4;
  b.set(gridTop - 1, 0, "Customers by R score (rows) and F score (columns)");
  b.set(gridTop, 0, "R \\ F");
  for (let f = 1; f <= bins; f++) b.set(gridTop, f, `F=${f}`, FORMAT.text);
  const grid = rfGrid(result);
  for (let i = 0; i < bins; i++) {
    b.set(gridTop + 1 + i, 0, `R=${bins - i}`, FORMAT.text);
    for (let f = 0; f < bins; f++) b.set(gridTop + 1 + i, 1 + f, grid[i][f], FORMAT.integer);
  }

  const shareCol = bins + 2;
  b.set(gridTop - 1, shareCol, "Revenue share by segment (chart data)");
  b.row(gridTop, shareCol, ["Segment", "Revenue share"]);
  result.segments.forEach((sg, i) =>
    b.row(gridTop + 1 + i, shareCol, [sg.name, sg.revenueShare], [undefined, FORMAT.percent]),
  );

  let r = gridTop + Math.max(bins, k) + 2;
  const methodTop = r;
  b.set(r++, 0, "Method");
  const line = (label: string, value: XlCell, format?: string) => {
    b.set(r, 0, label);
    b.set(r, 1, value, format);
    r++;
  };
  line("Source", input.source, FORMAT.text);
  line("Rows read", result.rowsRead, FORMAT.thousands);
  line("Rows used", result.rowsUsed, FORMAT.thousands);
  line("Customers", result.customers.length, FORMAT.thousands);
  line("Total revenue", result.totalRevenue, env.currency);
  line("Snapshot date", timestampToExcelSerial(result.snapshot, env.dateSystem), "yyyy-mm-dd hh:mm");
  line("Scheme", `${input.schemeLabel}${result.scheme.name ? ` (${result.scheme.name})` : ""}`, FORMAT.text);
  line("Scoring", `${result.scoring}, ${bins} bins`, FORMAT.text);
  line("Recency edges (days)", edgesText(result.edges.recency), FORMAT.text);
  line("Frequency edges", edgesText(result.edges.frequency), FORMAT.text);
  line("Monetary edges", edgesText(result.edges.monetary), FORMAT.text);
  line(
    "Value figures",
    "order value = Monetary / Frequency; age = days from first to last purchase; purchase interval = age / " +
      "(Frequency − 1), repeat customers only; tenure = days from first purchase to the snapshot; value per year = " +
      "Monetary × 365 / max(tenure, 30)",
    FORMAT.text,
  );
  r++;
  b.row(r++, 0, ["Excluded rows", "Rows", "Example rows (sheet row numbers)"]);
  for (const ex of result.exclusions) {
    b.row(r++, 0, [ex.description, ex.count, ex.exampleRows.join(", ")], [FORMAT.text, FORMAT.integer, FORMAT.text]);
  }
  if (result.exclusions.length === 0) b.set(r++, 0, "(none)");
  r++;
  b.set(r++, 0, "Warnings");
  if (input.warnings.length === 0) b.set(r++, 0, "(none)");
  for (const w of input.warnings) b.set(r++, 0, w, FORMAT.text);
  // The block holds the segment table, the grid and its chart data; the value table is written beside it, from
  // column A. Whichever reaches further right decides where the charts may start without covering cells.
  const chartCol = Math.max(b.width, SEGMENT_VALUE_HEADERS.length) + 1;
  return {
    block: b,
    layout: { tableTop, segments: k, valueTop, gridTop, bins, methodTop, shareTop: gridTop, shareCol, chartCol },
  };
}

export async function writeSummarySheet(
  s: Session,
  plan: SheetPlan,
  input: SummaryInput,
  tableName: string,
  marker: OutputsMarker,
  valueTableName: string = SEGMENT_VALUES_TABLE,
): Promise<SheetWriteResult & { layout: SummaryLayout }> {
  const { block, layout } = buildSummary(input);
  const { values, formats } = block.rect();
  // Both tables are recorded with the sheet from its creation on, so a re-run frees both names.
  const tables = [tableName, valueTableName];
  const started = startSheet(s, plan, marker, tables);
  const sheet = started.sheet;
  const m = started.marker;
  queueSaveMarker(s.context, m);
  // Text formats must precede the values (a small block: both in this one request).
  const all = sheet.getRangeByIndexes(0, 0, values.length, block.width);
  all.numberFormat = formats;
  all.values = values;
  s.suspendCalculation();

  const k = layout.segments;
  const nSeg = Math.max(1, k);
  // The segment table first: it is the sheet's first table, as before the value table existed.
  const table = sheet.tables.add(`A${layout.tableTop + 1}:${columnLetters(8)}${layout.tableTop + 1 + nSeg}`, true);
  table.name = tableName;
  table.style = "TableStyleMedium2";
  // The value table over the rows the block left for it; sends this first request.
  await writeSegmentValueTable(s, sheet, layout.valueTop + 1, 0, input.result, input.env, valueTableName, {
    autofit: false,
  });

  sheet.getRange("A1").format.font.bold = true;
  sheet.getRange("A1").format.font.size = 14;
  const gridBody = sheet.getRangeByIndexes(layout.gridTop + 1, 1, layout.bins, layout.bins);
  addColorScale(gridBody);
  sheet.getRangeByIndexes(layout.gridTop, 0, 1, layout.bins + 1).format.font.bold = true;
  sheet.getRangeByIndexes(layout.methodTop, 0, 1, 1).format.font.bold = true;
  sheet.getRangeByIndexes(layout.valueTop, 0, 1, 1).format.font.bold = true;
  if (k > 0) {
    sheet.getRangeByIndexes(layout.shareTop, layout.shareCol, 1, 2).format.font.bold = true;
  }
  // Fit the two tables' columns in one range (autofit sizes a column from the fitted range alone, so two calls
  // would let the second undo the first); the long texts (title, action, method notes) may overflow. Column I
  // holds the long suggested actions above and a money column below: fitted to the value table only.
  sheet.getRangeByIndexes(layout.tableTop, 0, layout.valueTop + 2 + nSeg - layout.tableTop, 8).format.autofitColumns();
  sheet.getRangeByIndexes(layout.valueTop + 1, 8, nSeg + 1, 1).format.autofitColumns();
  // Column B also holds the method block's figures (total revenue, the snapshot date and time): fitted again over
  // the rows down to the snapshot, a superset of the first fit's, so they never show as #####.
  sheet.getRangeByIndexes(layout.tableTop, 1, layout.methodTop + 7 - layout.tableTop, 1).format.autofitColumns();

  // The charts' cells: CHART_COLUMNS columns from layout.chartCol, in three bands of rows.
  const left = columnLetters(layout.chartCol);
  const right = columnLetters(layout.chartCol + CHART_COLUMNS - 1);
  const place = (chart: Excel.Chart, firstRow: number, lastRow: number) =>
    chart.setPosition(`${left}${firstRow}`, `${right}${lastRow}`);
  let charts = 0;
  if (k > 0) {
    const top = layout.tableTop + 1; // 1-based header row of the table
    const c1 = sheet.charts.add("BarClustered", sheet.getRange(`A${top}:B${top + k}`), "Columns");
    c1.title.text = "Customers per segment";
    c1.legend.visible = false;
    place(c1, 3, 20);
    charts++;

    const c2 = sheet.charts.add(
      "Doughnut",
      sheet.getRangeByIndexes(layout.shareTop, layout.shareCol, k + 1, 2),
      "Columns",
    );
    c2.title.text = "Revenue share by segment";
    place(c2, 22, 39);
    charts++;
  }
  const g0 = layout.gridTop + 1;
  const c3 = sheet.charts.add(
    "ColumnClustered",
    sheet.getRange(`A${g0}:${columnLetters(layout.bins)}${g0 + layout.bins}`),
    "Columns",
  );
  c3.title.text = "Customers by R score (groups) and F score (bars)";
  place(c3, 41, 58);
  charts++;
  sheet.activate();
  s.suspendScreen();
  await s.sync();
  return { name: plan.name, sheet, tables, charts, warnings: [], slicers: [], marker: m, layout };
}
