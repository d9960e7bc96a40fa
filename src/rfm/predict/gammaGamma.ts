/**
 * The Gamma-Gamma model of spend per purchase: Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves for
 * Customer Base Analysis", Journal of Marketing Research 42(4), 415-430, and Fader & Hardie (2013), "The Gamma-Gamma
 * Model of Monetary Value" (note). A customer's purchase values are Gamma(p, ν) around their own mean, and
 * ν ~ Gamma(q, γ) across customers.
 *
 * - Per customer with x repeat purchases of mean value m (the first purchase is not used, by the papers' convention):
 *   ln f(m | p, q, γ, x) = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(γ + m x)
 *   (the note's equation 4 for the density of the mean).
 * - E[M | p, q, γ, m, x] = p(γ + m x) / (px + q − 1) (the paper's equation 5; the note's equation 5), a weighted
 *   average of the population mean pγ/(q − 1) and the customer's own mean m.
 * Only customers with x > 0 and m > 0 enter the fit (ln m needs m > 0).
 */

import { RfmError } from "../errors";
import { PredictError, warning, type PredictionWarning } from "./diagnostics";
import { nelderMead } from "./optimize";
import { logGamma } from "./special";

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  logLikelihood: number;
  /** Customers the fit used (x > 0 and a mean repeat value above 0). */
  customers: number;
  /** Customers with x > 0 left out because their mean repeat value is 0. */
  zeroMeanCustomers: number;
  boundary: boolean;
  /** False when the optimizer stopped at its evaluation limit (warned). */
  converged: boolean;
  /** Objective evaluations over all starting points. */
  evaluations: number;
  /** The messages of `diagnostics`. */
  warnings: string[];
  diagnostics: PredictionWarning[];
}

const LOG_BOUND = 18;

/**
 * The fit's data, reduced to what the likelihood needs. Summed over customers, the terms of ln f are
 *   n (q ln γ − ln Γ(q)) + Σ_x n_x (ln Γ(px + q) − ln Γ(px)) + p Σ x (ln m + ln x) − Σ ln m − Σ (px + q) ln(γ + m x),
 * so the parameter-free sums are taken once, the Gamma functions once per distinct x, and only ln(γ + m x) once per
 * distinct (x, m x) pair per evaluation.
 */
interface SpendData {
  n: number;
  /** Σ x (ln m + ln x) and Σ ln m over customers. */
  sumXLogMX: number;
  sumLogM: number;
  /** Distinct x values and the customers with each. */
  xValues: number[];
  xCount: number[];
  /** Distinct (x, total repeat spend m x) pairs with their customer counts. */
  px: Float64Array;
  spend: Float64Array;
  weight: Float64Array;
  /** Mean of m over customers (sets the starting scale of γ). */
  meanValue: number;
}

function spendData(x: ArrayLike<number>, mean: ArrayLike<number>): { data: SpendData; zero: number } {
  let zero = 0;
  let n = 0;
  let sumXLogMX = 0;
  let sumLogM = 0;
  let sumM = 0;
  const counts = new Map<number, number>();
  const pairs = new Map<string, number>();
  const px: number[] = [];
  const spend: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    if (!(xi > 0)) continue;
    const m = mean[i];
    if (!(m > 0 && Number.isFinite(m))) {
      if (m === 0) zero++;
      continue;
    }
    n++;
    const logM = Math.log(m);
    sumLogM += logM;
    sumXLogMX += xi * (logM + Math.log(xi));
    sumM += m;
    counts.set(xi, (counts.get(xi) ?? 0) + 1);
    const total = m * xi;
    const key = `${xi}|${total}`;
    const k = pairs.get(key);
    if (k !== undefined) weight[k]++;
    else {
      pairs.set(key, px.length);
      px.push(xi);
      spend.push(total);
      weight.push(1);
    }
  }
  return {
    data: {
      n,
      sumXLogMX,
      sumLogM,
      xValues: [...counts.keys()],
      xCount: [...counts.values()],
      px: Float64Array.from(px),
      spend: Float64Array.from(spend),
      weight: Float64Array.from(weight),
      meanValue: n > 0 ? sumM / n : NaN,
    },
    zero,
  };
}

function logLikelihoodOf(par: GammaGammaParams, d: SpendData): number {
  const { p, q, gamma } = par;
  let sum = d.n * (q * Math.log(gamma) - logGamma(q)) + p * d.sumXLogMX - d.sumLogM;
  for (let k = 0; k < d.xValues.length; k++) {
    const px = p * d.xValues[k];
    sum += d.xCount[k] * (logGamma(px + q) - logGamma(px));
  }
  for (let i = 0; i < d.px.length; i++) {
    sum -= d.weight[i] * (p * d.px[i] + q) * Math.log(gamma + d.spend[i]);
  }
  return sum;
}

/** Checks the parameters are finite and positive; throws RfmError badNumber. */
export function checkGammaGammaParams(p: GammaGammaParams): void {
  for (const k of ["p", "q", "gamma"] as const) {
    if (!(Number.isFinite(p[k]) && p[k] > 0)) {
      throw new RfmError("badNumber", `Gamma-Gamma parameter ${k} must be a number above 0, found ${p[k]}.`);
    }
  }
}

/**
 * Gamma-Gamma log-likelihood of the customers with x > 0 and a positive mean repeat value.
 *
 * @param params p, q, gamma (all > 0)
 * @param x repeat purchases per customer
 * @param mean mean value of each customer's repeat purchases (customers with x = 0 or mean ≤ 0 are skipped)
 * @returns Σ ln f(mean | p, q, γ, x)
 * @throws RfmError badNumber for a parameter ≤ 0
 * @example gammaGammaLogLikelihood({ p: 6.25, q: 3.74, gamma: 15.44 }, x, mean)
 */
export function gammaGammaLogLikelihood(
  params: GammaGammaParams,
  x: ArrayLike<number>,
  mean: ArrayLike<number>,
): number {
  checkGammaGammaParams(params);
  return logLikelihoodOf(params, spendData(x, mean).data);
}

/**
 * Maximum-likelihood fit of the Gamma-Gamma spend model on log-parameters, from several starting points.
 *
 * @param x repeat purchases per customer
 * @param mean mean repeat value per customer (NaN or 0 where there is none: those customers are skipped)
 * @returns p, q, gamma, the log-likelihood and the number of customers used
 * @throws PredictError (an RfmError) noCustomers, reason tooFewCustomers, when fewer than 2 customers have a repeat
 *   purchase of positive value
 * @example fitGammaGamma(cdnow.x, cdnow.meanRepeatValue).params // ≈ { p: 6.25, q: 3.74, gamma: 15.44 }
 */
export function fitGammaGamma(x: ArrayLike<number>, mean: ArrayLike<number>): GammaGammaFit {
  const { data, zero } = spendData(x, mean);
  if (data.n < 2) {
    throw new PredictError(
      "noCustomers",
      "tooFewCustomers",
      `The spend model needs customers with a repeat purchase of positive value; found ${data.n}.`,
    );
  }
  const avg = data.meanValue;
  const objective = (theta: number[]): number => {
    for (const v of theta) if (!(Math.abs(v) <= LOG_BOUND)) return Infinity;
    return -logLikelihoodOf({ p: Math.exp(theta[0]), q: Math.exp(theta[1]), gamma: Math.exp(theta[2]) }, data);
  };
  // Starting points with population mean pγ/(q − 1) near the observed average, and one far from it.
  const la = Math.log(avg);
  const starts = [
    [0, Math.log(2), la],
    [Math.log(5), Math.log(4), la + Math.log(0.6)],
    [Math.log(0.5), Math.log(1.5), la - 1],
  ];
  let best = { x: starts[0], f: Infinity };
  let evaluations = 0;
  for (const s of starts) {
    const res = nelderMead(objective, s, { step: 1, fTolerance: 1e-4, xTolerance: 1e-2, maxEvaluations: 60 });
    evaluations += res.evaluations;
    if (res.f < best.f) best = res;
  }
  let converged = false;
  for (let k = 0; k < 4; k++) {
    const res = nelderMead(objective, best.x, { step: 0.1, xTolerance: 1e-7, maxEvaluations: 3000 });
    evaluations += res.evaluations;
    const gain = best.f - res.f;
    if (res.f < best.f) best = res;
    converged = res.converged;
    if (!(gain > 1e-6)) break;
  }
  const params = { p: Math.exp(best.x[0]), q: Math.exp(best.x[1]), gamma: Math.exp(best.x[2]) };
  const boundary = best.x.some((v) => Math.abs(v) >= LOG_BOUND - 0.5);
  const diagnostics: PredictionWarning[] = [];
  if (boundary) {
    diagnostics.push(
      warning(
        "spendBoundary",
        `The spend model's optimum is on the edge of the parameter space (p = ${params.p.toPrecision(3)}, q = ` +
          `${params.q.toPrecision(3)}, gamma = ${params.gamma.toPrecision(3)}): spend per purchase barely varies ` +
          `between customers or varies without bound. Expected average values are finite but rest on little information.`,
      ),
    );
  }
  if (params.q <= 1) {
    diagnostics.push(
      warning(
        "spendUnboundedMean",
        `The spend model's q = ${params.q.toPrecision(3)} is 1 or less: the population mean spend is unbounded, so ` +
          `expected average values lean on each customer's own mean.`,
      ),
    );
  }
  if (!converged) {
    diagnostics.push(
      warning(
        "notConverged",
        `The spend model's fit stopped after ${evaluations} likelihood evaluations before meeting its tolerances: ` +
          `the parameters are the best found, not certainly the optimum.`,
      ),
    );
  }
  return {
    params,
    logLikelihood: -best.f,
    customers: data.n,
    zeroMeanCustomers: zero,
    boundary,
    converged,
    evaluations,
    warnings: diagnostics.map((w) => w.message),
    diagnostics,
  };
}

/**
 * Expected average value of a customer's future purchases (Fader, Hardie & Lee 2005, "RFM and CLV", equation 5).
 *
 * @param params fitted p, q, gamma
 * @param x repeat purchases in the calibration period (≥ 0; with x = 0 the result is the population mean pγ/(q−1))
 * @param mean the mean value of those repeat purchases (ignored when x = 0)
 * @returns E[M | p, q, γ, m, x]
 * @throws RfmError badNumber for invalid parameters, a negative x or mean, or px + q ≤ 1 (no finite mean)
 * @example expectedAverageValue({ p: 6.25, q: 3.74, gamma: 15.44 }, 2, 30) // ≈ 31.0
 */
export function expectedAverageValue(params: GammaGammaParams, x: number, mean: number): number {
  checkGammaGammaParams(params);
  if (!(Number.isFinite(x) && x >= 0)) throw new RfmError("badNumber", `x must be a number ≥ 0, found ${x}.`);
  const m = x === 0 ? 0 : mean;
  if (!(Number.isFinite(m) && m >= 0)) {
    throw new RfmError("badNumber", `The mean repeat value must be a number ≥ 0, found ${mean}.`);
  }
  const { p, q, gamma } = params;
  const denominator = p * x + q - 1;
  if (!(denominator > 0)) {
    throw new RfmError(
      "badNumber",
      `No finite expected value: p·x + q − 1 = ${denominator} (needs q > 1 for a customer without repeat purchases).`,
    );
  }
  return (p * (gamma + m * x)) / denominator;
}
