/**
 * What a chart shows, derived from its source cells as they are now (Excel charts are bound to ranges):
 * categories and one list of values per series, plus the settings a renderer needs.
 *
 * Layout rules (Excel's): series run down columns ("Columns", and "Auto" on the web) or across rows ("Rows"); the
 * first row holds series names when its cells are text; the first column holds category labels when its data cells
 * are text or dates (for XY scatter it holds the X values). Text in value cells plots as nothing (null). Rows that a
 * table filter (or a slicer) hides are left out, as Excel charts plot visible cells only by default; `hiddenRows`
 * counts them. A filter kind the simulation cannot evaluate (calc.ts) makes it throw rather than plot hidden rows.
 * Cost: one read of the source cells. Example: A1:B3 = [["Segment","Customers"],["Champions",12],["Lost",30]] →
 * `{ categories: ["Champions","Lost"], series: [{ name: "Customers", values: [12, 30] }] }`.
 */
import { rectCells } from "./address";
import { calculatedBlock, rowsHiddenByFilters } from "./calc";
import { chartSourceRect, ChartModel } from "./model";

export interface ChartSeriesData {
  name: string;
  values: (number | null)[];
  /** Colour set with series.format.fill.setSolidColor, if any. */
  color?: string;
  /** Colours set on single points (series.points.getItemAt(i).format.fill), null where none; only when any is set. */
  pointColors?: (string | null)[];
  hasDataLabels?: boolean;
}

export interface ChartData {
  name: string;
  sheet: string;
  chartType: string;
  title: string;
  /** Source address as given to charts.add / setData; null after its cells were deleted. */
  sourceAddress: string | null;
  seriesBy: "Columns" | "Rows";
  categories: (string | number)[];
  series: ChartSeriesData[];
  /** Source rows left out because a table filter hides them (Excel plots visible cells only by default). */
  hiddenRows: number;
  position: {
    top: number;
    left: number;
    width: number;
    height: number;
    cells: { start: string; end: string | null } | null;
  };
  legend: { visible: boolean; position: string };
  dataLabels: ChartModel["dataLabels"];
  axes: { categoryTitle: string; valueTitle: string };
}

/** Above this many source cells the derivation keeps the first rows only (a chart of 541,909 points is not useful). */
const MAX_CELLS = 200_000;

export function chartData(ch: ChartModel): ChartData {
  const base: ChartData = {
    name: ch.name,
    sheet: ch.sheet.name,
    chartType: ch.chartType,
    title: "",
    sourceAddress: ch.source ? ch.source.sheet.address(ch.source.rect) : null,
    seriesBy: ch.seriesBy === "Rows" ? "Rows" : "Columns",
    categories: [],
    series: [],
    hiddenRows: 0,
    position: { top: ch.top, left: ch.left, width: ch.width, height: ch.height, cells: ch.positionCells },
    legend: { visible: ch.legend.visible, position: ch.legend.position },
    dataLabels: { ...ch.dataLabels },
    axes: {
      categoryTitle: ch.axes.category.title.visible || ch.axes.category.title.text ? ch.axes.category.title.text : "",
      valueTitle: ch.axes.value.title.visible || ch.axes.value.title.text ? ch.axes.value.title.text : "",
    },
  };
  const rect = chartSourceRect(ch);
  if (!rect || !ch.source) {
    base.title = typeof ch.title.text === "string" ? ch.title.text : "";
    return base;
  }
  let r = rect;
  if (rectCells(r) > MAX_CELLS) r = { ...r, r1: r.r0 + Math.max(1, Math.floor(MAX_CELLS / (r.c1 - r.c0 + 1))) - 1 };
  const sheet = ch.source.sheet;
  // Formula cells the simulation can calculate plot their result, as in Excel; the others plot as text (nothing).
  const shown = calculatedBlock(sheet, r);
  let values = shown.values as (string | number | boolean)[][];
  let text = shown.text;
  let formats = sheet.readBlock(r, "numberFormat") as string[][];
  const hidden = rowsHiddenByFilters(sheet);
  if (hidden.size > 0) {
    const shownRow = (_: unknown, i: number) => !hidden.has(r.r0 + i);
    base.hiddenRows = values.length - values.filter(shownRow).length;
    values = values.filter(shownRow);
    text = text.filter(shownRow);
    formats = formats.filter(shownRow);
  }
  if (base.seriesBy === "Rows") {
    values = transpose(values);
    text = transpose(text);
    formats = transpose(formats);
  }
  const rows = values.length;
  const cols = rows > 0 ? values[0].length : 0;
  const isNum = (v: unknown) => typeof v === "number";
  const isDateFmt = (f: string) => /[dy]/i.test(f.replace(/"[^"]*"/g, "")) || /m.*d|d.*m/i.test(f);
  // Series names in the first row when it holds no numbers (and there is data below).
  const headerRow = rows > 1 && values[0].every((v) => !isNum(v));
  const first = headerRow ? 1 : 0;
  const scatter = /^XYScatter/.test(ch.chartType);
  let labelCol = false;
  if (cols > 1) {
    let allText = true;
    let allDates = true;
    for (let i = first; i < rows; i++) {
      const v = values[i][0];
      if (isNum(v)) allText = false;
      if (!(isNum(v) && isDateFmt(formats[i][0]))) allDates = false;
    }
    labelCol = scatter || allText || allDates || (headerRow && values[0][0] === "");
  }
  const startCol = labelCol ? 1 : 0;
  const categories: (string | number)[] = [];
  for (let i = first; i < rows; i++) {
    categories.push(
      labelCol ? (scatter && isNum(values[i][0]) ? (values[i][0] as number) : text[i][0]) : i - first + 1,
    );
  }
  const series: ChartSeriesData[] = [];
  for (let j = startCol; j < cols; j++) {
    const k = series.length;
    const vals: (number | null)[] = [];
    for (let i = first; i < rows; i++) {
      const v = values[i][j];
      vals.push(isNum(v) ? (v as number) : null);
    }
    const o = ch.series[k] ?? {};
    series.push({
      name: o.name ?? (headerRow ? text[0][j] : `Series${k + 1}`),
      values: vals,
      ...(o.color ? { color: o.color } : {}),
      ...(o.pointColors && Object.keys(o.pointColors).length
        ? { pointColors: vals.map((_, i) => o.pointColors![i] ?? null) }
        : {}),
      ...(o.hasDataLabels !== undefined ? { hasDataLabels: o.hasDataLabels } : {}),
    });
  }
  base.categories = categories;
  base.series = series;
  base.title = typeof ch.title.text === "string" ? ch.title.text : series.length === 1 ? series[0].name : "Chart Title";
  return base;
}

function transpose<T>(m: T[][]): T[][] {
  if (m.length === 0) return m;
  const out: T[][] = [];
  for (let j = 0; j < m[0].length; j++) out.push(m.map((row) => row[j]));
  return out;
}
