import { RfmError } from "../../src/rfm/errors";
import {
  binsToScores,
  checkBins,
  scoreFixed,
  scoreMetrics,
  scoreOfBin,
  scoreQuantile,
  scoreRankFirst,
} from "../../src/rfm/score";

const arr = (a: ArrayLike<number>): number[] => Array.from(a);

describe("quantile scoring", () => {
  test("Recency: low recency scores high (edges 1, 7, 40, 100 for 3 bins)", () => {
    // n = 3: index (n-1)/3 = 0.667 → 10 - 9 × 0.333 ≈ 7; 1.333 → 10 + 90 × 0.333 ≈ 40.
    const s = scoreQuantile([1, 10, 100], 3, false, "recency");
    expect(s.edges[0]).toBe(1);
    expect(s.edges[1]).toBeCloseTo(7, 10);
    expect(s.edges[2]).toBeCloseTo(40, 10);
    expect(arr(s.scores)).toEqual([3, 2, 1]);
    expect(s.warnings).toEqual([]);
  });
  test("Monetary ties: coinciding edges merge bins and warn", () => {
    // sorted 5 5 5 5 5 5 10: indexes 1.2, 2.4, 3.6, 4.8 all fall between two 5s → edges 5 5 5 5 5 10.
    const s = scoreQuantile([5, 5, 10, 5, 5, 5, 5], 5, true, "monetary");
    expect(s.edges).toEqual([5, 5, 5, 5, 5, 10]);
    expect(arr(s.scores)).toEqual([1, 1, 5, 1, 1, 1, 1]);
    expect(s.warnings).toEqual([
      "Monetary quantile edges coincide (5, 5, 5, 5, 5, 10), so pandas.qcut would refuse them; each value went to " +
        "the first bin that holds it and scores 2, 3, 4 are not used.",
    ]);
  });
  test("all values equal: everyone in the lowest bin (R: the top score)", () => {
    const s = scoreQuantile([3, 3, 3], 5, false, "recency");
    expect(arr(s.scores)).toEqual([5, 5, 5]);
    expect(s.warnings[0]).toMatch(/^Recency quantile edges coincide \(3, 3, 3, 3, 3, 3\)/);
  });
  test("Frequency via rank(method='first'): ties by position", () => {
    // ranks [3, 1, 4, 2, 5]; edges of 1..5 are 1, 1.8, 2.6, 3.4, 4.2, 5 → bins = ranks.
    const s = scoreRankFirst([2, 1, 2, 1, 5], 5, true, "frequency");
    expect(arr(s.scores)).toEqual([3, 1, 4, 2, 5]);
    expect(s.edges).toEqual([1, 1.8, 2.6, 3.4000000000000004, 4.2, 5]);
  });
  test("fewer customers than bins: rank edges coincide and warn", () => {
    const s = scoreRankFirst([1, 1], 5, true, "frequency");
    // ranks 1, 2: edges 1, 1.2, 1.4, 1.6, 1.8, 2 → no coincidence; ranks land in bins 1 and 5.
    expect(arr(s.scores)).toEqual([1, 5]);
    expect(scoreRankFirst([4], 3, true, "frequency").warnings[0]).toMatch(
      /^The quantile edges of the rank of Frequency coincide \(1, 1, 1, 1\)/,
    );
  });
});

describe("bins to scores", () => {
  test("lower is better counts the bins down (bin 1 of 5 scores 5); higher is better keeps them", () => {
    expect([1, 2, 3, 4, 5].map((b) => scoreOfBin(b, 5, false))).toEqual([5, 4, 3, 2, 1]);
    expect([1, 2, 3].map((b) => scoreOfBin(b, 3, true))).toEqual([1, 2, 3]);
    expect(arr(binsToScores(Uint8Array.from([1, 2, 10]), 10, false))).toEqual([10, 9, 1]);
    expect(arr(binsToScores(Uint8Array.from([1, 2, 10]), 10, true))).toEqual([1, 2, 10]);
  });
});

describe("fixed cut-points", () => {
  test("right-closed bins; Recency reversed", () => {
    expect(arr(scoreFixed([5, 10, 15, 20, 25], [10, 20], 3, true).scores)).toEqual([1, 1, 2, 2, 3]);
    expect(arr(scoreFixed([5, 10, 15, 20, 25], [10, 20], 3, false, "recency").scores)).toEqual([3, 3, 2, 2, 1]);
    expect(scoreFixed([1], [10, 20], 3, true).edges).toEqual([-Infinity, 10, 20, Infinity]);
  });
  test("validation names the metric and the problem", () => {
    expect(() => scoreFixed([1], [10], 3, true, "monetary")).toThrow(
      "Monetary cut-points: expected 2 numbers for 3 bins, found 1 (10).",
    );
    expect(() => scoreFixed([1], [20, 10], 3, true, "frequency")).toThrow(
      "Frequency cut-points must be strictly ascending, but 20 is followed by 10.",
    );
    expect(() => scoreFixed([1], [10, 10], 3, true, "frequency")).toThrow(/strictly ascending/);
    expect(() => scoreFixed([1], [10, NaN], 3, true, "recency")).toThrow("Recency cut-point 2 is not a number: null.");
    expect(() => scoreMetrics({ recency: [1], frequency: [1], monetary: [1] }, { scoring: "fixed", bins: 3 })).toThrow(
      "Fixed scoring needs cut-points for Recency: 2 ascending numbers (for 3 bins).",
    );
  });
});

describe("scoreMetrics", () => {
  const values = { recency: [1, 10, 100, 50], frequency: [1, 3, 1, 2], monetary: [10, 400, 20, 100] };
  test("bins must be 2..10", () => {
    for (const b of [1, 11, 2.5, NaN]) {
      expect(() => scoreMetrics(values, { bins: b })).toThrow(RfmError);
    }
    expect(checkBins(10)).toBe(10);
    expect(() => checkBins(1)).toThrow("The number of score bins must be a whole number from 2 to 10, found 1.");
  });
  test("unknown method", () => {
    expect(() => scoreMetrics(values, { scoring: "median" as never })).toThrow(/Unknown scoring method "median"/);
  });
  test("default quantile: R on values, F on rank, M on values (2 bins)", () => {
    // R: sorted 1 10 50 100, median index 1.5 → 10 + 40 × 0.5 = 30: 1,10 → bin 1 (R 2); 100, 50 → bin 2 (R 1).
    // F ranks: [1, 4, 2, 3] (the two 1s by position) → median of 1..4 = 2.5 → [1, 2, 1, 2].
    // M: sorted 10 20 100 400 → 60 → [1, 2, 1, 2].
    const s = scoreMetrics(values, { bins: 2 });
    expect(arr(s.r)).toEqual([2, 2, 1, 1]);
    expect(arr(s.f)).toEqual([1, 2, 1, 2]);
    expect(arr(s.m)).toEqual([1, 2, 1, 2]);
    expect(s.edges.recency).toEqual([1, 30, 100]);
    expect(s.edges.frequency).toEqual([1, 2.5, 4]);
    expect(s.edges.monetary).toEqual([10, 60, 400]);
  });
  test("rank method ranks all three", () => {
    const s = scoreMetrics(
      { recency: [5, 5, 5, 5], frequency: [1, 1, 1, 1], monetary: [2, 2, 2, 2] },
      { scoring: "rank", bins: 2 },
    );
    expect(arr(s.r)).toEqual([2, 2, 1, 1]);
    expect(arr(s.m)).toEqual([1, 1, 2, 2]);
    // Equal customers split by id order: each metric says so.
    expect(s.warnings).toHaveLength(3);
    expect(s.warnings[1]).toBe(
      "4 customers share a Frequency value with others but got different scores (Frequency 1): rank scoring " +
        'breaks ties by customer order, as pandas\' rank(method="first") does, so equal customers can land in ' +
        "different segments.",
    );
  });
  test("rank scoring that splits no tie does not warn", () => {
    const s = scoreMetrics(
      { recency: [1, 2, 3, 4], frequency: [1, 1, 2, 2], monetary: [1, 2, 3, 4] },
      { scoring: "rank", bins: 2 },
    );
    expect(s.warnings).toEqual([]);
  });
  test("r-rfm delegates to the R rfm bins", () => {
    // From rBins.ts's worked example: frequencies 1 1 2 3 5 → breaks 2, 2.6, 3.4, 4.4 → 1 1 2 3 5.
    const s = scoreMetrics(
      { recency: [1, 1, 2, 3, 5], frequency: [1, 1, 2, 3, 5], monetary: [1, 1, 2, 3, 5] },
      { scoring: "r-rfm" },
    );
    expect(arr(s.f)).toEqual([1, 1, 2, 3, 5]);
    expect(arr(s.r)).toEqual([5, 5, 4, 3, 1]);
  });
});
