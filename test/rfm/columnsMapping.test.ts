/**
 * Mapping checks before anything is written (mappingCheck.ts) and money columns recognised with a unit in the header.
 */
import { checkMapping, planColumns } from "../../src/rfm";
import { headerWithoutUnit } from "../../src/rfm/columns";
import type { Cell } from "../../src/rfm/types";
import { loadOnlineRetail } from "../helpers/realData";

describe("money columns by header", () => {
  test.each(["Total (EUR)", "Amount", "Sales", "Revenue", "Sales [£]", "Revenue in USD", "£ Amount", "Amount €"])(
    "%s is the amount column",
    (header) => {
      expect(planColumns(["Customer", "Date", header]).columns.amount).toBe(2);
    },
  );

  test("the unit is stripped only for matching; an exact alias still wins", () => {
    expect(headerWithoutUnit("Total (EUR)")).toBe("Total");
    expect(headerWithoutUnit("Description")).toBe("Description");
    expect(planColumns(["Customer", "Date", "Amount (EUR)", "Amount"]).columns.amount).toBe(3);
  });
});

/** A column table of `n` rows. */
function table(headers: string[], row: (i: number) => Cell[], n: number) {
  const columns: Cell[][] = headers.map(() => new Array<Cell>(n));
  for (let i = 0; i < n; i++) row(i).forEach((v, j) => (columns[j][i] = v));
  return { headers, columns };
}

describe("checkMapping", () => {
  const headers = ["Customer", "Date", "Amount", "Country", "Description"];
  const countries = ["UK", "France", "Germany", "Spain"];
  const row = (i: number): Cell[] => [
    1000 + (i % 3000),
    40000 + (i % 300),
    `£${(i % 50) + 1}.50`,
    countries[i % 4],
    `ITEM ${i % 17}`,
  ];

  test("a sensible mapping has no issue", () => {
    expect(checkMapping(table(headers, row, 12_000))).toEqual([]);
  });

  test("customer mapped to a column with few values in many rows: a warning naming the column and counts", () => {
    const issues = checkMapping(table(headers, row, 12_000), { mapping: { customer: "Country" } });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ level: "warning", field: "customer", column: "Country" });
    expect(issues[0].message).toMatch(/"Country" has only 4 different values in 12,000 rows/);
  });

  test("few customers in a small sheet are not questioned", () => {
    expect(checkMapping(table(headers, row, 5000), { mapping: { customer: "Country" } })).toEqual([]);
  });

  test("date mapped to a text column: an error naming the column and examples", () => {
    const issues = checkMapping(table(headers, row, 500), { mapping: { date: "Description" } });
    expect(issues[0]).toMatchObject({ level: "error", field: "date", column: "Description" });
    expect(issues[0].message).toMatch(/"Description" does not hold dates: 500 of 500 cells .* "ITEM 0", "ITEM 1"/);
  });

  test("text dates and a few bad cells pass", () => {
    const t = table(headers, (i) => [i, i % 20 === 0 ? "n/a" : `0${(i % 9) + 1}/12/2011`, 5, "UK", "x"], 400);
    expect(checkMapping(t)).toEqual([]);
  });

  test("money mapped to text the number rules cannot read: an error; formatted money is read", () => {
    const issues = checkMapping(table(headers, row, 500), { mapping: { amount: "Country" } });
    expect(issues[0]).toMatchObject({ level: "error", field: "amount", column: "Country" });
    expect(issues[0].message).toMatch(/cannot be read as numbers \(e\.g\. "UK", "France", "Germany"\)/);
    const euro = table(headers, (i) => [i, 40000 + i, `${i},50 €`, "DE", "x"], 300);
    expect(checkMapping(euro)).toEqual([]);
  });

  test("errors come before warnings", () => {
    const issues = checkMapping(table(headers, row, 12_000), { mapping: { customer: "Country", date: "Description" } });
    expect(issues.map((i) => i.level)).toEqual(["error", "warning"]);
  });

  test("Online Retail: 4,372 customers in 541,909 rows is normal", () => {
    expect(checkMapping(loadOnlineRetail())).toEqual([]);
    const wrong = checkMapping(loadOnlineRetail(), { mapping: { customer: "Country" } });
    expect(wrong[0].message).toMatch(/"Country" has only 38 different values in 541,909 rows/);
  });
});
