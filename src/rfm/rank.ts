/**
 * `pandas.Series.rank(method="first")`: ranks 1..n by ascending value, equal values ranked in the order they appear.
 *
 * The engine's customers are in ascending id order (numeric ids numerically), which is the order pandas'
 * `groupby("CustomerID")` produces; so "ties in order of appearance" means ties broken by ascending customer id,
 * as the textbook recipe does for Frequency.
 *
 * Cost: one index sort (n log n) on a Uint32Array; the result is a Float64Array (pandas ranks are floats).
 *
 * Example: rankFirst([3, 1, 3, 2]) → [3, 1, 4, 2].
 */

export function rankFirst(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Stable by construction: equal values compare by position.
  order.sort((a, b) => values[a] - values[b] || a - b);
  const ranks = new Float64Array(n);
  for (let k = 0; k < n; k++) ranks[order[k]] = k + 1;
  return ranks;
}
