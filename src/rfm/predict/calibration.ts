/**
 * From transactions to the per-customer calibration summary the BTYD models work on (Fader, Hardie & Lee 2005,
 * section 2: x, t_x, T), plus the holdout actuals.
 *
 * - A purchase is a customer-day: transactions of one customer on one day merge, their values summed.
 * - x = purchase days in the calibration period − 1; t_x = whole days from the first to the last purchase day in the
 *   calibration period; T = whole days from the first purchase day to the calibration end day (a purchase on the
 *   calibration end day is inside the period); t_x and T are divided by the unit (day 1, week 7, month 365.25/12).
 * - Customers whose first purchase is after the calibration end are not in the model (counted).
 * - Holdout: purchase days after the calibration end up to and including the holdout end day.
 * - Cleaning, whatever the RFM run's cleaning flags: rows without a customer, cancellations (invoice starting with
 *   "C"), rows with a negative quantity and rows with a negative value are dropped, each counted; a zero quantity or
 *   value is still a purchase (the papers count CDNOW's $0 first purchases). The spend model later uses only
 *   customers whose mean repeat value is above 0.
 */

import { resolveColumns, resolveMoney } from "../columns";
import { sortCustomerOrder } from "../customerId";
import { MS_PER_DAY, formatTimestamp, parseDateText } from "../dates";
import { RfmError } from "../errors";
import { readRows, viewTable } from "../read";
import { PredictError, warning, type PredictionWarning } from "./diagnostics";
import type { DateOrder, ExclusionEntry, Field, MonetarySource, TableInput } from "../types";

export type TimeUnit = "day" | "week" | "month";

/** Days per time unit: a month is 365.25 / 12 days. */
export const UNIT_DAYS: Record<TimeUnit, number> = { day: 1, week: 7, month: 365.25 / 12 };

export interface CalibrationOptions {
  /** Last day of the calibration period (ISO `YYYY-MM-DD`, a wall-clock timestamp or a Date; the time is ignored). */
  calibrationEnd: string | number | Date;
  /** Last day of the holdout period (optional; after the calibration end). */
  holdoutEnd?: string | number | Date;
  /** Time unit of t_x, T and every prediction (default `week`). */
  unit?: TimeUnit;
  /** Column mapping, as for the RFM run. */
  mapping?: Partial<Record<Field, string>>;
  headerRowNumber?: number;
  dateSystem?: "1900" | "1904";
  dateOrder?: DateOrder;
  monetarySource?: MonetarySource;
  /** Decimal mark of amounts written as text, as for the RFM run (default `auto`: detected from the data). */
  decimalMark?: "." | "," | "auto";
}

export interface CalibrationSummary {
  unit: TimeUnit;
  unitDays: number;
  /** Calibration end day and holdout end day as wall-clock timestamps at midnight (holdout null when not given). */
  calibrationEnd: number;
  holdoutEnd: number | null;
  /** Holdout length in the unit (null without a holdout end). */
  holdoutLength: number | null;
  /** Customer ids in customer order (numeric ids numerically); every array below is in this order. */
  ids: string[];
  x: Int32Array;
  tx: Float64Array;
  T: Float64Array;
  /** Day number (days since 1970-01-01) of each customer's first purchase. */
  firstDay: Int32Array;
  /** Value of the first purchase day (not used by the spend model, by the papers' convention). */
  firstValue: Float64Array;
  /** Mean value of the repeat purchases in the calibration period (NaN when x = 0). */
  meanRepeatValue: Float64Array;
  /** Purchase days in the holdout period (0 without a holdout end) and their total value. */
  holdoutPurchases: Int32Array;
  holdoutValue: Float64Array;
  /** Repeat purchases (all customers) per day, from `firstDate`'s day to the holdout end (or calibration end). */
  dailyRepeats: Int32Array;
  /** Earliest and latest purchase day in the cleaned data (timestamps at midnight). */
  firstDate: number;
  lastDate: number;
  rowsRead: number;
  rowsUsed: number;
  /** Cleaning log: each rule and the rows it removed. */
  exclusions: ExclusionEntry[];
  /** Customers whose first purchase is after the calibration end (not in the model). */
  lateCustomers: number;
  /** Calibration purchase days whose value is 0 (kept as purchases). */
  zeroValuePurchases: number;
  /** The warnings below as sentences (same order). */
  warnings: string[];
  diagnostics: PredictionWarning[];
}

/** Reads a day option; throws RfmError badOption naming the option. */
export function parseDay(value: string | number | Date, name: string): number {
  let t = NaN;
  if (typeof value === "number") t = value;
  else if (typeof value === "string") t = parseDateText(value.trim(), "dmy");
  else if (value instanceof Date) t = value.getTime();
  if (!Number.isFinite(t)) {
    throw new RfmError("badOption", `${name} ${JSON.stringify(String(value))} cannot be read; write it as YYYY-MM-DD.`);
  }
  return Math.floor(t / MS_PER_DAY);
}

function checkUnit(unit: unknown): TimeUnit {
  if (unit === "day" || unit === "week" || unit === "month") return unit;
  throw new RfmError("badOption", `Unknown time unit ${JSON.stringify(unit)}; use day, week or month.`);
}

interface CleanPurchases {
  customer: Int32Array;
  day: Int32Array;
  value: Float64Array;
  count: number;
  customerIds: string[];
  rowsRead: number;
  exclusions: ExclusionEntry[];
  warnings: string[];
}

/** Reads and cleans the rows with the models' rules (see the top of the file). */
function readPurchases(table: TableInput, options: CalibrationOptions): CleanPurchases {
  const view = viewTable(table);
  const mapping = resolveColumns(view.headers, options.mapping, { monetarySource: options.monetarySource });
  const plan = resolveMoney(mapping, view.headers, options.monetarySource ?? "auto");
  const rows = readRows(view, mapping, plan, {
    headerRowNumber: options.headerRowNumber,
    dateSystem: options.dateSystem,
    dateOrder: options.dateOrder,
    decimalMark: options.decimalMark,
    cleaning: {
      dropMissingCustomer: true,
      dropCancelledInvoices: true,
      dropNegativeQuantity: true,
      dropNonPositivePrice: false,
      dropUnparsableDates: true,
    },
  });
  const n = rows.rowCount;
  const customer = new Int32Array(rows.keptCount);
  const day = new Int32Array(rows.keptCount);
  const value = new Float64Array(rows.keptCount);
  let count = 0;
  let negative = 0;
  const examples: number[] = [];
  const firstRow = (options.headerRowNumber ?? 1) + 1;
  for (let i = 0; i < n; i++) {
    const c = rows.customer[i];
    if (c < 0) continue;
    const v = rows.money[i];
    if (v < 0) {
      if (examples.length < 20) examples.push(firstRow + i);
      negative++;
      continue;
    }
    customer[count] = c;
    day[count] = Math.floor(rows.time[i] / MS_PER_DAY);
    value[count] = v;
    count++;
  }
  const exclusions = rows.exclusions.slice();
  exclusions.push({
    rule: "negativeValue",
    description: plan.source === "lines" ? "Rows with a negative unit price" : "Rows with a negative amount",
    count: negative,
    exampleRows: examples,
  });
  return {
    customer,
    day,
    value,
    count,
    customerIds: rows.customerIds,
    rowsRead: n,
    exclusions,
    warnings: rows.warnings.slice(),
  };
}

/**
 * The calibration summary of a transaction table: per customer x, t_x, T, the mean repeat value and the holdout
 * actuals.
 *
 * @param table transactions (a row table with a header row, or a column table), as for the RFM run
 * @param options calibration end (required), holdout end, unit, and the RFM run's column mapping options
 * @returns per-customer arrays in customer order, the cleaning log and warnings
 * @throws RfmError missingColumn (as the RFM run), badOption (unreadable dates, holdout end not after the calibration
 *   end, unknown unit); PredictError (an RfmError) noCustomers when nothing is left after cleaning (reason
 *   noPurchases), every purchase is on one day (oneDay) or the calibration end is before the first purchase
 *   (calibrationBeforeData)
 * @example summarizeCalibration(cdnow, { calibrationEnd: "1997-09-30", holdoutEnd: "1998-06-30" }).ids.length // 2357
 */
export function summarizeCalibration(table: TableInput, options: CalibrationOptions): CalibrationSummary {
  const unit = checkUnit(options.unit ?? "week");
  const unitDays = UNIT_DAYS[unit];
  const calDay = parseDay(options.calibrationEnd, "Calibration end");
  const holdDay = options.holdoutEnd === undefined ? null : parseDay(options.holdoutEnd, "Holdout end");
  if (holdDay !== null && holdDay <= calDay) {
    throw new RfmError(
      "badOption",
      `The holdout end (${dayText(holdDay)}) must be after the calibration end (${dayText(calDay)}).`,
    );
  }
  const p = readPurchases(table, options);
  if (p.count === 0) {
    const removed = p.exclusions.filter((e) => e.count > 0).map((e) => `${e.description}: ${e.count}`);
    throw new PredictError(
      "noCustomers",
      "noPurchases",
      `No purchases left after cleaning${removed.length ? ` (${removed.join("; ")})` : ""}.`,
    );
  }
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let k = 0; k < p.count; k++) {
    if (p.day[k] < minDay) minDay = p.day[k];
    if (p.day[k] > maxDay) maxDay = p.day[k];
  }
  if (minDay === maxDay) {
    throw new PredictError(
      "noCustomers",
      "oneDay",
      `Every purchase is on one day (${dayText(minDay)}): the models learn how often customers come back and ` +
        `when they stop from purchases spread over time. Use data covering a longer period.`,
    );
  }
  if (calDay < minDay) {
    throw new PredictError(
      "noCustomers",
      "calibrationBeforeData",
      `The calibration end (${dayText(calDay)}) is before the first purchase (${dayText(minDay)}): no customer is ` +
        `in the calibration period. Choose a calibration end between ${dayText(minDay)} and ${dayText(maxDay)}.`,
    );
  }
  const summary = aggregate(p, { calDay, holdDay, minDay, maxDay, unit, unitDays });
  const add = (w: PredictionWarning): void => {
    summary.diagnostics.push(w);
    summary.warnings.push(w.message);
  };
  if (calDay >= maxDay) {
    add(
      warning(
        "calibrationAfterData",
        `The calibration end (${dayText(calDay)}) is on or after the last purchase (${dayText(maxDay)}): every ` +
          `purchase is in the calibration period, so there is nothing to check the predictions against.`,
      ),
    );
  } else if (holdDay !== null && holdDay > maxDay) {
    add(
      warning(
        "holdoutAfterData",
        `The holdout end (${dayText(holdDay)}) is after the last purchase in the data (${dayText(maxDay)}): the ` +
          `holdout actuals stop there, while the expected purchases cover the whole holdout period.`,
      ),
    );
  }
  return summary;
}

function dayText(day: number): string {
  return formatTimestamp(day * MS_PER_DAY, false);
}

interface Window {
  calDay: number;
  holdDay: number | null;
  minDay: number;
  maxDay: number;
  unit: TimeUnit;
  unitDays: number;
}

/** Per customer-day values (merged), then per customer x, t_x, T, mean repeat value and holdout counts. */
function aggregate(p: CleanPurchases, w: Window): CalibrationSummary {
  const nc = p.customerIds.length;
  const first = new Int32Array(nc).fill(2 ** 31 - 1);
  for (let k = 0; k < p.count; k++) if (p.day[k] < first[p.customer[k]]) first[p.customer[k]] = p.day[k];
  const span = w.maxDay - w.minDay + 1;
  const days = new Map<number, number>();
  for (let k = 0; k < p.count; k++) {
    const key = p.customer[k] * span + (p.day[k] - w.minDay);
    days.set(key, (days.get(key) ?? 0) + p.value[k]);
  }
  const calDays = new Int32Array(nc);
  const last = Int32Array.from(first);
  const repeatSum = new Float64Array(nc);
  const firstValue = new Float64Array(nc);
  const hold = new Int32Array(nc);
  const holdValue = new Float64Array(nc);
  const endDay = w.holdDay ?? w.calDay;
  const daily = new Int32Array(Math.max(0, endDay - w.minDay + 1));
  let zero = 0;
  for (const [key, v] of days) {
    const c = Math.floor(key / span);
    const d = key - c * span + w.minDay;
    if (first[c] > w.calDay) continue;
    if (d <= w.calDay) {
      calDays[c]++;
      if (d > last[c]) last[c] = d;
      if (d === first[c]) firstValue[c] = v;
      else repeatSum[c] += v;
      if (v === 0) zero++;
    } else if (w.holdDay !== null && d <= w.holdDay) {
      hold[c]++;
      holdValue[c] += v;
    }
    if (d !== first[c] && d <= endDay) daily[d - w.minDay]++;
  }
  const members: number[] = [];
  for (let c = 0; c < nc; c++) if (first[c] <= w.calDay) members.push(c);
  const ids = members.map((c) => p.customerIds[c]);
  const order = sortCustomerOrder(ids);
  const m = members.length;
  const out = {
    ids: new Array<string>(m),
    x: new Int32Array(m),
    tx: new Float64Array(m),
    T: new Float64Array(m),
    firstDay: new Int32Array(m),
    firstValue: new Float64Array(m),
    meanRepeatValue: new Float64Array(m),
    holdoutPurchases: new Int32Array(m),
    holdoutValue: new Float64Array(m),
  };
  for (let k = 0; k < m; k++) {
    const c = members[order[k]];
    const x = calDays[c] - 1;
    out.ids[k] = p.customerIds[c];
    out.x[k] = x;
    out.tx[k] = (last[c] - first[c]) / w.unitDays;
    out.T[k] = (w.calDay - first[c]) / w.unitDays;
    out.firstDay[k] = first[c];
    out.firstValue[k] = firstValue[c];
    out.meanRepeatValue[k] = x > 0 ? repeatSum[c] / x : NaN;
    out.holdoutPurchases[k] = hold[c];
    out.holdoutValue[k] = holdValue[c];
  }
  return {
    unit: w.unit,
    unitDays: w.unitDays,
    calibrationEnd: w.calDay * MS_PER_DAY,
    holdoutEnd: w.holdDay === null ? null : w.holdDay * MS_PER_DAY,
    holdoutLength: w.holdDay === null ? null : (w.holdDay - w.calDay) / w.unitDays,
    ...out,
    dailyRepeats: daily,
    firstDate: w.minDay * MS_PER_DAY,
    lastDate: w.maxDay * MS_PER_DAY,
    rowsRead: p.rowsRead,
    rowsUsed: p.count,
    exclusions: p.exclusions,
    lateCustomers: nc - m - countEmpty(first),
    zeroValuePurchases: zero,
    warnings: p.warnings.slice(),
    diagnostics: p.warnings.map((m) => warning("data", m)),
  };
}

/** Customers interned by the reader whose every row was removed by cleaning (never bought). */
function countEmpty(first: Int32Array): number {
  let n = 0;
  for (let c = 0; c < first.length; c++) if (first[c] === 2 ** 31 - 1) n++;
  return n;
}
