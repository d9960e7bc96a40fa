import { resolveColumns, resolveMoney } from "../../src/rfm/columns";
import { RfmError } from "../../src/rfm/errors";
import { cellNumber, readRows, viewTable } from "../../src/rfm/read";
import type { CleaningOptions, RowTable } from "../../src/rfm/types";

const HEADER = ["InvoiceNo", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID"];

function read(rows: RowTable, cleaning: Partial<CleaningOptions> = {}, headerRowNumber?: number) {
  const view = viewTable(rows);
  const mapping = resolveColumns(view.headers);
  const plan = resolveMoney(mapping, view.headers, "auto");
  return readRows(view, mapping, plan, { cleaning, headerRowNumber });
}

describe("cellNumber", () => {
  test("numbers, numeric text, and everything else", () => {
    expect(cellNumber(2.5)).toBe(2.5);
    expect(cellNumber(" 2.5 ")).toBe(2.5);
    expect(cellNumber("-3")).toBe(-3);
    expect(cellNumber("")).toBeNaN();
    expect(cellNumber("two")).toBeNaN();
    expect(cellNumber(true)).toBeNaN();
    expect(cellNumber(null)).toBeNaN();
  });
});

describe("readRows", () => {
  test("a row failing several rules counts under the first one only", () => {
    // Row 2: no customer AND a C invoice AND price 0 → missingCustomer only.
    // Row 3: C invoice AND negative quantity AND price 0 → cancelledInvoice only.
    // Row 4: negative quantity AND price 0 → negativeQuantity (switched on) only.
    // Row 5: price 0 AND bad date → nonPositivePrice only.
    // Row 6: bad date AND non-numeric quantity → unparsableDate only.
    const rows: RowTable = [
      HEADER,
      ["C1", -1, "2011-01-01", 0, ""],
      ["C2", -1, "2011-01-01", 0, 5],
      [3, -1, "2011-01-01", 0, 5],
      [4, 1, "never", 0, 5],
      [5, "x", "never", 1, 5],
      [6, 1, "2011-01-01", 1, 5],
    ];
    const r = read(rows, { dropNegativeQuantity: true });
    expect(r.exclusions.map((e) => [e.rule, e.count, e.exampleRows])).toEqual([
      ["missingCustomer", 1, [2]],
      ["cancelledInvoice", 1, [3]],
      ["negativeQuantity", 1, [4]],
      ["nonPositivePrice", 1, [5]],
      ["unparsableDate", 1, [6]],
    ]);
    expect(r.keptCount).toBe(1);
    expect(Array.from(r.customer)).toEqual([-1, -1, -1, -1, -1, 0]);
  });

  test("switched-off rules are not listed and let rows through", () => {
    const rows: RowTable = [HEADER, ["C2", -1, "2011-01-01", 0, 5]];
    const r = read(rows, { dropCancelledInvoices: false, dropNonPositivePrice: false });
    expect(r.exclusions.map((e) => e.rule)).toEqual(["missingCustomer", "unparsableDate"]);
    expect(r.keptCount).toBe(1);
    expect(r.money[0]).toBe(-0);
  });

  test("cancellation prefix is case-insensitive and ignores leading spaces", () => {
    const rows: RowTable = [
      HEADER,
      ["c7", 1, "2011-01-01", 1, 5],
      [" C8", 1, "2011-01-01", 1, 5],
      ["A9", 1, "2011-01-01", 1, 5],
    ];
    expect(read(rows).exclusions[1]).toMatchObject({ rule: "cancelledInvoice", count: 2, exampleRows: [2, 3] });
  });

  test("example rows stop at 20, counts do not; header row number shifts them", () => {
    const rows: RowTable = [HEADER];
    for (let i = 0; i < 30; i++) rows.push([i, 1, "2011-01-01", 1, ""]);
    rows.push([99, 1, "2011-01-01", 1, 5]);
    const r = read(rows, {}, 3);
    expect(r.exclusions[0].count).toBe(30);
    expect(r.exclusions[0].exampleRows).toEqual(Array.from({ length: 20 }, (_, i) => i + 4));
  });

  test("ids: 12346, '12346' and '12346.0' are one customer; invoice 10 and '10' are one invoice", () => {
    const rows: RowTable = [
      HEADER,
      [10, 1, "2011-01-01", 1, 12346],
      ["10", 1, "2011-01-01", 1, "12346.0"],
      [11, 1, "2011-01-02", 1, "12346"],
      [11, 1, "2011-01-02", 1, " Anna "],
    ];
    const r = read(rows);
    expect(r.customerIds).toEqual(["12346", "Anna"]);
    expect(Array.from(r.customer)).toEqual([0, 0, 0, 1]);
    expect(Array.from(r.invoice)).toEqual([0, 0, 1, 1]);
    expect(r.invoiceCount).toBe(2);
  });

  test("typed outputs: money = quantity × price, time as wall clock, latest kept time", () => {
    const rows: RowTable = [HEADER, [1, 3, "2011-01-01 10:30:00", 2.5, 7], [2, 1, "2011-02-01", 1, ""]];
    const r = read(rows);
    expect(r.money[0]).toBe(7.5);
    expect(r.time[0]).toBe(Date.UTC(2011, 0, 1, 10, 30));
    expect(r.maxTime).toBe(Date.UTC(2011, 0, 1, 10, 30)); // the later row was excluded
  });

  test("an empty customer cell in an otherwise filled row is missingCustomer, a fully empty row is emptyRow", () => {
    const rows: RowTable = [HEADER, ["", "", "", "", ""], [null, null, null, null, null], [1, 1, "2011-01-01", 1, " "]];
    const r = read(rows);
    expect(r.exclusions.map((e) => [e.rule, e.count])).toEqual([
      ["emptyRow", 2],
      ["missingCustomer", 1],
      ["cancelledInvoice", 0],
      ["nonPositivePrice", 0],
      ["unparsableDate", 0],
    ]);
  });

  test("dropUnparsableDates off: an error naming the rows and the column", () => {
    const rows: RowTable = [HEADER, [1, 1, "bad", 1, 5], [2, 1, "worse", 1, 5], [3, 1, "2011-01-01", 1, 5]];
    let err: unknown;
    try {
      read(rows, { dropUnparsableDates: false });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RfmError);
    expect((err as RfmError).message).toBe(
      '2 rows have a date that cannot be read in column "InvoiceDate" (rows 2, 3); expected an Excel date, ' +
        "YYYY-MM-DD or day/month/year text.",
    );
    expect((err as RfmError).rows).toEqual([2, 3]);
  });

  test("order-level rows: amount ≤ 0 is nonPositivePrice, a text amount is missingValue", () => {
    const view = viewTable([
      ["customer", "date", "amount"],
      ["a", "2006-01-01", 10],
      ["b", "2006-01-01", 0],
      ["c", "2006-01-01", "n/a"],
    ]);
    const mapping = resolveColumns(view.headers);
    const r = readRows(view, mapping, resolveMoney(mapping, view.headers, "auto"));
    expect(r.exclusions.map((e) => [e.rule, e.count, e.exampleRows])).toEqual([
      ["missingCustomer", 0, []],
      ["nonPositivePrice", 1, [3]],
      ["unparsableDate", 0, []],
      ["missingValue", 1, [4]],
    ]);
    expect(r.exclusions[3].description).toBe("Rows whose amount is empty or not a number");
    expect(Array.from(r.invoice.subarray(0, 1))).toEqual([-1]); // no order id: each row is one order
  });

  test("Date objects and 1904 serials", () => {
    const view = viewTable([
      ["customer", "date", "amount"],
      ["a", new Date("2011-12-09T12:50:00Z") as never, 1],
      ["b", 0, 1],
    ]);
    const mapping = resolveColumns(view.headers);
    const r = readRows(view, mapping, resolveMoney(mapping, view.headers, "auto"), { dateSystem: "1904" });
    expect(Array.from(r.time)).toEqual([Date.UTC(2011, 11, 9, 12, 50), Date.UTC(1904, 0, 1)]);
    expect(() =>
      readRows(view, mapping, resolveMoney(mapping, view.headers, "auto"), { dateSystem: "1905" as never }),
    ).toThrow(/Date system must be "1900" or "1904"/);
  });

  test("viewTable: ragged rows read missing cells as empty; column tables with uneven columns", () => {
    const v = viewTable([["a", "b"], [1], [2, 3]]);
    expect(v.rowCount).toBe(2);
    expect(Array.from(v.column(1))).toEqual([undefined, 3]);
    const c = viewTable({ headers: ["a", "b"], columns: [[1, 2, 3], [4]] });
    expect(c.rowCount).toBe(3);
  });
});
