/**
 * The prediction pipeline every door calls: transactions → calibration summary → BG/NBD and Gamma-Gamma fits →
 * per-customer P(alive), expected purchases, expected average value and CLV → the holdout check (totals and the
 * calibration-vs-holdout table by calibration frequency) and the cumulative tracking series.
 */

import { RfmError } from "../errors";
import type { ExclusionEntry } from "../types";
import { PredictError, warning, type PredictionWarning } from "./diagnostics";
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

/** What cleaning did to the rows, for the doors to print (the models' rules; see calibration.ts). */
export interface CleaningReport {
  rowsRead: number;
  rowsUsed: number;
  /** Rows dropped, by rule, for the rules that removed any (no customer, cancellation, negative quantity, negative
   *  value, unreadable date, missing number). */
  dropped: ExclusionEntry[];
  /** Calibration purchases (customer-days) worth 0: kept as purchases, as the papers do. */
  zeroValuePurchases: number;
  /** Repeat customers whose mean repeat value is 0: in the BG/NBD, left out of the spend model. */
  zeroMeanCustomers: number;
  /** Customers in the models, and in the spend model. */
  customers: number;
  spendCustomers: number;
  /** Customers whose first purchase is after the calibration end: not in the models. */
  lateCustomers: number;
  /** The above as sentences, ready to print. */
  lines: string[];
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
  /** Cumulative actual vs expected repeat purchases, one point per unit period (fewer on a long day axis). */
  tracking: TrackingPoint[];
  cleaning: CleaningReport;
  /** Every warning as a sentence, in order: the messages of `diagnostics`. */
  warnings: string[];
  /** The same warnings with a stable code each (noDropout, fewCustomers, …). */
  diagnostics: PredictionWarning[];
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
 * @throws PredictError (an RfmError) noCustomers for fewer than 2 customers (reason tooFewCustomers), badOption when
 *   nothing can be fitted (noRepeatCustomers, noTime); RfmError badOption for a bad horizon or discount rate
 * @example predictFromSummary(summarizeCalibration(table, { calibrationEnd: "2011-08-31" }), { horizon: 13 })
 */
export function predictFromSummary(
  summary: CalibrationSummary,
  options: Pick<PredictOptions, "horizon" | "discountRate"> = {},
): PredictionResult {
  checkNumbers(options as PredictOptions);
  const n = summary.ids.length;
  if (n < 2) {
    throw new PredictError(
      "noCustomers",
      "tooFewCustomers",
      `The models describe a population of customers; the calibration period has ${n} customer${n === 1 ? "" : "s"}. ` +
        `Choose a later calibration end or use more data.`,
    );
  }
  const diagnostics = summary.diagnostics.slice();
  if (n < FEW_CUSTOMERS) {
    diagnostics.push(
      warning(
        "fewCustomers",
        `Only ${n} customers in the calibration period: the fitted parameters are very uncertain.`,
      ),
    );
  }
  const bgnbd = fitBgNbd(summary);
  diagnostics.push(...bgnbd.diagnostics);
  let gammaGamma: GammaGammaFit | null = null;
  try {
    gammaGamma = fitGammaGamma(summary.x, summary.meanRepeatValue);
    diagnostics.push(...gammaGamma.diagnostics);
  } catch (e) {
    if (!(e instanceof RfmError)) throw e;
    diagnostics.push(
      warning("noSpendModel", `No spend model: ${e.message} Expected average values and CLV are left empty.`),
    );
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
  // Customers with the same (x, t_x, T) (many: all one-time buyers of a day share one) get the same P(alive),
  // expected purchases and discounted purchases, so each distinct history is computed once; with a discount rate
  // that is one E[Y] per period of the horizon.
  const seen = new Map<string, number>();
  const discounted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = summary.x[i];
    const tx = summary.tx[i];
    const T = summary.T[i];
    const key = `${x}|${tx}|${T}`;
    const same = seen.get(key);
    if (same !== undefined) {
      out.pAlive[i] = out.pAlive[same];
      out.expectedPurchases[i] = out.expectedPurchases[same];
      discounted[i] = discounted[same];
    } else {
      seen.set(key, i);
      out.pAlive[i] = pAlive(p, x, tx, T);
      out.expectedPurchases[i] = expectedPurchases(p, horizon, x, tx, T);
      discounted[i] =
        discountRate === 0 || !gammaGamma || x === 0
          ? out.expectedPurchases[i]
          : customerValue(p, x, tx, T, horizon, 1, discountRate);
    }
    if (gammaGamma && x > 0) {
      const m = expectedAverageValue(gammaGamma.params, x, summary.meanRepeatValue[i]);
      out.expectedAverageValue[i] = m;
      out.clv[i] = discounted[i] * m;
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
    cleaning: cleaningReport(summary, gammaGamma),
    warnings: diagnostics.map((w) => w.message),
    diagnostics,
  };
}

function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function cleaningReport(s: CalibrationSummary, gg: GammaGammaFit | null): CleaningReport {
  const dropped = s.exclusions.filter((e) => e.count > 0);
  let repeatCustomers = 0;
  let zeroMean = 0;
  for (let i = 0; i < s.x.length; i++) {
    if (s.x[i] > 0) {
      repeatCustomers++;
      if (s.meanRepeatValue[i] === 0) zeroMean++;
    }
  }
  const spendCustomers = gg ? gg.customers : 0;
  const lines = [`${count(s.rowsRead)} rows read, ${count(s.rowsUsed)} used for the models.`];
  for (const e of dropped) lines.push(`Dropped: ${e.description}: ${count(e.count)}.`);
  if (s.zeroValuePurchases > 0) {
    lines.push(
      `${count(s.zeroValuePurchases)} purchase${s.zeroValuePurchases === 1 ? "" : "s"} worth 0 kept as ` +
        `purchases (they count for how often customers buy, not for what they spend).`,
    );
  }
  if (zeroMean > 0) {
    lines.push(
      `${count(zeroMean)} repeat customer${zeroMean === 1 ? "" : "s"} whose repeat purchases are worth 0 in total ` +
        `left out of the spend model.`,
    );
  }
  lines.push(
    `${count(s.ids.length)} customers in the purchase model, ${count(spendCustomers)} of the ` +
      `${count(repeatCustomers)} with a repeat purchase in the spend model.`,
  );
  if (s.lateCustomers > 0) {
    lines.push(
      `${count(s.lateCustomers)} customer${s.lateCustomers === 1 ? "" : "s"} whose first purchase is after the ` +
        `calibration end ${s.lateCustomers === 1 ? "is" : "are"} not in the models.`,
    );
  }
  return {
    rowsRead: s.rowsRead,
    rowsUsed: s.rowsUsed,
    dropped,
    zeroValuePurchases: s.zeroValuePurchases,
    zeroMeanCustomers: zeroMean,
    customers: s.ids.length,
    spendCustomers,
    lateCustomers: s.lateCustomers,
    lines,
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

const MAX_TRACKING_POINTS = 1000;

/**
 * Cumulative repeat purchases, actual and expected (Σ over customers of E[X(t − first purchase)]), at the end of every
 * unit period from the first purchase day (every few periods when there would be more than MAX_TRACKING_POINTS).
 * Ages are whole days, so E[X] is computed once per age in days rather than once per customer cohort and point.
 */
function tracking(s: CalibrationSummary, fit: BgNbdFit): TrackingPoint[] {
  const days = s.dailyRepeats.length;
  if (days === 0) return [];
  const startDay = Math.round(s.firstDate / 86400000);
  const cohorts = new Map<number, number>();
  for (let i = 0; i < s.ids.length; i++) cohorts.set(s.firstDay[i], (cohorts.get(s.firstDay[i]) ?? 0) + 1);
  const byAge = new Float64Array(days);
  for (let age = 1; age < days; age++) byAge[age] = expectedPurchasesNew(fit.params, age / s.unitDays);
  const unitStep = Math.max(1, Math.ceil(days / s.unitDays / MAX_TRACKING_POINTS));
  const points: TrackingPoint[] = [];
  let cumulative = 0;
  let counted = 0;
  for (let k = 1; ; k++) {
    const end = Math.min(days, Math.round(k * unitStep * s.unitDays));
    while (counted < end) cumulative += s.dailyRepeats[counted++];
    let expected = 0;
    for (const [first, n] of cohorts) {
      const age = startDay + end - 1 - first;
      if (age > 0) expected += n * byAge[age];
    }
    points.push({ t: end / s.unitDays, date: (startDay + end - 1) * 86400000, actual: cumulative, expected });
    if (end >= days) break;
  }
  return points;
}
