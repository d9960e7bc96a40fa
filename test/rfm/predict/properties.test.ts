/**
 * Properties of the BG/NBD predictions over random parameters and customers, and of the fit over random small data
 * sets: whatever the input, the results are finite and in range.
 */
import fc from "fast-check";
import {
  expectedPurchases,
  expectedPurchasesNew,
  fitBgNbd,
  pAlive,
  predictFromSummary,
  summarizeCalibration,
  type BgNbdParams,
} from "../../../src/rfm/predict";
import type { ColumnTable } from "../../../src/rfm/types";

const logUniform = (min: number, max: number): fc.Arbitrary<number> =>
  fc.double({ min: Math.log(min), max: Math.log(max), noNaN: true }).map(Math.exp);

const params: fc.Arbitrary<BgNbdParams> = fc.record({
  r: logUniform(0.01, 20),
  alpha: logUniform(0.1, 200),
  a: logUniform(1e-6, 20),
  b: logUniform(0.05, 1e6),
});

/** A customer (x, t_x, T) with 0 < t_x ≤ T when x > 0, t_x = 0 when x = 0. */
const customer = fc
  .record({
    x: fc.integer({ min: 0, max: 60 }),
    T: fc.double({ min: 0, max: 200, noNaN: true }),
    f: fc.double({ min: 0.01, max: 1, noNaN: true }),
  })
  .map(({ x, T, f }) => ({ x, T: x > 0 ? Math.max(T, 0.01) : T, tx: x > 0 ? Math.max(T, 0.01) * f : 0 }));

describe("BG/NBD predictions", () => {
  test("P(alive) is in [0, 1]; E[Y(t)] is finite, ≥ 0 and does not decrease in t", () => {
    fc.assert(
      fc.property(
        params,
        customer,
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (p, { x, tx, T }, t1, dt) => {
          const alive = pAlive(p, x, tx, T);
          expect(alive).toBeGreaterThanOrEqual(0);
          expect(alive).toBeLessThanOrEqual(1);
          const e1 = expectedPurchases(p, t1, x, tx, T);
          const e2 = expectedPurchases(p, t1 + dt, x, tx, T);
          expect(Number.isFinite(e1)).toBe(true);
          expect(e1).toBeGreaterThanOrEqual(0);
          expect(e2).toBeGreaterThanOrEqual(e1 * (1 - 1e-9));
          // While alive a customer buys at most at their Gamma-mixed rate: E[Y(t)] ≤ P(alive) (r + x) t / (α + T).
          expect(e1).toBeLessThanOrEqual(((alive * (p.r + x) * t1) / (p.alpha + T)) * (1 + 1e-6) + 1e-12);
        },
      ),
      { numRuns: 500 },
    );
  });

  test("E[X(t)] for a new customer is finite, ≥ 0, does not decrease in t and is below r t / α", () => {
    fc.assert(
      fc.property(
        params,
        fc.double({ min: 0.01, max: 500, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (p, t, dt) => {
          const e1 = expectedPurchasesNew(p, t);
          const e2 = expectedPurchasesNew(p, t + dt);
          expect(e1).toBeGreaterThanOrEqual(0);
          expect(e2).toBeGreaterThanOrEqual(e1 * (1 - 1e-9));
          expect(e1).toBeLessThanOrEqual(((p.r * t) / p.alpha) * (1 + 1e-6));
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Random small order tables: 2-12 customers, 1-6 purchases each within a year. */
const table: fc.Arbitrary<ColumnTable> = fc
  .array(
    fc.array(fc.tuple(fc.integer({ min: 0, max: 364 }), fc.integer({ min: 0, max: 200 })), {
      minLength: 1,
      maxLength: 6,
    }),
    {
      minLength: 2,
      maxLength: 12,
    },
  )
  .map((customers) => {
    const ids: string[] = [];
    const dates: string[] = [];
    const amounts: number[] = [];
    customers.forEach((purchases, c) => {
      for (const [day, amount] of purchases) {
        ids.push(String(c + 1));
        dates.push(new Date(Date.UTC(2020, 0, 1 + day)).toISOString().slice(0, 10));
        amounts.push(amount);
      }
    });
    return { headers: ["CustomerID", "Date", "Amount"], columns: [ids, dates, amounts] };
  });

describe("the fit on random small data sets", () => {
  test("either a typed error or finite parameters and predictions in range", () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 30, max: 364 }), (t, endDay) => {
        const end = new Date(Date.UTC(2020, 0, 1 + endDay)).toISOString().slice(0, 10);
        let result;
        try {
          result = predictFromSummary(summarizeCalibration(t, { calibrationEnd: end, unit: "week" }), { horizon: 26 });
        } catch (e) {
          expect((e as Error).name).toBe("RfmError");
          expect(typeof (e as { reason?: string }).reason).toBe("string");
          return;
        }
        for (const v of Object.values(result.bgnbd.params)) expect(Number.isFinite(v) && v > 0).toBe(true);
        for (let i = 0; i < result.summary.ids.length; i++) {
          expect(result.pAlive[i]).toBeGreaterThanOrEqual(0);
          expect(result.pAlive[i]).toBeLessThanOrEqual(1);
          expect(Number.isFinite(result.expectedPurchases[i])).toBe(true);
          expect(result.expectedPurchases[i]).toBeGreaterThanOrEqual(0);
          const clv = result.clv[i];
          expect(Number.isNaN(clv) || (Number.isFinite(clv) && clv >= 0)).toBe(true);
        }
        expect(result.warnings).toEqual(result.diagnostics.map((d) => d.message));
        // The fit is a maximum: it beats the likelihood at a fixed, plausible point.
        expect(result.bgnbd.logLikelihood).toBeGreaterThanOrEqual(
          fitBgNbd(result.summary).logLikelihood - 1e-6 * Math.abs(result.bgnbd.logLikelihood),
        );
      }),
      { numRuns: 40 },
    );
  });
});
