/**
 * Quantile edges and quantile bins, exactly as `pandas.qcut(x, bins)` computes them.
 *
 * Edges: qcut asks for the quantiles `np.linspace(0, 1, bins + 1)` (k × (1/bins), the last one exactly 1), which
 * pandas hands to `np.percentile(x, q × 100)` (numpy divides by 100 again). numpy's default "linear" method takes the
 * virtual index `(n - 1) × q`, lo = floor, hi = lo + 1 (clamped to n - 1), t = index - lo, and interpolates with
 * `_lerp`: `a + (b - a) × t`, or `b - (b - a) × (1 - t)` when t ≥ 0.5. We repeat each step so the edges match to the
 * last bit.
 *
 * Bins (pandas.cut with include_lowest=True, right=True): value x gets bin i (1-based) = the first i with
 * edges[i] ≥ x, and x == edges[0] gets bin 1. Bin i is therefore (edges[i-1], edges[i]], the first one closed.
 * When edges coincide, pandas raises ("Bin edges must be unique"); this rule instead puts each value in the first bin
 * whose right edge holds it, so the bins between equal edges stay empty (their scores are skipped), and the caller
 * reports the coinciding edges in the warnings.
 *
 * Cost: one sort of a Float64Array copy (n log n) for the edges, then a binary search per value.
 *
 * Example: x = [1, 2, 3, 4, 100], 5 bins → edges [1, 1.8, 2.6, 3.4, 23.2, 100] → bins 1, 2, 3, 4, 5.
 */

/** The probabilities qcut uses for `bins` equal-count bins: numpy's linspace(0, 1, bins + 1). */
export function qcutProbabilities(bins: number): number[] {
  const step = 1 / bins;
  const out: number[] = [];
  for (let k = 0; k < bins; k++) out.push(k * step);
  out.push(1);
  return out;
}

/** numpy's `_lerp(a, b, t)` (numpy ≥ 1.22), which is monotonic and exact at both ends. */
export function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * numpy's default percentile (method="linear") of an ascending-sorted array at probability p in [0, 1].
 * NaN for an empty array.
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  // pandas passes q × 100 to np.percentile, which divides by 100 again: keep that round trip for bit-exact edges.
  const q = (p * 100) / 100;
  const virtual = (n - 1) * q;
  if (virtual >= n - 1) return sorted[n - 1];
  if (virtual <= 0) return sorted[0];
  const lo = Math.floor(virtual);
  return lerp(sorted[lo], sorted[lo + 1], virtual - lo);
}

/** Ascending Float64Array copy of `values` (typed-array sort is numeric). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const s = Float64Array.from(values as ArrayLike<number>);
  s.sort();
  return s;
}

/**
 * pandas.qcut's edges: bins + 1 quantiles (numpy "linear") of the values.
 * @param values the population, any order
 * @param bins number of bins
 * @returns bins + 1 ascending edges
 * @example quantileEdges([1, 2, 3, 4, 5], 2) // → [1, 3, 5]
 */
export function quantileEdges(values: ArrayLike<number>, bins: number): number[] {
  const sorted = sortedCopy(values);
  return qcutProbabilities(bins).map((p) => percentileSorted(sorted, p));
}

/**
 * The 1-based bin of x for ascending `edges` (bins = edges.length - 1), as pandas.cut(right=True,
 * include_lowest=True): the first i ≥ 1 with edges[i] ≥ x; x == edges[0] → 1.
 * @param x the value
 * @param edges ascending bin edges, e.g. from quantileEdges
 * @returns the bin, or 0 for a value outside [edges[0], edges[last]] (pandas gives NaN)
 * @example binOf(3, [1, 2, 4]) // → 2
 */
export function binOf(x: number, edges: readonly number[]): number {
  const last = edges.length - 1;
  if (x === edges[0]) return 1;
  if (!(x > edges[0]) || x > edges[last]) return 0;
  // Binary search for the first index in 1..last whose edge is ≥ x (numpy searchsorted side="left").
  let lo = 1;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] >= x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Bins of all values (1..bins) for the given edges. */
export function binValues(values: ArrayLike<number>, edges: readonly number[]): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = binOf(values[i], edges);
  return out;
}

/** Indexes i (1..bins) where edges[i] equals edges[i - 1], i.e. where bin i is empty; empty when all edges differ. */
export function coincidingEdges(edges: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < edges.length; i++) if (edges[i] === edges[i - 1]) out.push(i);
  return out;
}
