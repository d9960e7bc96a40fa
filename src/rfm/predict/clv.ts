/**
 * Customer lifetime value over a horizon: expected purchases (BG/NBD) × expected average value (Gamma-Gamma), the
 * combination of Fader, Hardie & Lee (2005), "RFM and CLV", with an optional discount.
 *
 * Discounting (per period, compounding): the horizon H is cut into periods of one time unit; the purchases expected
 * in period k (from k − 1 to k units after the calibration end, E[Y(k)] − E[Y(k − 1)]) are worth
 * value / (1 + R)^k. A last, shorter period (when H is not a whole number) ends at H and is discounted as period ⌈H⌉.
 * With R = 0 this is E[Y(H)] × value.
 */

import { RfmError } from "../errors";
import { expectedPurchases, type BgNbdParams } from "./bgnbd";

/**
 * Expected value of a customer's purchases in the next `horizon` time units.
 *
 * @param params fitted BG/NBD parameters
 * @param x repeat purchases in the calibration period
 * @param tx time of the last purchase
 * @param T customer age at the calibration end
 * @param horizon length of the forecast, in the fit's time unit (≥ 0)
 * @param averageValue expected value per purchase (from expectedAverageValue)
 * @param discountRate discount rate per time unit (≥ 0; default 0: no discount)
 * @returns Σ_k (E[Y(k)] − E[Y(k−1)]) × averageValue / (1 + R)^k
 * @throws RfmError badNumber for a negative or non-finite horizon, value or discount rate (and as expectedPurchases)
 * @example customerValue(bg, 2, 30.43, 38.86, 39, 35.1, 0) // = expectedPurchases(bg, 39, 2, 30.43, 38.86) × 35.1
 */
export function customerValue(
  params: BgNbdParams,
  x: number,
  tx: number,
  T: number,
  horizon: number,
  averageValue: number,
  discountRate = 0,
): number {
  if (!(Number.isFinite(discountRate) && discountRate >= 0)) {
    throw new RfmError(
      "badNumber",
      `The discount rate must be a number ≥ 0 (0.01 = 1% per period), found ${discountRate}.`,
    );
  }
  if (!Number.isFinite(averageValue)) {
    throw new RfmError("badNumber", `The average value must be a number, found ${averageValue}.`);
  }
  if (discountRate === 0) return expectedPurchases(params, horizon, x, tx, T) * averageValue;
  let value = 0;
  let before = 0;
  const periods = Math.ceil(horizon);
  for (let k = 1; k <= periods; k++) {
    const upTo = expectedPurchases(params, Math.min(k, horizon), x, tx, T);
    value += (upTo - before) / Math.pow(1 + discountRate, k);
    before = upTo;
  }
  return value * averageValue;
}
