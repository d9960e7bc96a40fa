import { normalizeHeader, resolveColumns, resolveMoney } from "../../src/rfm/columns";
import { analyze } from "../../src/rfm/analyze";
import { RfmError } from "../../src/rfm/errors";
import { thrownBy } from "../helpers/errors";

const RETAIL = [
  "InvoiceNo",
  "StockCode",
  "Description",
  "Quantity",
  "InvoiceDate",
  "UnitPrice",
  "CustomerID",
  "Country",
];

function error(fn: () => unknown): RfmError {
  return thrownBy(fn, RfmError);
}

describe("resolveColumns", () => {
  test("Online Retail headers", () => {
    expect(resolveColumns(RETAIL)).toEqual({
      invoice: 0,
      quantity: 3,
      date: 4,
      unitPrice: 5,
      customer: 6,
      country: 7,
    });
  });
  test("case, spaces and underscores do not matter", () => {
    expect(normalizeHeader(" Customer_ID ")).toBe("customerid");
    const m = resolveColumns(["invoice no", "QTY", "Invoice Date", "unit_price", "customer id"]);
    expect(m).toEqual({ invoice: 0, quantity: 1, date: 2, unitPrice: 3, customer: 4 });
  });
  test("the Online Retail II spelling (Invoice, Price, Customer ID)", () => {
    const m = resolveColumns([
      "Invoice",
      "StockCode",
      "Description",
      "Quantity",
      "InvoiceDate",
      "Price",
      "Customer ID",
    ]);
    expect(m).toMatchObject({ invoice: 0, quantity: 3, date: 4, unitPrice: 5, customer: 6 });
  });
  test("order-level: customer_id, order_date, revenue; no order id needed", () => {
    expect(resolveColumns(["customer_id", "order_date", "revenue"])).toEqual({ customer: 0, date: 1, amount: 2 });
    expect(resolveColumns(["Client ID", "Purchase Date", "Order ID", "Order Value"])).toEqual({
      customer: 0,
      date: 1,
      invoice: 2,
      amount: 3,
    });
  });
  test("an earlier alias wins, and a header serves one field only", () => {
    // "InvoiceDate" is preferred over "Date"; "Customer" is taken by customer, not by anything else.
    const m = resolveColumns(["Date", "InvoiceDate", "Customer", "Total", "InvoiceNo"]);
    expect(m).toEqual({ date: 1, customer: 2, amount: 3, invoice: 4 });
  });
  test("explicit mapping overrides aliases", () => {
    const m = resolveColumns(["Buyer", "When", "Paid", "Date"], { customer: "Buyer", date: "When", amount: "paid" });
    expect(m).toEqual({ customer: 0, date: 1, amount: 2 });
  });
  test("explicit mapping to a missing header names it and the headers found", () => {
    const e = error(() => resolveColumns(["Buyer", "When"], { customer: "Client" }));
    expect(e.code).toBe("missingColumn");
    expect(e.message).toBe('Column "Client" (chosen for Customer ID) not found. Headers found: Buyer, When.');
  });
  test("missing customer column names the field, the aliases and the headers found", () => {
    const e = error(() => resolveColumns(RETAIL.filter((h) => h !== "CustomerID")));
    expect(e.code).toBe("missingColumn");
    expect(e.column).toBe("Customer ID");
    expect(e.message).toMatch(/^Column "Customer ID" not found \(looked for CustomerID, Customer ID, customer_id/);
    expect(e.message).toContain(
      "Headers found: InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, Country.",
    );
  });
  test("missing date column", () => {
    const e = error(() => resolveColumns(["CustomerID", "InvoiceNo", "Quantity", "UnitPrice"]));
    expect(e.message).toMatch(/^Column "Invoice date" not found/);
  });
  test("no money column at all", () => {
    const e = error(() => resolveColumns(["CustomerID", "InvoiceDate", "InvoiceNo"]));
    expect(e.message).toMatch(/^No money column found: map an amount column \(looked for Amount, Revenue/);
    expect(e.message).toContain("Headers found: CustomerID, InvoiceDate, InvoiceNo.");
  });
  test("line-level data needs the invoice and both number columns", () => {
    expect(error(() => resolveColumns(["CustomerID", "InvoiceDate", "Quantity", "UnitPrice"])).message).toMatch(
      /^Column "Invoice" not found \(line-level data needs it to count orders\)/,
    );
    expect(error(() => resolveColumns(["CustomerID", "InvoiceDate", "InvoiceNo", "Quantity"])).message).toMatch(
      /^Column "Unit price" not found/,
    );
  });
  test("empty header row", () => {
    expect(error(() => resolveColumns(["", ""])).message).toContain("Headers found: (none: the header row is empty).");
  });
});

describe("money source", () => {
  const headers = ["CustomerID", "InvoiceDate", "InvoiceNo", "Quantity", "UnitPrice", "Total"];
  test("auto picks the amount column when both exist, and says so", () => {
    const m = resolveColumns(headers);
    const plan = resolveMoney(m, headers, "auto");
    expect(plan.source).toBe("amount");
    expect(plan.note).toContain('Both an amount column ("Total") and Quantity × Unit price are available');
  });
  test("lines and amount on request", () => {
    const m = resolveColumns(headers);
    expect(resolveMoney(m, headers, "lines")).toEqual({ source: "lines", hasInvoice: true });
    expect(resolveMoney(m, headers, "amount")).toEqual({ source: "amount", hasInvoice: true });
  });
  test("amount requested but absent", () => {
    const h = ["CustomerID", "InvoiceDate", "InvoiceNo", "Quantity", "UnitPrice"];
    const e = error(() => resolveColumns(h, undefined, { monetarySource: "amount" }));
    expect(e.message).toMatch(/^Column "Amount" not found \(Monetary is set to sum an amount column\)/);
  });
  test("lines requested on order-level data", () => {
    const e = error(() =>
      resolveColumns(["customer_id", "order_date", "revenue"], undefined, { monetarySource: "lines" }),
    );
    expect(e.message).toMatch(/^Column "Quantity" not found \(Monetary is set to Quantity × Unit price\)/);
  });
});

describe("switching a field off with an empty mapping entry", () => {
  // A sheet with both an order-level "Total" (an Amount alias) and line-level Quantity × UnitPrice that disagree.
  const headers = ["CustomerID", "InvoiceDate", "InvoiceNo", "Quantity", "UnitPrice", "Total", "Country"];
  const rows = [
    headers,
    ["A", "2011-12-01", "1", 2, 5, 999, "France"],
    ["A", "2011-12-01", "1", 1, 3, 999, "France"],
    ["B", "2011-12-05", "2", 4, 2.5, 1, "Spain"],
  ];

  test("an absent key still uses the aliases (Total is taken as Amount)", () => {
    expect(resolveColumns(headers, { customer: "CustomerID" })).toEqual({
      customer: 0,
      date: 1,
      invoice: 2,
      quantity: 3,
      unitPrice: 4,
      amount: 5,
      country: 6,
    });
    expect(resolveColumns(headers, { amount: undefined }).amount).toBe(5);
  });

  test("amount switched off: Total is not used and Monetary is Quantity × Unit price", () => {
    const m = resolveColumns(headers, { amount: "" });
    expect(m.amount).toBeUndefined();
    expect(resolveMoney(m, headers, "auto")).toEqual({ source: "lines", hasInvoice: true });
    const result = analyze(rows, { mapping: { amount: "" }, snapshot: "2011-12-10" });
    const monetary = Object.fromEntries(result.customers.map((c) => [c.id, c.monetary]));
    // A: 2 × 5 + 1 × 3 = 13 (not 999 + 999); B: 4 × 2.5 = 10 (not 1).
    expect(monetary).toEqual({ A: 13, B: 10 });
    expect(result.warnings.join(" ")).not.toContain("Both an amount column");
    // Control: with the aliases, the same sheet sums Total and says both were available.
    const aliased = analyze(rows, { snapshot: "2011-12-10" });
    expect(Object.fromEntries(aliased.customers.map((c) => [c.id, c.monetary]))).toEqual({ A: 1998, B: 1 });
    expect(aliased.warnings.join(" ")).toContain("Both an amount column");
  });

  test("null and blank entries switch a field off too", () => {
    const fromJson = JSON.parse('{"amount": null, "country": "  "}') as Partial<Record<"amount" | "country", string>>;
    const m = resolveColumns(headers, fromJson);
    expect(m.amount).toBeUndefined();
    expect(m.country).toBeUndefined();
  });

  test("country switched off is not carried", () => {
    expect(resolveColumns(headers, { country: "" }).country).toBeUndefined();
    const result = analyze(rows, { mapping: { country: "" }, snapshot: "2011-12-10" });
    expect(result.mapping.country).toBeUndefined();
    expect(result.customers.every((c) => c.country === undefined)).toBe(true);
    // With the aliases the same sheet carries it.
    expect(analyze(rows, { snapshot: "2011-12-10" }).customers.map((c) => c.country)).toEqual(["France", "Spain"]);
  });

  test("customer switched off is a clear error, not an alias match", () => {
    const e = error(() => resolveColumns(headers, { customer: "" }));
    expect(e.code).toBe("missingColumn");
    expect(e.column).toBe("Customer ID");
    expect(e.message).toBe(
      'Column "Customer ID" is switched off in the column mapping (mapped to none), but it is required. ' +
        "Choose a column for it. Headers found: CustomerID, InvoiceDate, InvoiceNo, Quantity, UnitPrice, Total, Country.",
    );
  });

  test("a money field the chosen source needs, switched off, says so", () => {
    expect(error(() => resolveColumns(headers, { amount: "" }, { monetarySource: "amount" })).message).toMatch(
      /^Column "Amount" is switched off in the column mapping \(mapped to none\), but it is required \(Monetary is set to sum an amount column\)\./,
    );
    expect(error(() => resolveColumns(headers, { invoice: "", amount: "" })).message).toMatch(
      /^Column "Invoice" is switched off .* required \(line-level data needs it to count orders\)\./,
    );
    // Without the invoice, order-level data is still fine: each row is one order.
    expect(resolveColumns(headers, { invoice: "" })).toMatchObject({ amount: 5, customer: 0, date: 1 });
    const noLines = ["CustomerID", "InvoiceDate", "Total"];
    expect(error(() => resolveColumns(noLines, { amount: "" })).message).toMatch(
      /^No money column found: map an amount column \(switched off in the column mapping\) or Quantity and Unit price/,
    );
  });
});
