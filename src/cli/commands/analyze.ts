/**
 * `rfm [FILE]`: the default command. Reads a transactions file (.csv, .csv.gz, .tsv, .xlsx; the bundled Online
 * Retail data when none is given), runs the engine's `analyze`, writes one row per customer to `--out` and prints
 * the source summary, exclusions log, warnings and segment summary.
 *
 * Phases (one function each): options → checks that need no file → read (and, for a streamed file, aggregate) →
 * analyze → extras and the customers file → report and stats.
 *
 * @example
 *   rfm orders.csv --preset r-rfm --snapshot 2006-12-31 --out customers.csv
 */
import * as fs from "fs";
import { analyze, parseSnapshot, resolveScheme } from "../../rfm";
import type { AnalysisTimings } from "../../rfm";
import type { RfmResult, Scheme } from "../../rfm/types";
import { answerHelpOrVersion } from "../about";
import { UsageError, parseArgs, type CliOptions } from "../args";
import { applyExtras, type Extras } from "../extras";
import type { CliIO } from "../io";
import { loadSchemeOption, rfmOptionsFromCli } from "../options";
import { customerColumns, customersCsv, writeFileAtomic } from "../output";
import { assertNotAnInput } from "../outputFile";
import { readInput, type InputResult } from "../readInput";
import { reportLines, type Timings } from "../report";
import { shouldStream, streamedInput, streamInput } from "../stream";
import { analyzeCsvInOnePass } from "../csvOnePass";

/** What a run read and produced. */
interface AnalyzeRun {
  input: InputResult;
  result: RfmResult;
  /** The file was streamed: no rows are kept (input.table has no columns). */
  streamed: boolean;
}

/** Checks the options that need no file first, so that a bad scheme or snapshot fails before a large file is read. */
function checkBeforeReading(o: CliOptions): string | Scheme | undefined {
  const scheme = o.scheme !== undefined ? loadSchemeOption(o.scheme) : undefined;
  if (scheme !== undefined) resolveScheme(scheme);
  if (o.snapshot !== undefined) parseSnapshot(o.snapshot);
  return scheme;
}

/**
 * A large CSV file read on all cores (parallel.ts), when it is one and no option needs its rows kept (--compare-to
 * analyzes them a second time); null when the file is not for that reader, which is then read the usual way.
 */
async function readInParallel(
  o: CliOptions,
  file: string | undefined,
  scheme: string | Scheme | undefined,
): Promise<{ input: InputResult; result: RfmResult } | null> {
  if (file === undefined || o.compareTo !== undefined || !/\.(csv|tsv|txt)$/i.test(file)) return null;
  const { analyzeCsvParallel, parallelMinBytes } = await import("../parallel");
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return null; // the usual reading reports it
  }
  const minBytes = parallelMinBytes();
  if (!st.isFile() || st.size < minBytes) return null;
  const options = rfmOptionsFromCli(o, undefined, scheme);
  const run = await analyzeCsvParallel(file, options, { delimiter: o.delimiter, encoding: o.encoding, minBytes });
  return run === null ? null : { result: run.result, input: streamedInput(file, st, run.result) };
}

/**
 * A plain UTF-8 CSV file read, cleaned and aggregated in one pass (csvOnePass.ts), when no option needs its rows kept
 * (--compare-to) and it is not to be streamed; null when it is not for that reader (or anything fails there), and it
 * is then read the usual way, which reports any problem.
 */
function readInOnePass(
  o: CliOptions,
  file: string | undefined,
  scheme: string | Scheme | undefined,
  clock: PhaseClock,
): { input: InputResult; result: RfmResult } | null {
  if (file === undefined || o.compareTo !== undefined || o.stream === true || o.sheet !== undefined) return null;
  // RFM_ONE_PASS=0: read the table first, then analyze it (the general path, for comparison).
  if (process.env.RFM_ONE_PASS === "0") return null;
  if (o.encoding !== undefined && o.encoding !== "utf8") return null;
  const tab = /\.tsv$/i.test(file);
  if (!tab && !/\.(csv|txt)$/i.test(file)) return null;
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return null;
  }
  if (!st.isFile() || shouldStream({ input: file })) return null;
  const options = rfmOptionsFromCli(o, { headerRow: 1, date1904: false }, scheme);
  const run = analyzeCsvInOnePass(file, options, {
    delimiter: o.delimiter ?? (tab ? "\t" : ","),
    clock: clock.file,
    timings: clock.engine,
  });
  if (run === null) {
    // What the pass spent is not this run's reading.
    clock.file.readMs = 0;
    resetTimings(clock.engine);
    return null;
  }
  return {
    result: run.result,
    input: {
      table: { headers: run.result.headers, columns: [] },
      info: {
        file,
        format: "csv",
        compressed: false,
        embedded: false,
        bytes: st.size,
        headerRow: 1,
        date1904: false,
        rows: run.result.rowsRead,
        columns: run.result.headers.length,
        warnings: [],
      },
    },
  };
}

/**
 * Reads the input and analyzes it: a large CSV file on all cores when it can be (parallel.ts); else large CSV
 * files (or --stream) are aggregated while they are read (stream.ts), and other inputs read whole.
 */
async function readAndAnalyze(
  o: CliOptions,
  file: string | undefined,
  scheme: string | Scheme | undefined,
  clock: PhaseClock,
): Promise<AnalyzeRun> {
  const streamed = shouldStream({ input: file, stream: o.stream });
  const parallel = await readInParallel(o, file, scheme);
  if (parallel !== null) {
    clock.read = performance.now();
    return { ...parallel, streamed: true };
  }
  const onePass = readInOnePass(o, file, scheme, clock);
  if (onePass !== null) {
    clock.read = performance.now();
    clock.onePass = true;
    return { ...onePass, streamed: true };
  }
  if (streamed) {
    const read = await streamInput(file as string, rfmOptionsFromCli(o, undefined, scheme), o.delimiter, o.encoding);
    clock.read = performance.now();
    return { ...read, streamed };
  }
  const input = await readInput(file, {
    sheet: o.sheet,
    delimiter: o.delimiter,
    encoding: o.encoding,
    mapping: o.mapping,
    monetarySource: o.monetarySource,
    clock: clock.file,
  });
  clock.read = performance.now();
  // The columns as readInput planned them on the header row: not planned a second time. Nothing the command writes
  // reads the result's per-row customers (the extras that need rows analyze the table again).
  const result = analyze(input.table, rfmOptionsFromCli(o, input.info, scheme), input.columns, {
    keepRows: false,
    timings: clock.engine,
  });
  return { input, result, streamed };
}

/** Extra columns and customer filters (--compare-to, --value, --segment), then the customers file. */
function writeCustomers(
  o: CliOptions,
  file: string | undefined,
  run: AnalyzeRun,
  scheme: string | Scheme | undefined,
  io: CliIO,
): Extras {
  const options = rfmOptionsFromCli(o, run.input.info, scheme);
  const extras = applyExtras(o, run.streamed ? null : run.input.table, run.result, options);
  if (o.out !== undefined) {
    const text = customersCsv(extras.customers, customerColumns(run.result, extras.columns), o.raw === true);
    if (o.out === "-") io.stdout(text);
    // The inputs it must not overwrite: the data file and a scheme file (a built-in scheme id names no file).
    else writeFileAtomic(o.out, text, [file, typeof scheme === "object" ? o.scheme : undefined]);
  }
  return extras;
}

/** The printed summary; on stderr when the customers went to stdout. */
function printReport(o: CliOptions, run: AnalyzeRun, extras: Extras, timings: Timings, io: CliIO): void {
  const report = reportLines(run.result, {
    input: run.input.info,
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

/** When each phase ended (ms since the process started), and the time the file reads and the engine's steps took. */
interface PhaseClock {
  start: number;
  read: number;
  file: { readMs: number };
  engine: AnalysisTimings;
  /** The file was read in one pass (csvOnePass.ts): the engine's steps ran while it was read. */
  onePass: boolean;
}

/**
 * The run's phases in ms: start-up (Node and module loading, up to the command), reading the CSV file (and
 * inflating a gzipped one), parsing (the rest of reading the input; all of it for a workbook), the engine's
 * cleaning, aggregating and scoring, and writing the customers file. A streamed or parallel run parses, cleans and
 * aggregates while it reads: its parse figure holds all three. A run in one pass (csvOnePass.ts) cleans each row
 * while it parses it: its parse figure holds that, its clean figure the rest (the rules, the exclusions log).
 */
function phases(clock: PhaseClock, timings: Timings): Record<string, number> {
  const e = clock.engine;
  return {
    startup: round(clock.start),
    read: round(clock.file.readMs),
    // One pass: the engine's steps ran inside the read (each row's cleaning with its parsing).
    parse: round(
      clock.read - clock.start - clock.file.readMs - (clock.onePass ? e.cleanMs + e.aggregateMs + e.scoreMs : 0),
    ),
    clean: round(e.cleanMs),
    aggregate: round(e.aggregateMs),
    score: round(e.scoreMs),
    write: round(timings.writeMs),
  };
}

function printStats(result: RfmResult, timings: Timings, clock: PhaseClock, io: CliIO): void {
  const stats = {
    rowsRead: result.rowsRead,
    rowsUsed: result.rowsUsed,
    customers: result.customers.length,
    readMs: round(timings.readMs),
    analyzeMs: round(timings.analyzeMs),
    writeMs: round(timings.writeMs),
    totalMs: round(timings.totalMs),
    maxRssMB: round(process.resourceUsage().maxRSS / 1024),
    phases: phases(clock, timings),
  };
  io.stderr(`rfm-stats ${JSON.stringify(stats)}\n`);
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

/** The default command's input file: at most one, not standard input (absent = the bundled data). */
function inputFile(o: CliOptions): string | undefined {
  if (o.positionals.length > 1) {
    throw new UsageError(`Expected one input file, got ${o.positionals.length}: ${o.positionals.join(" ")}`);
  }
  const file = o.positionals[0];
  if (file === "-") throw new UsageError("Reading from standard input is not supported; give a file name.");
  return file;
}

/** The `rfm [FILE]` handler. */
export async function analyzeCommand(argv: string[], io: CliIO): Promise<number> {
  const o = parseArgs(argv);
  return answerHelpOrVersion(o, io) ?? analyzeWith(o, io);
}

/** The analysis for parsed options (main.ts parses first, to answer --help and --version without this module). */
export async function analyzeWith(o: CliOptions, io: CliIO): Promise<number> {
  const file = inputFile(o);
  const t0 = performance.now();
  const scheme = checkBeforeReading(o);
  if (o.out !== undefined) assertNotAnInput(o.out, [file, typeof scheme === "object" ? o.scheme : undefined]);
  const clock: PhaseClock = {
    start: t0,
    read: t0,
    file: { readMs: 0 },
    engine: { cleanMs: 0, aggregateMs: 0, scoreMs: 0 },
    onePass: false,
  };
  const run = await readAndAnalyze(o, file, scheme, clock);
  // A streamed run's read time includes the analysis.
  const t2 = performance.now();
  const extras = writeCustomers(o, file, run, scheme, io);
  const t3 = performance.now();
  const timings: Timings = {
    readMs: clock.read - t0,
    analyzeMs: t2 - clock.read,
    writeMs: t3 - t2,
    // Since the process started: what the user waits for, Node start-up and module loading included.
    totalMs: performance.now(),
  };
  if (!o.quiet) printReport(o, run, extras, timings, io);
  if (o.stats) printStats(run.result, timings, clock, io);
  return 0;
}

function resetTimings(t: AnalysisTimings): void {
  t.cleanMs = 0;
  t.aggregateMs = 0;
  t.scoreMs = 0;
}
