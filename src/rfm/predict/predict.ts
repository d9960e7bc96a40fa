/**
 * The prediction pipeline every door calls: transactions → calibration summary → BG/NBD and Gamma-Gamma fits →
 * per-customer P(alive), expected purchases, expected average value and CLV → the holdout check (totals and the
 * calibration-vs-holdout table by calibration frequency) and the cumulative tracking series.
 */

import { RfmError } from "../errors";
import { expectedPurchases, expectedPurchasesNew, fitBgNbd, pAlive, type BgNbdFit } from "./bgnbd";
import { summarizeCalibration, type CalibrationOptions, type CalibrationSummary } from "./calibration";
import { customerValue } from "./clv";
import { expectedAverageValue, fitGammaGamma, type GammaGammaFit } from "./gammaGamma";

export interface PredictOptions extends CalibrationOptions {
  /** Forecast horizon in the unit (default: the holdout length, else 52 weeks' worth of the unit). */
  horizon?: number;
  /** Discount rate per unit for CLV (default 0; see clv.ts for the rule). */
  discountRate?: number;
}

/** One row of the calibration-vs-holdout table. */
export interface FrequencyRow {
  /** Calibration repeat purchases: "0" … "6", and "7+". */
  frequency: string;
  customers: number;
  /** Mean holdout purchases per customer, actual and expected. */
  actual: number;
  expected: number;
}

export interface HoldoutCheck {
  /** Holdout length in the unit. */
  length: number;
  /** Total purchases in the holdout period, actual and expected (Σ E[Y(length)]). */
  actual: number;
  expected: number;
  byFrequency: FrequencyRow[];
}

/** Cumulative repeat purchases of the model's customers from the first purchase date, actual and expected. */
export interface TrackingPoint {
  /** Time since the first purchase in the data, in the unit. */
  t: number;
  /** Wall-clock timestamp of the day the point is at. */
  date: number;
  actual: number;
  expected: number;
}

export interface PredictionResult {
  summary: CalibrationSummary;
  bgnbd: BgNbdFit;
  /** Null when no customer has a repeat purchase of positive value (warned). */
  gammaGamma: GammaGammaFit | null;
  horizon: number;
  discountRate: number;
  /** Per customer, in summary order. */
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
  /** NaN for customers without a repeat purchase (or without a spend model). */
  expectedAverageValue: Float64Array;
  clv: Float64Array;
  /** E[X(horizon)] for a new customer. */
  newCustomerPurchases: number;
  holdout: HoldoutCheck | null;
  tracking: TrackingPoint[];
  warnings: string[];
}

const FEW_CUSTOMERS = 50;

/**
 * Fits both models to a transaction table and predicts every customer.
 *
 * @param table transactions, as for the RFM run
 * @param options calibration end (required), holdout end, unit, horizon, discount rate, column mapping
 * @returns the calibration summary, both fits, per-customer predictions, the holdout check and warnings
 * @throws RfmError as summarizeCalibration and fitBgNbd (no repeat customer, one customer, …), badOption for a bad
 *   horizon or discount rate
 * @example predictCustomers(cdnow, { calibrationEnd: "1997-09-30", holdoutEnd: "1998-06-30" }).holdout.expected
 */
export function predictCustomers(
  table: Parameters<typeof summarizeCalibration>[0],
  options: PredictOptions,
): PredictionResult {
  checkNumbers(options);
  return predictFromSummary(summarizeCalibration(table, options), options);
}

function checkNumbers(options: PredictOptions): void {
  if (options.horizon !== undefined && !(Number.isFinite(options.horizon) && options.horizon > 0)) {
    throw new RfmError("badOption", `The horizon must be a number of time units above 0, found ${options.horizon}.`);
  }
  const r = options.discountRate;
  if (r !== undefined && !(Number.isFinite(r) && r >= 0 && r < 1)) {
    throw new RfmError(
      "badOption",
      `The discount rate must be a rate per time unit from 0 up to 1 (0.01 = 1% per period), found ${r}.`,
    );
  }
}

/**
 * Fits both models to a calibration summary and predicts every customer (the second half of predictCustomers).
 *
 * @param summary from summarizeCalibration
 * @param options horizon and discount rate (the rest is already in the summary)
 * @returns as predictCustomers
 * @throws RfmError noCustomers for fewer than 2 customers, badOption when nothing can be fitted
 * @example predictFromSummary(summarizeCalibration(table, { calibrationEnd: "2011-08-31" }), { horizon: 13 })
 */
export function predictFromSummary(
  summary: CalibrationSummary,
  options: Pick<PredictOptions, "horizon" | "discountRate"> = {},
): PredictionResult {
  checkNumbers(options as PredictOptions);
  const n = summary.ids.length;
  if (n < 2) {
    throw new RfmError(
      "noCustomers",
      `The models describe a population of customers; the calibration period has ${n} customer${n === 1 ? "" : "s"}. ` +
        `Choose a later calibration end or use more data.`,
    );
  }
  const warnings = summary.warnings.slice();
  if (n < FEW_CUSTOMERS) {
    warnings.push(`Only ${n} customers in the calibration period: the fitted parameters are very uncertain.`);
  }
  const bgnbd = fitBgNbd(summary);
  warnings.push(...bgnbd.warnings);
  let gammaGamma: GammaGammaFit | null = null;
  try {
    gammaGamma = fitGammaGamma(summary.x, summary.meanRepeatValue);
    warnings.push(...gammaGamma.warnings);
  } catch (e) {
    if (!(e instanceof RfmError)) throw e;
    warnings.push(`No spend model: ${e.message} Expected average values and CLV are left empty.`);
  }
  const horizon = options.horizon ?? summary.holdoutLength ?? 52 * (7 / summary.unitDays);
  const discountRate = options.discountRate ?? 0;
  const p = bgnbd.params;
  const out = {
    pAlive: new Float64Array(n),
    expectedPurchases: new Float64Array(n),
    expectedAverageValue: new Float64Array(n).fill(NaN),
    clv: new Float64Array(n).fill(NaN),
  };
  for (let i = 0; i < n; i++) {
    const x = summary.x[i];
    const tx = summary.tx[i];
    const T = summary.T[i];
    out.pAlive[i] = pAlive(p, x, tx, T);
    out.expectedPurchases[i] = expectedPurchases(p, horizon, x, tx, T);
    if (gammaGamma && x > 0) {
      const m = expectedAverageValue(gammaGamma.params, x, summary.meanRepeatValue[i]);
      out.expectedAverageValue[i] = m;
      out.clv[i] =
        discountRate === 0 ? out.expectedPurchases[i] * m : customerValue(p, x, tx, T, horizon, m, discountRate);
    }
  }
  const holdout = summary.holdoutLength === null ? null : holdoutCheck(summary, bgnbd, horizon, out.expectedPurchases);
  return {
    summary,
    bgnbd,
    gammaGamma,
    horizon,
    discountRate,
    ...out,
    newCustomerPurchases: expectedPurchasesNew(p, horizon),
    holdout,
    tracking: tracking(summary, bgnbd),
    warnings,
  };
}

function holdoutCheck(s: CalibrationSummary, fit: BgNbdFit, horizon: number, atHorizon: Float64Array): HoldoutCheck {
  const length = s.holdoutLength as number;
  const rows = Array.from({ length: 8 }, (_, k) => ({ customers: 0, actual: 0, expected: 0, k }));
  let actual = 0;
  let expected = 0;
  for (let i = 0; i < s.ids.length; i++) {
    const e = horizon === length ? atHorizon[i] : expectedPurchases(fit.params, length, s.x[i], s.tx[i], s.T[i]);
    const row = rows[Math.min(7, s.x[i])];
    row.customers++;
    row.actual += s.holdoutPurchases[i];
    row.expected += e;
    actual += s.holdoutPurchases[i];
    expected += e;
  }
  const byFrequency = rows
    .filter((r) => r.customers > 0)
    .map((r) => ({
      frequency: r.k === 7 ? "7+" : String(r.k),
      customers: r.customers,
      actual: r.actual / r.customers,
      expected: r.expected / r.customers,
    }));
  return { length, actual, expected, byFrequency };
}

const MAX_TRACKING_POINTS = 100;

/** Cumulative repeat purchases, actual and expected (Σ over customers of E[X(t − first purchase)]). */
function tracking(s: CalibrationSummary, fit: BgNbdFit): TrackingPoint[] {
  const days = s.dailyRepeats.length;
  if (days === 0) return [];
  const startDay = Math.round(s.firstDate / 86400000);
  const cohorts = new Map<number, number>();
  for (let i = 0; i < s.ids.length; i++) cohorts.set(s.firstDay[i], (cohorts.get(s.firstDay[i]) ?? 0) + 1);
  const unitStep = Math.max(1, Math.ceil(days / s.unitDays / MAX_TRACKING_POINTS));
  const points: TrackingPoint[] = [];
  let cumulative = 0;
  let counted = 0;
  for (let k = 1; ; k++) {
    const end = Math.min(days, Math.round(k * unitStep * s.unitDays));
    while (counted < end) cumulative += s.dailyRepeats[counted++];
    let expected = 0;
    for (const [first, count] of cohorts) {
      const age = (startDay + end - 1 - first) / s.unitDays;
      if (age > 0) expected += count * expectedPurchasesNew(fit.params, age);
    }
    points.push({ t: end / s.unitDays, date: (startDay + end - 1) * 86400000, actual: cumulative, expected });
    if (end >= days) break;
  }
  return points;
}
