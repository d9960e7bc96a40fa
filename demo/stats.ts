/**
 * The figures behind Excel's statistical charts, as the demo draws them (charts.ts): a histogram's automatic bins,
 * a box & whisker's quartiles, whiskers and outliers, a treemap's squarified rectangles. Pure functions of plain
 * numbers; nothing here reads the workbook.
 *
 * Example: `histogramBins([1, 2, 2, 3, 9])` gives bins starting at 1, each `3.5·s/n^(1/3)` wide (s the sample
 * standard deviation, here 3.21), labelled "[1, 7.57]" (4 values) and "(7.57, 14.14]" (1 value): the first bin
 * includes its lower edge, the others do not.
 */

export interface Bin {
  /** Lower edge; the first bin includes it, the others do not (Excel's "[a, b]" then "(b, c]"). */
  lo: number;
  /** Upper edge, included. */
  hi: number;
  count: number;
  label: string;
}

/** Sample standard deviation (Excel's STDEV.S); 0 for fewer than two values. */
export function sampleStdDev(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const ss = values.reduce((a, v) => a + (v - mean) * (v - mean), 0);
  return Math.sqrt(ss / (n - 1));
}

/** Scott's normal reference rule, Excel's automatic histogram bin width: 3.5·s/n^(1/3); 0 when s is 0. */
export function scottBinWidth(values: readonly number[]): number {
  if (values.length === 0) return 0;
  return (3.5 * sampleStdDev(values)) / Math.cbrt(values.length);
}

/** A bin edge as Excel's axis shows it: the number rounded to at most two decimals. */
export function edgeText(v: number): string {
  return Number(v.toFixed(2)).toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/** Which bin (0-based) holds `x`, for bins of width `w` from `min`: right-closed, the first also closed left. */
export function binOf(x: number, min: number, w: number, count: number): number {
  let i = Math.min(count - 1, Math.max(0, Math.ceil((x - min) / w) - 1));
  // Floating-point edges: settle values that sit on an edge on the side Excel puts them (the lower bin).
  while (i > 0 && x <= min + i * w) i--;
  while (i < count - 1 && x > min + (i + 1) * w) i++;
  return i;
}

/**
 * Excel's automatic histogram bins over `values`: width by Scott's rule, starting at the smallest value, as many as
 * it takes to reach the largest; one bin [min, max] when all values are equal. Empty for no values.
 */
export function histogramBins(values: readonly number[]): Bin[] {
  if (values.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const w = scottBinWidth(values);
  const count = w > 0 && max > min ? Math.max(1, Math.ceil((max - min) / w)) : 1;
  const width = w > 0 && max > min ? w : max - min;
  const bins: Bin[] = Array.from({ length: count }, (_, i) => {
    const lo = min + i * width;
    const hi = i === count - 1 ? Math.max(max, lo + width) : lo + width;
    return { lo, hi, count: 0, label: `${i === 0 ? "[" : "("}${edgeText(lo)}, ${edgeText(hi)}]` };
  });
  for (const v of values) bins[width > 0 ? binOf(v, min, width, count) : 0].count++;
  return bins;
}

export interface BoxStats {
  n: number;
  q1: number;
  median: number;
  q3: number;
  mean: number;
  /** Whisker ends: the furthest values within 1.5 × IQR of the box. */
  low: number;
  high: number;
  /** Values beyond the whiskers, ascending. */
  outliers: number[];
}

/**
 * Excel's exclusive quartile (QUARTILE.EXC; the box & whisker chart's default "exclusive median"): the value at
 * rank q·(n+1) of the sorted values, interpolated; ranks outside 1..n are clamped to the ends, where QUARTILE.EXC
 * itself would give #NUM! (fewer than 3 values for the outer quartiles).
 */
export function quartileExc(sorted: readonly number[], q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = Math.min(n, Math.max(1, q * (n + 1)));
  const k = Math.floor(h);
  const lo = sorted[k - 1];
  return k >= n ? lo : lo + (h - k) * (sorted[k] - lo);
}

/** Box & whisker figures for `values` (order does not matter); null for no values. */
export function boxStats(values: readonly number[]): BoxStats | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const q1 = quartileExc(sorted, 0.25);
  const q3 = quartileExc(sorted, 0.75);
  const reach = 1.5 * (q3 - q1);
  const inside = sorted.filter((v) => v >= q1 - reach && v <= q3 + reach);
  return {
    n: sorted.length,
    q1,
    median: quartileExc(sorted, 0.5),
    q3,
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    low: inside.length ? inside[0] : q1,
    high: inside.length ? inside[inside.length - 1] : q3,
    outliers: sorted.filter((v) => v < q1 - reach || v > q3 + reach),
  };
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The worst aspect ratio of a row of areas laid along a side of length `side` (Bruls et al., "squarified"). */
function worst(row: readonly number[], side: number): number {
  const sum = row.reduce((a, b) => a + b, 0);
  const max = Math.max(...row);
  const min = Math.min(...row);
  return Math.max((side * side * max) / (sum * sum), (sum * sum) / (side * side * min));
}

/** Lays one row of areas along the shorter side of `box`; returns their rectangles and the box that is left. */
function layRow(row: readonly number[], box: Rect): { rects: Rect[]; rest: Rect } {
  const sum = row.reduce((a, b) => a + b, 0);
  const rects: Rect[] = [];
  if (box.w >= box.h) {
    const w = sum / box.h;
    let y = box.y;
    for (const a of row) {
      rects.push({ x: box.x, y, w, h: a / w });
      y += a / w;
    }
    return { rects, rest: { x: box.x + w, y: box.y, w: box.w - w, h: box.h } };
  }
  const h = sum / box.w;
  let x = box.x;
  for (const a of row) {
    rects.push({ x, y: box.y, w: a / h, h });
    x += a / h;
  }
  return { rects, rest: { x: box.x, y: box.y + h, w: box.w, h: box.h - h } };
}

/**
 * Squarified treemap of `values` in `box`: rectangles whose areas are proportional to the values and fill the box,
 * largest first from the top left, as near to squares as the greedy rule gets. Returned in the order of `values`;
 * values that are not positive get no area (null), as Excel leaves them out.
 */
export function squarify(values: readonly number[], box: Rect): (Rect | null)[] {
  const order = values
    .map((v, i) => ({ v, i }))
    .filter((p) => Number.isFinite(p.v) && p.v > 0)
    .sort((a, b) => b.v - a.v || a.i - b.i);
  const total = order.reduce((a, p) => a + p.v, 0);
  const out: (Rect | null)[] = values.map(() => null);
  if (total <= 0 || box.w <= 0 || box.h <= 0) return out;
  const areas = order.map((p) => (p.v / total) * box.w * box.h);
  let rest = box;
  let row: number[] = [];
  let start = 0;
  for (let k = 0; k < areas.length; k++) {
    const side = Math.min(rest.w, rest.h);
    const next = [...row, areas[k]];
    if (row.length === 0 || worst(next, side) <= worst(row, side)) {
      row = next;
      continue;
    }
    const laid = layRow(row, rest);
    laid.rects.forEach((r, j) => (out[order[start + j].i] = r));
    start += row.length;
    rest = laid.rest;
    row = [areas[k]];
  }
  if (row.length) layRow(row, rest).rects.forEach((r, j) => (out[order[start + j].i] = r));
  return out;
}
