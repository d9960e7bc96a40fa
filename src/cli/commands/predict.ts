/**
 * `rfm predict FILE --calibration-end YYYY-MM-DD`: who is still a customer, how much they will buy and what they
 * are worth, from the engine's BG/NBD and Gamma-Gamma models (src/rfm/predict).
 *
 * Phases (one function each): options → checks that need no file → read the transactions (the RFM run's reader,
 * column mapping and --map) → fit and predict → the customers file (--out) → JSON (--json) or the summary.
 * Nothing to fit (no repeat customer, one customer, a calibration end before the first purchase, ...) is the
 * engine's RfmError: exit status 2 with its message.
 *
 * @example
 *   rfm predict cdnow.csv --calibration-end 1997-09-30 --holdout-end 1998-06-30 --out customers.csv
 */
import { formatTimestamp, MS_PER_DAY } from "../../rfm";
import {
  parseDay,
  predictCustomers,
  type PredictionResult,
  type PredictOptions,
  type TimeUnit,
} from "../../rfm/predict";
import {
  CLEANING_OPTIONS,
  COLUMN_OPTIONS,
  DATE_OPTIONS,
  DECIMAL_OPTION,
  DELIMITER_OPTION,
  ENCODING_OPTION,
  HELP_OPTION,
  QUIET_OPTION,
  RAW_OPTION,
  SHEET_OPTION,
  STATS_OPTION,
  UsageError,
  defaultOptions,
  helpText,
  oneOf,
  outOption,
  parseCommandLine,
  type CliOptions,
  type CommandLine,
  type OptionSpec,
} from "../args";
import type { CliIO } from "../io";
import { rfmOptionsFromCli } from "../options";
import { writeFileAtomic } from "../output";
import { assertNotAnInput } from "../outputFile";
import { predictionCsv, predictionJson, predictionReportLines } from "../predictReport";
import { readInput, type InputResult } from "../readInput";

/** `rfm predict`'s options: the shared reading options plus the periods, unit and output form. */
export interface PredictCliOptions extends CliOptions {
  calibrationEnd?: string;
  holdoutEnd?: string;
  horizon?: number;
  unit?: TimeUnit;
  discountRate?: number;
  json: boolean;
}

const PREDICT_OWN_OPTIONS: OptionSpec<PredictCliOptions>[] = [
  {
    name: "calibration-end",
    value: "YYYY-MM-DD",
    help: "Last day of the calibration period the models learn from (required; a purchase on that day is inside).",
    apply: (o, v) => (o.calibrationEnd = v),
  },
  {
    name: "holdout-end",
    value: "YYYY-MM-DD",
    help: "Last day of a holdout period after it: compares each customer's actual purchases with the prediction.",
    apply: (o, v) => (o.holdoutEnd = v),
  },
  {
    name: "horizon",
    value: "N",
    help: "Forecast length in units (default: the holdout length, else 52 weeks' worth of the unit).",
    apply: (o, v) => {
      const n = Number(v);
      if (v.trim() === "" || !(Number.isFinite(n) && n > 0)) {
        throw new UsageError(`--horizon must be a number of time units above 0 (got "${v}").`);
      }
      o.horizon = n;
    },
  },
  {
    name: "unit",
    value: "day|week|month",
    help: "Time unit of t_x, T, the horizon and the discount rate (default week; a month is 365.25/12 days).",
    apply: (o, v) => (o.unit = oneOf("unit", v, ["day", "week", "month"] as const)),
  },
  {
    name: "discount-rate",
    value: "R",
    help: "Discount rate per unit for CLV, compounding (0.01 = 1% per unit; default 0: no discount).",
    apply: (o, v) => {
      const n = Number(v);
      if (v.trim() === "" || !(Number.isFinite(n) && n >= 0 && n < 1)) {
        throw new UsageError(
          `--discount-rate must be a rate per time unit from 0 up to 1, e.g. 0.01 for 1% (got "${v}").`,
        );
      }
      o.discountRate = n;
    },
  },
  {
    name: "json",
    help: "Print one JSON object (fits, holdout check, cleaning counts) instead of the summary.",
    apply: (o) => (o.json = true),
  },
];

/** The RFM run's cleaning flags, recognized only to say that the models' cleaning is fixed. */
const FIXED_CLEANING: OptionSpec<PredictCliOptions>[] = CLEANING_OPTIONS.map((spec) => ({
  ...spec,
  hidden: true,
  apply: () => {
    throw new UsageError(
      `--${spec.name} does not apply to rfm predict: the models' cleaning is fixed (rows without a customer, ` +
        "cancellations and rows with a negative quantity or amount are dropped; zero values are kept).",
    );
  },
}));

export const PREDICT_COMMAND_LINE: CommandLine<PredictCliOptions> = {
  usage:
    "rfm predict [FILE] --calibration-end YYYY-MM-DD [--holdout-end YYYY-MM-DD | --horizon N] " +
    "[--unit day|week|month] [--discount-rate R] [--json] [--out customers.csv]",
  description: [
    "Predicts who is still a customer, how often they will buy and what they are worth: BG/NBD and Gamma-Gamma",
    "models fitted to the purchases up to the calibration end. Columns are found as for the RFM run (--map);",
    "the models' cleaning is fixed (see README). Without FILE it runs on the bundled UCI Online Retail data.",
  ],
  options: [
    ...PREDICT_OWN_OPTIONS,
    outOption(
      "Write one row per customer to FILE (CSV: CustomerID,x,t_x,T,PAlive,ExpectedPurchases,ExpectedAvgValue,CLV); " +
        "'-' writes it to standard output and the summary to stderr.",
    ),
    ...COLUMN_OPTIONS,
    ...DATE_OPTIONS,
    SHEET_OPTION,
    DELIMITER_OPTION,
    ENCODING_OPTION,
    DECIMAL_OPTION,
    RAW_OPTION,
    QUIET_OPTION,
    STATS_OPTION,
    HELP_OPTION,
    ...FIXED_CLEANING,
  ],
  badInput: "missing file or column, bad option or date, nothing the models can be fitted to",
  defaults: () => ({ ...defaultOptions(), json: false }),
  check: (o) => {
    if (o.json && o.out === "-") {
      throw new UsageError("--json and --out - both write to standard output; give --out a file name.");
    }
  },
};

/** Checks what needs no file, so that a missing or unreadable date fails before a large file is read. */
function checkBeforeReading(o: PredictCliOptions): { file: string | undefined; calibrationEnd: string } {
  if (o.calibrationEnd === undefined) {
    throw new UsageError("rfm predict needs --calibration-end YYYY-MM-DD (the last day the models learn from).");
  }
  const calDay = parseDay(o.calibrationEnd, "Calibration end");
  const holdDay = o.holdoutEnd === undefined ? null : parseDay(o.holdoutEnd, "Holdout end");
  if (holdDay !== null && holdDay <= calDay) {
    const text = (d: number): string => formatTimestamp(d * MS_PER_DAY, false);
    throw new UsageError(`The holdout end (${text(holdDay)}) must be after the calibration end (${text(calDay)}).`);
  }
  if (o.positionals.length > 1) {
    throw new UsageError(`Expected one input file, got ${o.positionals.length}: ${o.positionals.join(" ")}`);
  }
  const file = o.positionals[0];
  if (file === "-") throw new UsageError("Reading from standard input is not supported; give a file name.");
  return { file, calibrationEnd: o.calibrationEnd };
}

/** The column mapping the models read with: the RFM run's, with the country column switched off (the models do not
 *  use it, and not materialising it saves a text column's worth of parsing) unless --map names it. */
function modelMapping(o: PredictCliOptions): PredictCliOptions["mapping"] {
  return { country: "", ...o.mapping };
}

/** The engine's prediction options: the RFM run's column and date options (one conversion) plus the periods. */
function predictOptions(o: PredictCliOptions, input: InputResult, calibrationEnd: string): PredictOptions {
  const cli = { ...o, mapping: modelMapping(o) };
  const { mapping, headerRowNumber, dateSystem, dateOrder, monetarySource, decimalMark } = rfmOptionsFromCli(
    cli,
    input.info,
  );
  const options: PredictOptions = {
    calibrationEnd,
    mapping,
    headerRowNumber,
    dateSystem,
    dateOrder,
    monetarySource,
    decimalMark,
  };
  if (o.holdoutEnd !== undefined) options.holdoutEnd = o.holdoutEnd;
  if (o.unit !== undefined) options.unit = o.unit;
  if (o.horizon !== undefined) options.horizon = o.horizon;
  if (o.discountRate !== undefined) options.discountRate = o.discountRate;
  return options;
}

/** The summary, or the JSON object; the summary goes to stderr when the customers went to stdout. */
function printResult(o: PredictCliOptions, input: InputResult, result: PredictionResult, io: CliIO): void {
  if (o.json) {
    io.stdout(JSON.stringify(predictionJson(result, input.info)) + "\n");
    return;
  }
  if (o.quiet) return;
  const report = predictionReportLines(result, { input: input.info, out: o.out, totalMs: performance.now() });
  const text = report.join("\n") + "\n";
  if (o.out === "-") io.stderr(text);
  else io.stdout(text);
}

/** `--stats`: one JSON line of counts, timings and peak memory on stderr (as the default command's). */
function printStats(result: PredictionResult, readMs: number, fitMs: number, io: CliIO): void {
  const round = (x: number): number => Math.round(x * 10) / 10;
  const stats = {
    rowsRead: result.summary.rowsRead,
    customers: result.summary.ids.length,
    readMs: round(readMs),
    fitMs: round(fitMs),
    // Since the process started: Node start-up and module loading included.
    totalMs: round(performance.now()),
    maxRssMB: round(process.resourceUsage().maxRSS / 1024),
  };
  io.stderr(`rfm-stats ${JSON.stringify(stats)}\n`);
}

/** The `rfm predict` handler. */
export async function predictCommand(argv: string[], io: CliIO): Promise<number> {
  const o = parseCommandLine(argv, PREDICT_COMMAND_LINE);
  if (o.help) {
    io.stdout(helpText(PREDICT_COMMAND_LINE) + "\n");
    return 0;
  }
  const { file, calibrationEnd } = checkBeforeReading(o);
  if (o.out !== undefined) assertNotAnInput(o.out, [file]);
  const t0 = performance.now();
  const input = await readInput(file, {
    sheet: o.sheet,
    delimiter: o.delimiter,
    encoding: o.encoding,
    mapping: modelMapping(o),
    monetarySource: o.monetarySource,
  });
  const t1 = performance.now();
  const result = predictCustomers(input.table, predictOptions(o, input, calibrationEnd));
  const t2 = performance.now();
  if (o.out !== undefined) {
    const text = predictionCsv(result, o.raw === true);
    if (o.out === "-") io.stdout(text);
    else writeFileAtomic(o.out, text, [file]);
  }
  printResult(o, input, result, io);
  if (o.stats) printStats(result, t1 - t0, t2 - t1, io);
  return 0;
}
