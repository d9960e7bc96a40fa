import {
  binOf,
  binValues,
  coincidingEdges,
  lerp,
  percentileSorted,
  qcutProbabilities,
  quantileEdges,
} from "../../src/rfm/quantiles";

/*
 * Expected edges derived by hand with numpy's "linear" rule: index = (n - 1) × p, lo = floor(index), t = index - lo,
 * value = a + (b - a) t for t < 0.5, b - (b - a)(1 - t) otherwise. The inexact ones (3.4000000000000004,
 * 23.200000000000017) were checked with a short Python script that repeats those float steps.
 */
describe("numpy linear percentile", () => {
  test("qcut probabilities are k × (1/bins), last exactly 1", () => {
    expect(qcutProbabilities(5)).toEqual([0, 0.2, 0.4, 0.6000000000000001, 0.8, 1]);
    expect(qcutProbabilities(2)).toEqual([0, 0.5, 1]);
  });
  test("lerp is exact at both ends and symmetric around t = 0.5", () => {
    expect(lerp(1, 2, 0)).toBe(1);
    expect(lerp(1, 2, 1)).toBe(2);
    expect(lerp(2, 3, 0.6)).toBe(2.6); // 3 - 1 × 0.4
    expect(lerp(5, 5, 0.3)).toBe(5);
  });
  test("percentiles of 1,2,3,4,100", () => {
    const s = [1, 2, 3, 4, 100];
    expect(percentileSorted(s, 0)).toBe(1);
    expect(percentileSorted(s, 0.2)).toBe(1.8); // index 0.8: 2 - 1 × 0.2
    expect(percentileSorted(s, 0.5)).toBe(3); // index 2
    expect(percentileSorted(s, 1)).toBe(100);
    expect(quantileEdges([100, 4, 3, 2, 1], 5)).toEqual([1, 1.8, 2.6, 3.4000000000000004, 23.200000000000017, 100]);
  });
  test("one value and no value", () => {
    expect(quantileEdges([7], 3)).toEqual([7, 7, 7, 7]);
    expect(percentileSorted([], 0.5)).toBeNaN();
  });
});

describe("pandas.cut bins (right-closed, lowest included)", () => {
  const edges = [1, 1.8, 2.6, 3.4, 23.2, 100];
  test("values on an edge go to the bin that edge closes", () => {
    expect(binOf(1, edges)).toBe(1); // lowest edge included
    expect(binOf(1.8, edges)).toBe(1);
    expect(binOf(1.81, edges)).toBe(2);
    expect(binOf(100, edges)).toBe(5);
    expect(Array.from(binValues([1, 2, 3, 4, 100], edges))).toEqual([1, 2, 3, 4, 5]);
  });
  test("values outside the edges get 0", () => {
    expect(binOf(0.5, edges)).toBe(0);
    expect(binOf(101, edges)).toBe(0);
    expect(binOf(NaN, edges)).toBe(0);
  });
  test("coinciding edges: the first bin whose right edge holds the value", () => {
    const e = [0, 1, 1, 1, 5, 9];
    expect(coincidingEdges(e)).toEqual([2, 3]);
    expect(binOf(0, e)).toBe(1);
    expect(binOf(1, e)).toBe(1);
    expect(binOf(1.5, e)).toBe(4);
    expect(binOf(5, e)).toBe(4);
    expect(binOf(9, e)).toBe(5);
    expect(binOf(5, [5, 5, 5, 5, 5, 10])).toBe(1);
  });
});
