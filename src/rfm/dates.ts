/**
 * Reading dates into wall-clock timestamps (ms; the date and time as written, encoded as if UTC; see types.ts).
 *
 * Accepted cells:
 * - Excel serial numbers. 1900 system (default): serial 1 = 1900-01-01, and Excel counts a day 60 = 1900-02-29 that
 *   never existed (the Lotus 1-2-3 bug), so serials ≥ 61 are `(serial - 25569)` days after 1970-01-01 and serials
 *   below 61 are one day later than that formula; the fake day 60 reads as 1900-03-01 00:00 (the same instant as 61).
 *   1904 system (Mac workbooks, when told): serial 0 = 1904-01-01. Fractions are the time of day, rounded to the ms.
 * - ISO text, year first: `2011-12-09`, `2011-12-09 12:50:00`, `2011-12-09T12:50`, `2011/12/09 12:50:00.5`; a
 *   trailing `Z` or `+01:00` is ignored (the time is taken as written).
 * - Day/month text: `9/12/2011 12:50`, `09.12.2011`, `9-12-11 1:05 PM` (two-digit years: 00-29 → 20xx, 30-99 → 19xx,
 *   as Excel reads them). Which part is the day is the DateOrder (`dmy` or `mdy`); `detectDateOrder` decides `auto`.
 * - Month names: `9 Dec 2011`, `09-Dec-2011 12:50`, `Dec 9, 2011`, `December 9 2011`.
 * - JS `Date` objects, read by their UTC fields (exceljs and `new Date("2011-12-09")` produce wall clock as UTC).
 * Anything else (empty, booleans, impossible dates like 2011-02-30) reads as NaN: the caller decides whether that is
 * an excluded row or an error.
 *
 * Cost: the fixed `YYYY-MM-DD HH:MM:SS` form (the Online Retail CSV) is parsed from char codes without allocation;
 * other text goes through one regular expression.
 *
 * Example: `parseDateCell("2011-12-09 12:50:00")` === `Date.UTC(2011, 11, 9, 12, 50)`;
 *          `parseDateCell(40886.5347222222)` === the same instant (Excel serial).
 */

import { RfmError } from "./errors";
import type { Cell } from "./types";

export const MS_PER_DAY = 86400000;
/** Days from 1899-12-30 (the 1900 system's effective day 0 for serials ≥ 61) to 1970-01-01. */
const EPOCH_1900 = 25569;
/** The 1904 system's day 0 is 1904-01-01, 1462 days after the 1900 system's. */
const OFFSET_1904 = 1462;

export type DateSystem = "1900" | "1904";

/** Days from 1970-01-01 to the given proleptic Gregorian date (month 1..12). Howard Hinnant's days_from_civil. */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (m + 9) % 12; // m - 3 for March..December, m + 9 for January and February (one path for every date)
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Leap year. All three tests run for every year, so that compiled date parsing has seen each of them whatever year
 *  comes first (a test first reached on a rare year would send the compiled loop back to the interpreter). */
function isLeap(y: number): boolean {
  const by4 = y % 4 === 0;
  const by100 = y % 100 === 0;
  const by400 = y % 400 === 0;
  return by4 !== by100 || by400; // divisible by 4 but not by 100, or by 400
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  const leap = isLeap(y); // for every month, for the same reason
  return m === 2 && leap ? 29 : MONTH_DAYS[m - 1];
}

/** The first year a date may have: Excel's dates start in 1900, and an earlier year in transaction data is a typo
 *  (`0000-01-01`, `0211-05-03`) that would make every Recency enormous. */
export const MIN_YEAR = 1900;

/** The wall-clock timestamp of a date and time, or NaN when a part is out of range (month 13, 2011-02-29, 24:00,
 *  a year before MIN_YEAR or after 9999). */
export function wallClock(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return NaN;
  if (y < MIN_YEAR || y > 9999) {
    return NaN;
  }
  return daysFromCivil(y, mo, d) * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000 + ms;
}

/** Largest serial Excel shows as a date (9999-12-31) in the 1900 system. */
const MAX_SERIAL_1900 = 2958466;

/**
 * Excel serial date → wall-clock timestamp.
 * @param serial the cell's number (days since Excel's epoch, fraction = time of day)
 * @param system the workbook's date system (default 1900)
 * @returns the timestamp, NaN for negative serials and serials past 9999-12-31
 * @example excelSerialToTimestamp(40887.5) // → Date.UTC(2011, 11, 10, 12)
 */
export function excelSerialToTimestamp(serial: number, system: DateSystem = "1900"): number {
  if (!Number.isFinite(serial) || serial < 0) return NaN;
  let days: number;
  if (system === "1904") {
    if (serial >= MAX_SERIAL_1900 - OFFSET_1904) return NaN;
    days = serial + OFFSET_1904 - EPOCH_1900;
  } else {
    if (serial >= MAX_SERIAL_1900) return NaN;
    // Serials below 61 sit before Excel's fake 1900-02-29, so they are one real day later than the formula says.
    days = serial < 61 ? serial - EPOCH_1900 + 1 : serial - EPOCH_1900;
  }
  return Math.round(days * MS_PER_DAY);
}

/**
 * Wall-clock timestamp → Excel serial date (what an adapter writes into a date cell).
 * @param ms timestamp (ms, wall clock)
 * @param system the workbook's date system (default 1900)
 * @returns the serial number
 * @example timestampToExcelSerial(Date.UTC(2011, 11, 9, 12)) // → 40886.5
 */
export function timestampToExcelSerial(ms: number, system: DateSystem = "1900"): number {
  let days = ms / MS_PER_DAY + EPOCH_1900;
  if (system === "1904") return days - OFFSET_1904;
  if (days < 61) days -= 1;
  return days;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

/** "00" to "99". */
const TWO_DIGITS: string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? "0" : "") + String(i));
/** 1000-01-01 00:00 and 10000-01-01 00:00: between them a year has four digits. */
const ARITHMETIC_MIN = daysFromCivil(1000, 1, 1) * MS_PER_DAY;
const ARITHMETIC_END = daysFromCivil(10000, 1, 1) * MS_PER_DAY;

/**
 * A wall-clock timestamp as text.
 * @param ms timestamp (ms on the wall-clock time line, see types.ts)
 * @param withTime false for the date only
 * @returns `YYYY-MM-DD HH:MM:SS`, or `YYYY-MM-DD`
 * @example formatTimestamp(Date.UTC(2011, 11, 10, 12, 50)) // → "2011-12-10 12:50:00"
 */
export function formatTimestamp(ms: number, withTime = true): string {
  // Years 1000 to 9999 (every date the engine reads) from integer arithmetic: a result file formats two per customer, and
  // a Date object with six getters and padded strings costs more. Other values (NaN, far years) go
  // through Date, which the arithmetic matches within that range (tested value for value).
  if (!(ms >= ARITHMETIC_MIN && ms < ARITHMETIC_END)) return formatWithDate(ms, withTime);
  const t = Math.trunc(ms); // as new Date(ms) keeps it
  const days = Math.floor(t / MS_PER_DAY);
  // Howard Hinnant's civil_from_days (days ≥ 0 from 0000-03-01 here, so one era formula serves every date).
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const date = `${y}-${TWO_DIGITS[m]}-${TWO_DIGITS[d]}`;
  if (!withTime) return date;
  const sec = Math.floor((t - days * MS_PER_DAY) / 1000);
  const h = Math.floor(sec / 3600);
  const min = Math.floor(sec / 60) - h * 60;
  return `${date} ${TWO_DIGITS[h]}:${TWO_DIGITS[min]}:${TWO_DIGITS[sec % 60]}`;
}

/**
 * formatTimestamp through a Date object, for any timestamp (NaN gives "NaN-NaN-NaN ...").
 * @internal exported for the test that checks formatTimestamp's arithmetic against it
 */
export function formatWithDate(ms: number, withTime = true): string {
  const d = new Date(ms);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (!withTime) return date;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * Fast path for exactly `YYYY-MM-DD HH:MM:SS` (19 chars, also with `T`): char-code arithmetic, no allocation.
 * Returns NaN when the text has another shape, so callers fall back to `parseDateText`.
 */
export function parseFixedIso(s: string): number {
  if (s.length !== 19) return NaN;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) {
    return NaN;
  }
  const sep = s.charCodeAt(10);
  if (sep !== 32 && sep !== 84) return NaN;
  const y = d2(s, 0) * 100 + d2(s, 2);
  const mo = d2(s, 5);
  const d = d2(s, 8);
  const h = d2(s, 11);
  const mi = d2(s, 14);
  const se = d2(s, 17);
  // d2 returns a large negative number for a non-digit, which every range check below rejects.
  if ((y | mo | d | h | mi | se) < 0) return NaN;
  return wallClock(y, mo, d, h, mi, se);
}

/** Two decimal digits at `i`, or -10000 when either is not a digit. */
function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9) return -10000;
  return a * 10 + b;
}

const TIME = String.raw`(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp][Mm])?)?`;
const ZONE = String.raw`\s*(?:Z|[+-]\d{2}:?\d{2})?`;
const ISO_RE = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})` + TIME + ZONE + "$");
const DM_RE = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})` + TIME + "$");
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const NAME_DMY_RE = new RegExp(String.raw`^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ ,-]+(\d{4}|\d{2})` + TIME + "$");
const NAME_MDY_RE = new RegExp(String.raw`^([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})` + TIME + "$");

function monthFromName(name: string): number {
  const n = name.toLowerCase();
  const i = MONTHS.indexOf(n.slice(0, 3));
  if (i < 0) return 0;
  // Accept "Sep", "Sept", "September" but not arbitrary words starting with a month's letters.
  const full = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
  ][i];
  return n.length === 3 || full === n || (i === 8 && n === "sept") ? i + 1 : 0;
}

function twoDigitYear(y: string): number {
  const v = Number(y);
  if (y.length !== 2) return v;
  return v < 30 ? 2000 + v : 1900 + v;
}

/** Time groups (h, mi, s, fraction, am/pm) starting at `m[k]` → [h, mi, s, ms], or null when out of range. */
function timeParts(m: RegExpExecArray, k: number): [number, number, number, number] | null {
  if (m[k] === undefined) return [0, 0, 0, 0];
  let h = Number(m[k]);
  const mi = Number(m[k + 1]);
  const s = m[k + 2] === undefined ? 0 : Number(m[k + 2]);
  const ms = m[k + 3] === undefined ? 0 : Math.round(Number("0." + m[k + 3]) * 1000);
  const ampm = m[k + 4];
  if (ampm !== undefined) {
    if (h < 1 || h > 12) return null;
    const pm = ampm[0] === "p" || ampm[0] === "P";
    h = (h % 12) + (pm ? 12 : 0);
  }
  return [h, mi, s, ms];
}

/** The two leading numbers of a day/month-form date text (`9/12/2011` → [9, 12]), or null for other shapes. */
export function dayMonthParts(s: string): [number, number] | null {
  const m = DM_RE.exec(s.trim());
  return m ? [Number(m[1]), Number(m[3])] : null;
}

/** Text date → wall-clock timestamp, NaN when unreadable. `order` says which of `a/b/yyyy` is the day. */
export function parseDateText(text: string, order: "dmy" | "mdy" = "dmy"): number {
  const fast = parseFixedIso(text);
  if (fast === fast) return fast; // not NaN
  const s = text.trim();
  if (s === "") return NaN;
  let m = ISO_RE.exec(s);
  if (m) {
    const t = timeParts(m, 4);
    return t ? wallClock(Number(m[1]), Number(m[2]), Number(m[3]), t[0], t[1], t[2], t[3]) : NaN;
  }
  m = DM_RE.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const t = timeParts(m, 5);
    if (!t) return NaN;
    const [d, mo] = order === "dmy" ? [a, b] : [b, a];
    return wallClock(twoDigitYear(m[4]), mo, d, t[0], t[1], t[2], t[3]);
  }
  m = NAME_DMY_RE.exec(s);
  if (m) {
    const mo = monthFromName(m[2]);
    const t = timeParts(m, 4);
    return mo && t ? wallClock(twoDigitYear(m[3]), mo, Number(m[1]), t[0], t[1], t[2], t[3]) : NaN;
  }
  m = NAME_MDY_RE.exec(s);
  if (m) {
    const mo = monthFromName(m[1]);
    const t = timeParts(m, 4);
    return mo && t ? wallClock(Number(m[3]), mo, Number(m[2]), t[0], t[1], t[2], t[3]) : NaN;
  }
  return NaN;
}

export interface DateReadOptions {
  dateSystem?: DateSystem;
  /** Resolved order for day/month text (detect `auto` first with `detectDateOrder`). */
  dateOrder?: "dmy" | "mdy";
}

/** Any cell → wall-clock timestamp, NaN when it is not a readable date. */
export function parseDateCell(value: Cell | Date, options: DateReadOptions = {}): number {
  if (typeof value === "string") return parseDateText(value, options.dateOrder ?? "dmy");
  if (typeof value === "number") return excelSerialToTimestamp(value, options.dateSystem ?? "1900");
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isNaN(t) || value.getUTCFullYear() < MIN_YEAR ? NaN : t;
  }
  return NaN;
}

export interface DateOrderDetection {
  order: "dmy" | "mdy";
  /** How the order was decided: from the data, or assumed because no text date told day from month. */
  evidence: "dmy" | "mdy" | "none";
  /** True when at least one day/month-form text date was seen (only then does the order matter). */
  sawDayMonthText: boolean;
}

/**
 * Decides `auto` date order from the day/month-form text dates of a column: a first part > 12 can only be a day
 * (dmy), a second part > 12 only a day (mdy). Both kinds in one column is an error naming a row of each kind.
 * Cost: one regular expression per distinct text cell (consecutive repeats are skipped).
 * `firstRowNumber` is the sheet row number of `values[0]`, for messages.
 */
export function detectDateOrder(values: ArrayLike<Cell>, firstRowNumber = 2, column = "date"): DateOrderDetection {
  let dmyRow = -1;
  let mdyRow = -1;
  let dmyText = "";
  let mdyText = "";
  let saw = false;
  let last: unknown = undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "string" || v === last) continue;
    last = v;
    if (v.length === 19 && v.charCodeAt(4) === 45) continue; // fixed ISO: year first, no ambiguity
    const p = dayMonthParts(v);
    if (!p) continue;
    saw = true;
    if (p[0] > 12 && p[1] <= 12 && dmyRow < 0) {
      dmyRow = firstRowNumber + i;
      dmyText = v;
    } else if (p[1] > 12 && p[0] <= 12 && mdyRow < 0) {
      mdyRow = firstRowNumber + i;
      mdyText = v;
    }
    if (dmyRow >= 0 && mdyRow >= 0) {
      throw new RfmError(
        "badDate",
        `Column "${column}" mixes day-first and month-first dates: row ${dmyRow} has "${dmyText}" (day first) ` +
          `and row ${mdyRow} has "${mdyText}" (month first). Fix the column or choose the date order explicitly.`,
        { rows: [dmyRow, mdyRow], column },
      );
    }
  }
  if (dmyRow >= 0) return { order: "dmy", evidence: "dmy", sawDayMonthText: saw };
  if (mdyRow >= 0) return { order: "mdy", evidence: "mdy", sawDayMonthText: saw };
  return { order: "dmy", evidence: "none", sawDayMonthText: saw };
}

/**
 * The snapshot option → timestamp: a number is a wall-clock timestamp (ms), a Date is read by its UTC fields, a
 * string must be a readable date (ISO `2006-12-31` is the documented form).
 * @param value the snapshot option
 * @returns the timestamp
 * @throws RfmError("badOption") for anything unreadable
 * @example parseSnapshot("2011-12-10") // → Date.UTC(2011, 11, 10)
 */
export function parseSnapshot(value: number | string | Date): number {
  let t = NaN;
  if (typeof value === "number") t = value;
  else if (typeof value === "string") t = parseDateText(value, "dmy");
  else if (value instanceof Date) t = value.getTime();
  if (!Number.isFinite(t)) {
    throw new RfmError(
      "badOption",
      `Snapshot date ${JSON.stringify(String(value))} cannot be read; write it as YYYY-MM-DD (e.g. 2011-12-10).`,
    );
  }
  return t;
}
