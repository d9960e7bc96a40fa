/**
 * The Predict step's Office action on the CDNOW sample (the papers' data) in the simulated Excel: the four columns
 * on the RFM Customers table match the engine customer for customer, the "RFM Prediction" sheet says what was fitted
 * and holds the holdout table and two charts, a re-run replaces only the prediction's outputs, and Cancel leaves
 * nothing half-written.
 */
import type { ExcelHost } from "excel-sim";
import { timestampToExcelSerial, type Cell } from "../../src/rfm";
import { predictCustomers } from "../../src/rfm/predict";
import { runSegmentation } from "../../src/office";
import { PREDICTION_SHEET, runPrediction } from "../../src/office/prediction";
import { PREDICTION_HEADERS } from "../../src/office/predictColumns";
import { loadCdnow } from "../rfm/predict/cdnow";
import { marker, newHost, sheetNames, workbookState } from "./helpers";

const data = loadCdnow();
const maybe = data ? describe : describe.skip;
const PAPER = { calibrationEnd: "1997-09-30", holdoutEnd: "1998-06-30", unit: "week" as const, horizon: 39 };

/** A host holding the sample as a workbook shows it (dates as serials), already segmented. */
async function segmentedHost(options: Parameters<typeof newHost>[0] = {}): Promise<ExcelHost> {
  const t = data!;
  const dateCol = t.headers.indexOf("Date");
  const columns: Cell[][] = t.columns.map((col, j) =>
    j === dateCol ? Array.from(col, (v) => timestampToExcelSerial(Date.parse(String(v)))) : Array.from(col),
  );
  const host = newHost(options);
  host.loadSheet("CDNOW", { headers: t.headers, columns: columns as never });
  await runSegmentation({}, {}, host);
  return host;
}

function table(host: ExcelHost, name: string) {
  return host.snapshot().tables.find((t) => t.name === name)!;
}

/** The customer table's rows as objects keyed by header. */
function customerRows(host: ExcelHost): Record<string, unknown>[] {
  const t = table(host, "RFMCustomers");
  const values = host.readSheetValues("RFM Customers");
  const headers = values[0] as string[];
  expect(headers).toEqual(t.headers);
  return values.slice(1).map((row) => Object.fromEntries(headers.map((h, j) => [h, row[j]])));
}

maybe("Predict on the CDNOW sample", () => {
  const reference = data ? predictCustomers(data, PAPER) : undefined;

  test("adds the four columns, matched by customer id, with their number formats", async () => {
    const host = await segmentedHost();
    const before = host.readSheetValues("RFM Customers");
    const summary = await runPrediction({}, PAPER, {}, host);
    expect(summary.cancelled).toBeUndefined();
    expect(summary.customers).toBe(2357);
    // The RFM run leaves out the eight customers whose only purchase is worth $0; the models keep them.
    expect(summary.matched).toBe(2349);
    expect(summary.bgnbd.r).toBeCloseTo(0.2426, 3);
    expect(summary.outputs).toEqual({ sheet: PREDICTION_SHEET, columns: [...PREDICTION_HEADERS], charts: 2 });
    const t = table(host, "RFMCustomers");
    expect(t.headers.slice(-4)).toEqual([...PREDICTION_HEADERS]);
    // The RFM run's cells are untouched.
    const after = host.readSheetValues("RFM Customers");
    after.forEach((row, i) => expect(row.slice(0, before[0].length)).toEqual(before[i]));
    const ref = reference!;
    const index = new Map(ref.summary.ids.map((id, i) => [id, i]));
    for (const row of customerRows(host)) {
      const i = index.get(String(row.CustomerID))!;
      expect(row["P(alive)"]).toBe(ref.pAlive[i]);
      expect(row["Expected purchases"]).toBe(ref.expectedPurchases[i]);
      const m = ref.expectedAverageValue[i];
      expect(row["Expected avg value"]).toBe(Number.isFinite(m) ? m : "");
      expect(row.CLV).toBe(Number.isFinite(m) ? ref.clv[i] : "");
    }
    const sheet = host.workbook.requireSheet("RFM Customers");
    const col = (h: string) => t.headers.indexOf(h);
    const fmt = (h: string) => sheet.readBlock({ r0: 1, c0: col(h), r1: 1, c1: col(h) }, "numberFormat")[0][0];
    expect(fmt("P(alive)")).toBe("0.0%");
    expect(fmt("Expected purchases")).toBe("#,##0.00");
    expect(fmt("CLV")).toBe(fmt("Monetary"));
    expect(fmt("Expected avg value")).toBe(fmt("Monetary"));
    // Autofitted: wider than the default for the long headers.
    expect(sheet.columnWidth(col("Expected purchases"))).toBeGreaterThan(sheet.columnWidth(col("R")));
  }, 120_000);

  test("the RFM Prediction sheet: parameters in words, cleaning, holdout table, two charts", async () => {
    const host = await segmentedHost();
    await runPrediction({}, PAPER, {}, host);
    expect(sheetNames(host)).toContain(PREDICTION_SHEET);
    const text = host
      .readSheetValues(PREDICTION_SHEET)
      .map((r) => r.join(" | "))
      .join("\n");
    expect(text).toMatch(/Purchase model \(BG\/NBD\)/);
    expect(text).toMatch(/^r \| 0\.24\d* \| Shape of how often/m);
    expect(text).toMatch(/^alpha \| 4\.41/m);
    expect(text).toMatch(/^gamma \| 15\.4/m);
    expect(text).toMatch(/6,919 rows read/);
    expect(text).toMatch(/2,357 customers in the purchase model, 946 of the 946/);
    const holdout = table(host, "RFMHoldout");
    expect(holdout.headers).toEqual(["Calibration purchases", "Actual", "Expected", "Customers"]);
    const rows = host.readSheetValues(PREDICTION_SHEET, holdout.address.split("!")[1]).slice(1);
    expect(rows.map((r) => r[0])).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    expect(rows.reduce((a, r) => a + (r[3] as number), 0)).toBe(2357);
    const charts = host.snapshot().sheets.find((s) => s.name === PREDICTION_SHEET)!.charts;
    expect(charts.map((c) => c.chartType)).toEqual(["ColumnClustered", "Line"]);
    expect(charts[0].categories).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    expect(charts[0].series.map((s) => s.name)).toEqual(["Actual", "Expected"]);
    expect(charts[1].series.map((s) => s.name)).toEqual(["Actual", "Expected"]);
    expect(charts[1].categories.length).toBeGreaterThan(70);
    expect(
      marker(host)
        .sheets.map((r) => r.role)
        .sort(),
    ).toEqual(["customers", "dashboard", "prediction", "summary"]);
  }, 120_000);

  test("a re-run replaces only the prediction's outputs; the next RFM run does not ask", async () => {
    const host = await segmentedHost();
    await runPrediction({}, PAPER, {}, host);
    const first = workbookState(host);
    await runPrediction({}, PAPER, {}, host);
    expect(workbookState(host)).toEqual(first);
    await runPrediction({}, { ...PAPER, horizon: 52 }, {}, host);
    expect(table(host, "RFMCustomers").headers.filter((h) => h === "CLV")).toHaveLength(1);
    expect(sheetNames(host).filter((n) => n.startsWith(PREDICTION_SHEET))).toEqual([PREDICTION_SHEET]);
    // Without a confirmReplace callback an RFM run stops on sheets it thinks were edited: it must not.
    await expect(runSegmentation({}, {}, host)).resolves.toEqual(expect.objectContaining({ customers: 2349 }));
  }, 120_000);

  test("Cancel while reading or fitting leaves the workbook unchanged; after the columns, they are complete", async () => {
    const host = await segmentedHost();
    const before = workbookState(host);
    const ac = new AbortController();
    const early = await runPrediction(
      {},
      PAPER,
      { signal: ac.signal, onProgress: (p) => p.step === "Reading rows" && ac.abort() },
      host,
    );
    expect(early.cancelled).toMatch(/unchanged/);
    expect(workbookState(host)).toEqual(before);
    const late = new AbortController();
    const mid = await runPrediction(
      {},
      PAPER,
      { signal: late.signal, onProgress: (p) => p.step === "Writing columns" && late.abort() },
      host,
    );
    expect(mid.cancelled).toMatch(/columns were written/);
    expect(sheetNames(host)).not.toContain(PREDICTION_SHEET);
    const rows = customerRows(host);
    expect(rows.every((r) => typeof r["P(alive)"] === "number")).toBe(true);
  }, 120_000);

  test("defaults: calibration end at the last date, the RFM run first", async () => {
    const fresh = newHost();
    fresh.loadSheet("CDNOW", [
      data!.headers as Cell[],
      ["1", 35431, 1, 10],
      ["1", 35500, 1, 10],
      ["2", 35431, 1, 5],
    ] as never);
    await expect(runPrediction({}, PAPER, {}, fresh)).rejects.toThrow(/Segment customers" first/);
    const s = await runPrediction({}, { unit: "week", horizon: 52 }, {}, await segmentedHost());
    expect(s.calibrationEnd).toBe(s.lastDate);
    expect(s.lastDate).toBe("1998-06-30");
    expect(s.holdout).toBeNull();
  }, 120_000);

  test("on the add-in's minimum Excel API (1.7, no slicers) the same columns and sheet", async () => {
    // Excel on the web always runs the newest API, so an old API version is a desktop Excel (no web cell limit).
    const host = await segmentedHost({ apiVersion: "1.7", platform: "PC" });
    const summary = await runPrediction({}, PAPER, {}, host);
    expect(summary.outputs.charts).toBe(2);
    expect(table(host, "RFMCustomers").headers.slice(-4)).toEqual([...PREDICTION_HEADERS]);
    expect(host.stats.failedSyncs).toBe(0);
  }, 120_000);
});
