/**
 * Charts: `SimChartCollection` (worksheet.charts), `SimChart`, its title, legend, data labels, axes and series, and
 * the series' points (their fill colour only: a treemap's or a pie's per-category colours).
 *
 * A chart keeps its source as a sheet rectangle, like Excel's series formulas, so it follows later edits of those
 * cells; `chartData(chart)` (inspect.ts) derives the categories and series a renderer needs from the current cells.
 * `charts.add(type, range, seriesBy)` accepts `Excel.ChartType` members and their strings; on the web "Auto"
 * lays series out by columns. Example:
 *   const ch = sheet.charts.add("Pie", sheet.getRange("A1:B7"), "Columns"); ch.title.text = "Revenue share";
 */
import { enums } from "../enums";
import { simError } from "../errors";
import type { ChartAxisModel, ChartModel, SheetModel } from "../model";
import { installProps, Meta, PropSpec, SimObject, Exec, versionAtLeast } from "../runtime";
import { defineBag } from "./bag";
import {
  RangeRef,
  SimCollection,
  action,
  checkBool,
  checkColor,
  checkEnum,
  checkInt,
  checkNumber,
  checkString,
  child,
  created,
  liveSheet,
  navChild,
  resolveAddress,
  result,
} from "./common";
import { SimRange } from "./range";
import { SimWorksheet } from "./sheets";
import { chartData } from "../chartdata";

export const CHART_TYPES = Object.values(enums.ChartType).filter((t) => t !== "Invalid");
const SERIES_BY = ["Auto", "Columns", "Rows"];

/** Chart types that Excel.ChartType gained in ExcelApi 1.9 (the statistical and hierarchical charts): an older
 *  Excel does not know the value and refuses it as an invalid argument. Histogram is older (1.1) in the d.ts. */
export const CHART_TYPES_1_9 = ["Boxwhisker", "Pareto", "RegionMap", "Treemap", "Waterfall", "Sunburst", "Funnel"];

function checkChartType(type: string, x: Exec, where: string): string {
  const t = checkEnum(type, CHART_TYPES, "type", where);
  if (CHART_TYPES_1_9.includes(t) && !versionAtLeast(x.host.apiVersion, "1.9")) {
    throw simError(
      "InvalidArgument",
      where,
      `chart type "${t}" needs ExcelApi 1.9; the simulated host supports ExcelApi ${x.host.apiVersion.join(".")}`,
    );
  }
  return t;
}

function liveChart(ch: ChartModel, where: string): ChartModel {
  if (ch.sheet.deleted || !ch.sheet.charts.includes(ch))
    throw simError("ItemNotFound", where, `chart '${ch.name}' was deleted`);
  return ch;
}

function newAxis(): ChartAxisModel {
  return { title: { text: "", visible: false }, visible: true, numberFormat: "General", minimum: null, maximum: null };
}

export class SimChartCollection extends SimCollection<SimChart> {
  static meta: Meta = {
    typeName: "ChartCollection",
    props: { count: { get: (s: SheetModel) => s.charts.length } } as Record<string, PropSpec<never>>,
    collection: true,
  };

  _itemsOf(s: SheetModel): unknown[] {
    return [...liveSheet(s, "ChartCollection").charts];
  }
  _itemClass() {
    return SimChart;
  }

  add(type: string, sourceData: Excel.Range, seriesBy?: string): SimChart {
    const where = "ChartCollection.add";
    if (!(sourceData instanceof SimRange)) {
      throw simError(
        "InvalidArgument",
        where,
        'sourceData must be a Range object (e.g. sheet.getRange("A1:B7")), not an address string',
      );
    }
    this._sameContext(sourceData, where);
    sourceData._ensure();
    return created(this, SimChart, where, undefined, [type, null, seriesBy ?? null], (s: SheetModel, x: Exec) => {
      liveSheet(s, where);
      const t = checkChartType(type, x, where);
      const by = seriesBy === undefined ? "Auto" : checkEnum(seriesBy, SERIES_BY, "seriesBy", where);
      const src = sourceData._entity as RangeRef | null;
      if (!src) throw simError("InvalidArgument", where, "sourceData is a null object");
      let i = s.charts.length + 1;
      while (s.charts.some((c) => c.name === `Chart ${i}`)) i++;
      const n = s.charts.length;
      const ch: ChartModel = {
        id: `{${String(x.model.nextId("chart")).padStart(8, "0")}-C0DE-4000-8000-000000000000}`,
        name: `Chart ${i}`,
        sheet: s,
        chartType: t,
        source: { sheet: src.sheet, rect: { ...src.rect } },
        seriesBy: by as ChartModel["seriesBy"],
        title: { text: null, visible: true, overlay: false, position: "Automatic" },
        legend: { visible: true, position: t === "Pie" || t === "Doughnut" ? "Right" : "Bottom", overlay: false },
        dataLabels: {
          showValue: false,
          showPercentage: false,
          showCategoryName: false,
          showSeriesName: false,
          showLegendKey: false,
          position: "BestFit",
          numberFormat: "General",
          separator: ", ",
        },
        axes: { category: newAxis(), value: newAxis(), series: newAxis() },
        // Excel's default chart is 360 × 216 points, placed near the top-left of the view; cascade new ones.
        top: 20 + 15 * n,
        left: 250 + 15 * n,
        width: 360,
        height: 216,
        style: 2,
        positionCells: null,
        series: [],
      };
      s.charts.push(ch);
      return ch;
    });
  }

  getItem(name: string): SimChart {
    const where = "ChartCollection.getItem";
    return child(this, SimChart, where, undefined, [name], (s: SheetModel) => {
      const ch = s.charts.find((c) => c.name === name || c.id === name);
      if (!ch)
        throw simError(
          "ItemNotFound",
          where,
          `no chart named '${name}' on '${s.name}' (charts: ${s.charts.map((c) => c.name).join(", ") || "none"})`,
        );
      return ch;
    });
  }

  getItemOrNullObject(name: string): SimChart {
    return child(
      this,
      SimChart,
      "ChartCollection.getItemOrNullObject",
      "1.4",
      [name],
      (s: SheetModel) => s.charts.find((c) => c.name === name || c.id === name) ?? null,
      true,
    );
  }

  getItemAt(index: number): SimChart {
    const where = "ChartCollection.getItemAt";
    return child(this, SimChart, where, undefined, [index], (s: SheetModel) => {
      if (!Number.isInteger(index) || index < 0 || index >= s.charts.length)
        throw simError("ItemNotFound", where, `index ${index} is outside 0..${s.charts.length - 1}`);
      return s.charts[index];
    });
  }
}
installProps(SimChartCollection);

function chartProp<K extends keyof ChartModel>(
  key: K,
  check: (v: unknown, n: string, w: string) => ChartModel[K],
  since?: string,
): PropSpec<ChartModel> {
  return {
    since,
    get: (ch) => liveChart(ch, `Chart.${String(key)}`)[key],
    set: (ch, v) => {
      liveChart(ch, `Chart.${String(key)}`)[key] = check(v, String(key), `Chart.${String(key)}`);
    },
  };
}

// Sub-objects stored on the chart record (title, legend, data labels, axes).
const ChartFont = defineBag("ChartFont", {
  bold: { def: false, check: checkBool },
  italic: { def: false, check: checkBool },
  color: { def: "#595959", check: checkColor },
  name: { def: "Calibri", check: checkString },
  size: { def: 10, check: checkNumber },
});
const ChartTextFormat = defineBag("ChartTitleFormat", {}, { font: { cls: () => ChartFont } });

const ChartTitle = defineBag(
  "ChartTitle",
  {
    text: { def: "", check: checkString, get: (rec) => (typeof rec.text === "string" ? rec.text : defaultTitle(rec)) },
    visible: { def: true, check: checkBool },
    overlay: { def: false, check: checkBool },
    position: {
      def: "Automatic",
      since: "1.7",
      check: (v, n, w) => checkEnum(v, Object.values(enums.ChartTitlePosition), n, w),
    },
  },
  { format: { cls: () => ChartTextFormat } },
);

const ChartLegend = defineBag(
  "ChartLegend",
  {
    visible: { def: true, check: checkBool },
    position: { def: "Right", check: (v, n, w) => checkEnum(v, Object.values(enums.ChartLegendPosition), n, w) },
    overlay: { def: false, check: checkBool },
  },
  { format: { cls: () => ChartTextFormat } },
);

const ChartDataLabels = defineBag(
  "ChartDataLabels",
  {
    showValue: { def: false, check: checkBool },
    showPercentage: { def: false, check: checkBool },
    showCategoryName: { def: false, check: checkBool },
    showSeriesName: { def: false, check: checkBool },
    showLegendKey: { def: false, check: checkBool },
    showBubbleSize: { def: false, check: checkBool },
    position: { def: "BestFit", check: (v, n, w) => checkEnum(v, Object.values(enums.ChartDataLabelPosition), n, w) },
    numberFormat: { def: "General", since: "1.8", check: checkString },
    separator: { def: ", ", check: checkString },
  },
  { format: { cls: () => ChartTextFormat } },
);

const ChartAxisTitle = defineBag(
  "ChartAxisTitle",
  { text: { def: "", check: checkString }, visible: { def: false, check: checkBool } },
  { format: { cls: () => ChartTextFormat } },
);

const ChartAxis = defineBag(
  "ChartAxis",
  {
    visible: { def: true, since: "1.7", check: checkBool },
    numberFormat: { def: "General", since: "1.8", check: checkString },
    minimum: { def: null, check: checkNumber },
    maximum: { def: null, check: checkNumber },
    majorUnit: { def: null, check: checkNumber },
    reversePlotOrder: { def: false, since: "1.7", check: checkBool },
    displayUnit: { def: "None", since: "1.7", check: checkString },
  },
  { title: { cls: () => ChartAxisTitle }, format: { cls: () => ChartTextFormat } },
);

export class SimChart extends SimObject {
  static meta: Meta = {
    typeName: "Chart",
    props: {
      name: {
        get: (ch: ChartModel) => liveChart(ch, "Chart.name").name,
        set: (ch: ChartModel, v: unknown) => {
          const name = checkString(v, "name", "Chart.name");
          if (name === "") throw simError("InvalidArgument", "Chart.name", "a chart name cannot be empty");
          ch.name = name;
        },
      },
      id: { since: "1.7", get: (ch: ChartModel) => ch.id },
      chartType: chartProp("chartType", (v, n, w) => checkEnum(v, CHART_TYPES, n, w), "1.7"),
      top: chartProp("top", checkNumber),
      left: chartProp("left", checkNumber),
      width: chartProp("width", (v, n, w) => positive(v, n, w)),
      height: chartProp("height", (v, n, w) => positive(v, n, w)),
      style: chartProp("style", (v, n, w) => checkInt(v, n, w, 1), "1.8"),
      plotBy: {
        since: "1.8",
        get: (ch: ChartModel) => (ch.seriesBy === "Rows" ? "Rows" : "Columns"),
        set: (ch: ChartModel, v: unknown) => {
          ch.seriesBy = checkEnum(v, ["Rows", "Columns"], "plotBy", "Chart.plotBy") as ChartModel["seriesBy"];
        },
      },
    } as Record<string, PropSpec<never>>,
    navs: {
      title: undefined,
      legend: undefined,
      dataLabels: undefined,
      axes: undefined,
      series: undefined,
      worksheet: "1.2",
    },
  };

  get title(): SimObject {
    return navChild(this, "title", ChartTitle, undefined, (ch: ChartModel) =>
      titleRecord(liveChart(ch, "Chart.title")),
    );
  }
  get legend(): SimObject {
    return navChild(this, "legend", ChartLegend, undefined, (ch: ChartModel) => liveChart(ch, "Chart.legend").legend);
  }
  get dataLabels(): SimObject {
    return navChild(
      this,
      "dataLabels",
      ChartDataLabels,
      undefined,
      (ch: ChartModel) => liveChart(ch, "Chart.dataLabels").dataLabels,
    );
  }
  get axes(): SimChartAxes {
    return navChild(this, "axes", SimChartAxes, undefined, (ch: ChartModel) => liveChart(ch, "Chart.axes"));
  }
  get series(): SimChartSeriesCollection {
    return navChild(this, "series", SimChartSeriesCollection, undefined, (ch: ChartModel) =>
      liveChart(ch, "Chart.series"),
    );
  }
  get worksheet(): SimWorksheet {
    return navChild(this, "worksheet", SimWorksheet, "1.2", (ch: ChartModel) => liveChart(ch, "Chart.worksheet").sheet);
  }

  /** Places the chart over cells: its top-left at startCell, its bottom-right at endCell's bottom-right. */
  setPosition(startCell: Excel.Range | string, endCell?: Excel.Range | string): void {
    const where = "Chart.setPosition";
    for (const r of [startCell, endCell]) {
      if (r instanceof SimRange) {
        this._sameContext(r, where);
        r._ensure();
      }
    }
    action(
      this,
      where,
      undefined,
      [typeof startCell === "string" ? startCell : null, typeof endCell === "string" ? endCell : null],
      (ch: ChartModel, x: Exec) => {
        liveChart(ch, where);
        const ref = (r: Excel.Range | string): RangeRef =>
          r instanceof SimRange ? (r._entity as RangeRef) : resolveAddress(x.model, ch.sheet, r, where);
        const a = ref(startCell);
        if (a.sheet !== ch.sheet)
          throw simError("InvalidArgument", where, "startCell is on another sheet than the chart");
        ch.top = a.sheet.topOf(a.rect.r0);
        ch.left = a.sheet.leftOf(a.rect.c0);
        let endAddr: string | null = null;
        if (endCell !== undefined) {
          const b = ref(endCell);
          if (b.sheet !== ch.sheet)
            throw simError("InvalidArgument", where, "endCell is on another sheet than the chart");
          ch.width = Math.max(1, b.sheet.leftOf(b.rect.c1 + 1) - ch.left);
          ch.height = Math.max(1, b.sheet.topOf(b.rect.r1 + 1) - ch.top);
          endAddr = b.sheet.address(b.rect);
        }
        ch.positionCells = { start: a.sheet.address(a.rect), end: endAddr };
      },
    );
  }

  setData(sourceData: Excel.Range, seriesBy?: string): void {
    const where = "Chart.setData";
    if (!(sourceData instanceof SimRange))
      throw simError("InvalidArgument", where, "sourceData must be a Range object");
    this._sameContext(sourceData, where);
    sourceData._ensure();
    action(this, where, undefined, [seriesBy ?? null], (ch: ChartModel) => {
      liveChart(ch, where);
      const src = sourceData._entity as RangeRef;
      ch.source = { sheet: src.sheet, rect: { ...src.rect } };
      if (seriesBy !== undefined)
        ch.seriesBy = checkEnum(seriesBy, SERIES_BY, "seriesBy", where) as ChartModel["seriesBy"];
      ch.series = [];
    });
  }

  delete(): void {
    action(this, "Chart.delete", undefined, [], (ch: ChartModel) => {
      liveChart(ch, "Chart.delete");
      ch.sheet.charts = ch.sheet.charts.filter((c) => c !== ch);
    });
  }

  activate(): void {
    action(this, "Chart.activate", "1.9", [], (ch: ChartModel) => void liveChart(ch, "Chart.activate"));
  }
}
installProps(SimChart);

function positive(v: unknown, n: string, w: string): number {
  const x = checkNumber(v, n, w);
  if (x <= 0) throw simError("InvalidArgument", w, `${n} must be > 0`);
  return x;
}

/** The title record, linked to its chart so that an unset title reads the default text. */
function titleRecord(ch: ChartModel): Record<string, unknown> {
  const rec = ch.title as unknown as Record<string, unknown>;
  if (!("__chart" in rec)) Object.defineProperty(rec, "__chart", { value: ch, enumerable: false });
  return rec;
}

/** Excel titles a single-series chart with the series name, others "Chart Title". */
function defaultTitle(rec: Record<string, unknown>): string {
  const ch = rec.__chart as ChartModel | undefined;
  if (!ch) return "";
  const data = chartData(ch);
  return data.series.length === 1 ? data.series[0].name : "Chart Title";
}

type AxisKind = keyof ChartModel["axes"];

/** One of the chart's axis records ("category", "value", "series"), as the ChartAxis bag stores it. */
function axisRecord(ch: ChartModel, kind: AxisKind): Record<string, unknown> {
  return ch.axes[kind] as unknown as Record<string, unknown>;
}

export class SimChartAxes extends SimObject {
  static meta: Meta = {
    typeName: "ChartAxes",
    props: {},
    navs: { categoryAxis: undefined, valueAxis: undefined, seriesAxis: undefined },
  };

  get categoryAxis(): SimObject {
    return this._axis("categoryAxis", "category");
  }
  get valueAxis(): SimObject {
    return this._axis("valueAxis", "value");
  }
  get seriesAxis(): SimObject {
    return this._axis("seriesAxis", "series");
  }

  private _axis(nav: string, kind: AxisKind): SimObject {
    return navChild(this, nav, ChartAxis, undefined, (ch: ChartModel) => axisRecord(ch, kind));
  }

  getItem(type: string, group?: string): SimObject {
    const where = "ChartAxes.getItem";
    return child(this, ChartAxis, where, "1.7", [type, group], (ch: ChartModel) => {
      const t = checkEnum(type, ["Category", "Value", "Series"], "type", where);
      if (group !== undefined && checkEnum(group, ["Primary", "Secondary"], "group", where) === "Secondary") {
        throw simError("NotImplemented", where, "the simulation models primary axes only");
      }
      return axisRecord(ch, t.toLowerCase() as AxisKind);
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Series (derived from the source cells; per-series settings kept as overrides)

interface SeriesRef {
  chart: ChartModel;
  index: number;
}

function seriesCount(ch: ChartModel): number {
  return chartData(ch).series.length;
}

function liveSeries(r: SeriesRef, where: string): SeriesRef {
  liveChart(r.chart, where);
  const n = seriesCount(r.chart);
  if (r.index < 0 || r.index >= n)
    throw simError("ItemNotFound", where, `series ${r.index} is outside the chart's ${n} series`);
  while (r.chart.series.length <= r.index) r.chart.series.push({});
  return r;
}

export class SimChartSeriesCollection extends SimCollection<SimChartSeries> {
  static meta: Meta = {
    typeName: "ChartSeriesCollection",
    props: { count: { get: (ch: ChartModel) => seriesCount(liveChart(ch, "ChartSeriesCollection.count")) } } as Record<
      string,
      PropSpec<never>
    >,
    collection: true,
  };

  _itemsOf(ch: ChartModel): unknown[] {
    const n = seriesCount(liveChart(ch, "ChartSeriesCollection"));
    return Array.from({ length: n }, (_, index) => ({ chart: ch, index }));
  }
  _itemClass() {
    return SimChartSeries;
  }

  getItemAt(index: number): SimChartSeries {
    const where = "ChartSeriesCollection.getItemAt";
    return child(this, SimChartSeries, where, undefined, [index], (ch: ChartModel) =>
      liveSeries({ chart: ch, index }, where),
    );
  }
}
installProps(SimChartSeriesCollection);

function seriesProp(
  key: "hasDataLabels" | "chartType" | "gapWidth" | "doughnutHoleSize",
  check: (v: unknown, n: string, w: string) => unknown,
  def: (ch: ChartModel) => unknown,
): PropSpec<SeriesRef> {
  return {
    since: "1.7",
    get: (r) => {
      const s = liveSeries(r, `ChartSeries.${key}`);
      const o = s.chart.series[s.index][key];
      return o === undefined ? def(s.chart) : o;
    },
    set: (r, v) => {
      const s = liveSeries(r, `ChartSeries.${key}`);
      (s.chart.series[s.index] as Record<string, unknown>)[key] = check(v, key, `ChartSeries.${key}`);
    },
  };
}

export class SimChartSeries extends SimObject {
  static meta: Meta = {
    typeName: "ChartSeries",
    props: {
      name: {
        get: (r: SeriesRef) => {
          const s = liveSeries(r, "ChartSeries.name");
          return s.chart.series[s.index].name ?? chartData(s.chart).series[s.index].name;
        },
        set: (r: SeriesRef, v: unknown) => {
          const s = liveSeries(r, "ChartSeries.name");
          s.chart.series[s.index].name = checkString(v, "name", "ChartSeries.name");
        },
      },
      hasDataLabels: seriesProp("hasDataLabels", checkBool, () => false),
      chartType: seriesProp(
        "chartType",
        (v, n, w) => checkEnum(v, CHART_TYPES, n, w),
        (ch) => ch.chartType,
      ),
      gapWidth: seriesProp(
        "gapWidth",
        (v, n, w) => checkInt(v, n, w, 0),
        () => 150,
      ),
      doughnutHoleSize: seriesProp(
        "doughnutHoleSize",
        (v, n, w) => checkInt(v, n, w, 10),
        () => 75,
      ),
    } as Record<string, PropSpec<never>>,
    navs: { format: undefined, points: undefined },
  };

  get format(): SimObject {
    return navChild(this, "format", SimChartSeriesFormat, undefined, (r: SeriesRef) => r);
  }

  get points(): SimChartPointsCollection {
    return navChild(this, "points", SimChartPointsCollection, undefined, (r: SeriesRef) =>
      liveSeries(r, "ChartSeries.points"),
    );
  }

  /** Categories / Values (/ XValues, YValues) as strings, like Excel (ExcelApi 1.12). */
  getDimensionValues(dimension: string) {
    const where = "ChartSeries.getDimensionValues";
    return result(this, where, "1.12", [dimension], (r: SeriesRef) => {
      const s = liveSeries(r, where);
      const dim = checkEnum(
        dimension,
        ["Categories", "Values", "XValues", "YValues", "BubbleSizes"],
        "dimension",
        where,
      );
      const data = chartData(s.chart);
      const vals = dim === "Categories" || dim === "XValues" ? data.categories : data.series[s.index].values;
      return vals.map((v) => (v === null ? "" : String(v)));
    });
  }

  delete(): void {
    action(this, "ChartSeries.delete", "1.7", [], () => {
      throw simError(
        "NotImplemented",
        "ChartSeries.delete",
        "the simulation derives series from the source range; change the range with setData",
      );
    });
  }
}
installProps(SimChartSeries);

class SimChartSeriesFormat extends SimObject {
  static meta: Meta = { typeName: "ChartSeriesFormat", props: {}, navs: { fill: undefined } };
  get fill(): SimObject {
    return navChild(this, "fill", SimChartFill, undefined, (r: SeriesRef) => r);
  }
}

class SimChartFill extends SimObject {
  static meta: Meta = { typeName: "ChartFill", props: {} };
  setSolidColor(color: string): void {
    action(this, "ChartFill.setSolidColor", undefined, [color], (r: SeriesRef) => {
      const s = liveSeries(r, "ChartFill.setSolidColor");
      s.chart.series[s.index].color = checkColor(color, "color", "ChartFill.setSolidColor");
    });
  }
  clear(): void {
    action(this, "ChartFill.clear", undefined, [], (r: SeriesRef) => {
      const s = liveSeries(r, "ChartFill.clear");
      delete s.chart.series[s.index].color;
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Points (one per category of a series; only their fill is modelled)

interface PointRef {
  series: SeriesRef;
  index: number;
}

function pointCount(r: SeriesRef): number {
  return chartData(r.chart).series[r.index]?.values.length ?? 0;
}

function livePoint(p: PointRef, where: string): PointRef {
  const s = liveSeries(p.series, where);
  const n = pointCount(s);
  if (!Number.isInteger(p.index) || p.index < 0 || p.index >= n)
    throw simError("ItemNotFound", where, `point ${p.index} is outside the series' ${n} points`);
  return p;
}

export class SimChartPointsCollection extends SimCollection<SimChartPoint> {
  static meta: Meta = {
    typeName: "ChartPointsCollection",
    props: {
      count: { get: (r: SeriesRef) => pointCount(liveSeries(r, "ChartPointsCollection.count")) },
    } as Record<string, PropSpec<never>>,
    collection: true,
  };

  _itemsOf(r: SeriesRef): unknown[] {
    const s = liveSeries(r, "ChartPointsCollection");
    return Array.from({ length: pointCount(s) }, (_, index) => ({ series: s, index }));
  }
  _itemClass() {
    return SimChartPoint;
  }

  getItemAt(index: number): SimChartPoint {
    const where = "ChartPointsCollection.getItemAt";
    return child(this, SimChartPoint, where, undefined, [index], (r: SeriesRef) =>
      livePoint({ series: r, index }, where),
    );
  }
}
installProps(SimChartPointsCollection);

export class SimChartPoint extends SimObject {
  static meta: Meta = {
    typeName: "ChartPoint",
    props: {
      value: {
        get: (p: PointRef) => {
          const q = livePoint(p, "ChartPoint.value");
          return chartData(q.series.chart).series[q.series.index].values[q.index];
        },
      },
    } as Record<string, PropSpec<never>>,
    navs: { format: undefined },
  };

  get format(): SimObject {
    return navChild(this, "format", SimChartPointFormat, undefined, (p: PointRef) => p);
  }
}
installProps(SimChartPoint);

class SimChartPointFormat extends SimObject {
  static meta: Meta = { typeName: "ChartPointFormat", props: {}, navs: { fill: undefined } };
  get fill(): SimObject {
    return navChild(this, "fill", SimChartPointFill, undefined, (p: PointRef) => p);
  }
}

class SimChartPointFill extends SimObject {
  static meta: Meta = { typeName: "ChartFill", props: {} };
  setSolidColor(color: string): void {
    action(this, "ChartFill.setSolidColor", undefined, [color], (p: PointRef) => {
      const q = livePoint(p, "ChartFill.setSolidColor");
      const o = q.series.chart.series[q.series.index];
      (o.pointColors ??= {})[q.index] = checkColor(color, "color", "ChartFill.setSolidColor");
    });
  }
  clear(): void {
    action(this, "ChartFill.clear", undefined, [], (p: PointRef) => {
      const q = livePoint(p, "ChartFill.clear");
      delete q.series.chart.series[q.series.index].pointColors?.[q.index];
    });
  }
}
