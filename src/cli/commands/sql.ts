/**
 * `rfm sql`: prints one SQL query (DuckDB or PostgreSQL) that reproduces the engine's cleaning, metrics, scores and
 * segments over a transactions table, for data that has outgrown a workbook (see src/rfm/sql/generate.ts).
 *
 * Usage: `rfm sql [FILE] --dialect duckdb|postgres [--table NAME | --from SQL] [engine options] [--out FILE.sql]`
 * - Column names: with FILE (.csv/.tsv, optionally .gz), its header row is read (only the first record) and the
 *   engine's aliases and `--map` pick the columns, exactly as `rfm FILE` would, in the file's encoding as `rfm FILE`
 *   reads it (or `--encoding`); DuckDB's read_csv is then told the encoding too. Without FILE, the `--map` names are
 *   used, or the Online Retail names (CustomerID, InvoiceNo, InvoiceDate, Quantity, UnitPrice) when none is given.
 * - Source: `--table NAME` (`schema.table` allowed), or `--from` with a raw FROM expression; with FILE and the DuckDB
 *   dialect the default is `read_csv('FILE')`, otherwise the table `transactions`.
 * - Engine options as for `rfm FILE`: --scheme, --preset, --bins, --scoring, --cuts-r/f/m, --snapshot, --monetary,
 *   and the cleaning flags.
 *
 * @example
 *   rfm sql sales.csv --dialect duckdb --scheme tiers4 > rfm.sql && duckdb < rfm.sql
 */
import * as path from "path";
import { planColumns, requireColumns } from "../../rfm";
import { generateSql, type SqlDialect, type SqlOptions } from "../../rfm/sql";
import type { Field } from "../../rfm/types";
import {
  CLEANING_OPTIONS,
  COLUMN_OPTIONS,
  DELIMITER_OPTION,
  ENCODING_OPTION,
  HELP_OPTION,
  SCORING_OPTIONS,
  UsageError,
  checkCuts,
  defaultOptions,
  helpText,
  outOption,
  parseCommandLine,
  type CliOptions,
  type CommandLine,
  type OptionSpec,
} from "../args";
import { readCsvHeaderRow } from "../csvHeaders";
import { readFileBytes } from "../dataFiles";
import { duckdbReadCsv, requireLatin1 } from "../duckdbSource";
import type { Encoding } from "../encoding";
import type { CliIO } from "../io";
import { loadSchemeOption, rfmOptionsFromCli } from "../options";
import { writeFileAtomic } from "../output";

export const ONLINE_RETAIL_COLUMNS: Partial<Record<Field, string>> = {
  customer: "CustomerID",
  invoice: "InvoiceNo",
  date: "InvoiceDate",
  quantity: "Quantity",
  unitPrice: "UnitPrice",
};

/** `rfm sql`'s options: the shared ones plus where the query reads from. */
export interface SqlCliOptions extends CliOptions {
  dialect?: SqlDialect;
  table?: string;
  from?: string;
}

const SQL_OWN_OPTIONS: OptionSpec<SqlCliOptions>[] = [
  {
    name: "dialect",
    value: "duckdb|postgres",
    help: "SQL dialect of the query (required).",
    apply: (o, v) => {
      if (v !== "duckdb" && v !== "postgres") {
        throw new UsageError(`--dialect must be duckdb or postgres (got "${v}").`);
      }
      o.dialect = v;
    },
  },
  {
    name: "table",
    value: "NAME",
    help: "Table (or view) holding the transactions, e.g. sales or shop.sales (default: transactions).",
    apply: (o, v) => (o.table = v),
  },
  {
    name: "from",
    value: "SQL",
    help: "A raw FROM source instead of a table, e.g. \"read_parquet('sales/*.parquet')\" (DuckDB).",
    apply: (o, v) => (o.from = v),
  },
];

export const SQL_COMMAND_LINE: CommandLine<SqlCliOptions> = {
  usage: "rfm sql [FILE.csv] --dialect duckdb|postgres [options]",
  description: ["Prints one SQL query that reproduces rfm's segmentation."],
  options: [
    ...SQL_OWN_OPTIONS,
    outOption("Write the query to FILE instead of standard output."),
    ...SCORING_OPTIONS,
    ...COLUMN_OPTIONS,
    ...CLEANING_OPTIONS,
    DELIMITER_OPTION,
    ENCODING_OPTION,
    HELP_OPTION,
  ],
  defaults: defaultOptions,
  check: checkCuts,
};

/** The column names the query reads (from the file's header row, as `rfm FILE` resolves them, else --map) and
 *  the file's encoding when there is a file. */
async function sqlColumns(
  file: string | undefined,
  o: SqlCliOptions,
): Promise<{ mapping: Partial<Record<Field, string>>; encoding?: Encoding }> {
  if (file === undefined) return { mapping: Object.keys(o.mapping).length > 0 ? o.mapping : ONLINE_RETAIL_COLUMNS };
  const row = await readCsvHeaderRow(file, o.delimiter, o.encoding);
  const plan = requireColumns(planColumns(row.headers, o.mapping, { monetarySource: o.monetarySource }));
  if (readsFileInDuckdb(file, o) && (row.encoding === "windows-1252" || row.encoding === "latin1"))
    requireLatin1(file, readFileBytes(file));
  const mapping: Partial<Record<Field, string>> = {};
  for (const [field, index] of Object.entries(plan.columns) as [Field, number][]) mapping[field] = row.headers[index];
  return { mapping, encoding: row.encoding };
}

/** Whether the query's source is DuckDB's read_csv of the file. */
function readsFileInDuckdb(file: string | undefined, o: SqlCliOptions): boolean {
  return file !== undefined && o.from === undefined && o.table === undefined && o.dialect === "duckdb";
}

/** Where the query reads from: --from, --table, the file itself (DuckDB), else the table `transactions`. */
function sqlSource(
  file: string | undefined,
  o: SqlCliOptions,
  mapping: Partial<Record<Field, string>>,
  encoding: Encoding | undefined,
): Pick<SqlOptions, "table" | "from"> {
  if (o.from !== undefined) return { from: o.from };
  if (o.table !== undefined) return { table: o.table };
  if (file !== undefined && readsFileInDuckdb(file, o)) {
    return { from: duckdbReadCsv(path.resolve(file), mapping, encoding) };
  }
  return { table: "transactions" };
}

/** The `rfm sql` handler. */
export async function sqlCommand(argv: string[], io: CliIO): Promise<number> {
  const o = parseCommandLine(argv, SQL_COMMAND_LINE);
  if (o.help) {
    io.stdout(helpText(SQL_COMMAND_LINE) + "\n");
    return 0;
  }
  if (o.dialect === undefined) throw new UsageError("rfm sql needs --dialect duckdb or --dialect postgres.");
  if (o.positionals.length > 1) {
    throw new UsageError(`Expected at most one input file, got ${o.positionals.length}: ${o.positionals.join(" ")}`);
  }
  const file = o.positionals[0];
  const { mapping, encoding } = await sqlColumns(file, o);
  const scheme = o.scheme !== undefined ? loadSchemeOption(o.scheme) : undefined;
  // The query has no file to learn a header row or date system from: the shared options only.
  const options: SqlOptions = {
    ...rfmOptionsFromCli(o, undefined, scheme),
    mapping,
    ...sqlSource(file, o, mapping, encoding),
  };
  const sql = generateSql(o.dialect, options);
  if (o.out !== undefined && o.out !== "-")
    writeFileAtomic(o.out, sql, [file, typeof scheme === "object" ? o.scheme : undefined]);
  else io.stdout(sql);
  return 0;
}
