/**
 * Chunked reads and writes within Excel's request limits.
 *
 * Excel on the web rejects a request or response over 5 MB, and reads over 5,000,000 cells; the adapter keeps every
 * request under 3.5 MB (estimated as JSON) and 1,000,000 cells (`CHUNK_LIMITS`). Reads start at
 * 20,000 rows per chunk, then size the next chunk from the bytes per row measured on the previous one; on a
 * payload error the chunk is halved and retried (down to one row, then the error is reported). Writes size chunks from
 * an estimate of each row's bytes before sending. One `context.sync()` per chunk, so the sync count is
 * proportional to rows / chunk size. The abort signal is checked between chunks.
 *
 * Example: reading columns A, D:G of 541,909 rows → about 10 chunks of ~55k rows, one sync each.
 */
import { isPayloadLimitError, toActionError } from "./errors";
import { apiSupported, type OfficeHost } from "./host";
import { OfficeActionError } from "./types";

/** Chunking limits. Tests lower them (`setChunkLimits`) so a 20-row fixture exercises many chunks. */
export const CHUNK_LIMITS = { bytes: 3_500_000, cells: 1_000_000, startRows: 20_000 };
export const DEFAULT_CHUNK_LIMITS = { ...CHUNK_LIMITS };

/** Overrides chunk limits (all when omitted: back to the defaults). For tests and experiments. */
export function setChunkLimits(limits?: Partial<typeof CHUNK_LIMITS>): void {
  Object.assign(CHUNK_LIMITS, DEFAULT_CHUNK_LIMITS, limits ?? {});
}

const clock = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());

/** A primitive cell as Excel's `Range.values` reads and writes it. */
export type XlCell = string | number | boolean;

/** Thrown (and caught by runSegmentation) when the analyst pressed Cancel between chunks. */
export class CancelledError extends Error {
  constructor() {
    super("Cancelled");
    this.name = "AbortError";
  }
}

/** A running batch: the request context plus the counters and callbacks of one user action. */
export class Session {
  syncs = 0;
  /** Largest estimated request (bytes) sent in this session, for the tests and the bench. */
  maxRequestBytes = 0;
  constructor(
    readonly context: Excel.RequestContext,
    readonly host: OfficeHost,
    readonly signal?: AbortSignal,
  ) {}

  /** Milliseconds spent inside `context.sync()` (Excel's, or the simulation's, share of the run). */
  syncMs = 0;

  async sync(): Promise<void> {
    this.syncs++;
    const t = clock();
    try {
      await this.context.sync();
    } finally {
      this.syncMs += clock() - t;
    }
  }

  /** Queues `suspendApiCalculationUntilNextSync` (ExcelApi 1.6, inside the minimum): writes do not recalculate
   *  the workbook until the request ends. */
  suspendCalculation(): void {
    this.context.workbook.application.suspendApiCalculationUntilNextSync();
  }

  /** Queues `suspendScreenUpdatingUntilNextSync` when ExcelApi 1.9 is there. Call once per phase, not per chunk:
   *  repeated calls make the window flicker. */
  suspendScreen(): void {
    if (apiSupported(this.host, "1.9")) this.context.workbook.application.suspendScreenUpdatingUntilNextSync();
  }

  get cancelled(): boolean {
    return !!this.signal?.aborted;
  }

  throwIfCancelled(): void {
    if (this.signal?.aborted) throw new CancelledError();
  }
}

/** Estimated JSON size of one cell: strings count their length plus quotes and a separator. Numbers count their
 *  digits when integral (ids, quantities), 18 otherwise (Excel sends doubles with up to 17 significant digits). */
export function cellBytes(v: unknown): number {
  if (typeof v === "string") return v.length + 3;
  if (typeof v === "number") {
    if (Number.isInteger(v)) {
      const a = v < 0 ? -v : v;
      const digits =
        a < 10 ? 1 : a < 100 ? 2 : a < 1e3 ? 3 : a < 1e4 ? 4 : a < 1e5 ? 5 : a < 1e6 ? 6 : a < 1e9 ? 9 : 17;
      return digits + (v < 0 ? 2 : 1);
    }
    return 18;
  }
  if (typeof v === "boolean") return 6;
  return 5;
}

/** A run of adjacent sheet columns read together: `count` columns starting at absolute column `start`. */
export interface ColumnRun {
  start: number;
  count: number;
}

/** Groups absolute column indexes into runs of adjacent columns, so that e.g. columns [0, 3, 4, 5, 6, 7] become two
 *  ranges per chunk (A and D:H) and skipped columns (long descriptions) are never transferred. */
export function columnRuns(cols: readonly number[]): ColumnRun[] {
  const sorted = [...new Set(cols)].sort((a, b) => a - b);
  const runs: ColumnRun[] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.start + last.count === c) last.count++;
    else runs.push({ start: c, count: 1 });
  }
  return runs;
}

export interface ReadChunk {
  /** Zero-based offset of the chunk's first row within the read (0 = `firstRow`). */
  offset: number;
  rows: number;
  /** One `values` array per column run, in the order of `runs`. */
  values: XlCell[][][];
}

/**
 * Reads `rowCount` rows starting at sheet row index `firstRow` (zero-based), only the columns in `runs`, calling
 * `onChunk` for each chunk in order. `onProgress(done)` is called after each chunk.
 */
export async function readRowChunks(
  s: Session,
  sheet: Excel.Worksheet,
  firstRow: number,
  rowCount: number,
  runs: readonly ColumnRun[],
  onChunk: (chunk: ReadChunk) => void,
  onProgress?: (rowsDone: number) => void,
  doing = "reading the data",
): Promise<void> {
  const width = runs.reduce((n, r) => n + r.count, 0);
  if (width === 0 || rowCount <= 0) return;
  // Never above the cell cap, nor above a size Excel already refused.
  let cap = Math.max(1, Math.floor(CHUNK_LIMITS.cells / width));
  let chunkRows = Math.min(CHUNK_LIMITS.startRows, cap);
  let offset = 0;
  while (offset < rowCount) {
    s.throwIfCancelled();
    const n = Math.min(chunkRows, rowCount - offset);
    const ranges = runs.map((r) => sheet.getRangeByIndexes(firstRow + offset, r.start, n, r.count).load("values"));
    try {
      await s.sync();
    } catch (e) {
      if (isPayloadLimitError(e) && n > 1) {
        cap = Math.max(1, Math.floor(n / 2));
        chunkRows = cap;
        continue;
      }
      throw toActionError(e, doing);
    }
    // Past its read cap Excel may answer null instead of failing: the same as a refusal, so read less.
    if (ranges.some((r) => !r.values)) {
      if (n === 1) throw new OfficeActionError(`Excel returned no cells while ${doing}. Run again.`);
      cap = Math.max(1, Math.floor(n / 2));
      chunkRows = cap;
      continue;
    }
    const values = ranges.map((r) => r.values as XlCell[][]);
    // Size the next chunk from what this one weighed, sampling rows so the estimate costs little.
    let bytes = 0;
    let sampled = 0;
    const step = Math.max(1, Math.floor(n / 512));
    for (let i = 0; i < n; i += step) {
      for (const v of values) for (const cell of v[i]) bytes += cellBytes(cell);
      sampled++;
    }
    const perRow = Math.max(1, bytes / sampled + 4 * runs.length);
    chunkRows = Math.max(1, Math.min(cap, Math.floor(CHUNK_LIMITS.bytes / perRow), n * 4));
    onChunk({ offset, rows: n, values });
    offset += n;
    onProgress?.(offset);
  }
}

/**
 * Plans row chunks for a write: consecutive rows whose summed `rowBytes(i)` stays under `CHUNK_LIMITS.bytes` and
 * whose cells stay under `CHUNK_LIMITS.cells`. Returns the chunk start offsets (plus `rowCount` at the end).
 */
export function planChunks(rowCount: number, width: number, rowBytes: (i: number) => number): number[] {
  const cellCap = Math.max(1, Math.floor(CHUNK_LIMITS.cells / Math.max(1, width)));
  const starts: number[] = [0];
  let bytes = 0;
  let rows = 0;
  for (let i = 0; i < rowCount; i++) {
    const b = rowBytes(i) + 2;
    if (rows > 0 && (bytes + b > CHUNK_LIMITS.bytes || rows >= cellCap)) {
      starts.push(i);
      bytes = 0;
      rows = 0;
    }
    bytes += b;
    rows++;
  }
  if (starts[starts.length - 1] !== rowCount) starts.push(rowCount);
  return starts;
}

/** A block of rows to write: values, and optionally number formats set before them on some of its columns (a text
 *  format must be in place before the values, or Excel turns "545" or "007" into numbers). */
export interface WriteBlock {
  values: XlCell[][];
  formats?: { column: number; numberFormat: string[][] }[];
}

/**
 * Writes rows `[0, rowCount)` built by `build(from, to)` into the sheet at (`firstRow` + from, `column`), one sync
 * per planned chunk; a payload error halves the chunk and retries. `beforeSync(chunkIndex, isLast)` may queue more
 * commands into the same request (e.g. the marker update). `afterChunk(done)` reports progress; the abort signal is
 * checked between chunks unless `cancellable` is false.
 */
export async function writeRows(
  s: Session,
  sheet: Excel.Worksheet,
  firstRow: number,
  column: number,
  width: number,
  rowCount: number,
  rowBytes: (i: number) => number,
  build: (from: number, to: number) => WriteBlock,
  options: {
    doing: string;
    afterChunk?: (rowsDone: number) => void;
    beforeSync?: (chunkIndex: number, isLast: boolean) => void;
    cancellable?: boolean;
  },
): Promise<void> {
  const plan = planChunks(rowCount, width, rowBytes);
  let chunkIndex = 0;
  // After Excel refuses a size, later chunks stay at or below half of it.
  let cap = Infinity;
  for (let k = 0; k + 1 < plan.length; k++) {
    let from = plan[k];
    const end = plan[k + 1];
    while (from < end) {
      if (options.cancellable !== false) s.throwIfCancelled();
      const to = Math.min(end, from + cap);
      const block = build(from, to);
      for (const f of block.formats ?? []) {
        sheet.getRangeByIndexes(firstRow + from, column + f.column, to - from, 1).numberFormat = f.numberFormat;
      }
      sheet.getRangeByIndexes(firstRow + from, column, to - from, width).values = block.values;
      s.suspendCalculation();
      options.beforeSync?.(chunkIndex, to === rowCount);
      try {
        await s.sync();
      } catch (e) {
        if (isPayloadLimitError(e) && to - from > 1) {
          cap = Math.max(1, Math.floor((to - from) / 2));
          continue;
        }
        throw toActionError(e, options.doing);
      }
      chunkIndex++;
      from = to;
      options.afterChunk?.(from);
    }
  }
}

/** An n × 1 array of one number format. */
export function formatColumn(n: number, format: string): string[][] {
  const out = new Array<string[]>(n);
  for (let i = 0; i < n; i++) out[i] = [format];
  return out;
}

/** An n × w array of one number format. */
export function formatBlock(n: number, w: number, format: string): string[][] {
  const out = new Array<string[]>(n);
  for (let i = 0; i < n; i++) out[i] = new Array<string>(w).fill(format);
  return out;
}
