/**
 * The CSV file read on every core: the file is cut into byte ranges at record starts, worker threads
 * (csvWorker.ts) parse and clean the ranges side by side, and this thread folds their cleaned batches into one
 * `createAnalysis` pipeline in file order (`addCleaned`), so per-customer totals, Kahan sums, first-seen orders and
 * example rows come out as a single pass over the file gives them. The file is read in ranges, never whole.
 *
 * Range ends. A range ends after a line feed, moved back over blank lines (so they start the next range and are
 * counted as rows, as they are when a record follows them). A line feed inside a quoted field is no record end: the
 * range before such a cut is then parsed to its end inside the open quote, which its worker reports
 * ("unfinished"); as the first range starts at the file's start and each range is only trusted once the one before
 * ended cleanly, a bad cut is always found, and the two ranges around it are read again as one.
 *
 * What one range cannot decide alone (day/month text dates and number text under automatic detection, warnings
 * that count rows; see engine's `cleanBatch`), a failed or unreadable range (bad CSV, bytes that are not UTF-8),
 * a UTF-16 or gzipped file, or a header row the plan rejects: the answer is null, and the caller reads the file
 * the single-threaded way, which gives the result or the error message with its row and line.
 *
 * @example
 *   const run = await analyzeCsvParallel("big.csv", { scheme: "tiers4" }); // null: read it the usual way
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Worker } from "worker_threads";
import { createAnalysis, parseSnapshot, type Analysis } from "../rfm";
import type { RfmOptions } from "../rfm/types";
import { CsvParser } from "./csv";
import type { RangeAnswer, RangeTask, WorkerSetup } from "./csvWorker";
import { bomEncoding, type Encoding } from "./encoding";
import type { StreamRun } from "./stream";

export interface ParallelOptions {
  delimiter?: string;
  encoding?: Encoding;
  /** Bytes per range (default 8 MiB; tests use a few bytes, to put range ends in awkward places). */
  rangeBytes?: number;
  /** Worker threads (default: the cores Node may use, from `RFM_WORKERS` when set). */
  workers?: number;
  /** Files smaller than this are not worth the threads' start (default PARALLEL_MIN_BYTES). */
  minBytes?: number;
}

/** Files from this size on are read in parallel: below it, on two cores, starting the threads and folding the ranges
 *  cost more than the second core saves (the bench, section "CSV against DuckDB", measures both ways). */
export const PARALLEL_MIN_BYTES = 128 * 1024 * 1024;
const DEFAULT_RANGE_BYTES = 8 * 1024 * 1024;
/** Bytes looked at around a range's nominal end for a line feed; a longer line there just joins the next range. */
const WINDOW = 1 << 16;
const LF = 10;
const CR = 13;

/** The size from which the CLI reads a CSV file in parallel: `RFM_PARALLEL_MIN_BYTES` when set (the bench
 *  measures the smaller file both ways with it), else PARALLEL_MIN_BYTES. */
export function parallelMinBytes(): number {
  const env = Number(process.env.RFM_PARALLEL_MIN_BYTES ?? "");
  return process.env.RFM_PARALLEL_MIN_BYTES !== undefined && Number.isFinite(env) ? env : PARALLEL_MIN_BYTES;
}

/** Worker threads to use: `RFM_WORKERS` (0 or 1: none, read in this thread), else the cores Node may use. */
export function workerCount(): number {
  const env = process.env.RFM_WORKERS;
  if (env !== undefined && env.trim() !== "" && Number.isFinite(Number(env))) return Math.max(0, Math.floor(+env));
  return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
}

/** The compiled worker (jest runs the TypeScript sources; the worker then comes from lib/, built by npm install). */
function workerFile(): string {
  return __filename.endsWith(".ts")
    ? path.resolve(__dirname, "..", "..", "lib", "cli", "csvWorker.js")
    : path.join(__dirname, "csvWorker.js");
}

function readAt(fd: number, start: number, end: number): Buffer {
  const buf = Buffer.allocUnsafe(end - start);
  let got = 0;
  while (got < buf.length) {
    const n = fs.readSync(fd, buf, got, buf.length - got, start + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

/** The header texts from the file's first bytes, or null when the header row is not within its first MiB. */
function headerRow(fd: number, size: number, delimiter: string): string[] | null {
  const parser = new CsvParser({ delimiter, columns: () => false });
  for (let at = 0; at < Math.min(size, 1 << 20) && parser.headers === null; at += WINDOW) {
    parser.push(readAt(fd, at, Math.min(size, at + WINDOW)));
  }
  return parser.headers;
}

/**
 * The range end near `nominal`: after the first line feed from there, moved back to the line break after the last
 * non-blank line before it. -1 when there is none in the window around `nominal`.
 */
function rangeEnd(fd: number, size: number, nominal: number): number {
  const from = Math.max(0, nominal - WINDOW);
  const b = readAt(fd, from, Math.min(size, nominal + WINDOW));
  const lf = b.indexOf(LF, nominal - from);
  if (lf < 0) return -1;
  let j = lf;
  while (j >= 0 && (b[j] === LF || b[j] === CR)) j--;
  if (j < 0) return -1;
  // One line break after the last non-blank byte: CRLF, LF or CR.
  const t = j + 1;
  const end = b[t] === CR && t + 1 < b.length && b[t + 1] === LF ? t + 2 : t + 1;
  return from + end;
}

/** Byte ranges of about `rangeBytes` each, ending at line breaks (see the top of the file). */
export function cutRanges(fd: number, size: number, rangeBytes: number): RangeTask[] {
  const ends: number[] = [];
  let prev = 0;
  for (let nominal = rangeBytes; nominal < size; nominal = Math.max(nominal + rangeBytes, prev + 1)) {
    const end = rangeEnd(fd, size, nominal);
    if (end > prev && end < size) ends.push((prev = end));
  }
  ends.push(size);
  let start = 0;
  return ends.map((end, id) => {
    const task = { id, start, end, last: end === size };
    start = end;
    return task;
  });
}

/**
 * Reads and analyzes the CSV file on all cores (see the top of the file). Returns null when the file is not for
 * this reader (too small, one core, compressed, UTF-16 or another encoding) or when a range asks for the
 * single-threaded reading; the caller then reads it that way. Never rejects for the file's content.
 */
export async function analyzeCsvParallel(
  file: string,
  options: RfmOptions,
  p: ParallelOptions = {},
): Promise<StreamRun | null> {
  const workers = p.workers ?? workerCount();
  if (workers < 1 || /\.gz$/i.test(file) || (p.encoding !== undefined && p.encoding !== "utf8")) return null;
  if (!fs.existsSync(workerFile())) return null;
  const delimiter = p.delimiter ?? (/\.tsv$/i.test(file) ? "\t" : ",");
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch {
    return null;
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (size < (p.minBytes ?? PARALLEL_MIN_BYTES)) return null;
    if (bomEncoding(readAt(fd, 0, Math.min(size, 4))) !== null) return null;
    let analysis: Analysis;
    let setup: WorkerSetup;
    try {
      const headers = headerRow(fd, size, delimiter);
      if (headers === null) return null;
      if (options.snapshot !== undefined && options.snapshot !== null) parseSnapshot(options.snapshot);
      analysis = createAnalysis(options, { keepRows: false });
      const plan = analysis.plan(headers);
      setup = { file, headers, delimiter, options, plan, checkUtf8: p.encoding === undefined };
    } catch {
      return null; // the single-threaded reading gives the message
    }
    const tasks = cutRanges(fd, size, Math.max(1, Math.floor(p.rangeBytes ?? DEFAULT_RANGE_BYTES)));
    if (tasks.length < 2) return null;
    const folded = await runRanges(tasks, Math.min(workers, tasks.length), setup, analysis);
    if (folded === null) return null;
    try {
      return { result: analysis.finish(), bytes: size, batches: folded };
    } catch {
      return null;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Hands the ranges to `count` workers and folds their batches in file order; merges a range with the next when it
 * ended inside a record. Resolves with the number of batches folded, or null when a range asked for the
 * single-threaded reading (the workers are stopped at once).
 */
function runRanges(tasks: RangeTask[], count: number, setup: WorkerSetup, analysis: Analysis): Promise<number | null> {
  return new Promise((resolve) => {
    /** The ranges still to fold, in file order; `order[0]` is folded next. */
    const order = [...tasks];
    /** Not yet handed to a worker, in file order. */
    const queue = [...tasks];
    const answers = new Map<number, RangeAnswer>();
    /** One entry per task a worker may take now: two per worker, so that each has its next range queued while it
     *  parses one and never waits for this thread to fold a batch before it is given more. */
    const free: Worker[] = [];
    const pool: Worker[] = [];
    let nextId = tasks.length;
    let folded = 0;
    let settled = false;
    // Ranges read ahead of the one folded next: bounds the batches waiting in memory.
    const ahead = 2 * count;

    const stop = (value: number | null): void => {
      if (settled) return;
      settled = true;
      for (const w of pool) void w.terminate();
      resolve(value);
    };

    const dispatch = (): void => {
      while (free.length > 0 && queue.length > 0) {
        const at = order.indexOf(queue[0]);
        if (at >= ahead) break;
        (free.shift() as Worker).postMessage(queue.shift());
      }
    };

    const foldReady = (): void => {
      while (order.length > 0) {
        const head = order[0];
        const a = answers.get(head.id);
        if (a === undefined) return;
        answers.delete(head.id);
        if (a.kind === "fallback") return stop(null);
        if (a.kind === "unfinished") {
          // The cut after `head` is inside a record: `head` and the range after it are read again as one.
          const after = order[1];
          if (after === undefined) return stop(null);
          const merged: RangeTask = { id: nextId++, start: head.start, end: after.end, last: after.last };
          order.splice(0, 2, merged);
          const queued = queue.indexOf(after);
          if (queued >= 0) queue.splice(queued, 1);
          answers.delete(after.id);
          queue.unshift(merged);
          continue;
        }
        try {
          analysis.addCleaned(a.batch);
        } catch {
          return stop(null);
        }
        order.shift();
        folded++;
      }
      stop(folded);
    };

    for (let i = 0; i < count; i++) {
      const w = new Worker(workerFile(), { workerData: setup });
      pool.push(w);
      free.push(w, w);
      w.on("message", (a: RangeAnswer) => {
        if (settled) return;
        // An answer for a range that was merged away is dropped (its id is no longer in `order`).
        if (order.some((t) => t.id === a.id)) answers.set(a.id, a);
        free.push(w);
        dispatch(); // before folding: the worker gets its next range without waiting for the fold
        foldReady();
        dispatch();
      });
      w.on("error", () => stop(null));
      w.on("exit", (code) => {
        if (code !== 0) stop(null);
      });
    }
    dispatch();
  });
}
