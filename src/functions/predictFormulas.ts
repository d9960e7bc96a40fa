/**
 * The prediction custom functions (RFM.FIT, RFM.CALIBRATION, RFM.PALIVE, RFM.EXPECTED, RFM.AVGVALUE, RFM.CLV) as
 * plain functions of Excel's arguments, on the engine's prediction module (src/rfm/predict). predict.ts wraps them
 * for Excel; tests call these or the wrappers.
 *
 * Data: order-level columns (customers, dates, amounts), one purchase per row; rows of one customer on one day are one
 * purchase, as in the engine. Cleaning is the models' (rows without a customer or with a negative amount are dropped;
 * a 0 amount is still a purchase). Line-level data goes in as amounts = quantity × price per row: cancellations have
 * a negative quantity and drop out with their negative amount.
 *
 * Parameters travel as the range RFM.FIT spills: a column of labels (r, alpha, a, b, p, q, gamma, unit, …) beside a
 * column of values. A range of 4 numbers (r, alpha, a, b) or 7 (… p, q, gamma), as a row or a column, works too.
 *
 * Errors as in the other formulas (see formulas.ts): a malformed whole argument is #VALUE! for the formula, a bad
 * input cell of a spilled range is #VALUE! in its answer cell only, empty input cells give empty answers.
 *
 * Example: `fitFormula(customers, dates, amounts, "1997-09-30", null)` on the CDNOW sample →
 * `[["r", 0.2426], ["alpha", 4.414], ["a", 0.793], ["b", 2.426], ["p", 6.25], …]`.
 */
import { excelSerialToTimestamp, isRfmError } from "../rfm";
import {
  UNIT_DAYS,
  checkBgNbdParams,
  checkGammaGammaParams,
  customerValue,
  expectedAverageValue,
  expectedPurchases,
  pAlive,
  predictFromSummary,
  summarizeCalibration,
  type BgNbdParams,
  type CalibrationSummary,
  type GammaGammaParams,
  type TimeUnit,
} from "../rfm/predict";
import type { ColumnTable } from "../rfm/types";
import { idCell } from "./formulas";
import {
  FailedCell,
  argumentError,
  asNumber,
  cellAt,
  cellName,
  column,
  commonShape,
  isBlank,
  isOmitted,
  mapShape,
  sameLength,
  scalar,
  shapeOf,
  show,
  toMatrix,
  type Matrix,
  type ResultCell,
} from "./args";

/** The model inputs the functions read: the transaction columns as the engine's order-level table. */
function calibrationOf(customers: unknown, dates: unknown, amounts: unknown, end: unknown, unit: unknown) {
  const cust = column(customers, "customers");
  const dt = column(dates, "dates");
  const amt = column(amounts, "amounts");
  sameLength([
    { name: "customers", cells: cust },
    { name: "dates", cells: dt },
    { name: "amounts", cells: amt },
  ]);
  const table: ColumnTable = { headers: ["CustomerID", "OrderDate", "Amount"], columns: [cust, dt, amt] };
  return summarizeCalibration(table, {
    calibrationEnd: readDay(end, "calibration_end"),
    unit: readUnit(unit),
    mapping: { customer: "CustomerID", date: "OrderDate", amount: "Amount" },
    monetarySource: "amount",
  });
}

/** A date argument: an Excel date (serial) or date text, as a timestamp or the text for the engine to read. */
function readDay(arg: unknown, name: string): number | string {
  if (isOmitted(arg)) argumentError(`${name} is required: the last day of the calibration period, e.g. 1997-09-30.`);
  const v = scalar(arg, name);
  if (typeof v === "number") {
    const t = excelSerialToTimestamp(v);
    if (!Number.isFinite(t)) argumentError(`${name} must be a date; got the number ${v}, which is not an Excel date.`);
    return t;
  }
  if (typeof v === "string" && v.trim() !== "") return v.trim();
  return argumentError(`${name} must be a date (a date cell or text like 1997-09-30); got ${show(v)}.`);
}

function readUnit(arg: unknown): TimeUnit {
  if (isOmitted(arg)) return "week";
  const v = scalar(arg, "unit");
  const t = typeof v === "string" ? v.trim().toLowerCase().replace(/s$/, "") : "";
  if (t === "day" || t === "week" || t === "month") return t;
  return argumentError(`unit must be "day", "week" or "month"; got ${show(v)}.`);
}

/** RFM.FIT's rows, in order: label, value. */
export const FIT_LABELS = [
  "r",
  "alpha",
  "a",
  "b",
  "p",
  "q",
  "gamma",
  "log-likelihood",
  "customers",
  "unit",
  "note",
] as const;

/** RFM.FIT: both models fitted to the transactions, as a label/value table. */
export function fitFormula(
  customers: unknown,
  dates: unknown,
  amounts: unknown,
  calibrationEnd: unknown,
  unit: unknown,
): ResultCell[][] {
  const result = predictFromSummary(calibrationOf(customers, dates, amounts, calibrationEnd, unit));
  const bg = result.bgnbd.params;
  const gg = result.gammaGamma;
  const noSpend = new FailedCell(
    "No spend model: fewer than two customers have repeat purchases of positive value.",
    "notAvailable",
  );
  const values: ResultCell[] = [
    bg.r,
    bg.alpha,
    bg.a,
    bg.b,
    gg ? gg.params.p : noSpend,
    gg ? gg.params.q : noSpend,
    gg ? gg.params.gamma : noSpend,
    result.bgnbd.logLikelihood,
    result.summary.ids.length,
    result.summary.unit,
    result.warnings.join(" "),
  ];
  return FIT_LABELS.map((label, k) => [label, values[k]]);
}

/** RFM.CALIBRATION's header row. */
export const CALIBRATION_HEADERS = ["CustomerID", "x", "t_x", "T", "mean_value"];

/** RFM.CALIBRATION: per customer x, t_x, T and the mean repeat value, with a header row. */
export function calibrationFormula(
  customers: unknown,
  dates: unknown,
  amounts: unknown,
  calibrationEnd: unknown,
  unit: unknown,
): ResultCell[][] {
  const s: CalibrationSummary = calibrationOf(customers, dates, amounts, calibrationEnd, unit);
  const out: ResultCell[][] = new Array(s.ids.length + 1);
  out[0] = CALIBRATION_HEADERS;
  for (let k = 0; k < s.ids.length; k++) {
    const m = s.meanRepeatValue[k];
    out[k + 1] = [idCell(s.ids[k]), s.x[k], s.tx[k], s.T[k], Number.isFinite(m) ? m : ""];
  }
  return out;
}

interface ModelParams {
  bgnbd: BgNbdParams;
  gammaGamma: GammaGammaParams | null;
  unit: TimeUnit | null;
}

const ALIASES: Record<string, string> = { α: "alpha", γ: "gamma" };
const NUMBER_ORDER = ["r", "alpha", "a", "b", "p", "q", "gamma"];

/** Label → value from a two-column (label, value) range or its transpose; null when the range has no labels. */
function labelled(m: Matrix): Map<string, unknown> | null {
  const s = shapeOf(m);
  const isLabel = (v: unknown): boolean => typeof v === "string" && asNumber(v) === undefined && v.trim() !== "";
  const map = new Map<string, unknown>();
  const put = (label: unknown, value: unknown): void => {
    if (!isLabel(label)) return;
    const key = (label as string).trim().toLowerCase();
    map.set(ALIASES[key] ?? key, value);
  };
  // Labels down the first column (as RFM.FIT spills), or across the first row (its transpose).
  const allLabels = (cells: unknown[]): boolean => {
    const present = cells.filter((v) => !isBlank(v));
    return present.length > 0 && present.every(isLabel);
  };
  if (s.cols >= 2 && allLabels(m.map((row) => row[0]))) {
    for (const row of m) put(row[0], row[1]);
    return map;
  }
  if (s.rows >= 2 && allLabels(m[0])) {
    for (let j = 0; j < s.cols; j++) put(m[0][j], m[1][j]);
    return map;
  }
  return null;
}

/** Reads the params argument (see the top of the file). */
export function readParams(arg: unknown, needSpend: boolean): ModelParams {
  const m = toMatrix(arg, "params");
  const byLabel = labelled(m);
  const values = new Map<string, unknown>();
  let unit: TimeUnit | null = null;
  if (byLabel) {
    for (const k of NUMBER_ORDER) if (byLabel.has(k)) values.set(k, byLabel.get(k));
    const u = byLabel.get("unit");
    if (typeof u === "string" && u.trim().toLowerCase() in UNIT_DAYS) unit = u.trim().toLowerCase() as TimeUnit;
  } else {
    const flat = m.flat().filter((v) => !isBlank(v));
    if (flat.length !== 4 && flat.length !== 7) {
      argumentError(
        `params must be the range RFM.FIT spills (labels and values), or 4 numbers (r, alpha, a, b) or 7 (r, ` +
          `alpha, a, b, p, q, gamma); got ${flat.length} value${flat.length === 1 ? "" : "s"}.`,
      );
    }
    flat.forEach((v, k) => values.set(NUMBER_ORDER[k], v));
  }
  const num = (k: string): number | undefined => {
    const n = asNumber(values.get(k));
    return n !== undefined && n > 0 ? n : undefined;
  };
  const missing = ["r", "alpha", "a", "b"].filter((k) => num(k) === undefined);
  if (missing.length > 0) {
    argumentError(
      `params needs the BG/NBD parameters r, alpha, a and b as numbers above 0; ${missing.join(", ")} ` +
        `${missing.length === 1 ? "is" : "are"} missing or not a positive number.`,
    );
  }
  const bgnbd = { r: num("r")!, alpha: num("alpha")!, a: num("a")!, b: num("b")! };
  checkBgNbdParams(bgnbd);
  const spend = ["p", "q", "gamma"].map(num);
  let gammaGamma: GammaGammaParams | null = null;
  if (spend.every((v) => v !== undefined)) {
    gammaGamma = { p: spend[0]!, q: spend[1]!, gamma: spend[2]! };
    checkGammaGammaParams(gammaGamma);
  } else if (needSpend) {
    argumentError(
      "params needs the spend model's parameters p, q and gamma as numbers above 0 (RFM.FIT shows #N/A for them " +
        "when too few customers have repeat purchases of positive value).",
    );
  }
  return { bgnbd, gammaGamma, unit };
}

/** One number of a per-cell argument: null for an empty cell, a FailedCell for anything else that is not a number. */
function cellNumber(m: Matrix, name: string, i: number, j: number): number | null | FailedCell {
  const v = cellAt(m, i, j);
  if (isBlank(v)) return null;
  const n = asNumber(v);
  if (n === undefined) return new FailedCell(`${cellName(name, shapeOf(m), i, j)} must be a number; got ${show(v)}.`);
  return n;
}

/** Maps per-cell numeric arguments to one answer per cell; engine errors for one cell stay in that cell. */
function perCell(args: { name: string; arg: unknown }[], fn: (values: number[]) => ResultCell): ResultCell[][] {
  const ms = args.map((a) => ({ name: a.name, m: toMatrix(a.arg, a.name) }));
  const shape = commonShape(ms);
  return mapShape(shape, (i, j) => {
    const values: number[] = [];
    let blank = false;
    for (const { name, m } of ms) {
      const v = cellNumber(m, name, i, j);
      if (v instanceof FailedCell) return v;
      if (v === null) blank = true;
      else values.push(v);
    }
    if (blank) return "";
    try {
      return fn(values);
    } catch (e) {
      if (isRfmError(e)) {
        const where = shape.rows * shape.cols > 1 ? `Row ${i + 1}${shape.cols > 1 ? `, column ${j + 1}` : ""}: ` : "";
        return new FailedCell(where + e.message);
      }
      throw e;
    }
  });
}

const CUSTOMER_ARGS = (x: unknown, tx: unknown, T: unknown) => [
  { name: "x", arg: x },
  { name: "t_x", arg: tx },
  { name: "T", arg: T },
];

/** RFM.PALIVE: probability that each customer is still a customer at the end of calibration. */
export function pAliveFormula(x: unknown, tx: unknown, T: unknown, params: unknown): ResultCell[][] {
  const p = readParams(params, false);
  return perCell(CUSTOMER_ARGS(x, tx, T), ([xv, txv, Tv]) => pAlive(p.bgnbd, xv, txv, Tv));
}

/** RFM.EXPECTED: expected purchases in the next t time units. */
export function expectedFormula(t: unknown, x: unknown, tx: unknown, T: unknown, params: unknown): ResultCell[][] {
  const p = readParams(params, false);
  return perCell([{ name: "t", arg: t }, ...CUSTOMER_ARGS(x, tx, T)], ([tv, xv, txv, Tv]) =>
    expectedPurchases(p.bgnbd, tv, xv, txv, Tv),
  );
}

/** RFM.AVGVALUE: expected value of each future purchase. */
export function avgValueFormula(x: unknown, meanValue: unknown, params: unknown): ResultCell[][] {
  const p = readParams(params, true);
  const gg = p.gammaGamma as GammaGammaParams;
  return perCell(
    [
      { name: "x", arg: x },
      { name: "mean_value", arg: meanValue },
    ],
    ([xv, m]) => (xv === 0 ? "" : expectedAverageValue(gg, xv, m)),
  );
}

/** The default horizon: 52 weeks in the params' unit (52 when params carry no unit). */
function defaultHorizon(unit: TimeUnit | null): number {
  return unit === null ? 52 : (52 * 7) / UNIT_DAYS[unit];
}

function optionalNumber(arg: unknown, name: string, fallback: number, ok: (n: number) => boolean, rule: string) {
  if (isOmitted(arg)) return fallback;
  const v = scalar(arg, name);
  const n = asNumber(v);
  if (n === undefined || !ok(n)) argumentError(`${name} must be ${rule}; got ${show(v)}.`);
  return n as number;
}

/** RFM.CLV: expected purchases in the horizon × expected average value, optionally discounted per period. */
export function clvFormula(
  x: unknown,
  tx: unknown,
  T: unknown,
  meanValue: unknown,
  params: unknown,
  horizon: unknown,
  discountRate: unknown,
): ResultCell[][] {
  const p = readParams(params, true);
  const gg = p.gammaGamma as GammaGammaParams;
  const h = optionalNumber(horizon, "horizon", defaultHorizon(p.unit), (n) => n > 0, "a number of time units above 0");
  const rate = optionalNumber(
    discountRate,
    "discount_rate",
    0,
    (n) => n >= 0 && n < 1,
    "a rate per time unit from 0 up to 1 (0.01 = 1% per period)",
  );
  return perCell([...CUSTOMER_ARGS(x, tx, T), { name: "mean_value", arg: meanValue }], ([xv, txv, Tv, m]) =>
    xv === 0 ? "" : customerValue(p.bgnbd, xv, txv, Tv, h, expectedAverageValue(gg, xv, m), rate),
  );
}
