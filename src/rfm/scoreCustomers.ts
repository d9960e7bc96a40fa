/**
 * `scoreCustomers`: per-customer metrics → scores, RFM codes, segments and the per-segment summary; the end of the
 * pipeline (analysis.ts), after the rows are folded into per-customer Recency, Frequency and Monetary.
 */
import { compileSegments, type CompiledSegments } from "./schemes";
import { scoreMetrics } from "./score";
import { summarizeSegments } from "./summary";
import type { CustomerResult, CutPoints, Scheme, ScoreEdges, ScoringMethod, SegmentSummary } from "./types";

/** The RFM code: "545", or "10-4-5" style when bins = 10 (two-digit scores). */
export function rfmCode(r: number, f: number, m: number, bins: number): string {
  return bins >= 10 ? `${r}-${f}-${m}` : `${r}${f}${m}`;
}

/** What `scoreCustomers` needs per customer, in customer order (computeMetrics' output has it). */
export interface CustomerValues {
  ids: readonly string[];
  firstPurchase: ArrayLike<number>;
  lastPurchase: ArrayLike<number>;
  recency: Float64Array;
  frequency: Float64Array;
  monetary: Float64Array;
  /** Country of the latest purchase, when a country column was mapped. */
  country?: readonly string[];
}

export interface ScoreCustomersOptions {
  scheme: Scheme;
  scoring: ScoringMethod;
  bins: number;
  cutPoints?: CutPoints;
  /** `compileSegments(scheme, bins)` when the caller compiled it already (to fail on a bad scheme before reading). */
  compiled?: CompiledSegments;
}

/** The scored part of an RfmResult. `warnings` are the scoring's only (coinciding quantile edges). */
export interface ScoredCustomers {
  customers: CustomerResult[];
  segments: SegmentSummary[];
  edges: ScoreEdges;
  warnings: string[];
  totalRevenue: number;
}

/**
 * Per-customer metrics → scores, RFM codes, segments and the per-segment summary: the end of every analysis.
 * Cost: three sorts of the customers (scoring), then one pass; one CustomerResult object per customer.
 */
export function scoreCustomers(metrics: CustomerValues, options: ScoreCustomersOptions): ScoredCustomers {
  const b = options.bins;
  const segmentsOf = options.compiled ?? compileSegments(options.scheme, b);
  const scores = scoreMetrics(
    { recency: metrics.recency, frequency: metrics.frequency, monetary: metrics.monetary },
    { scoring: options.scoring, bins: b, cutPoints: options.cutPoints },
  );

  const N = metrics.ids.length;
  const segment = new Uint16Array(N);
  const customers: CustomerResult[] = new Array<CustomerResult>(N);
  const table3 = segmentsOf.table;
  let totalRevenue = 0;
  for (let k = 0; k < N; k++) {
    const r = scores.r[k];
    const f = scores.f[k];
    const m = scores.m[k];
    const s = table3[((r - 1) * b + (f - 1)) * b + (m - 1)];
    segment[k] = s;
    totalRevenue += metrics.monetary[k];
    const c: CustomerResult = {
      id: metrics.ids[k],
      firstPurchase: metrics.firstPurchase[k],
      lastPurchase: metrics.lastPurchase[k],
      recency: metrics.recency[k],
      frequency: metrics.frequency[k],
      monetary: metrics.monetary[k],
      r,
      f,
      m,
      rfm: rfmCode(r, f, m, b),
      score: r + f + m,
      segment: segmentsOf.labels[s],
    };
    if (metrics.country) c.country = metrics.country[k];
    customers[k] = c;
  }

  const segments = summarizeSegments(options.scheme, segmentsOf.labels, {
    segment,
    recency: metrics.recency,
    frequency: metrics.frequency,
    monetary: metrics.monetary,
  });
  return { customers, segments, edges: scores.edges, warnings: scores.warnings, totalRevenue };
}
