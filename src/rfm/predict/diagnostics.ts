/**
 * What the prediction engine tells the doors besides numbers: a typed error for inputs nothing can be fitted to, and
 * structured warnings (a stable code plus a sentence for the analyst) for fits that succeed with a caveat.
 *
 * `PredictError` is an `RfmError`, so every door that already turns engine errors into a message (and the CLI into
 * exit status 2) handles it unchanged; `reason` says which degenerate case it is, for doors that want to react to
 * one in particular.
 */

import { RfmError, type RfmErrorCode } from "../errors";

/** Why nothing could be fitted. */
export type PredictErrorReason =
  /** No purchase left after cleaning. */
  | "noPurchases"
  /** The calibration end is before the first purchase. */
  | "calibrationBeforeData"
  /** Every purchase is on the same day. */
  | "oneDay"
  /** Fewer than two customers in the calibration period. */
  | "tooFewCustomers"
  /** No customer made a repeat purchase in the calibration period. */
  | "noRepeatCustomers"
  /** Every customer's first purchase is on the calibration end day (T = 0). */
  | "noTime"
  /** The likelihood is not finite at any starting point. */
  | "noLikelihood";

export class PredictError extends RfmError {
  readonly reason: PredictErrorReason;

  constructor(code: RfmErrorCode, reason: PredictErrorReason, message: string) {
    super(code, message);
    this.reason = reason;
  }
}

export type PredictionWarningCode =
  /** The BG/NBD dropout parameters ran to the boundary (a → 0, b → ∞): nobody seems to leave. */
  | "noDropout"
  /** r or alpha ran to the edge of the parameter space. */
  | "rateBoundary"
  /** The optimizer stopped at its evaluation limit before its tolerances were met. */
  | "notConverged"
  /** A Gamma-Gamma parameter ran to the edge of the parameter space. */
  | "spendBoundary"
  /** Gamma-Gamma q ≤ 1: the population mean spend is unbounded. */
  | "spendUnboundedMean"
  /** No spend model could be fitted (fewer than two customers with a positive repeat value). */
  | "noSpendModel"
  /** Fewer customers than a fit can say much about. */
  | "fewCustomers"
  /** The calibration end is on or after the last purchase: no holdout data. */
  | "calibrationAfterData"
  /** The holdout end is after the last purchase: holdout actuals stop early. */
  | "holdoutAfterData"
  /** A warning from reading the rows (date order, columns), as the RFM run gives it. */
  | "data";

export interface PredictionWarning {
  code: PredictionWarningCode;
  /** A sentence for the analyst, ready to print. */
  message: string;
}

export function warning(code: PredictionWarningCode, message: string): PredictionWarning {
  return { code, message };
}
