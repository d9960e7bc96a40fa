/**
 * Where the data files are, and reading a CSV file (plain or gzipped) into the engine's `ColumnTable`.
 *
 * The repository ships the UCI Online Retail transactions as `data/online_retail.csv.gz` (7.5 MB) so that a fresh
 * clone can run the CLI, the demo, the tests and the benchmark. A working copy may also sit next to a `shared/data`
 * folder (`../shared/data` from the repository root) holding the same CSV uncompressed, the .xlsx version and the R
 * `rfm` package's order data (`rfm_data_orders.csv`); tests and the benchmark prefer those when they are there.
 *
 * Paths are resolved from the repository root (repoRoot.ts).
 *
 * @example
 *   const table = readCsvFile(onlineRetailPath()); // 541,909 rows × 8 columns
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import type { ColumnTable } from "../rfm/types";
import { parseCsvBuffer, type CsvOptions } from "./csv";
import { REPO_ROOT } from "./repoRoot";

export { REPO_ROOT };

/** The embedded copy of the Online Retail CSV, gzipped. */
export const EMBEDDED_ONLINE_RETAIL = path.join(REPO_ROOT, "data", "online_retail.csv.gz");

/** `../shared/data` beside the repository, when it exists. */
export function sharedDataDir(): string | null {
  const dir = path.resolve(REPO_ROOT, "..", "shared", "data");
  return isDirectory(dir) ? dir : null;
}

/** A file in the shared data folder, when both exist. */
export function sharedDataFile(name: string): string | null {
  const dir = sharedDataDir();
  if (dir === null) return null;
  const file = path.join(dir, name);
  return isFile(file) ? file : null;
}

/** The Online Retail CSV: the shared uncompressed copy when present, else the embedded gzipped one. */
export function onlineRetailPath(): string {
  return sharedDataFile("online_retail.csv") ?? EMBEDDED_ONLINE_RETAIL;
}

/** The Online Retail workbook (shared data only; the repository does not ship it). */
export function onlineRetailXlsxPath(): string | null {
  return sharedDataFile("online_retail.xlsx");
}

/** R `rfm` package's order-level example data (customer_id, order_date, revenue), when the shared folder has it. */
export function ordersPath(): string | null {
  return sharedDataFile("rfm_data_orders.csv");
}

/** True for `.gz` file names (case-insensitive). */
export function isGzip(file: string): boolean {
  return /\.gz$/i.test(file);
}

/** Reads a file's bytes, gunzipping `.gz` files. */
export function readFileBytes(file: string): Buffer {
  const raw = fs.readFileSync(file);
  return isGzip(file) ? zlib.gunzipSync(raw) : raw;
}

/** Reads a `.csv` or `.csv.gz` file into a ColumnTable (see `parseCsvBuffer` for the parsing rules). */
export function readCsvFile(file: string, options: CsvOptions = {}): ColumnTable {
  return parseCsvBuffer(readFileBytes(file), options);
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
