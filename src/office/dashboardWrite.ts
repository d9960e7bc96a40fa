/**
 * Writes the "RFM Dashboard" sheet that dashboardSheet.ts lays out: cells and formats in one request, charts in a
 * second, the statistical charts (ExcelApi 1.9: box & whisker, treemap; histogram with them) in their own request
 * so that a host refusing them loses only those (the plain column chart of customers per score replaces them),
 * then the slicers (ExcelApi 1.10; without them the table's filter buttons filter the dashboard just as well).
 */
import type { RfmResult } from "../rfm/types";
import { startSheet, type SheetWriteResult, type WriteEnv } from "./customersSheet";
import { buildDashboard, type DashboardLayout } from "./dashboardSheet";
import { apiSupported } from "./host";
import type { Session } from "./io";
import type { SheetPlan } from "./outputs";
import { textColorOn } from "./palette";
import { queueSaveMarker, type OutputsMarker } from "./settings";
import { columnLetters } from "./source";

export interface DashboardInput {
  result: RfmResult;
  env: WriteEnv;
  /** The customer table the formulas read and the slicers filter. */
  table: string;
  /** Its headers, to know whether a Country slicer is possible. */
  tableHeaders: readonly string[];
  /** The sheets written before it; the dashboard goes before the first of them. */
  before: Excel.Worksheet[];
}

/**
 * Width in points the dashboard may take so that it shows without scrolling right at 100 % zoom on a 1366-pixel
 * screen with the task pane open (1366 px − the pane's 320 px − row headings and scroll bar ≈ 1,000 px at 96 dpi).
 */
export const DASHBOARD_WIDTH_PT = 750;
/** The six columns right of the tables (slicers, charts) share what the fitted tables leave, within these bounds. */
const RIGHT_WIDTH = { min: 36, max: 64 };

/**
 * Queues the cell formats: title, KPIs, segment colours, the map's fills; then fits the tables' columns to their
 * content (the section titles are written after the fit, so they run on to the right instead of widening column A)
 * and the rows to their wrapped text. Returns the fitted columns' widths, loaded by the next sync.
 */
function formatCells(sheet: Excel.Worksheet, layout: DashboardLayout, width: number): Excel.RangeFormat[] {
  const title = sheet.getRange("A1");
  title.format.font.bold = true;
  title.format.font.size = 16;
  sheet.getRangeByIndexes(layout.kpiTop, 0, 1, 5).format.font.bold = true;
  sheet.getRangeByIndexes(layout.kpiTop, 0, 1, 5).format.wrapText = true;
  const values = sheet.getRangeByIndexes(layout.kpiTop + 1, 0, 1, 5);
  values.format.font.size = 14;
  values.format.font.bold = true;
  for (const r of [layout.segmentTop, layout.mapTop, layout.dataTop]) {
    sheet.getRangeByIndexes(r, 0, 1, 1).format.font.bold = true;
  }
  sheet.getRangeByIndexes(layout.segmentTop + 1, 0, 1, 5).format.font.bold = true;
  layout.segments.forEach((sg, i) => {
    const cell = sheet.getRangeByIndexes(layout.segmentTop + 2 + i, 0, 1, 1);
    cell.format.fill.color = sg.color;
    cell.format.font.color = textColorOn(sg.color);
  });
  const colorOf = new Map(layout.segments.map((sg) => [sg.label, sg.color]));
  const b = layout.bins;
  sheet.getRangeByIndexes(layout.mapTop + 1, 0, 1, b + 1).format.font.bold = true;
  const map = sheet.getRangeByIndexes(layout.mapTop + 2, 1, b, b);
  map.format.wrapText = true;
  map.format.font.size = 9;
  map.format.verticalAlignment = "Center";
  map.format.horizontalAlignment = "Center";
  layout.mapSegments.forEach((row, i) =>
    row.forEach((label, j) => {
      const color = colorOf.get(label);
      if (!color) return;
      const cell = sheet.getRangeByIndexes(layout.mapTop + 2 + i, 1 + j, 1, 1);
      cell.format.fill.color = color;
      cell.format.font.color = textColorOn(color);
    }),
  );
  const fitTop = layout.kpiTop + 1;
  const fitEnd = layout.mapTop + 2 + b; // exclusive
  sheet.getRangeByIndexes(fitTop, 0, fitEnd - fitTop, layout.rightCol).format.autofitColumns();
  for (const [r, c, text] of layout.titles) sheet.getRangeByIndexes(r, c, 1, 1).values = [[text]];
  sheet.getRangeByIndexes(0, 0, fitEnd, width).format.autofitRows();
  return Array.from({ length: layout.rightCol }, (_, c) =>
    sheet.getRangeByIndexes(0, c, 1, 1).format.load("columnWidth"),
  );
}

/** Sets the columns right of the tables to share what is left of DASHBOARD_WIDTH_PT; returns their width. */
function fitRightColumns(sheet: Excel.Worksheet, layout: DashboardLayout, fitted: Excel.RangeFormat[]): number {
  const left = fitted.reduce((sum, f) => sum + f.columnWidth, 0);
  const w = Math.max(RIGHT_WIDTH.min, Math.min(RIGHT_WIDTH.max, Math.floor((DASHBOARD_WIDTH_PT - left) / 6)));
  sheet.getRangeByIndexes(0, layout.rightCol, 1, 6).format.columnWidth = w;
  return w;
}

/** Writes the dashboard sheet (see the file comment). */
export async function writeDashboardSheet(
  s: Session,
  plan: SheetPlan,
  input: DashboardInput,
  marker: OutputsMarker,
): Promise<SheetWriteResult & { layout: DashboardLayout }> {
  const { block, layout } = buildDashboard(input.result, input.env, input.table);
  const { values, formats } = block.rect();
  const started = startSheet(s, plan, marker, []);
  const sheet = started.sheet;
  let m = started.marker;
  queueSaveMarker(s.context, m);
  const all = sheet.getRangeByIndexes(0, 0, values.length, block.width);
  all.numberFormat = formats;
  all.formulas = values as (string | number | boolean)[][];
  const fitted = formatCells(sheet, layout, block.width);
  for (const w of [sheet, ...input.before]) w.load("position");
  // No suspendCalculation here: autofit, in this same request, must measure the formulas' results, which Excel
  // would not have calculated while calculation is suspended (the sheet has a few dozen formulas: cheap).
  await s.sync();

  const warnings: string[] = [];
  fitRightColumns(sheet, layout, fitted);
  let charts = addRevenueChart(sheet, layout);
  charts += await addDistributionCharts(s, sheet, layout, input.table, warnings);
  const slicers = await addDashboardSlicers(s, sheet, layout, input, warnings);
  m = { ...m, slicers: [...m.slicers, ...slicers] };
  // First among the add-in's sheets, where the analyst starts. A sheet moved right lands after the ones it passes.
  if (input.before.length) {
    const first = Math.min(...input.before.map((w) => w.position));
    sheet.position = sheet.position < first ? first - 1 : first;
  }
  sheet.activate();
  s.suspendScreen();
  await s.sync();
  return { name: plan.name, sheet, tables: [], charts, warnings, slicers, marker: m, layout };
}

/** Revenue by segment, largest first: one series per segment (so each has its own colour and legend entry). */
function addRevenueChart(sheet: Excel.Worksheet, layout: DashboardLayout): number {
  const k = layout.segments.length;
  if (k === 0) return 0;
  const source = sheet.getRangeByIndexes(layout.segmentTop + 1, 0, k + 1, 2);
  const chart = sheet.charts.add("ColumnClustered", source, "Rows");
  chart.title.text = "Revenue by segment (follows the filters)";
  layout.segments.forEach((sg, i) => chart.series.getItemAt(i).format.fill.setSolidColor(sg.color));
  const left = columnLetters(layout.rightCol);
  const right = columnLetters(layout.rightCol + 5);
  chart.setPosition(`${left}13`, `${right}${layout.chartsTop}`);
  return 1;
}

/** The distributions: Excel's statistical charts where the host has them, else customers per score as columns. */
async function addDistributionCharts(
  s: Session,
  sheet: Excel.Worksheet,
  layout: DashboardLayout,
  table: string,
  warnings: string[],
): Promise<number> {
  const row = layout.chartsTop + 1;
  const bottom = row + 12;
  const span = (c0: number, c1: number) => [`${columnLetters(c0)}${row}`, `${columnLetters(c1)}${bottom}`] as const;
  if (apiSupported(s.host, "1.9")) {
    const columns = s.context.workbook.tables.getItem(table).columns;
    const specs: [Excel.ChartType | "Histogram" | "Boxwhisker", string, string, readonly [string, string]][] = [
      ["Histogram", "Recency", "Recency (days): customers", span(0, 1)],
      ["Histogram", "Frequency", "Frequency (orders): customers", span(2, 3)],
      ["Boxwhisker", "Monetary", "Monetary: spread per customer", span(4, 5)],
    ];
    try {
      for (const [type, column, title, [from, to]] of specs) {
        const chart = sheet.charts.add(type, columns.getItem(column).getRange(), "Columns");
        chart.title.text = title;
        chart.setPosition(from, to);
      }
      const k = layout.segments.length;
      if (k > 0) {
        const tree = sheet.charts.add(
          "Treemap",
          sheet.getRangeByIndexes(layout.segmentTop + 1, 0, k + 1, 2),
          "Columns",
        );
        tree.title.text = "Revenue by segment";
        // One colour per segment, as in every other chart (a treemap has one series: colour its points).
        const points = tree.series.getItemAt(0).points;
        layout.segments.forEach((sg, i) => points.getItemAt(i).format.fill.setSolidColor(sg.color));
        tree.setPosition(...span(layout.rightCol, layout.rightCol + 5));
      }
      await s.sync();
      return specs.length + (k > 0 ? 1 : 0);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      warnings.push(`Excel could not draw its statistical charts (${reason}); the dashboard shows score charts.`);
    }
  }
  const b = layout.bins;
  const chart = sheet.charts.add(
    "ColumnClustered",
    sheet.getRangeByIndexes(layout.dataTop + 1, 0, b + 1, 4),
    "Columns",
  );
  chart.title.text = "Customers per R, F and M score (follows the filters)";
  chart.setPosition(...span(0, layout.rightCol + 5));
  await s.sync();
  return 1;
}

/** Segment (and Country) slicers on the dashboard, over the customer table; failures become warnings. */
async function addDashboardSlicers(
  s: Session,
  sheet: Excel.Worksheet,
  layout: DashboardLayout,
  input: DashboardInput,
  warnings: string[],
): Promise<string[]> {
  if (!apiSupported(s.host, "1.10") || input.result.customers.length === 0) return [];
  const fields = ["Segment", ...(input.tableHeaders.includes("Country") ? ["Country"] : [])];
  const anchors = fields.map((_, i) =>
    sheet.getRangeByIndexes(0, layout.rightCol + 3 * i, 12, 3).load("left,top,width,height"),
  );
  await s.sync();
  const names: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    try {
      const slicer = s.context.workbook.slicers.add(input.table, fields[i], sheet);
      slicer.caption = fields[i];
      slicer.left = anchors[i].left;
      slicer.top = anchors[i].top;
      slicer.width = anchors[i].width - 4;
      slicer.height = anchors[i].height - 4;
      slicer.load("name");
      await s.sync();
      names.push(slicer.name);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      warnings.push(`Excel could not add the ${fields[i]} slicer to the dashboard (${reason}).`);
    }
  }
  return names;
}
