/**
 * The prediction engine's entry point (a sub-entry of the engine, loaded only by the doors that predict): who is
 * still a customer, how much they will buy, what they are worth. Pure TypeScript, no Node, DOM or Office imports.
 *
 * Models, implemented from the papers:
 * - BG/NBD: Fader, Hardie & Lee (2005), "'Counting Your Customers' the Easy Way: An Alternative to the Pareto/NBD
 *   Model", Marketing Science 24(2) 275-284 (bgnbd.ts).
 * - Gamma-Gamma spend: Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer Base
 *   Analysis", Journal of Marketing Research 42(4) 415-430; Fader & Hardie (2013), "The Gamma-Gamma Model of
 *   Monetary Value" (gammaGamma.ts).
 * - CLV = expected purchases × expected average value, optionally discounted per period (clv.ts).
 *
 * Errors: inputs nothing can be fitted to throw `PredictError` (an `RfmError`, with a `reason`); fits that succeed
 * with a caveat (no dropout detected, few customers, …) carry `diagnostics` ({ code, message }) and `warnings` (the
 * messages), and `cleaning` counts the rows dropped and why.
 *
 * Every function documents its @param, @returns, @throws and @example where it is defined; the one-call pipeline is
 * `predictCustomers(table, { calibrationEnd, holdoutEnd?, unit?, horizon?, discountRate?, mapping? })`.
 *
 * @example
 *   const result = predictCustomers(table, { calibrationEnd: "1997-09-30", holdoutEnd: "1998-06-30" });
 *   result.bgnbd.params;        // { r, alpha, a, b }
 *   result.expectedPurchases;   // per customer, in result.summary.ids order
 */

export { summarizeCalibration, parseDay, UNIT_DAYS } from "./calibration";
export type { CalibrationOptions, CalibrationSummary, TimeUnit } from "./calibration";
export {
  bgnbdLogLikelihood,
  checkBgNbdParams,
  checkCustomer,
  expectedPurchases,
  expectedPurchasesNew,
  fitBgNbd,
  pAlive,
} from "./bgnbd";
export type { BgNbdData, BgNbdFit, BgNbdParams } from "./bgnbd";
export { checkGammaGammaParams, expectedAverageValue, fitGammaGamma, gammaGammaLogLikelihood } from "./gammaGamma";
export type { GammaGammaFit, GammaGammaParams } from "./gammaGamma";
export { customerValue } from "./clv";
export { predictCustomers, predictFromSummary } from "./predict";
export type {
  CleaningReport,
  FrequencyRow,
  HoldoutCheck,
  PredictOptions,
  PredictionResult,
  TrackingPoint,
} from "./predict";
export { PredictError } from "./diagnostics";
export type { PredictErrorReason, PredictionWarning, PredictionWarningCode } from "./diagnostics";
export { hyp2f1, hyp2f1Minus1, logGamma } from "./special";
export { bfgs, nelderMead } from "./optimize";
export type { MinimizeOptions, MinimizeResult } from "./optimize";
