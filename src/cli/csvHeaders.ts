/** The header row of a CSV file without reading the rest (`rfm sql FILE` needs only the column names). */
import * as fs from "fs";
import * as zlib from "zlib";
import { UsageError } from "./args";
import { CsvParser } from "./csv";

/** The header row of a CSV file (.gz too), reading only as many bytes as the first record needs. */
export async function readCsvHeaders(file: string, delimiter?: string): Promise<string[]> {
  try {
    if (!fs.statSync(file).isFile()) throw new UsageError(`${file} is not a file.`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`File not found: ${file}`);
  }
  const parser = new CsvParser({ delimiter: delimiter ?? (/\.tsv(\.gz)?$/i.test(file) ? "\t" : ",") });
  const input = fs.createReadStream(file, { highWaterMark: 1 << 16 });
  const source: AsyncIterable<Buffer> = /\.gz$/i.test(file) ? input.pipe(zlib.createGunzip()) : input;
  try {
    for await (const chunk of source) {
      parser.push(chunk);
      if (parser.headers !== null) return parser.headers;
    }
    parser.end();
    if (parser.headers !== null) return parser.headers;
    throw new UsageError(`${file}: the file is empty (no header row).`);
  } finally {
    input.destroy();
  }
}
