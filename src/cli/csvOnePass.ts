/**
 * `analyzeCsvInOnePass`: a plain UTF-8 CSV file read, cleaned and aggregated in one pass on one thread, storing no
 * column of cells. The file is read in chunks (csvFile.ts's buffer handling); each record's cells go from the parser
 * (`CsvRowReader`) straight to the engine's `RowCleaner`, whose batch the analysis folds in at the end. The result
 * is the one `analyze()` gives for the table `readInput` would read from the same file: the cleaner is read.ts's
 * steps row by row (tested equal batch for batch), and the analysis is the same.
 *
 * Why: reading a table of cells and then reading its columns again costs a second pass over memory the size of the
 * mapped columns (a cell per row and column) and the garbage collection of it; here each cell is read once, while it
 * is hot, and only read.ts's compact per-row arrays are kept.
 *
 * It takes only the common case and hands back `null` for anything else, which the caller then reads the general
 * way (and so reports any problem with the file's own message): a byte-order mark or bytes that are not UTF-8 (the
 * general reader converts the encoding), a file without data rows, or any error at all while reading or analysing.
 *
 * @example
 *   const run = analyzeCsvInOnePass("orders.csv", options, { delimiter: "," });
 *   if (run !== null) console.log(run.result.customers.length);
 */
import * as fs from "fs";
import { createAnalysis, RowCleaner, type AnalysisTimings } from "../rfm";
import type { RfmOptions, RfmResult } from "../rfm/types";
import { estimateRows, requireHeader } from "./csv";
import type { ReadClock } from "./csvFile";
import { CsvRowReader } from "./csvRows";
import { bomEncoding } from "./encoding";

/** Bytes read per call (as csvFile.ts). */
const FILE_CHUNK = 1 << 20;
/** Bytes of the first read: small, so the parser's loop meets a chunk's end before V8 compiles it (csvFile.ts). */
const FIRST_CHUNK = 1 << 14;

export interface OnePassOptions {
  delimiter: string;
  /** Gets the time spent in the file system's reads added to it. */
  clock?: ReadClock;
  /** The engine's step timings: aggregate and score, and as clean the cleaning left for the end (each row's is in
   *  the parsing). */
  timings?: AnalysisTimings;
}

/** Thrown inside the pass when the bytes turn out not to be UTF-8: the general reader converts the file. */
class NotUtf8 extends Error {}

/**
 * Reads and analyzes the CSV `file` in one pass (see the top of the file).
 * @param file a plain (not gzipped) CSV or TSV file
 * @param options the engine's options, as for `analyze` of the table read from the file
 * @param o the delimiter, and where the read and engine times go
 * @returns the analysis' result, or null when the file is not for this reader or anything fails (read it the
 *   general way then, which gives the failure's message)
 */
export function analyzeCsvInOnePass(
  file: string,
  options: RfmOptions,
  o: OnePassOptions,
): { result: RfmResult } | null {
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch {
    return null;
  }
  const clock = o.clock;
  const read = (b: Buffer, at: number, n: number): number => {
    const t = clock !== undefined ? performance.now() : 0;
    const got = fs.readSync(fd, b, at, n, null);
    if (clock !== undefined) clock.readMs += performance.now() - t;
    return got;
  };
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return null;
    const size = st.size;
    let buf = Buffer.allocUnsafe(Math.min(FILE_CHUNK, size) + 1);
    let end = read(buf, 0, Math.min(FIRST_CHUNK, buf.length));
    if (bomEncoding(buf.subarray(0, end)) !== null) return null;
    let done = end === 0;
    const next = (consumed: number): Buffer => {
      const kept = end - consumed;
      if (buf.length - kept < FILE_CHUNK / 2) {
        const bigger = Buffer.allocUnsafe(Math.max(buf.length * 2, FILE_CHUNK));
        buf.copy(bigger, 0, consumed, end);
        buf = bigger;
      } else {
        buf.copyWithin(0, consumed, end);
      }
      const n = read(buf, kept, buf.length - kept);
      done = n === 0;
      end = kept + n;
      return buf.subarray(0, end);
    };

    const analysis = createAnalysis(options, { keepRows: false, timings: o.timings });
    const expected = estimateRows(buf.subarray(0, end), size);
    let cleaner: RowCleaner | null = null;
    let wanted: boolean[] | null = null;
    const reader = new CsvRowReader(
      {
        delimiter: o.delimiter,
        // The engine's column plan, made on the header row: only its columns are converted.
        columns: (_h: string, i: number, headers: readonly string[]): boolean => {
          if (wanted === null) {
            const plan = analysis.plan(headers);
            const used = new Set(Object.values(plan.columns) as number[]);
            wanted = headers.map((_, j) => used.has(j));
            cleaner = new RowCleaner(plan, options, expected);
          }
          return wanted[i];
        },
        onInvalidUtf8: () => {
          throw new NotUtf8();
        },
      },
      (cells, numbers) => (cleaner as RowCleaner).row(cells, numbers),
    );
    reader.readFrom(buf.subarray(0, end), next, () => done);
    reader.end();
    requireHeader(reader);
    const rows = cleaner as RowCleaner | null;
    if (rows === null || rows.rowCount === 0) return null;
    // The cleaning steps left for the end (the rules, the warnings, the exclusions log) are its clean time; each
    // row's reading is in the parse.
    const t = performance.now();
    const batch = rows.finish();
    if (o.timings !== undefined) o.timings.cleanMs += performance.now() - t;
    analysis.addCleaned(batch);
    return { result: analysis.finish() };
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}
