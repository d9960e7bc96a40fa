/**
 * The RFM custom functions called as Excel calls them: 2-D arrays for ranges, plain values or 1×1 arrays for single
 * cells, null for omitted optional arguments. Expected values are worked out by hand from the definitions in the
 * comments next to each test (not copied from the code's output).
 */
import { FakeCustomFunctionError, thrownBy } from "./customFunctionsGlobal";
import { action, frequency, monetary, recency, score, segment, segments, table } from "../../src/functions/functions";
import { clearCustomerCache } from "../../src/functions/transactions";
import { BUILTIN_SCHEMES } from "../../src/rfm";

/** Excel serial (1900 system) of a date and time, from the calendar: days since 1899-12-30. */
function serial(y: number, mo: number, d: number, h = 0, mi = 0): number {
  return (Date.UTC(y, mo - 1, d, h, mi) - Date.UTC(1899, 11, 30)) / 86400000;
}

/** A column as Excel passes an N×1 range. */
function col(values: unknown[]): unknown[][] {
  return values.map((v) => [v]);
}

function isError(v: unknown, code = "#VALUE!"): v is FakeCustomFunctionError {
  return v instanceof FakeCustomFunctionError && v.code === code;
}

function cellError(v: unknown): FakeCustomFunctionError {
  if (!(v instanceof FakeCustomFunctionError)) throw new Error(`expected an error cell, got ${JSON.stringify(v)}`);
  return v;
}

/**
 * Hand-made transactions (sheet rows 2..12):
 *  0 A       1   2011-01-01 10:00   2 × 5    = 10
 *  1 A       1   2011-01-01 10:00   1 × 3    = 3
 *  2 A       2   2011-01-05 09:00   1 × 10   = 10
 *  3 A       C3  2011-01-06 08:00  -1 × 10   cancellation
 *  4 B       4   2011-01-03 12:00   5 × 1    = 5
 *  5 (none)  5   2011-01-07         1 × 1    no customer
 *  6 B       6   2011-01-04         3 × 0    price 0
 *  7 12346   7   2011-01-01         1 × 2    = 2
 *  8 "12346.0" 8 "2011-01-02" (text) 1 × 1   = 1 (same customer as 12346)
 *  9 (empty row)
 * 10 B       9   "not a date"       1 × 1    unreadable date
 */
const T = {
  customers: col(["A", "A", "A", "A", "B", "", "B", 12346, "12346.0", "", "B"]),
  invoices: col([1, 1, 2, "C3", 4, 5, 6, 7, 8, "", 9]),
  dates: col([
    serial(2011, 1, 1, 10),
    serial(2011, 1, 1, 10),
    serial(2011, 1, 5, 9),
    serial(2011, 1, 6, 8),
    serial(2011, 1, 3, 12),
    serial(2011, 1, 7),
    serial(2011, 1, 4),
    serial(2011, 1, 1),
    "2011-01-02",
    "",
    "not a date",
  ]),
  quantities: col([2, 1, 1, -1, 5, 1, 3, 1, 1, "", 1]),
  prices: col([5, 3, 10, 10, 1, 1, 0, 2, 1, "", 1]),
};
const WHO = col(["A", "B", 12346, "12346", ""]);

beforeEach(() => clearCustomerCache());

describe("RFM.SEGMENT", () => {
  /** The textbook rf10 map, written independently as the regular expressions it is usually given as. */
  const textbook: [RegExp, string][] = [
    [/^[1-2][1-2]$/, "hibernating"],
    [/^[1-2][3-4]$/, "at_risk"],
    [/^[1-2]5$/, "cant_lose"],
    [/^3[1-2]$/, "about_to_sleep"],
    [/^33$/, "need_attention"],
    [/^[3-4][4-5]$/, "loyal_customers"],
    [/^41$/, "promising"],
    [/^51$/, "new_customers"],
    [/^[4-5][2-3]$/, "potential_loyalists"],
    [/^5[4-5]$/, "champions"],
  ];
  const expectedLabel = (r: number, f: number): string => textbook.find(([re]) => re.test(`${r}${f}`))![1];

  test("scalars give a 1×1 result, also when Excel wraps them as 1×1 matrices", () => {
    expect(segment(5 as unknown as unknown[][], 5 as unknown as unknown[][])).toEqual([["champions"]]);
    expect(segment([[5]], [[5]], null as unknown as undefined, null as unknown as undefined)).toEqual([["champions"]]);
    expect(segment([["1"]], [[" 1 "]])).toEqual([["hibernating"]]);
  });

  test("a 25-cell grid of R and F spills the textbook rf10 map", () => {
    const rs: number[][] = [];
    const fs: number[][] = [];
    for (let r = 1; r <= 5; r++) {
      rs.push([r, r, r, r, r]);
      fs.push([1, 2, 3, 4, 5]);
    }
    const out = segment(rs, fs);
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) expect(out[r - 1][f - 1]).toBe(expectedLabel(r, f));
  });

  test("a single cell repeats over a range, and empty cells stay empty", () => {
    expect(segment(col([5, "", 1]), [[1]])).toEqual([["new_customers"], [""], ["hibernating"]]);
  });

  test("M is ignored by rf10 but required by tiers4 and r-rfm", () => {
    expect(segment([[5]], [[5]], [[1]])).toEqual([["champions"]]);
    // tiers4: R5 F5 M5 is a top customer; R1 F1 M3 is at risk (R<=2 and M>=3).
    expect(segment(col([5, 1]), col([5, 1]), col([5, 3]), [["tiers4"]])).toEqual([
      ["Top Customers"],
      ["At-Risk Customers"],
    ]);
    const e = thrownBy(() => segment([[5]], [[5]], null as unknown as undefined, [["tiers4"]]));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/tiers4 has rules on M.*third argument/);
  });

  test("r-rfm follows R rfm's table in order: first match wins, the rest are Others", () => {
    // Champions 5/5/5; Potential Loyalist 3-5/3-5/2-5; Lost 1/1-5/1-5; R2 F1 M5 matches no rule.
    expect(segment(col([5, 3, 1, 2]), col([5, 3, 1, 1]), col([5, 2, 1, 5]), [["R-RFM"]])).toEqual([
      ["Champions"],
      ["Potential Loyalist"],
      ["Lost"],
      ["Others"],
    ]);
  });

  test("a custom scheme given as a rules range", () => {
    const rules = [
      ["Segment", "R from", "R to", "F from", "F to", "M from", "M to", "Description", "Action"],
      ["VIP", 4, 5, 4, 5, "", "", "Best", "Pamper"],
      ["Rest", "", "", "", "", "", "", "Everyone else", "Nudge"],
    ];
    expect(segment(col([5, 1]), col([4, 1]), null as unknown as undefined, rules)).toEqual([["VIP"], ["Rest"]]);
  });

  test("a score outside 1..bins is a #VALUE! in its own cell, naming the cell", () => {
    const out = segment(col([5, 6, 2.5]), col([5, 5, 5]));
    expect(out[0][0]).toBe("champions");
    expect(cellError(out[1][0]).code).toBe("#VALUE!");
    expect(cellError(out[1][0]).message).toBe("r (row 2 of the range) must be a whole score from 1 to 5; got 6.");
    expect(cellError(out[2][0]).message).toMatch(/got 2.5/);
    expect(cellError(segment([[1]], [["x"]])[0][0]).message).toBe('f must be a whole score from 1 to 5; got "x".');
  });

  test("ranges of different sizes, an unknown scheme and a non-text scheme are #VALUE! for the formula", () => {
    expect(thrownBy(() => segment(col([1, 2]), col([1, 2, 3]))).message).toBe(
      "f (3 rows × 1 column) and r (2 rows × 1 column) must have the same size, or one of them must be a single cell.",
    );
    const unknown = thrownBy(() => segment([[1]], [[1]], undefined, [["rf11"]]));
    expect(unknown.code).toBe("#VALUE!");
    expect(unknown.message).toMatch(/Unknown scheme "rf11"/);
    expect(thrownBy(() => segment([[1]], [[1]], undefined, [[7]])).message).toMatch(/scheme must be a scheme id/);
  });

  test("a broken rules range names the row and column", () => {
    const rules = [
      ["Segment", "R from", "R to", "F from", "F to"],
      ["VIP", 4, "x", 4, 5],
    ];
    const e = thrownBy(() => segment([[1]], [[1]], undefined, rules));
    expect(e.message).toMatch(/scheme range.*Row 2, "R to": expected a whole number 1\.\.5, found "x"/);
  });
});

describe("RFM.ACTION", () => {
  const rf10 = BUILTIN_SCHEMES.rf10;
  const actionOf = (label: string) => rf10.rules.find((r) => r.label === label)!.action;

  test("the action of a label, a display name and a range of labels", () => {
    expect(action([["champions"]])).toEqual([[actionOf("champions")]]);
    expect(action([["Can't Lose Them"]])).toEqual([[actionOf("cant_lose")]]);
    expect(action(col(["at_risk", "", "HIBERNATING"]))).toEqual([
      [actionOf("at_risk")],
      [""],
      [actionOf("hibernating")],
    ]);
  });

  test("the fallback label of an ordered scheme has an action too", () => {
    const [out] = action([["Others"]], [["r-rfm"]]);
    expect(typeof out[0]).toBe("string");
    expect((out[0] as string).length).toBeGreaterThan(10);
  });

  test("an unknown label is #N/A listing the scheme's segments; a number is #VALUE!", () => {
    const na = cellError(action([["champion"]])[0][0]);
    expect(na.code).toBe("#N/A");
    expect(na.message).toMatch(/Segment "champion" is not in scheme rf10; its segments are hibernating, at_risk/);
    expect(isError(action([[5]])[0][0])).toBe(true);
  });
});

describe("RFM.SCORE", () => {
  // Population 1, 2, 3, 4, 100: numpy linear quantiles at .2/.4/.6/.8 are 1.8, 2.6, 3.4, 23.2 (index (n-1)·q).
  const pop = col([1, 2, 3, 4, 100]);

  test("scores by qcut bins, right-closed, the minimum in bin 1", () => {
    expect(score(col([1, 1.8, 2, 3, 4, 23.2, 23.3, 100]), pop)).toEqual(col([1, 1, 2, 3, 4, 4, 5, 5]));
  });

  test("higher_is_better = FALSE counts down, as Recency does", () => {
    expect(score(col([1, 3, 100]), pop, false)).toEqual(col([5, 3, 1]));
    expect(score([[1]], pop, [[0]] as unknown)).toEqual([[5]]);
  });

  test("bins changes the cut: 2 bins split at the median", () => {
    expect(score(col([2, 3, 4]), pop, true, 2)).toEqual(col([1, 1, 2]));
  });

  test("empty and text cells in the population are ignored (a whole column with its header works)", () => {
    expect(score([[3]], col(["Monetary", 1, "", 2, 3, null, 4, 100]))).toEqual([[3]]);
  });

  test("a value outside the population is #N/A; text is #VALUE!; empty stays empty", () => {
    const out = score(col([0, "x", ""]), pop);
    expect(cellError(out[0][0]).code).toBe("#N/A");
    expect(cellError(out[0][0]).message).toMatch(/outside the population's range \(1 to 100\)/);
    expect(cellError(out[1][0]).code).toBe("#VALUE!");
    expect(out[2][0]).toBe("");
  });

  test("bad bins, a bad flag and an empty population are #VALUE!", () => {
    expect(thrownBy(() => score([[1]], pop, true, 11)).message).toBe(
      "bins must be a whole number from 2 to 10; got 11.",
    );
    expect(thrownBy(() => score([[1]], pop, "maybe")).message).toMatch(/higher_is_better must be TRUE or FALSE/);
    expect(thrownBy(() => score([[1]], col(["", "a"]))).message).toMatch(/population holds no numbers/);
  });
});

describe("RFM.RECENCY", () => {
  // Rows with a customer and a readable date: 0-4, 6-8. Latest: row 3, 2011-01-06 08:00 → snapshot 2011-01-07 08:00.
  // A last bought 2011-01-06 08:00 → 1 day; B 2011-01-04 00:00 (row 10's date is unreadable) → 3 days 8 h → 3;
  // 12346 (also written "12346.0") 2011-01-02 → 5 days 8 h → 5.
  test("whole days to the default snapshot, one per customer cell", () => {
    expect(recency(WHO, T.customers, T.dates)).toEqual(col([1, 3, 5, 5, ""]));
  });

  test("an explicit snapshot as an Excel date or as text", () => {
    // 2011-01-10 00:00: A 3 days 16 h → 3; B 6; 12346 8.
    expect(recency(WHO, T.customers, T.dates, serial(2011, 1, 10))).toEqual(col([3, 6, 8, 8, ""]));
    expect(recency(WHO, T.customers, T.dates, [["2011-01-10"]])).toEqual(col([3, 6, 8, 8, ""]));
  });

  test("an unknown customer is #N/A; bad columns and snapshots are #VALUE!", () => {
    const na = cellError(recency([["Z"]], T.customers, T.dates)[0][0]);
    expect(na.code).toBe("#N/A");
    expect(na.message).toBe('Customer "Z" is not in customers, or all of its rows were skipped by the cleaning rules.');
    expect(thrownBy(() => recency([["A"]], T.customers, T.dates.slice(1))).message).toBe(
      "dates has 10 cells but customers has 11; the transaction columns must cover the same rows.",
    );
    expect(thrownBy(() => recency([["A"]], T.customers, T.dates, "31/31/2011")).message).toMatch(
      /Snapshot date "31\/31\/2011" cannot be read/,
    );
    expect(thrownBy(() => recency([["A"]], T.customers, T.dates, true)).message).toMatch(/snapshot must be a date/);
    expect(thrownBy(() => recency([["A"]], T.customers, T.dates, -5)).message).toMatch(/not an Excel date/);
  });
});

describe("RFM.FREQUENCY", () => {
  test("distinct invoices, cancellations and rows without a customer skipped", () => {
    // A: 1, 2 (C3 is a cancellation) → 2; B: 4, 6, 9 → 3; 12346: 7, 8 → 2.
    expect(frequency(WHO, T.customers, T.invoices)).toEqual(col([2, 3, 2, 2, ""]));
  });

  test("without invoices each row is one order (order-level data)", () => {
    // A: rows 0-3 → 4; B: rows 4, 6, 10 → 3; 12346: rows 7, 8 → 2.
    expect(frequency(WHO, T.customers)).toEqual(col([4, 3, 2, 2, ""]));
    expect(frequency(WHO, T.customers, [[""]])).toEqual(col([4, 3, 2, 2, ""]));
  });
});

describe("RFM.MONETARY", () => {
  test("quantity × price, without cancellations and price ≤ 0 when invoices are given", () => {
    // A: 10 + 3 + 10 = 23; B: 5 + 1 (row 6 has price 0) = 6; 12346: 2 + 1 = 3.
    expect(monetary(WHO, T.customers, T.quantities, T.prices, T.invoices)).toEqual(col([23, 6, 3, 3, ""]));
  });

  test("without invoices, cancellations cannot be recognised and count (negative)", () => {
    // A: 23 - 10 = 13.
    expect(monetary(WHO, T.customers, T.quantities, T.prices)).toEqual(col([13, 6, 3, 3, ""]));
  });

  test("order amounts when prices is omitted; amounts ≤ 0 skipped", () => {
    // Using the price column as amounts: A 5 + 3 + 10 + 10 = 28; B 1 + 1 (row 6 is 0) = 2; 12346: 2 + 1 = 3.
    expect(monetary(WHO, T.customers, T.prices)).toEqual(col([28, 2, 3, 3, ""]));
  });

  test("a 2-D block for a column is #VALUE!", () => {
    const block = T.quantities.map((r, i) => [r[0], T.prices[i][0]]);
    expect(thrownBy(() => monetary(WHO, T.customers, block)).message).toBe(
      "quantities must be a single column or a single row of cells; got a range of 11 rows × 2 columns.",
    );
  });
});

describe("RFM.TABLE", () => {
  test("the whole analysis of line-level data, worked out by hand", () => {
    // Kept rows: 0, 1, 2, 4, 7, 8 (3 cancelled, 5 no customer, 6 price 0, 9 empty, 10 bad date).
    // Snapshot: row 2's 2011-01-05 09:00 + 1 day. Recency: 12346 4 (4 d 9 h), A 1, B 2 (2 d 21 h).
    // Frequency: 12346 2, A 2, B 1. Monetary: 12346 3, A 23, B 5.
    // R: qcut of [4, 1, 2], edges 1, 1.4, 1.8, 2.4, 3.2, 4 → bins 5, 1, 3 → R 1, 5, 3.
    // F: qcut of rank-first of [2, 2, 1] = [2, 3, 1], edges 1, 1.4, 1.8, 2.2, 2.6, 3 → F 3, 5, 1.
    // M: qcut of [3, 23, 5], edges 3, 3.8, 4.6, 8.6, 15.8, 23 → M 1, 5, 3.
    // rf10: R1 F3 at_risk, R5 F5 champions, R3 F1 about_to_sleep.
    expect(table(T.customers, T.invoices, T.dates, T.quantities, T.prices)).toEqual([
      ["CustomerID", "Recency", "Frequency", "Monetary", "R", "F", "M", "RFM", "Segment"],
      [12346, 4, 2, 3, 1, 3, 1, "131", "at_risk"],
      ["A", 1, 2, 23, 5, 5, 5, "555", "champions"],
      ["B", 2, 1, 5, 3, 1, 3, "313", "about_to_sleep"],
    ]);
  });

  test("order-level data: amounts instead of quantity × price, no order ids", () => {
    // Without invoice numbers row 3 is an ordinary order (amount 10). Kept: 0-4, 7, 8. Snapshot 2011-01-07 08:00.
    // A: last 01-06 08:00 → 1, 4 orders, 5 + 3 + 10 + 10 = 28; B: 01-03 12:00 → 3, 1 order, 1; 12346: 5, 2, 3.
    const out = table(T.customers, [[""]], T.dates, T.prices);
    expect(out.slice(1).map((row) => row.slice(0, 4))).toEqual([
      [12346, 5, 2, 3],
      ["A", 1, 4, 28],
      ["B", 3, 1, 1],
    ]);
  });

  test("scheme and snapshot arguments", () => {
    const out = table(T.customers, T.invoices, T.dates, T.quantities, T.prices, [["tiers4"]], [["2011-01-10"]]);
    // Snapshot 2011-01-10: Recency 12346 8, A 4 (4 d 15 h), B 6.
    expect(out.slice(1).map((row) => row[1])).toEqual([8, 4, 6]);
    const tiers = new Set(BUILTIN_SCHEMES.tiers4.rules.map((r) => r.label).concat("Other", "Others"));
    for (const row of out.slice(1)) expect(tiers.has(row[8] as string)).toBe(true);
  });

  test("line-level data without invoice numbers, mismatched columns and no customers left are #VALUE!", () => {
    expect(thrownBy(() => table(T.customers, [[""]], T.dates, T.quantities, T.prices)).message).toMatch(
      /invoices is empty, but line-level data/,
    );
    expect(thrownBy(() => table(T.customers, T.invoices, T.dates.slice(2), T.quantities, T.prices)).message).toMatch(
      /dates has 9 cells but customers has 11/,
    );
    const none = thrownBy(() =>
      table(col(["", ""]), col([1, 2]), col([serial(2011, 1, 1), 1]), col([1, 1]), col([1, 1])),
    );
    expect(none.code).toBe("#VALUE!");
    expect(none.message).toMatch(/No customers left after cleaning.*Rows without a customer id: 2/);
  });
});

describe("RFM.SEGMENTS", () => {
  const header = ["Segment", "R from", "R to", "F from", "F to", "M from", "M to", "Description", "Action"];

  test("rf10 by default: the nine-column layout, one row per rule", () => {
    const out = segments();
    expect(out[0]).toEqual(header);
    expect(out.slice(1).map((r) => r[0])).toEqual(BUILTIN_SCHEMES.rf10.rules.map((r) => r.label));
    // champions: R 5-5, F 4-5, M any (blank).
    const champions = out.find((r) => r[0] === "champions")!;
    expect(champions.slice(1, 7)).toEqual([5, 5, 4, 5, "", ""]);
  });

  test("r-rfm spills R rfm's ten segments in order with their ranges, then the fallback", () => {
    const out = segments([["r-rfm"]]);
    expect(out.slice(1).map((r) => r.slice(0, 7))).toEqual([
      ["Champions", 5, 5, 5, 5, 5, 5],
      ["Potential Loyalist", 3, 5, 3, 5, 2, 5],
      ["Loyal Customers", 2, 4, 2, 4, 2, 4],
      ["Promising", 3, 4, 1, 3, 3, 5],
      ["New Customers", 4, 5, 1, 3, 1, 5],
      ["Can't Lose Them", 1, 2, 3, 4, 4, 5],
      ["At Risk", 1, 2, 2, 5, 4, 5],
      ["Need Attention", 1, 3, 3, 5, 3, 5],
      ["About To Sleep", 2, 3, 1, 3, 1, 4],
      ["Lost", 1, 1, 1, 5, 1, 5],
      ["Others", "", "", "", "", "", ""],
    ]);
  });

  test("the spilled table is a scheme range: editing it and passing it back works", () => {
    const table4 = segments([["tiers4"]]);
    // Same labels for the same scores as the built-in scheme.
    const r = col([5, 1, 3, 1]);
    const f = col([5, 1, 2, 1]);
    const m = col([5, 3, 2, 1]);
    expect(segment(r, f, m, table4)).toEqual(segment(r, f, m, [["tiers4"]]));
    expect(segments(table4)).toEqual(table4);
  });
});

describe("an error cell inside an input range (functions.json sets allowErrorForDataTypeAny)", () => {
  // Excel passes the error cell as an error value; only the answer cells that depend on it become errors.
  const na = new FakeCustomFunctionError("#N/A" as never, undefined);

  test("RFM.SEGMENT: the other scores still get their segments", () => {
    const out = segment(col([5, na, 1]), col([5, 5, 1]));
    expect(out[0]).toEqual(["champions"]);
    expect(cellError(out[1][0]).message).toMatch(/^r \(row 2 of the range\) .*got an error value/);
    expect(out[2]).toEqual(["hibernating"]);
  });

  test("RFM.SCORE: an error cell in the population is ignored, one in the values answers only there", () => {
    const out = score(col([1, na]), col([1, 2, na, 3]));
    expect(out[0]).toEqual([1]);
    expect(isError(out[1][0])).toBe(true);
  });
});
