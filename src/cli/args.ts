/**
 * Command-line arguments of `rfm` → typed options. Pure (no file system): main.ts turns the options into engine
 * options and reads files.
 *
 * Syntax: `rfm [command] [file] [--option value | --option=value | --flag] ...`. `--` ends the options. Every option
 * is described once in `OPTION_SPECS` (name, value name, help line, how it sets `CliOptions`), which also drives
 * `--help`; new options are added by adding a spec. A first positional argument that names a registered command
 * (see main.ts `COMMANDS`) selects it; otherwise the positional argument is the input file.
 *
 * Bad arguments throw `UsageError` (the CLI prints its message on one line and exits with status 2).
 *
 * @example
 *   parseArgs(["orders.csv", "--preset", "r-rfm", "--snapshot=2006-12-31", "--out", "customers.csv"])
 *   // → { input: "orders.csv", preset: "r-rfm", snapshot: "2006-12-31", out: "customers.csv", ... }
 */
import type { CleaningOptions, DateOrder, Field, MonetarySource, ScoringMethod } from "../rfm/types";

/** A problem with the command line or the files it names; exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface CliOptions {
  /** Positional arguments after the command name (the first is the input file for the default command). */
  positionals: string[];
  /** Input file (.csv, .csv.gz, .tsv, .xlsx); absent = the embedded Online Retail data. */
  input?: string;
  /** Output CSV path; "-" = standard output. Absent = no output file (only the printed summary). */
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

export interface OptionSpec {
  /** Long name without the dashes. */
  name: string;
  /** One-letter alias, e.g. "o" for -o. */
  short?: string;
  /** Name of the value in help ("FILE"); absent for a flag. */
  value?: string;
  help: string;
  /** Sets the option; `value` is "" for flags. Throws UsageError for a bad value. */
  apply(options: CliOptions, value: string): void;
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

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
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

/** Every option the default command knows, in the order `--help` lists them. */
export const OPTION_SPECS: OptionSpec[] = [
  {
    name: "out",
    short: "o",
    value: "FILE",
    help: "Write one row per customer to FILE (CSV); '-' writes it to standard output and the summary to stderr.",
    apply: (o, v) => (o.out = v),
  },
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
  {
    name: "sheet",
    value: "NAME",
    help: "Worksheet to read from an .xlsx file (default: the first).",
    apply: (o, v) => (o.sheet = v),
  },
  {
    name: "delimiter",
    value: "CHAR",
    help: "CSV field separator (default ',' or tab for .tsv); 'tab' and 'semicolon' are accepted.",
    apply: (o, v) => {
      const d = v === "tab" || v === "\\t" ? "\t" : v === "semicolon" ? ";" : v === "comma" ? "," : v;
      if (d.length !== 1 || d === '"') throw new UsageError(`--delimiter must be one character (got "${v}").`);
      o.delimiter = d;
    },
  },
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
  { name: "quiet", short: "q", help: "Print nothing but errors.", apply: (o) => (o.quiet = true) },
  {
    name: "stats",
    help: "Print timings and peak memory as one JSON line on stderr.",
    apply: (o) => (o.stats = true),
  },
  { name: "help", short: "h", help: "Show this help.", apply: (o) => (o.help = true) },
  { name: "version", short: "v", help: "Show the version.", apply: (o) => (o.version = true) },
];

/**
 * Parses arguments (without `node` and the script path). `specs` defaults to OPTION_SPECS; commands with their own
 * options pass theirs.
 */
export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[] = OPTION_SPECS): CliOptions {
  const options = defaultOptions();
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPositionals || arg === "-" || !arg.startsWith("-")) {
      options.positionals.push(arg);
      continue;
    }
    if (arg === "--") {
      onlyPositionals = true;
      continue;
    }
    let name: string;
    let inline: string | undefined;
    let spec: OptionSpec | undefined;
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
      spec = byName.get(name);
    } else {
      name = arg.slice(1);
      spec = byShort.get(name);
    }
    if (!spec) throw new UsageError(`Unknown option ${arg.split("=")[0]} (run rfm --help for the list).`);
    let value = "";
    if (spec.value !== undefined) {
      if (inline !== undefined) value = inline;
      else if (i + 1 < argv.length) value = argv[++i];
      else throw new UsageError(`Option --${spec.name} needs a value (${spec.value}).`);
    } else if (inline !== undefined) {
      throw new UsageError(`Option --${spec.name} is a flag and takes no value (got "${arg}").`);
    }
    spec.apply(options, value);
  }
  const cutsGiven = Object.keys(options.cuts).length > 0;
  if (cutsGiven && options.scoring === undefined) options.scoring = "fixed";
  if (cutsGiven && options.scoring !== "fixed") {
    throw new UsageError(`--cuts-r/--cuts-f/--cuts-m go with --scoring fixed (got --scoring ${options.scoring}).`);
  }
  if (options.scoring === "fixed" && !(options.cuts.recency && options.cuts.frequency && options.cuts.monetary)) {
    throw new UsageError("--scoring fixed needs cut-points for all three metrics: --cuts-r, --cuts-f and --cuts-m.");
  }
  return options;
}

/** The `--help` text for a list of option specs. */
export function helpText(specs: readonly OptionSpec[] = OPTION_SPECS, commands: readonly string[] = []): string {
  const lines = [
    "Usage: rfm [FILE.csv | FILE.csv.gz | FILE.xlsx] [options]",
    "",
    "RFM customer segmentation: Recency, Frequency and Monetary per customer, 1-5 scores and segment labels.",
    "Without FILE it runs on the bundled UCI Online Retail data.",
    "",
    "Options:",
  ];
  const left = specs.map((s) => `  ${s.short ? `-${s.short}, ` : "    "}--${s.name}${s.value ? ` ${s.value}` : ""}`);
  const width = Math.max(...left.map((l) => l.length)) + 2;
  specs.forEach((s, i) => lines.push(left[i].padEnd(width) + s.help));
  if (commands.length > 0) lines.push("", `Commands: ${commands.join(", ")} (rfm COMMAND --help)`);
  lines.push(
    "",
    "Exit status: 0 on success, 2 on bad input (missing file or column, empty sheet, unknown scheme, bad option).",
  );
  return lines.join("\n");
}
