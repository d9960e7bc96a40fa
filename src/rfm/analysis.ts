/**
 * `createAnalysis(options)`: the engine's one pipeline, as an aggregator fed with batches of rows.
 * `analyze(table)` feeds it the whole table once; the CLI's streaming reader feeds it a large file batch by batch, and
 * its parallel reader folds in batches that worker threads read and cleaned (`cleanBatch`, then `addCleaned`).
 * Either way each row goes through the same steps:
 * columns (the ColumnPlan, made once from the first header row) → rows read and cleaned (read.ts `readRows`, with
 * the batch's row offset in the header row number, so example rows are the table's row numbers) → folded into
 * per-customer running totals (metrics.ts), after mapping the batch's customer and invoice indexes to analysis-wide
 * ones (customers by canonical id, invoices by read.ts's invoice key), so distinct (customer, invoice) pairs count
 * once across batches and Monetary is the same Kahan sum in row order → at `finish()`, customer order, snapshot and
 * Recency (`metricsFromTotals`), then scores, segments and summary (`scoreCustomers`).
 * The result does not depend on how the rows were split into batches.
 *
 * Day/month order of text dates (option `auto`): decided by the first batch that needs it (read.ts detects it on
 * that batch's column). A later batch keeps that order; a batch that proves the other order is an error asking to
 * choose the date order, rather than two readings of one column.
 *
 * Memory: the running totals (a few dozen bytes per customer), one Map entry per distinct invoice and, unless
 * `keepRows` is false, 4 bytes per row for `rowCustomer`.
 *
 * Example: `createAnalysis({ scheme: "tiers4" }).add(firstRows).add(moreRows).finish()` equals
 * `analyze(allRows, { scheme: "tiers4" })`.
 */
import { DateSpread } from "./dateSpread";
import { FIELD_NAMES, planColumns, requireColumns, type ColumnPlan, type UsableColumnPlan } from "./columns";
import type { DateOrderDetection } from "./dates";
import type { DecimalMark } from "./numbers";
import { RfmError } from "./errors";
import {
  accumulateRows,
  growTotals,
  metricsFromTotals,
  newTotals,
  settleCountries,
  type CustomerTotals,
} from "./metrics";
import { resolveOptions, type ResolvedOptions } from "./options";
import { RULES, readRows, viewTable, type CleanRows, type TableView } from "./read";
import { compileSegments, resolveScheme, type CompiledSegments } from "./schemes";
import { scoreCustomers } from "./scoreCustomers";
import type { Cell, ExclusionEntry, RfmOptions, RfmResult, Scheme, TableInput } from "./types";

const MAX_EXAMPLES = 20;

/** A rule that drops more than this share of the rows read gets a warning of its own. */
const LARGE_EXCLUSION = 0.01;

/**
 * One warning per cleaning rule that left out more than 1% of the rows: the reason, the share and three example
 * rows, so that a wrong mapping or an unreadable number format is seen at once, not found in the exclusions log.
 * Unreadable dates have their own warning already (read.ts).
 */
function largeExclusionWarnings(exclusions: readonly ExclusionEntry[], rowsRead: number): string[] {
  const out: string[] = [];
  for (const e of exclusions) {
    if (e.rule === "emptyRow" || e.rule === "unparsableDate" || e.count <= rowsRead * LARGE_EXCLUSION) continue;
    const share = ((100 * e.count) / rowsRead).toFixed(1);
    const ex = e.exampleRows.slice(0, 3);
    const rows = ex.length === 0 ? "" : ` (for example row${ex.length > 1 ? "s" : ""} ${ex.join(", ")})`;
    out.push(`Left out ${e.count} of ${rowsRead} rows (${share}%): ${e.description}${rows}.`);
  }
  return out;
}
const MAX_WARNINGS = 20;

/** How an analysis is set up besides the options. */
export interface AnalysisSetup {
  /** The column plan (planColumns on the batches' headers); default: planned from the first batch's headers with
   *  `options.mapping` and `options.monetarySource`. */
  columns?: ColumnPlan;
  /** Keep per-row customer indexes for `rowCustomer` (default true; false keeps memory per customer only, and the
   *  result's rowCustomer is empty). */
  keepRows?: boolean;
  /** Filled with the time spent in each step, when given (for the CLI's --stats). */
  timings?: AnalysisTimings;
}

/**
 * Milliseconds an analysis spent per step, summed over its batches: reading and cleaning the rows (read.ts),
 * folding them into per-customer totals (metrics.ts, date spread, countries), and at `finish()` the customer
 * order, Recency, scores, segments and summary.
 */
export interface AnalysisTimings {
  cleanMs: number;
  aggregateMs: number;
  scoreMs: number;
}

/** An analysis in progress: add batches of rows, then finish. */
export interface Analysis {
  /**
   * The column plan for a header row, fixed by the first call (or by the plan the analysis was created with); a
   * reader calls it on the header row to learn which columns to read.
   * @throws RfmError("missingColumn") when the plan is not usable
   */
  plan(headers: readonly string[]): UsableColumnPlan;
  /**
   * Adds a batch of data rows: a ColumnTable (or a row table, header row first) with the same headers as the first
   * batch, in table order. Columns the plan does not use may be empty.
   * @throws RfmError as analyze does for the rows (missingColumn, badOption, badDate)
   */
  add(batch: TableInput): Analysis;
  /**
   * Adds the next batch of data rows, read and cleaned apart by `cleanBatch` (in a worker thread, say): the same
   * totals as `add` of its table, provided `batch.dependsOnOthers` is null (the caller checks that; a batch whose
   * reading depended on the batches before it must be read with `add` instead). Call `plan` first.
   * @throws RfmError("badOption") before the column plan is made
   */
  addCleaned(batch: CleanedBatch): Analysis;
  /** Data rows added so far. */
  readonly rowsSeen: number;
  /**
   * Scores the customers of every batch added.
   * @throws RfmError("emptyTable") without a header row, data rows or non-empty rows; ("noCustomers") when every row
   *   was excluded (the message lists what removed them)
   */
  finish(): RfmResult;
}

/** A batch of rows read and cleaned apart from the analysis (`cleanBatch`), to be folded in with `addCleaned`. */
export interface CleanedBatch {
  /** The rows as read.ts cleans them; example rows counted from the batch's first row (header row + 1). */
  rows: CleanRows;
  /** The country column (when mapped) as an index per row into `values`: few distinct texts, cheap to hand over. */
  country?: { codes: Int32Array; values: Cell[] };
  /** Null when reading this batch did not depend on other batches' rows; else why it did (day/month text dates to
   *  be ordered, number text whose decimal mark the first batch decides, warnings that count this batch's rows),
   *  and the batch must not be added with `addCleaned`. */
  dependsOnOthers: string | null;
}

/** True when a cell of `col` is non-empty text (number text: its decimal mark is detected from the data). */
function hasText(col: ArrayLike<Cell>): boolean {
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (typeof v === "string" && v !== "") return true;
  }
  return false;
}

/**
 * Reads and cleans one batch of data rows apart from an analysis (in a worker thread), with the analysis'
 * `options` and column `plan`, for `Analysis.addCleaned`: the batches of a file can be read side by side and folded
 * in order. What the whole-file reading decides from all rows (the day/month order and the decimal mark under
 * "auto", and warnings that count rows) cannot be decided from one batch: such a batch says so in
 * `dependsOnOthers`.
 * @param table the batch's rows, with the header texts the plan was made for
 * @throws RfmError as `add` does for the rows (badOption, badDate)
 * @example cleanBatch(rows, createAnalysis(opts).plan(rows.headers), opts).rows.keptCount
 */
export function cleanBatch(table: TableInput, plan: UsableColumnPlan, options: RfmOptions): CleanedBatch {
  const view = viewTable(table);
  const mapping = plan.columns;
  let depends: string | null = null;
  const numberColumns = [mapping.quantity, mapping.unitPrice, mapping.amount].filter(
    (c): c is number => c !== undefined,
  );
  const rows = readRows(view, mapping, plan.money, {
    headerRowNumber: options.headerRowNumber ?? 1,
    dateSystem: options.dateSystem,
    dateOrder: options.dateOrder,
    cleaning: options.cleaning,
    chooseDateOrder: (det) => {
      depends ??= "text dates in day/month form, ordered by the whole column";
      return det;
    },
    decimalMark: options.decimalMark,
    // Without number text the mark reads nothing (and detection would find ".", as on the whole file).
    chooseDecimalMark: (detect) => {
      if (!numberColumns.some((c) => hasText(view.column(c)))) return ".";
      depends ??= "number text, read with a detected mark";
      return detect();
    },
  });
  if (rows.warnings.some((w) => w !== plan.money.note)) depends ??= "warnings that count the batch's rows";
  const batch: CleanedBatch = { rows, dependsOnOthers: depends };
  if (mapping.country !== undefined && view.rowCount > 0) {
    const col = view.column(mapping.country);
    const codes = new Int32Array(view.rowCount);
    const values: Cell[] = [];
    const index = new Map<Cell, number>();
    for (let i = 0; i < codes.length; i++) {
      const v = col[i];
      let k = index.get(v);
      if (k === undefined) index.set(v, (k = values.push(v) - 1));
      codes[i] = k;
    }
    batch.country = { codes, values };
  }
  return batch;
}

class BatchAnalysis implements Analysis {
  private readonly resolved: ResolvedOptions;
  private readonly scheme: Scheme;
  private readonly compiled: CompiledSegments;
  private readonly headerRow: number;
  private readonly keepRows: boolean;
  private columns: UsableColumnPlan | null = null;
  /** The first batch's header texts, for the result. */
  private headers: string[] | null = null;
  private rowsRead = 0;
  private rowsUsed = 0;
  private maxTime = -Infinity;
  /** The order the data proved (a day > 12 in first or second place), once a batch showed it. */
  private evidence: "dmy" | "mdy" | null = null;
  /** A batch with day/month text was read under the day-first assumption (no day > 12 seen yet). */
  private assumedDayFirst = false;
  /** Canonical customer ids by analysis-wide index (customers of the first batch whose rows were all excluded
   *  included; finish reports only customers with kept rows). */
  private readonly ids: string[] = [];
  private readonly idIndex = new Map<string, number>();
  /** The first batch's invoice keys, until a second batch needs `invoiceIndex`. */
  private firstInvoiceKeys: readonly (number | string)[] | null = null;
  private readonly totals: CustomerTotals = newTotals(1024, 1024);
  /** Per customer: the country cell of its latest row (metrics.ts `settleCountries`). */
  private readonly countries: Cell[] = [];
  /** Invoices by read.ts's invoice key (a number for numeric ids, else the canonical text). */
  private readonly invoiceIndex = new Map<number | string, number>();
  private readonly exclusions = new Map<string, ExclusionEntry>();
  private readonly warnings: string[] = [];
  /** The decimal mark number text is read with, once a batch has decided it (decimalMark "auto"). */
  private decimalMark: DecimalMark | undefined;
  private warningsDropped = 0;
  /** Per batch: each row's analysis-wide customer index (-1: excluded), when keepRows. */
  private readonly rowCustomers: Int32Array[] = [];
  /** Kept rows per day, for the far-off dates warning. */
  private readonly spread = new DateSpread();
  private readonly timings: AnalysisTimings | undefined;

  constructor(
    private readonly options: RfmOptions,
    setup: AnalysisSetup,
  ) {
    this.resolved = resolveOptions(options);
    this.scheme = resolveScheme(this.resolved.scheme);
    // Compiled before any row is read, so that a bad scheme fails at once.
    this.compiled = compileSegments(this.scheme, this.resolved.bins);
    this.headerRow = options.headerRowNumber ?? 1;
    this.keepRows = setup.keepRows ?? true;
    this.timings = setup.timings;
    if (setup.columns) this.columns = requireColumns(setup.columns);
  }

  plan(headers: readonly string[]): UsableColumnPlan {
    if (this.columns === null) {
      this.columns = requireColumns(
        planColumns(headers, this.options.mapping, { monetarySource: this.resolved.monetarySource }),
      );
    }
    return this.columns;
  }

  get rowsSeen(): number {
    return this.rowsRead;
  }

  private warn(text: string): void {
    if (this.warnings.includes(text)) return;
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(text);
    else this.warningsDropped++;
  }

  /** Holds one day/month order across batches (see the top of the file). */
  private chooseDateOrder(det: DateOrderDetection, firstRow: number, header: string): DateOrderDetection {
    if (det.evidence === "none") {
      if (this.evidence !== null) return { ...det, order: this.evidence, evidence: this.evidence };
      this.assumedDayFirst = true;
      return det;
    }
    if (this.evidence !== null && this.evidence !== det.evidence) {
      throw new RfmError(
        "badDate",
        `Column "${header}" mixes day-first and month-first dates: rows before ${firstRow} read ` +
          `${this.evidence === "dmy" ? "day" : "month"} first, later rows ${det.evidence === "dmy" ? "day" : "month"} ` +
          `first. Fix the column or choose the date order explicitly.`,
        { column: header },
      );
    }
    if (this.evidence === null && this.assumedDayFirst && det.evidence === "mdy") {
      throw new RfmError(
        "badDate",
        `Dates in column "${header}" are month-first (a day above 12 from row ${firstRow} on), but earlier rows ` +
          `were read day-first because none of them showed it. Run again with --date-order mdy.`,
        { column: header },
      );
    }
    this.evidence = det.evidence;
    return det;
  }

  /** Maps a later batch's customer and invoice indexes to the analysis-wide ones, in place. */
  private toAnalysisIndexes(rows: CleanRows, n: number): void {
    const { ids, idIndex, invoiceIndex } = this;
    if (idIndex.size < ids.length) ids.forEach((id, k) => idIndex.set(id, k));
    if (this.firstInvoiceKeys !== null) {
      this.firstInvoiceKeys.forEach((key, k) => invoiceIndex.set(key, k));
      this.firstInvoiceKeys = null;
    }
    const { customer, invoice, customerIds, invoiceKeys } = rows;
    const toGlobal = new Int32Array(customerIds.length).fill(-1);
    const invToGlobal = new Int32Array(rows.invoiceCount).fill(-1);
    for (let i = 0; i < n; i++) {
      const local = customer[i];
      if (local < 0) continue;
      let c = toGlobal[local];
      if (c < 0) {
        const id = customerIds[local];
        let g = idIndex.get(id);
        if (g === undefined) {
          g = ids.length;
          ids.push(id);
          idIndex.set(id, g);
        }
        c = toGlobal[local] = g;
      }
      customer[i] = c;
      const li = invoice[i];
      if (li < 0) continue;
      let g = invToGlobal[li];
      if (g < 0) {
        const key = invoiceKeys[li];
        let gi = invoiceIndex.get(key);
        if (gi === undefined) invoiceIndex.set(key, (gi = invoiceIndex.size));
        g = invToGlobal[li] = gi;
      }
      invoice[i] = g;
    }
  }

  private invoiceCount(): number {
    return this.firstInvoiceKeys !== null ? this.firstInvoiceKeys.length : this.invoiceIndex.size;
  }

  add(batch: TableInput): Analysis {
    this.addView(viewTable(batch));
    return this;
  }

  /** `add` for a table already wrapped (analyze checks the row count first). */
  addView(view: TableView): void {
    const plan = this.plan(view.headers);
    if (view.headers.length !== plan.headers.length) {
      throw new RfmError(
        "badOption",
        `The column plan is for ${plan.headers.length} columns, but the table has ${view.headers.length}.`,
      );
    }
    this.headers ??= view.headers;
    const mapping = plan.columns;
    const n = view.rowCount;
    if (n === 0) return;
    const offset = this.rowsRead;
    const firstRow = this.headerRow + offset + 1;
    const header = plan.headers[mapping.date as number] || FIELD_NAMES.date;
    const t0 = this.timings !== undefined ? performance.now() : 0;
    const rows = readRows(view, mapping, plan.money, {
      headerRowNumber: this.headerRow + offset,
      dateSystem: this.options.dateSystem,
      dateOrder: this.options.dateOrder,
      cleaning: this.options.cleaning,
      chooseDateOrder: (det) => this.chooseDateOrder(det, firstRow, header),
      decimalMark: this.options.decimalMark,
      // The first batch with number text decides the decimal mark for the whole analysis.
      chooseDecimalMark: (detect) => (this.decimalMark ??= detect()),
    });
    if (this.timings !== undefined) this.timings.cleanMs += performance.now() - t0;
    const country = mapping.country !== undefined ? view.column(mapping.country) : undefined;
    this.fold(rows, country !== undefined ? (i) => country[i] : undefined);
  }

  addCleaned(batch: CleanedBatch): Analysis {
    if (this.columns === null) {
      throw new RfmError("badOption", "A batch cleaned apart is added after the column plan is made (plan()).");
    }
    this.headers ??= [...this.columns.headers];
    const rows = batch.rows;
    if (rows.rowCount === 0) return this;
    // Its example rows counted from the batch's own first row: moved to the analysis-wide row numbers.
    const offset = this.rowsRead;
    for (const e of rows.exclusions) e.exampleRows = e.exampleRows.map((r) => r + offset);
    const country = batch.country;
    this.fold(rows, country !== undefined ? (i) => country.values[country.codes[i]] : undefined);
    return this;
  }

  /** Folds a batch's cleaned rows (example rows already numbered analysis-wide) into the running totals. */
  private fold(rows: CleanRows, countryAt: ((row: number) => Cell) | undefined): void {
    const t0 = this.timings !== undefined ? performance.now() : 0;
    this.foldRows(rows, countryAt);
    if (this.timings !== undefined) this.timings.aggregateMs += performance.now() - t0;
  }

  private foldRows(rows: CleanRows, countryAt: ((row: number) => Cell) | undefined): void {
    const n = rows.rowCount;
    const firstRow = this.headerRow + this.rowsRead + 1;
    this.rowsRead += n;
    this.rowsUsed += rows.keptCount;
    for (const e of rows.exclusions) {
      const acc = this.exclusions.get(e.rule);
      if (!acc) this.exclusions.set(e.rule, { ...e, exampleRows: e.exampleRows.slice(0, MAX_EXAMPLES) });
      else {
        acc.count += e.count;
        for (const r of e.exampleRows) if (acc.exampleRows.length < MAX_EXAMPLES) acc.exampleRows.push(r);
      }
    }
    for (const w of rows.warnings) this.warn(w);
    if (this.keepRows) this.rowCustomers.push(rows.customer);
    if (rows.keptCount === 0) return;

    // Batch-local customer and invoice indexes → analysis-wide ones, in place (the arrays are this batch's own).
    // The first batch's indexes are taken as they are; the Maps are built only when a second batch comes.
    if (this.ids.length === 0) {
      for (const id of rows.customerIds) this.ids.push(id);
      this.firstInvoiceKeys = rows.invoiceKeys;
    } else this.toAnalysisIndexes(rows, n);
    const { customer, invoice } = rows;
    if (rows.maxTime > this.maxTime) this.maxTime = rows.maxTime;

    // The running totals, continued across batches; `lastRow` marks the customers this batch moved.
    const t = this.totals;
    growTotals(t, this.ids.length, this.invoiceCount());
    t.lastRow.fill(-1);
    accumulateRows(t, customer, rows.time, invoice, rows.money, n);
    this.spread.add(rows.time, customer, n, firstRow);
    if (countryAt !== undefined) settleCountries(t, customer, rows.time, n, countryAt, this.countries);
  }

  private checkRowsLeft(exclusions: ExclusionEntry[]): void {
    if (this.columns === null) throw new RfmError("emptyTable", "The table is empty: there is no header row.");
    if (this.rowsRead === 0) throw new RfmError("emptyTable", "The table has a header row but no data rows.");
    const blankRows = exclusions.find((e) => e.rule === "emptyRow")?.count ?? 0;
    if (blankRows === this.rowsRead) {
      throw new RfmError("emptyTable", "The table has a header row but every data row is empty.");
    }
    if (this.rowsUsed > 0) return;
    const removed = exclusions
      .filter((e) => e.count > 0)
      .map(
        (e) =>
          `${e.description}: ${e.count} (e.g. row${e.exampleRows.length > 1 ? "s" : ""} ${e.exampleRows.slice(0, 3).join(", ")})`,
      )
      .join("; ");
    throw new RfmError(
      "noCustomers",
      `No customers left after cleaning: all ${this.rowsRead} data rows were excluded. ${removed}.`,
      { rows: exclusions.flatMap((e) => e.exampleRows).slice(0, 20) },
    );
  }

  /** Each row's index into the result's customers (-1: excluded), from the analysis-wide indexes. */
  private rowCustomer(order: Int32Array): Int32Array {
    if (!this.keepRows) return new Int32Array(0);
    const finalOf = new Int32Array(this.ids.length).fill(-1);
    for (let k = 0; k < order.length; k++) finalOf[order[k]] = k;
    const out = new Int32Array(this.rowsRead);
    let at = 0;
    for (const batch of this.rowCustomers) {
      for (let i = 0; i < batch.length; i++) {
        const c = batch[i];
        out[at + i] = c < 0 ? -1 : finalOf[c];
      }
      at += batch.length;
    }
    return out;
  }

  finish(): RfmResult {
    const t0 = this.timings !== undefined ? performance.now() : 0;
    const result = this.finishRows();
    if (this.timings !== undefined) this.timings.scoreMs += performance.now() - t0;
    return result;
  }

  private finishRows(): RfmResult {
    const exclusions = [...this.exclusions.values()].sort(
      (a, b) => ruleRank(a.rule) - ruleRank(b.rule) || (a.rule < b.rule ? -1 : 1),
    );
    this.checkRowsLeft(exclusions);
    for (const w of largeExclusionWarnings(exclusions, this.rowsRead)) this.warn(w);
    for (const w of this.spread.warnings(Date.now())) this.warn(w);
    const plan = this.columns as UsableColumnPlan;
    const { scoring, bins } = this.resolved;
    // Customers with kept rows (a kept row always leaves its customer a finite latest time).
    const present: number[] = [];
    const last = this.totals.last;
    for (let c = 0; c < this.ids.length; c++) if (last[c] > -Infinity) present.push(c);
    const { metrics, order } = metricsFromTotals(
      this.ids,
      this.totals,
      present,
      plan.columns.country !== undefined ? this.countries : undefined,
      this.maxTime,
      this.options.snapshot,
    );
    for (const w of metrics.warnings) this.warn(w);
    const scored = scoreCustomers(metrics, {
      scheme: this.scheme,
      scoring,
      bins,
      cutPoints: this.options.cutPoints,
      compiled: this.compiled,
    });
    for (const w of scored.warnings) this.warn(w);
    const warnings = [...this.warnings];
    if (this.warningsDropped > 0) warnings.push(`… and ${this.warningsDropped} more warnings.`);
    return {
      customers: scored.customers,
      segments: scored.segments,
      edges: scored.edges,
      exclusions,
      warnings,
      snapshot: metrics.snapshot,
      mapping: plan.columns,
      headers: this.headers ?? [...plan.headers],
      rowsRead: this.rowsRead,
      rowsUsed: this.rowsUsed,
      rowCustomer: this.rowCustomer(order),
      scheme: this.scheme,
      bins,
      scoring,
      totalRevenue: scored.totalRevenue,
    };
  }
}

function ruleRank(rule: string): number {
  const i = (RULES as readonly string[]).indexOf(rule);
  return i < 0 ? RULES.length : i;
}

/**
 * Starts an analysis to be fed batch by batch (see the top of the file).
 * @param options as analyze's; checked here (badOption, unknownScheme, badScheme), before any row is read
 * @param setup the column plan, if the caller planned the columns already, and whether to keep per-row data
 * @returns the analysis: `.add(batch)` any number of times, then `.finish()`
 * @throws RfmError("badOption" | "unknownScheme" | "badScheme"); ("missingColumn") when `setup.columns` is not usable
 * @example createAnalysis({ bins: 4 }).add(rows).finish().customers.length // → the number of customers
 */
export function createAnalysis(options: RfmOptions = {}, setup: AnalysisSetup = {}): Analysis {
  return new BatchAnalysis(options, setup);
}

/**
 * `analyze` itself: one analysis fed the whole table (see analyze.ts).
 * @internal
 */
export function analyzeTable(
  table: TableInput,
  options: RfmOptions,
  columns?: ColumnPlan,
  run: Pick<AnalysisSetup, "keepRows" | "timings"> = {},
): RfmResult {
  const analysis = new BatchAnalysis(options, { ...run, columns });
  const view = viewTable(table);
  if (view.rowCount === 0) throw new RfmError("emptyTable", "The table has a header row but no data rows.");
  analysis.addView(view);
  return analysis.finish();
}
