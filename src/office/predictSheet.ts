/**
 * The "RFM Prediction" sheet: what was fitted and how well it predicts, in words an analyst can read, plus two
 * native charts bound to the sheet's own cells.
 *
 * Layout (zero-based rows in the code, columns A:C for the text blocks):
 *   A1            title, A2 what the models are
 *   settings      calibration end, holdout end, unit, horizon, discount rate, customers, a new customer's purchases
 *   BG/NBD        r, alpha, a, b and the log-likelihood, each with what it means
 *   Gamma-Gamma   p, q, gamma and the log-likelihood (or why there is no spend model)
 *   warnings, then the cleaning counts
 *   holdout       (when there is a holdout) the totals, then the table "RFMHoldout": Calibration purchases (0 … 7+),
 *                 Actual, Expected (mean holdout purchases per customer), Customers
 *   E3:L20        column chart of the holdout table (calibration frequency vs holdout purchases, actual/expected)
 *   E22:L39       line chart of the cumulative repeat purchases over time, actual vs expected
 *   N3            the line chart's data: Date, Actual, Expected (one row per unit period)
 *
 * Column C (the meanings) has a fixed width with wrapped text; A, B and the chart data are fitted.
 */
import { formatTimestamp, timestampToExcelSerial } from "../rfm";
import type { PredictionResult } from "../rfm/predict";
import { FORMAT } from "./cells";
import { startSheet, type SheetWriteResult } from "./customersSheet";
import type { Session, XlCell } from "./io";
import type { SheetPlan } from "./outputs";
import { queueSaveMarker, type OutputsMarker } from "./settings";
import { columnLetters } from "./source";
import { CellBlock } from "./summarySheet";

export const HOLDOUT_TABLE = "RFMHoldout";
export const HOLDOUT_HEADERS = ["Calibration purchases", "Actual", "Expected", "Customers"] as const;
/** First column of the tracking data (N). */
const TRACK_COL = 13;
const MEANING_WIDTH = 330;

export interface PredictSheetInput {
  result: PredictionResult;
  dateSystem: "1900" | "1904";
  money: string;
  /** Source address shown with the settings. */
  source: string;
}

export interface PredictLayout {
  /** Header row of the holdout table (−1 without a holdout). */
  holdoutTop: number;
  holdoutRows: number;
  /** Header row of the tracking data and its point count. */
  trackTop: number;
  trackRows: number;
  /** Rows whose column C holds a meaning (wrapped). */
  meaningRows: number[];
  /** Rows of section titles (bold). */
  titles: number[];
}

const fmt = (v: number, digits = 4): string => (Number.isFinite(v) ? Number(v.toPrecision(digits)).toString() : "–");

function unitWord(result: PredictionResult, n = 1): string {
  const u = result.summary.unit;
  return n === 1 ? u : `${u}s`;
}

/** The parameters and what each means, as rows of [name, value, meaning]. */
export function parameterRows(result: PredictionResult): { bgnbd: XlCell[][]; spend: XlCell[][] } {
  const { r, alpha, a, b } = result.bgnbd.params;
  const unit = unitWord(result);
  const bgnbd: XlCell[][] = [
    ["r", r, `Shape of how often customers buy: the smaller, the more customers differ in their purchase rates.`],
    [
      "alpha",
      alpha,
      `Scale of the purchase rates: an active customer buys r / alpha = ${fmt(r / alpha)} times per ${unit} on average.`,
    ],
    ["a", a, `With b, the dropout: after each purchase a customer leaves for good with a chance of a / (a + b).`],
    [
      "b",
      b,
      result.bgnbd.noDropout
        ? "No dropout detected: the fit sees (almost) nobody leave, so P(alive) stays near 100%."
        : `With a, the dropout: on average a customer leaves after a purchase with a chance of ${fmt((100 * a) / (a + b), 3)}%.`,
    ],
    ["Log-likelihood", result.bgnbd.logLikelihood, "How well the model fits the calibration data (higher is better)."],
  ];
  const gg = result.gammaGamma;
  const spend: XlCell[][] = gg
    ? [
        ["p", gg.params.p, "Shape of one customer's purchase values: the larger, the steadier each customer spends."],
        [
          "q",
          gg.params.q,
          "With gamma, how the customers' average spend differs between customers (q ≤ 1: no finite mean).",
        ],
        [
          "gamma",
          gg.params.gamma,
          gg.params.q > 1
            ? `Scale of spend: the mean purchase value over customers is p × gamma / (q − 1) = ${fmt((gg.params.p * gg.params.gamma) / (gg.params.q - 1))}.`
            : "Scale of spend.",
        ],
        ["Log-likelihood", gg.logLikelihood, `Fitted on ${gg.customers} repeat customers with a positive value.`],
      ]
    : [["(not fitted)", "", "No customer has a repeat purchase of positive value: values and CLV are left empty."]];
  return { bgnbd, spend };
}

/** The settings block as [label, value, format]. */
function settingRows(input: PredictSheetInput): [string, XlCell, string?][] {
  const { result, dateSystem } = input;
  const s = result.summary;
  const day = (t: number) => timestampToExcelSerial(t, dateSystem);
  return [
    ["Source", input.source, FORMAT.text],
    ["Calibration end", day(s.calibrationEnd), FORMAT.date],
    ["Holdout end", s.holdoutEnd === null ? "(none)" : day(s.holdoutEnd), FORMAT.date],
    ["Time unit", s.unit, FORMAT.text],
    [`Horizon (${unitWord(result, 2)})`, result.horizon, FORMAT.general],
    ["Discount rate per unit", result.discountRate, "0.00%"],
    ["Customers in the model", s.ids.length, "#,##0"],
    ["New customer's purchases", result.newCustomerPurchases, "#,##0.000"],
  ];
}

/** The cells of the sheet and where its parts are (see the file comment). */
export function buildPredictionSheet(input: PredictSheetInput): { block: CellBlock; layout: PredictLayout } {
  const { result } = input;
  const b = new CellBlock();
  const meaningRows: number[] = [];
  const titles: number[] = [];
  b.set(0, 0, "RFM prediction: who comes back and what they are worth");
  b.set(1, 0, "BG/NBD purchase model and Gamma-Gamma spend model (Fader, Hardie & Lee 2005).", FORMAT.text);
  let r = 3;
  const title = (text: string) => {
    titles.push(r);
    b.set(r++, 0, text);
  };
  title("Settings");
  for (const [label, value, format] of settingRows(input)) b.row(r++, 0, [label, value], [FORMAT.text, format]);
  r++;
  const params = parameterRows(result);
  for (const [name, rows] of [
    ["Purchase model (BG/NBD)", params.bgnbd],
    ["Spend model (Gamma-Gamma)", params.spend],
  ] as const) {
    title(name);
    for (const row of rows) {
      meaningRows.push(r);
      b.row(r++, 0, row, [FORMAT.text, "#,##0.0000", FORMAT.text]);
    }
    r++;
  }
  title("Warnings");
  if (result.warnings.length === 0) b.set(r++, 0, "(none)");
  for (const w of result.warnings) b.set(r++, 0, w, FORMAT.text);
  r++;
  title("Data cleaning for the models");
  for (const line of result.cleaning.lines) b.set(r++, 0, line, FORMAT.text);
  r++;
  const h = result.holdout;
  let holdoutTop = -1;
  if (h) {
    title("Holdout check");
    const share = h.actual > 0 ? ` (${fmt((100 * (h.expected - h.actual)) / h.actual, 3)}% off)` : "";
    b.set(
      r++,
      0,
      `${formatTimestamp(result.summary.calibrationEnd).slice(0, 10)} to ${formatTimestamp(result.summary.holdoutEnd ?? 0).slice(0, 10)} ` +
        `(${fmt(h.length)} ${unitWord(result, 2)}): ${Math.round(h.actual)} purchases, ${fmt(h.expected, 6)} expected${share}.`,
      FORMAT.text,
    );
    b.set(r++, 0, "Mean holdout purchases per customer, by the customer's repeat purchases in the calibration:");
    holdoutTop = r;
    b.row(r++, 0, [...HOLDOUT_HEADERS]);
    for (const row of h.byFrequency) {
      b.row(r++, 0, [row.frequency, row.actual, row.expected, row.customers], [FORMAT.text, "0.000", "0.000", "#,##0"]);
    }
  }
  const trackTop = 2;
  b.set(trackTop - 1, TRACK_COL, "Cumulative repeat purchases (chart data)");
  b.row(trackTop, TRACK_COL, ["Date", "Actual", "Expected"]);
  result.tracking.forEach((p, i) =>
    b.row(
      trackTop + 1 + i,
      TRACK_COL,
      [timestampToExcelSerial(p.date, input.dateSystem), p.actual, p.expected],
      [FORMAT.date, "#,##0", "#,##0.0"],
    ),
  );
  const layout: PredictLayout = {
    holdoutTop,
    holdoutRows: h ? h.byFrequency.length : 0,
    trackTop,
    trackRows: result.tracking.length,
    meaningRows,
    titles,
  };
  return { block: b, layout };
}

/** Writes the sheet: cells and the holdout table in one request, formats, widths and charts in a second. */
export async function writePredictionSheet(
  s: Session,
  plan: SheetPlan,
  input: PredictSheetInput,
  tableName: string,
  marker: OutputsMarker,
): Promise<SheetWriteResult & { layout: PredictLayout }> {
  const { block, layout } = buildPredictionSheet(input);
  const { values, formats } = block.rect();
  const tables = layout.holdoutTop >= 0 ? [tableName] : [];
  const started = startSheet(s, plan, marker, tables);
  const sheet = started.sheet;
  queueSaveMarker(s.context, started.marker);
  const all = sheet.getRangeByIndexes(0, 0, values.length, block.width);
  all.numberFormat = formats;
  all.values = values;
  s.suspendCalculation();
  if (layout.holdoutTop >= 0) {
    const t = sheet.tables.add(
      sheet.getRangeByIndexes(layout.holdoutTop, 0, layout.holdoutRows + 1, HOLDOUT_HEADERS.length),
      true,
    );
    t.name = tableName;
    t.style = "TableStyleMedium2";
  }
  await s.sync();
  styleSheet(sheet, layout);
  const charts = addCharts(sheet, layout);
  sheet.activate();
  s.suspendScreen();
  await s.sync();
  return { name: plan.name, sheet, tables, charts, warnings: [], slicers: [], marker: started.marker, layout };
}

function styleSheet(sheet: Excel.Worksheet, layout: PredictLayout): void {
  sheet.getRange("A1").format.font.bold = true;
  sheet.getRange("A1").format.font.size = 14;
  for (const r of layout.titles) sheet.getRangeByIndexes(r, 0, 1, 1).format.font.bold = true;
  sheet.getRangeByIndexes(layout.trackTop, TRACK_COL, 1, 3).format.font.bold = true;
  // A and B fitted to the settings and parameter rows (the long sentences below them may overflow).
  const last = Math.max(...layout.meaningRows);
  sheet.getRangeByIndexes(3, 0, last - 2, 2).format.autofitColumns();
  sheet.getRangeByIndexes(0, 2, 1, 1).format.columnWidth = MEANING_WIDTH;
  for (const r of layout.meaningRows) sheet.getRangeByIndexes(r, 2, 1, 1).format.wrapText = true;
  sheet.getRangeByIndexes(layout.trackTop, TRACK_COL, layout.trackRows + 1, 3).format.autofitColumns();
  if (layout.holdoutTop >= 0) {
    sheet.getRangeByIndexes(layout.holdoutTop, 3, layout.holdoutRows + 1, 1).format.autofitColumns();
  }
}

/** The two charts (see the file comment). Returns how many were added. */
function addCharts(sheet: Excel.Worksheet, layout: PredictLayout): number {
  let charts = 0;
  if (layout.holdoutTop >= 0 && layout.holdoutRows > 0) {
    const c = sheet.charts.add(
      "ColumnClustered",
      sheet.getRangeByIndexes(layout.holdoutTop, 0, layout.holdoutRows + 1, 3),
      "Columns",
    );
    c.title.text = "Holdout purchases per customer by calibration purchases: actual vs expected";
    c.setPosition("E3", "L20");
    charts++;
  }
  if (layout.trackRows > 0) {
    const top = layout.trackTop;
    const range = `${columnLetters(TRACK_COL)}${top + 1}:${columnLetters(TRACK_COL + 2)}${top + 1 + layout.trackRows}`;
    const c = sheet.charts.add("Line", sheet.getRange(range), "Columns");
    c.title.text = "Cumulative repeat purchases: actual vs expected";
    c.setPosition("E22", "L39");
    charts++;
  }
  return charts;
}
