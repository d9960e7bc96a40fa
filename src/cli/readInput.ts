/**
 * The CLI's input: a file name (or none) → a ColumnTable plus what was read, for the printed summary.
 *
 * - `.csv`, `.txt`, `.tsv` (tab-separated), read in chunks and parsed by csv.ts; gzipped (`.csv.gz`), unpacked in
 *   memory first.
 * - `.xlsx` / `.xlsm`: one worksheet, its XML inflated and scanned as a stream (xlsx.ts).
 * - No file: the bundled Online Retail data (`data/online_retail.csv.gz`).
 *
 * Only the columns the engine will use are materialised: once the header row is known, the engine's column plan
 * (`planColumns`, with the user's mapping) picks them, and a missing column fails right there, before the rest of
 * the file is parsed. The plan comes back with the table, for the analysis to use as it is.
 *
 * Problems with the file (missing, a folder, unsupported type, empty, malformed CSV) throw `UsageError` or
 * `CsvError` with a one-line message naming the file.
 */
import * as fs from "fs";
import * as path from "path";
import { planColumns, requireColumns, type UsableColumnPlan } from "../rfm";
import type { ColumnTable, Field, MonetarySource } from "../rfm/types";
import { UsageError } from "./args";
import { CsvError } from "./csv";
import type { ReadClock } from "./csvFile";
import { readCsvTable } from "./csvInput";
import { EMBEDDED_ONLINE_RETAIL } from "./dataFiles";
import type { Encoding } from "./encoding";

export interface InputOptions {
  sheet?: string;
  delimiter?: string;
  mapping?: Partial<Record<Field, string>>;
  monetarySource?: MonetarySource;
  /** Materialise every column, not only the mapped ones (default false). */
  allColumns?: boolean;
  /** The CSV file's text encoding (default: detected, see csvInput.ts). */
  encoding?: Encoding;
  /** Gets the time spent reading a CSV file (and inflating a gzipped one) added to it; the rest is parsing. */
  clock?: ReadClock;
}

export interface InputInfo {
  /** Path as given (or the embedded data's file name). */
  file: string;
  format: "csv" | "xlsx";
  compressed: boolean;
  /** True when no file was given and the bundled data was used. */
  embedded: boolean;
  /** Size on disk in bytes. */
  bytes: number;
  sheetName?: string;
  /** Sheet row number of the header row (1 for CSV). */
  headerRow: number;
  date1904: boolean;
  rows: number;
  columns: number;
  /** What the report should say about reading the file (its encoding). */
  warnings?: string[];
}

export interface InputResult {
  table: ColumnTable;
  /** The engine's column plan for the table's header row (usable: a missing column throws while reading); absent
   *  for a streamed read, whose aggregator plans its own. */
  columns?: UsableColumnPlan;
  info: InputInfo;
}

type Kind = { format: "csv" | "xlsx"; compressed: boolean; tab: boolean };

function kindOf(file: string): Kind {
  const lower = file.toLowerCase();
  const compressed = lower.endsWith(".gz");
  const base = compressed ? lower.slice(0, -3) : lower;
  const ext = path.extname(base);
  if ((ext === ".xlsx" || ext === ".xlsm") && !compressed) return { format: "xlsx", compressed, tab: false };
  if (ext === ".csv" || ext === ".txt" || ext === ".tsv") return { format: "csv", compressed, tab: ext === ".tsv" };
  if (ext === ".xls") {
    throw new UsageError(`${file}: the old .xls format is not supported; save it as .xlsx or .csv.`);
  }
  throw new UsageError(`${file}: unsupported file type "${ext || "(none)"}"; use .csv, .csv.gz, .tsv or .xlsx.`);
}

/** An error from the file system (open, read), as opposed to the parser's or the engine's. */
function isFileSystemError(e: unknown): boolean {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).syscall === "string";
}

function statInput(file: string): fs.Stats {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new UsageError(`File not found: ${file}`);
  }
  if (st.isDirectory()) throw new UsageError(`${file} is a folder, not a data file.`);
  return st;
}

export async function readInput(file: string | undefined, options: InputOptions = {}): Promise<InputResult> {
  const embedded = file === undefined;
  const source = file ?? EMBEDDED_ONLINE_RETAIL;
  const kind = kindOf(source);
  const st = statInput(source);
  const shown = embedded ? path.basename(source) : file;

  // The engine's column plan, made once the header row is known (throws missingColumn right away); only the
  // columns it maps are materialised, and the plan is handed on so that the analysis does not plan them again.
  let plan: UsableColumnPlan | null = null;
  let plannedFor: readonly string[] | null = null;
  let wanted: Set<number> | null = null;
  const pick = (_h: string, index: number, headers: readonly string[]): boolean => {
    if (plan === null || plannedFor !== headers) {
      plan = requireColumns(planColumns(headers, options.mapping, { monetarySource: options.monetarySource }));
      plannedFor = headers;
      wanted = new Set(Object.values(plan.columns).filter((v): v is number => typeof v === "number"));
    }
    return options.allColumns === true || (wanted as Set<number>).has(index);
  };
  const planOf = (headers: readonly string[]): UsableColumnPlan =>
    plan ?? requireColumns(planColumns(headers, options.mapping, { monetarySource: options.monetarySource }));

  if (kind.format === "xlsx") {
    // Loaded when used: CSV runs (and --version) do not pay for the zip and XML reader.
    const { readXlsx } = await import("./xlsx");
    const r = await readXlsx(source, { sheet: options.sheet, columns: pick });
    return {
      table: r.table,
      columns: planOf(r.table.headers),
      info: {
        file: shown,
        format: "xlsx",
        compressed: false,
        embedded,
        bytes: st.size,
        sheetName: r.sheetName,
        headerRow: r.headerRow,
        date1904: r.date1904,
        rows: r.table.columns[0]?.length ?? 0,
        columns: r.table.headers.length,
      },
    };
  }

  if (options.sheet !== undefined) throw new UsageError(`--sheet applies to .xlsx files only; ${shown} is a CSV file.`);
  const cannotRead = (e: unknown): UsageError =>
    new UsageError(`${shown}: cannot read the file (${(e as Error).message.split("\n")[0]}).`);
  let table: ColumnTable;
  let warnings: string[];
  try {
    ({ table, warnings } = readCsvTable(source, shown, kind, {
      delimiter: options.delimiter,
      encoding: options.encoding,
      columns: pick,
      clock: options.clock,
    }));
  } catch (e) {
    if (e instanceof CsvError) throw new CsvError(`${shown}: ${e.message}`, e.row, e.line);
    if (isFileSystemError(e)) throw cannotRead(e);
    throw e;
  }
  return {
    table,
    columns: planOf(table.headers),
    info: {
      file: shown,
      format: "csv",
      compressed: kind.compressed,
      embedded,
      bytes: st.size,
      headerRow: 1,
      date1904: false,
      rows: table.columns[0]?.length ?? 0,
      columns: table.headers.length,
      warnings,
    },
  };
}
