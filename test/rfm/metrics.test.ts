import { resolveColumns, resolveMoney } from "../../src/rfm/columns";
import { computeMetrics } from "../../src/rfm/metrics";
import { readRows, viewTable } from "../../src/rfm/read";
import type { RowTable } from "../../src/rfm/types";

const HEADER = ["InvoiceNo", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"];

function metrics(rows: RowTable, snapshot?: string) {
  const view = viewTable(rows);
  const mapping = resolveColumns(view.headers);
  const read = readRows(view, mapping, resolveMoney(mapping, view.headers, "auto"));
  return computeMetrics(read, { snapshot, country: view.column(mapping.country as number) });
}

describe("computeMetrics", () => {
  test("snapshot = latest time + 1 day keeping the time; recency floors whole days", () => {
    const m = metrics([
      HEADER,
      [1, 1, "2011-12-09 12:50:00", 1, 1, "UK"],
      [2, 1, "2011-12-08 12:51:00", 1, 2, "UK"], // 1 day 23:59 before the snapshot → 1
      [3, 1, "2011-12-08 12:50:00", 1, 3, "UK"], // exactly 2 days → 2
    ]);
    expect(m.snapshot).toBe(Date.UTC(2011, 11, 10, 12, 50));
    expect(Array.from(m.recency)).toEqual([1, 1, 2]);
  });

  test("an invoice shared by two customers counts for each; repeated lines of one invoice count once", () => {
    const m = metrics([
      HEADER,
      [7, 1, "2011-01-01", 1, 1, "UK"],
      [7, 1, "2011-01-01", 1, 2, "UK"],
      [7, 1, "2011-01-01", 1, 1, "UK"],
      [7, 1, "2011-01-01", 1, 2, "UK"],
      [8, 1, "2011-01-02", 1, 2, "UK"],
    ]);
    expect(Array.from(m.frequency)).toEqual([1, 2]);
    expect(Array.from(m.monetary)).toEqual([2, 3]);
  });

  test("Kahan summation: ten lines of 0.1 sum to 1 (a plain running sum gives 0.9999999999999999)", () => {
    const rows: RowTable = [HEADER];
    for (let i = 0; i < 10; i++) rows.push([i, 1, "2011-01-01", 0.1, 1, "UK"]);
    let plain = 0;
    for (let i = 0; i < 10; i++) plain += 0.1;
    expect(plain).toBe(0.9999999999999999);
    expect(metrics(rows).monetary[0]).toBe(1);
  });

  test("customers in id order; first and last purchase; country of the last purchase", () => {
    const m = metrics([
      HEADER,
      [1, 1, "2011-03-01", 1, "b", "Spain"],
      [2, 1, "2011-01-01", 1, 20, "France"],
      [3, 1, "2011-02-01", 1, 3, "Italy"],
      [4, 1, "2011-04-01", 1, 20, "Germany"],
      [5, 1, "2011-02-15", 1, 20, "Austria"],
    ]);
    expect(m.ids).toEqual(["3", "20", "b"]);
    expect(m.firstPurchase[1]).toBe(Date.UTC(2011, 0, 1));
    expect(m.lastPurchase[1]).toBe(Date.UTC(2011, 3, 1));
    expect(m.country).toEqual(["Italy", "Germany", "Spain"]);
    // rowCustomer is in final (sorted) order
    expect(Array.from(m.rowCustomer)).toEqual([2, 1, 0, 1, 1]);
  });

  test("same last time in two countries: the alphabetically first, whatever the row order", () => {
    const a = metrics([HEADER, [1, 1, "2011-01-01", 1, 9, "Norway"], [2, 1, "2011-01-01", 1, 9, "Denmark"]]);
    const b = metrics([HEADER, [2, 1, "2011-01-01", 1, 9, "Denmark"], [1, 1, "2011-01-01", 1, 9, "Norway"]]);
    expect(a.country).toEqual(["Denmark"]);
    expect(b.country).toEqual(["Denmark"]);
  });

  test("a snapshot before a purchase gives negative recency and a warning", () => {
    const m = metrics([HEADER, [1, 1, "2011-01-10", 1, 1, "UK"], [2, 1, "2010-12-31", 1, 2, "UK"]], "2011-01-01");
    expect(Array.from(m.recency)).toEqual([-9, 1]);
    expect(m.warnings).toEqual([
      "The snapshot date 2011-01-01 00:00:00 is before the last purchase of 1 customer, so their Recency is negative.",
    ]);
  });
});
