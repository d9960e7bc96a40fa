/**
 * The BG/NBD model of Fader, Hardie & Lee (2005), "'Counting Your Customers' the Easy Way: An Alternative to the
 * Pareto/NBD Model", Marketing Science 24(2), 275-284. While alive a customer buys at rate λ ~ Gamma(r, α); after
 * each purchase they drop out with probability p ~ Beta(a, b). Per customer: x repeat purchases in the calibration
 * period, the last at t_x, observed for T (all in the same time unit).
 *
 * - Log-likelihood: the paper's equation (6), written as A1 + A2 + ln(e^A3 + δ(x>0) e^A4) with
 *   A1 = ln Γ(r+x) − ln Γ(r) + r ln α, A2 = ln Γ(a+b) + ln Γ(b+x) − ln Γ(b) − ln Γ(a+b+x),
 *   A3 = −(r+x) ln(α+T), A4 = ln a − ln(b+x−1) − (r+x) ln(α+t_x). x is a whole number, so the Gamma ratios are
 *   finite products: A1 − r ln α = Σ_{k<x} ln(r+k) and A2 = −Σ_{k<x} ln(1 + a/(b+k)), exact however large b gets.
 * - P(alive | x, t_x, T): equation (A2) of the paper's appendix / Fader, Hardie & Lee (2008) note "Computing P(alive)
 *   using the BG/NBD model": 1 / (1 + δ(x>0) a/(b+x−1) ((α+T)/(α+t_x))^(r+x)). A customer without a repeat purchase
 *   is alive with probability 1: in the BG/NBD a customer can only leave right after a purchase (the paper notes it;
 *   the MBG/NBD variant changes exactly this).
 * - E[X(t)] for a new customer: equation (9); E[Y(t) | x, t_x, T]: equation (10). Both need the Gauss
 *   hypergeometric function (see special.ts).
 *
 * The fit maximises the likelihood over ln r, ln α, ln a, ln b (so every parameter stays positive) from several
 * starting points and keeps the best. Customers with the same (x, t_x, T) are counted once with a weight.
 */

import { RfmError } from "../errors";
import { PredictError, warning, type PredictionWarning } from "./diagnostics";
import { bfgs, nelderMead } from "./optimize";
import { hyp2f1Minus1 } from "./special";

/** BG/NBD parameters: purchase rate λ ~ Gamma(shape r, rate α); dropout probability p ~ Beta(a, b). */
export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Calibration data, one entry per customer: repeat purchases x, time of the last purchase t_x, age T. */
export interface BgNbdData {
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
}

export interface BgNbdFit {
  params: BgNbdParams;
  /** Log-likelihood at the optimum (the paper's convention: the sum of ln L over customers). */
  logLikelihood: number;
  /** True when the optimum is on the boundary of the parameter space (see `warnings`). */
  boundary: boolean;
  /** No dropout detected: a → 0 or b → ∞ (the model sees nobody leave). */
  noDropout: boolean;
  /** Sentences for the analyst: boundary optima and what they mean (the messages of `diagnostics`). */
  warnings: string[];
  diagnostics: PredictionWarning[];
  /** False when the optimizer stopped at its evaluation limit (warned). */
  converged: boolean;
  /** Objective evaluations over all starting points. */
  evaluations: number;
  /** Starting points tried. */
  starts: number;
}

/** Log-parameters are kept in [-LOG_BOUND, LOG_BOUND]: a parameter that reaches it is on the boundary. */
export const LOG_BOUND = 18;
/** Below this mean dropout probability a / (a + b) the fit reads as "no dropout". */
const NO_DROPOUT = 1e-4;

interface Compressed {
  n: number;
  x: Int32Array;
  tx: Float64Array;
  T: Float64Array;
  w: Float64Array;
  /** Distinct t_x and T values (few: whole days over the unit) and each customer's index into them, so that a
   *  likelihood evaluation takes one logarithm per distinct value rather than per customer. */
  txValues: Float64Array;
  TValues: Float64Array;
  txIndex: Int32Array;
  TIndex: Int32Array;
  /** Scratch space for ln(α + t_x), ln(α + T) and the per-x terms, reused by every evaluation. */
  logTx: Float64Array;
  logT: Float64Array;
  logB: Float64Array;
  total: number;
  maxX: number;
  /** Customers per repeat count, for the per-x Gamma sums. */
  weightByX: Float64Array;
}

/** Checks one customer's (x, t_x, T); throws RfmError badNumber naming what is wrong. */
export function checkCustomer(x: number, tx: number, T: number, where = ""): void {
  const at = where ? ` (${where})` : "";
  if (!Number.isInteger(x) || x < 0) {
    throw new RfmError("badNumber", `x (repeat purchases) must be a whole number ≥ 0, found ${x}${at}.`);
  }
  if (!Number.isFinite(T) || T < 0) throw new RfmError("badNumber", `T (customer age) must be ≥ 0, found ${T}${at}.`);
  if (!Number.isFinite(tx) || tx < 0 || tx > T) {
    throw new RfmError(
      "badNumber",
      `t_x (time of the last purchase) must be between 0 and T = ${T}, found ${tx}${at}.`,
    );
  }
  if (x > 0 && tx === 0) {
    throw new RfmError("badNumber", `t_x must be above 0 when x = ${x} > 0 (a repeat purchase comes later)${at}.`);
  }
}

/** Checks the parameters are finite and positive; throws RfmError badNumber. */
export function checkBgNbdParams(p: BgNbdParams): void {
  for (const k of ["r", "alpha", "a", "b"] as const) {
    if (!(Number.isFinite(p[k]) && p[k] > 0)) {
      throw new RfmError("badNumber", `BG/NBD parameter ${k} must be a number above 0, found ${p[k]}.`);
    }
  }
}

function compress(data: BgNbdData): Compressed {
  const n = data.x.length;
  if (data.tx.length !== n || data.T.length !== n) {
    throw new RfmError(
      "badOption",
      `x, t_x and T must have one entry per customer (${n}, ${data.tx.length}, ${data.T.length}).`,
    );
  }
  const index = new Map<string, number>();
  const xs: number[] = [];
  const txs: number[] = [];
  const Ts: number[] = [];
  const ws: number[] = [];
  let maxX = 0;
  for (let i = 0; i < n; i++) {
    const x = data.x[i];
    const tx = data.tx[i];
    const T = data.T[i];
    checkCustomer(x, tx, T, `customer ${i + 1}`);
    const key = `${x}|${tx}|${T}`;
    const k = index.get(key);
    if (k !== undefined) ws[k]++;
    else {
      index.set(key, xs.length);
      xs.push(x);
      txs.push(tx);
      Ts.push(T);
      ws.push(1);
    }
    if (x > maxX) maxX = x;
  }
  const weightByX = new Float64Array(maxX + 1);
  for (let k = 0; k < xs.length; k++) weightByX[xs[k]] += ws[k];
  const [txValues, txIndex] = distinct(txs);
  const [TValues, TIndex] = distinct(Ts);
  return {
    n: xs.length,
    x: Int32Array.from(xs),
    tx: Float64Array.from(txs),
    T: Float64Array.from(Ts),
    w: Float64Array.from(ws),
    txValues,
    TValues,
    txIndex,
    TIndex,
    logTx: new Float64Array(txValues.length),
    logT: new Float64Array(TValues.length),
    logB: new Float64Array(maxX + 1),
    total: n,
    maxX,
    weightByX,
  };
}

function distinct(values: number[]): [Float64Array, Int32Array] {
  const seen = new Map<number, number>();
  const list: number[] = [];
  const index = new Int32Array(values.length);
  values.forEach((v, i) => {
    let k = seen.get(v);
    if (k === undefined) {
      k = list.length;
      seen.set(v, k);
      list.push(v);
    }
    index[i] = k;
  });
  return [Float64Array.from(list), index];
}

/** ln(α + v) for each distinct value. */
function logsPlus(alpha: number, values: Float64Array, out: Float64Array): Float64Array {
  for (let k = 0; k < values.length; k++) out[k] = Math.log(alpha + values[k]);
  return out;
}

function logLikelihoodOf(p: BgNbdParams, d: Compressed): number {
  const { r, alpha, a, b } = p;
  // A1 + A2 per repeat count x, weighted by the customers with that x: Σ_x w_x Σ_{k<x} (ln(r+k) − ln(1 + a/(b+k))),
  // accumulated from the top so that each k is visited once.
  let gammaPart = 0;
  let above = 0;
  for (let k = d.maxX - 1; k >= 0; k--) {
    above += d.weightByX[k + 1];
    gammaPart += above * (Math.log(r + k) - Math.log1p(a / (b + k)));
  }
  const logAlpha = Math.log(alpha);
  const logA = Math.log(a);
  const logT = logsPlus(alpha, d.TValues, d.logT);
  const logTx = logsPlus(alpha, d.txValues, d.logTx);
  const logB = d.logB;
  for (let x = 1; x <= d.maxX; x++) logB[x] = logA - Math.log(b + x - 1);
  let sum = gammaPart + d.total * r * logAlpha;
  for (let i = 0; i < d.n; i++) {
    const x = d.x[i];
    const s = r + x;
    const lt = logT[d.TIndex[i]];
    let v = -s * lt;
    // ln(e^A3 + e^A4) = A3 + ln(1 + e^(A4 − A3)); ln(1 + u) rounds to within 1e-16 of the exact value, which is all
    // a sum of log-likelihoods needs, and costs less than log1p. A4 − A3 is large only for implausible parameters.
    if (x > 0) {
      const d43 = logB[x] + s * (lt - logTx[d.txIndex[i]]);
      v += d43 > 30 ? d43 + Math.exp(-d43) : Math.log(1 + Math.exp(d43));
    }
    sum += d.w[i] * v;
  }
  return sum;
}

/**
 * The log-likelihood and its gradient with respect to the log-parameters (ln r, ln α, ln a, ln b), for the quasi-Newton
 * polish of the fit. Differentiating the terms of logLikelihoodOf, with σ(D) = 1 / (1 + e^−D) for D = A4 − A3:
 *   ∂/∂r = Σ_k W_k / (r + k) + N ln α + Σ_i w_i (−ln(α + T) + σ (ln(α + T) − ln(α + t_x)))
 *   ∂/∂α = N r / α + Σ_i w_i (r + x) (σ (1/(α + T) − 1/(α + t_x)) − 1/(α + T))
 *   ∂/∂a = −Σ_k W_k / (b + k + a) + Σ_{i: x>0} w_i σ / a
 *   ∂/∂b = Σ_k W_k a / ((b + k)(b + k + a)) − Σ_{i: x>0} w_i σ / (b + x − 1)
 * where W_k counts the customers with x > k; each is then multiplied by its parameter (the chain rule for ln p).
 */
function logLikelihoodAndGradient(p: BgNbdParams, d: Compressed): { f: number; g: number[] } {
  const { r, alpha, a, b } = p;
  let gammaPart = 0;
  let dr = 0;
  let da = 0;
  let db = 0;
  let above = 0;
  for (let k = d.maxX - 1; k >= 0; k--) {
    above += d.weightByX[k + 1];
    gammaPart += above * (Math.log(r + k) - Math.log1p(a / (b + k)));
    dr += above / (r + k);
    da -= above / (b + k + a);
    db += (above * a) / ((b + k) * (b + k + a));
  }
  const logAlpha = Math.log(alpha);
  const logA = Math.log(a);
  const logT = logsPlus(alpha, d.TValues, d.logT);
  const logTx = logsPlus(alpha, d.txValues, d.logTx);
  let sum = gammaPart + d.total * r * logAlpha;
  dr += d.total * logAlpha;
  let dalpha = (d.total * r) / alpha;
  for (let i = 0; i < d.n; i++) {
    const x = d.x[i];
    const w = d.w[i];
    const s = r + x;
    const lt = logT[d.TIndex[i]];
    const invT = 1 / (alpha + d.T[i]);
    let v = -s * lt;
    let vr = -lt;
    let valpha = -s * invT;
    if (x > 0) {
      const ltx = logTx[d.txIndex[i]];
      const d43 = logA - Math.log(b + x - 1) + s * (lt - ltx);
      v += d43 > 30 ? d43 + Math.exp(-d43) : Math.log(1 + Math.exp(d43));
      const sigma = 1 / (1 + Math.exp(-d43));
      vr += sigma * (lt - ltx);
      valpha += sigma * s * (invT - 1 / (alpha + d.tx[i]));
      da += (w * sigma) / a;
      db -= (w * sigma) / (b + x - 1);
    }
    sum += w * v;
    dr += w * vr;
    dalpha += w * valpha;
  }
  return { f: sum, g: [r * dr, alpha * dalpha, a * da, b * db] };
}

/**
 * BG/NBD log-likelihood of the calibration data (Fader, Hardie & Lee 2005, equation 6, summed over customers).
 *
 * @param params r, alpha, a, b (all > 0)
 * @param data per customer x (whole number ≥ 0), t_x and T (0 ≤ t_x ≤ T; t_x > 0 when x > 0)
 * @returns Σ ln L(r, α, a, b | x, t_x, T)
 * @throws RfmError badNumber for a parameter ≤ 0 or an impossible (x, t_x, T)
 * @example bgnbdLogLikelihood({ r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 }, cdnowWeeks) // ≈ -9582.4
 */
export function bgnbdLogLikelihood(params: BgNbdParams, data: BgNbdData): number {
  checkBgNbdParams(params);
  return logLikelihoodOf(params, compress(data));
}

function fromLog(theta: number[]): BgNbdParams {
  return { r: Math.exp(theta[0]), alpha: Math.exp(theta[1]), a: Math.exp(theta[2]), b: Math.exp(theta[3]) };
}

/**
 * Maximum-likelihood fit of the BG/NBD model.
 *
 * @param data per customer x, t_x, T (see bgnbdLogLikelihood)
 * @returns the parameters, the log-likelihood, whether the optimum is on the boundary and warnings in words
 * @throws PredictError (an RfmError) noCustomers when there are no customers (reason tooFewCustomers), badOption when
 *   no customer made a repeat purchase (noRepeatCustomers), every customer has T = 0 (noTime) or the likelihood is
 *   not finite anywhere (noLikelihood)
 * @example fitBgNbd(cdnowWeeks).params // ≈ { r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 }
 */
export function fitBgNbd(data: BgNbdData): BgNbdFit {
  const d = compress(data);
  if (d.n === 0) throw new PredictError("noCustomers", "tooFewCustomers", "No customers to fit the BG/NBD model to.");
  if (d.maxX === 0) {
    throw new PredictError(
      "badOption",
      "noRepeatCustomers",
      "No customer made a repeat purchase in the calibration period, so the model cannot tell how often customers " +
        "buy or when they leave. Choose a later calibration end or a longer period of data.",
    );
  }
  let meanT = 0;
  let total = 0;
  for (let i = 0; i < d.n; i++) {
    meanT += d.w[i] * d.T[i];
    total += d.w[i];
  }
  meanT /= total;
  if (!(meanT > 0)) {
    throw new PredictError(
      "badOption",
      "noTime",
      "Every customer's first purchase is on the calibration end day (T = 0): nothing to fit.",
    );
  }
  const objective = (theta: number[]): number => {
    for (const v of theta) if (!(Math.abs(v) <= LOG_BOUND)) return Infinity;
    return -logLikelihoodOf(fromLog(theta), d);
  };
  // Starting points: the customer age sets the scale of α; dropout from rare to frequent.
  const la = Math.log(meanT);
  const starts = [
    [0, la, 0, 0],
    [Math.log(0.5), la - 1, Math.log(0.5), Math.log(5)],
    [Math.log(2), la + 1, Math.log(2), Math.log(0.5)],
    [Math.log(0.2), la - 2, Math.log(0.1), Math.log(20)],
  ];
  let evaluations = 0;
  let best = { x: starts[0], f: Infinity };
  // Each start gets a short, coarse run (enough to find its basin); only the best is then run to full precision.
  for (const s of starts) {
    const res = nelderMead(objective, s, { step: 1, fTolerance: 1e-4, xTolerance: 1e-2, maxEvaluations: 40 });
    evaluations += res.evaluations;
    if (res.f < best.f) best = res;
  }
  // Polish the best point with BFGS on the analytic gradient (far fewer evaluations than the simplex near an
  // optimum) until the gradient vanishes; when the quasi-Newton steps stall instead (a long ridge, as towards a
  // boundary optimum), a simplex restart takes over, and the two alternate while that still gains.
  const fg = (theta: number[]): { f: number; g: number[] } => {
    for (const v of theta) if (!(Math.abs(v) <= LOG_BOUND)) return { f: Infinity, g: theta.map(() => 0) };
    const { f, g } = logLikelihoodAndGradient(fromLog(theta), d);
    return { f: -f, g: g.map((v) => -v) };
  };
  let converged = false;
  for (let k = 0; k < 4; k++) {
    const polished = bfgs(fg, best.x, { gTolerance: 1e-7 * total });
    evaluations += polished.evaluations;
    if (polished.f < best.f) best = polished;
    if (polished.converged) {
      converged = true;
      break;
    }
    const res = nelderMead(objective, best.x, { step: 0.05, xTolerance: 1e-6, maxEvaluations: 4000 });
    evaluations += res.evaluations;
    const gain = best.f - res.f;
    if (res.f < best.f) best = res;
    converged = res.converged;
    if (!(gain > 1e-6)) break;
  }
  if (!Number.isFinite(best.f)) {
    throw new PredictError(
      "badOption",
      "noLikelihood",
      "The BG/NBD likelihood could not be evaluated at any starting point.",
    );
  }
  const params = fromLog(best.x);
  const described = describeBoundary(best.x, params);
  if (!converged) {
    described.diagnostics.push(
      warning(
        "notConverged",
        `The BG/NBD fit stopped after ${evaluations} likelihood evaluations before meeting its tolerances: the ` +
          `parameters are the best found, not certainly the optimum.`,
      ),
    );
  }
  return {
    params,
    logLikelihood: -best.f,
    ...described,
    warnings: described.diagnostics.map((w) => w.message),
    converged,
    evaluations,
    starts: starts.length,
  };
}

function describeBoundary(theta: number[], p: BgNbdParams): Pick<BgNbdFit, "boundary" | "noDropout" | "diagnostics"> {
  const atBound = theta.map((v) => Math.abs(v) >= LOG_BOUND - 0.5);
  const diagnostics: PredictionWarning[] = [];
  const meanDropout = p.a / (p.a + p.b);
  const noDropout = atBound[2] || atBound[3] || meanDropout < NO_DROPOUT;
  if (noDropout) {
    diagnostics.push(
      warning(
        "noDropout",
        `No dropout detected: the best fit puts the chance of leaving after a purchase at a/(a+b) = ` +
          `${meanDropout.toPrecision(2)} (a = ${p.a.toPrecision(3)}, b = ${p.b.toPrecision(3)}: the likelihood keeps ` +
          `rising as a → 0 and b → ∞, so the parameters were stopped at a finite value). In this calibration period ` +
          `customers do not seem to leave, so P(alive) is close to 1 for everyone and expected purchases follow each ` +
          `customer's purchase rate alone; treat them as an upper bound, or try a longer calibration period.`,
      ),
    );
  }
  if (atBound[0] || atBound[1]) {
    diagnostics.push(
      warning(
        "rateBoundary",
        `The purchase-rate parameters ran to the edge of the parameter space (r = ${p.r.toPrecision(3)}, ` +
          `alpha = ${p.alpha.toPrecision(3)}): purchase rates look the same for every customer or the data are ` +
          `too few to tell them apart. Predictions are finite but rest on little information.`,
      ),
    );
  }
  return { boundary: noDropout || atBound.some((v) => v), noDropout, diagnostics };
}

/**
 * Probability that a customer is still alive at the end of calibration (the "P(alive)" of Fader, Hardie & Lee 2005).
 *
 * @param params fitted r, alpha, a, b
 * @param x repeat purchases in the calibration period
 * @param tx time of the last purchase (0 when x = 0)
 * @param T time from the first purchase to the calibration end
 * @returns P(alive) in [0, 1]; exactly 1 when x = 0 (the BG/NBD convention: dropout happens only after a purchase)
 * @throws RfmError badNumber for invalid parameters or an impossible (x, t_x, T)
 * @example pAlive({ r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 }, 2, 30.43, 38.86) // ≈ 0.72
 */
export function pAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  checkBgNbdParams(params);
  checkCustomer(x, tx, T);
  return 1 / (1 + deathOdds(params, x, tx, T));
}

/** δ(x>0) a/(b+x−1) ((α+T)/(α+t_x))^(r+x), in log space (Infinity when it overflows). */
function deathOdds(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 0;
  const s = p.r + x;
  return Math.exp(Math.log(p.a) - Math.log(p.b + x - 1) + s * (Math.log(p.alpha + T) - Math.log(p.alpha + tx)));
}

/**
 * (c / (a − 1)) (1 − (1 − z)^s 2F1(s, β; c; z)) with c = a − 1 + β: the common core of equations (9) and (10).
 * At a = 1 both factors meet a 0/∞ limit, and near it the bracket is a difference of nearly equal numbers that loses
 * about log10(c / |a − 1|) digits; within 0.01 of 1 the value is interpolated in a (smooth) from a ± δ and a ± 2δ,
 * δ = 0.03, by Richardson extrapolation of the symmetric averages (error δ⁴/6 times the fourth derivative in a).
 */
function growth(a: number, s: number, beta: number, z: number): number {
  if (Math.abs(a - 1) < 0.01) {
    const d = 0.03;
    const avg = (h: number): number => 0.5 * (growthDirect(a + h, s, beta, z) + growthDirect(a - h, s, beta, z));
    return (4 * avg(d) - avg(2 * d)) / 3;
  }
  return growthDirect(a, s, beta, z);
}

function growthDirect(a: number, s: number, beta: number, z: number): number {
  const c = a - 1 + beta;
  const bracket = -Math.expm1(s * Math.log1p(-z)) - Math.pow(1 - z, s) * hyp2f1Minus1(s, beta, c, z);
  return (c / (a - 1)) * bracket;
}

/**
 * Expected purchases of a customer in the next t time units, given their history (Fader, Hardie & Lee 2005,
 * equation 10): E[Y(t) | x, t_x, T].
 *
 * @param params fitted r, alpha, a, b
 * @param t length of the forecast period (≥ 0), in the fit's time unit
 * @param x repeat purchases in the calibration period
 * @param tx time of the last purchase
 * @param T customer age at the calibration end
 * @returns expected number of purchases in (T, T + t]
 * @throws RfmError badNumber for invalid parameters, a negative t or an impossible (x, t_x, T)
 * @example expectedPurchases({ r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 }, 39, 2, 30.43, 38.86) // ≈ 1.226
 */
export function expectedPurchases(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  checkBgNbdParams(params);
  checkCustomer(x, tx, T);
  checkHorizon(t);
  if (t === 0) return 0;
  const { r, alpha, a, b } = params;
  const z = t / (alpha + T + t);
  return growth(a, r + x, b + x, z) / (1 + deathOdds(params, x, tx, T));
}

/**
 * Expected purchases of a new customer in their first t time units (Fader, Hardie & Lee 2005, equation 9): E[X(t)].
 *
 * @param params fitted r, alpha, a, b
 * @param t time since the first purchase (≥ 0)
 * @returns expected repeat purchases in (0, t]
 * @throws RfmError badNumber for invalid parameters or a negative t
 * @example expectedPurchasesNew({ r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 }, 52) // ≈ 1.444
 */
export function expectedPurchasesNew(params: BgNbdParams, t: number): number {
  checkBgNbdParams(params);
  checkHorizon(t);
  if (t === 0) return 0;
  const { r, alpha, a, b } = params;
  return growth(a, r, b, t / (alpha + t));
}

function checkHorizon(t: number): void {
  if (!(Number.isFinite(t) && t >= 0)) {
    throw new RfmError("badNumber", `The forecast period t must be a number ≥ 0, found ${t}.`);
  }
}
