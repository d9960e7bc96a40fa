/**
 * The DuckDB FROM source for a CSV file: `read_csv('FILE', types = {...})`, with the customer and invoice columns
 * read as text. DuckDB's type sniffing would read a column of long ids (17-19 digits) as DOUBLE and merge ids one
 * apart, or as BIGINT and fail on the first id that is not a number; the engine keeps ids as text, and so must the
 * query for both to agree.
 *
 * A file that is not UTF-8 gets read_csv's `encoding`: 'latin-1' for Windows-1252 and Latin-1, 'utf-16' for UTF-16 LE
 * (DuckDB's CSV reader knows only these three without its encodings extension; UTF-16 BE is refused with what to do).
 * DuckDB's 'latin-1' is ISO-8859-1 and refuses a file with any byte from 0x80 to 0x9F (Windows-1252's € „ “ ” ’ – —),
 * so such a file is refused here first, with the line of the first one.
 */
import type { Field } from "../rfm/types";
import { UsageError } from "./args";
import { ENCODING_NAME, decodeText, type Encoding } from "./encoding";

/** A DuckDB string literal. */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** read_csv's name for each encoding it reads (utf8 needs none). */
const DUCKDB_ENCODING: Partial<Record<Encoding, string>> = {
  "windows-1252": "latin-1",
  latin1: "latin-1",
  utf16le: "utf-16",
};

/**
 * `read_csv(...)` for `file` (an absolute path), with the mapped id columns typed VARCHAR.
 * @param file the CSV file, as DuckDB should open it
 * @param mapping the column names the query reads
 * @param encoding the file's encoding (default UTF-8)
 * @returns the FROM source
 * @throws UsageError for an encoding DuckDB's CSV reader cannot read (UTF-16 BE)
 * @example
 *   duckdbReadCsv("/data/sales.csv", { customer: "Client" }, "windows-1252");
 *   // read_csv('/data/sales.csv', types = {'Client': 'VARCHAR'}, encoding = 'latin-1')
 */
export function duckdbReadCsv(file: string, mapping: Partial<Record<Field, string>>, encoding?: Encoding): string {
  const args = [literal(file)];
  const text = [mapping.customer, mapping.invoice].filter((c): c is string => c !== undefined);
  if (text.length > 0) args.push(`types = {${text.map((c) => `${literal(c)}: 'VARCHAR'`).join(", ")}}`);
  if (encoding !== undefined && encoding !== "utf8") {
    const name = DUCKDB_ENCODING[encoding];
    if (name === undefined) {
      throw new UsageError(
        `${file} is ${ENCODING_NAME[encoding]}, which DuckDB's read_csv cannot read (it reads UTF-8, UTF-16 LE and ` +
          "Latin-1). Save it as UTF-8 (for example iconv -f UTF-16BE -t UTF-8), or load it into a table and give " +
          "--table.",
      );
    }
    args.push(`encoding = ${literal(name)}`);
  }
  return `read_csv(${args.join(", ")})`;
}

/**
 * Checks that DuckDB's `encoding = 'latin-1'` can read a Windows-1252 file: no byte from 0x80 to 0x9F.
 * @param file the file's name, for the message
 * @param bytes the file's bytes (inflated when gzipped)
 * @throws UsageError naming the line of the first such byte, with what to do
 */
export function requireLatin1(file: string, bytes: Uint8Array): void {
  let line = 1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 10) line++;
    else if (b >= 0x80 && b <= 0x9f) {
      const shown = decodeText(bytes.subarray(i, i + 1), "windows-1252");
      throw new UsageError(
        `${file} is Windows-1252, and line ${line} has ${JSON.stringify(shown)} (byte 0x${b.toString(16).toUpperCase()}), ` +
          "one of the characters (€ „ “ ” ’ – — ™ ...) that DuckDB's read_csv cannot read as Latin-1. " +
          "Save the file as UTF-8 (for example iconv -f WINDOWS-1252 -t UTF-8), or load it into a table and give " +
          "--table.",
      );
    }
  }
}
