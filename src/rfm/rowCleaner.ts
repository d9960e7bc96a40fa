/**
 * `RowCleaner`: read.ts's reading and cleaning fed one row at a time, for a reader that meets the rows one by one
 * (the CLI's CSV reader, which then stores no column of cells). Its `finish()` gives the batch that `cleanBatch`
 * gives for the table of the same rows: the same customer and invoice indexes, timestamps, money, exclusions,
 * example rows and warnings, and the same `dependsOnOthers`.
 *
 * How it stays equal to read.ts: each row goes through the steps of read.ts's column passes, in their order and with
 * their functions (the Interners, `isCancelled`, `cellNumber`, `parseFixedIso`); the rule pass, the warnings and the
 * exclusions log are read.ts's own, run at `finish()` on the arrays filled here. What read.ts decides from a whole
 * column is decided at `finish()` from what was kept of it:
 * - the date column's cells are kept (one reference per row; a reader gives repeated texts as one string), so that
 *   dates other than the fixed ISO form, whose day/month order is detected on the whole column, are read there by
 *   read.ts's `dateColumn` over them;
 * - number text (not a number cell, not empty) in the quantity, unit price or amount columns is kept per column, for
 *   the decimal mark's detection under `auto`, and the rows that have any are read once the mark is known.
 *
 * Memory: read.ts's 25 bytes per row, plus 8 for the date cell reference.
 *
 * @example
 *   const analysis = createAnalysis(options);
 *   const cleaner = new RowCleaner(analysis.plan(headers), options);
 *   for (const cells of rows) cleaner.row(cells);
 *   analysis.addCleaned(cleaner.finish()).finish();
 */
import type { CleanedBatch } from "./analysis";
import { FIELD_NAMES, type UsableColumnPlan } from "./columns";
import { parseFixedIso, type DateSystem } from "./dates";
import { detectDecimalMark, type DecimalMark } from "./numbers";
import {
  DEFAULT_CLEANING,
  F_BAD_NUMBER,
  F_CANCELLED,
  F_NEGATIVE_QTY,
  F_NON_POSITIVE,
  Interner,
  applyRules,
  cellNumber,
  dateColumn,
  dateSystemOf,
  decimalOption,
  exclusionLog,
  isCancelled,
  isEmpty,
  nonTextDate,
  rowWarnings,
  slowDateReader,
  type CleanRows,
  type ReadOptions,
} from "./read";
import type { Cell, CleaningOptions, RfmOptions } from "./types";

/** Row flag (beside read.ts's): every mapped cell of a row without a customer id is empty. */
const F_BLANK = 16;

/** Marks a previous cell that was handed over as a number (see `row`'s `numbers`). */
const NUMBER: unique symbol = Symbol("number");

/** The cell at column `f`: from `nums` when it was handed over as a number there. */
function cellAt(cells: ArrayLike<Cell>, nums: Float64Array | null, f: number): Cell {
  const v = cells[f];
  return v === undefined && nums !== null ? nums[f] : v;
}

/** True when `v` is number text: a non-empty string (a number cell or an empty one needs no decimal mark). */
function isText(v: Cell): boolean {
  return typeof v === "string" && v !== "";
}

export class RowCleaner {
  private readonly plan: UsableColumnPlan;
  private readonly options: RfmOptions;
  private readonly read: ReadOptions;
  private readonly cleaning: CleaningOptions;
  private readonly lines: boolean;
  private readonly skipMissing: boolean;
  /** Column indexes of the mapped fields (-1: not mapped). */
  private readonly cCust: number;
  private readonly cInv: number;
  private readonly cDate: number;
  private readonly cQty: number;
  private readonly cPrice: number;
  private readonly cAmount: number;
  private readonly cCountry: number;
  /** The unit price column under the amount source, or the amount column under lines (mapped, not read). */
  private readonly cOtherNumber: number;
  /** The quantity column is read for money (amount source with the negative-quantity rule on). */
  private readonly amountQty: boolean;

  private n = 0;
  private cap: number;
  private cust: Int32Array;
  private flags: Uint8Array;
  private invoice: Int32Array;
  private money: Float64Array;
  private time: Float64Array;
  /** The date cells, by row (`cap` long until `finish`). */
  private dates: Cell[];
  private countryCodes: Int32Array;
  private readonly countryValues: Cell[] = [];
  private readonly countryIndex = new Map<Cell, number>();

  private readonly customers = new Interner();
  private readonly invoices = new Interner();
  private system: DateSystem = "1900";
  /** The decimal mark when the option gives it; null under auto (number text waits for `finish`). */
  private mark: DecimalMark | null = null;

  // The previous row's raw cells and what they gave (read.ts's passes reuse them when a cell repeats).
  private lastCust: Cell | typeof NUMBER = undefined;
  private lastCustNum = 0;
  private lastCustIdx = -2;
  private lastInv: Cell | typeof NUMBER = undefined;
  private lastInvNum = 0;
  private lastInvIdx = -2;
  private lastCancelled = false;
  private lastDate = "";
  private lastTime = NaN;
  private lastCountry: Cell = undefined;
  private lastCountryCode = -1;

  /** A date that is not the fixed ISO form: the date column is read again at `finish` (dateColumn). */
  private slowDates = false;
  /** Number text per number column read for money (for the decimal mark), and the rows whose money waits for it. */
  private readonly qtyText: Cell[] = [];
  private readonly priceText: Cell[] = [];
  private readonly amountText: Cell[] = [];
  private readonly pending: number[] = [];
  private readonly pendingQty: Cell[] = [];
  private readonly pendingMoney: Cell[] = [];
  /** Number text in any quantity, unit price or amount column (cleanBatch's test for the mark's dependence). */
  private numberText = false;

  /**
   * @param plan the analysis' column plan for the rows' header row
   * @param options the analysis' options (cleaning rules, date order and system, decimal mark, header row number)
   * @param expectedRows rows to size the arrays for (they grow when more come)
   * @throws RfmError("badOption") for a date system, date order or decimal mark that is not one (as read.ts)
   */
  constructor(plan: UsableColumnPlan, options: RfmOptions, expectedRows = 1024) {
    this.plan = plan;
    this.options = options;
    this.read = {
      headerRowNumber: options.headerRowNumber ?? 1,
      dateSystem: options.dateSystem,
      dateOrder: options.dateOrder,
      cleaning: options.cleaning,
      decimalMark: options.decimalMark,
    };
    this.cleaning = { ...DEFAULT_CLEANING, ...(options.cleaning ?? {}) };
    const m = plan.columns;
    this.lines = plan.money.source === "lines";
    this.cCust = m.customer as number;
    this.cDate = m.date as number;
    this.cInv = m.invoice ?? -1;
    this.cQty = m.quantity ?? -1;
    this.cPrice = this.lines ? (m.unitPrice as number) : -1;
    this.cAmount = this.lines ? -1 : (m.amount as number);
    this.cCountry = m.country ?? -1;
    this.cOtherNumber = (this.lines ? m.amount : m.unitPrice) ?? -1;
    this.amountQty = !this.lines && this.cleaning.dropNegativeQuantity && this.cQty >= 0;
    this.skipMissing = this.cleaning.dropMissingCustomer;
    this.cap = Math.max(16, Math.floor(expectedRows));
    this.cust = new Int32Array(this.cap);
    this.flags = new Uint8Array(this.cap);
    this.invoice = new Int32Array(this.cap);
    this.money = new Float64Array(this.cap);
    this.time = new Float64Array(this.cap);
    this.countryCodes = new Int32Array(this.cCountry >= 0 ? this.cap : 0);
    this.dates = new Array<Cell>(this.cap);
  }

  /** Data rows added so far. */
  get rowCount(): number {
    return this.n;
  }

  /** The options' checks, in read.ts's order, made when the first row comes (an empty batch reads no option). */
  private checkOptions(): void {
    this.system = dateSystemOf(this.read);
    slowDateReader(this.read, [], 0, "", []); // checks the date order
    const mark = decimalOption(this.read);
    this.mark = mark === "auto" ? null : mark;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const grown = <T extends Int32Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.cust = grown(this.cust, (k) => new Int32Array(k));
    this.flags = grown(this.flags, (k) => new Uint8Array(k));
    this.invoice = grown(this.invoice, (k) => new Int32Array(k));
    this.money = grown(this.money, (k) => new Float64Array(k));
    this.time = grown(this.time, (k) => new Float64Array(k));
    if (this.cCountry >= 0) this.countryCodes = grown(this.countryCodes, (k) => new Int32Array(k));
    this.dates.length = cap;
    this.cap = cap;
  }

  /**
   * Adds the next data row.
   * @param cells the row's cells by column index of the plan's header row; only the mapped columns are read, and
   *   the array may be reused for the next row
   * @param numbers when given, a mapped cell that is `undefined` in `cells` is the number at its index here (a
   *   reader of bytes hands numbers over this way: a number in a cell array would be allocated as an object)
   * @throws RfmError("badOption") on the first row, for an option read.ts rejects
   */
  row(cells: ArrayLike<Cell>, numbers?: Float64Array): void {
    const i = this.n;
    if (i === 0) this.checkOptions();
    if (i >= this.cap) this.grow();
    this.n = i + 1;
    const nums = numbers ?? null;

    const cv = cells[this.cCust];
    if (cv === undefined && nums !== null) {
      const x = nums[this.cCust];
      if (this.lastCust !== NUMBER || x !== this.lastCustNum || i === 0) {
        this.lastCust = NUMBER;
        this.lastCustNum = x;
        this.lastCustIdx = this.customers.index(x);
      }
    } else if (cv !== this.lastCust || i === 0) {
      this.lastCust = cv;
      this.lastCustIdx = this.customers.index(cv);
    }
    const c = this.lastCustIdx;
    this.cust[i] = c;
    const dv = cellAt(cells, nums, this.cDate);
    this.dates[i] = dv;

    // Read for every row, as read.ts reads the whole column: the country codes and the number text the decimal
    // mark is detected from.
    if (this.cCountry >= 0) {
      const v = cellAt(cells, nums, this.cCountry);
      if (v !== this.lastCountry || i === 0) {
        this.lastCountry = v;
        let k = this.countryIndex.get(v);
        if (k === undefined) this.countryIndex.set(v, (k = this.countryValues.push(v) - 1));
        this.lastCountryCode = k;
      }
      this.countryCodes[i] = this.lastCountryCode;
    }
    const cq = this.cQty;
    const cp = this.cPrice >= 0 ? this.cPrice : this.cAmount;
    const qv = cq >= 0 ? cells[cq] : undefined;
    const pv = cp >= 0 ? cells[cp] : undefined;
    // Both numbers handed over apart from the cells (the common case of a CSV file): read without a Cell.
    const qNum = nums !== null && cq >= 0 && qv === undefined;
    const pNum = nums !== null && cp >= 0 && pv === undefined;
    const qText = isText(qv);
    const pText = isText(pv);
    if (qText || pText) this.noteNumberText(qText ? qv : undefined, pText ? pv : undefined);
    if (this.cOtherNumber >= 0 && isText(cells[this.cOtherNumber])) this.numberText = true;

    if (c === -2) {
      // The rule pass's blank-row check, which needs the other mapped cells.
      if (isEmpty(dv) && this.restEmpty(cells, nums)) this.flags[i] = F_BLANK;
      if (this.skipMissing) return; // read.ts reads nothing else of a row it drops first
    }

    if (this.cInv >= 0) this.readInvoice(i, cells, nums);

    if (this.lines && (qNum || cq < 0) && pNum) {
      // read.ts's lineMoney on two numbers (a missing quantity column is read as NaN there too).
      const q = qNum ? (nums as Float64Array)[cq] : NaN;
      const p = (nums as Float64Array)[cp];
      const v = q * p;
      this.money[i] = v;
      this.flags[i] |= (q < 0 ? F_NEGATIVE_QTY : 0) | (p <= 0 ? F_NON_POSITIVE : 0) | (v - v !== 0 ? F_BAD_NUMBER : 0);
    } else {
      const q = qNum ? (nums as Float64Array)[cq] : qv;
      const p = pNum ? (nums as Float64Array)[cp] : pv;
      if (this.mark === null && (pText || (qText && (this.lines || this.amountQty)))) {
        this.pending.push(i);
        this.pendingQty.push(q);
        this.pendingMoney.push(p);
      } else this.setMoney(i, q, p, this.mark ?? ".");
    }

    if (typeof dv !== "string") {
      this.time[i] = nonTextDate(dv, this.system);
    } else if (dv === this.lastDate) {
      this.time[i] = this.lastTime;
    } else {
      const t = parseFixedIso(dv);
      if (t !== t) this.slowDates = true;
      this.lastDate = dv;
      this.lastTime = t;
      this.time[i] = t;
    }
  }

  /** read.ts's invoice step for row i: its index, and the cancellation flag. */
  private readInvoice(i: number, cells: ArrayLike<Cell>, nums: Float64Array | null): void {
    const raw = cells[this.cInv];
    if (raw === undefined && nums !== null) {
      const x = nums[this.cInv];
      if (this.lastInv !== NUMBER || x !== this.lastInvNum || i === 0) {
        this.lastInv = NUMBER;
        this.lastInvNum = x;
        this.lastInvIdx = this.invoices.index(x);
        this.lastCancelled = false;
      }
    } else if (raw !== this.lastInv || i === 0) {
      this.lastInv = raw;
      this.lastInvIdx = this.invoices.index(raw);
      this.lastCancelled = isCancelled(raw);
    }
    this.invoice[i] = this.lastInvIdx;
    if (this.lastCancelled) this.flags[i] |= F_CANCELLED;
  }

  /** read.ts's money step for row i (lineMoney / amountMoney), number text read with `mark`. */
  private setMoney(i: number, qv: Cell, pv: Cell, mark: DecimalMark): void {
    if (this.lines) {
      const q = typeof qv === "number" ? qv : cellNumber(qv, mark);
      const p = typeof pv === "number" ? pv : cellNumber(pv, mark);
      const v = q * p;
      this.money[i] = v;
      this.flags[i] |= (q < 0 ? F_NEGATIVE_QTY : 0) | (p <= 0 ? F_NON_POSITIVE : 0) | (v - v !== 0 ? F_BAD_NUMBER : 0);
    } else {
      const v = typeof pv === "number" ? pv : cellNumber(pv, mark);
      let f = (v <= 0 ? F_NON_POSITIVE : 0) | (v - v !== 0 ? F_BAD_NUMBER : 0);
      if (this.amountQty) f |= cellNumber(qv, mark) < 0 ? F_NEGATIVE_QTY : 0;
      this.money[i] = v;
      this.flags[i] |= f;
    }
  }

  /** Keeps number text for the decimal mark's detection (read.ts looks at the columns it reads money from). */
  private noteNumberText(q: Cell, p: Cell): void {
    this.numberText = true;
    if (q !== undefined) this.qtyText.push(q);
    if (p !== undefined) (this.lines ? this.priceText : this.amountText).push(p);
  }

  /** The mapped cells other than the customer id and the date are all empty (read.ts's isBlank). */
  private restEmpty(cells: ArrayLike<Cell>, nums: Float64Array | null): boolean {
    const empty = (f: number): boolean => f < 0 || isEmpty(cellAt(cells, nums, f));
    return empty(this.cInv) && empty(this.cQty) && empty(this.cPrice) && empty(this.cAmount);
  }

  /**
   * The rows added, cleaned: what `cleanBatch` gives for the table of those rows.
   * @returns the batch, for `Analysis.addCleaned`; a batch that is a whole table may be added whatever its
   *   `dependsOnOthers` says (there are no other batches)
   * @throws RfmError("badDate") as read.ts, when unreadable dates are not to be dropped
   */
  finish(): CleanedBatch {
    const n = this.n;
    const { plan, cleaning } = this;
    const mapping = plan.columns;
    const firstRow = (this.read.headerRowNumber ?? 1) + 1;
    const warnings: string[] = [];
    const dateHeader = plan.headers[this.cDate] || FIELD_NAMES.date;
    let depends: string | null = null;
    const skip = cleaning.dropMissingCustomer ? this.cust : null;

    this.dates.length = n;
    // In read.ts's order: the money is read (and the decimal mark decided) before the dates.
    if (this.numberText && this.mark === null) depends ??= "number text, read with a detected mark";
    if (n > 0) {
      if (this.pending.length > 0) {
        // The mark detected from the number columns' text, as read.ts's decimalMarkOf does with the whole columns.
        const columns = this.lines
          ? [this.cQty >= 0 ? this.qtyText : null, this.priceText]
          : [this.cQty >= 0 ? this.qtyText : null, this.amountText];
        const mark = detectDecimalMark(columns.filter((c): c is Cell[] => c !== null));
        const { pending, pendingQty, pendingMoney } = this;
        for (let k = 0; k < pending.length; k++) this.setMoney(pending[k], pendingQty[k], pendingMoney[k], mark);
      }
      if (this.slowDates) {
        const read: ReadOptions = {
          ...this.read,
          chooseDateOrder: (det) => {
            depends ??= "text dates in day/month form, ordered by the whole column";
            return det;
          },
        };
        const slow = slowDateReader(read, this.dates, firstRow, dateHeader, warnings);
        dateColumn(this.dates, n, this.system, slow, this.time, skip);
      }
    }

    const flags = this.flags;
    const countInvoices = plan.money.hasInvoice && this.cInv >= 0;
    const dropCancel = cleaning.dropCancelledInvoices && this.cInv >= 0;
    const dropNeg = cleaning.dropNegativeQuantity && this.cQty >= 0;
    let missingIdx = -1;
    const customers = this.customers;
    const pass = applyRules({
      n,
      firstRow,
      customer: this.cust,
      flags,
      time: this.time,
      invoice: this.invoice,
      dateCol: this.dates,
      countInvoices,
      dropCust: cleaning.dropMissingCustomer,
      dropCancel,
      dropNeg,
      dropPrice: cleaning.dropNonPositivePrice,
      isBlank: (i: number): boolean => (flags[i] & F_BLANK) !== 0,
      missingCustomer: (): number => (missingIdx >= 0 ? missingIdx : (missingIdx = customers.indexOfId(""))),
    });
    rowWarnings(pass, cleaning.dropUnparsableDates, dateHeader, warnings);
    if (plan.money.note) warnings.push(plan.money.note);
    if (warnings.some((w) => w !== plan.money.note)) depends ??= "warnings that count the batch's rows";
    const exclusions = exclusionLog(
      pass.counts,
      pass.examples,
      { ...cleaning, dropCancelledInvoices: dropCancel, dropNegativeQuantity: dropNeg },
      this.lines,
    );
    const rows: CleanRows = {
      rowCount: n,
      keptCount: pass.keptCount,
      customer: this.cust.subarray(0, n),
      time: this.time.subarray(0, n),
      invoice: this.invoice.subarray(0, n),
      money: this.money.subarray(0, n),
      customerIds: customers.ids(),
      invoiceCount: this.invoices.keys.length,
      invoiceKeys: this.invoices.keys,
      maxTime: pass.maxTime,
      exclusions,
      warnings,
    };
    const batch: CleanedBatch = { rows, dependsOnOthers: depends };
    if (mapping.country !== undefined && n > 0) {
      batch.country = { codes: this.countryCodes.subarray(0, n), values: this.countryValues };
    }
    this.dates = [];
    return batch;
  }
}
