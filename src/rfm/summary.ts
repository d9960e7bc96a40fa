/**
 * The per-segment summary: how many customers each segment holds, their share, the revenue they bring and their
 * mean Recency / Frequency / Monetary values.
 *
 * Order: the scheme's labels in rule order (rules sharing a label count as one segment), the fallback last; only
 * segments with at least one customer are listed. Shares are fractions 0..1 (revenue share 0 when the total is 0).
 *
 * Cost: one pass over the customers; arrays of one entry per label.
 *
 * Example: labels [champions, Others], segment indexes [0, 0, 1], monetary [10, 20, 70] →
 *   champions: 2 customers (0.667), revenue 30 (0.3); Others: 1 customer, revenue 70 (0.7).
 */

import { segmentInfo } from "./schemes";
import type { Scheme, SegmentSummary } from "./types";

export interface SummaryInput {
  /** Per customer, the index into `labels` of its segment. */
  segment: ArrayLike<number>;
  recency: ArrayLike<number>;
  frequency: ArrayLike<number>;
  monetary: ArrayLike<number>;
}

export function summarizeSegments(scheme: Scheme, labels: readonly string[], input: SummaryInput): SegmentSummary[] {
  const L = labels.length;
  const count = new Float64Array(L);
  const revenue = new Float64Array(L);
  const sumR = new Float64Array(L);
  const sumF = new Float64Array(L);
  const n = input.segment.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const s = input.segment[i];
    count[s]++;
    revenue[s] += input.monetary[i];
    sumR[s] += input.recency[i];
    sumF[s] += input.frequency[i];
    total += input.monetary[i];
  }
  const out: SegmentSummary[] = [];
  for (let s = 0; s < L; s++) {
    if (count[s] === 0) continue;
    const info = segmentInfo(scheme, labels[s]);
    out.push({
      label: labels[s],
      name: info?.name ?? labels[s],
      description: info?.description ?? "",
      action: info?.action ?? "",
      customers: count[s],
      customerShare: count[s] / n,
      revenue: revenue[s],
      revenueShare: total === 0 ? 0 : revenue[s] / total,
      meanRecency: sumR[s] / count[s],
      meanFrequency: sumF[s] / count[s],
      meanMonetary: revenue[s] / count[s],
    });
  }
  return out;
}
