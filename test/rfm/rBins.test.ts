/**
 * R rfm 0.3.0 binning. Expected values come from two independent places:
 * - hand computations written out below (quantile by hand, breaks = q + 1, left-closed bins);
 * - test/fixtures/schemes/rbins-r-reference.json: scores and breaks computed by R 4.2.2 itself (stats::quantile
 *   and the package's scoring loop re-typed in base R), including cases where R's arithmetic and numpy's differ.
 */
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { rQuantilesType7, scoreRrfm } from "../../src/rfm/rBins";
import { RfmError } from "../../src/rfm/errors";

interface RefCase {
  name: string;
  bins: number;
  higherIsBetter: boolean;
  values: number[];
  rScores: number[];
  rBreaks: number[];
}
const reference = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, "../fixtures/schemes/rbins-r-reference.json"), "utf8"),
) as { cases: RefCase[] };

describe("scoreRrfm: hand-computed examples", () => {
  test("frequencies 1 1 2 3 5: q = 1, 1.6, 2.4, 3.4 → breaks 2, 2.6, 3.4, 4.4", () => {
    // sorted 1 1 2 3 5, n = 5: index 1 + 4p = 1.8, 2.6, 3.4, 4.2
    // q1 = x1 + .8 (x2 - x1) = 1; q2 = 1 + .6 (2 - 1) = 1.6; q3 = 2 + .4 (3 - 2) = 2.4; q4 = 3 + .2 (5 - 3) = 3.4
    const { scores, breaks } = scoreRrfm([1, 1, 2, 3, 5], 5, true);
    expect(Array.from(scores)).toEqual([1, 1, 2, 3, 5]);
    expect(breaks).toHaveLength(6);
    expect(breaks[0]).toBe(1);
    expect(breaks[1]).toBe(2);
    expect(breaks[2]).toBeCloseTo(2.6, 12);
    expect(breaks[3]).toBeCloseTo(3.4, 12);
    expect(breaks[4]).toBeCloseTo(4.4, 12);
    expect(breaks[5]).toBe(6);
  });

  test("recency reverses: the lowest bin (most recent) scores 5", () => {
    // recency days 0, 10, 20, 30, 40 → q = 8, 16, 24, 32 → breaks 9, 17, 25, 33 (R, too, computes the third as
    // 0.6 * 20 + 0.4 * 30 = 24.000000000000004, so compare rounded)
    const { scores, breaks } = scoreRrfm([40, 0, 20, 10, 30], 5, false);
    expect(breaks.map((b) => Math.round(b * 1e9) / 1e9)).toEqual([0, 9, 17, 25, 33, 41]);
    expect(Array.from(scores)).toEqual([1, 5, 3, 4, 2]);
  });

  test("a value equal to a break goes to the higher bin (left-closed)", () => {
    // 1..11: q at .2 = x3 = 3 exactly (index 3) → break 4; the value 4 is in [4, b2)
    const values = Array.from({ length: 11 }, (_, i) => i + 1);
    const { scores, breaks } = scoreRrfm(values, 5, true);
    expect(breaks[1]).toBe(4);
    expect(scores[3]).toBe(2); // value 4
    expect(scores[2]).toBe(1); // value 3
    // q = 3, 5, 7, 9 → breaks 4, 6, 8, 10: 1-3 → 1, 4-5 → 2, 6-7 → 3, 8-9 → 4, 10-11 → 5
    expect(Array.from(scores)).toEqual([1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  test("integer data with a fractional quantile: v is in the higher bin iff v >= q + 1", () => {
    // 1 1 2 2 3 3 4 5 6 7, n = 10: index 1 + 9p = 2.8, 4.6, 6.4, 8.2
    // q1 = 1 + .8 (2 - 1) = 1.8, q2 = 2 + .6 (3 - 2) = 2.6, q3 = 3 + .4 (4 - 3) = 3.4, q4 = 5 + .2 (6 - 5) = 5.2
    // breaks 2.8, 3.6, 4.4, 6.2 → 1, 2 → 1; 3 → 2; 4 → 3; 5, 6 → 4; 7 → 5
    const { scores, breaks } = scoreRrfm([1, 1, 2, 2, 3, 3, 4, 5, 6, 7], 5, true);
    expect(breaks.slice(1, 5).map((b) => Math.round(b * 1e9) / 1e9)).toEqual([2.8, 3.6, 4.4, 6.2]);
    expect(Array.from(scores)).toEqual([1, 1, 1, 1, 2, 2, 3, 4, 4, 5]);
  });

  test("all values tied: every break is min + 1, so everyone is in the lowest bin", () => {
    const f = scoreRrfm([3, 3, 3, 3, 3], 5, true);
    expect(f.breaks).toEqual([3, 4, 4, 4, 4, 4]);
    expect(Array.from(f.scores)).toEqual([1, 1, 1, 1, 1]);
    const r = scoreRrfm([12, 12, 12], 5, false);
    expect(Array.from(r.scores)).toEqual([5, 5, 5]);
  });

  test("coinciding breaks leave empty bins: scores jump", () => {
    // seven 1s, then 2, 3, 9 (n = 10): index 2.8, 4.6, 6.4 fall in the 1s → q1..q3 = 1; q4: index 8.2 → 2 + .2 = 2.2
    // breaks 2, 2, 2, 3.2 → value 1 → 1; values 2, 3 → 4 (bins 2 and 3 are empty [2, 2)); 9 → 5
    const { scores, breaks } = scoreRrfm([1, 1, 1, 1, 1, 1, 1, 2, 3, 9], 5, true);
    expect(breaks.slice(0, 4)).toEqual([1, 2, 2, 2]);
    expect(breaks[4]).toBeCloseTo(3.2, 12);
    expect(Array.from(scores)).toEqual([1, 1, 1, 1, 1, 1, 1, 4, 4, 5]);
  });

  test("a break can equal max + 1 (q = max): the top bin is then empty", () => {
    // 1 1 5 5 5: index 1.8 → 1 + .8 (1 - 1) = 1; 2.6 → 1 + .6 (5 - 1) = 3.4; 3.4 → 5; 4.2 → 5
    // breaks 2, 4.4, 6, 6 with max + 1 = 6: bins 4 and 5 are [6, 6), empty; the 5s land in bin 3 ([4.4, 6)).
    const { scores, breaks } = scoreRrfm([1, 1, 5, 5, 5], 5, true);
    expect(breaks[0]).toBe(1);
    expect(breaks[1]).toBe(2);
    expect(breaks[2]).toBeCloseTo(4.4, 12);
    expect(breaks.slice(3)).toEqual([6, 6, 6]);
    expect(Array.from(scores)).toEqual([1, 1, 3, 3, 3]);
  });

  test("small n: one value, two values", () => {
    expect(Array.from(scoreRrfm([42], 5, true).scores)).toEqual([1]);
    expect(scoreRrfm([42], 5, true).breaks).toEqual([42, 43, 43, 43, 43, 43]);
    // 1, 2: q = 1.2, 1.4, 1.6, 1.8 → breaks 2.2 .. 2.8 → both values in bin 1
    expect(Array.from(scoreRrfm([1, 2], 5, true).scores)).toEqual([1, 1]);
    // 3, 900 days: q = 182.4 ... → 3 in bin 1 (R = 5), 900 in bin 5 (R = 1)
    expect(Array.from(scoreRrfm([3, 900], 5, false).scores)).toEqual([5, 1]);
    expect(scoreRrfm([], 5, true)).toEqual({ scores: new Uint8Array(0), breaks: [] });
  });

  test("R's probabilities are k * (1/5): 3/5 is 0.6000000000000001", () => {
    // With six values, index = 1 + 5 * 0.6000000000000001 rounds to exactly 4: no interpolation.
    expect(rQuantilesType7([10, 20, 30, 40, 50, 60], 5)).toEqual([20, 30, 40, 50]);
  });

  test("bad input is refused with a clear message", () => {
    expect(() => scoreRrfm([1, 2], 1, true)).toThrow(/whole number from 2 to 10, found 1/);
    expect(() => scoreRrfm([1, NaN], 5, true)).toThrow(RfmError);
    expect(() => scoreRrfm([1, NaN], 5, true)).toThrow(/finite numbers, found NaN at position 2/);
  });
});

describe("scoreRrfm against R 4.2.2", () => {
  test.each(reference.cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const { scores, breaks } = scoreRrfm(c.values, c.bins, c.higherIsBetter);
    expect(Array.from(scores)).toEqual(c.rScores);
    expect(breaks).toEqual(c.rBreaks); // exact doubles
  });

  test("the reference covers the cases where R's and numpy's arithmetic disagree", () => {
    const names = reference.cases.map((c) => c.name);
    expect(names).toContain("value equal to a break (R formula vs numpy lerp differ)");
    const c = reference.cases.find((x) => x.name.startsWith("value equal to a break (R"))!;
    // 13.41 sits on q1 + 1 = (0.2 * 11.81 + 0.8 * 12.56) + 1; R's rounding puts the break just above it.
    expect(c.rScores[3]).toBe(1);
  });
});

describe("scoreRrfm properties", () => {
  test("scores are in 1..bins, monotone in the value, and equal values share a score", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 100000 }), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 2, max: 10 }),
        fc.boolean(),
        (ints, bins, higher) => {
          const values = ints.map((v) => v / 100);
          const { scores, breaks } = scoreRrfm(values, bins, higher);
          expect(breaks).toHaveLength(bins + 1);
          for (let i = 0; i < values.length; i++) {
            expect(scores[i]).toBeGreaterThanOrEqual(1);
            expect(scores[i]).toBeLessThanOrEqual(bins);
            for (let j = 0; j < values.length; j++) {
              if (values[i] === values[j]) expect(scores[i]).toBe(scores[j]);
              if (values[i] < values[j]) {
                if (higher) expect(scores[i]).toBeLessThanOrEqual(scores[j]);
                else expect(scores[i]).toBeGreaterThanOrEqual(scores[j]);
              }
            }
            // the score is 1 + the number of inner breaks <= value (reversed for recency)
            const below = breaks.slice(1, bins).filter((b) => values[i] >= b).length;
            expect(scores[i]).toBe(higher ? below + 1 : bins - below);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
