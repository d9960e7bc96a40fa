/**
 * The header row of a CSV file without reading the rest (`rfm sql FILE` needs only the column names), decoded as
 * `rfm FILE` decodes the file: `--encoding` when given, else UTF-16 by its byte-order mark, else UTF-8, and
 * Windows-1252 when the bytes read are not UTF-8. A UTF-16 file without `--delimiter` is tab-separated when its
 * header line is (Excel's "Unicode Text").
 */
import * as fs from "fs";
import * as zlib from "zlib";
import { UsageError } from "./args";
import { CsvParser } from "./csv";
import { bomEncoding, looksTabSeparated, toUtf8, type Encoding } from "./encoding";

/** A file's header row and the encoding it was read in. */
export interface CsvHeaderRow {
  headers: string[];
  encoding: Encoding;
  delimiter: string;
}

/** Whether `bytes` are UTF-8 as far as they go (a character cut at the end is not an error). */
function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The header row parsed from the UTF-8 form of `bytes`, or null when they do not hold all of it yet. */
function headerOf(bytes: Uint8Array, delimiter: string, final: boolean): string[] | null {
  const parser = new CsvParser({ delimiter });
  parser.push(bytes);
  if (parser.headers === null && final) parser.end();
  return parser.headers;
}

/**
 * Reads the header row of a CSV file (.gz too), only as many bytes as the first record needs.
 * @param file the CSV (or TSV) file
 * @param delimiter the field separator (default: tab for .tsv, for UTF-16 text whose header line has tabs, else comma)
 * @param encoding the file's encoding (default: detected as `rfm FILE` does)
 * @returns the headers, the encoding and the delimiter used
 * @throws UsageError when the file is missing or empty
 */
export async function readCsvHeaderRow(file: string, delimiter?: string, encoding?: Encoding): Promise<CsvHeaderRow> {
  try {
    if (!fs.statSync(file).isFile()) throw new UsageError(`${file} is not a file.`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`File not found: ${file}`);
  }
  const tsv = /\.tsv(\.gz)?$/i.test(file);
  const input = fs.createReadStream(file, { highWaterMark: 1 << 16 });
  const source: AsyncIterable<Buffer> = /\.gz$/i.test(file) ? input.pipe(zlib.createGunzip()) : input;
  const chunks: Buffer[] = [];
  // Every try parses all the bytes read so far: a header row is short, and the encoding decision may change once
  // more bytes are in (an invalid UTF-8 byte further on).
  const attempt = (final: boolean): CsvHeaderRow | null => {
    const raw = Buffer.concat(chunks);
    const enc: Encoding = encoding ?? bomEncoding(raw) ?? (isUtf8(raw) ? "utf8" : "windows-1252");
    const bytes = toUtf8(raw, enc);
    let d = delimiter ?? (tsv ? "\t" : ",");
    if (delimiter === undefined && !tsv && (enc === "utf16le" || enc === "utf16be"))
      d = looksTabSeparated(new TextDecoder().decode(bytes)) ? "\t" : ",";
    const headers = headerOf(bytes, d, final);
    if (headers === null) return null;
    return { headers, encoding: enc, delimiter: d };
  };
  try {
    for await (const chunk of source) {
      chunks.push(chunk);
      const row = attempt(false);
      if (row !== null) return row;
    }
    const row = chunks.length > 0 ? attempt(true) : null;
    if (row !== null) return row;
    throw new UsageError(`${file}: the file is empty (no header row).`);
  } finally {
    input.destroy();
  }
}

/** The header row of a CSV file (see readCsvHeaderRow). */
export async function readCsvHeaders(file: string, delimiter?: string, encoding?: Encoding): Promise<string[]> {
  return (await readCsvHeaderRow(file, delimiter, encoding)).headers;
}
