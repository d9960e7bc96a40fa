/**
 * `runPrediction`: the pane's Predict step in one `Excel.run`. It reads the transactions exactly as the RFM run does
 * (same sheet, column mapping and reading: readSource.ts), fits the BG/NBD and Gamma-Gamma models (src/rfm/predict),
 * then writes P(alive), Expected purchases, Expected avg value and CLV into the RFM Customers table
 * (predictColumns.ts) and the "RFM Prediction" sheet with its charts (predictSheet.ts).
 *
 * Defaults: an empty calibration end is the data's last purchase day; without a holdout end, the days after the
 * calibration end up to the last purchase day are the holdout, so the holdout check is there whenever there is data
 * to check against.
 *
 * Cancel: while reading and fitting nothing has changed; the columns and the sheet are each written whole, and
 * Cancel between them keeps the finished columns (`PredictionSummary.cancelled` says which).
 */
import { formatTimestamp, type ColumnTable, type Field } from "../rfm";
import {
  predictFromSummary,
  summarizeCalibration,
  type BgNbdParams,
  type CalibrationOptions,
  type GammaGammaParams,
  type PredictionResult,
  type TimeUnit,
} from "../rfm/predict";
import { currencyFormat } from "./cells";
import { isAbortError, toActionError } from "./errors";
import type { OfficeHost } from "./host";
import { fingerprintSheets, planOutputs, freeTableName } from "./outputs";
import type { Session } from "./io";
import { locateCustomers, PREDICTION_HEADERS, writePredictionColumns, type CustomersTarget } from "./predictColumns";
import { HOLDOUT_TABLE, writePredictionSheet } from "./predictSheet";
import { readSource } from "./readSource";
import { queueSaveMarker, type OutputsMarker } from "./settings";
import type { LocatedSource } from "./source";
import { OfficeActionError, type RunOptions, type SegmentSettings } from "./types";
import { withWorkbook } from "./workbook";

export const PREDICTION_SHEET = "RFM Prediction";

/** What the Predict step asks for. Dates are ISO `YYYY-MM-DD`. */
export interface PredictionSettings {
  /** Last day of the calibration period; empty: the data's last purchase day. */
  calibrationEnd?: string;
  /** Forecast horizon for expected purchases and CLV, in the unit (default: the holdout length, else 52 weeks). */
  horizon?: number;
  unit?: TimeUnit;
  /** Last day of the holdout period; empty: the data's last purchase day when it is after the calibration end. */
  holdoutEnd?: string;
  /** Discount rate per unit for CLV (0.01 = 1% per unit). */
  discountRate?: number;
}

export interface PredictionSummary {
  /** Customers in the models, and table rows that got a prediction. */
  customers: number;
  matched: number;
  unit: TimeUnit;
  horizon: number;
  calibrationEnd: string;
  holdoutEnd?: string;
  /** The data's last purchase day (ISO). */
  lastDate: string;
  bgnbd: BgNbdParams;
  gammaGamma: GammaGammaParams | null;
  holdout: { actual: number; expected: number } | null;
  warnings: string[];
  /** What was written: the prediction sheet, the columns added to the customer table, the charts. */
  outputs: { sheet?: string; columns: string[]; charts: number };
  cancelled?: string;
  syncs: number;
  elapsedMs: number;
}

const now = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());
/** A day after any real data (2100-01-01): a first pass that only learns the data's last day. */
const LATE_DAY = 4_102_444_800_000;
const iso = (t: number | null): string | undefined => (t === null ? undefined : formatTimestamp(t).slice(0, 10));

/** Runs the prediction and writes its outputs (see the file comment). Pass `host` to run against a simulation. */
export async function runPrediction(
  settings: SegmentSettings,
  predict: PredictionSettings,
  options: RunOptions = {},
  host?: OfficeHost,
): Promise<PredictionSummary> {
  const t0 = now();
  let last = -1;
  const progress = (step: string, percent: number) => {
    const p = Math.max(0, Math.min(100, Math.round(percent)));
    if (p === last) return;
    last = p;
    options.onProgress?.({ step, percent: p });
  };
  let session: Session | undefined;
  try {
    return await withWorkbook(
      settings,
      host,
      async ({ s, marker, found }) => {
        progress("Reading rows", 2);
        const { result, money } = await fitSource(s, found, settings, predict, progress);
        s.throwIfCancelled();
        const written = await writeOutputs(s, { marker, money }, result, settings, options, progress);
        return { ...written, syncs: s.syncs, elapsedMs: Math.round(now() - t0) };
      },
      {
        signal: options.signal,
        onOpen: (s) => {
          session = s;
          progress("Finding the data", 0);
        },
      },
    );
  } catch (e) {
    if (isAbortError(e)) {
      return {
        customers: 0,
        matched: 0,
        unit: predict.unit ?? "week",
        horizon: predict.horizon ?? 0,
        calibrationEnd: predict.calibrationEnd ?? "",
        lastDate: "",
        bgnbd: { r: NaN, alpha: NaN, a: NaN, b: NaN },
        gammaGamma: null,
        holdout: null,
        warnings: [],
        outputs: { columns: [], charts: 0 },
        cancelled: "Cancelled before anything was written: the workbook is unchanged.",
        syncs: session?.syncs ?? 0,
        elapsedMs: Math.round(now() - t0),
      };
    }
    throw toActionError(e, "predicting the customers");
  }
}

/** Reads the mapped columns and fits the models. Nothing is written. */
async function fitSource(
  s: Session,
  found: LocatedSource,
  settings: SegmentSettings,
  predict: PredictionSettings,
  progress: (step: string, percent: number) => void,
): Promise<{ result: PredictionResult; money: string }> {
  if (found.info.headers.length === 0 || found.rowCount === 0) {
    throw new OfficeActionError(`The sheet "${found.info.sheetName}" has no transactions to predict from.`);
  }
  if (found.info.missing.length) {
    throw new OfficeActionError(
      `Some required columns are not mapped on "${found.info.sheetName}": ${found.info.missing.join(", ")}.`,
    );
  }
  const { table, mapping } = await readSource(s, found, settings, (f) => progress("Reading rows", 2 + 48 * f));
  progress("Fitting the models", 50);
  const base: CalibrationOptions = {
    calibrationEnd: predict.calibrationEnd || LATE_DAY,
    holdoutEnd: predict.holdoutEnd || undefined,
    unit: predict.unit,
    mapping,
    headerRowNumber: found.headerRow + 1,
    dateSystem: settings.dateSystem,
    dateOrder: settings.dateOrder,
    monetarySource: settings.monetarySource,
  };
  try {
    const data = table;
    let summary = summarizeCalibration(data, base);
    const end = predict.calibrationEnd ? summary.calibrationEnd : summary.lastDate;
    const holdoutEnd = predict.holdoutEnd || summary.lastDate <= end ? base.holdoutEnd : summary.lastDate;
    if (end !== summary.calibrationEnd || holdoutEnd !== base.holdoutEnd) {
      summary = summarizeCalibration(data, { ...base, calibrationEnd: end, holdoutEnd });
    }
    const result = predictFromSummary(summary, { horizon: predict.horizon, discountRate: predict.discountRate });
    return { result, money: moneyFormat(table, mapping) };
  } catch (e) {
    throw toActionError(e, "fitting the prediction models");
  }
}

/** The money format the RFM run gives Monetary: by the customers' most common country (cells.ts). */
function moneyFormat(table: ColumnTable, mapping: Partial<Record<Field, string>>): string {
  const country = mapping.country ? table.headers.indexOf(mapping.country) : -1;
  const customer = mapping.customer ? table.headers.indexOf(mapping.customer) : -1;
  if (country < 0 || customer < 0) return currencyFormat([]);
  const byCustomer = new Map<string, string>();
  const ids = table.columns[customer];
  const countries = table.columns[country];
  for (let i = 0; i < ids.length; i++) byCustomer.set(String(ids[i]), String(countries[i] ?? ""));
  return currencyFormat(byCustomer.values());
}

/** Plans the sheet, writes the columns, then the sheet, and saves the record. */
async function writeOutputs(
  s: Session,
  { marker, money }: { marker: OutputsMarker; money: string },
  result: PredictionResult,
  settings: SegmentSettings,
  options: RunOptions,
  progress: (step: string, percent: number) => void,
): Promise<Omit<PredictionSummary, "syncs" | "elapsedMs">> {
  progress("Checking earlier results", 70);
  const target = await locateCustomers(s, marker, money);
  const before = await fingerprintSheets(s, [target.sheetName]);
  const untouched = before.get(target.sheetName) === target.record.fingerprint;
  const plan = await planOutputs(
    s,
    [{ role: "prediction", baseName: PREDICTION_SHEET }],
    marker,
    options.confirmReplace,
  );
  let m = plan.marker;
  s.throwIfCancelled();
  progress("Writing columns", 75);
  const cols = await writePredictionColumns(s, target, result, (f) => progress("Writing columns", 75 + 15 * f));
  const summary = summaryOf(result, cols.matched, [...result.warnings, ...plan.warnings]);
  if (s.cancelled) {
    await record(s, m, target, untouched, undefined);
    return {
      ...summary,
      cancelled:
        `Cancelled after the prediction columns were written: ${PREDICTION_HEADERS.join(", ")} are complete on ` +
        `"${target.sheetName}"; the ${PREDICTION_SHEET} sheet was not changed.`,
    };
  }
  progress("Drawing charts", 90);
  const sheetPlan = plan.sheets.get("prediction")!;
  const tableName = freeTableName(HOLDOUT_TABLE, plan.tableNames, sheetPlan.replacedTables);
  const sheet = await writePredictionSheet(
    s,
    sheetPlan,
    { result, dateSystem: settings.dateSystem ?? "1900", money: target.money, source: target.sheetName },
    tableName,
    m,
  );
  m = sheet.marker;
  progress("Finishing", 97);
  await record(s, m, target, untouched, { name: sheet.name, sheet: sheet.sheet, tables: sheet.tables });
  progress("Done", 100);
  return { ...summary, outputs: { sheet: sheet.name, columns: [...PREDICTION_HEADERS], charts: sheet.charts } };
}

/**
 * Saves the record: the prediction sheet's fingerprint, and the customer sheet's new one (the columns changed it),
 * unless the analyst had edited that sheet before: then its old fingerprint stays, so the next RFM run still asks.
 */
async function record(
  s: Session,
  marker: OutputsMarker,
  target: CustomersTarget,
  untouched: boolean,
  sheet: { name: string; sheet: Excel.Worksheet; tables: string[] } | undefined,
): Promise<void> {
  const names = [target.sheetName, ...(sheet ? [sheet.name] : [])];
  const prints = await fingerprintSheets(s, names);
  const sheets = marker.sheets.map((r) => {
    if (r.role === "customers" && untouched)
      return { ...r, fingerprint: prints.get(target.sheetName) ?? r.fingerprint };
    if (sheet && r.role === "prediction") {
      return { ...r, id: sheet.sheet.id, name: sheet.name, fingerprint: prints.get(sheet.name) ?? "pending" };
    }
    return r;
  });
  queueSaveMarker(s.context, { ...marker, sheets });
  await s.sync();
}

function summaryOf(
  result: PredictionResult,
  matched: number,
  warnings: string[],
): Omit<PredictionSummary, "syncs" | "elapsedMs"> {
  const s = result.summary;
  return {
    customers: s.ids.length,
    matched,
    unit: s.unit,
    horizon: result.horizon,
    calibrationEnd: iso(s.calibrationEnd)!,
    holdoutEnd: iso(s.holdoutEnd),
    lastDate: iso(s.lastDate)!,
    bgnbd: result.bgnbd.params,
    gammaGamma: result.gammaGamma?.params ?? null,
    holdout: result.holdout ? { actual: result.holdout.actual, expected: result.holdout.expected } : null,
    warnings,
    outputs: { columns: [...PREDICTION_HEADERS], charts: 0 },
  };
}
