import { rankFirst } from "../../src/rfm/rank";

describe("rank(method='first')", () => {
  test("ties ranked in order of position", () => {
    expect(Array.from(rankFirst([3, 1, 3, 2]))).toEqual([3, 1, 4, 2]);
    expect(Array.from(rankFirst([2, 1, 2, 1, 5]))).toEqual([3, 1, 4, 2, 5]);
  });
  test("all equal: ranks follow position", () => {
    expect(Array.from(rankFirst([7, 7, 7]))).toEqual([1, 2, 3]);
  });
  test("empty", () => {
    expect(rankFirst([]).length).toBe(0);
  });
});
