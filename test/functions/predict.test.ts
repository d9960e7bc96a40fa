/**
 * The prediction custom functions (RFM.FIT, RFM.CALIBRATION, RFM.PALIVE, RFM.EXPECTED, RFM.AVGVALUE, RFM.CLV) called
 * as Excel calls them: N×1 ranges, dates as Excel serials, null for omitted optional arguments. On the CDNOW sample
 * (when the shared data folder is there) they must give the papers' figures and the engine's per-customer numbers;
 * on small hand-made data, the argument handling and the errors.
 */
import { FakeCustomFunctionError, thrownBy } from "./customFunctionsGlobal";
import { avgvalue, calibration, clv, expected, fit, palive } from "../../src/functions/predict";
import { predictCustomers } from "../../src/rfm/predict";
import type { Cell } from "../../src/rfm/types";
import { loadCdnow } from "../rfm/predict/cdnow";

const DAY = 86400000;

/** `YYYY-MM-DD` → Excel serial (days since 1899-12-30), from the calendar. */
function toSerial(text: string): number {
  const [y, mo, d] = text.split("-").map(Number);
  return (Date.UTC(y, mo - 1, d) - Date.UTC(1899, 11, 30)) / DAY;
}

function col(values: readonly unknown[]): unknown[][] {
  return values.map((v) => [v]);
}

function cellError(v: unknown): FakeCustomFunctionError {
  if (!(v instanceof FakeCustomFunctionError)) throw new Error(`expected an error cell, got ${JSON.stringify(v)}`);
  return v;
}

/** One column of a spilled table (below its header row), as an N×1 range. */
function spillColumn(table: unknown[][], k: number): unknown[][] {
  return table.slice(1).map((row) => [row[k]]);
}

const cdnow = loadCdnow();

(cdnow ? describe : describe.skip)("on the CDNOW sample, calibration to 1997-09-30 in weeks", () => {
  let customers: unknown[][];
  let dates: unknown[][];
  let amounts: unknown[][];
  let params: unknown[][];
  let summary: unknown[][];
  let engine: ReturnType<typeof predictCustomers>;
  beforeAll(() => {
    const c = cdnow!;
    customers = col(c.columns[0]);
    dates = col(c.columns[1].map((d) => toSerial(String(d))));
    amounts = col(c.columns[3]);
    const end = toSerial("1997-09-30");
    params = fit(customers, dates, amounts, [[end]], null);
    summary = calibration(customers, dates, amounts, end, "week");
    engine = predictCustomers(c, { calibrationEnd: "1997-09-30", horizon: 39 });
  });

  test("RFM.FIT spills the published parameters with labels", () => {
    const v = Object.fromEntries(params.map(([k, x]) => [k, x]));
    expect(params.map((r) => r[0])).toEqual([
      "r",
      "alpha",
      "a",
      "b",
      "p",
      "q",
      "gamma",
      "log-likelihood",
      "customers",
      "unit",
      "note",
    ]);
    expect(v.r).toBeCloseTo(0.2426, 3);
    expect(v.alpha).toBeCloseTo(4.414, 2);
    expect(v.a).toBeCloseTo(0.793, 3);
    expect(v.b).toBeCloseTo(2.426, 2);
    expect(v.p).toBeCloseTo(6.25, 2);
    expect(v.q).toBeCloseTo(3.74, 2);
    expect(v.gamma).toBeCloseTo(15.44, 1);
    expect(v["log-likelihood"]).toBeCloseTo(-9582.4, 1);
    expect(v.customers).toBe(2357);
    expect(v.unit).toBe("week");
    expect(v.note).toBe("");
    // The same numbers as the engine on the CSV's date text.
    expect(v.r).toBe(engine.bgnbd.params.r);
    expect(v.gamma).toBe(engine.gammaGamma!.params.gamma);
  });

  test("RFM.CALIBRATION spills x, t_x, T and the mean repeat value per customer", () => {
    expect(summary[0]).toEqual(["CustomerID", "x", "t_x", "T", "mean_value"]);
    expect(summary).toHaveLength(2358);
    // Customer 1: purchases 1997-01-01, 01-18, 08-02 → x 2, t_x 213 days, T 272 days.
    expect(summary[1].slice(0, 4)).toEqual([1, 2, 213 / 7, 272 / 7]);
    expect(summary[1][4]).toBeCloseTo(engine.summary.meanRepeatValue[0], 12);
    const noRepeat = summary.find((r) => r[1] === 0)!;
    expect(noRepeat[2]).toBe(0);
    expect(noRepeat[4]).toBe("");
  });

  test("RFM.PALIVE, RFM.EXPECTED, RFM.AVGVALUE and RFM.CLV on the spilled columns match the engine per customer", () => {
    const [x, tx, T, m] = [1, 2, 3, 4].map((k) => spillColumn(summary, k));
    const alive = palive(x, tx, T, params);
    const exp39 = expected([[39]], x, tx, T, params);
    const avg = avgvalue(x, m, params);
    const value = clv(x, tx, T, m, params, 39, null);
    for (let i = 0; i < engine.summary.ids.length; i++) {
      expect(alive[i][0]).toBe(engine.pAlive[i]);
      expect(exp39[i][0]).toBe(engine.expectedPurchases[i]);
      if (engine.summary.x[i] > 0) {
        expect(avg[i][0]).toBeCloseTo(engine.expectedAverageValue[i], 9);
        expect(value[i][0]).toBeCloseTo(engine.clv[i], 9);
      } else {
        expect(avg[i][0]).toBe("");
        expect(value[i][0]).toBe("");
      }
    }
  });

  test("the paper's customer: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in 39 weeks", () => {
    expect(expected([[39]], [[2]], [[30.43]], [[38.86]], params)[0][0]).toBeCloseTo(1.226, 3);
    // A range of horizons spills one answer each, rising with the horizon.
    const h = expected(col([13, 26, 39, 52]), [[2]], [[30.43]], [[38.86]], params).map((r) => r[0] as number);
    for (let k = 1; k < h.length; k++) expect(h[k]).toBeGreaterThan(h[k - 1]);
  });

  test("CLV defaults to 52 weeks' worth and discounts per period when asked", () => {
    const m = spillColumn(summary, 4)[0];
    const plain = clv([[2]], [[213 / 7]], [[272 / 7]], [m], params, null, null)[0][0] as number;
    const year = clv([[2]], [[213 / 7]], [[272 / 7]], [m], params, 52, 0)[0][0] as number;
    const discounted = clv([[2]], [[213 / 7]], [[272 / 7]], [m], params, 52, 0.01)[0][0] as number;
    expect(plain).toBe(year);
    expect(discounted).toBeLessThan(year);
    expect(discounted).toBeGreaterThan(year / 1.01 ** 52);
  });
});

/** Five customers, order-level rows (customer, date text, amount). */
const ROWS: [Cell, string, number][] = [
  ["A", "2020-01-01", 10],
  ["A", "2020-02-10", 12],
  ["A", "2020-05-01", 9],
  ["B", "2020-01-05", 30],
  ["B", "2020-03-01", 25],
  ["C", "2020-01-20", 5],
  ["D", "2020-02-01", 40],
  ["D", "2020-02-15", 35],
  ["D", "2020-04-01", 45],
  ["E", "2020-03-03", 8],
  ["E", "2020-06-20", 7],
];
const small = {
  customers: col(ROWS.map((r) => r[0])),
  dates: col(ROWS.map((r) => toSerial(r[1]))),
  amounts: col(ROWS.map((r) => r[2])),
};
const PARAMS_4 = [[0.24], [4.4], [0.79], [2.4]];

describe("arguments and errors", () => {
  test("RFM.FIT on a few customers: finite parameters, the warning in the note row", () => {
    const out = fit(small.customers, small.dates, small.amounts, "2020-06-30", "days");
    const v = Object.fromEntries(out.map(([k, x]) => [k, x]));
    expect(v.unit).toBe("day");
    expect(v.customers).toBe(5);
    for (const k of ["r", "alpha", "a", "b", "p", "q", "gamma"]) expect(Number.isFinite(v[k])).toBe(true);
    expect(String(v.note)).toMatch(/Only 5 customers/);
  });

  test("a fit that cannot be made is #VALUE! with the engine's message", () => {
    const oneDay = col(ROWS.map(() => toSerial("2020-01-01")));
    expect(thrownBy(() => fit(small.customers, oneDay, small.amounts, "2020-06-30", null)).message).toMatch(
      /Every purchase is on one day/,
    );
    const e = thrownBy(() => fit(small.customers, small.dates, small.amounts, "2019-06-30", null));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/before the first purchase/);
    expect(thrownBy(() => fit(small.customers, small.dates, small.amounts, null, null)).message).toMatch(
      /calibration_end is required/,
    );
    expect(thrownBy(() => fit(small.customers, small.dates, small.amounts, "2020-06-30", "year")).message).toMatch(
      /unit must be "day", "week" or "month"/,
    );
    expect(
      thrownBy(() => fit(small.customers, small.dates.slice(1), small.amounts, "2020-06-30", null)).message,
    ).toMatch(/same rows/);
  });

  test("params: the labelled spill, its transpose, 4 or 7 numbers; anything else is #VALUE!", () => {
    const labelled = [
      ["r", 0.24],
      ["alpha", 4.4],
      ["a", 0.79],
      ["b", 2.4],
    ];
    const byLabel = palive([[2]], [[30]], [[38]], labelled)[0][0];
    expect(palive([[2]], [[30]], [[38]], PARAMS_4)[0][0]).toBe(byLabel);
    expect(palive([[2]], [[30]], [[38]], [[0.24, 4.4, 0.79, 2.4]])[0][0]).toBe(byLabel);
    expect(palive([[2]], [[30]], [[38]], [labelled.map((r) => r[0]), labelled.map((r) => r[1])])[0][0]).toBe(byLabel);
    expect(
      palive(
        [[2]],
        [[30]],
        [[38]],
        [
          ["α", 0.24],
          ["ALPHA", 4.4],
          ["a", 0.79],
          ["b", 2.4],
          ["r", 0.24],
        ],
      )[0][0],
    ).toBe(byLabel);
    expect(thrownBy(() => palive([[2]], [[30]], [[38]], [[1], [2], [3]])).message).toMatch(/got 3 values/);
    expect(
      thrownBy(() =>
        palive(
          [[2]],
          [[30]],
          [[38]],
          [
            ["r", 0.24],
            ["alpha", -1],
          ],
        ),
      ).message,
    ).toMatch(/alpha, a, b are missing/);
    // The spend functions need p, q, gamma.
    expect(thrownBy(() => clv([[2]], [[30]], [[38]], [[20]], PARAMS_4, null, null)).message).toMatch(/p, q and gamma/);
  });

  test("per cell: empty input gives an empty answer, a bad cell #VALUE! in its answer only", () => {
    const out = palive(col([2, "", "two", 1, 1]), col([30, 1, 1, 0, 50]), col([38, 5, 5, 40, 40]), PARAMS_4);
    expect(out[0][0]).toBeGreaterThan(0);
    expect(out[1][0]).toBe("");
    expect(cellError(out[2][0]).message).toBe('x (row 3 of the range) must be a number; got "two".');
    expect(cellError(out[3][0]).message).toMatch(/^Row 4: t_x must be above 0 when x = 1/);
    expect(cellError(out[4][0]).message).toMatch(/^Row 5: t_x \(time of the last purchase\) must be between 0 and T/);
    // Ranges of different sizes are a whole-formula error.
    expect(thrownBy(() => palive(col([1, 2]), col([1, 2, 3]), [[5]], PARAMS_4)).code).toBe("#VALUE!");
  });

  test("P(alive) is 1 without a repeat purchase; E[Y(t)] is 0 for t = 0; CLV is empty without a repeat purchase", () => {
    expect(palive([[0]], [[0]], [[20]], PARAMS_4)).toEqual([[1]]);
    expect(expected([[0]], [[3]], [[10]], [[20]], PARAMS_4)).toEqual([[0]]);
    const seven = [[0.24, 4.4, 0.79, 2.4, 6.25, 3.74, 15.44]];
    expect(clv([[0]], [[0]], [[20]], [[""]], seven, 52, null)).toEqual([[""]]);
    expect(avgvalue([[0]], [[10]], seven)).toEqual([[""]]);
    // E[M] = p (γ + m x) / (p x + q − 1) = 6.25 (15.44 + 30 · 2) / (12.5 + 2.74)
    expect(avgvalue([[2]], [[30]], seven)[0][0]).toBeCloseTo((6.25 * (15.44 + 60)) / (12.5 + 2.74), 12);
    expect(thrownBy(() => clv([[2]], [[30]], [[38]], [[20]], seven, 0, null)).message).toMatch(/horizon must be/);
    expect(thrownBy(() => clv([[2]], [[30]], [[38]], [[20]], seven, 52, 1.5)).message).toMatch(/discount_rate/);
  });
});
