/**
 * `rfm`: the command-line door. Reads a transactions file (.csv, .csv.gz, .tsv, .xlsx; the bundled Online Retail
 * data when none is given), runs the engine's `analyze`, writes one row per customer to `--out` and prints the
 * source summary, exclusions log, warnings and segment summary.
 *
 * Exit status: 0 success; 2 bad input (missing file, missing column, empty sheet, unknown scheme, bad option,
 * malformed CSV) with a one-line `rfm: ...` message on stderr and no output file; 1 an unexpected internal error
 * (set RFM_DEBUG=1 for the stack).
 *
 * Structure: `main(argv, io)` dispatches to a registered command (`COMMANDS`, e.g. a future `rfm sql ...`) or runs
 * the default analysis (`runAnalyze`), and turns errors into exit statuses. `run()` is what bin/rfm.js calls.
 *
 * @example
 *   rfm orders.csv --preset r-rfm --snapshot 2006-12-31 --out customers.csv
 */
import * as fs from "fs";
import * as path from "path";
// Engine modules by file, not through ../rfm (its index loads every engine module, the SQL generator and the
// migration analysis included): less to load and compile when the CLI starts.
import { analyze, isRfmError, normalizeOptions, parseSnapshot, resolveScheme, schemeFromJson } from "../rfm";
import type { RfmOptions, RfmResult, Scheme } from "../rfm/types";
import { OPTION_SPECS, UsageError, helpText, parseArgs, type CliOptions } from "./args";
import { CsvError } from "./csv";
import { REPO_ROOT } from "./dataFiles";
import { applyExtras } from "./extras";
import { customerColumns, customersCsv, writeFileAtomic, type OutputColumn } from "./output";
import { readInput, type InputResult } from "./readInput";
import { reportLines, type Timings } from "./report";
import { shouldStream, streamInput } from "./stream";

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIO: CliIO = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
};

/** A sub-command: gets the arguments after its name, returns the exit status (throw UsageError for bad input). */
export type CommandHandler = (argv: string[], io: CliIO) => Promise<number>;

/** Sub-commands by name (`rfm NAME ...`). Register more here; the default (no name) is `runAnalyze`. */
export const COMMANDS: Record<string, CommandHandler> = {
  // Loaded when used: the SQL generator is not needed by the default command.
  sql: async (argv, io) => (await import("./sql")).sqlCommand(argv, io),
};

/** Input problems that exit with status 2. */
export function isInputError(e: unknown): e is Error {
  return e instanceof UsageError || e instanceof CsvError || isRfmError(e);
}

/** One line: the message without line breaks. */
function oneLine(message: string): string {
  return message.replace(/\s*\r?\n\s*/g, " ").trim();
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  try {
    const command = argv.length > 0 ? COMMANDS[argv[0]] : undefined;
    if (command) return await command(argv.slice(1), io);
    return await runAnalyze(argv, io);
  } catch (e) {
    if (isInputError(e)) {
      io.stderr(`rfm: ${oneLine(e.message)}\n`);
      return 2;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    io.stderr(`rfm: unexpected error: ${oneLine(err.message)}\n`);
    if (process.env.RFM_DEBUG) io.stderr(`${err.stack ?? ""}\n`);
    return 1;
  }
}

function version(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version?: string };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** `--scheme`: a built-in id is passed through (the engine rejects unknown ids); a .json path is read here. */
export function loadSchemeOption(value: string): string | Scheme {
  const looksLikeFile = /\.json$/i.test(value) || value.includes("/") || value.includes("\\");
  if (!looksLikeFile) return value;
  let text: string;
  try {
    text = fs.readFileSync(value, "utf8");
  } catch {
    throw new UsageError(`Scheme file not found: ${value}`);
  }
  return schemeFromJson(text);
}

/** CLI options → engine options (the input's header row and date system come from the file; `scheme` is the
 *  loaded `--scheme`, see loadSchemeOption). */
export function engineOptions(o: CliOptions, input?: InputResult["info"], scheme?: string | Scheme): RfmOptions {
  return normalizeOptions({
    mapping: o.mapping,
    cleaning: o.cleaning,
    preset: o.preset,
    scoring: o.scoring,
    bins: o.bins,
    cutPoints: o.cuts,
    scheme,
    snapshot: o.snapshot,
    monetarySource: o.monetarySource,
    dateOrder: o.dateOrder,
    dateSystem: o.dateSystem ?? (input?.date1904 ? "1904" : undefined),
    headerRowNumber: input && input.headerRow !== 1 ? input.headerRow : undefined,
  });
}

/** What a run produced, for callers that add to it (tests, future commands). */
export interface AnalyzeRun {
  options: CliOptions;
  input: InputResult;
  result: RfmResult;
  timings: Timings;
}

export async function runAnalyze(argv: string[], io: CliIO): Promise<number> {
  const o = parseArgs(argv);
  if (o.help) {
    io.stdout(helpText(OPTION_SPECS, Object.keys(COMMANDS)) + "\n");
    return 0;
  }
  if (o.version) {
    io.stdout(`rfm ${version()}\n`);
    return 0;
  }
  if (o.positionals.length > 1) {
    throw new UsageError(`Expected one input file, got ${o.positionals.length}: ${o.positionals.join(" ")}`);
  }
  o.input = o.positionals[0];
  if (o.input === "-") throw new UsageError("Reading from standard input is not supported; give a file name.");

  const t0 = performance.now();
  // Check the options first, so that a bad scheme or snapshot fails before a large file is read.
  const scheme = o.scheme !== undefined ? loadSchemeOption(o.scheme) : undefined;
  if (scheme !== undefined) resolveScheme(scheme);
  if (o.snapshot !== undefined) parseSnapshot(o.snapshot);
  // Large CSV files (or --stream) are read in chunks and aggregated on the fly (stream.ts); read time then
  // includes the analysis.
  const streamed = shouldStream(o);
  const read = streamed ? await streamInput(o.input as string, engineOptions(o, undefined, scheme), o.delimiter) : null;
  const input =
    read?.input ??
    (await readInput(o.input, {
      sheet: o.sheet,
      delimiter: o.delimiter,
      mapping: o.mapping,
      monetarySource: o.monetarySource,
    }));
  const t1 = performance.now();
  const result = read?.result ?? analyze(input.table, engineOptions(o, input.info, scheme), input.columns);
  const t2 = performance.now();

  // Extra output columns and customer filters: --compare-to, --value, --segment (extras.ts).
  const extras = applyExtras(o, streamed ? null : input.table, result, engineOptions(o, input.info, scheme));
  const extra: OutputColumn[] = extras.columns;
  const columns = customerColumns(result, extra);
  if (o.out !== undefined) {
    const text = customersCsv(extras.customers, columns);
    if (o.out === "-") io.stdout(text);
    else writeFileAtomic(o.out, text);
  }
  const t3 = performance.now();

  const timings: Timings = {
    readMs: t1 - t0,
    analyzeMs: t2 - t1,
    writeMs: t3 - t2,
    // Since the process started: what the user waits for, Node start-up and module loading included.
    totalMs: performance.now(),
  };
  if (!o.quiet) {
    const report = reportLines(result, {
      input: input.info,
      out: o.out,
      snapshotGiven: o.snapshot !== undefined,
      timings,
      written: extras.customers.length,
      extraLines: extras.reportLines,
    });
    const text = report.join("\n") + "\n";
    if (o.out === "-") io.stderr(text);
    else io.stdout(text);
  }
  if (o.stats) {
    const stats = {
      rowsRead: result.rowsRead,
      rowsUsed: result.rowsUsed,
      customers: result.customers.length,
      readMs: round(timings.readMs),
      analyzeMs: round(timings.analyzeMs),
      writeMs: round(timings.writeMs),
      totalMs: round(timings.totalMs),
      maxRssMB: round(process.resourceUsage().maxRSS / 1024),
    };
    io.stderr(`rfm-stats ${JSON.stringify(stats)}\n`);
  }
  return 0;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Entry point for bin/rfm.js: runs and sets the exit status (without cutting off pending output). */
export function run(argv: string[] = process.argv.slice(2)): void {
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`rfm: unexpected error: ${String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
