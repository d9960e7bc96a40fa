/**
 * The custom functions on the real data, passed the way Excel passes worksheet ranges: five 541,909 × 1 columns of
 * UCI Online Retail, with InvoiceDate as Excel serial numbers (what a date cell holds). Checked against the engine's
 * analyze() on the same rows (read from the CSV, dates as text, columns found by header), against a plain brute-force
 * computation written here, and against the per-customer figures published for this data set.
 */
import { FakeCustomFunctionError } from "./customFunctionsGlobal";
import { frequency, monetary, recency, score, table } from "../../src/functions/functions";
import { clearCustomerCache } from "../../src/functions/transactions";
import { analyze } from "../../src/rfm";
import type { Cell, ColumnTable, RfmResult } from "../../src/rfm/types";
import { loadOnlineRetail, loadOrders } from "../helpers/realData";

const DAY = 86400000;

/** `YYYY-MM-DD HH:MM:SS` → Excel serial (days since 1899-12-30), from the calendar. */
function toSerial(text: string): number {
  const [d, t] = text.split(" ");
  const [y, mo, da] = d.split("-").map(Number);
  const [h, mi, s] = (t ?? "00:00:00").split(":").map(Number);
  return (Date.UTC(y, mo - 1, da, h, mi, s) - Date.UTC(1899, 11, 30)) / DAY;
}

function columnOf(data: ColumnTable, header: string): Cell[] {
  const i = data.headers.indexOf(header);
  if (i < 0) throw new Error(`no column ${header}`);
  return data.columns[i];
}

/** N×1, as Excel passes a column range. */
function asRange(cells: readonly unknown[]): unknown[][] {
  return cells.map((v) => [v]);
}

let data: ColumnTable;
let engine: RfmResult;
let ranges: {
  customers: unknown[][];
  invoices: unknown[][];
  dates: unknown[][];
  quantities: unknown[][];
  prices: unknown[][];
};
let spilled: unknown[][];

beforeAll(() => {
  data = loadOnlineRetail();
  engine = analyze(data);
  ranges = {
    customers: asRange(columnOf(data, "CustomerID")),
    invoices: asRange(columnOf(data, "InvoiceNo")),
    dates: asRange(columnOf(data, "InvoiceDate").map((d) => toSerial(d as string))),
    quantities: asRange(columnOf(data, "Quantity")),
    prices: asRange(columnOf(data, "UnitPrice")),
  };
  spilled = table(ranges.customers, ranges.invoices, ranges.dates, ranges.quantities, ranges.prices);
});

beforeEach(() => clearCustomerCache());

test("the inputs are the full data set", () => {
  expect(ranges.customers.length).toBe(541909);
});

test("RFM.TABLE equals analyze() on the same data, customer by customer", () => {
  expect(spilled[0]).toEqual(["CustomerID", "Recency", "Frequency", "Monetary", "R", "F", "M", "RFM", "Segment"]);
  expect(spilled.length - 1).toBe(engine.customers.length);
  for (let k = 0; k < engine.customers.length; k++) {
    const c = engine.customers[k];
    const row = spilled[k + 1];
    // Numeric ids come back as numbers, so that they match the source column in look-ups.
    expect(row).toEqual([Number(c.id), c.recency, c.frequency, c.monetary, c.r, c.f, c.m, c.rfm, c.segment]);
  }
});

test("RFM.TABLE agrees with a brute-force computation of the default cleaning and metrics", () => {
  // Rules: customer present, invoice not starting with "C", unit price > 0 (every date in this file is readable).
  const cust = columnOf(data, "CustomerID");
  const inv = columnOf(data, "InvoiceNo");
  const qty = columnOf(data, "Quantity");
  const price = columnOf(data, "UnitPrice");
  const dates = ranges.dates;
  const byId = new Map<string, { invoices: Set<string>; money: number; last: number }>();
  let maxSerial = -Infinity;
  for (let i = 0; i < cust.length; i++) {
    if (cust[i] === "" || cust[i] === null) continue;
    if (String(inv[i]).startsWith("C")) continue;
    if (!((price[i] as number) > 0)) continue;
    const id = String(cust[i]);
    let e = byId.get(id);
    if (!e) byId.set(id, (e = { invoices: new Set(), money: 0, last: -Infinity }));
    e.invoices.add(String(inv[i]));
    e.money += (qty[i] as number) * (price[i] as number);
    const s = dates[i][0] as number;
    if (s > e.last) e.last = s;
    if (s > maxSerial) maxSerial = s;
  }
  expect(spilled.length - 1).toBe(byId.size);
  const snapshot = maxSerial + 1;
  for (const row of spilled.slice(1)) {
    const e = byId.get(String(row[0]))!;
    expect(row[1]).toBe(Math.floor(snapshot - e.last + 1e-9));
    expect(row[2]).toBe(e.invoices.size);
    expect(row[3] as number).toBeCloseTo(e.money, 6);
  }
});

test("published figures for the first customers (snapshot = last invoice + 1 day)", () => {
  // The textbook RFM walk-through of this data set: 12346 bought 74,215 units once (and cancelled them, which the
  // cleaning drops): R 326, F 1, M 77,183.60; 12347: R 2, F 7, M 4,310.00; 12348: R 75, F 4, M 1,797.24.
  const find = (id: number) => spilled.find((r) => r[0] === id)!;
  expect(find(12346).slice(1, 3)).toEqual([326, 1]);
  expect(find(12346)[3] as number).toBeCloseTo(77183.6, 6);
  expect(find(12347).slice(1, 3)).toEqual([2, 7]);
  expect(find(12347)[3] as number).toBeCloseTo(4310.0, 6);
  expect(find(12348).slice(1, 3)).toEqual([75, 4]);
  expect(find(12348)[3] as number).toBeCloseTo(1797.24, 6);
});

test("RFM.SCORE over the spilled Monetary and Recency columns gives the table's M and R scores", () => {
  const rows = spilled.slice(1);
  const mCol = asRange(rows.map((r) => r[3]));
  const rCol = asRange(rows.map((r) => r[1]));
  expect(score(mCol, mCol)).toEqual(asRange(rows.map((r) => r[6])));
  expect(score(rCol, rCol, false)).toEqual(asRange(rows.map((r) => r[4])));
});

test("RFM.MONETARY spilled for every customer equals the table's Monetary (same rules apply)", () => {
  const ids = asRange(spilled.slice(1).map((r) => r[0]));
  const out = monetary(ids, ranges.customers, ranges.quantities, ranges.prices, ranges.invoices);
  expect(out).toEqual(asRange(spilled.slice(1).map((r) => r[3])));
});

test("RFM.FREQUENCY and RFM.RECENCY apply only the rules their columns allow", () => {
  // FREQUENCY sees customers and invoices: distinct non-cancelled invoices, price 0 lines included.
  // RECENCY sees customers and dates: the latest date of any row with a customer, snapshot = latest such date + 1.
  const cust = columnOf(data, "CustomerID");
  const inv = columnOf(data, "InvoiceNo");
  const invoices = new Map<string, Set<string>>();
  const last = new Map<string, number>();
  let maxSerial = -Infinity;
  for (let i = 0; i < cust.length; i++) {
    if (cust[i] === "") continue;
    const id = String(cust[i]);
    const s = ranges.dates[i][0] as number;
    last.set(id, Math.max(last.get(id) ?? -Infinity, s));
    maxSerial = Math.max(maxSerial, s);
    if (String(inv[i]).startsWith("C")) continue;
    if (!invoices.has(id)) invoices.set(id, new Set());
    invoices.get(id)!.add(String(inv[i]));
  }
  const ids = [12346, 12347, 12348, 14911, 17841, 18287];
  const f = frequency(asRange(ids), ranges.customers, ranges.invoices);
  expect(f).toEqual(asRange(ids.map((id) => invoices.get(String(id))!.size)));
  const r = recency(asRange(ids), ranges.customers, ranges.dates);
  expect(r).toEqual(asRange(ids.map((id) => Math.floor(maxSerial + 1 - last.get(String(id))! + 1e-9))));
  // 12346's one order (74,215 × 1.04 = 77,183.60) was cancelled by invoice C541433 (-74,215 at the same price):
  // without the invoice column the cancellation cannot be recognised and the two lines cancel out.
  const m12346 = monetary([[12346]], ranges.customers, ranges.quantities, ranges.prices);
  expect(m12346[0][0] as number).toBeCloseTo(0, 6);
  const missing = recency([[99999]], ranges.customers, ranges.dates)[0][0];
  expect(missing).toBeInstanceOf(FakeCustomFunctionError);
  expect((missing as FakeCustomFunctionError).code).toBe("#N/A");
});

const orders = loadOrders();
(orders ? describe : describe.skip)("order-level data (R rfm package example)", () => {
  test('RFM.TABLE with scheme "r-rfm" and the package\'s analysis date equals the r-rfm preset of the engine', () => {
    const o = orders as ColumnTable;
    const snapshot = (Date.UTC(2006, 11, 31) - Date.UTC(1899, 11, 30)) / DAY;
    const out = table(
      asRange(columnOf(o, "customer_id")),
      [[""]],
      asRange(columnOf(o, "order_date")),
      asRange(columnOf(o, "revenue")),
      null as unknown as undefined,
      [["r-rfm"]],
      snapshot,
    );
    const expected = analyze(o, { preset: "r-rfm", snapshot: "2006-12-31" });
    // 995 customers in the package's example data.
    expect(out.length - 1).toBe(995);
    expect(out.slice(1)).toEqual(
      expected.customers.map((c) => [c.id, c.recency, c.frequency, c.monetary, c.r, c.f, c.m, c.rfm, c.segment]),
    );
    // Brion Stark (checked in the CSV): 8 orders, 32 + 212 + 75 + 205 + 104 + 33 + 165 + 26 = 852, last order
    // 2006-05-16, which is 15 + 30 + 31 + 31 + 30 + 31 + 30 + 31 = 229 days before 2006-12-31.
    const who = [["Brion Stark"]];
    const cust = asRange(columnOf(o, "customer_id"));
    expect(monetary(who, cust, asRange(columnOf(o, "revenue")))).toEqual([[852]]);
    expect(frequency(who, cust)).toEqual([[8]]);
    expect(recency(who, cust, asRange(columnOf(o, "order_date")), snapshot)).toEqual([[229]]);
    // Frequency = number of rows (orders) per customer: the total is the 4,906 orders.
    expect(out.slice(1).reduce((s, r) => s + (r[2] as number), 0)).toBe(4906);
  });
});
