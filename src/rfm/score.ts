/**
 * Turning per-customer Recency, Frequency and Monetary into 1..bins scores (a higher score is always better).
 *
 * Methods (ScoringMethod):
 * - `quantile` (default, the textbook pandas recipe): R = qcut(Recency) with labels bins..1 (recent → high),
 *   F = qcut(rank(method="first") of Frequency) (ties by ascending customer id), M = qcut(Monetary).
 * - `rank`: qcut of rank(method="first") for all three (equal values may get different scores; never inverted).
 * - `fixed`: user cut-points, bins - 1 ascending inner points per metric, bins right-closed like pandas.cut:
 *   (-∞, c1], (c1, c2], …, (c_last, ∞). Recency's first bin scores `bins`.
 * - `r-rfm`: R package rfm 0.3.0 (see rBins.ts).
 * Coinciding quantile edges do not fail (pandas would): the empty bins are skipped and a warning names the metric and
 * the edges.
 *
 * Cost: three sorts of n values (plus one index sort per ranked metric); output three Uint8Arrays.
 *
 * Example: recency [1, 10, 100], bins 3 → edges [1, 7, 40, 100] → R = [3, 2, 1].
 */

import { RfmError } from "./errors";
import { binValues, coincidingEdges, quantileEdges } from "./quantiles";
import { rankFirst } from "./rank";
import { scoreRrfm } from "./rBins";
import type { CutPoints, ScoreEdges, ScoringMethod } from "./types";

export type Metric = "recency" | "frequency" | "monetary";

const METRIC_NAMES: Record<Metric, string> = { recency: "Recency", frequency: "Frequency", monetary: "Monetary" };

export interface MetricScores {
  scores: Uint8Array;
  edges: number[];
  warnings: string[];
}

export function checkBins(bins: unknown): number {
  if (typeof bins !== "number" || !Number.isInteger(bins) || bins < 2 || bins > 10) {
    throw new RfmError(
      "badOption",
      `The number of score bins must be a whole number from 2 to 10, found ${String(bins)}.`,
    );
  }
  return bins;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(10)));
}

/**
 * The score of one bin (1 = lowest values): the bin itself, or bins + 1 − bin when a lower value is better
 * (Recency: the most recent customers, in bin 1, score `bins`).
 * @param bin 1..bins
 * @param bins number of bins
 * @param higherIsBetter false for Recency-like metrics
 * @returns the score 1..bins
 * @example scoreOfBin(1, 5, false) // → 5
 */
export function scoreOfBin(bin: number, bins: number, higherIsBetter: boolean): number {
  return higherIsBetter ? bin : bins + 1 - bin;
}

/** Scores from bins, in place: each bin b → scoreOfBin(b, bins, higherIsBetter). Returns `binsOfValues`. */
export function binsToScores(binsOfValues: Uint8Array, bins: number, higherIsBetter: boolean): Uint8Array {
  if (!higherIsBetter) {
    for (let i = 0; i < binsOfValues.length; i++) binsOfValues[i] = scoreOfBin(binsOfValues[i], bins, false);
  }
  return binsOfValues;
}

/** The warning for coinciding edges (or undefined), naming the metric, the edges and the scores nobody got. */
function edgeWarning(
  metric: Metric,
  edges: readonly number[],
  scores: Uint8Array,
  bins: number,
  onRank: boolean,
): string | undefined {
  if (coincidingEdges(edges).length === 0) return undefined;
  const used = new Uint8Array(bins + 1);
  for (let i = 0; i < scores.length; i++) used[scores[i]] = 1;
  const unused: number[] = [];
  for (let s = 1; s <= bins; s++) if (!used[s]) unused.push(s);
  const name = METRIC_NAMES[metric];
  const what = onRank ? `The quantile edges of the rank of ${name}` : `${name} quantile edges`;
  const tail =
    unused.length === 0
      ? ""
      : ` and score${unused.length > 1 ? "s" : ""} ${unused.join(", ")} ${unused.length > 1 ? "are" : "is"} not used`;
  return (
    `${what} coincide (${edges.map(fmt).join(", ")}), so pandas.qcut would refuse them; ` +
    `each value went to the first bin that holds it${tail}.`
  );
}

/** qcut of the values themselves. */
export function scoreQuantile(
  values: ArrayLike<number>,
  bins: number,
  higherIsBetter: boolean,
  metric: Metric = "monetary",
): MetricScores {
  if (values.length === 0) return { scores: new Uint8Array(0), edges: [], warnings: [] };
  const edges = quantileEdges(values, bins);
  const scores = binsToScores(binValues(values, edges), bins, higherIsBetter);
  const w = edgeWarning(metric, edges, scores, bins, false);
  return { scores, edges, warnings: w ? [w] : [] };
}

/**
 * The warning when rank(method="first") gave customers with the same value different scores (pandas' rule: ties are
 * broken by customer order, so which of them gets the higher score depends only on their ids). Undefined when no tie
 * was split.
 */
function splitTieWarning(metric: Metric, values: ArrayLike<number>, scores: Uint8Array): string | undefined {
  const scoreOf = new Map<number, number>();
  const split = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const s = scoreOf.get(v);
    if (s === undefined) scoreOf.set(v, scores[i]);
    else if (s !== scores[i]) split.add(v);
  }
  if (split.size === 0) return undefined;
  let customers = 0;
  for (let i = 0; i < values.length; i++) if (split.has(values[i])) customers++;
  const shown = [...split]
    .sort((a, b) => a - b)
    .slice(0, 3)
    .map(fmt);
  const name = METRIC_NAMES[metric];
  return (
    `${customers} customers share a ${name} value with others but got different scores ` +
    `(${name} ${shown.join(", ")}${split.size > 3 ? ", ..." : ""}): rank scoring breaks ties by customer order, ` +
    `as pandas' rank(method="first") does, so equal customers can land in different segments.`
  );
}

/** qcut of rank(method="first"): ties broken by position (= ascending customer id). */
export function scoreRankFirst(
  values: ArrayLike<number>,
  bins: number,
  higherIsBetter: boolean,
  metric: Metric = "frequency",
): MetricScores {
  if (values.length === 0) return { scores: new Uint8Array(0), edges: [], warnings: [] };
  const ranks = rankFirst(values);
  const edges = quantileEdges(ranks, bins);
  const scores = binsToScores(binValues(ranks, edges), bins, higherIsBetter);
  const warnings: string[] = [];
  const w = edgeWarning(metric, edges, scores, bins, true);
  if (w) warnings.push(w);
  const tie = splitTieWarning(metric, values, scores);
  if (tie) warnings.push(tie);
  return { scores, edges, warnings };
}

/** Validates one metric's cut-points: bins - 1 finite numbers, strictly ascending. */
export function checkCutPoints(cuts: unknown, bins: number, metric: Metric): number[] {
  const name = METRIC_NAMES[metric];
  if (!Array.isArray(cuts)) {
    throw new RfmError(
      "badOption",
      `Fixed scoring needs cut-points for ${name}: ${bins - 1} ascending numbers (for ${bins} bins).`,
    );
  }
  if (cuts.length !== bins - 1) {
    throw new RfmError(
      "badOption",
      `${name} cut-points: expected ${bins - 1} numbers for ${bins} bins, found ${cuts.length} (${cuts.join(", ")}).`,
    );
  }
  for (let i = 0; i < cuts.length; i++) {
    const c: unknown = cuts[i];
    if (typeof c !== "number" || !Number.isFinite(c)) {
      throw new RfmError("badOption", `${name} cut-point ${i + 1} is not a number: ${JSON.stringify(c)}.`);
    }
    if (i > 0 && !(c > cuts[i - 1])) {
      throw new RfmError(
        "badOption",
        `${name} cut-points must be strictly ascending, but ${fmt(cuts[i - 1])} is followed by ${fmt(c)}.`,
      );
    }
  }
  return cuts as number[];
}

/** pandas.cut with user cut-points: bins (-∞, c1], (c1, c2], …, (c_last, ∞). */
export function scoreFixed(
  values: ArrayLike<number>,
  cuts: readonly number[],
  bins: number,
  higherIsBetter: boolean,
  metric: Metric = "monetary",
): MetricScores {
  const inner = checkCutPoints(cuts, bins, metric);
  const edges = [-Infinity, ...inner, Infinity];
  const scores = binsToScores(binValues(values, edges), bins, higherIsBetter);
  return { scores, edges, warnings: [] };
}

export interface MetricValues {
  recency: ArrayLike<number>;
  frequency: ArrayLike<number>;
  monetary: ArrayLike<number>;
}

export interface ScoreOptions {
  scoring?: ScoringMethod;
  bins?: number;
  cutPoints?: CutPoints;
}

export interface Scores {
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
  edges: ScoreEdges;
  warnings: string[];
}

const SCORINGS: ScoringMethod[] = ["quantile", "rank", "fixed", "r-rfm"];

/** Scores all three metrics with one method. Throws badOption for an unknown method, bad bins or bad cut-points. */
export function scoreMetrics(values: MetricValues, options: ScoreOptions = {}): Scores {
  const bins = checkBins(options.bins ?? 5);
  const scoring = options.scoring ?? "quantile";
  if (!SCORINGS.includes(scoring)) {
    throw new RfmError("badOption", `Unknown scoring method "${String(scoring)}"; use one of ${SCORINGS.join(", ")}.`);
  }
  const one = (metric: Metric): MetricScores => {
    const v = values[metric];
    const higher = metric !== "recency";
    switch (scoring) {
      case "quantile":
        return metric === "frequency"
          ? scoreRankFirst(v, bins, higher, metric)
          : scoreQuantile(v, bins, higher, metric);
      case "rank":
        return scoreRankFirst(v, bins, higher, metric);
      case "fixed":
        return scoreFixed(v, options.cutPoints?.[metric] as number[], bins, higher, metric);
      case "r-rfm": {
        const { scores, breaks } = scoreRrfm(v, bins, higher);
        return { scores, edges: breaks, warnings: [] };
      }
    }
  };
  // Validate every metric's cut-points before scoring any, so the first message is about the first bad metric.
  if (scoring === "fixed") {
    for (const metric of ["recency", "frequency", "monetary"] as Metric[]) {
      checkCutPoints(options.cutPoints?.[metric], bins, metric);
    }
  }
  const r = one("recency");
  const f = one("frequency");
  const m = one("monetary");
  return {
    r: r.scores,
    f: f.scores,
    m: m.scores,
    edges: { recency: r.edges, frequency: f.edges, monetary: m.edges },
    warnings: [...r.warnings, ...f.warnings, ...m.warnings],
  };
}
