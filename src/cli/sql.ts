/**
 * `rfm sql`: prints one SQL query (DuckDB or PostgreSQL) that reproduces the engine's cleaning, metrics, scores and
 * segments over a transactions table, for data that has outgrown a workbook (see src/rfm/sql/generate.ts).
 *
 * Usage: `rfm sql [FILE] --dialect duckdb|postgres [--table NAME | --from SQL] [engine options] [--out FILE.sql]`
 * - Column names: with FILE (.csv/.tsv, optionally .gz), its header row is read (only the first record) and the
 *   engine's aliases and `--map` pick the columns, exactly as `rfm FILE` would. Without FILE, the `--map` names are
 *   used, or the Online Retail names (CustomerID, InvoiceNo, InvoiceDate, Quantity, UnitPrice) when none is given.
 * - Source: `--table NAME` (`schema.table` allowed), or `--from` with a raw FROM expression; with FILE and the DuckDB
 *   dialect the default is `read_csv('FILE')`, otherwise the table `transactions`.
 * - Engine options as for `rfm FILE`: --scheme, --preset, --bins, --scoring, --cuts-r/f/m, --snapshot, --monetary,
 *   and the cleaning flags.
 *
 * @example
 *   rfm sql sales.csv --dialect duckdb --scheme tiers4 > rfm.sql && duckdb < rfm.sql
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { normalizeOptions, planColumns, requireColumns } from "../rfm";
import { generateSql, type SqlDialect, type SqlOptions } from "../rfm/sql";
import type { Field, Scheme } from "../rfm/types";
import { OPTION_SPECS, UsageError, helpText, parseArgs, type OptionSpec } from "./args";
import { CsvParser } from "./csv";
import type { CliIO } from "./main";
import { writeFileAtomic } from "./output";

/** The default command's options that mean the same here. */
const SHARED = new Set([
  "out",
  "scheme",
  "snapshot",
  "preset",
  "bins",
  "scoring",
  "cuts-r",
  "cuts-f",
  "cuts-m",
  "map",
  "monetary",
  "keep-missing-customer",
  "keep-cancelled",
  "drop-negative-quantity",
  "keep-nonpositive-price",
  "delimiter",
  "help",
]);

export const ONLINE_RETAIL_COLUMNS: Partial<Record<Field, string>> = {
  customer: "CustomerID",
  invoice: "InvoiceNo",
  date: "InvoiceDate",
  quantity: "Quantity",
  unitPrice: "UnitPrice",
};

interface SqlCliState {
  dialect?: SqlDialect;
  table?: string;
  from?: string;
}

function sqlSpecs(state: SqlCliState): OptionSpec[] {
  const own: OptionSpec[] = [
    {
      name: "dialect",
      value: "duckdb|postgres",
      help: "SQL dialect of the query (required).",
      apply: (_o, v) => {
        if (v !== "duckdb" && v !== "postgres") {
          throw new UsageError(`--dialect must be duckdb or postgres (got "${v}").`);
        }
        state.dialect = v;
      },
    },
    {
      name: "table",
      value: "NAME",
      help: "Table (or view) holding the transactions, e.g. sales or shop.sales (default: transactions).",
      apply: (_o, v) => (state.table = v),
    },
    {
      name: "from",
      value: "SQL",
      help: "A raw FROM source instead of a table, e.g. \"read_parquet('sales/*.parquet')\" (DuckDB).",
      apply: (_o, v) => (state.from = v),
    },
  ];
  const shared = OPTION_SPECS.filter((s) => SHARED.has(s.name)).map((s) =>
    s.name === "out" ? { ...s, help: "Write the query to FILE instead of standard output." } : s,
  );
  return [...own, ...shared];
}

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

/** `--scheme` value → id or scheme object (a .json path is read), as the default command does. */
async function schemeOption(value: string | undefined): Promise<string | Scheme | undefined> {
  if (value === undefined) return undefined;
  // Imported lazily: main.ts registers this command, so a top-level import would be circular.
  const { loadSchemeOption } = await import("./main");
  return loadSchemeOption(value);
}

/** The `rfm sql` handler (registered in main.ts COMMANDS). */
export async function sqlCommand(argv: string[], io: CliIO): Promise<number> {
  const state: SqlCliState = {};
  const specs = sqlSpecs(state);
  const o = parseArgs(argv, specs);
  if (o.help) {
    io.stdout(
      helpText(specs)
        .replace(/^Usage: .*$/m, "Usage: rfm sql [FILE.csv] --dialect duckdb|postgres [options]")
        .replace(/^RFM customer segmentation.*\n.*$/m, "Prints one SQL query that reproduces rfm's segmentation."),
    );
    io.stdout("\n");
    return 0;
  }
  if (state.dialect === undefined) throw new UsageError("rfm sql needs --dialect duckdb or --dialect postgres.");
  if (o.positionals.length > 1) {
    throw new UsageError(`Expected at most one input file, got ${o.positionals.length}: ${o.positionals.join(" ")}`);
  }
  const file = o.positionals[0];

  let mapping: Partial<Record<Field, string>>;
  if (file !== undefined) {
    const headers = await readCsvHeaders(file, o.delimiter);
    const plan = requireColumns(planColumns(headers, o.mapping, { monetarySource: o.monetarySource }));
    mapping = {};
    for (const [field, index] of Object.entries(plan.columns) as [Field, number][]) mapping[field] = headers[index];
  } else {
    mapping = Object.keys(o.mapping).length > 0 ? o.mapping : ONLINE_RETAIL_COLUMNS;
  }

  const scheme = await schemeOption(o.scheme);
  const options: SqlOptions = {
    ...normalizeOptions({
      scheme,
      preset: o.preset,
      bins: o.bins,
      scoring: o.scoring,
      cutPoints: o.cuts,
      snapshot: o.snapshot,
      monetarySource: o.monetarySource,
      cleaning: o.cleaning,
    }),
    mapping,
  };
  if (state.from !== undefined) options.from = state.from;
  else if (state.table !== undefined) options.table = state.table;
  else if (file !== undefined && state.dialect === "duckdb") {
    options.from = `read_csv('${path.resolve(file).replace(/'/g, "''")}')`;
  } else options.table = "transactions";

  const sql = generateSql(state.dialect, options);
  if (o.out !== undefined && o.out !== "-") writeFileAtomic(o.out, sql);
  else io.stdout(sql);
  return 0;
}
