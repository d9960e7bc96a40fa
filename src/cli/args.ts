/**
 * Command-line arguments of `rfm` → typed options. Pure (no file system): the commands turn the options into engine
 * options and read files.
 *
 * Syntax: `rfm [command] [file] [--option value | --option=value | --flag] ...`. `--` ends the options. Splitting the
 * arguments into options and positionals is node:util `parseArgs` (its tokens, read in order); this file adds what
 * `parseArgs` leaves to the caller: typed values, the checks with their messages, and the help text. Every option is
 * described once as an `OptionSpec` (name, value name, help line, how it sets the options) in one of the groups
 * below; each command lists the groups it takes (`CommandLine`), and that list drives both parsing and `--help`.
 *
 * Bad arguments throw `UsageError` (the CLI prints its message on one line and exits with status 2).
 *
 * @example
 *   parseArgs(["orders.csv", "--preset", "r-rfm", "--snapshot=2006-12-31", "--out", "customers.csv"])
 *   // → { positionals: ["orders.csv"], preset: "r-rfm", snapshot: "2006-12-31", out: "customers.csv", ... }
 */
import { ENCODINGS, encodingOption, type Encoding } from "./encoding";
import { parseArgs as splitArgs } from "node:util";
import type { CleaningOptions, DateOrder, Field, MonetarySource, ScoringMethod } from "../rfm/types";

/** A problem with the command line or the files it names; exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The options every command shares (each command reads the ones it offers). */
export interface CliOptions {
  /** Positional arguments after the command name (the first is the input file). */
  positionals: string[];
  /** Output path; "-" = standard output. */
  out?: string;
  /** Built-in scheme id, or a path to a scheme JSON file. */
  scheme?: string;
  snapshot?: string;
  preset?: "pandas" | "r-rfm";
  bins?: number;
  scoring?: ScoringMethod;
  cuts: { recency?: number[]; frequency?: number[]; monetary?: number[] };
  mapping: Partial<Record<Field, string>>;
  cleaning: Partial<CleaningOptions>;
  monetarySource?: MonetarySource;
  dateOrder?: DateOrder;
  dateSystem?: "1900" | "1904";
  /** Worksheet of an .xlsx file (default: the first). */
  sheet?: string;
  /** CSV field separator (default "," or tab for .tsv). */
  delimiter?: string;
  /** `--encoding`: the CSV file's text encoding (default: detected, see encoding.ts). */
  encoding?: Encoding;
  /** `--decimal`: the decimal mark of number text (default: detected from the data). */
  decimalMark?: "." | ",";
  /** `--raw`: write text cells exactly, without the leading quote that neutralizes formula-leading text. */
  raw?: boolean;
  quiet: boolean;
  /** Print a one-line JSON of timings and peak memory to stderr (used by `npm run bench`). */
  stats: boolean;
  /** `--compare-to`: earlier date (YYYY-MM-DD) or days before the snapshot (90d) for the migration (extras.ts). */
  compareTo?: string;
  /** `--segment` (repeatable): write only these segments' customers, with their suggested action (extras.ts). */
  segments?: string[];
  /** `--value`: customer value columns and a per-segment value table (extras.ts). */
  value?: boolean;
  /** `--stream`: read the CSV in chunks instead of whole (stream.ts); automatic for CSV files over 512 MB. */
  stream?: boolean;
  help: boolean;
  version: boolean;
}

/** One option: how it is written, its help line and what it sets on a command's options `T`. */
export interface OptionSpec<T extends CliOptions = CliOptions> {
  /** Long name without the dashes. */
  name: string;
  /** One-letter alias, e.g. "o" for -o. */
  short?: string;
  /** Name of the value in help ("FILE"); absent for a flag. */
  value?: string;
  help: string;
  /** Left out of `--help` (an option a command only recognizes to explain why it does not apply). */
  hidden?: boolean;
  /** Sets the option; `value` is "" for flags. Throws UsageError for a bad value. */
  apply(options: T, value: string): void;
}

/** A command's command line: its options (parsing and help) and the text around them in `--help`. */
export interface CommandLine<T extends CliOptions = CliOptions> {
  /** The usage line, without "Usage: ". */
  usage: string;
  /** Lines between the usage line and the options. */
  description: string[];
  options: readonly OptionSpec<T>[];
  /** A fresh options object (the command's defaults). */
  defaults(): T;
  /** What exit status 2 means for this command, when it says more than the default line. */
  badInput?: string;
  /** Checks that need more than one option, after all are set. */
  check?(options: T): void;
}

export function defaultOptions(): CliOptions {
  return {
    positionals: [],
    cuts: {},
    mapping: {},
    cleaning: {},
    quiet: false,
    stats: false,
    help: false,
    version: false,
  };
}

const FIELD_KEYS: Record<string, Field> = {
  customer: "customer",
  customerid: "customer",
  invoice: "invoice",
  invoiceno: "invoice",
  order: "invoice",
  orderid: "invoice",
  date: "date",
  invoicedate: "date",
  quantity: "quantity",
  qty: "quantity",
  unitprice: "unitPrice",
  price: "unitPrice",
  amount: "amount",
  revenue: "amount",
  country: "country",
};

/** The value if it is one of `allowed`, else a UsageError naming the option and the choices. */
export function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${option} must be one of ${allowed.join(", ")} (got "${value}").`);
}

function parseCuts(option: string, value: string): number[] {
  const parts = value.split(",").map((p) => p.trim());
  const nums = parts.map(Number);
  if (parts.length === 0 || parts.some((p) => p === "") || nums.some((n) => !Number.isFinite(n))) {
    throw new UsageError(
      `--${option} takes comma-separated numbers in ascending order, e.g. 30,90,180,365 (got "${value}").`,
    );
  }
  return nums;
}

/** `--out FILE` (-o) with the command's own help line. */
export function outOption(help: string): OptionSpec {
  return { name: "out", short: "o", value: "FILE", help, apply: (o, v) => (o.out = v) };
}

/** Scheme, snapshot and scoring: what decides the scores and segments. */
export const SCORING_OPTIONS: readonly OptionSpec[] = [
  {
    name: "scheme",
    value: "ID|FILE.json",
    help: "Segment scheme: rf10 (default), tiers4, r-rfm, or a scheme JSON file.",
    apply: (o, v) => (o.scheme = v),
  },
  {
    name: "snapshot",
    value: "YYYY-MM-DD",
    help: "Analysis date (default: the latest invoice + 1 day).",
    apply: (o, v) => (o.snapshot = v),
  },
  {
    name: "preset",
    value: "pandas|r-rfm",
    help: "pandas (default): quantile scores, rf10. r-rfm: R rfm 0.3.0 scores and its 10-segment table.",
    apply: (o, v) => (o.preset = oneOf("preset", v, ["pandas", "r-rfm"] as const)),
  },
  {
    name: "bins",
    value: "N",
    help: "Number of score bins, 2..10 (default 5).",
    apply: (o, v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 2 || n > 10)
        throw new UsageError(`--bins must be a whole number from 2 to 10 (got "${v}").`);
      o.bins = n;
    },
  },
  {
    name: "scoring",
    value: "METHOD",
    help: "quantile (pandas qcut; default), rank, fixed (with --cuts-*), r-rfm.",
    apply: (o, v) => (o.scoring = oneOf("scoring", v, ["quantile", "rank", "fixed", "r-rfm"] as const)),
  },
  {
    name: "cuts-r",
    value: "a,b,...",
    help: "Fixed Recency cut-points in days (bins-1 ascending numbers); implies --scoring fixed.",
    apply: (o, v) => (o.cuts.recency = parseCuts("cuts-r", v)),
  },
  {
    name: "cuts-f",
    value: "a,b,...",
    help: "Fixed Frequency cut-points (orders).",
    apply: (o, v) => (o.cuts.frequency = parseCuts("cuts-f", v)),
  },
  {
    name: "cuts-m",
    value: "a,b,...",
    help: "Fixed Monetary cut-points.",
    apply: (o, v) => (o.cuts.monetary = parseCuts("cuts-m", v)),
  },
];

/** `--cuts-*` imply `--scoring fixed`, which needs all three (the check of commands with SCORING_OPTIONS). */
export function checkCuts(options: CliOptions): void {
  const cutsGiven = Object.keys(options.cuts).length > 0;
  if (cutsGiven && options.scoring === undefined) options.scoring = "fixed";
  if (cutsGiven && options.scoring !== "fixed") {
    throw new UsageError(`--cuts-r/--cuts-f/--cuts-m go with --scoring fixed (got --scoring ${options.scoring}).`);
  }
  if (options.scoring === "fixed" && !(options.cuts.recency && options.cuts.frequency && options.cuts.monetary)) {
    throw new UsageError("--scoring fixed needs cut-points for all three metrics: --cuts-r, --cuts-f and --cuts-m.");
  }
}

/** Which columns hold what, and where Monetary comes from. */
export const COLUMN_OPTIONS: readonly OptionSpec[] = [
  {
    name: "map",
    value: "FIELD=Header",
    help:
      "Use column Header for FIELD (customer, invoice, date, quantity, unitPrice, amount, country). Repeatable. " +
      "An empty Header (--map amount=) switches the field off: its aliases are not used.",
    apply: (o, v) => {
      const eq = v.indexOf("=");
      const key = eq > 0 ? v.slice(0, eq).trim() : "";
      const header = eq > 0 ? v.slice(eq + 1).trim() : "";
      const field = FIELD_KEYS[key.toLowerCase().replace(/[^a-z]/g, "")];
      // An empty header ("amount=") is allowed: it switches the field off (see src/rfm/columns.ts).
      if (!field) {
        throw new UsageError(
          `--map takes FIELD=Header with FIELD one of customer, invoice, date, quantity, unitPrice, amount, country (got "${v}").`,
        );
      }
      o.mapping[field] = header;
    },
  },
  {
    name: "monetary",
    value: "auto|amount|lines",
    help: "Monetary from an amount column, from Quantity × UnitPrice, or auto (amount column when there is one).",
    apply: (o, v) => (o.monetarySource = oneOf("monetary", v, ["auto", "amount", "lines"] as const)),
  },
];

/** The RFM run's cleaning flags. */
export const CLEANING_OPTIONS: readonly OptionSpec[] = [
  {
    name: "keep-missing-customer",
    help: "Keep rows without a customer id (dropped by default); they count as one customer with an empty id.",
    apply: (o) => (o.cleaning.dropMissingCustomer = false),
  },
  {
    name: "keep-cancelled",
    help: "Keep invoices starting with C (cancellations; dropped by default).",
    apply: (o) => (o.cleaning.dropCancelledInvoices = false),
  },
  {
    name: "drop-negative-quantity",
    help: "Drop rows with a negative quantity (kept by default).",
    apply: (o) => (o.cleaning.dropNegativeQuantity = true),
  },
  {
    name: "keep-nonpositive-price",
    help: "Keep rows with a unit price (or amount) of 0 or less (dropped by default).",
    apply: (o) => (o.cleaning.dropNonPositivePrice = false),
  },
];

/** How dates are read. */
export const DATE_OPTIONS: readonly OptionSpec[] = [
  {
    name: "date-order",
    value: "dmy|mdy",
    help: "Day/month order of text dates like 3/4/2011 (default: detected, else dmy with a warning).",
    apply: (o, v) => (o.dateOrder = oneOf("date-order", v, ["auto", "dmy", "mdy"] as const)),
  },
  {
    name: "date-system",
    value: "1900|1904",
    help: "Excel date system for numeric dates in a CSV (default 1900).",
    apply: (o, v) => (o.dateSystem = oneOf("date-system", v, ["1900", "1904"] as const)),
  },
];

export const SHEET_OPTION: OptionSpec = {
  name: "sheet",
  value: "NAME",
  help: "Worksheet to read from an .xlsx file (default: the first).",
  apply: (o, v) => (o.sheet = v),
};

export const DELIMITER_OPTION: OptionSpec = {
  name: "delimiter",
  value: "CHAR",
  help: "CSV field separator (default ',' or tab for .tsv); 'tab' and 'semicolon' are accepted.",
  apply: (o, v) => {
    const d = v === "tab" || v === "\\t" ? "\t" : v === "semicolon" ? ";" : v === "comma" ? "," : v;
    if (d.length !== 1 || d === '"') throw new UsageError(`--delimiter must be one character (got "${v}").`);
    o.delimiter = d;
  },
};

export const ENCODING_OPTION: OptionSpec = {
  name: "encoding",
  value: "NAME",
  help: "Text encoding of a CSV file: utf8, utf16le, utf16be, windows-1252 or latin1 (default: UTF-16 by its byte-order mark, else UTF-8, and Windows-1252 with a warning when the bytes are not UTF-8).",
  apply: (o, v) => {
    const e = encodingOption(v);
    if (e === null) {
      throw new UsageError(`--encoding must be one of ${ENCODINGS.join(", ")} (got "${v}").`);
    }
    o.encoding = e;
  },
};

export const DECIMAL_OPTION: OptionSpec = {
  name: "decimal",
  value: ".|,",
  help: "Decimal mark of amounts written as text (default: detected from the data; ',' for 1.234,50).",
  apply: (o, v) => {
    if (v !== "." && v !== ",") throw new UsageError(`--decimal must be "." or "," (got "${v}").`);
    o.decimalMark = v;
  },
};

export const RAW_OPTION: OptionSpec = {
  name: "raw",
  help: "Write text exactly as read: no leading quote before text that starts with = + - @ tab or CR (which Excel would run as a formula).",
  apply: (o) => (o.raw = true),
};

/** The default command's options beyond one segmentation (extras.ts, stream.ts). */
export const ANALYZE_EXTRA_OPTIONS: readonly OptionSpec[] = [
  {
    name: "compare-to",
    value: "YYYY-MM-DD|Nd",
    help: "Also score the data as of that date (rows before it; 90d = 90 days before the snapshot): adds PreviousSegment and prints the migration matrix.",
    apply: (o, v) => (o.compareTo = v),
  },
  {
    name: "segment",
    value: "NAME",
    help: "Write only this segment's customers (label or name; repeatable), with an Action column: a campaign list.",
    apply: (o, v) => (o.segments = [...(o.segments ?? []), v]),
  },
  {
    name: "value",
    help: "Add AverageOrderValue, AgeDays, PurchaseIntervalDays, TenureDays, HistoricalValuePerYear columns.",
    apply: (o) => (o.value = true),
  },
  {
    name: "stream",
    help: "Read a CSV in chunks (for files too large to load; automatic above 512 MB).",
    apply: (o) => (o.stream = true),
  },
];

export const QUIET_OPTION: OptionSpec = {
  name: "quiet",
  short: "q",
  help: "Print nothing but errors.",
  apply: (o) => (o.quiet = true),
};

export const STATS_OPTION: OptionSpec = {
  name: "stats",
  help: "Print timings and peak memory as one JSON line on stderr.",
  apply: (o) => (o.stats = true),
};

export const HELP_OPTION: OptionSpec = {
  name: "help",
  short: "h",
  help: "Show this help.",
  apply: (o) => (o.help = true),
};

export const VERSION_OPTION: OptionSpec = {
  name: "version",
  short: "v",
  help: "Show the version.",
  apply: (o) => (o.version = true),
};

/** Every option the default command knows, in the order `--help` lists them. */
export const OPTION_SPECS: readonly OptionSpec[] = [
  outOption("Write one row per customer to FILE (CSV); '-' writes it to standard output and the summary to stderr."),
  ...SCORING_OPTIONS,
  ...COLUMN_OPTIONS,
  ...CLEANING_OPTIONS,
  ...DATE_OPTIONS,
  SHEET_OPTION,
  DELIMITER_OPTION,
  ENCODING_OPTION,
  DECIMAL_OPTION,
  RAW_OPTION,
  ...ANALYZE_EXTRA_OPTIONS,
  QUIET_OPTION,
  STATS_OPTION,
  HELP_OPTION,
  VERSION_OPTION,
];

/** The default command's command line (`rfm [FILE] [options]`). */
export const ANALYZE_COMMAND_LINE: CommandLine = {
  usage: "rfm [FILE.csv | FILE.csv.gz | FILE.xlsx] [options]",
  description: [
    "RFM customer segmentation: Recency, Frequency and Monetary per customer, 1-5 scores and segment labels.",
    "Without FILE it runs on the bundled UCI Online Retail data.",
  ],
  options: OPTION_SPECS,
  defaults: defaultOptions,
  check: checkCuts,
};

/** node:util parseArgs's configuration for a list of specs: each option's kind and one-letter alias. */
function tokenConfig<T extends CliOptions>(
  specs: readonly OptionSpec<T>[],
): Record<string, { type: "string" | "boolean"; short?: string }> {
  const config: Record<string, { type: "string" | "boolean"; short?: string }> = {};
  for (const s of specs) {
    config[s.name] = s.short
      ? { type: s.value ? "string" : "boolean", short: s.short }
      : { type: s.value ? "string" : "boolean" };
  }
  return config;
}

/**
 * Parses a command's arguments (without `node`, the script path and the command name) into its options: the
 * options in the order given (a repeated option is applied each time), then the command's cross-option check.
 * Unknown options, a missing value and a value given to a flag are UsageErrors with the messages rfm always gave.
 */
export function parseCommandLine<T extends CliOptions>(argv: readonly string[], line: CommandLine<T>): T {
  const options = line.defaults();
  const byName = new Map(line.options.map((s) => [s.name, s]));
  // strict: false so that the problems are reported here, in rfm's words, rather than in parseArgs's.
  const { tokens } = splitArgs({
    args: [...argv],
    options: tokenConfig(line.options),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind === "positional") {
      options.positionals.push(token.value);
      continue;
    }
    if (token.kind === "option-terminator") continue;
    const spec = byName.get(token.name);
    if (!spec) {
      throw new UsageError(`Unknown option ${token.rawName} (run rfm --help for the list).`);
    }
    if (spec.value !== undefined && token.value === undefined) {
      throw new UsageError(`Option --${spec.name} needs a value (${spec.value}).`);
    }
    if (spec.value === undefined && token.inlineValue) {
      throw new UsageError(`Option --${spec.name} is a flag and takes no value (got "${argv[token.index]}").`);
    }
    spec.apply(options, token.value ?? "");
  }
  line.check?.(options);
  return options;
}

/** Parses the default command's arguments (see parseCommandLine). */
export function parseArgs(argv: readonly string[]): CliOptions {
  return parseCommandLine(argv, ANALYZE_COMMAND_LINE);
}

/** The `--help` text of a command line; `commands` lists the sub-commands (the default command's help only). */
export function helpText<T extends CliOptions>(line: CommandLine<T>, commands: readonly string[] = []): string {
  const lines = [`Usage: ${line.usage}`, "", ...line.description, "", "Options:"];
  const specs = line.options.filter((s) => !s.hidden);
  const left = specs.map((s) => `  ${s.short ? `-${s.short}, ` : "    "}--${s.name}${s.value ? ` ${s.value}` : ""}`);
  const width = Math.max(...left.map((l) => l.length)) + 2;
  specs.forEach((s, i) => lines.push(left[i].padEnd(width) + s.help));
  if (commands.length > 0) lines.push("", `Commands: ${commands.join(", ")} (rfm COMMAND --help)`);
  const bad = line.badInput ?? "missing file or column, empty sheet, unknown scheme, bad option";
  lines.push("", `Exit status: 0 on success, 2 on bad input (${bad}).`);
  return lines.join("\n");
}
