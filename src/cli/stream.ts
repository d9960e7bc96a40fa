/**
 * Streaming analysis for CSV files too large to hold as one table: the file is read in byte chunks, parsed into
 * batches of rows, each batch cleaned by the engine's own reader, and the kept rows folded into per-customer
 * accumulators; only those accumulators (a few dozen bytes per customer) and one batch live in memory.
 *
 * What is the engine's and what is this file's:
 * - parsing: csv.ts `CsvParser` (byte-level, incremental; only the mapped columns are materialised);
 * - column mapping, cleaning and date reading: the engine's `resolveColumns`, `resolveMoney` and `readRows`, run on
 *   each batch (so every exclusion rule, number rule and date form is exactly the engine's), with the batch's row
 *   offset folded into the header row number so example rows are the file's row numbers;
 * - aggregation: the engine's own per-customer totals and row fold (metrics.ts `accumulateRows`,
 *   `settleCountries`), kept for the whole file: each batch's customer and invoice indexes are first mapped to
 *   file-wide ones (customers by canonical id, invoices by the engine's invoice key), so distinct (customer, invoice)
 *   pairs count once across batches and Monetary is the same Kahan sum in file order, bit-identical to `analyze()`;
 * - customer order, snapshot and Recency: the engine's `metricsFromTotals`;
 * - scoring, segments and summary: the engine's `scoreCustomers` (the end of `analyze()`).
 * The result equals `analyze()` on the whole file (tested customer for customer), except `rowCustomer`, which is
 * empty: a streamed run keeps no per-row data.
 *
 * Day/month order of text dates (option `auto`): decided from the first batch that shows a day > 12; a batch read
 * before that under the default day-first assumption and a later batch that proves month-first is an error asking
 * for `--date-order`, rather than two readings of one column.
 *
 * Cost: one pass over the bytes; memory ≈ one batch (default 200,000 rows of the mapped columns) + ~60 bytes per
 * customer + one Map entry per distinct invoice (keyed by number for numeric invoice ids).
 *
 * @example
 *   const { result } = await analyzeCsvStream("big.csv", { scheme: "tiers4" });
 */
import * as fs from "fs";
import * as zlib from "zlib";
import { resolveOptions, scoreCustomers, type ResolvedOptions } from "../rfm/analyze";
import { resolveColumns, resolveMoney } from "../rfm/columns";
import type { MoneyPlan } from "../rfm/columns";
import { detectDateOrder, parseSnapshot } from "../rfm/dates";
import { RfmError } from "../rfm/errors";
import {
  accumulateRows,
  growTotals,
  metricsFromTotals,
  newTotals,
  settleCountries,
  type CustomerTotals,
} from "../rfm/metrics";
import { RULES, readRows, viewTable } from "../rfm/read";
import { resolveScheme } from "../rfm/schemes";
import type { Cell, ColumnMapping, ColumnTable, ExclusionEntry, RfmOptions, RfmResult, Scheme } from "../rfm/types";
import { UsageError } from "./args";
import { CsvError, CsvParser } from "./csv";
import type { InputResult } from "./readInput";

const MAX_EXAMPLES = 20;
const MAX_WARNINGS = 20;

/**
 * Folds batches of rows (ColumnTables with the same headers, in file order) into per-customer accumulators, then
 * scores them with the engine. See the top of the file.
 */
export class StreamAggregator {
  private readonly options: RfmOptions;
  private readonly resolved: ResolvedOptions;
  private readonly scheme: Scheme;
  private mapping: ColumnMapping | null = null;
  private plan: MoneyPlan | null = null;
  private headers: string[] = [];
  private readonly headerRow: number;
  /** Data rows seen so far (the next batch's offset). */
  private rowsRead = 0;
  private rowsUsed = 0;
  private maxTime = -Infinity;
  private readonly userOrder: "auto" | "dmy" | "mdy";
  /** The order the data proved (a day > 12 in first or second place), once a batch showed it. */
  private evidence: "dmy" | "mdy" | null = null;
  /** A batch with day/month text was read under the day-first assumption (no day > 12 seen yet). */
  private assumedDayFirst = false;

  private readonly idIndex = new Map<string, number>();
  private readonly ids: string[] = [];
  /** The engine's per-customer totals (metrics.ts), indexed by global customer and invoice. */
  private readonly totals: CustomerTotals = newTotals(1024, 1024);
  /** Per customer: the country cell of its latest row (metrics.ts `settleCountries`). */
  private readonly countries: Cell[] = [];
  /** Invoices by the engine's invoice key (read.ts: a number for numeric ids, else the canonical text). */
  private readonly invoiceIndex = new Map<number | string, number>();
  private readonly exclusions = new Map<string, ExclusionEntry>();
  private readonly warnings: string[] = [];
  private warningsDropped = 0;

  constructor(options: RfmOptions = {}) {
    this.options = options;
    this.resolved = resolveOptions(options);
    this.scheme = resolveScheme(this.resolved.scheme); // fails early on a bad one
    if (options.snapshot !== undefined && options.snapshot !== null) parseSnapshot(options.snapshot);
    this.headerRow = options.headerRowNumber ?? 1;
    this.userOrder = options.dateOrder ?? "auto";
  }

  /** Column mapping for a header row (the engine's resolution), fixed by the first call. */
  mapHeaders(headers: readonly string[]): ColumnMapping {
    if (this.mapping === null) {
      this.headers = headers.map(String);
      this.mapping = resolveColumns(this.headers, this.options.mapping, {
        monetarySource: this.resolved.monetarySource,
      });
      this.plan = resolveMoney(this.mapping, this.headers, this.resolved.monetarySource);
    }
    return this.mapping;
  }

  private warn(text: string): void {
    if (this.warnings.includes(text)) return;
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(text);
    else this.warningsDropped++;
  }

  /** Data rows read so far. */
  get rowsSeen(): number {
    return this.rowsRead;
  }

  /** Decides the day/month order for a batch under `auto` (see the top of the file). */
  private batchDateOrder(dates: ArrayLike<Cell>, firstRow: number, header: string): "auto" | "dmy" | "mdy" {
    if (this.userOrder !== "auto") return this.userOrder;
    const det = detectDateOrder(dates, firstRow, header); // throws when one batch mixes the two orders
    if (det.evidence === "none") {
      if (this.evidence !== null) return this.evidence;
      if (det.sawDayMonthText) this.assumedDayFirst = true;
      return "auto"; // the engine's default: day-first, with a warning when such dates were seen
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
    return det.evidence;
  }

  /** Adds one batch of data rows (columns as the header row lists them; unmapped columns may be empty). */
  addBatch(batch: ColumnTable): void {
    const mapping = this.mapHeaders(batch.headers);
    const plan = this.plan as MoneyPlan;
    const view = viewTable(batch);
    const n = view.rowCount;
    if (n === 0) return;
    const offset = this.rowsRead;
    const firstRow = this.headerRow + offset + 1;
    const dateHeader = this.headers[mapping.date as number] || "date";
    const order = this.batchDateOrder(view.column(mapping.date as number), firstRow, dateHeader);
    const rows = readRows(view, mapping, plan, {
      headerRowNumber: this.headerRow + offset,
      dateSystem: this.options.dateSystem,
      dateOrder: order,
      cleaning: this.options.cleaning,
    });
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
    if (rows.keptCount === 0) return;

    // Batch-local customer and invoice indexes → global ones, in place (the batch's arrays are this call's own).
    const { customer, invoice, customerIds, invoiceKeys } = rows;
    const toGlobal = new Int32Array(customerIds.length).fill(-1);
    const invToGlobal = new Int32Array(rows.invoiceCount).fill(-1);
    const { ids, idIndex, invoiceIndex } = this;
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
    if (rows.maxTime > this.maxTime) this.maxTime = rows.maxTime;

    // The engine's accumulation, continued across batches; `lastRow` marks the customers this batch moved.
    const t = this.totals;
    growTotals(t, ids.length, invoiceIndex.size);
    t.lastRow.fill(-1);
    accumulateRows(t, customer, rows.time, invoice, rows.money, n);
    if (mapping.country !== undefined) {
      settleCountries(t, customer, rows.time, n, view.column(mapping.country), this.countries);
    }
  }

  /** Scores the accumulated customers with the engine and returns the result (rowCustomer is empty). */
  finish(): RfmResult {
    if (this.mapping === null) throw new RfmError("emptyTable", "The file is empty: there is no header row.");
    if (this.rowsRead === 0) throw new RfmError("emptyTable", "The table has a header row but no data rows.");
    const exclusions = [...this.exclusions.values()].sort(
      (a, b) => rank(a.rule) - rank(b.rule) || (a.rule < b.rule ? -1 : 1),
    );
    if (this.rowsUsed === 0) {
      const removed = exclusions
        .filter((e) => e.count > 0)
        .map((e) => `${e.description}: ${e.count} (e.g. rows ${e.exampleRows.slice(0, 3).join(", ")})`)
        .join("; ");
      throw new RfmError(
        "noCustomers",
        `No customers left after cleaning: all ${this.rowsRead} data rows were excluded. ${removed}.`,
      );
    }
    const { scoring, bins } = this.resolved;
    const { metrics } = metricsFromTotals(
      this.ids,
      this.totals,
      null,
      this.mapping.country !== undefined ? this.countries : undefined,
      this.maxTime,
      this.options.snapshot,
    );
    for (const w of metrics.warnings) this.warn(w);
    const scored = scoreCustomers(metrics, { scheme: this.scheme, scoring, bins, cutPoints: this.options.cutPoints });
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
      mapping: this.mapping,
      headers: this.headers,
      rowsRead: this.rowsRead,
      rowsUsed: this.rowsUsed,
      rowCustomer: new Int32Array(0),
      scheme: this.scheme,
      bins,
      scoring,
      totalRevenue: scored.totalRevenue,
    };
  }
}

function rank(rule: string): number {
  const i = (RULES as readonly string[]).indexOf(rule);
  return i < 0 ? RULES.length : i;
}

export interface StreamOptions {
  /** Bytes per read (default 1 MiB). */
  chunkBytes?: number;
  /** Rows per batch handed to the engine's reader (default 200,000). */
  batchRows?: number;
  delimiter?: string;
  /** Called after each batch with the data rows and bytes read so far. */
  onProgress?: (rows: number, bytes: number) => void;
}

export interface StreamRun {
  result: RfmResult;
  /** Bytes read from disk (compressed size for .gz). */
  bytes: number;
  batches: number;
}

/**
 * Streams a .csv / .tsv file (optionally .gz) through `StreamAggregator`. Rejects with CsvError for malformed CSV
 * and RfmError for the engine's input errors; the file is never loaded whole.
 */
export async function analyzeCsvStream(
  file: string,
  options: RfmOptions = {},
  stream: StreamOptions = {},
): Promise<StreamRun> {
  const agg = new StreamAggregator(options);
  const batchRows = Math.max(1, Math.floor(stream.batchRows ?? 200_000));
  let wanted: boolean[] | null = null;
  const parser = new CsvParser({
    delimiter: stream.delimiter ?? (/\.tsv(\.gz)?$/i.test(file) ? "\t" : ","),
    // Materialise only the mapped columns; the mapping is the engine's, resolved on the header row.
    columns: (_h: string, i: number, headers: readonly string[]): boolean => {
      if (wanted === null) {
        const used = new Set(Object.values(agg.mapHeaders(headers)) as number[]);
        wanted = headers.map((_, j) => used.has(j));
      }
      return wanted[i];
    },
  });
  let bytes = 0;
  let batches = 0;
  const input = fs.createReadStream(file, { highWaterMark: stream.chunkBytes ?? 1 << 20 });
  input.on("data", (chunk) => {
    bytes += (chunk as Buffer).length;
  });
  const source: AsyncIterable<Buffer> = /\.gz$/i.test(file) ? input.pipe(zlib.createGunzip()) : input;
  for await (const chunk of source) {
    parser.push(chunk);
    if (parser.pendingRows >= batchRows) {
      agg.addBatch(parser.takeRows());
      batches++;
      stream.onProgress?.(agg.rowsSeen, bytes);
    }
  }
  const rest = parser.end();
  if (parser.headers === null) throw new RfmError("emptyTable", `The file ${file} is empty: it has no header row.`);
  agg.mapHeaders(parser.headers);
  agg.addBatch(rest);
  batches++;
  stream.onProgress?.(agg.rowsSeen, bytes);
  return { result: agg.finish(), bytes, batches };
}

/** Files larger than this are streamed even without --stream. */
export const AUTO_STREAM_BYTES = 512 * 1024 * 1024;

/** True when the default command should stream its input: --stream, or a CSV/TSV file over AUTO_STREAM_BYTES. */
export function shouldStream(o: { input?: string; stream?: boolean }): boolean {
  if (o.input === undefined) return false;
  const csv = /\.(csv|tsv|txt)(\.gz)?$/i.test(o.input);
  if (o.stream) {
    if (!csv)
      throw new UsageError(`--stream reads CSV files (.csv, .tsv, .txt, optionally .gz); ${o.input} is not one.`);
    return true;
  }
  try {
    return csv && fs.statSync(o.input).size > AUTO_STREAM_BYTES;
  } catch {
    return false; // the normal reader reports a missing file
  }
}

/** The default command's streamed read: the result plus what the report says about the input. */
export async function streamInput(
  file: string,
  options: RfmOptions,
  delimiter?: string,
): Promise<{ input: InputResult; result: RfmResult }> {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new UsageError(`File not found: ${file}`);
  }
  if (!st.isFile()) throw new UsageError(`${file} is not a file.`);
  let run: StreamRun;
  try {
    run = await analyzeCsvStream(file, options, { delimiter });
  } catch (e) {
    if (e instanceof CsvError) throw new CsvError(`${file}: ${e.message}`, e.row, e.line);
    throw e;
  }
  const { result } = run;
  return {
    result,
    input: {
      table: { headers: result.headers, columns: [] },
      info: {
        file,
        format: "csv",
        compressed: /\.gz$/i.test(file),
        embedded: false,
        bytes: st.size,
        headerRow: 1,
        date1904: false,
        rows: result.rowsRead,
        columns: result.headers.length,
      },
    },
  };
}
