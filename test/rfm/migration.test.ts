/**
 * Segment migration: compareResults over two results, analyzeAt (rows strictly before D, snapshot D), and golden
 * migration matrices on the real Online Retail data.
 */
import { analyze } from "../../src/rfm/analyze";
import {
  analyzeAt,
  compareResults,
  defaultCompareDate,
  LAPSED_LABEL,
  migrationOverTime,
  nameMigration,
  NEW_LABEL,
} from "../../src/rfm/migration";
import { loadOnlineRetail } from "../helpers/realData";
import type { ColumnTable, RfmOptions, RowTable, Scheme } from "../../src/rfm/types";

const HEADERS = ["CustomerID", "InvoiceNo", "InvoiceDate", "Quantity", "UnitPrice"];

/** Two segments by Recency alone, 2 bins: "active" (R2: Recency <= 30 days) and "lapsing" (R1). */
const BY_RECENCY: Scheme = {
  id: "by-recency",
  name: "By recency",
  exclusive: true,
  bins: 2,
  rules: [
    { label: "active", r: [2, 2], description: "bought in the last 30 days", action: "thank" },
    { label: "lapsing", r: [1, 1], description: "no purchase for over 30 days", action: "remind" },
  ],
};
const FIXED: RfmOptions = {
  scheme: BY_RECENCY,
  bins: 2,
  scoring: "fixed",
  cutPoints: { recency: [30], frequency: [1], monetary: [100] },
};

// Sheet rows (header = row 1). D = 2011-02-01 00:00.
//   row 2: A 2011-03-01 (after D)          row 3: B cancelled C1, before D (excluded by cleaning)
//   row 4: A 2011-01-10                    row 5: A 2011-02-01 00:00 exactly (not before D: left out)
//   row 6: B 2011-01-05                    row 7: C 2011-03-10 (after D: C is new)
const ROWS: RowTable = [
  HEADERS,
  [1, "1004", "2011-03-01 10:00:00", 1, 50],
  [2, "C1", "2011-01-20 09:00:00", -1, 5],
  [1, "1001", "2011-01-10 12:00:00", 2, 10],
  [1, "1002", "2011-02-01 00:00:00", 1, 5],
  [2, "1003", "2011-01-05 08:00:00", 1, 30],
  [3, "1005", "2011-03-10 00:00:00", 1, 7],
];
const D = Date.UTC(2011, 1, 1);

describe("analyzeAt", () => {
  const before = analyzeAt(ROWS, FIXED, "2011-02-01");

  test("uses only rows dated strictly before D, with snapshot D", () => {
    expect(before.snapshot).toBe(D);
    expect(before.customers.map((c) => c.id)).toEqual(["1", "2"]);
    const [a, b] = before.customers;
    // A: 2011-01-10 12:00 → D is 21.5 days → Recency 21; one invoice (1002 at exactly D is left out); 2 × 10.
    expect([a.recency, a.frequency, a.monetary, a.lastPurchase]).toEqual([21, 1, 20, Date.UTC(2011, 0, 10, 12)]);
    // B: 2011-01-05 08:00 → 26.67 days → 26; the cancellation is excluded by cleaning.
    expect([b.recency, b.frequency, b.monetary]).toEqual([26, 1, 30]);
    expect(before.customers.map((c) => c.segment)).toEqual(["active", "active"]);
  });

  test("exclusion rows and rowCustomer refer to the original sheet rows", () => {
    const cancelled = before.exclusions.find((e) => e.rule === "cancelledInvoice");
    expect(cancelled).toMatchObject({ count: 1, exampleRows: [3] });
    const later = before.exclusions.find((e) => e.rule === "afterDate");
    expect(later).toMatchObject({ count: 3, exampleRows: [2, 5, 7] });
    expect(Array.from(before.rowCustomer)).toEqual([-1, -1, 0, -1, 1, -1]);
    expect(before.rowsRead).toBe(6);
    expect(before.rowsUsed).toBe(2);
  });

  test("a date before every transaction is a clear error", () => {
    expect(() => analyzeAt(ROWS, FIXED, "2010-01-01")).toThrow(/No transaction is dated before 2010-01-01 00:00:00/);
    expect(() => analyzeAt(ROWS, FIXED, "2010-01-01")).toThrow(/earliest date in column "InvoiceDate" is 2011-01-05/);
  });

  test("an unreadable comparison date is a badOption error", () => {
    expect(() => analyzeAt(ROWS, FIXED, "not a date")).toThrow(/cannot be read/);
  });
});

describe("compareResults", () => {
  const before = analyzeAt(ROWS, FIXED, D);
  const after = analyze(ROWS, FIXED);

  test("a customer who stays, one who moves and one who appears", () => {
    // After: snapshot = 2011-03-10 + 1 day = 2011-03-11 00:00. A last 2011-03-01 10:00 → 9 days (active, unchanged);
    // B last 2011-01-05 08:00 → 64 days (lapsing: moved); C 2011-03-10 → 1 day (active, new).
    expect(after.customers.map((c) => [c.id, c.recency, c.segment])).toEqual([
      ["1", 9, "active"],
      ["2", 64, "lapsing"],
      ["3", 1, "active"],
    ]);
    const m = compareResults(before, after);
    expect(m.from).toEqual(["active", "lapsing", NEW_LABEL]);
    expect(m.to).toEqual(["active", "lapsing", LAPSED_LABEL]);
    expect(m.counts).toEqual([
      [1, 1, 0],
      [0, 0, 0],
      [1, 0, 0],
    ]);
    expect(m.previousSegment).toEqual(["active", "active", null]);
    expect([m.stayed, m.moved, m.arrived, m.lapsed]).toEqual([1, 1, 1, 0]);
    expect(m.flows.map((f) => f.sentence)).toEqual(["1 active became lapsing", "1 new customer arrived as active"]);
    expect(m.beforeSnapshot).toBe(D);
    expect(m.afterSnapshot).toBe(Date.UTC(2011, 2, 11));
  });

  test("a customer who disappears lands in the lapsed column", () => {
    // A later file without B's rows (e.g. B asked to be deleted): B is in the earlier result only.
    const withoutB = ROWS.filter((row, i) => i === 0 || row[0] !== 2);
    const later = analyze(withoutB, FIXED);
    const m = compareResults(before, later);
    expect(m.counts[0]).toEqual([1, 0, 1]); // active → active (A), active → lapsed (B)
    expect(m.counts[2]).toEqual([1, 0, 0]); // new → active (C)
    expect(m.lapsed).toBe(1);
    expect(m.flows.map((f) => f.sentence)).toEqual([
      "1 active lapsed (absent from the later result)",
      "1 new customer arrived as active",
    ]);
    expect(m.previousSegment).toEqual(["active", null]);
  });

  test("a segment called new or lapsed does not clash with the extra row and column", () => {
    const scheme: Scheme = {
      ...BY_RECENCY,
      id: "clash",
      rules: [
        { label: "new", r: [2, 2], description: "", action: "" },
        { label: "lapsed", r: [1, 1], description: "", action: "" },
      ],
    };
    const m = compareResults(analyzeAt(ROWS, { ...FIXED, scheme }, D), analyze(ROWS, { ...FIXED, scheme }));
    expect(m.from).toEqual(["new", "lapsed", "(new)"]);
    expect(m.to).toEqual(["new", "lapsed", "(lapsed)"]);
    expect(m.flows.map((f) => f.sentence)).toContain("1 new became lapsed");
  });

  test("identical results: everyone stays, no flows", () => {
    const m = compareResults(after, after);
    expect([m.stayed, m.moved, m.arrived, m.lapsed]).toEqual([3, 0, 0, 0]);
    expect(m.flows).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Golden numbers on the real data.
//
// The matrices below were computed by scripts/verify-migration-golden.py, an independent Python (standard library)
// implementation written from the README definitions (cleaning, Recency floor days, distinct invoices, numpy linear
// quantiles, rank(method="first") by ascending id, rf10 / tiers4 rules, rows < D with snapshot D), not from this
// code. As a further hand check: the 2011-09-11 12:50 result has 3,376 customers (row sums) and the latest 4,338
// (column sums), the usual customer count of the cleaned Online Retail data; the columns of the latest result are
// its segment sizes (e.g. hibernating 1,065, champions 633).
// ---------------------------------------------------------------------------------------------------------------

const RF10 = [
  "hibernating",
  "at_risk",
  "cant_lose",
  "about_to_sleep",
  "need_attention",
  "loyal_customers",
  "promising",
  "new_customers",
  "potential_loyalists",
  "champions",
];

test("nameMigration: display names in the labels and sentences, ids where a machine reads", () => {
  const m = compareResults(analyzeAt(ROWS, FIXED, D), analyze(ROWS, FIXED));
  const names: Record<string, string> = { active: "Active", lapsing: "Lapsing soon" };
  const shown = nameMigration(m, (label) => names[label] ?? label);
  expect(shown.from).toEqual(["Active", "Lapsing soon", "New"]);
  expect(shown.to).toEqual(["Active", "Lapsing soon", "Lapsed"]);
  expect([shown.newLabel, shown.lapsedLabel]).toEqual(["New", "Lapsed"]);
  expect(shown.flows.map((f) => [f.from, f.to, f.sentence])).toEqual([
    ["Active", "Lapsing soon", "1 Active became Lapsing soon"],
    ["New", "Active", "1 new customer arrived as Active"],
  ]);
  expect(shown.segments).toEqual(["active", "lapsing"]);
  expect(shown.previousSegment).toEqual(m.previousSegment);
  expect(shown.counts).toEqual(m.counts);
  // The input is left as it was.
  expect(m.from).toEqual(["active", "lapsing", NEW_LABEL]);
});

test("nameMigration: a segment already called New keeps its name; the new row is told apart", () => {
  const m = compareResults(analyzeAt(ROWS, FIXED, D), analyze(ROWS, FIXED));
  const shown = nameMigration(m, (label) => (label === "active" ? "New" : label));
  expect(shown.from).toEqual(["New", "lapsing", "(New)"]);
  expect(shown.newLabel).toBe("(New)");
  expect(shown.flows.find((f) => f.sentence.startsWith("1 new customer"))?.from).toBe("(New)");
});

describe("migration on Online Retail (golden)", () => {
  let table: ColumnTable;
  beforeAll(() => {
    table = loadOnlineRetail();
  });

  test("rf10, default dates: 2011-09-11 12:50 → 2011-12-10 12:50", () => {
    const { before, after, migration: m } = migrationOverTime(table, {});
    expect(after.snapshot).toBe(Date.UTC(2011, 11, 10, 12, 50));
    expect(defaultCompareDate(after)).toBe(Date.UTC(2011, 8, 11, 12, 50));
    expect(before.snapshot).toBe(Date.UTC(2011, 8, 11, 12, 50));
    expect(before.customers.length).toBe(3376);
    expect(after.customers.length).toBe(4338);
    expect(m.from).toEqual([...RF10, "new"]);
    expect(m.to).toEqual([...RF10, "lapsed"]);
    expect(m.counts).toEqual([
      // hib  risk  cant  sleep need  loyal prom  new   pot   champ lapsed
      [605, 26, 0, 25, 70, 29, 0, 0, 118, 26, 0], // hibernating
      [46, 180, 0, 0, 15, 108, 0, 0, 12, 50, 0], // at_risk
      [0, 8, 9, 0, 0, 13, 0, 0, 0, 8, 0], // cant_lose
      [123, 1, 0, 8, 14, 22, 0, 0, 29, 16, 0], // about_to_sleep
      [22, 75, 0, 0, 13, 38, 0, 0, 12, 17, 0], // need_attention
      [0, 148, 34, 0, 0, 316, 0, 0, 0, 182, 0], // loyal_customers
      [40, 1, 0, 6, 6, 3, 0, 0, 16, 3, 0], // promising
      [28, 1, 0, 4, 3, 2, 0, 0, 15, 5, 0], // new_customers
      [94, 71, 0, 0, 26, 80, 0, 0, 27, 32, 0], // potential_loyalists
      [0, 67, 20, 0, 0, 177, 0, 0, 0, 231, 0], // champions
      [107, 2, 0, 308, 39, 39, 99, 42, 263, 63, 0], // new
    ]);
    expect(m.flows.slice(0, 5).map((f) => f.sentence)).toEqual([
      "308 new customers arrived as about_to_sleep",
      "263 new customers arrived as potential_loyalists",
      "182 loyal_customers became champions",
      "177 champions became loyal_customers",
      "148 loyal_customers became at_risk",
    ]);
    expect([m.stayed, m.moved, m.arrived, m.lapsed]).toEqual([1389, 1987, 962, 0]);
    // previousSegment is aligned to the later customers
    const i = after.customers.findIndex((c) => c.id === "12346");
    expect(m.previousSegment[i]).toBe(before.customers.find((c) => c.id === "12346")?.segment);
  });

  test("rf10, 2011-06-01 → latest", () => {
    const after = analyze(table, {});
    const before = analyzeAt(table, {}, "2011-06-01");
    expect(before.snapshot).toBe(Date.UTC(2011, 5, 1));
    const m = compareResults(before, after);
    expect(m.counts).toEqual([
      [342, 89, 2, 13, 41, 78, 0, 0, 75, 41, 0],
      [91, 103, 3, 0, 13, 90, 0, 0, 14, 48, 0],
      [0, 9, 5, 0, 0, 9, 0, 0, 0, 10, 0],
      [86, 33, 0, 6, 10, 27, 0, 0, 17, 11, 0],
      [34, 38, 0, 0, 7, 31, 0, 0, 7, 18, 0],
      [0, 104, 30, 0, 1, 226, 0, 0, 0, 164, 0],
      [29, 6, 0, 4, 5, 10, 0, 0, 6, 6, 0],
      [25, 5, 0, 1, 3, 1, 0, 0, 8, 3, 0],
      [67, 71, 2, 0, 21, 78, 0, 0, 19, 36, 0],
      [0, 52, 20, 0, 0, 149, 0, 0, 0, 165, 0],
      [391, 70, 1, 327, 85, 128, 99, 42, 346, 131, 0],
    ]);
    expect(before.customers.length).toBe(2718);
  });

  test("tiers4, default dates", () => {
    const { migration: m } = migrationOverTime(table, { scheme: "tiers4" });
    expect(m.from).toEqual([
      "Top Customers",
      "At-Risk Customers",
      "Loyal Customers",
      "Potential Customers",
      "Other",
      "new",
    ]);
    expect(m.counts).toEqual([
      [510, 132, 124, 0, 0, 0],
      [104, 313, 84, 70, 60, 0],
      [153, 137, 119, 0, 0, 0],
      [115, 236, 103, 179, 220, 0],
      [23, 24, 23, 170, 477, 0],
      [57, 42, 45, 751, 67, 0],
    ]);
  });
});
