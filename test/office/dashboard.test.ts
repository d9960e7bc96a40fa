/**
 * The "RFM Dashboard" sheet: first among the add-in's sheets, KPI and per-segment formulas over the customer table
 * (SUBTOTAL/AGGREGATE/SUMPRODUCT, so they follow its filters), slicers placed on it, segment colours the same in
 * the table, the map and the chart, statistical charts at ExcelApi 1.9 and the column-chart fallback below it, and
 * a re-run that replaces only the add-in's own sheets.
 */
import {
  CELL_PADDING,
  calculatedBlock,
  lineHeight,
  readSheetValues,
  selectSlicerItemsAsUser,
  textWidth,
  wrappedLines,
  type SheetModel,
} from "excel-sim";
import { analyze } from "../../src/rfm";
import { runSegmentation, type RunSummary } from "../../src/office";
import { DASHBOARD_SHEET, KPI_LABELS, SEGMENT_HEADERS } from "../../src/office/dashboardSheet";
import { DASHBOARD_WIDTH_PT } from "../../src/office/dashboardWrite";
import { segmentColors, textColorOn } from "../../src/office/palette";
import { SMALL_RETAIL } from "../fixtures/office/smallRetail";
import { loadOnlineRetail } from "../helpers/realData";
import { onlineRetailHost, retailHost, sheetNames } from "./helpers";

const expected = analyze(SMALL_RETAIL);

/**
 * Every cell of rows 1..rows as Excel would draw it: numbers that do not fit their column (Excel shows #####),
 * text of wrapped cells whose lines do not fit the row's height, and the sheet's right edge of charts and slicers.
 */
function drawnProblems(sheet: SheetModel, rows: number, cols: number): string[] {
  const shown = calculatedBlock(sheet, { r0: 0, c0: 0, r1: rows - 1, c1: cols - 1 });
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const text = shown.text[r][c];
      if (text === "") continue;
      const style = sheet.cellStyle(r, c);
      const size = typeof style["font/size"] === "number" ? style["font/size"] : 11;
      const bold = style["font/bold"] === true;
      const width = sheet.columnWidth(c);
      const at = `${String.fromCharCode(65 + c)}${r + 1} "${text}"`;
      if (typeof shown.values[r][c] === "number" && textWidth(text, size, bold) + CELL_PADDING > width)
        out.push(`${at} shows as ##### (${width} pt wide)`);
      if (style.wrapText === true) {
        const lines = wrappedLines(text, width - CELL_PADDING, size, bold);
        if (lines.length * lineHeight(size) > sheet.rowHeight(r) + 0.01)
          out.push(`${at} needs ${lines.length} lines, row is ${sheet.rowHeight(r)} pt`);
        for (const line of lines)
          if (textWidth(line, size, bold) + CELL_PADDING > width) out.push(`${at}: "${line}" is cut off`);
      }
    }
  }
  return out;
}

function formulas(host: ReturnType<typeof retailHost>, address: string): unknown[][] {
  return readSheetValues(host.workbook, DASHBOARD_SHEET, address, "formulas");
}

describe("the dashboard on the small fixture", () => {
  const host = retailHost();
  let summary: RunSummary;
  beforeAll(async () => {
    summary = await runSegmentation({}, {}, host);
  });

  test("is the first of the add-in's sheets and the active one", () => {
    expect(sheetNames(host).slice(-4)).toEqual(["Online Retail", DASHBOARD_SHEET, "RFM Customers", "RFM Summary"]);
    expect(summary.outputs.sheets[0]).toBe(DASHBOARD_SHEET);
    expect(host.snapshot().activeSheet).toBe(DASHBOARD_SHEET);
  });

  test("KPI formulas read the customer table, so they follow its filters", () => {
    expect(host.readSheetValues(DASHBOARD_SHEET, "A4:E4")).toEqual([[...KPI_LABELS]]);
    const [kpis] = formulas(host, "A5:E5");
    expect(kpis[0]).toBe("=SUBTOTAL(103,RFMCustomers[CustomerID])");
    expect(kpis[1]).toBe("=SUBTOTAL(109,RFMCustomers[Monetary])");
    expect(kpis[2]).toBe("=IFERROR(SUBTOTAL(109,RFMCustomers[Monetary])/SUBTOTAL(109,RFMCustomers[Frequency]),0)");
    expect(String(kpis[3])).toMatch(/^=IFERROR\(\(LARGE\(\$B\$9:\$B\$\d+,1\)\+LARGE\(\$B\$9:\$B\$\d+,2\)\)\/SUM/);
    expect(kpis[4]).toBe('=IFERROR(AGGREGATE(12,5,RFMCustomers[Recency]),"")');
  });

  test("segments by revenue, largest first, with display names and visible-row formulas", () => {
    const k = expected.segments.length;
    expect(host.readSheetValues(DASHBOARD_SHEET, "A8:E8")).toEqual([[...SEGMENT_HEADERS]]);
    const rows = formulas(host, `A9:E${8 + k}`);
    const byRevenue = [...expected.segments].sort((a, b) => b.revenue - a.revenue);
    expect(rows.map((r) => r[0])).toEqual(byRevenue.map((s) => s.name));
    expect(String(rows[0][1])).toContain("SUBTOTAL(103,OFFSET(RFMCustomers[[#Headers],[Segment]]");
    expect(String(rows[0][1])).toContain("(RFMCustomers[Segment]=$A9)*RFMCustomers[Monetary]");
    expect(String(rows[0][2])).toMatch(/^=SUMPRODUCT\(SUBTOTAL\(103,OFFSET/);
  });

  test("the customer table holds display names, which the slicer shows", () => {
    const seg = host.readSheetValues("RFM Customers", "K2:K11").map((r) => r[0]);
    const names = new Set(expected.segments.map((s) => s.name));
    expect(seg.every((v) => names.has(String(v)))).toBe(true);
    const header = host.readSheetValues("RFM Customers", "A1:Q1")[0];
    expect(header[header.length - 1]).toBe("Country");
  });

  test("Segment and Country slicers sit on the dashboard, inside columns A-L", () => {
    const dash = host.workbook.sheets.find((s) => s.name === DASHBOARD_SHEET)!;
    const mine = host.workbook.slicers.filter((s) => s.sheet === dash);
    expect(mine.map((s) => s.caption)).toEqual(["Segment", "Country"]);
    const rightEdge = dash.leftOf(12);
    for (const s of mine) expect(s.left + s.width).toBeLessThanOrEqual(rightEdge);
  });

  test("one colour per segment: table fill, map fill and chart series agree", () => {
    const colors = segmentColors(expected.scheme);
    const dash = host.workbook.sheets.find((s) => s.name === DASHBOARD_SHEET)!;
    const byRevenue = [...expected.segments].sort((a, b) => b.revenue - a.revenue);
    byRevenue.forEach((sg, i) => {
      const style = dash.cellStyle(8 + i, 0);
      expect([sg.label, style["fill/color"]]).toEqual([sg.label, colors.get(sg.label)]);
      expect(style["font/color"]).toBe(textColorOn(colors.get(sg.label)!));
    });
    const chart = host.chartData(DASHBOARD_SHEET, 0);
    expect(chart.series.map((s) => s.name)).toEqual(byRevenue.map((s) => s.name));
    expect(chart.series.map((s) => s.color)).toEqual(byRevenue.map((s) => colors.get(s.label)));
    const distinct = new Set([...colors.values()]);
    expect(distinct.size).toBe(colors.size);
    // The treemap's one series: each segment's point in its colour.
    const tree = host.chartData(DASHBOARD_SHEET, 4);
    expect(tree.chartType).toBe("Treemap");
    expect(tree.categories).toEqual(byRevenue.map((s) => s.name));
    expect(tree.series[0].pointColors).toEqual(byRevenue.map((s) => colors.get(s.label)));
  });

  test("the statistical charts at ExcelApi 1.9 and later", () => {
    const types = host
      .snapshot()
      .sheets.find((s) => s.name === DASHBOARD_SHEET)!
      .charts.map((c) => c.chartType);
    expect(types).toEqual(["ColumnClustered", "Histogram", "Histogram", "Boxwhisker", "Treemap"]);
  });
});

describe("older Excel", () => {
  test("at ExcelApi 1.8 the simulation refuses Treemap and the dashboard draws the score chart", async () => {
    const host = retailHost(SMALL_RETAIL, { apiVersion: "1.8" });
    await runSegmentation({}, {}, host);
    const dash = host.snapshot().sheets.find((s) => s.name === DASHBOARD_SHEET)!;
    expect(dash.charts.map((c) => c.chartType)).toEqual(["ColumnClustered", "ColumnClustered"]);
    const scores = host.chartData(DASHBOARD_SHEET, 1);
    expect(scores.series.map((s) => s.name)).toEqual(["R", "F", "M"]);
    // Its data cells are formulas Excel calculates (not text): customers per score, each series counting everyone.
    for (const [i, key] of (["r", "f", "m"] as const).entries()) {
      const want = Array.from(
        { length: expected.bins },
        (_, k) => expected.customers.filter((c) => c[key] === k + 1).length,
      );
      expect([key, scores.series[i].values]).toEqual([key, want]);
    }
    // No slicers before 1.10: the table's filters drive the formulas all the same.
    expect(host.workbook.slicers).toEqual([]);
  });
});

describe("re-run", () => {
  test("replaces the add-in's own dashboard, keeps the analyst's sheet of the same name", async () => {
    const host = retailHost();
    host.loadSheet(DASHBOARD_SHEET, [["my notes"]], { activate: false });
    await runSegmentation({}, {}, host);
    await runSegmentation({ scheme: "tiers4" }, {}, host);
    expect(sheetNames(host).slice(-5)).toEqual([
      "Online Retail",
      DASHBOARD_SHEET,
      `${DASHBOARD_SHEET} (2)`,
      "RFM Customers",
      "RFM Summary",
    ]);
    expect(host.readSheetValues(DASHBOARD_SHEET)).toEqual([["my notes"]]);
    const tiers = analyze(SMALL_RETAIL, { scheme: "tiers4" }).segments;
    const mine = `${DASHBOARD_SHEET} (2)`;
    const names = readSheetValues(host.workbook, mine, `A9:A${8 + tiers.length}`).map((r) => r[0]);
    expect(names).toEqual([...tiers].sort((a, b) => b.revenue - a.revenue).map((s) => s.name));
  });
});

describe("the bundled Online Retail data", () => {
  test("dashboard within A1:L40 (plus chart data below), 10 segments by revenue", async () => {
    const data = loadOnlineRetail();
    const host = onlineRetailHost(data);
    const summary = await runSegmentation({}, {}, host);
    const reference = analyze(data);
    expect(summary.customers).toBe(reference.customers.length);
    const dash = host.workbook.sheets.find((s) => s.name === DASHBOARD_SHEET)!;
    const right = dash.leftOf(12);
    // On screen at 100 % with the pane open: columns A-L within the width, slicers inside them, nothing cut off.
    expect(right).toBeLessThanOrEqual(DASHBOARD_WIDTH_PT);
    for (const sl of host.workbook.slicers.filter((s) => s.sheet === dash))
      expect(sl.left + sl.width).toBeLessThanOrEqual(right);
    expect(drawnProblems(dash, 26, 12)).toEqual([]);
    // The other sheets a person reads, every row: no ##### and no cut-off wrapped text either.
    for (const [name, rows] of [
      ["RFM Summary", 80],
      ["RFM Customers", 5000],
    ] as const) {
      const sheet = host.workbook.requireSheet(name);
      expect([name, drawnProblems(sheet, rows, Math.min(26, sheet.usedRect(false)!.c1 + 1))]).toEqual([name, []]);
    }
    const bottom = dash.topOf(40);
    for (const c of dash.charts) {
      expect([c.chartType, c.left + c.width <= right + 0.5, c.top + c.height <= bottom + 0.5]).toEqual([
        c.chartType,
        true,
        true,
      ]);
    }
    const names = formulas(host, "A9:A18").map((r) => r[0]);
    const byRevenue = [...reference.segments].sort((a, b) => b.revenue - a.revenue).map((s) => s.name);
    expect(names).toEqual(byRevenue);

    // The figures as Excel calculates them (the simulation's calculator), against the engine's customers: all of
    // them, then what the dashboard's slicers leave visible.
    const nameOf = new Map(reference.segments.map((s) => [s.label, s.name]));
    const figures = (keep: (c: (typeof reference.customers)[number]) => boolean) => {
      const shown = reference.customers.filter(keep);
      const revenue = shown.reduce((a, c) => a + c.monetary, 0);
      const orders = shown.reduce((a, c) => a + c.frequency, 0);
      const perSegment = byRevenue.map((name) => {
        const of = shown.filter((c) => nameOf.get(c.segment) === name);
        return [of.reduce((a, c) => a + c.monetary, 0), of.length];
      });
      const top = perSegment.map((p) => p[0]).sort((a, b) => b - a);
      const rec = shown.map((c) => c.recency).sort((a, b) => a - b);
      const mid = rec.length >> 1;
      const median = rec.length % 2 ? rec[mid] : (rec[mid - 1] + rec[mid]) / 2;
      return { kpis: [shown.length, revenue, revenue / orders, (top[0] + top[1]) / revenue, median], perSegment };
    };
    const check = (want: ReturnType<typeof figures>) => {
      const [kpis] = host.calculate(DASHBOARD_SHEET, "A5:E5");
      kpis.forEach((v, i) => expect([i, v as number]).toEqual([i, expect.closeTo(want.kpis[i], 6)]));
      const rows = host.calculate(DASHBOARD_SHEET, "B9:C18");
      rows.forEach((r, i) => expect(r).toEqual([expect.closeTo(want.perSegment[i][0], 6), want.perSegment[i][1]]));
    };
    const all = figures(() => true);
    check(all);
    const [segmentSlicer, countrySlicer] = host.workbook.slicers.filter((s) => s.sheet === dash);
    const picked = [byRevenue[1], byRevenue[3]];
    selectSlicerItemsAsUser(segmentSlicer, picked);
    const some = figures((c) => picked.includes(nameOf.get(c.segment)!));
    expect(some.kpis[0]).toBeLessThan(all.kpis[0]);
    check(some);
    // Both slicers at once: the filters add up, as in Excel.
    selectSlicerItemsAsUser(countrySlicer, ["Germany", "France"]);
    check(figures((c) => picked.includes(nameOf.get(c.segment)!) && ["Germany", "France"].includes(c.country!)));
    selectSlicerItemsAsUser(segmentSlicer, null);
    selectSlicerItemsAsUser(countrySlicer, null);
    check(all);
  }, 300_000);
});
