import { analyze } from "../../src/rfm/analyze";
import { RfmError } from "../../src/rfm/errors";
import type { RfmOptions, RowTable } from "../../src/rfm/types";
import { smallRetailRows, toColumns } from "../fixtures/smallRetail";

/*
 * Paper derivation for test/fixtures/small_retail.csv (header = sheet row 1, data rows 2..24).
 *
 * Cleaning (default): row 24 has no customer (missingCustomer); row 10 is C1008 (cancelledInvoice); row 16 has unit
 * price 0 (nonPositivePrice); row 19 has the date "not a date" (unparsableDate). 19 rows are kept.
 * Latest kept time: 2011-03-10 10:00 (invoice 1001; row 24 at 11:00 was dropped) → snapshot 2011-03-11 10:00.
 *
 * Customers (ascending id: numbers, then the text id A1), last purchase → Recency (whole days), Frequency, Monetary:
 *   101  03-10 10:00 → 1     F 1   M 2×5 = 10
 *   102  02-01 09:00 → 38    F 2   M 100 + 2×50 = 200   ("102.0" is customer 102)
 *   103  03-01 12:00 → 9     F 1   M 10×1.5 + 4×2.5 = 25 (two lines, one invoice)
 *   104  02-15 08:00 → 24    F 3   M 20+20+20 = 60      (C1008 dropped)
 *   105  2010-12-05 10:00 → 96  F 1  M 3×100 = 300     (26 + 31 + 28 + 11 days)
 *   106  03-09 15:00 → 1     F 4   M 7+8+9+10 = 34
 *   107  02-27 10:00 → 12    F 1   M 45                 (invoice 1014 at price 0 dropped)
 *   108  03-08 10:00 → 3     F 2   M 500 + 500 = 1000   (invoice 1017 with a bad date dropped)
 *   109  03-09 08:00 → 2     F 1   M 2
 *   A1   03-02 10:00 → 9     F 2   M 80 + 70 = 150
 *
 * Quantile edges (numpy linear, index (n-1)p = 9p at p = .2 .4 .6 .8 → 1.8, 3.6, 5.4, 7.2):
 *   Recency sorted 1 1 2 3 9 9 12 24 38 96 → 1.8, 3 + 6×.6 = 6.6, 9 + 3×.4 = 10.2, 24 + 14×.2 = 26.8
 *     edges [1, 1.8, 6.6, 10.2, 26.8, 96]; bins (right-closed) → R = 6 - bin:
 *     1 → 5; 2, 3 → 4; 9 → 3; 12, 24 → 2; 38, 96 → 1.
 *   Frequency in id order 1 2 1 3 1 4 1 2 1 2 → rank(first): 1 6 2 9 3 10 4 7 5 8;
 *     edges of ranks 1..10: [1, 2.8, 4.6, 6.4, 8.2, 10] → ranks 1-2 → 1, 3-4 → 2, 5-6 → 3, 7-8 → 4, 9-10 → 5
 *     → F = 1 3 1 5 2 5 2 4 3 4.
 *   Monetary sorted 2 10 25 34 45 60 150 200 300 1000 → 10 + 15×.8 = 22, 34 + 11×.6 = 40.6, 60 + 90×.4 = 96,
 *     200 + 100×.2 = 220 → edges [2, 22, 40.6, 96, 220, 1000] → M = 1 4 2 3 5 2 3 5 1 4.
 *
 * Segments (rf10, R×F map):
 *   101 R5 F1 new_customers; 102 R1 F3 at_risk; 103 R3 F1 about_to_sleep; 104 R2 F5 cant_lose;
 *   105 R1 F2 hibernating; 106 R5 F5 champions; 107 R2 F2 hibernating; 108 R4 F4 loyal_customers;
 *   109 R4 F3 potential_loyalists; A1 R3 F4 loyal_customers.
 */
const EXPECTED = [
  ["101", 1, 1, 10, 5, 1, 1, "new_customers"],
  ["102", 38, 2, 200, 1, 3, 4, "at_risk"],
  ["103", 9, 1, 25, 3, 1, 2, "about_to_sleep"],
  ["104", 24, 3, 60, 2, 5, 3, "cant_lose"],
  ["105", 96, 1, 300, 1, 2, 5, "hibernating"],
  ["106", 1, 4, 34, 5, 5, 2, "champions"],
  ["107", 12, 1, 45, 2, 2, 3, "hibernating"],
  ["108", 3, 2, 1000, 4, 4, 5, "loyal_customers"],
  ["109", 2, 1, 2, 4, 3, 1, "potential_loyalists"],
  ["A1", 9, 2, 150, 3, 4, 4, "loyal_customers"],
];

const utc = (y: number, mo: number, d: number, h = 0, mi = 0): number => Date.UTC(y, mo - 1, d, h, mi);

function table(r: RowTable) {
  return r.map((row) => [...row]);
}

describe("hand-made fixture, default options", () => {
  const result = analyze(smallRetailRows());

  test("customers, values, scores and segments match the paper derivation", () => {
    const got = result.customers.map((c) => [c.id, c.recency, c.frequency, c.monetary, c.r, c.f, c.m, c.segment]);
    expect(got).toEqual(EXPECTED);
  });

  test("codes, score sums, purchase dates, country of the last transaction", () => {
    const c104 = result.customers[3];
    expect(c104.rfm).toBe("253");
    expect(c104.score).toBe(10);
    expect(c104.firstPurchase).toBe(utc(2010, 12, 1, 8));
    expect(c104.lastPurchase).toBe(utc(2011, 2, 15, 8));
    expect(c104.country).toBe("Germany"); // 1005/1006 were France, the last (1007) Germany
    expect(result.customers[9].country).toBe("EIRE");
  });

  test("edges", () => {
    const close = (a: number[], b: number[]) => b.forEach((v, i) => expect(a[i]).toBeCloseTo(v, 9));
    close(result.edges.recency, [1, 1.8, 6.6, 10.2, 26.8, 96]);
    close(result.edges.frequency, [1, 2.8, 4.6, 6.4, 8.2, 10]);
    close(result.edges.monetary, [2, 22, 40.6, 96, 220, 1000]);
    // No coinciding edges; the warnings: the unreadable date, each rule that left out over 1% of this small sheet, and
    // the Frequency ties that rank scoring split.
    expect(result.warnings).toEqual([
      '1 row was left out because the date in column "InvoiceDate" cannot be read (row 19).',
      "Left out 1 of 23 rows (4.3%): Rows without a customer id (for example row 24).",
      'Left out 1 of 23 rows (4.3%): Cancellations (invoice number starting with "C") (for example row 10).',
      "Left out 1 of 23 rows (4.3%): Rows with a unit price of 0 or less (for example row 16).",
      expect.stringMatching(/^8 customers share a Frequency value with others but got different scores/),
    ]);
  });

  test("snapshot, exclusions log, counts", () => {
    expect(result.snapshot).toBe(utc(2011, 3, 11, 10));
    expect(result.rowsRead).toBe(23);
    expect(result.rowsUsed).toBe(19);
    expect(result.exclusions).toEqual([
      { rule: "missingCustomer", description: "Rows without a customer id", count: 1, exampleRows: [24] },
      {
        rule: "cancelledInvoice",
        description: 'Cancellations (invoice number starting with "C")',
        count: 1,
        exampleRows: [10],
      },
      { rule: "nonPositivePrice", description: "Rows with a unit price of 0 or less", count: 1, exampleRows: [16] },
      { rule: "unparsableDate", description: "Rows whose date cannot be read", count: 1, exampleRows: [19] },
    ]);
    expect(result.totalRevenue).toBe(1826);
    expect(result.mapping).toEqual({ invoice: 0, quantity: 3, date: 4, unitPrice: 5, customer: 6, country: 7 });
    expect(result.bins).toBe(5);
    expect(result.scoring).toBe("quantile");
    expect(result.scheme.id).toBe("rf10");
  });

  test("rowCustomer points each kept row at its customer, -1 for excluded rows", () => {
    // data rows 0..22 = sheet rows 2..24
    expect(Array.from(result.rowCustomer)).toEqual([
      0, 1, 1, 2, 2, 3, 3, 3, -1, 4, 5, 5, 5, 5, -1, 6, 7, -1, 7, 8, 9, 9, -1,
    ]);
  });

  test("segment summary in scheme order with shares and means", () => {
    const s = result.segments.map((x) => [x.label, x.customers, x.revenue]);
    expect(s).toEqual([
      ["hibernating", 2, 345],
      ["at_risk", 1, 200],
      ["cant_lose", 1, 60],
      ["about_to_sleep", 1, 25],
      ["loyal_customers", 2, 1150],
      ["new_customers", 1, 10],
      ["potential_loyalists", 1, 2],
      ["champions", 1, 34],
    ]);
    const loyal = result.segments[4];
    expect(loyal.customerShare).toBeCloseTo(0.2, 12);
    expect(loyal.revenueShare).toBeCloseTo(1150 / 1826, 12);
    expect(loyal.meanRecency).toBe(6); // (3 + 9) / 2
    expect(loyal.meanFrequency).toBe(2);
    expect(loyal.meanMonetary).toBe(575);
    expect(loyal.name).toBeTruthy();
    expect(loyal.description).toBeTruthy();
    expect(loyal.action).toBeTruthy();
  });
});

describe("input forms and options", () => {
  const base = analyze(smallRetailRows());
  const strip = (r: ReturnType<typeof analyze>) => r.customers;

  test("column-major input and all-text cells give the same result", () => {
    expect(strip(analyze(toColumns(smallRetailRows())))).toEqual(strip(base));
    expect(strip(analyze(smallRetailRows(true)))).toEqual(strip(base));
  });

  test("header row number shifts the row numbers in the log", () => {
    const r = analyze(smallRetailRows(), { headerRowNumber: 5 });
    expect(r.exclusions[0].exampleRows).toEqual([28]);
  });

  test("snapshot option", () => {
    const r = analyze(smallRetailRows(), { snapshot: "2011-03-20" });
    // 101: 2011-03-10 10:00 → 2011-03-20 00:00 = 9 days 14 h → 9
    expect(r.customers[0].recency).toBe(9);
    expect(() => analyze(smallRetailRows(), { snapshot: "soon" })).toThrow(/Snapshot date "soon" cannot be read/);
  });

  test("cleaning switches: keep cancellations and zero prices, drop negative quantities", () => {
    const r = analyze(smallRetailRows(), {
      cleaning: { dropCancelledInvoices: false, dropNonPositivePrice: false, dropNegativeQuantity: true },
    });
    expect(r.exclusions.map((e) => [e.rule, e.count])).toEqual([
      ["missingCustomer", 1],
      ["negativeQuantity", 1],
      ["unparsableDate", 1],
    ]);
    const c107 = r.customers.find((c) => c.id === "107");
    expect([c107?.frequency, c107?.monetary, c107?.recency]).toEqual([2, 45, 11]); // 1014 at price 0 now counts
  });

  test("missing customers kept as one customer with an empty id when asked", () => {
    const r = analyze(smallRetailRows(), { cleaning: { dropMissingCustomer: false } });
    expect(r.customers.map((c) => c.id)).toEqual([
      "101",
      "102",
      "103",
      "104",
      "105",
      "106",
      "107",
      "108",
      "109",
      "",
      "A1",
    ]);
    expect(r.warnings.join(" ")).toContain("1 row without a customer id were kept");
  });

  test("unreadable dates as an error when not dropped", () => {
    let err: unknown;
    try {
      analyze(smallRetailRows(), { cleaning: { dropUnparsableDates: false } });
    } catch (e) {
      err = e;
    }
    expect((err as RfmError).code).toBe("badDate");
    expect((err as RfmError).rows).toEqual([19]);
    expect((err as RfmError).message).toContain(
      '1 row has a date that cannot be read in column "InvoiceDate" (row 19)',
    );
  });

  test("unreadable dates are a warning naming the rows", () => {
    const rows = table(smallRetailRows());
    rows[3][4] = "31/02/2011";
    const r = analyze(rows);
    expect(r.warnings.some((w) => w.includes("cannot be read (rows 4, 19)"))).toBe(true);
  });

  test("bins 3 and bins 10 codes", () => {
    const r3 = analyze(smallRetailRows(), { bins: 3 });
    for (const c of r3.customers) for (const s of [c.r, c.f, c.m]) expect(s >= 1 && s <= 3).toBe(true);
    const r10 = analyze(smallRetailRows(), { bins: 10 });
    expect(r10.customers[0].rfm).toMatch(/^\d+-\d+-\d+$/);
    expect(() => analyze(smallRetailRows(), { bins: 11 })).toThrow(RfmError);
  });

  test("fixed cut-points", () => {
    const opts: RfmOptions = {
      scoring: "fixed",
      cutPoints: { recency: [2, 10, 30, 60], frequency: [1, 2, 3, 4], monetary: [10, 50, 100, 500] },
    };
    const r = analyze(smallRetailRows(), opts);
    // 108: R 3 → (2,10] bin 2 → 4; F 2 → (1,2] bin 2; M 1000 → bin 5.
    const c = r.customers.find((x) => x.id === "108");
    expect([c?.r, c?.f, c?.m]).toEqual([4, 2, 5]);
    expect(() => analyze(smallRetailRows(), { scoring: "fixed", cutPoints: { recency: [1, 2] } })).toThrow(
      "Recency cut-points: expected 4 numbers for 5 bins, found 2 (1, 2).",
    );
  });

  test("tiers4 scheme", () => {
    const r = analyze(smallRetailRows(), { scheme: "tiers4" });
    // 108: R4 F4 M5 → Top Customers; 102: R1 F3 → At-Risk Customers.
    expect(r.customers.find((c) => c.id === "108")?.segment).toBe("Top Customers");
    expect(r.customers.find((c) => c.id === "102")?.segment).toBe("At-Risk Customers");
  });

  test("bad options and unknown scheme", () => {
    expect(() => analyze(smallRetailRows(), { scheme: "nope" })).toThrow(/Unknown scheme "nope"/);
    expect(() => analyze(smallRetailRows(), { scoring: "x" as never })).toThrow(/Unknown scoring method "x"/);
    expect(() => analyze(smallRetailRows(), { monetarySource: "x" as never })).toThrow(/Unknown monetary source/);
    expect(() => analyze(smallRetailRows(), { preset: "x" as never })).toThrow(/Unknown preset/);
    expect(() => analyze(smallRetailRows(), { dateOrder: "ymd" as never })).toThrow(/Date order must be/);
  });
});

describe("errors on empty or fully excluded tables", () => {
  const header = ["InvoiceNo", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID"];
  test("no rows at all", () => {
    expect(() => analyze([])).toThrow(expect.objectContaining({ code: "emptyTable" }));
    expect(() => analyze([header])).toThrow("The table has a header row but no data rows.");
    expect(() => analyze({ headers: header, columns: header.map(() => []) })).toThrow(
      expect.objectContaining({ code: "emptyTable" }),
    );
    expect(() => analyze([header, ["", "", "", "", ""], []])).toThrow(
      "The table has a header row but every data row is empty.",
    );
  });
  test("every row excluded", () => {
    const rows: RowTable = [header, [1, 1, "2011-01-01", 2, ""], ["C2", -1, "2011-01-01", 2, 5]];
    let err: unknown;
    try {
      analyze(rows);
    } catch (e) {
      err = e;
    }
    expect((err as RfmError).code).toBe("noCustomers");
    expect((err as RfmError).message).toBe(
      "No customers left after cleaning: all 2 data rows were excluded. Rows without a customer id: 1 (e.g. row 2); " +
        'Cancellations (invoice number starting with "C"): 1 (e.g. row 3).',
    );
  });
  test("missing column lists the headers", () => {
    expect(() =>
      analyze([
        ["Foo", "Bar"],
        [1, 2],
      ]),
    ).toThrow(/^Column "Customer ID" not found \(looked for .*\)\. Headers found: Foo, Bar\.$/);
  });
  test("non-numeric quantity counted under missingValue, blank rows under emptyRow", () => {
    const rows: RowTable = [
      header,
      [1, "two", "2011-01-01", 2, 5],
      ["", "", "", "", ""],
      [2, 3, "2011-01-02", 2, 5],
      [3, 1, "2011-01-03", "", 5],
      ["", 1, "2011-01-03", 1, 5],
    ];
    const r = analyze(rows);
    expect(r.exclusions.filter((e) => e.count > 0).map((e) => [e.rule, e.count, e.exampleRows])).toEqual([
      ["emptyRow", 1, [3]],
      ["missingInvoice", 1, [6]],
      ["missingValue", 2, [2, 5]],
    ]);
    expect(r.customers.map((c) => [c.id, c.frequency, c.monetary])).toEqual([["5", 1, 6]]);
  });
});

describe("date forms in a sheet", () => {
  const header = ["CustomerID", "Date", "Amount"];
  test("Excel serials (1900 and 1904)", () => {
    const rows: RowTable = [header, [1, 40886, 10], [2, 40885.5, 20]];
    const r = analyze(rows);
    expect(r.snapshot).toBe(utc(2011, 12, 10));
    expect(r.customers.map((c) => c.recency)).toEqual([1, 1]);
    const r1904 = analyze(rows, { dateSystem: "1904" });
    expect(r1904.customers[0].lastPurchase).toBe(utc(2015, 12, 10)); // 40886 + 1462 days
  });
  test("d/m text detected as dmy from a day above 12", () => {
    const r = analyze([header, [1, "3/4/2011", 10], [2, "25/4/2011", 20]]);
    expect(r.customers[0].lastPurchase).toBe(utc(2011, 4, 3));
    expect(r.warnings.filter((w) => /Date/.test(w))).toEqual([]);
  });
  test("m/d text detected as mdy", () => {
    const r = analyze([header, [1, "3/4/2011", 10], [2, "4/25/2011", 20]]);
    expect(r.customers[0].lastPurchase).toBe(utc(2011, 3, 4));
  });
  test("ambiguous text: dmy with a warning", () => {
    const r = analyze([header, [1, "3/4/2011", 10], [2, "5/4/2011", 20]]);
    expect(r.customers[0].lastPurchase).toBe(utc(2011, 4, 3));
    expect(r.warnings[0]).toMatch(/^Dates in column "Date" such as 3\/4\/2011 could be day-first or month-first/);
  });
  test("explicit order wins", () => {
    const r = analyze([header, [1, "3/4/2011", 10], [2, "5/4/2011", 20]], { dateOrder: "mdy" });
    expect(r.customers[0].lastPurchase).toBe(utc(2011, 3, 4));
    expect(r.warnings.filter((w) => /Date/.test(w))).toEqual([]);
  });
  test("mixed orders are an error", () => {
    expect(() => analyze([header, [1, "13/4/2011", 10], [2, "4/13/2011", 20]])).toThrow(
      expect.objectContaining({ code: "badDate", rows: [2, 3] }),
    );
  });
});

describe("order-level data", () => {
  const header = ["customer_id", "order_date", "revenue"];
  const rows: RowTable = [
    header,
    ["Ann", "2006-12-01", 10],
    ["Bob", "2006-11-01", 20],
    ["Ann", "2006-12-01", 5],
    ["Ann", "2006-10-01", 0],
  ];
  test("without an order id each row is one order; amount ≤ 0 dropped", () => {
    const r = analyze(rows, { snapshot: "2006-12-31" });
    expect(r.customers.map((c) => [c.id, c.recency, c.frequency, c.monetary])).toEqual([
      ["Ann", 30, 2, 15],
      ["Bob", 60, 1, 20],
    ]);
    expect(r.exclusions.find((e) => e.rule === "nonPositivePrice")).toEqual({
      rule: "nonPositivePrice",
      description: "Rows with an amount of 0 or less",
      count: 1,
      exampleRows: [5],
    });
  });
  test("with an order id, distinct ids count", () => {
    const withId: RowTable = [
      ["customer_id", "order_id", "order_date", "revenue"],
      ["Ann", 1, "2006-12-01", 10],
      ["Ann", 1, "2006-12-01", 5],
      ["Ann", 2, "2006-12-02", 5],
    ];
    expect(analyze(withId).customers[0].frequency).toBe(2);
  });
  test("r-rfm preset uses the R rules and the r-rfm scheme", () => {
    const r = analyze(rows, { preset: "r-rfm", snapshot: "2006-12-31" });
    expect(r.scoring).toBe("r-rfm");
    expect(r.scheme.id).toBe("r-rfm");
  });
  test("both an amount column and quantity × price: amount by default, with a warning; lines on request", () => {
    const both: RowTable = [
      ["CustomerID", "InvoiceNo", "InvoiceDate", "Quantity", "UnitPrice", "Total"],
      [1, 10, "2011-01-01", 2, 3, 7],
    ];
    const auto = analyze(both);
    expect(auto.customers[0].monetary).toBe(7);
    expect(auto.warnings.join(" ")).toContain('Both an amount column ("Total") and Quantity × Unit price');
    expect(analyze(both, { monetarySource: "lines" }).customers[0].monetary).toBe(6);
  });
});

describe("ties", () => {
  test("ten identical customers: pandas-compatible scores by id order, and a warning that says so", () => {
    const rows = [["Customer", "Date", "Amount"], ...Array.from({ length: 10 }, (_, i) => [i + 1, "2011-06-01", 50])];
    const r = analyze(rows);
    expect(new Set(r.customers.map((c) => c.f)).size).toBeGreaterThan(1);
    expect(r.warnings).toContainEqual(
      expect.stringMatching(
        /^10 customers share a Frequency value with others but got different scores \(Frequency 1\)/,
      ),
    );
  });
});
