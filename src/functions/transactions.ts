/**
 * Transaction columns passed to RFM.RECENCY / FREQUENCY / MONETARY / TABLE → the engine's `analyze`, so that every
 * definition (customer id spelling, cleaning rules, whole-day Recency, distinct-invoice Frequency, Kahan-summed
 * Monetary, default snapshot) lives in src/rfm only.
 *
 * The columns become a ColumnTable with fixed headers and an explicit mapping (no header guessing):
 * CustomerID, InvoiceNo, InvoiceDate, Quantity, UnitPrice for line-level data, or CustomerID, [OrderID], OrderDate,
 * Amount for order-level data (issue: order-level input; without order ids each row is one order).
 *
 * The single-metric functions do not take every column the engine needs. They hand it a neutral stand-in for the
 * missing ones, chosen so that no cleaning rule can fire on it: a fixed valid date (RFM.FREQUENCY, RFM.MONETARY), an
 * amount of 1 (RFM.RECENCY, RFM.FREQUENCY) and, for RFM.MONETARY on quantity × price without invoices, one distinct
 * invoice number per row. Only the rules that the given columns can trigger apply, as each function's help says.
 *
 * Data rows are numbered for messages as if the ranges started in sheet row 2 (header in row 1), which is the usual
 * layout (A2:A541910).
 *
 * Cost: one `analyze` (`npm run bench`, section "Custom functions"). A formula copied down a column (=RFM.RECENCY(A2, …) in every
 * row) calls the function once per cell with the same columns, so the last few results are kept, keyed on the
 * complete input: a cached result is reused only when every cell of every column and the options are identical
 * (one comparison pass, a few ms), so it can never be stale.
 *
 * Example: `analyzeColumns({ customers: ["A", "A"], dates: [40544, 40548], amounts: [10, 5] })` → customer "A" with
 * Frequency 2 and Monetary 15.
 */
import {
  analyze,
  normalizeCustomerId,
  normalizeOptions,
  type Cell,
  type ColumnTable,
  type CustomerResult,
  type Field,
  type MonetarySource,
  type RfmOptions,
  type RfmResult,
  type Scheme,
} from "../rfm";
import { FailedCell, show } from "./args";

export interface TransactionColumns {
  customers: Cell[];
  invoices?: Cell[];
  dates?: Cell[];
  quantities?: Cell[];
  prices?: Cell[];
  amounts?: Cell[];
}

export interface AnalysisOptions {
  /** Timestamp (ms wall clock) or ISO text, as RfmOptions.snapshot. */
  snapshot?: number | string;
  scheme?: string | Scheme;
  preset?: "pandas" | "r-rfm";
}

/** 2000-01-01 as an Excel serial: a valid date for functions that are not about dates. */
const NEUTRAL_DATE = 36526;

function constant(n: number, value: Cell): Cell[] {
  return new Array<Cell>(n).fill(value);
}

/** 1, 2, 3, …: one invoice per row (never "C…", never empty), so Frequency counts rows and nothing is dropped. */
function rowNumbers(n: number): Cell[] {
  const out = new Array<Cell>(n);
  for (let i = 0; i < n; i++) out[i] = i + 1;
  return out;
}

/** The ColumnTable and options for `analyze`. */
export function toEngineInput(cols: TransactionColumns, options: AnalysisOptions = {}): [ColumnTable, RfmOptions] {
  const n = cols.customers.length;
  const lines = cols.quantities !== undefined && cols.prices !== undefined;
  const headers: string[] = [];
  const columns: Cell[][] = [];
  const mapping: Partial<Record<Field, string>> = {};
  const add = (field: Field, header: string, cells: Cell[]): void => {
    headers.push(header);
    columns.push(cells);
    mapping[field] = header;
  };
  add("customer", "CustomerID", cols.customers);
  if (cols.invoices) add("invoice", lines ? "InvoiceNo" : "OrderID", cols.invoices);
  else if (lines) add("invoice", "InvoiceNo", rowNumbers(n));
  add("date", lines ? "InvoiceDate" : "OrderDate", cols.dates ?? constant(n, NEUTRAL_DATE));
  let monetarySource: MonetarySource;
  if (lines) {
    add("quantity", "Quantity", cols.quantities as Cell[]);
    add("unitPrice", "UnitPrice", cols.prices as Cell[]);
    monetarySource = "lines";
  } else {
    add("amount", "Amount", cols.amounts ?? constant(n, 1));
    monetarySource = "amount";
  }
  const rfmOptions = normalizeOptions({ ...options, mapping, monetarySource });
  return [{ headers, columns }, rfmOptions];
}

export function analyzeColumns(cols: TransactionColumns, options: AnalysisOptions = {}): RfmResult {
  const [table, rfmOptions] = toEngineInput(cols, options);
  return analyze(table, rfmOptions);
}

/** An analysis with its customers indexed by canonical id. */
export interface CustomerIndex {
  result: RfmResult;
  byId: Map<string, CustomerResult>;
}

interface CacheEntry {
  cols: TransactionColumns;
  snapshot: number | string | undefined;
  index: CustomerIndex;
}

const CACHE_SIZE = 3;
const cache: CacheEntry[] = [];

const KEYS: (keyof TransactionColumns)[] = ["customers", "invoices", "dates", "quantities", "prices", "amounts"];

function sameCells(a: Cell[] | undefined, b: Cell[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameInput(e: CacheEntry, cols: TransactionColumns, snapshot: number | string | undefined): boolean {
  return e.snapshot === snapshot && KEYS.every((k) => sameCells(e.cols[k], cols[k]));
}

/** The analysis of these columns, from the input-keyed cache when the very same input was analysed recently. */
export function customerIndex(cols: TransactionColumns, snapshot?: number | string): CustomerIndex {
  for (let k = 0; k < cache.length; k++) {
    const e = cache[k];
    if (sameInput(e, cols, snapshot)) {
      if (k > 0) cache.unshift(...cache.splice(k, 1));
      return e.index;
    }
  }
  const result = analyzeColumns(cols, { snapshot });
  const byId = new Map<string, CustomerResult>();
  for (const c of result.customers) byId.set(c.id, c);
  const index = { result, byId };
  cache.unshift({ cols, snapshot, index });
  if (cache.length > CACHE_SIZE) cache.pop();
  return index;
}

/** Empties the cache (tests). */
export function clearCustomerCache(): void {
  cache.length = 0;
}

/** The customer a lookup cell names, "" for an empty cell, or #N/A when the analysis has no such customer. */
export function findCustomer(index: CustomerIndex, cell: unknown, where: string): CustomerResult | "" | FailedCell {
  if (cell !== null && typeof cell === "object") return new FailedCell(`${where} holds an error value.`);
  const id = normalizeCustomerId(cell as Cell);
  if (id === null) return "";
  const c = index.byId.get(id);
  if (!c) {
    return new FailedCell(
      `Customer ${show(cell)} is not in customers, or all of its rows were skipped by the cleaning rules.`,
      "notAvailable",
    );
  }
  return c;
}
