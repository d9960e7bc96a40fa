import {
  FailedCell,
  column,
  commonShape,
  isOmitted,
  optionalBoolean,
  optionalInteger,
  readScore,
  sameLength,
  scalar,
  toMatrix,
  cellName,
} from "../../src/functions/args";
import { RfmError } from "../../src/rfm";
import { thrownBy } from "../helpers/errors";

function messageOf(fn: () => unknown): string {
  return thrownBy(fn, RfmError).message;
}

describe("omitted and blank arguments", () => {
  test("null, undefined, an empty string and a 1×1 empty range count as omitted", () => {
    expect(isOmitted(null)).toBe(true);
    expect(isOmitted(undefined)).toBe(true);
    expect(isOmitted("")).toBe(true);
    expect(isOmitted([[""]])).toBe(true);
    expect(isOmitted([[null]])).toBe(true);
  });
  test("a value, a zero, FALSE and a larger range are given arguments", () => {
    expect(isOmitted(0)).toBe(false);
    expect(isOmitted(false)).toBe(false);
    expect(isOmitted([["rf10"]])).toBe(false);
    expect(isOmitted([[""], [""]])).toBe(false);
  });
});

describe("toMatrix", () => {
  test("a scalar becomes 1×1 and a 1-D array one row", () => {
    expect(toMatrix(5, "r")).toEqual([[5]]);
    expect(toMatrix([1, 2], "r")).toEqual([[1, 2]]);
  });
  test("ragged and empty ranges are rejected by name", () => {
    expect(messageOf(() => toMatrix([[1, 2], [3]], "f"))).toMatch(/f is not a rectangular range \(row 2/);
    expect(messageOf(() => toMatrix([], "m"))).toMatch(/m is an empty range/);
    expect(messageOf(() => toMatrix([[]], "m"))).toMatch(/m is an empty range/);
  });
});

describe("column", () => {
  test("an N×1 range flattens in order, keeping empty cells", () => {
    expect(column([[12346], [""], [null], ["12347"]], "customers")).toEqual([12346, "", null, "12347"]);
  });
  test("a 1×N range flattens too", () => {
    expect(column([[1, 2, 3]], "customers")).toEqual([1, 2, 3]);
  });
  test("a 1×1 argument is one cell", () => {
    expect(column("x", "invoices")).toEqual(["x"]);
  });
  test("a 2-D block is rejected with its size", () => {
    expect(
      messageOf(() =>
        column(
          [
            [1, 2],
            [3, 4],
          ],
          "customers",
        ),
      ),
    ).toBe("customers must be a single column or a single row of cells; got a range of 2 rows × 2 columns.");
  });
  test("an error object in a cell is reported with its row", () => {
    expect(messageOf(() => column([[1], [{ code: "#N/A" }]], "dates"))).toBe(
      "dates holds an error value at row 2 of the range; fix or remove it.",
    );
  });
});

describe("sameLength and commonShape", () => {
  test("columns of different lengths name both arguments and counts", () => {
    expect(
      messageOf(() =>
        sameLength([
          { name: "customers", cells: [1, 2, 3] },
          { name: "dates", cells: [1, 2] },
        ]),
      ),
    ).toBe("dates has 2 cells but customers has 3; the transaction columns must cover the same rows.");
    expect(sameLength([{ name: "a", cells: [1, 2] }])).toBe(2);
  });
  test("single cells broadcast over ranges; different range shapes are an error", () => {
    expect(
      commonShape([
        { name: "r", m: [[1], [2], [3]] },
        { name: "f", m: [[5]] },
      ]),
    ).toEqual({ rows: 3, cols: 1 });
    expect(
      messageOf(() =>
        commonShape([
          { name: "r", m: [[1], [2], [3]] },
          { name: "f", m: [[1], [2]] },
        ]),
      ),
    ).toBe(
      "f (2 rows × 1 column) and r (3 rows × 1 column) must have the same size, or one of them must be a single cell.",
    );
  });
});

describe("scalars", () => {
  test("a 1×1 range is its value; a larger range is an error", () => {
    expect(scalar([[7]], "bins")).toBe(7);
    expect(scalar(7, "bins")).toBe(7);
    expect(messageOf(() => scalar([[1, 2]], "bins"))).toBe(
      "bins must be a single value; got a range of 1 row × 2 columns.",
    );
  });
  test("booleans accept TRUE/FALSE, 1/0 and their text; default when omitted", () => {
    expect(optionalBoolean(null, "higher_is_better", true)).toBe(true);
    expect(optionalBoolean(false, "higher_is_better", true)).toBe(false);
    expect(optionalBoolean(0, "higher_is_better", true)).toBe(false);
    expect(optionalBoolean(" true ", "higher_is_better", false)).toBe(true);
    expect(messageOf(() => optionalBoolean("yes", "higher_is_better", true))).toBe(
      'higher_is_better must be TRUE or FALSE; got "yes".',
    );
  });
  test("integers are checked against their range", () => {
    expect(optionalInteger(undefined, "bins", 5, 2, 10)).toBe(5);
    expect(optionalInteger("4", "bins", 5, 2, 10)).toBe(4);
    expect(messageOf(() => optionalInteger(11, "bins", 5, 2, 10))).toBe(
      "bins must be a whole number from 2 to 10; got 11.",
    );
    expect(messageOf(() => optionalInteger(2.5, "bins", 5, 2, 10))).toMatch(/got 2.5/);
  });
});

describe("readScore", () => {
  test("whole numbers within 1..bins, also as text", () => {
    expect(readScore(1, 5, "r")).toBe(1);
    expect(readScore("5", 5, "r")).toBe(5);
  });
  test("an empty cell is no score", () => {
    expect(readScore("", 5, "r")).toBeNull();
    expect(readScore(null, 5, "r")).toBeNull();
  });
  test("out of range, fractional and text scores are cell errors naming the cell", () => {
    const where = cellName("f", { rows: 4, cols: 1 }, 2, 0);
    const e = readScore(6, 5, where);
    expect(e).toBeInstanceOf(FailedCell);
    expect((e as FailedCell).message).toBe("f (row 3 of the range) must be a whole score from 1 to 5; got 6.");
    expect((readScore(0, 5, "r") as FailedCell).message).toMatch(/got 0/);
    expect((readScore(2.5, 5, "r") as FailedCell).message).toMatch(/got 2.5/);
    expect((readScore("high", 5, "r") as FailedCell).message).toMatch(/got "high"/);
  });
});
