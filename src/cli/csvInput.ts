/**
 * A CSV input file → ColumnTable, in its text encoding (encoding.ts): a UTF-16 byte-order mark is followed, a file
 * that is not valid UTF-8 is read again as Windows-1252 with a warning naming the first bad line, and `--encoding`
 * chooses. A plain UTF-8 file is read in chunks (never whole in memory); a gzipped one, or one in another encoding,
 * is read whole and converted first.
 *
 * @example
 *   const { table, warnings } = readCsvTable("orders.csv", "orders.csv", { compressed: false, tab: false }, {});
 */
import * as fs from "fs";
import type { ColumnTable } from "../rfm/types";
import { parseCsvBuffer, type CsvOptions } from "./csv";
import { parseCsvFile, type ReadClock } from "./csvFile";
import { readFileBytes } from "./dataFiles";
import { bomEncoding, invalidUtf8Warning, decodeText, looksTabSeparated, toUtf8, type Encoding } from "./encoding";

export interface CsvReadOptions {
  delimiter?: string;
  /** The file's encoding (default: detected). */
  encoding?: Encoding;
  columns?: CsvOptions["columns"];
  /** Gets the time spent reading the file (and inflating a gzipped one) added to it; the rest is parsing. */
  clock?: ReadClock;
}

export interface CsvRead {
  table: ColumnTable;
  /** About the encoding, for the report (empty for UTF-8). */
  warnings: string[];
}

/** The first bytes of a plain file (enough for a byte-order mark). */
function head(file: string): Uint8Array {
  const fd = fs.openSync(file, "r");
  try {
    const b = Buffer.alloc(4);
    const n = fs.readSync(fd, b, 0, 4, 0);
    return b.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** Parses `bytes` (whole) in `encoding`; a tab-separated header picks the tab when no delimiter is given. */
function parseEncoded(bytes: Uint8Array, encoding: Encoding, o: CsvReadOptions, tab: boolean): ColumnTable {
  let delimiter = o.delimiter ?? (tab ? "\t" : undefined);
  if (delimiter === undefined)
    delimiter = looksTabSeparated(decodeText(bytes.subarray(0, 1 << 16), encoding)) ? "\t" : ",";
  return parseCsvBuffer(toUtf8(bytes, encoding), { delimiter, columns: o.columns });
}

/** Reads the CSV file `source` (`shown` in messages). File-system errors and CsvError are thrown as they are. */
export function readCsvTable(
  source: string,
  shown: string,
  kind: { compressed: boolean; tab: boolean },
  o: CsvReadOptions,
): CsvRead {
  let bytes: Uint8Array | null = null;
  if (kind.compressed) {
    const t = performance.now();
    bytes = readFileBytes(source);
    if (o.clock !== undefined) o.clock.readMs += performance.now() - t;
  }
  const bom = bomEncoding(bytes ?? head(source));
  const forced = o.encoding;
  if ((forced !== undefined && forced !== "utf8") || (forced === undefined && bom !== null)) {
    const encoding = forced ?? (bom as Encoding);
    return { table: parseEncoded(bytes ?? readFileBytes(source), encoding, o, kind.tab), warnings: [] };
  }
  let badLine = -1;
  const pick = o.columns;
  const csvOptions: CsvOptions = {
    delimiter: o.delimiter ?? (kind.tab ? "\t" : ","),
    // Once the header row is known not to be UTF-8, this read is thrown away: no column is kept, and no plan is
    // made on the wrongly decoded names.
    columns: typeof pick === "function" ? (h, i, headers) => badLine < 0 && pick(h, i, headers) : pick,
    onInvalidUtf8: forced === undefined ? (line) => (badLine = line) : undefined,
  };
  const table = bytes !== null ? parseCsvBuffer(bytes, csvOptions) : parseCsvFile(source, csvOptions, o.clock);
  if (badLine < 0) return { table, warnings: [] };
  bytes ??= readFileBytes(source);
  return {
    table: parseEncoded(bytes, "windows-1252", { ...o, delimiter: csvOptions.delimiter }, kind.tab),
    warnings: [invalidUtf8Warning(shown, badLine)],
  };
}
