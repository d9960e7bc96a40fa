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
import { createAnalysis, parseSnapshot, RfmError } from "../rfm";
import type { RfmOptions, RfmResult } from "../rfm/types";
import { UsageError } from "./args";
import { CsvError, CsvParser } from "./csv";
import type { InputResult } from "./readInput";

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
 * Streams a .csv / .tsv file (optionally .gz) through the engine's `createAnalysis`. Rejects with CsvError for malformed CSV
 * and RfmError for the engine's input errors; the file is never loaded whole.
 */
export async function analyzeCsvStream(
  file: string,
  options: RfmOptions = {},
  stream: StreamOptions = {},
): Promise<StreamRun> {
  const analysis = createAnalysis(options, { keepRows: false });
  // The snapshot is checked before the file is read (the analysis reads it only after the rows).
  if (options.snapshot !== undefined && options.snapshot !== null) parseSnapshot(options.snapshot);
  const batchRows = Math.max(1, Math.floor(stream.batchRows ?? 200_000));
  let wanted: boolean[] | null = null;
  const parser = new CsvParser({
    delimiter: stream.delimiter ?? (/\.tsv(\.gz)?$/i.test(file) ? "\t" : ","),
    // Materialise only the columns the engine's column plan (made on the header row) uses.
    columns: (_h: string, i: number, headers: readonly string[]): boolean => {
      if (wanted === null) {
        const used = new Set(Object.values(analysis.plan(headers).columns) as number[]);
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
      analysis.add(parser.takeRows());
      batches++;
      stream.onProgress?.(analysis.rowsSeen, bytes);
    }
  }
  const rest = parser.end();
  if (parser.headers === null) throw new RfmError("emptyTable", `The file ${file} is empty: it has no header row.`);
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
