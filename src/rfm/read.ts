/**
 * Reading and cleaning the rows: every mapped cell is read once into typed arrays, then the cleaning rules are applied
 * in order, each removed row counted under the first rule that removes it.
 *
 * Rules, in this order (ids as in the exclusions log):
 *   emptyRow          every mapped cell empty (blank lines inside a used range; always skipped, listed when any)
 *   missingCustomer   no customer id (option dropMissingCustomer, default on; off = one customer with id "")
 *   cancelledInvoice  invoice text starting with "C"/"c" (option dropCancelledInvoices, default on)
 *   negativeQuantity  quantity < 0 (option dropNegativeQuantity, default off; only when a quantity column is mapped)
 *   nonPositivePrice  unit price ≤ 0, or amount ≤ 0 for order-level data (option dropNonPositivePrice, default on)
 *   unparsableDate    date not readable (option dropUnparsableDates, default on; off = error listing the rows)
 *   missingInvoice    empty invoice/order id when an id column is mapped (always)
 *   missingValue      quantity, unit price or amount empty or not a number (always; never a silent NaN)
 * Rules that are switched on are always listed (also with count 0); the always-on data rules only when they hit.
 *
 * Output per data row (input order): provisional customer index (-1 = excluded), wall-clock timestamp, invoice index
 * (-1 without an invoice column) and money (quantity × unit price, or the amount). Customers and invoices are
 * interned through Maps (numbers keyed as numbers, text normalized once per distinct raw value), and a row repeating
 * the previous row's raw value (the lines of one invoice) skips even the Map; no per-row strings or objects are
 * created.
 *
 * Layout of the work: one short loop per mapped column (customer, invoice, money, date), then one loop over the typed
 * arrays that applies the rules. Short loops keep each column's reads sequential and let the JIT optimise each loop
 * quickly and monomorphically, which matters for a one-shot run over 541,909 rows.
 *
 * Cost: each mapped cell read at most once (the other cells of a row without a customer are not read when that rule
 * drops it); memory 25 bytes per row plus the Maps.
 *
 * Example: rows (C536379, …, CustomerID 14527) and (536365, …, 17850) → customer [-1, 0], cancelledInvoice count 1.
 */

import { FIELD_NAMES, type MoneyPlan } from "./columns";
import { normalizeCustomerId } from "./customerId";
import {
  dayMonthParts,
  detectDateOrder,
  excelSerialToTimestamp,
  parseDateText,
  parseFixedIso,
  type DateOrderDetection,
  type DateSystem,
} from "./dates";
import { RfmError } from "./errors";
import { detectDecimalMark, parseFormattedNumber, type DecimalMark } from "./numbers";
import type { Cell, CleaningOptions, ColumnMapping, ColumnTable, DateOrder, ExclusionEntry, TableInput } from "./types";

export const DEFAULT_CLEANING: CleaningOptions = {
  dropMissingCustomer: true,
  dropCancelledInvoices: true,
  dropNegativeQuantity: false,
  dropNonPositivePrice: true,
  dropUnparsableDates: true,
};

const MAX_EXAMPLES = 20;

/** Columns of the input, whatever its layout. Row-major input gets column views for the mapped columns only. */
export interface TableView {
  headers: string[];
  /** Number of data rows. */
  rowCount: number;
  column(index: number): ArrayLike<Cell>;
}

export function isColumnTable(input: TableInput): input is ColumnTable {
  return !Array.isArray(input) && typeof input === "object" && input !== null && Array.isArray(input.headers);
}

/** Wraps a TableInput; throws emptyTable when there is no header row. */
export function viewTable(input: TableInput): TableView {
  if (isColumnTable(input)) {
    const headers = input.headers.map((h) => String(h ?? ""));
    let rowCount = 0;
    for (const col of input.columns) if (col && col.length > rowCount) rowCount = col.length;
    const empty: Cell[] = [];
    return { headers, rowCount, column: (c) => input.columns[c] ?? empty };
  }
  if (!Array.isArray(input) || input.length === 0 || !Array.isArray(input[0])) {
    throw new RfmError("emptyTable", "The table is empty: there is no header row and no data.");
  }
  const rows = input;
  const headers = rows[0].map((h) => String(h ?? ""));
  const cache = new Map<number, Cell[]>();
  return {
    headers,
    rowCount: rows.length - 1,
    column(c: number): Cell[] {
      let col = cache.get(c);
      if (!col) {
        col = new Array<Cell>(rows.length - 1);
        for (let i = 1; i < rows.length; i++) col[i - 1] = rows[i]?.[c];
        cache.set(c, col);
      }
      return col;
    },
  };
}

export interface ReadOptions {
  headerRowNumber?: number;
  dateSystem?: DateSystem;
  dateOrder?: DateOrder;
  cleaning?: Partial<CleaningOptions>;
  /** Under dateOrder `auto`: turns the column's detection into the order used, when the first day/month-form text
   *  date turns up (default: the detection as it is). An analysis fed in batches uses it to hold one order across
   *  them; an `evidence` of "none" in the returned detection adds the "could be day-first or month-first" warning. */
  chooseDateOrder?: (detection: DateOrderDetection) => DateOrderDetection;
  /** Decimal mark of number text: "." or ",", or "auto" (default) to detect it from the number columns. */
  decimalMark?: DecimalMark | "auto";
  /** Under decimalMark `auto`: gives the mark to use, given a detector of this batch's mark (an analysis fed in
   *  batches detects on the first batch and holds it). */
  chooseDecimalMark?: (detect: () => DecimalMark) => DecimalMark;
}

export interface CleanRows {
  /** Data rows read. */
  rowCount: number;
  /** Rows kept after cleaning. */
  keptCount: number;
  /** Per data row: provisional customer index (into `customerIds`), -1 when excluded. */
  customer: Int32Array;
  time: Float64Array;
  /** Per data row: invoice index, -1 when there is no invoice column (each row is one order) or the row is excluded. */
  invoice: Int32Array;
  money: Float64Array;
  /** Canonical ids by provisional index (in first-seen order, including customers whose rows were all excluded). */
  customerIds: string[];
  invoiceCount: number;
  /** Invoice identity by invoice index: a number for an id that spells one (536365, "536365", "536365.0"), else
   *  the canonical text ("C536379"); two cells are one invoice exactly when their keys are equal. */
  invoiceKeys: readonly (number | string)[];
  /** Latest timestamp among kept rows (-Infinity when none). */
  maxTime: number;
  exclusions: ExclusionEntry[];
  warnings: string[];
}

/**
 * Number in a cell: numbers as they are, numeric text (trimmed) parsed, then formatted text (`1,234.50`, `£5`,
 * `(5.00)`, `1 000`; numbers.ts) read with the data's decimal mark; anything else NaN.
 */
export function cellNumber(v: Cell, decimal: DecimalMark = "."): number {
  if (typeof v === "number") return v;
  if (typeof v === "string") {
    const s = v.trim();
    if (s === "") return NaN;
    if (decimal === ",") return parseFormattedNumber(s, ",");
    const n = Number(s);
    return n === n ? n : parseFormattedNumber(s, ".");
  }
  return NaN;
}

/** True for an empty cell: null, undefined, "" or white space only. */
export function isEmpty(v: Cell): boolean {
  if (typeof v === "string") return v.length === 0 || (v.charCodeAt(0) <= 32 && v.trim() === "");
  return v === null || v === undefined;
}

/**
 * An empty array for keys that may be numbers or text. It starts with a text element (removed at once) so that V8
 * gives it the generic element kind from the start: the first text key after numeric ones (a "C…" cancellation after
 * numeric invoice numbers) would otherwise change the array's kind and throw away the code compiled for it.
 */
function mixedKeys(): (number | string)[] {
  const keys: (number | string)[] = [""];
  keys.pop();
  return keys;
}

/** Interns raw id cells (numbers or text) to dense indexes; -2 marks a missing id. */
export class Interner {
  /** Canonical key per index: a number when the id is the text of a number (String(n) === id), else the id text.
   *  Numbers are keyed as they are, so integer ids never need a string (or a string hash) to be interned. */
  readonly keys: (number | string)[] = mixedKeys();
  private readonly byRaw = new Map<string, number>();
  /** Numeric and text keys in separate Maps, so each look-up site sees one key type. */
  private readonly byNumber = new Map<number, number>();
  private readonly byText = new Map<string, number>();

  index(raw: Cell): number {
    if (typeof raw === "number") {
      if (raw - raw !== 0) return -2; // NaN, ±Infinity
      return this.indexOfNumber(raw === 0 ? 0 : raw); // -0 and 0 are one id ("0")
    }
    if (raw === "" || raw === null || raw === undefined) return -2;
    if (typeof raw === "string") {
      let idx = this.byRaw.get(raw);
      if (idx === undefined) {
        const id = normalizeCustomerId(raw);
        idx = id === null ? -2 : this.indexOfId(id);
        this.byRaw.set(raw, idx);
      }
      return idx;
    }
    const id = normalizeCustomerId(raw);
    return id === null ? -2 : this.indexOfId(id);
  }

  /** Index of a canonical id text (unified with the number it spells, if any). */
  indexOfId(id: string): number {
    const n = Number(id);
    return id !== "" && String(n) === id ? this.indexOfNumber(n) : this.indexOfText(id);
  }

  private indexOfNumber(key: number): number {
    let idx = this.byNumber.get(key);
    if (idx === undefined) {
      idx = this.keys.length;
      this.keys.push(key);
      this.byNumber.set(key, idx);
    }
    return idx;
  }

  private indexOfText(key: string): number {
    let idx = this.byText.get(key);
    if (idx === undefined) {
      idx = this.keys.length;
      this.keys.push(key);
      this.byText.set(key, idx);
    }
    return idx;
  }

  /** The canonical id texts by index. */
  ids(): string[] {
    return this.keys.map((k) => (typeof k === "number" ? String(k) : k));
  }
}

/** Column → indexes, reusing the previous row's result when the raw cell repeats. */
function internColumn(col: ArrayLike<Cell>, n: number, interner: Interner, out: Int32Array): void {
  let lastRaw: Cell = undefined;
  let last = -2;
  for (let i = 0; i < n; i++) {
    const raw = col[i];
    if (raw !== lastRaw || i === 0) {
      lastRaw = raw;
      last = interner.index(raw);
    }
    out[i] = last;
  }
}

export function isCancelled(v: Cell): boolean {
  if (typeof v !== "string") return false;
  let k = 0;
  while (k < v.length && v.charCodeAt(k) === 32) k++;
  const c = v.charCodeAt(k);
  return c === 67 || c === 99; // "C" or "c"
}

/** Row flags set by the column passes, read by the rule pass. */
export const F_CANCELLED = 1;
export const F_NEGATIVE_QTY = 2;
export const F_NON_POSITIVE = 4;
export const F_BAD_NUMBER = 8;

function invoiceColumn(
  col: ArrayLike<Cell>,
  n: number,
  interner: Interner,
  out: Int32Array,
  flags: Uint8Array,
  skip: Int32Array | null,
): void {
  let lastRaw: Cell = undefined;
  let last = -2;
  let lastCancelled = false;
  for (let i = 0; i < n; i++) {
    if (skip !== null && skip[i] === -2) continue;
    const raw = col[i];
    if (raw !== lastRaw || i === 0) {
      lastRaw = raw;
      last = interner.index(raw);
      lastCancelled = isCancelled(raw);
    }
    out[i] = last;
    if (lastCancelled) flags[i] |= F_CANCELLED;
  }
}

/** Money per row from quantity × unit price; flags negative quantities, prices ≤ 0 and non-numbers. */
function lineMoney(
  qty: ArrayLike<Cell>,
  price: ArrayLike<Cell>,
  n: number,
  money: Float64Array,
  flags: Uint8Array,
  skip: Int32Array | null,
  decimal: DecimalMark,
) {
  for (let i = 0; i < n; i++) {
    if (skip !== null && skip[i] === -2) continue;
    const qv = qty[i];
    const pv = price[i];
    const q = typeof qv === "number" ? qv : cellNumber(qv, decimal);
    const p = typeof pv === "number" ? pv : cellNumber(pv, decimal);
    const v = q * p;
    // Every operation runs on every row (the branches only pick constants): an operation first reached on a rare
    // row (the first price of 0) would have no type feedback in the compiled loop and send it back to the
    // interpreter.
    const f = (q < 0 ? F_NEGATIVE_QTY : 0) | (p <= 0 ? F_NON_POSITIVE : 0) | (v - v !== 0 ? F_BAD_NUMBER : 0);
    money[i] = v;
    flags[i] |= f;
  }
}

/** Money per row from an amount column (and negative-quantity flags when a quantity column is given). */
function amountMoney(
  amount: ArrayLike<Cell>,
  qty: ArrayLike<Cell> | null,
  n: number,
  money: Float64Array,
  flags: Uint8Array,
  skip: Int32Array | null,
  decimal: DecimalMark,
) {
  for (let i = 0; i < n; i++) {
    if (skip !== null && skip[i] === -2) continue;
    const av = amount[i];
    const v = typeof av === "number" ? av : cellNumber(av, decimal);
    // As in lineMoney: every operation on every row.
    let f = (v <= 0 ? F_NON_POSITIVE : 0) | (v - v !== 0 ? F_BAD_NUMBER : 0);
    if (qty !== null) f |= cellNumber(qty[i], decimal) < 0 ? F_NEGATIVE_QTY : 0;
    money[i] = v;
    flags[i] |= f;
  }
}

/** A date cell that is not text: an Excel serial, a Date, or unreadable (NaN). */
export function nonTextDate(d: Cell, system: DateSystem): number {
  if (typeof d === "number") return excelSerialToTimestamp(d, system);
  if ((d as unknown) instanceof Date) return (d as unknown as Date).getTime();
  return NaN;
}

/** Timestamps per row (NaN when unreadable). Repeats of the previous row's text and the fixed
 *  `YYYY-MM-DD HH:MM:SS` form are the fast path; other text goes to `slow` (cached, regular expressions). */
export function dateColumn(
  col: ArrayLike<Cell>,
  n: number,
  system: DateSystem,
  slow: (s: string) => number,
  out: Float64Array,
  skip: Int32Array | null,
) {
  let lastText = "";
  let lastTime = NaN;
  for (let i = 0; i < n; i++) {
    if (skip !== null && skip[i] === -2) continue;
    const d = col[i];
    if (typeof d !== "string") {
      out[i] = nonTextDate(d, system);
    } else if (d === lastText) {
      out[i] = lastTime;
    } else {
      let t = parseFixedIso(d);
      if (t !== t) t = slow(d);
      lastText = d;
      lastTime = t;
      out[i] = t;
    }
  }
}

/** Rule ids in the order they are applied; index = rule code in the rule pass (0 = kept). The exclusions log lists
 *  them in this order (the streaming reader merges per-batch logs by it). */
export const RULES = [
  "emptyRow",
  "missingCustomer",
  "cancelledInvoice",
  "negativeQuantity",
  "nonPositivePrice",
  "unparsableDate",
  "missingInvoice",
  "missingValue",
] as const;
const R_EMPTY = 0;
const R_CUSTOMER = 1;
const R_CANCELLED = 2;
const R_NEGATIVE = 3;
const R_PRICE = 4;
const R_DATE = 5;
const R_INVOICE = 6;
const R_VALUE = 7;

export interface RulePassInput {
  n: number;
  firstRow: number;
  /** Interned customer per row (-2 = missing); overwritten with the kept customer or -1. */
  customer: Int32Array;
  flags: Uint8Array;
  time: Float64Array;
  /** Interned invoice per row (-2 = missing); set to -1 on kept rows when invoices are not counted. */
  invoice: Int32Array;
  dateCol: ArrayLike<Cell>;
  countInvoices: boolean;
  dropCust: boolean;
  dropCancel: boolean;
  dropNeg: boolean;
  dropPrice: boolean;
  /** Full check that every mapped cell of row i is empty (called only for rows without a customer). */
  isBlank: (i: number) => boolean;
  /** Index of the customer with the empty id, for missing ids kept by option. */
  missingCustomer: () => number;
}

export interface RulePassOutput {
  counts: Int32Array;
  examples: number[][];
  keptCount: number;
  keptMissingCustomer: number;
  maxTime: number;
}

/** Applies the rules in order (see the top of the file); each removed row counts under the first rule only. */
export function applyRules(a: RulePassInput): RulePassOutput {
  const { n, firstRow, customer, flags, time, invoice, dateCol, countInvoices } = a;
  const { dropCust, dropCancel, dropNeg, dropPrice } = a;
  const counts = new Int32Array(RULES.length);
  const examples: number[][] = RULES.map(() => []);
  let keptMissingCustomer = 0;
  let keptCount = 0;
  let maxTime = -Infinity;
  for (let i = 0; i < n; i++) {
    let c = customer[i];
    const f = flags[i];
    const t = time[i];
    let rule = -1;
    let keptMissing = false;
    if (c === -2) {
      // A row with a date is not blank: the full check runs only when the date cell is empty too.
      if (isEmpty(dateCol[i]) && a.isBlank(i)) rule = R_EMPTY;
      else if (dropCust) rule = R_CUSTOMER;
      else {
        c = a.missingCustomer();
        keptMissing = true;
      }
    }
    if (rule < 0) {
      if (dropCancel && (f & F_CANCELLED) !== 0) rule = R_CANCELLED;
      else if (dropNeg && (f & F_NEGATIVE_QTY) !== 0) rule = R_NEGATIVE;
      else if (dropPrice && (f & F_NON_POSITIVE) !== 0) rule = R_PRICE;
      else if (t !== t) rule = R_DATE;
      else if (countInvoices && invoice[i] === -2) rule = R_INVOICE;
      else if ((f & F_BAD_NUMBER) !== 0) rule = R_VALUE;
    }
    if (rule >= 0) {
      if (counts[rule] < MAX_EXAMPLES) examples[rule].push(firstRow + i);
      counts[rule]++;
      customer[i] = -1;
      continue;
    }
    customer[i] = c;
    if (!countInvoices) invoice[i] = -1;
    if (keptMissing) keptMissingCustomer++;
    if (t > maxTime) maxTime = t;
    keptCount++;
  }
  return { counts, examples, keptCount, keptMissingCustomer, maxTime };
}

/** Text dates other than the fixed ISO form, read with the day/month order: `auto` is decided from the whole
 *  column when the first day/month-form text date turns up (ISO text, serials and Date objects never need it). */
export function slowDateReader(
  options: ReadOptions,
  dateCol: ArrayLike<Cell>,
  firstRow: number,
  dateHeader: string,
  warnings: string[],
): (d: string) => number {
  const wanted = options.dateOrder ?? "auto";
  if (wanted !== "auto" && wanted !== "dmy" && wanted !== "mdy") {
    throw new RfmError("badOption", `Date order must be "auto", "dmy" or "mdy", found ${JSON.stringify(wanted)}.`);
  }
  let order: "dmy" | "mdy" | null = wanted === "auto" ? null : wanted;
  const slowDates = new Map<string, number>();
  return (d: string): number => {
    let t = slowDates.get(d);
    if (t !== undefined) return t;
    if (order === null && dayMonthParts(d) !== null) {
      const found = detectDateOrder(dateCol, firstRow, dateHeader);
      const det = options.chooseDateOrder ? options.chooseDateOrder(found) : found;
      if (det.evidence === "none") {
        warnings.push(
          `Dates in column "${dateHeader}" such as 3/4/2011 could be day-first or month-first, and no date tells ` +
            `them apart (no part above 12); they were read as day/month/year. Set the date order to month/day/year ` +
            `if that is wrong.`,
        );
      }
      order = det.order;
    }
    t = parseDateText(d, order ?? "dmy");
    slowDates.set(d, t);
    return t;
  };
}

/** The rule pass's findings as warnings (or the badDate error when unreadable dates are not to be dropped). */
export function rowWarnings(
  pass: RulePassOutput,
  dropUnparsableDates: boolean,
  dateHeader: string,
  warnings: string[],
): void {
  const { counts, examples, keptMissingCustomer } = pass;
  const dateRows = examples[R_DATE];
  const rowList = (k: number): string =>
    `row${counts[k] > 1 ? "s" : ""} ${examples[k].join(", ")}${counts[k] > examples[k].length ? ", …" : ""}`;
  if (!dropUnparsableDates && counts[R_DATE] > 0) {
    throw new RfmError(
      "badDate",
      `${counts[R_DATE]} row${counts[R_DATE] > 1 ? "s have" : " has"} a date that cannot be read in column ` +
        `"${dateHeader}" (${rowList(R_DATE)}); ` +
        `expected an Excel date, YYYY-MM-DD or day/month/year text.`,
      { rows: dateRows, column: dateHeader },
    );
  }
  if (counts[R_DATE] > 0) {
    warnings.push(
      `${counts[R_DATE]} row${counts[R_DATE] > 1 ? "s were" : " was"} left out because the date in column ` +
        `"${dateHeader}" cannot be read (${rowList(R_DATE)}).`,
    );
  }
  if (keptMissingCustomer > 0) {
    warnings.push(
      `${keptMissingCustomer} row${keptMissingCustomer > 1 ? "s" : ""} without a customer id were kept (cleaning ` +
        `option) and counted together as one customer with an empty id.`,
    );
  }
}

/** The exclusions log: rules switched on always listed, the always-on data rules only when they hit. `cleaning`
 *  says which rules are in effect (cancellations and negative quantities only when their column is mapped). */
export function exclusionLog(
  counts: Int32Array,
  examples: number[][],
  cleaning: CleaningOptions,
  lines: boolean,
): ExclusionEntry[] {
  const dropCancel = cleaning.dropCancelledInvoices;
  const dropNeg = cleaning.dropNegativeQuantity;
  const dropPrice = cleaning.dropNonPositivePrice;
  const descriptions: Record<(typeof RULES)[number], [string, boolean]> = {
    emptyRow: ["Empty rows", false],
    missingCustomer: ["Rows without a customer id", cleaning.dropMissingCustomer],
    cancelledInvoice: ['Cancellations (invoice number starting with "C")', dropCancel],
    negativeQuantity: ["Rows with a negative quantity", dropNeg],
    nonPositivePrice: [lines ? "Rows with a unit price of 0 or less" : "Rows with an amount of 0 or less", dropPrice],
    unparsableDate: ["Rows whose date cannot be read", cleaning.dropUnparsableDates],
    missingInvoice: ["Rows without an invoice or order number", false],
    missingValue: [
      lines
        ? "Rows whose quantity or unit price is empty or not a number"
        : "Rows whose amount is empty or not a number",
      false,
    ],
  };
  const exclusions: ExclusionEntry[] = [];
  RULES.forEach((rule, k) => {
    const [description, listAlways] = descriptions[rule];
    if (listAlways || counts[k] > 0) {
      exclusions.push({ rule, description, count: counts[k], exampleRows: examples[k] });
    }
  });

  return exclusions;
}

/**
 * Reads and cleans the rows. `plan` (from resolveMoney) says whether money is quantity × price or an amount and
 * whether an invoice column counts orders.
 */
/** The date system option, checked (default 1900). */
export function dateSystemOf(options: ReadOptions): DateSystem {
  const system: DateSystem = options.dateSystem ?? "1900";
  if (system !== "1900" && system !== "1904") {
    throw new RfmError("badOption", `Date system must be "1900" or "1904", found ${JSON.stringify(system)}.`);
  }
  return system;
}

/** The decimal mark option, checked (default auto). */
export function decimalOption(options: ReadOptions): DecimalMark | "auto" {
  const wanted = options.decimalMark ?? "auto";
  if (wanted === "." || wanted === "," || wanted === "auto") return wanted;
  throw new RfmError("badOption", `The decimal mark must be "." or "," (or auto), found ${JSON.stringify(wanted)}.`);
}

/** The decimal mark to read number text with: the option, else the one `chooseDecimalMark` or the data decide. */
export function decimalMarkOf(options: ReadOptions, columns: (ArrayLike<Cell> | null)[]): DecimalMark {
  const wanted = decimalOption(options);
  if (wanted !== "auto") return wanted;
  const detect = (): DecimalMark => detectDecimalMark(columns.filter((c): c is ArrayLike<Cell> => c !== null));
  return options.chooseDecimalMark ? options.chooseDecimalMark(detect) : detect();
}

export function readRows(
  table: TableView,
  mapping: ColumnMapping,
  plan: MoneyPlan,
  options: ReadOptions = {},
): CleanRows {
  const cleaning: CleaningOptions = { ...DEFAULT_CLEANING, ...(options.cleaning ?? {}) };
  const firstRow = (options.headerRowNumber ?? 1) + 1;
  const n = table.rowCount;
  const system = dateSystemOf(options);
  const warnings: string[] = [];
  const dateHeader = table.headers[mapping.date as number] || FIELD_NAMES.date;

  const custCol = table.column(mapping.customer as number);
  const dateCol = table.column(mapping.date as number);
  const invCol = mapping.invoice !== undefined ? table.column(mapping.invoice) : null;
  const qtyCol = mapping.quantity !== undefined ? table.column(mapping.quantity) : null;
  const lines = plan.source === "lines";
  const priceCol = lines ? table.column(mapping.unitPrice as number) : null;
  const amountCol = lines ? null : table.column(mapping.amount as number);
  const countInvoices = plan.hasInvoice && invCol !== null;

  const slowDate = slowDateReader(options, dateCol, firstRow, dateHeader, warnings);

  // Column passes.
  const customers = new Interner();
  const invoices = new Interner();
  const cust = new Int32Array(n);
  internColumn(custCol, n, customers, cust);
  const flags = new Uint8Array(n);
  const invoice = new Int32Array(n);
  // Rows without a customer are dropped first (by default), so the other columns of those rows are not read.
  const skip = cleaning.dropMissingCustomer ? cust : null;
  if (invCol !== null) invoiceColumn(invCol, n, invoices, invoice, flags, skip);
  const money = new Float64Array(n);
  const decimal = decimalMarkOf(options, [qtyCol, priceCol, amountCol]);
  if (lines) lineMoney(qtyCol as ArrayLike<Cell>, priceCol as ArrayLike<Cell>, n, money, flags, skip, decimal);
  else {
    const negQty = cleaning.dropNegativeQuantity ? qtyCol : null;
    amountMoney(amountCol as ArrayLike<Cell>, negQty, n, money, flags, skip, decimal);
  }
  const time = new Float64Array(n);
  dateColumn(dateCol, n, system, slowDate, time, skip);

  // Rule pass. `customer` reuses the interned indexes: -1 marks an excluded row.
  const dropCancel = cleaning.dropCancelledInvoices && invCol !== null;
  const dropNeg = cleaning.dropNegativeQuantity && qtyCol !== null;
  const dropPrice = cleaning.dropNonPositivePrice;
  let missingIdx = -1;
  const pass = applyRules({
    n,
    firstRow,
    customer: cust,
    flags,
    time,
    invoice,
    dateCol,
    countInvoices,
    dropCust: cleaning.dropMissingCustomer,
    dropCancel,
    dropNeg,
    dropPrice,
    isBlank: (i: number): boolean =>
      isEmpty(dateCol[i]) &&
      (invCol === null || isEmpty(invCol[i])) &&
      (qtyCol === null || isEmpty(qtyCol[i])) &&
      (priceCol === null || isEmpty(priceCol[i])) &&
      (amountCol === null || isEmpty(amountCol[i])),
    missingCustomer: (): number => (missingIdx >= 0 ? missingIdx : (missingIdx = customers.indexOfId(""))),
  });
  const { counts, examples, keptCount, maxTime } = pass;
  const customer = cust;

  rowWarnings(pass, cleaning.dropUnparsableDates, dateHeader, warnings);
  if (plan.note) warnings.push(plan.note);

  const exclusions = exclusionLog(
    counts,
    examples,
    { ...cleaning, dropCancelledInvoices: dropCancel, dropNegativeQuantity: dropNeg },
    lines,
  );

  return {
    rowCount: n,
    keptCount,
    customer,
    time,
    invoice,
    money,
    customerIds: customers.ids(),
    invoiceCount: invoices.keys.length,
    invoiceKeys: invoices.keys,
    maxTime,
    exclusions,
    warnings,
  };
}
