/**
 * `parseCsvFile`: a CSV file parsed by csv.ts while it is read in 1 MiB chunks into one reused buffer, never whole in
 * memory. Node only (the file system); csv.ts itself stays free of Node imports for the browser demo.
 *
 * Cost: the parse (see csv.ts) plus one read per MiB; less memory and less system time than reading the whole file
 * first (no fresh pages for a whole-file buffer).
 *
 * @example
 *   const table = parseCsvFile("orders.csv", { columns: ["CustomerID", "OrderDate", "Amount"] });
 */
import * as fs from "fs";
import type { ColumnTable } from "../rfm/types";
import { CsvParser, estimateRows, requireHeader, type CsvOptions } from "./csv";

/** Time spent in the file system's reads, summed (ms): the rest of a parse is the parser's. */
export interface ReadClock {
  readMs: number;
}

/** Bytes read per call by `parseCsvFile`. */
const FILE_CHUNK = 1 << 20;
/** Bytes of the first read: see parseCsvFile. */
const FIRST_CHUNK = 1 << 14;

/**
 * Parses a CSV file (UTF-8): the same table as `parseCsvBuffer` on the file's bytes. File-system errors are thrown
 * as they are. `clock`, when given, gets the time spent reading the file added to it.
 *
 * The first read is small (16 KiB): the parser's loop crosses a chunk's end before V8 compiles it, so the compiled
 * loop knows that path and runs through the whole file (V8 would otherwise drop the compiled code at the first
 * chunk's end and compile it again).
 */
export function parseCsvFile(file: string, options: CsvOptions = {}, clock?: ReadClock): ColumnTable {
  const fd = fs.openSync(file, "r");
  const read = (b: Buffer, at: number, n: number): number => {
    if (clock === undefined) return fs.readSync(fd, b, at, n, null);
    const t = performance.now();
    const got = fs.readSync(fd, b, at, n, null);
    clock.readMs += performance.now() - t;
    return got;
  };
  try {
    const size = fs.fstatSync(fd).size;
    let buf = Buffer.allocUnsafe(Math.min(FILE_CHUNK, size) + 1);
    let end = read(buf, 0, Math.min(FIRST_CHUNK, buf.length));
    let done = end === 0;
    const next = (consumed: number): Buffer => {
      // The unconsumed bytes (an unfinished record) go to the start; a bigger buffer when they leave little room.
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
    const parser = new CsvParser({ expectedRows: estimateRows(buf.subarray(0, end), size), ...options });
    parser.readFrom(buf.subarray(0, end), next, () => done);
    const table = parser.end();
    requireHeader(parser);
    return table;
  } finally {
    fs.closeSync(fd);
  }
}
