/**
 * What `rfm predict` writes: the per-customer CSV (`--out`), the JSON object (`--json`) and the readable summary.
 * Pure: takes the engine's PredictionResult (src/rfm/predict) and returns text or plain objects.
 *
 * Numbers in the CSV and the JSON are full precision (JavaScript's shortest round-trip form), so another program
 * can check them; the summary rounds for reading.
 */
import { csvField, formatTimestamp, MS_PER_DAY } from "../rfm";
import type { PredictionResult, TimeUnit } from "../rfm/predict";
import type { InputInfo } from "./readInput";
import { fixed, sourceLine, textTable } from "./report";

/** The CSV's columns, in order; `HoldoutPurchases` follows when there is a holdout period. */
export const PREDICTION_COLUMNS = [
  "CustomerID",
  "x",
  "t_x",
  "T",
  "PAlive",
  "ExpectedPurchases",
  "ExpectedAvgValue",
  "CLV",
] as const;

/** One row per customer (summary order); ExpectedAvgValue and CLV are empty without a repeat purchase. `raw`: ids
 *  exactly as read (--raw), else an id Excel would run as a formula gets a leading quote (csvText.ts). */
export function predictionCsv(r: PredictionResult, raw = false): string {
  const s = r.summary;
  const holdout = r.holdout !== null;
  const header = [...PREDICTION_COLUMNS, ...(holdout ? ["HoldoutPurchases"] : [])];
  const lines = new Array<string>(s.ids.length + 1);
  lines[0] = header.join(",");
  for (let i = 0; i < s.ids.length; i++) {
    let line =
      `${csvField(s.ids[i], raw)},${s.x[i]},${csvField(s.tx[i])},${csvField(s.T[i])},${csvField(r.pAlive[i])},` +
      `${csvField(r.expectedPurchases[i])},${csvField(r.expectedAverageValue[i])},${csvField(r.clv[i])}`;
    if (holdout) line += `,${s.holdoutPurchases[i]}`;
    lines[i + 1] = line;
  }
  return lines.join("\n") + "\n";
}

function day(ms: number | null): string | null {
  return ms === null ? null : formatTimestamp(ms, false);
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) total += values[i];
  return total;
}

function countRepeat(x: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] > 0) n++;
  return n;
}

/** The `--json` object (see README): fits, holdout check, cleaning counts and totals, at full precision. */
export function predictionJson(r: PredictionResult, input?: InputInfo): Record<string, unknown> {
  const s = r.summary;
  const bg = r.bgnbd;
  const gg = r.gammaGamma;
  return {
    ...(input ? { file: input.file } : {}),
    customers: s.ids.length,
    repeatCustomers: countRepeat(s.x),
    unit: s.unit,
    calibrationEnd: day(s.calibrationEnd),
    holdoutEnd: day(s.holdoutEnd),
    horizon: r.horizon,
    discountRate: r.discountRate,
    bgnbd: {
      r: bg.params.r,
      alpha: bg.params.alpha,
      a: bg.params.a,
      b: bg.params.b,
      logLikelihood: bg.logLikelihood,
      boundary: bg.boundary,
      noDropout: bg.noDropout,
    },
    gammaGamma: gg && {
      p: gg.params.p,
      q: gg.params.q,
      gamma: gg.params.gamma,
      logLikelihood: gg.logLikelihood,
      customers: gg.customers,
      zeroMeanCustomers: gg.zeroMeanCustomers,
    },
    newCustomerPurchases: r.newCustomerPurchases,
    expected: { purchases: sum(r.expectedPurchases), clv: sum(r.clv) },
    ...(r.holdout ? { holdout: r.holdout } : {}),
    cleaning: {
      rowsRead: r.cleaning.rowsRead,
      rowsUsed: r.cleaning.rowsUsed,
      dropped: r.cleaning.dropped.map((e) => ({ rule: e.rule, description: e.description, rows: e.count })),
      zeroValuePurchases: r.cleaning.zeroValuePurchases,
      zeroMeanCustomers: r.cleaning.zeroMeanCustomers,
      spendCustomers: r.cleaning.spendCustomers,
      lateCustomers: r.cleaning.lateCustomers,
    },
    warnings: r.warnings,
    /** The same warnings with the engine's stable code each (noDropout, fewCustomers, ...). */
    diagnostics: r.diagnostics,
  };
}

const int = (x: number): string => fixed(x, 0);
/** Four significant digits, for parameters that may be tiny or huge on a boundary fit. */
function sig(x: number): string {
  if (!Number.isFinite(x) || x === 0) return String(x);
  const a = Math.abs(x);
  return a >= 1e5 || a < 1e-3 ? x.toPrecision(4) : Number(x.toPrecision(4)).toString();
}

function units(unit: TimeUnit, n: number): string {
  return `${sig(n)} ${unit}${n === 1 ? "" : "s"}`;
}

export interface PredictReportContext {
  input: InputInfo;
  /** Output file written, "-" for standard output, or undefined when none. */
  out?: string;
  totalMs: number;
}

/** The models' cleaning rule in words, then the engine's cleaning report (result.cleaning, shared by the doors). */
function cleaningLines(r: PredictionResult): string[] {
  return [
    "",
    "Cleaning   For the models, whatever the RFM run's cleaning flags: rows without a customer, cancellations",
    '           (invoices starting with "C") and rows with a negative quantity or amount are dropped. A purchase is',
    "           a customer-day (same-day rows merge, their values summed); a zero quantity or value still counts.",
    ...r.cleaning.lines.map((l) => `  ${l}`),
  ];
}

function bgnbdLines(r: PredictionResult): string[] {
  const { params: p, logLikelihood, noDropout } = r.bgnbd;
  const unit = r.summary.unit;
  const dropout = p.a / (p.a + p.b);
  const lines = [
    "",
    `Who stays and how often they buy (BG/NBD, Fader, Hardie & Lee 2005): log-likelihood ${fixed(logLikelihood, 2)}`,
    `  r = ${sig(p.r)}, alpha = ${sig(p.alpha)}: while still a customer, each one buys at an own steady rate; the rates ` +
      `vary between customers with mean r/alpha = ${sig(p.r / p.alpha)} purchases a ${unit}.`,
  ];
  if (noDropout) {
    lines.push(
      `  a = ${sig(p.a)}, b = ${sig(p.b)}: no dropout detected: the chance of leaving after a purchase, a/(a+b) = ` +
        `${sig(dropout)}, is nil, so P(alive) is close to 1 for everyone (see the warning below).`,
    );
  } else {
    lines.push(
      `  a = ${sig(p.a)}, b = ${sig(p.b)}: after each purchase a customer may leave for good; the chance varies ` +
        `between customers with mean a/(a+b) = ${fixed(dropout * 100, 1)}%.`,
    );
  }
  if (r.bgnbd.boundary && !noDropout) {
    lines.push(
      "  These parameters are on the edge of what the fit allows: the data are too few or too regular to pin them " +
        "down, so the predictions are finite but uncertain.",
    );
  }
  lines.push(
    `  A new customer is expected to make ${sig(r.newCustomerPurchases)} repeat purchases in their first ` +
      `${units(unit, r.horizon)}.`,
  );
  return lines;
}

function spendLines(r: PredictionResult): string[] {
  const gg = r.gammaGamma;
  if (gg === null) return ["", "Spend model (Gamma-Gamma): not fitted (see the warnings); no expected values or CLV."];
  const { p, q, gamma } = gg.params;
  const population =
    q > 1 ? `a population mean of p*gamma/(q-1) = ${fixed((p * gamma) / (q - 1), 2)}` : "no finite mean (q ≤ 1)";
  return [
    "",
    `Spend per purchase (Gamma-Gamma, Fader, Hardie & Lee 2005), on ${int(gg.customers)} customers with repeat ` +
      `purchases of positive value: log-likelihood ${fixed(gg.logLikelihood, 2)}`,
    `  p = ${sig(p)}, q = ${sig(q)}, gamma = ${sig(gamma)}: each customer's purchase values scatter around an own ` +
      `mean; those means vary between customers with ${population}. A customer's expected average value blends ` +
      `their own mean repeat value with it, trusting their own the more purchases they made.`,
  ];
}

function holdoutLines(r: PredictionResult): string[] {
  const h = r.holdout;
  const s = r.summary;
  if (h === null) return [];
  const from = formatTimestamp(s.calibrationEnd + MS_PER_DAY, false);
  const gap =
    h.actual === 0 ? "" : ` (${h.expected >= h.actual ? "+" : ""}${fixed((h.expected / h.actual - 1) * 100, 1)}%)`;
  return [
    "",
    `Holdout check ${from} to ${day(s.holdoutEnd)} (${units(s.unit, h.length)}): purchases actual ` +
      `${int(h.actual)}, expected ${fixed(h.expected, 1)}${gap}`,
    "  Mean purchases per customer in the holdout period, by repeat purchases in the calibration period:",
    ...textTable(
      ["Calibration", "Customers", "Actual", "Expected"],
      h.byFrequency.map((f) => [f.frequency, int(f.customers), fixed(f.actual, 3), fixed(f.expected, 3)]),
    ),
  ];
}

function forecastLines(r: PredictionResult): string[] {
  const s = r.summary;
  let valued = 0;
  for (let i = 0; i < r.clv.length; i++) if (Number.isFinite(r.clv[i])) valued++;
  const discount =
    r.discountRate === 0
      ? "not discounted"
      : `discounted at ${sig(r.discountRate * 100)}% per ${s.unit}, compounding (purchases in ${s.unit} k are worth ` +
        `1/(1+${r.discountRate})^k)`;
  return [
    "",
    `Forecast for the next ${units(s.unit, r.horizon)} after ${day(s.calibrationEnd)}`,
    `  Expected purchases ${fixed(sum(r.expectedPurchases), 1)} in total; mean P(alive) ` +
      `${fixed(sum(r.pAlive) / Math.max(1, r.pAlive.length), 3)}`,
    `  CLV ${fixed(sum(r.clv), 2)} in total over ${int(valued)} customers with a repeat purchase ` +
      `(none for the others: no spend estimate), ${discount}`,
  ];
}

/** The readable summary (see the top of the file). */
export function predictionReportLines(r: PredictionResult, ctx: PredictReportContext): string[] {
  const s = r.summary;
  const lines = [
    sourceLine(ctx.input),
    `Rows       ${int(s.rowsRead)} read, ${int(s.rowsUsed)} used → ${int(s.ids.length)} customers in the model ` +
      `(${int(countRepeat(s.x))} with a repeat purchase)`,
    `Period     calibration ${day(s.firstDate)} to ${day(s.calibrationEnd)}; t_x and T in ${s.unit}s`,
    ...cleaningLines(r),
    ...bgnbdLines(r),
    ...spendLines(r),
    ...holdoutLines(r),
    ...forecastLines(r),
  ];
  if (r.warnings.length > 0) {
    lines.push("", "Warnings");
    for (const w of r.warnings) lines.push(`  - ${w}`);
  }
  const n = int(s.ids.length);
  lines.push(
    "",
    ctx.out === undefined
      ? "No output file (add --out customers.csv to write one row per customer)."
      : ctx.out === "-"
        ? `Wrote ${n} customers to standard output.`
        : `Wrote ${n} customers to ${ctx.out}.`,
    `Time       ${(ctx.totalMs / 1000).toFixed(2)} s`,
  );
  return lines;
}
