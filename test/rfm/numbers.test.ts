import fc from "fast-check";
import { analyze } from "../../src/rfm/analyze";
import { decimalEvidence, detectDecimalMark, parseFormattedNumber } from "../../src/rfm/numbers";
import { cellNumber } from "../../src/rfm/read";

describe("formatted numbers", () => {
  test.each([
    ["1,234.50", 1234.5],
    ["£5", 5],
    ["€7", 7],
    ["7 €", 7],
    ["$1,000,000", 1000000],
    ["(5.00)", -5],
    ["-£5", -5],
    ["£-5", -5],
    ["1 000", 1000],
    ["1\u00a0000.25", 1000.25],
    ["1'234.5", 1234.5],
    ["EUR 12.40", 12.4],
    ["5-", -5],
  ])("%p reads as %p with a decimal point", (text, value) => {
    expect(parseFormattedNumber(text, ".")).toBe(value);
    expect(cellNumber(text)).toBe(value);
  });

  test.each([
    ["7,5", 7.5],
    ["1.234,50", 1234.5],
    ["1 234,50", 1234.5],
    ["€ 12,99", 12.99],
    ["(3,25)", -3.25],
  ])("%p reads as %p with a decimal comma", (text, value) => {
    expect(parseFormattedNumber(text, ",")).toBe(value);
    expect(cellNumber(text, ",")).toBe(value);
  });

  test.each(["abc", "1,23,4", "1.2.3", "12 apples", "--5", "£", "1,234.50.1", "()"])("%p is not a number", (text) => {
    expect(parseFormattedNumber(text, ".")).toBeNaN();
  });

  test("which decimal mark a cell can be read with", () => {
    expect(decimalEvidence("7.5")).toBe(".");
    expect(decimalEvidence("7,5")).toBe(",");
    expect(decimalEvidence("1,234")).toBe("both");
    expect(decimalEvidence("x")).toBeNull();
  });

  test("the decimal mark is detected from the data", () => {
    expect(detectDecimalMark([["7,5", "12,99", 3]])).toBe(",");
    expect(detectDecimalMark([["1,234.50", "7,5"]])).toBe(".");
    expect(detectDecimalMark([["1,234", "2,000"]])).toBe(".");
    expect(detectDecimalMark([[1.5, 2]])).toBe(".");
  });

  test("property: a number written with thousands separators and a currency reads back", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const abs = Math.abs(whole);
        const grouped = abs.toLocaleString("en-US");
        const text = `${whole < 0 ? "-" : ""}$${grouped}.${String(cents).padStart(2, "0")}`;
        const expected = (whole < 0 ? -1 : 1) * (abs + cents / 100);
        expect(parseFormattedNumber(text, ".")).toBeCloseTo(expected, 6);
        const euro = `${abs.toLocaleString("de-DE")},${String(cents).padStart(2, "0")} €`;
        expect(parseFormattedNumber(euro, ",")).toBeCloseTo(abs + cents / 100, 6);
      }),
    );
  });
});

describe("the engine reads formatted money instead of dropping it", () => {
  const header = ["Customer", "Date", "Amount"];
  test("thousands separators, currency and accounting negatives", () => {
    const r = analyze([
      header,
      ["A", "2011-01-01", "1,234.50"],
      ["B", "2011-01-02", "£5"],
      ["C", "2011-01-03", "€7"],
      ["D", "2011-01-04", "1 000"],
    ]);
    expect(r.rowsUsed).toBe(4);
    expect(r.customers.find((c) => c.id === "A")?.monetary).toBe(1234.5);
    expect(r.customers.find((c) => c.id === "D")?.monetary).toBe(1000);
  });

  test("a European file's decimal commas are detected, and can be forced", () => {
    const rows = [header, ["A", "2011-01-01", "7,5"], ["B", "2011-01-02", "1.234,50"], ["C", "2011-01-03", "12"]];
    const r = analyze(rows);
    expect(r.rowsUsed).toBe(3);
    expect(r.customers.find((c) => c.id === "A")?.monetary).toBe(7.5);
    expect(r.customers.find((c) => c.id === "B")?.monetary).toBe(1234.5);
    const forced = analyze([header, ["A", "2011-01-01", "1,234"]], { decimalMark: "," });
    expect(forced.customers[0].monetary).toBeCloseTo(1.234, 12);
  });

  test("a rule that drops more than 1% of the rows is warned about with three example rows", () => {
    const rows: unknown[][] = [header];
    for (let i = 0; i < 200; i++) rows.push([`C${i}`, "2011-01-01", i < 10 ? "ten pounds" : 10]);
    const r = analyze(rows as never);
    expect(r.warnings).toContainEqual(
      "Left out 10 of 200 rows (5.0%): Rows whose amount is empty or not a number (for example rows 2, 3, 4).",
    );
  });
});
