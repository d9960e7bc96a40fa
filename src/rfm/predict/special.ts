/**
 * Special functions for the prediction models, in log space where the models need it.
 *
 * - `logGamma(x)`: ln Γ(x) for x > 0 (Lanczos approximation, g = 7, nine coefficients; relative error near 1e-15),
 *   and `logAbsGamma`/`gammaSign` for the negative non-integer arguments the 1 − z transformation of 2F1 produces
 *   (reflection Γ(x)Γ(1 − x) = π / sin(πx)).
 * - `hyp2f1(a, b, c, z)`: the Gauss hypergeometric function 2F1 for 0 ≤ z < 1 and a, b, c > 0 (the BG/NBD's
 *   E[X(t)] and E[Y(t)] need it at z = t / (α + T + t), which runs towards 1 as the horizon grows). Up to z = 0.9 the
 *   defining series (Abramowitz & Stegun 15.1.1), whose terms are all positive here, so there is no cancellation; above
 *   it the linear transformation to 1 − z (A&S 15.3.6, DLMF 15.8.4), whose two series converge at rate 1 − z ≤ 0.1.
 *   When c − a − b is (near) an integer that transformation has poles, and when its two terms cancel it loses digits:
 *   then the direct series is summed to convergence instead (slower near 1, still exact to rounding).
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0 (NaN otherwise). */
export function logGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x < 0.5) return logGamma(x + 1) - Math.log(x);
  const y = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < 9; i++) s += LANCZOS[i] / (y + i);
  const t = y + 7.5;
  return HALF_LOG_2PI + (y + 0.5) * Math.log(t) - t + Math.log(s);
}

/** ln |Γ(x)| for any x that is not a non-positive integer (Infinity there). */
export function logAbsGamma(x: number): number {
  if (x > 0) return logGamma(x);
  if (Number.isInteger(x)) return Infinity;
  return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
}

/** Sign of Γ(x): 1 for x > 0, (-1)^ceil(-x) between the poles below 0; 0 at a pole. */
export function gammaSign(x: number): number {
  if (x > 0) return 1;
  if (Number.isInteger(x)) return 0;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/** ln(e^u + e^v) without overflow. */
export function logAddExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

const MAX_TERMS = 10_000_000;

/**
 * The defining series without its leading 1: Σ_{j≥1} (a)_j (b)_j / ((c)_j j!) z^j, summed until a term no longer
 * changes the sum. Summing the tail on its own keeps its relative accuracy when it is small, which 2F1 − 1 needs (the
 * BG/NBD subtracts it from a nearly equal number).
 */
function seriesTail(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 0;
  for (let j = 0; j < MAX_TERMS; j++) {
    term *= (((a + j) * (b + j)) / ((c + j) * (j + 1))) * z;
    const next = sum + term;
    // Once the ratio of successive terms is below 1 (always true eventually for |z| < 1), a term that no longer
    // changes the sum means the rest cannot either.
    if (next === sum && Math.abs((a + j) * (b + j) * z) < Math.abs((c + j) * (j + 1))) return next;
    sum = next;
    if (term === 0) return sum;
  }
  return NaN;
}

function series(a: number, b: number, c: number, z: number): number {
  return 1 + seriesTail(a, b, c, z);
}

/** One term of the 1 − z transformation as [ln |value|, sign]. */
function transformedTerm(num: number[], den: number[], seriesValue: number, logFactor: number): [number, number] {
  let logAbs = logFactor + Math.log(Math.abs(seriesValue));
  let sign = Math.sign(seriesValue);
  for (const x of num) {
    logAbs += logAbsGamma(x);
    sign *= gammaSign(x);
  }
  for (const x of den) {
    const s = gammaSign(x);
    if (s === 0) return [-Infinity, 0]; // 1/Γ at a pole is 0: the term vanishes
    logAbs -= logAbsGamma(x);
    sign *= s;
  }
  return [logAbs, sign];
}

/**
 * Gauss hypergeometric function 2F1(a, b; c; z) for 0 ≤ z < 1 and a, b, c > 0.
 *
 * @param a first numerator parameter (> 0)
 * @param b second numerator parameter (> 0)
 * @param c denominator parameter (> 0; a negative non-integer c is summed by the series alone)
 * @param z argument, 0 ≤ z < 1
 * @returns the value of the series (finite for z < 1); NaN outside the domain
 * @example hyp2f1(1, 1, 2, 0.5) // -ln(1 - 0.5) / 0.5 = 1.3862943611198906
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1) || !(a > 0 && b > 0) || !Number.isFinite(c) || (c <= 0 && Number.isInteger(c))) return NaN;
  if (z === 0) return 1;
  const m = c - a - b;
  if (z <= 0.9 || c <= 0) return series(a, b, c, z);
  if (nearPole(c - a) || nearPole(c - b)) {
    const direct = series(a, b, c, z);
    if (Number.isFinite(direct)) return direct;
  }
  if (Math.abs(m - Math.round(m)) < 1e-6) return nearIntegerExcess(a, b, c, z);
  return transformed(a, b, c, z);
}

/**
 * Whether x is within 1e-4 of a pole of Γ (0, −1, −2, …) but not on it. Then 1/Γ(c − a) or 1/Γ(c − b) in the
 * 1 − z transformation is nearly 0 and its two terms cancel to a few digits (c → 0 in a BG/NBD fit with a → 0 gave
 * a negative 2F1), so the direct series, exact if slower, is summed instead (on the pole the term is exactly 0 and
 * the transformation is exact).
 */
function nearPole(x: number): boolean {
  const d = Math.abs(x - Math.round(x));
  return x < 1e-4 && d > 0 && d < 1e-4;
}

/**
 * 2F1(a, b; c; z) − 1, accurate to rounding relative to its own size also when it is small (same domain as hyp2f1).
 *
 * @example hyp2f1Minus1(1, 1, 2, 1e-9) // ≈ 5e-10 (hyp2f1(1, 1, 2, 1e-9) - 1 keeps only about 7 digits of it)
 */
export function hyp2f1Minus1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1) || !(a > 0 && b > 0) || !Number.isFinite(c) || (c <= 0 && Number.isInteger(c))) return NaN;
  if (z === 0) return 0;
  if (z <= 0.9 || c <= 0) return seriesTail(a, b, c, z);
  return hyp2f1(a, b, c, z) - 1;
}

/**
 * c − a − b (near) an integer, z > 0.9: the 1 − z transformation has poles there, but 2F1 is smooth in c. The
 * symmetric averages at c ± δ and c ± 2δ, combined by Richardson extrapolation, cancel the δ² and leave O(δ⁴); the two
 * transformed terms grow like 1/δ and cancel, costing about three digits at δ = 1e-3.
 */
function nearIntegerExcess(a: number, b: number, c: number, z: number): number {
  const d = 1e-3;
  const avg = (h: number): number => 0.5 * (transformed(a, b, c + h, z) + transformed(a, b, c - h, z));
  const value = (4 * avg(d) - avg(2 * d)) / 3;
  return Number.isFinite(value) ? value : series(a, b, c, z);
}

/** A&S 15.3.6, falling back to the direct series when its two terms cancel or a piece is not finite. */
function transformed(a: number, b: number, c: number, z: number): number {
  const m = c - a - b;
  const w = 1 - z;
  // A&S 15.3.6: Γ(c)Γ(m)/(Γ(c−a)Γ(c−b)) F(a, b; 1−m; w) + w^m Γ(c)Γ(−m)/(Γ(a)Γ(b)) F(c−a, c−b; 1+m; w).
  const f1 = plainSeries(a, b, 1 - m, w);
  const f2 = plainSeries(c - a, c - b, 1 + m, w);
  const [l1, s1] = transformedTerm([c, m], [c - a, c - b], f1, 0);
  const [l2, s2] = transformedTerm([c, -m], [a, b], f2, m * Math.log(w));
  const top = Math.max(l1, l2);
  const v1 = s1 * Math.exp(l1 - top);
  const v2 = s2 * Math.exp(l2 - top);
  const sum = v1 + v2;
  // Heavy cancellation between the two terms (or a non-finite piece): the direct series is exact, if slower.
  if (!Number.isFinite(sum) || !(Math.abs(sum) > 1e-6 * Math.max(Math.abs(v1), Math.abs(v2)))) {
    return series(a, b, c, z);
  }
  return sum * Math.exp(top);
}

/**
 * The defining series for any real parameters (c not a non-positive integer) at 0 ≤ w ≤ 0.1: terms may change sign.
 * NaN (the caller then sums the direct series) when it does not converge within a few thousand terms or when its
 * terms grow so far above the sum that cancellation would eat the digits: with a huge parameter (b → ∞ in a fit
 * without dropout) the terms first grow like (b w)^j / j! before they fall.
 */
function plainSeries(a: number, b: number, c: number, w: number): number {
  let term = 1;
  let sum = 1;
  let largest = 1;
  for (let j = 0; j < 5000; j++) {
    term *= (((a + j) * (b + j)) / ((c + j) * (j + 1))) * w;
    const size = Math.abs(term);
    if (size > largest) {
      if (size > 1e12) return NaN;
      largest = size;
    }
    const next = sum + term;
    if (term === 0 || (next === sum && j > Math.abs(a) + Math.abs(b) + Math.abs(c))) {
      return largest > 1e6 * Math.abs(next) ? NaN : next;
    }
    sum = next;
  }
  return NaN;
}
