/**
 * The whole flow on the real Online Retail data (541,909 rows) in the simulated Excel on the web: every written cell
 * equals the engine's result, the analyst's 4.3 million cells are untouched, no request or response comes near the
 * 5 MB limit, and the number of round trips stays proportional to rows / chunk size.
 *
 * The sheet holds dates as Excel serial numbers, as a workbook does; the reference result is computed by the
 * engine from the CSV text, so the comparison also checks that serial and text dates agree.
 */
import { analyze, customerValues, type RfmResult, segmentValues, timestampToExcelSerial } from "../../src/rfm";
import { runSegmentation, type RunSummary } from "../../src/office";
import { SEGMENT_VALUE_HEADERS } from "../../src/office/valueColumns";
import { loadOnlineRetail } from "../helpers/realData";
import { marker, onlineRetailHost, onlineRetailSheetColumns, workbookState } from "./helpers";

const ROWS = 541_909;
/** Reads and writes both go in chunks of at least 20,000 rows: at most one sync per 20,000 rows per pass (two
 *  passes), plus a fixed number for detection, planning, the two sheets, the charts and the record (under 30). */
const SYNC_BOUND = 2 * Math.ceil(ROWS / 20_000) + 30;

describe("Online Retail, 541,909 rows", () => {
  const data = loadOnlineRetail();
  const reference: RfmResult = analyze(data);
  const columns = onlineRetailSheetColumns(data);
  const host = onlineRetailHost(data, columns);
  let first: RunSummary;
  /** Columns I:M of the data sheet as five flat arrays. */
  const resultColumns = () => {
    const sheet = host.workbook.requireSheet("Online Retail");
    return [8, 9, 10, 11, 12].map((c) => Array.from({ length: ROWS + 1 }, (_, i) => sheet.cols[c]?.get(i) ?? ""));
  };

  beforeAll(async () => {
    first = await runSegmentation({}, {}, host);
  }, 300_000);

  test("the run's figures", () => {
    expect(data.columns[0]).toHaveLength(ROWS);
    expect(first.rowsRead).toBe(ROWS);
    expect(first.rowsUsed).toBe(reference.rowsUsed);
    expect(first.customers).toBe(reference.customers.length);
    expect(first.customers).toBe(4338);
    expect(first.cancelled).toBeUndefined();
    expect(first.outputs.sheets).toEqual(["RFM Dashboard", "RFM Customers", "RFM Summary"]);
    // For the pane: each segment's revenue / orders, in pounds (nearly all customers are in the United Kingdom).
    expect(first.currencySymbol).toBe("£");
    expect(first.orderValues).toEqual(segmentValues(reference).map((s) => s.orderValue));
  });

  test("no request or response over 4 MB, none refused, syncs within the bound", () => {
    expect(host.stats.failedSyncs).toBe(0);
    expect(host.stats.maxRequestBytes).toBeLessThan(4_000_000);
    expect(host.stats.maxResponseBytes).toBeLessThan(4_000_000);
    expect(host.stats.perSync.every((p) => p.cellsRead <= 1_000_000 && p.cellsWritten <= 1_000_000)).toBe(true);
    expect(first.syncs).toBeLessThanOrEqual(SYNC_BOUND);
    // The adapter's count and the host's agree (the host does not count empty syncs; Excel.run adds its own).
    expect(Math.abs(host.stats.syncs - first.syncs)).toBeLessThanOrEqual(2);
  });

  test("R, F, M, RFM, Segment equal the engine's result on every one of the 541,909 rows", () => {
    const out = ["R", "F", "M", "RFM", "Segment"].map(
      (_, j) => host.workbook.requireSheet("Online Retail").cols[8 + j],
    );
    const header = host.readSheetValues("Online Retail", "I1:M1")[0];
    expect(header).toEqual(["R", "F", "M", "RFM", "Segment"]);
    let scored = 0;
    let mismatches = 0;
    for (let i = 0; i < ROWS; i++) {
      const k = reference.rowCustomer[i];
      const got = out.map((c) => c?.get(i + 1) ?? "");
      if (k < 0) {
        if (got.some((v) => v !== "")) mismatches++;
        continue;
      }
      scored++;
      const c = reference.customers[k];
      if (got[0] !== c.r || got[1] !== c.f || got[2] !== c.m || String(got[3]) !== c.rfm || got[4] !== c.segment) {
        mismatches++;
      }
    }
    expect(mismatches).toBe(0);
    expect(scored).toBe(reference.rowsUsed);
  });

  test("the analyst's columns A:H are exactly what was loaded", () => {
    const sheet = host.workbook.requireSheet("Online Retail");
    let diffs = 0;
    for (let j = 0; j < 8; j++) {
      const store = sheet.cols[j];
      if (store?.get(0) !== data.headers[j]) diffs++;
      const src = columns[j];
      for (let i = 0; i < ROWS; i++) {
        const v = store?.get(i + 1);
        const want = src[i] === "" || src[i] === null ? undefined : src[i];
        if ((v ?? undefined) !== want) diffs++;
      }
    }
    expect(diffs).toBe(0);
  });

  test("RFM Customers lists every customer, best first, with the engine's numbers and value figures", () => {
    const v = host.readSheetValues("RFM Customers");
    expect(v).toHaveLength(4339);
    expect(v[0].slice(11)).toEqual([
      "Avg order value",
      "Age (days)",
      "Purchase interval (days)",
      "Tenure (days)",
      "Value per year",
      // The data has a country column: last, for the dashboard's Country slicer.
      "Country",
    ]);
    const fig = customerValues(reference);
    const index = new Map(reference.customers.map((c, i) => [c, i]));
    const sorted = [...reference.customers].sort((a, b) => b.score - a.score || b.monetary - a.monetary);
    let bad = 0;
    const nameOf = new Map(reference.segments.map((sg) => [sg.label, sg.name]));
    let badValues = 0;
    let oneOrder = 0;
    sorted.forEach((c, i) => {
      const row = v[i + 1];
      const k = index.get(c)!;
      const interval = fig.purchaseIntervalDays[k];
      if (Number.isNaN(interval)) oneOrder++;
      if (
        row[11] !== fig.averageOrderValue[k] ||
        row[12] !== fig.ageDays[k] ||
        row[13] !== (Number.isNaN(interval) ? "" : interval) ||
        row[14] !== fig.tenureDays[k] ||
        row[15] !== fig.historicalValue[k]
      )
        badValues++;
      if (
        row[0] !== Number(c.id) ||
        Math.abs((row[1] as number) - timestampToExcelSerial(c.lastPurchase)) > 1e-9 ||
        row[2] !== c.recency ||
        row[3] !== c.frequency ||
        row[4] !== c.monetary ||
        row[5] !== c.r ||
        row[6] !== c.f ||
        row[7] !== c.m ||
        String(row[8]) !== c.rfm ||
        row[9] !== c.score ||
        row[10] !== nameOf.get(c.segment)
      )
        bad++;
    });
    expect(bad).toBe(0);
    expect(badValues).toBe(0);
    // One-order customers have no purchase interval: about a third of Online Retail's customers.
    expect(oneOrder).toBe(reference.customers.filter((c) => c.frequency === 1).length);
    expect(oneOrder).toBeGreaterThan(1000);
    // The money format follows the customers' country: nearly all are in the United Kingdom.
    expect(
      host.workbook.requireSheet("RFM Customers").readBlock({ r0: 1, c0: 4, r1: 1, c1: 4 }, "numberFormat"),
    ).toEqual([["£#,##0.00"]]);
  });

  test("RFM Summary's segment table and grid add up to the engine's", () => {
    const v = host.readSheetValues("RFM Summary");
    const top = v.findIndex((r) => r[0] === "Segment");
    reference.segments.forEach((s, i) => {
      expect(v[top + 1 + i].slice(0, 5)).toEqual([s.name, s.customers, s.customerShare, s.revenue, s.revenueShare]);
    });
    const g = v.findIndex((r) => r[0] === "R \\ F");
    let total = 0;
    for (let i = 1; i <= 5; i++) for (let f = 1; f <= 5; f++) total += v[g + i][f] as number;
    expect(total).toBe(4338);
  });

  test("RFM Summary's value table: one row per segment with customerValue.ts's means", () => {
    const t = host.snapshot().tables.find((x) => x.name === "RFMSegmentValues")!;
    expect(t.sheet).toBe("RFM Summary");
    const rows = host.readSheetValues("RFM Summary", t.address.split("!")[1]);
    expect(rows[0]).toEqual(SEGMENT_VALUE_HEADERS);
    const nameOf = new Map(reference.segments.map((sg) => [sg.label, sg.name]));
    const want = segmentValues(reference).map((s) => [
      nameOf.get(s.label),
      s.customers,
      s.meanAverageOrderValue,
      s.orderValue,
      s.meanAgeDays,
      s.repeatCustomers,
      s.meanPurchaseIntervalDays ?? "",
      s.meanTenureDays,
      s.meanHistoricalValue,
    ]);
    expect(rows.slice(1)).toEqual(want);
    expect(want.map((r) => r[0])).toEqual(reference.segments.map((s) => s.name));
    // Customers add up; the order values weighted by orders give back the total revenue.
    expect(rows.slice(1).reduce((a, r) => a + (r[1] as number), 0)).toBe(4338);
    const orders = new Map<string, number>();
    for (const c of reference.customers) {
      const name = nameOf.get(c.segment)!;
      orders.set(name, (orders.get(name) ?? 0) + c.frequency);
    }
    const revenue = rows.slice(1).reduce((a, r) => a + (r[3] as number) * orders.get(r[0] as string)!, 0);
    expect(revenue).toBeCloseTo(reference.totalRevenue, 4);
  });

  test("a re-run leaves the same workbook, again within the bounds", async () => {
    const columnsBefore = resultColumns();
    const before = workbookState(host, ["Online Retail"]);
    host.resetStats();
    const confirm = jest.fn(async () => true);
    const second = await runSegmentation({}, { confirmReplace: confirm }, host);
    expect(confirm).not.toHaveBeenCalled();
    expect(second.syncs).toBeLessThanOrEqual(SYNC_BOUND);
    expect(host.stats.maxRequestBytes).toBeLessThan(4_000_000);
    expect(host.stats.maxResponseBytes).toBeLessThan(4_000_000);
    expect(workbookState(host, ["Online Retail"])).toEqual(before);
    const after = resultColumns();
    let diffs = 0;
    for (let j = 0; j < 5; j++) for (let i = 0; i <= ROWS; i++) if (after[j][i] !== columnsBefore[j][i]) diffs++;
    expect(diffs).toBe(0);
    expect(marker(host).source?.rows).toBe(ROWS);
  }, 300_000);
});
