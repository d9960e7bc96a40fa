/**
 * Charts and conditional formats in the Excel simulation (EXCEL_FACTS §5, §6): charts keep their source range and
 * show the current cells; enum members and strings both work; conditional formats need ExcelApi 1.6.
 */
import { createExcelHost, type ExcelHost } from "../src";
import { failure, hostWithSheet } from "./helpers";

function summaryHost(): ExcelHost {
  return hostWithSheet("RFM Summary", [
    ["Segment", "Customers", "Revenue"],
    ["Champions", 12, 5000.5],
    ["Loyal", 30, 2500],
    ["Lost", 58, 300.25],
  ]);
}

describe("charts", () => {
  test("charts.add records type, source and series layout; the data comes from the cells", async () => {
    const host = summaryHost();
    await host.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("RFM Summary");
      const bar = s.charts.add(
        host.Excel.ChartType.barClustered,
        s.getRange("A1:B4"),
        host.Excel.ChartSeriesBy.columns,
      );
      bar.title.text = "Customers per segment";
      bar.axes.valueAxis.title.text = "Customers";
      bar.legend.visible = false;
      bar.setPosition("E2", "L18");
      const pie = s.charts.add("Pie", s.getRange("A1:A4").getBoundingRect("C4"), "Auto");
      pie.dataLabels.showPercentage = true;
      bar.load("name,chartType,top,left,width,height");
      pie.load("name");
      pie.title.load("text");
      await ctx.sync();
      expect(bar.name).toBe("Chart 1");
      expect(bar.chartType).toBe("BarClustered");
      // E2's top-left: 4 default columns of 48 pt, 1 row of 15 pt; L18's bottom-right: 12 columns, 18 rows.
      expect([bar.left, bar.top, bar.width, bar.height]).toEqual([4 * 48, 15, 8 * 48, 17 * 15]);
      expect(pie.name).toBe("Chart 2");
      expect(pie.title.text).toBe("Chart Title"); // two series: Customers and Revenue
    });
    const bar = host.chartData("RFM Summary", "Chart 1");
    expect(bar).toMatchObject({
      chartType: "BarClustered",
      title: "Customers per segment",
      sourceAddress: "'RFM Summary'!A1:B4",
      seriesBy: "Columns",
      categories: ["Champions", "Loyal", "Lost"],
      series: [{ name: "Customers", values: [12, 30, 58] }],
      legend: { visible: false },
      axes: { valueTitle: "Customers" },
      position: { cells: { start: "'RFM Summary'!E2", end: "'RFM Summary'!L18" } },
    });
    const pie = host.chartData("RFM Summary", 1);
    expect(pie.series.map((s) => s.name)).toEqual(["Customers", "Revenue"]);
    expect(pie.series[1].values).toEqual([5000.5, 2500, 300.25]);
    expect(pie.dataLabels.showPercentage).toBe(true);
  });

  test("a chart follows later edits of its source cells (it is bound to the range)", async () => {
    const host = summaryHost();
    await host.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("RFM Summary");
      s.charts.add("ColumnClustered", s.getRange("A1:B4"), "Columns");
      await ctx.sync();
      s.getRange("B2").values = [[99]];
      await ctx.sync();
    });
    expect(host.chartData("RFM Summary", 0).series[0].values).toEqual([99, 30, 58]);
    // A single-series chart is titled with the series name unless a title is set.
    expect(host.chartData("RFM Summary", 0).title).toBe("Customers");
  });

  test("seriesBy Rows puts one series per row", async () => {
    const host = createExcelHost();
    host.loadSheet("Sheet1", [
      ["", "R1", "R2", "R3"],
      ["F1", 5, 3, 1],
      ["F2", 2, 4, 6],
    ]);
    await host.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getActiveWorksheet();
      s.charts.add("ColumnStacked", s.getRange("A1:D3"), "Rows");
      await ctx.sync();
    });
    const d = host.chartData("Sheet1", 0);
    expect(d.categories).toEqual(["R1", "R2", "R3"]);
    expect(d.series).toEqual([
      { name: "F1", values: [5, 3, 1] },
      { name: "F2", values: [2, 4, 6] },
    ]);
  });

  test("series are readable through the API (getDimensionValues, ExcelApi 1.12)", async () => {
    const host = summaryHost();
    await host.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("RFM Summary");
      const ch = s.charts.add("Doughnut", s.getRange("A1:B4"), "Columns");
      ch.series.load("items/name");
      const cats = ch.series.getItemAt(0).getDimensionValues("Categories");
      const vals = ch.series.getItemAt(0).getDimensionValues("Values");
      ch.series.getItemAt(0).hasDataLabels = true;
      await ctx.sync();
      expect(ch.series.items.map((x) => x.name)).toEqual(["Customers"]);
      expect(cats.value).toEqual(["Champions", "Loyal", "Lost"]);
      expect(vals.value).toEqual(["12", "30", "58"]);
    });
    expect(host.chartData("RFM Summary", 0).series[0].hasDataLabels).toBe(true);
  });

  test("an unknown chart type or a string address as source is refused", async () => {
    const host = summaryHost();
    const err = await failure(host, (ctx) => {
      const s = ctx.workbook.worksheets.getItem("RFM Summary");
      s.charts.add("Pie3" as Excel.ChartType, s.getRange("A1:B4"));
    });
    expect(err.code).toBe("InvalidArgument");
    await expect(
      host.Excel.run(async (ctx) => {
        const s = ctx.workbook.worksheets.getItem("RFM Summary");
        s.charts.add("Pie", "A1:B4" as unknown as Excel.Range);
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("charts.getItem / getItemOrNullObject / delete", async () => {
    const host = summaryHost();
    await host.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("RFM Summary");
      s.charts.add("Pie", s.getRange("A1:B4")).name = "Share";
      await ctx.sync();
      const got = s.charts.getItem("Share");
      const none = s.charts.getItemOrNullObject("Nope");
      got.load("chartType");
      await ctx.sync();
      expect(got.chartType).toBe("Pie");
      expect(none.isNullObject).toBe(true);
      got.delete();
      const count = s.charts.getCount();
      await ctx.sync();
      expect(count.value).toBe(0);
    });
    const err = await failure(host, (ctx) =>
      ctx.workbook.worksheets.getItem("RFM Summary").charts.getItem("Share").load("name"),
    );
    expect(err.code).toBe("ItemNotFound");
  });
});

describe("conditional formats", () => {
  test("a three-colour scale is stored with its criteria and range", async () => {
    const host = summaryHost();
    const criteria = {
      minimum: { type: host.Excel.ConditionalFormatColorCriterionType.lowestValue, color: "#F8696B" },
      midpoint: { type: "Percentile", formula: "50", color: "#FFEB84" },
      maximum: { type: "HighestValue", color: "#63BE7B" },
    } as Excel.ConditionalColorScaleCriteria;
    await host.Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("RFM Summary").getRange("B2:B4");
      const cf = r.conditionalFormats.add(host.Excel.ConditionalFormatType.colorScale);
      cf.colorScale.criteria = criteria;
      cf.load("type,id");
      cf.colorScale.load("criteria,threeColorScale");
      const other = cf.dataBarOrNullObject;
      const list = r.conditionalFormats;
      list.load("items/type");
      await ctx.sync();
      expect(cf.type).toBe("ColorScale");
      expect(cf.colorScale.threeColorScale).toBe(true);
      expect(cf.colorScale.criteria).toEqual(criteria);
      expect(other.isNullObject).toBe(true);
      expect(list.items.map((x) => x.type)).toEqual(["ColorScale"]);
    });
    const cfs = host.snapshot().sheets.find((s) => s.name === "RFM Summary")!.conditionalFormats;
    expect(cfs).toEqual([
      { id: "1", type: "ColorScale", address: "'RFM Summary'!B2:B4", priority: 0, props: { colorScale: { criteria } } },
    ]);
  });

  test("bad criteria, the wrong sub-object and an unknown type are refused", async () => {
    const host = summaryHost();
    const noFormula = await failure(host, (ctx) => {
      const cf = ctx.workbook.worksheets.getItem("RFM Summary").getRange("B2:B4").conditionalFormats.add("ColorScale");
      cf.colorScale.criteria = {
        minimum: { type: "Number", color: "#FFFFFF" },
        maximum: { type: "HighestValue", color: "#000000" },
      } as Excel.ConditionalColorScaleCriteria;
    });
    expect(noFormula.code).toBe("InvalidArgument");
    expect(noFormula.debugInfo.simDetail).toContain("formula is required");
    const wrong = await failure(host, (ctx) => {
      const cf = ctx.workbook.worksheets.getItem("RFM Summary").getRange("C2:C4").conditionalFormats.add("DataBar");
      cf.colorScale.criteria = {
        minimum: { type: "LowestValue" },
        maximum: { type: "HighestValue" },
      } as Excel.ConditionalColorScaleCriteria;
    });
    expect(wrong.code).toBe("InvalidArgument");
    const unknown = await failure(host, (ctx) => {
      ctx.workbook.worksheets
        .getItem("RFM Summary")
        .getRange("C2:C4")
        .conditionalFormats.add("Heatmap" as Excel.ConditionalFormatType);
    });
    expect(unknown.code).toBe("InvalidArgument");
  });

  test("data bars and cell-value rules keep their settings; clearAll removes them", async () => {
    const host = summaryHost();
    await host.Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("RFM Summary").getRange("C2:C4");
      const bar = r.conditionalFormats.add("DataBar");
      bar.dataBar.barDirection = "LeftToRight";
      bar.dataBar.positiveFormat.fillColor = "#4472C4";
      const rule = r.conditionalFormats.add("CellValue");
      rule.cellValue.rule = { formula1: "1000", operator: "GreaterThan" };
      rule.cellValue.format.font.bold = true;
      await ctx.sync();
    });
    const props = host.snapshot().sheets[1].conditionalFormats.map((c) => c.props);
    expect(props).toEqual([
      { dataBar: { barDirection: "LeftToRight", positiveFormat: { fillColor: "#4472C4" } } },
      { cellValue: { rule: { formula1: "1000", operator: "GreaterThan" }, format: { font: { bold: true } } } },
    ]);
    await host.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("RFM Summary").getRange("A:C").conditionalFormats.clearAll();
      await ctx.sync();
    });
    expect(host.snapshot().sheets[1].conditionalFormats).toEqual([]);
  });

  test("conditional formats need ExcelApi 1.6", async () => {
    const host = createExcelHost({ apiVersion: "1.5" });
    const err = await failure(host, (ctx) => {
      ctx.workbook.worksheets.getActiveWorksheet().getRange("A1:A3").conditionalFormats.add("ColorScale");
    });
    expect(err.code).toBe("ApiNotFound");
    expect(err.debugInfo.simDetail).toContain("ExcelApi 1.6");
  });
});

describe("series points and hidden rows", () => {
  test("a point's fill colour shows in chartData as that point's colour; clear takes it away", async () => {
    const host = summaryHost();
    await host.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("RFM Summary");
      const tree = s.charts.add("Treemap", s.getRange("A1:B4"), "Columns");
      const points = tree.series.getItemAt(0).points;
      points.getItemAt(0).format.fill.setSolidColor("#1B7837");
      points.getItemAt(2).format.fill.setSolidColor("#762A83");
      points.load("count");
      const value = points.getItemAt(1).load("value");
      await ctx.sync();
      expect([points.count, value.value]).toEqual([3, 30]);
    });
    expect(host.chartData("RFM Summary", 0).series[0].pointColors).toEqual(["#1B7837", null, "#762A83"]);
    await host.Excel.run(async (ctx) => {
      const tree = ctx.workbook.worksheets.getItem("RFM Summary").charts.getItemAt(0);
      tree.series.getItemAt(0).points.getItemAt(0).format.fill.clear();
      await ctx.sync();
    });
    expect(host.chartData("RFM Summary", 0).series[0].pointColors).toEqual([null, null, "#762A83"]);
    const e = await failure(host, (ctx) =>
      ctx.workbook.worksheets
        .getItem("RFM Summary")
        .charts.getItemAt(0)
        .series.getItemAt(0)
        .points.getItemAt(3)
        .format.fill.setSolidColor("#000000"),
    );
    expect(e.code).toBe("ItemNotFound");
  });

  test("rows a table filter hides are not plotted, and are counted", async () => {
    const host = summaryHost();
    await host.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("RFM Summary");
      const t = s.tables.add("A1:C4", true);
      s.charts.add("ColumnClustered", s.getRange("A1:B4"), "Columns");
      t.columns.getItem("Segment").filter.applyValuesFilter(["Champions", "Lost"]);
      await ctx.sync();
    });
    const d = host.chartData("RFM Summary", 0);
    expect([d.categories, d.series[0].values, d.hiddenRows]).toEqual([["Champions", "Lost"], [12, 58], 1]);
  });
});
