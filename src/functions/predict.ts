/**
 * The prediction custom functions (namespace `RFM`): who is still a customer, how much they will buy, what they are
 * worth, from the BG/NBD and Gamma-Gamma models (src/rfm/predict). Each doc comment is Excel's help text;
 * `custom-functions-metadata-plugin` turns the tags into functions.json (with functions.ts) at build time and appends
 * the `CustomFunctions.associate` calls to this module, which functions.ts imports.
 *
 * Typical use: =RFM.FIT(...) in H1 spills the parameters; =RFM.CALIBRATION(...) in K1 spills x, t_x, T and the mean
 * repeat value per customer; then =RFM.PALIVE(L2#, M2#, N2#, H1#) and the others per customer. See docs/formulas.md.
 */
import { runFormula } from "./excel";
import * as formulas from "./predictFormulas";
import { ensureCustomFunctionsGlobal } from "./runtime";

// Must run before the associate calls the build appends at the end of this module (outside Excel there is no
// runtime to receive them). This module is evaluated before functions.ts's own body, which imports it.
ensureCustomFunctionsGlobal();

/**
 * Fits the BG/NBD purchase model and the Gamma-Gamma spend model to order-level transactions; spills labelled rows r, alpha, a, b, p, q, gamma, log-likelihood, customers, unit, note (warnings).
 * @customfunction FIT FIT
 * @param customers Customer id column.
 * @param dates Purchase date column (Excel dates or date text), same length; purchases of a customer on one day count as one.
 * @param amounts Purchase value column, same length (quantity × price for line-level data); rows below 0 are dropped, 0 still counts as a purchase.
 * @param calibration_end Last day of the calibration period (a date or text like 1997-09-30); later purchases are not used.
 * @param [unit] Time unit of t_x, T and every forecast: "week" (default), "day" or "month".
 * @returns The fitted parameters with labels, to pass as params to RFM.PALIVE, RFM.EXPECTED, RFM.AVGVALUE and RFM.CLV.
 */
export function fit(
  customers: unknown[][],
  dates: unknown[][],
  amounts: unknown[][],
  calibration_end: unknown,
  unit?: unknown,
): unknown[][] {
  return runFormula(() => formulas.fitFormula(customers, dates, amounts, calibration_end, unit));
}

/**
 * Per customer the model inputs: repeat purchases x, time of the last purchase t_x and age T at the calibration end (in the unit), and the mean repeat purchase value; with a header row.
 * @customfunction CALIBRATION CALIBRATION
 * @param customers Customer id column.
 * @param dates Purchase date column (Excel dates or date text), same length.
 * @param amounts Purchase value column, same length.
 * @param calibration_end Last day of the calibration period (a date or text like 1997-09-30).
 * @param [unit] Time unit: "week" (default), "day" or "month"; use the same as in RFM.FIT.
 * @returns A table CustomerID, x, t_x, T, mean_value (empty when x = 0), one row per customer after the header.
 */
export function calibration(
  customers: unknown[][],
  dates: unknown[][],
  amounts: unknown[][],
  calibration_end: unknown,
  unit?: unknown,
): unknown[][] {
  return runFormula(() => formulas.calibrationFormula(customers, dates, amounts, calibration_end, unit));
}

/**
 * Probability that a customer is still a customer (has not dropped out) at the end of the calibration period, from the BG/NBD model.
 * @customfunction PALIVE PALIVE
 * @param x Repeat purchases in the calibration period (a cell or a range).
 * @param t_x Time of the last purchase after the first, in the fit's unit (0 when x = 0).
 * @param T Time from the first purchase to the calibration end, in the fit's unit.
 * @param params The parameters RFM.FIT spills (or 4 numbers r, alpha, a, b).
 * @returns P(alive) from 0 to 1, one per customer cell (1 when x = 0: in the BG/NBD customers leave only after a purchase).
 */
export function palive(x: unknown[][], t_x: unknown[][], T: unknown[][], params: unknown[][]): unknown[][] {
  return runFormula(() => formulas.pAliveFormula(x, t_x, T, params));
}

/**
 * Expected number of purchases of a customer in the next t time units after the calibration end, from the BG/NBD model.
 * @customfunction EXPECTED EXPECTED
 * @param t Forecast length in the fit's unit, e.g. 52 for a year in weeks (a cell or a range).
 * @param x Repeat purchases in the calibration period.
 * @param t_x Time of the last purchase after the first, in the fit's unit (0 when x = 0).
 * @param T Time from the first purchase to the calibration end, in the fit's unit.
 * @param params The parameters RFM.FIT spills (or 4 numbers r, alpha, a, b).
 * @returns Expected purchases, one per customer cell.
 */
export function expected(
  t: unknown[][],
  x: unknown[][],
  t_x: unknown[][],
  T: unknown[][],
  params: unknown[][],
): unknown[][] {
  return runFormula(() => formulas.expectedFormula(t, x, t_x, T, params));
}

/**
 * Expected value of each of a customer's future purchases, from the Gamma-Gamma spend model: a weighted average of the customer's own mean and the population mean.
 * @customfunction AVGVALUE AVGVALUE
 * @param x Repeat purchases in the calibration period (a cell or a range); empty answer when x = 0.
 * @param mean_value Mean value of those repeat purchases (the first purchase is not counted).
 * @param params The parameters RFM.FIT spills (or 7 numbers r, alpha, a, b, p, q, gamma).
 * @returns Expected average value per purchase, one per customer cell.
 */
export function avgvalue(x: unknown[][], mean_value: unknown[][], params: unknown[][]): unknown[][] {
  return runFormula(() => formulas.avgValueFormula(x, mean_value, params));
}

/**
 * Customer lifetime value over a horizon: expected purchases (BG/NBD) × expected average value (Gamma-Gamma), optionally discounted per period.
 * @customfunction CLV CLV
 * @param x Repeat purchases in the calibration period (a cell or a range); empty answer when x = 0.
 * @param t_x Time of the last purchase after the first, in the fit's unit.
 * @param T Time from the first purchase to the calibration end, in the fit's unit.
 * @param mean_value Mean value of the repeat purchases (the first purchase is not counted).
 * @param params The parameters RFM.FIT spills (or 7 numbers r, alpha, a, b, p, q, gamma).
 * @param [horizon] Forecast length in the fit's unit; default 52 weeks' worth (52 weeks, 364 days, 11.96 months).
 * @param [discount_rate] Discount rate per time unit (0.01 = 1% per period), compounding; default 0.
 * @returns CLV, one per customer cell.
 */
export function clv(
  x: unknown[][],
  t_x: unknown[][],
  T: unknown[][],
  mean_value: unknown[][],
  params: unknown[][],
  horizon?: unknown,
  discount_rate?: unknown,
): unknown[][] {
  return runFormula(() => formulas.clvFormula(x, t_x, T, mean_value, params, horizon, discount_rate));
}
