/**
 * Score binning of the R package `rfm` (0.3.0, `rfm_table_order` and friends), reproduced to the last bit.
 *
 * What the R code does (R/utils.R `bins`, `bins_lower`, `bins_upper` and the scoring loop in
 * R/rfm-table-transaction.R), for one metric over the per-customer values x and n_bins bins:
 *
 *   probs  <- seq(0, 1, length.out = n_bins + 1)          # 0, 1/n, 2/n, ..., 1
 *   q      <- quantile(x, probs)[-c(1, n_bins + 1)]       # stats::quantile, default type 7
 *   breaks <- q + 1
 *   lower  <- c(min(x), breaks);  upper <- c(breaks, max(x) + 1)
 *   for (i in 1:n_bins) score[x >= lower[i] & x < upper[i]] <- i        # F and M
 *                       score[x >= lower[i] & x < upper[i]] <- n_bins + 1 - i   # Recency (rev)
 *
 * It does not call `cut()`: bins are tested with `>=` and `<`, so they are left-closed and right-open
 * ([min, b1), [b1, b2), ..., [b_{n-1}, max + 1)) and equal values always share a score. Because quantiles are
 * non-decreasing, b1 = q1 + 1 > min and b_{n-1} <= max + 1, the bins tile [min, max + 1) without overlap, so every
 * value lands in exactly one bin: the bin index is 1 + (number of breaks <= value). Edge cases that follow:
 * - a value equal to a break goes to the higher bin (left-closed);
 * - integer data with a fractional quantile: value v is in the higher bin iff v >= q + 1;
 * - coinciding breaks (many ties) leave the bins between them empty: scores jump, e.g. F may use 1, 4 and 5 only;
 * - all values tied: every break equals min + 1 > min, so everyone is in the lowest bin (F = M = 1, R = n_bins);
 * - a break equal to max + 1 (q = max) leaves the top bin empty.
 *
 * Floating point, as R computes it: `seq(0, 1, length.out = n + 1)` gives k * (1 / n) (so 3/5 is
 * 0.6000000000000001); type 7 takes index = 1 + (N - 1) * p, lo = floor(index), h = index - lo and
 * q = (1 - h) * x[lo] + h * x[lo + 1] (skipped when h = 0 or both neighbours are equal). numpy's default
 * "linear" method is the same quantile in exact arithmetic but rounds differently (a + (b - a) * t), so we follow
 * R's formula: a value sitting exactly on a break can only be scored like R by computing the break like R.
 *
 * The issue text describes the same rule; the one difference the source shows is that "bins" is a loop of
 * `>=`/`<` tests (not `cut(right = FALSE)`), which only matters for the empty-bin cases above and changes nothing
 * for values inside [min, max].
 *
 * Cost: one sort of a Float64Array copy (N log N) plus N * (n_bins - 1) comparisons; two typed arrays allocated.
 *
 * Example: frequencies [1, 1, 2, 3, 5], 5 bins. Sorted x = 1 1 2 3 5; p = .2 .4 .6 .8 → index 1.8 2.6 3.4 4.2 →
 * q = 1, 1.6, 2.4, 3.4 → breaks 2, 2.6, 3.4, 4.4 → bins [1,2) [2,2.6) [2.6,3.4) [3.4,4.4) [4.4,6) →
 * F scores 1 1 2 3 5.
 */
import { RfmError } from "./errors";

export interface RrfmBins {
  /** One score per input value, 1..bins (Recency: 1 is the highest value, i.e. the oldest customer). */
  scores: Uint8Array;
  /** The bin boundaries as R reports them in `threshold`: [min, b_1, ..., b_{bins-1}, max + 1] (bins + 1 numbers;
   *  bin i is [breaks[i-1], breaks[i]) ). Empty when there are no values. */
  breaks: number[];
}

/** R's `quantile(x, probs, type = 7)` for sorted x (ascending, no NaN) at the probabilities R's
 *  `seq(0, 1, length.out = bins + 1)` gives, without the two ends. */
export function rQuantilesType7(sorted: ArrayLike<number>, bins: number): number[] {
  const n = sorted.length;
  const step = 1 / bins; // seq.default: from + (1:(n1 - 1)) * ((to - from) / n1)
  const out: number[] = [];
  for (let k = 1; k < bins; k++) {
    const p = k * step;
    const index = 1 + Math.max(n - 1, 0) * p; // 1-based, as in R
    const lo = Math.floor(index);
    const hi = Math.ceil(index);
    let q = sorted[lo - 1];
    const xHi = sorted[hi - 1];
    if (index > lo && xHi !== q) {
      const h = index - lo;
      q = (1 - h) * q + h * xHi;
    }
    out.push(q);
  }
  return out;
}

/**
 * Scores `values` into 1..bins the way R rfm 0.3.0 does (see the top of this file).
 * @param higherIsBetter false for Recency (the lowest bin, i.e. the most recent customers, scores `bins`),
 *   true for Frequency and Monetary (the lowest bin scores 1).
 */
export function scoreRrfm(values: ArrayLike<number>, bins: number, higherIsBetter: boolean): RrfmBins {
  if (!Number.isInteger(bins) || bins < 2 || bins > 10) {
    throw new RfmError("badOption", `The number of score bins must be a whole number from 2 to 10, found ${bins}.`);
  }
  const n = values.length;
  const scores = new Uint8Array(n);
  if (n === 0) return { scores, breaks: [] };

  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RfmError("badNumber", `R rfm scoring needs finite numbers, found ${String(v)} at position ${i + 1}.`);
    }
    sorted[i] = v;
  }
  sorted.sort(); // typed-array sort is numeric
  const min = sorted[0];
  const max = sorted[n - 1];
  const inner = rQuantilesType7(sorted, bins).map((q) => q + 1);

  // Bin index (0-based) = number of breaks <= v. Breaks are non-decreasing, so stop at the first one above v.
  const nb = inner.length;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let k = 0;
    while (k < nb && v >= inner[k]) k++;
    scores[i] = higherIsBetter ? k + 1 : bins - k;
  }
  return { scores, breaks: [min, ...inner, max + 1] };
}
