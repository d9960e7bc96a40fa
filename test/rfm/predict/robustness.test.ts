/**
 * The fit on hard inputs: Online Retail, whose BG/NBD optimum runs onto the boundary (a → 0, b → ∞), and the
 * degenerate inputs nothing can be fitted to (typed PredictError, which the doors turn into a message and the CLI into
 * exit status 2) or that fit with a caveat (structured warnings). Also the cleaning report the doors print.
 */
import { EMBEDDED_ONLINE_RETAIL, readCsvFile, sharedDataFile } from "../../../src/cli/dataFiles";
import { isRfmError } from "../../../src/rfm/errors";
import {
  PredictError,
  predictCustomers,
  summarizeCalibration,
  type PredictErrorReason,
  type PredictionResult,
} from "../../../src/rfm/predict";
import type { ColumnTable } from "../../../src/rfm/types";
import { thrownBy } from "../../helpers/errors";

function checkSensible(result: PredictionResult): void {
  for (const v of Object.values(result.bgnbd.params)) expect(Number.isFinite(v) && v > 0).toBe(true);
  expect(Number.isFinite(result.bgnbd.logLikelihood)).toBe(true);
  for (let i = 0; i < result.summary.ids.length; i++) {
    expect(result.pAlive[i]).toBeGreaterThanOrEqual(0);
    expect(result.pAlive[i]).toBeLessThanOrEqual(1);
    expect(Number.isFinite(result.expectedPurchases[i])).toBe(true);
    expect(result.expectedPurchases[i]).toBeGreaterThanOrEqual(0);
  }
  expect(Number.isFinite(result.newCustomerPurchases)).toBe(true);
  for (const p of result.tracking) expect(Number.isFinite(p.expected)).toBe(true);
}

describe("Online Retail, calibration to 2011-08-31: the BG/NBD optimum is on the boundary", () => {
  let result: PredictionResult;
  beforeAll(() => {
    result = predictCustomers(readCsvFile(EMBEDDED_ONLINE_RETAIL), {
      calibrationEnd: "2011-08-31",
      holdoutEnd: "2011-12-09",
    });
  });

  test("dropout runs off (a → 0, b → ∞), the fit ends finite and says so in words", () => {
    const { params, noDropout, boundary } = result.bgnbd;
    expect(noDropout).toBe(true);
    expect(boundary).toBe(true);
    expect(params.a / (params.a + params.b)).toBeLessThan(1e-4);
    expect(params.r).toBeGreaterThan(0.5);
    expect(params.r).toBeLessThan(1);
    const w = result.diagnostics.find((d) => d.code === "noDropout");
    expect(w?.message).toMatch(/^No dropout detected: /);
    expect(result.warnings).toContain(w?.message);
    checkSensible(result);
    // Nobody leaves: P(alive) is 1 to many digits for every customer.
    expect(Math.min(...result.pAlive)).toBeGreaterThan(0.999);
  });

  test("the spend model there has an interior optimum", () => {
    const gg = result.gammaGamma!;
    expect(gg.boundary).toBe(false);
    expect(gg.converged).toBe(true);
    expect(gg.params.q).toBeGreaterThan(1);
    expect(result.diagnostics.map((d) => d.code)).not.toContain("spendBoundary");
    for (let i = 0; i < result.summary.ids.length; i++) {
      if (result.summary.x[i] > 0 && result.summary.meanRepeatValue[i] > 0) {
        expect(Number.isFinite(result.clv[i]) && result.clv[i] >= 0).toBe(true);
      }
    }
  });

  test("cleaning counts: no customer, cancellations; the holdout check counted exactly", () => {
    const c = result.cleaning;
    expect(c.rowsRead).toBe(541909);
    const dropped = Object.fromEntries(c.dropped.map((e) => [e.rule, e.count]));
    expect(dropped.missingCustomer).toBe(135080);
    expect(dropped.cancelledInvoice).toBe(8905);
    expect(c.rowsUsed).toBe(541909 - c.dropped.reduce((n, e) => n + e.count, 0));
    expect(c.customers).toBe(result.summary.ids.length);
    expect(c.lines[0]).toBe(`541,909 rows read, ${c.rowsUsed.toLocaleString("en-US")} used for the models.`);
    expect(c.lines).toContain("Dropped: Rows without a customer id: 135,080.");
    const h = result.holdout!;
    expect(h.actual).toBe(Array.from(result.summary.holdoutPurchases).reduce((a, b) => a + b, 0));
    expect(h.byFrequency.reduce((n, r) => n + r.customers, 0)).toBe(result.summary.ids.length);
    expect(h.byFrequency[h.byFrequency.length - 1].frequency).toBe("7+");
  });

  test("the shared uncompressed copy gives the same fit", () => {
    const shared = sharedDataFile("online_retail.csv");
    if (shared === null) return; // only the bundled copy is there
    const again = predictCustomers(readCsvFile(shared), { calibrationEnd: "2011-08-31", holdoutEnd: "2011-12-09" });
    expect(again.summary.ids).toEqual(result.summary.ids);
    expect(again.bgnbd.logLikelihood).toBeCloseTo(result.bgnbd.logLikelihood, 6);
    expect(again.holdout!.actual).toBe(result.holdout!.actual);
  });
});

/** An order-level table: [customer, date, amount] rows. */
function orders(rows: [string, string, number][]): ColumnTable {
  return {
    headers: ["CustomerID", "Date", "Amount"],
    columns: [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
  };
}

/** Five customers with repeat purchases spread over half a year. */
const SMALL: [string, string, number][] = [
  ["1", "2020-01-01", 10],
  ["1", "2020-02-10", 12],
  ["1", "2020-05-01", 9],
  ["2", "2020-01-05", 30],
  ["2", "2020-03-01", 25],
  ["3", "2020-01-20", 5],
  ["4", "2020-02-01", 40],
  ["4", "2020-02-15", 35],
  ["4", "2020-04-01", 45],
  ["4", "2020-06-01", 50],
  ["5", "2020-03-03", 8],
  ["5", "2020-06-20", 0],
];

function reason(fn: () => unknown): PredictErrorReason {
  const e = thrownBy(fn, PredictError);
  expect(isRfmError(e)).toBe(true); // the CLI's exit-2 test
  expect(e.message.length).toBeGreaterThan(20);
  return e.reason;
}

describe("degenerate inputs", () => {
  test("no repeat customer: PredictError noRepeatCustomers", () => {
    const table = orders([
      ["1", "2020-01-01", 10],
      ["2", "2020-01-05", 10],
      ["3", "2020-02-01", 10],
    ]);
    expect(reason(() => predictCustomers(table, { calibrationEnd: "2020-03-01" }))).toBe("noRepeatCustomers");
  });

  test("one customer: PredictError tooFewCustomers", () => {
    const table = orders([
      ["1", "2020-01-01", 10],
      ["1", "2020-01-05", 10],
      ["1", "2020-02-01", 10],
    ]);
    const e = thrownBy(() => predictCustomers(table, { calibrationEnd: "2020-03-01" }), PredictError);
    expect(e.reason).toBe("tooFewCustomers");
    expect(e.code).toBe("noCustomers");
    expect(e.message).toMatch(/1 customer\b/);
  });

  test("all purchases on one day: PredictError oneDay, whatever the calibration end", () => {
    const table = orders([
      ["1", "2020-01-01", 10],
      ["2", "2020-01-01", 20],
      ["1", "2020-01-01", 5],
    ]);
    for (const end of ["2019-12-01", "2020-01-01", "2020-06-01"]) {
      expect(reason(() => predictCustomers(table, { calibrationEnd: end }))).toBe("oneDay");
    }
  });

  test("calibration end before the first purchase: PredictError calibrationBeforeData naming the range", () => {
    const e = thrownBy(() => predictCustomers(orders(SMALL), { calibrationEnd: "2019-06-30" }), PredictError);
    expect(e.reason).toBe("calibrationBeforeData");
    expect(e.message).toContain("2020-01-01");
    expect(e.message).toContain("2020-06-20");
  });

  test("calibration end on the first purchase day: only first purchases, nothing to fit", () => {
    const table = orders([
      ["1", "2020-01-01", 10],
      ["2", "2020-01-01", 10],
      ["1", "2020-02-01", 10],
    ]);
    expect(reason(() => predictCustomers(table, { calibrationEnd: "2020-01-01" }))).toBe("noRepeatCustomers");
  });

  test("nothing left after cleaning: PredictError noPurchases listing what was dropped", () => {
    const table = orders([
      ["", "2020-01-01", 10],
      ["2", "2020-01-05", -10],
    ]);
    const e = thrownBy(() => predictCustomers(table, { calibrationEnd: "2020-03-01" }), PredictError);
    expect(e.reason).toBe("noPurchases");
    expect(e.message).toContain("Rows without a customer id: 1");
    expect(e.message).toContain("negative amount: 1");
  });

  test("calibration end after the last purchase: fits, warns calibrationAfterData", () => {
    const result = predictCustomers(orders(SMALL), { calibrationEnd: "2020-12-31" });
    checkSensible(result);
    expect(result.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(["calibrationAfterData"]));
    expect(result.holdout).toBeNull();
  });

  test("holdout end after the last purchase: warns holdoutAfterData", () => {
    const result = predictCustomers(orders(SMALL), { calibrationEnd: "2020-04-30", holdoutEnd: "2020-12-31" });
    checkSensible(result);
    const codes = result.diagnostics.map((d) => d.code);
    expect(codes).toContain("holdoutAfterData");
    expect(codes).toContain("fewCustomers");
    expect(result.warnings).toEqual(result.diagnostics.map((d) => d.message));
    expect(result.holdout!.actual).toBe(3); // 1 on 05-01, 4 on 06-01, 5 on 06-20
  });

  test("few customers: finite fit and predictions with a fewCustomers warning", () => {
    const result = predictCustomers(orders(SMALL), { calibrationEnd: "2020-05-31" });
    checkSensible(result);
    expect(result.diagnostics.map((d) => d.code)).toContain("fewCustomers");
  });

  test("a spend model needs two customers with a positive repeat value: else noSpendModel, CLV empty", () => {
    const table = orders([
      ["1", "2020-01-01", 10],
      ["1", "2020-02-01", 10],
      ["2", "2020-01-05", 10],
      ["2", "2020-03-01", 0],
      ["3", "2020-01-10", 7],
    ]);
    const result = predictCustomers(table, { calibrationEnd: "2020-04-01" });
    checkSensible(result);
    expect(result.gammaGamma).toBeNull();
    expect(result.diagnostics.map((d) => d.code)).toContain("noSpendModel");
    expect(Array.from(result.clv).every(Number.isNaN)).toBe(true);
    expect(result.cleaning.zeroMeanCustomers).toBe(1);
    expect(result.cleaning.zeroValuePurchases).toBe(1);
  });
});

describe("cleaning for the models", () => {
  test("invoice-level data: no customer, cancellations, negative quantity and price dropped and counted", () => {
    const table: ColumnTable = {
      headers: ["InvoiceNo", "CustomerID", "InvoiceDate", "Quantity", "UnitPrice"],
      columns: [
        ["1", "2", "C3", "4", "5", "6", "7", "8", "9", "10"],
        ["A", "A", "A", "", "B", "B", "B", "C", "C", "A"],
        [
          "2020-01-01",
          "2020-02-01",
          "2020-02-02",
          "2020-02-03",
          "2020-01-10",
          "2020-03-10",
          "2020-03-11",
          "2020-01-15",
          "2020-04-01",
          "2020-05-01",
        ],
        [2, 1, -1, 3, 1, -2, 1, 1, 0, 1],
        [5, 5, 5, 5, 10, 10, -3, 4, 4, 6],
      ],
    };
    const result = predictCustomers(table, { calibrationEnd: "2020-04-15" });
    const dropped = Object.fromEntries(result.cleaning.dropped.map((e) => [e.rule, e.count]));
    expect(dropped).toEqual({ missingCustomer: 1, cancelledInvoice: 1, negativeQuantity: 1, negativeValue: 1 });
    expect(result.cleaning.rowsRead).toBe(10);
    expect(result.cleaning.rowsUsed).toBe(6);
    // C's zero-quantity line on 2020-04-01 is still a purchase: x = 1 for C, worth 0 (out of the spend model).
    const s = result.summary;
    expect(Array.from(s.x)).toEqual([1, 0, 1]); // A (A's 05-01 purchase is in the holdout), B, C
    expect(s.ids).toEqual(["A", "B", "C"]);
    expect(result.cleaning.zeroValuePurchases).toBe(1);
    expect(result.cleaning.zeroMeanCustomers).toBe(1);
    expect(result.cleaning.lines.some((l) => /worth 0 kept as purchases/.test(l))).toBe(true);
  });

  test("customers who start after the calibration end are counted, not modelled", () => {
    const s = summarizeCalibration(orders(SMALL), { calibrationEnd: "2020-01-31" });
    expect(s.ids).toEqual(["1", "2", "3"]);
    expect(s.lateCustomers).toBe(2);
  });
});
