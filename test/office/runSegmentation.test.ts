/**
 * runSegmentation against the simulated Excel on the hand-made fixture: what lands in the workbook must be the
 * engine's result cell for cell, the analyst's cells must not move, and the layout (tables, formats, charts,
 * slicer, marker) must be what the add-in promises.
 */
import { formatCell, textWidth } from "excel-sim";
import { analyze, customerValues, segmentValues, timestampToExcelSerial } from "../../src/rfm";
import type { RfmResult } from "../../src/rfm/types";
import { runSegmentation } from "../../src/office";
import { setChunkLimits } from "../../src/office/io";
import { SEGMENT_VALUE_HEADERS } from "../../src/office/valueColumns";
import { SMALL_RETAIL, serial } from "../fixtures/office/smallRetail";
import { cells, marker, retailHost, sheetNames } from "./helpers";

const expected: RfmResult = analyze(SMALL_RETAIL);

const VALUE_HEADERS = ["Avg order value", "Age (days)", "Purchase interval (days)", "Tenure (days)", "Value per year"];

afterEach(() => setChunkLimits());

describe("first run on the small fixture", () => {
  const host = retailHost();
  const before = cells(host, "Online Retail", "A1:H24");
  let summary: Awaited<ReturnType<typeof runSegmentation>>;

  beforeAll(async () => {
    summary = await runSegmentation({}, {}, host);
  });

  test("summary reports the engine's counts", () => {
    expect(summary.cancelled).toBeUndefined();
    expect(summary.rowsRead).toBe(23);
    // 23 rows minus the cancellation (row 5), the row without customer (row 9) and the zero price (row 14).
    expect(summary.rowsUsed).toBe(20);
    expect(summary.customers).toBe(10);
    expect(summary.snapshot).toBe("2011-12-10 09:58"); // last invoice 2011-12-09 09:58 + 1 day
    expect(summary.outputs.sheets).toEqual(["RFM Dashboard", "RFM Customers", "RFM Summary"]);
    expect(summary.outputs.charts).toBe(8); // 3 on the summary, 5 on the dashboard
    expect(summary.outputs.sourceColumns.map((c) => c.split(" ")[0])).toEqual(["R", "F", "M", "RFM", "Segment"]);
    expect(summary.syncs).toBeGreaterThan(0);
    // Per segment, for the pane: revenue / orders of its customers, in the money format's sign (the fixture's
    // customers are spread over countries, most in Norway and Bahrain: a plain number).
    expect(summary.orderValues).toHaveLength(expected.segments.length);
    expected.segments.forEach((sg, k) => {
      const mine = expected.customers.filter((c) => c.segment === sg.label);
      const orders = mine.reduce((a, c) => a + c.frequency, 0);
      expect(summary.orderValues![k]).toBeCloseTo(sg.revenue / orders, 9);
    });
    expect(summary.currencySymbol).toBe("");
  });

  test("the analyst's cells are untouched", () => {
    expect(cells(host, "Online Retail", "A1:H24")).toEqual(before);
  });

  test("R, F, M, RFM, Segment columns match the engine row for row; excluded rows are empty", () => {
    const out = host.readSheetValues("Online Retail", "I1:M24");
    expect(out[0]).toEqual(["R", "F", "M", "RFM", "Segment"]);
    for (let i = 0; i < 23; i++) {
      const k = expected.rowCustomer[i];
      const row = out[i + 1];
      if (k < 0) {
        expect(row).toEqual(["", "", "", "", ""]);
      } else {
        const c = expected.customers[k];
        expect(row.slice(0, 3)).toEqual([c.r, c.f, c.m]);
        expect(String(row[3])).toBe(c.rfm);
        expect(row[4]).toBe(c.segment);
      }
    }
    // Sheet rows 5, 9 and 14 are the excluded ones (see the fixture's comment).
    const emptyRows = out.map((r, i) => (r[0] === "" ? i + 1 : 0)).filter(Boolean);
    expect(emptyRows).toEqual([5, 9, 14]);
  });

  test("RFM Customers: one table, best score first, values and formats per column", () => {
    const values = host.readSheetValues("RFM Customers");
    expect(values[0]).toEqual([
      "CustomerID",
      "Last purchase",
      "Recency",
      "Frequency",
      "Monetary",
      "R",
      "F",
      "M",
      "RFM",
      "Score",
      "Segment",
      ...VALUE_HEADERS,
      // The source has a country column: last, for the dashboard's Country slicer.
      "Country",
    ]);
    expect(values).toHaveLength(11);
    const sorted = [...expected.customers].sort((a, b) => b.score - a.score || b.monetary - a.monetary);
    sorted.forEach((c, i) => {
      const row = values[i + 1];
      expect(row[0]).toBe(Number(c.id));
      expect(row[1]).toBeCloseTo(timestampToExcelSerial(c.lastPurchase), 8);
      expect(row.slice(2, 8)).toEqual([c.recency, c.frequency, c.monetary, c.r, c.f, c.m]);
      expect(String(row[8])).toBe(c.rfm);
      // The Segment column shows the display name (people read it, and its slicer).
      expect(row.slice(9, 11)).toEqual([c.score, expected.segments.find((sg) => sg.label === c.segment)!.name]);
    });
    // Checked against the fixture itself: 12347's last purchase is 2011-12-09 09:58, and it is the only 555.
    const c12347 = values.find((r) => r[0] === 12347)!;
    expect(c12347[1]).toBeCloseTo(serial(2011, 12, 9, 9, 58), 8);
    expect(values[1][0]).toBe(12347);
    // Scores never increase down the table.
    for (let i = 2; i < values.length; i++)
      expect(values[i][9] as number).toBeLessThanOrEqual(values[i - 1][9] as number);

    const formats = cells(host, "RFM Customers", "A2:P11").formats;
    for (const f of formats) {
      expect(f[1]).toBe("yyyy-mm-dd");
      expect(f[4]).toMatch(/#,##0\.00/);
      // Avg order value and Value per year are money like Monetary; the day counts whole numbers.
      expect([f[11], f[15]]).toEqual([f[4], f[4]]);
      expect([f[12], f[14]]).toEqual(["0", "0"]);
    }
    const snap = host.snapshot();
    const table = snap.tables.find((t) => t.sheet === "RFM Customers")!;
    expect(table.address).toBe("'RFM Customers'!A1:Q11");
    expect(table.name).toBe("RFMCustomers");
    const sheet = snap.sheets.find((s) => s.name === "RFM Customers")!;
    expect(sheet.freeze.rows).toBe(1);
    expect(sheet.conditionalFormats.map((c) => [c.type, c.address]).sort()).toEqual([
      ["ColorScale", "'RFM Customers'!F2:F11"],
      ["ColorScale", "'RFM Customers'!G2:G11"],
      ["ColorScale", "'RFM Customers'!H2:H11"],
    ]);
    expect(snap.slicers).toEqual([
      expect.objectContaining({ table: "RFMCustomers", field: "Segment", sheet: "RFM Customers" }),
      expect.objectContaining({ table: "RFMCustomers", field: "Segment", sheet: "RFM Dashboard" }),
      expect.objectContaining({ table: "RFMCustomers", field: "Country", sheet: "RFM Dashboard" }),
    ]);
  });

  test("RFM Customers: the five value columns equal customerValue.ts's figures, cell for cell", () => {
    const values = host.readSheetValues("RFM Customers");
    const fig = customerValues(expected);
    const byId = new Map(expected.customers.map((c, i) => [c.id, i]));
    for (const row of values.slice(1)) {
      const i = byId.get(String(row[0]))!;
      const interval = fig.purchaseIntervalDays[i];
      expect(row.slice(11, 16)).toEqual([
        fig.averageOrderValue[i],
        fig.ageDays[i],
        Number.isNaN(interval) ? "" : interval,
        fig.tenureDays[i],
        fig.historicalValue[i],
      ]);
      // The definitions, against the sheet's own columns: AOV × Frequency = Monetary; age ≤ tenure.
      expect((row[11] as number) * (row[3] as number)).toBeCloseTo(row[4] as number, 9);
      expect(row[12] as number).toBeLessThanOrEqual(row[14] as number);
    }
    // By hand from the fixture. 12347: five invoices 2011-02-10 08:28 … 2011-12-09 09:58 worth
    // 11.10 + 30.60 + 19.50 + 10.20 + 733.44 = 804.84; snapshot 2011-12-10 09:58.
    const c12347 = values.find((r) => r[0] === 12347)!;
    expect(c12347[11]).toBeCloseTo(804.84 / 5, 9);
    expect(c12347.slice(12, 15)).toEqual([302, 302 / 4, 303]);
    expect(c12347[15]).toBeCloseTo((804.84 * 365) / 303, 9);
    // 12346: one invoice (6 × 2.55) on 2011-01-04 08:26: no purchase interval; 340 days of tenure.
    const c12346 = values.find((r) => r[0] === 12346)!;
    expect(c12346[11]).toBeCloseTo(15.3, 9);
    expect(c12346.slice(12, 15)).toEqual([0, "", 340]);
    expect(c12346[15]).toBeCloseTo((15.3 * 365) / 340, 9);
  });

  test("RFM Summary: the value table, one row per segment with the means over that segment's customers", () => {
    const snap = host.snapshot();
    const t = snap.tables.find((x) => x.name === "RFMSegmentValues")!;
    expect(t.sheet).toBe("RFM Summary");
    expect(t.headers).toEqual(SEGMENT_VALUE_HEADERS);
    expect(t.rowCount).toBe(expected.segments.length);
    // The segment table stays the sheet's first table (readers that take the first one get the segments).
    expect(snap.tables.filter((x) => x.sheet === "RFM Summary").map((x) => x.name)).toEqual([
      "RFMSegments",
      "RFMSegmentValues",
    ]);
    const rows = host.readSheetValues("RFM Summary", t.address.split("!")[1]).slice(1);
    const seg = segmentValues(expected);
    // Display names on the sheet (people read it); the ids stay in the engine's result.
    expect(rows.map((r) => r[0])).toEqual(expected.segments.map((sg) => sg.name));
    rows.forEach((r, k) =>
      expect(r).toEqual([
        expected.segments[k].name,
        seg[k].customers,
        seg[k].meanAverageOrderValue,
        seg[k].orderValue,
        seg[k].meanAgeDays,
        seg[k].repeatCustomers,
        seg[k].meanPurchaseIntervalDays ?? "",
        seg[k].meanTenureDays,
        seg[k].meanHistoricalValue,
      ]),
    );
    // Recomputed from the customer sheet's cells: per segment, the mean of each value column over its customers,
    // the order value as revenue / orders, and the mean interval over the customers that have one.
    const cust = host.readSheetValues("RFM Customers").slice(1);
    const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
    for (const r of rows) {
      const mine = cust.filter((c) => c[10] === r[0]);
      const repeat = mine.filter((c) => c[13] !== "");
      expect(r[1]).toBe(mine.length);
      expect(r[2]).toBeCloseTo(mean(mine.map((c) => c[11] as number)), 9);
      expect(r[3]).toBeCloseTo(
        mine.reduce((a, c) => a + (c[4] as number), 0) / mine.reduce((a, c) => a + (c[3] as number), 0),
        9,
      );
      expect(r[4]).toBeCloseTo(mean(mine.map((c) => c[12] as number)), 9);
      expect(r[5]).toBe(repeat.length);
      if (repeat.length) expect(r[6]).toBeCloseTo(mean(repeat.map((c) => c[13] as number)), 9);
      else expect(r[6]).toBe("");
      expect(r[7]).toBeCloseTo(mean(mine.map((c) => c[14] as number)), 9);
      expect(r[8]).toBeCloseTo(mean(mine.map((c) => c[15] as number)), 9);
    }
  });

  test("RFM Summary: the value table sits between the segment table and the grid, left of the charts", () => {
    const v = host.readSheetValues("RFM Summary");
    const snap = host.snapshot();
    const rowsOf = (name: string) => {
      const m = /!A(\d+):I(\d+)$/.exec(snap.tables.find((t) => t.name === name)!.address)!;
      return [Number(m[1]), Number(m[2])];
    };
    const [segTop, segEnd] = rowsOf("RFMSegments");
    const [valTop, valEnd] = rowsOf("RFMSegmentValues");
    const gridTitle = v.findIndex((r) => String(r[0]).startsWith("Customers by R score")) + 1;
    // 1-based rows: a blank row, the title, the table, a blank row, then the grid's title.
    expect(valTop).toBe(segEnd + 3);
    expect(v[valTop - 2][0]).toBe("Value per segment");
    expect(v[segEnd].every((x) => x === "")).toBe(true);
    expect(gridTitle).toBe(valEnd + 2);
    expect(segTop).toBe(3);
    // Every chart starts right of column I, where both tables end.
    const sheet = host.workbook.requireSheet("RFM Summary");
    const charts = snap.sheets.find((s) => s.name === "RFM Summary")!.charts;
    for (const c of charts) expect(c.position.left).toBeGreaterThanOrEqual(sheet.leftOf(9));
    // One fit for both tables: neither table's fit narrowed a column below the other table's text (column I holds
    // the long suggested actions, which may overflow, so only the value table counts there).
    const widest = (top: number, end: number, c: number) => {
      let n = 0;
      for (let r = top - 1; r < end; r++)
        n = Math.max(n, textWidth(formatCell(sheet.getValue(r, c), sheet.getFormat(r, c))));
      return n;
    };
    for (let c = 0; c < 9; c++) {
      const need = Math.max(c < 8 ? widest(segTop, segEnd, c) : 0, widest(valTop, valEnd, c));
      expect(sheet.columnWidth(c)).toBeGreaterThanOrEqual(need);
    }
  });

  test("RFM Summary: segment table, R×F grid, method block and three bound charts", () => {
    const v = host.readSheetValues("RFM Summary");
    const top = v.findIndex((r) => r[0] === "Segment");
    expect(v[top]).toEqual([
      "Segment",
      "Customers",
      "Share",
      "Revenue",
      "Revenue share",
      "Mean recency (days)",
      "Mean frequency",
      "Mean monetary",
      "Suggested action",
    ]);
    expected.segments.forEach((sg, i) => {
      const row = v[top + 1 + i];
      expect(row.slice(0, 9)).toEqual([
        sg.name,
        sg.customers,
        sg.customerShare,
        sg.revenue,
        sg.revenueShare,
        sg.meanRecency,
        sg.meanFrequency,
        sg.meanMonetary,
        sg.action,
      ]);
    });
    // Segment counts add up to all customers; shares to 1.
    const segRows = v.slice(top + 1, top + 1 + expected.segments.length);
    expect(segRows.reduce((a, r) => a + (r[1] as number), 0)).toBe(10);
    expect(segRows.reduce((a, r) => a + (r[4] as number), 0)).toBeCloseTo(1, 10);

    // The grid: rows R=5..1, columns F=1..5; each customer counted once, in its own cell.
    const g = v.findIndex((r) => r[0] === "R \\ F");
    expect(v[g].slice(0, 6)).toEqual(["R \\ F", "F=1", "F=2", "F=3", "F=4", "F=5"]);
    let total = 0;
    for (let i = 0; i < 5; i++) {
      const r = 5 - i;
      expect(v[g + 1 + i][0]).toBe(`R=${r}`);
      for (let f = 1; f <= 5; f++) {
        const n = expected.customers.filter((c) => c.r === r && c.f === f).length;
        expect(v[g + 1 + i][f]).toBe(n);
        total += n;
      }
    }
    expect(total).toBe(10);

    const label = (l: string) => v.find((r) => r[0] === l)?.[1];
    expect(label("Source")).toBe("'Online Retail'!A1:H24");
    expect(label("Rows read")).toBe(23);
    expect(label("Rows used")).toBe(20);
    expect(label("Customers")).toBe(10);
    expect(label("Scoring")).toBe("quantile, 5 bins");
    expect(String(label("Scheme"))).toMatch(/^rf10/);
    expect(label("Snapshot date")).toBeCloseTo(serial(2011, 12, 10, 9, 58), 8);
    const ex = v.findIndex((r) => r[0] === "Excluded rows");
    const exRows = v.slice(ex + 1, ex + 1 + expected.exclusions.length);
    expect(exRows.map((r) => [r[0], r[1], r[2]])).toEqual(
      expected.exclusions.map((e) => [e.description, e.count, e.exampleRows.join(", ")]),
    );
    expect(exRows.find((r) => r[1] === 1 && r[2] === "9")).toBeDefined(); // the row without customer

    const snap = host.snapshot();
    const sheet = snap.sheets.find((s) => s.name === "RFM Summary")!;
    expect(sheet.charts.map((c) => c.chartType)).toEqual(["BarClustered", "Doughnut", "ColumnClustered"]);
    const [bar, doughnut, grid] = sheet.charts;
    expect(bar.categories).toEqual(expected.segments.map((s) => s.name));
    expect(bar.series.map((s) => s.values)).toEqual([expected.segments.map((s) => s.customers)]);
    expect(doughnut.categories).toEqual(expected.segments.map((s) => s.name));
    expect(doughnut.series[0].values).toEqual(expected.segments.map((s) => s.revenueShare));
    expect(grid.categories).toEqual(["R=5", "R=4", "R=3", "R=2", "R=1"]);
    expect(grid.series).toHaveLength(5);
    expect(sheet.conditionalFormats.map((c) => c.type)).toEqual(["ColorScale"]);
    // Shares as percentages, revenue as money.
    const f = cells(host, "RFM Summary", `A${top + 2}:H${top + 2}`).formats[0];
    expect(f[2]).toMatch(/%/);
    expect(f[4]).toMatch(/%/);
    expect(f[3]).toMatch(/#,##0\.00/);
    expect(snap.activeSheet).toBe("RFM Dashboard");
  });

  test("the marker records exactly what was created", () => {
    const m = marker(host);
    expect(m.sheets.map((s) => [s.role, s.name, s.tables]).sort()).toEqual([
      ["customers", "RFM Customers", ["RFMCustomers"]],
      ["dashboard", "RFM Dashboard", []],
      ["summary", "RFM Summary", ["RFMSegments", "RFMSegmentValues"]],
    ]);
    for (const s of m.sheets) {
      expect(s.id).toBe(host.workbook.requireSheet(s.name).id);
      expect(s.fingerprint).toMatch(/\|\d+$/);
    }
    expect(m.source).toEqual(
      expect.objectContaining({
        sheetName: "Online Retail",
        headerRow: 0,
        rows: 23,
        complete: true,
        columns: [
          { index: 8, header: "R" },
          { index: 9, header: "F" },
          { index: 10, header: "M" },
          { index: 11, header: "RFM" },
          { index: 12, header: "Segment" },
        ],
      }),
    );
    expect(sheetNames(host)).toEqual(["Sheet1", "Online Retail", "RFM Dashboard", "RFM Customers", "RFM Summary"]);
  });
});

test("columns go right of the last used column, also when it holds only formatting", async () => {
  const host = retailHost();
  // A note two columns right of the data, and a formatted but empty cell beyond it.
  host.workbook
    .requireSheet("Online Retail")
    .writeBlock({ r0: 2, c0: 9, r1: 2, c1: 9 }, [["my note"]], "values", "test");
  host.workbook
    .requireSheet("Online Retail")
    .writeBlock({ r0: 5, c0: 11, r1: 5, c1: 11 }, [["0.00%"]], "numberFormat", "test");
  const before = cells(host, "Online Retail", "A1:L24");
  const summary = await runSegmentation({}, {}, host);
  expect(summary.outputs.sourceColumns[0]).toBe("R (column M)");
  expect(cells(host, "Online Retail", "A1:L24")).toEqual(before);
  expect(host.readSheetValues("Online Retail", "M1:Q1")).toEqual([["R", "F", "M", "RFM", "Segment"]]);
});

test("many small chunks give the same workbook as one large chunk", async () => {
  const one = retailHost();
  await runSegmentation({}, {}, one);
  setChunkLimits({ startRows: 3, bytes: 300 });
  const many = retailHost();
  const summary = await runSegmentation({}, {}, many);
  expect(host2values(many)).toEqual(host2values(one));
  // 23 rows in chunks of at most a few rows: many syncs, but each one small.
  expect(summary.syncs).toBeGreaterThan(20);
  function host2values(h: ReturnType<typeof retailHost>) {
    return ["Online Retail", "RFM Customers", "RFM Summary"].map((s) => h.readSheetValues(s));
  }
});

test("a request Excel refuses as too large is retried in halves", async () => {
  // Responses over 1,400 bytes fail: the header scan (10 rows) fits, reading all 23 rows at once does not.
  const host = retailHost(SMALL_RETAIL, { limits: { responseBytes: 1400 } });
  const reference = retailHost();
  await runSegmentation({}, {}, reference);
  const summary = await runSegmentation({}, {}, host);
  expect(host.stats.failedSyncs).toBeGreaterThan(0);
  expect(host.stats.perSync.filter((p) => p.error).every((p) => p.error === "ResponsePayloadSizeLimitExceeded")).toBe(
    true,
  );
  expect(host.readSheetValues("Online Retail")).toEqual(reference.readSheetValues("Online Retail"));
  expect(host.readSheetValues("RFM Customers")).toEqual(reference.readSheetValues("RFM Customers"));
  expect(summary.customers).toBe(10);
});
