/**
 * Streaming analysis for CSV files too large to hold as one table: the file is read in byte chunks, parsed into
 * batches of rows, and each batch fed to the engine's pipeline (`createAnalysis`, the very aggregator `analyze()`
 * feeds once); only its per-customer totals and one batch live in memory.
 *
 * What is this file's: parsing (csv.ts `CsvParser`, byte-level and incremental, materialising only the columns the
 * engine's column plan uses) and the file handling. Cleaning, dates, totals, scores and segments are the engine's,
 * so the result equals `analyze()` on the whole file (tested customer for customer), except `rowCustomer`, which is
 * empty: a streamed run keeps no per-row data.
 *
 * Cost: one pass over the bytes; memory ≈ one batch (default 200,000 rows of the mapped columns) + ~60 bytes per
 * customer + one Map entry per distinct invoice (keyed by number for numeric invoice ids).
 *
 * @example
 *   const { result } = await analyzeCsvStream("big.csv", { scheme: "tiers4" });
 */
import * as fs from "fs";
import * as zlib from "zlib";
import { createAnalysis, parseSnapshot, RfmError, type Analysis } from "../rfm";
import type { RfmOptions, RfmResult } from "../rfm/types";
import { UsageError } from "./args";
import { CsvError, CsvParser } from "./csv";
import { bomEncoding, invalidUtf8Warning, looksTabSeparated, utf8Converter, type Encoding } from "./encoding";
import type { InputResult } from "./readInput";

export interface StreamOptions {
  /** Bytes per read (default 1 MiB). */
  chunkBytes?: number;
  /** Rows per batch handed to the engine's reader (default 200,000). */
  batchRows?: number;
  delimiter?: string;
  /** The file's text encoding (default: UTF-16 by its byte-order mark, else UTF-8, read again as Windows-1252 with
   *  a warning when it is not valid UTF-8). */
  encoding?: Encoding;
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
 * Streams a .csv / .tsv file (optionally .gz) through the engine's `createAnalysis`. Rejects with CsvError for malformed CSV
 * and RfmError for the engine's input errors; the file is never loaded whole.
 */
export async function analyzeCsvStream(
  file: string,
  options: RfmOptions = {},
  stream: StreamOptions = {},
): Promise<StreamRun> {
  try {
    return await streamOnce(file, options, stream, stream.encoding);
  } catch (e) {
    if (!(e instanceof InvalidUtf8)) throw e;
    // Not UTF-8: read again from the start as Windows-1252 (the rows read so far were decoded wrongly).
    const run = await streamOnce(file, options, stream, "windows-1252");
    run.result.warnings.unshift(invalidUtf8Warning(file, e.line));
    return run;
  }
}

/** Thrown by the parser's check when the file turns out not to be UTF-8 (no encoding chosen). */
class InvalidUtf8 extends Error {
  constructor(readonly line: number) {
    super(`invalid UTF-8 at line ${line}`);
  }
}

/** The parser for the stream, once its first bytes (as UTF-8) are known: they decide a tab delimiter for UTF-16. */
function streamParser(
  file: string,
  analysis: Analysis,
  stream: StreamOptions,
  first: Uint8Array,
  converted: boolean,
  checkUtf8: boolean,
): CsvParser {
  let delimiter = stream.delimiter ?? (/\.tsv(\.gz)?$/i.test(file) ? "\t" : undefined);
  if (delimiter === undefined) {
    delimiter = converted && looksTabSeparated(new TextDecoder().decode(first.subarray(0, 1 << 16))) ? "\t" : ",";
  }
  let wanted: boolean[] | null = null;
  return new CsvParser({
    delimiter,
    // Materialise only the columns the engine's column plan (made on the header row) uses.
    columns: (_h: string, i: number, headers: readonly string[]): boolean => {
      if (wanted === null) {
        const used = new Set(Object.values(analysis.plan(headers).columns) as number[]);
        wanted = headers.map((_, j) => used.has(j));
      }
      return wanted[i];
    },
    onInvalidUtf8: checkUtf8
      ? (line) => {
          throw new InvalidUtf8(line);
        }
      : undefined,
  });
}

/** One pass over the file in `encoding` (undefined: UTF-16 by its byte-order mark, else UTF-8, checked). */
async function streamOnce(
  file: string,
  options: RfmOptions,
  stream: StreamOptions,
  encoding: Encoding | undefined,
): Promise<StreamRun> {
  const analysis = createAnalysis(options, { keepRows: false });
  // The snapshot is checked before the file is read (the analysis reads it only after the rows).
  if (options.snapshot !== undefined && options.snapshot !== null) parseSnapshot(options.snapshot);
  const batchRows = Math.max(1, Math.floor(stream.batchRows ?? 200_000));
  let parser: CsvParser | null = null;
  let convert: ReturnType<typeof utf8Converter> | null = null;
  let bytes = 0;
  let batches = 0;
  const input = fs.createReadStream(file, { highWaterMark: stream.chunkBytes ?? 1 << 20 });
  input.on("data", (chunk) => {
    bytes += (chunk as Buffer).length;
  });
  const source: AsyncIterable<Buffer> = /\.gz$/i.test(file) ? input.pipe(zlib.createGunzip()) : input;
  for await (const chunk of source) {
    if (parser === null) {
      const chosen = encoding ?? bomEncoding(chunk) ?? "utf8";
      if (chosen !== "utf8") convert = utf8Converter(chosen);
      const first = convert !== null ? convert.push(chunk) : chunk;
      parser = streamParser(file, analysis, stream, first, convert !== null, encoding === undefined);
      parser.push(first);
    } else parser.push(convert !== null ? convert.push(chunk) : chunk);
    if (parser.pendingRows >= batchRows) {
      analysis.add(parser.takeRows());
      batches++;
      stream.onProgress?.(analysis.rowsSeen, bytes);
    }
  }
  if (parser !== null && convert !== null) parser.push(convert.end());
  const rest = parser?.end();
  if (parser === null || parser.headers === null || rest === undefined) {
    throw new RfmError("emptyTable", `The file ${file} is empty: it has no header row.`);
  }
  analysis.plan(parser.headers);
  analysis.add(rest);
  batches++;
  stream.onProgress?.(analysis.rowsSeen, bytes);
  return { result: analysis.finish(), bytes, batches };
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
  encoding?: Encoding,
): Promise<{ input: InputResult; result: RfmResult }> {
  const st = statFile(file);
  let run: StreamRun;
  try {
    run = await analyzeCsvStream(file, options, { delimiter, encoding });
  } catch (e) {
    if (e instanceof CsvError) throw new CsvError(`${file}: ${e.message}`, e.row, e.line);
    throw e;
  }
  return { result: run.result, input: streamedInput(file, st, run.result) };
}

/** The input file's stats; UsageError when it is missing or not a file. */
export function statFile(file: string): fs.Stats {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new UsageError(`File not found: ${file}`);
  }
  if (!st.isFile()) throw new UsageError(`${file} is not a file.`);
  return st;
}

/** What the report says about a CSV file read without keeping its rows (streamed, or in parallel). */
export function streamedInput(file: string, st: fs.Stats, result: RfmResult): InputResult {
  return {
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
  };
}
