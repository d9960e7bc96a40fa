/**
 * How Excel stores what `Range.values` / `Range.formulas` write, and how it shows a stored value as `Range.text`.
 *
 * Writing (as Excel parses typed input, en-US): `null` leaves the cell; `""` clears it; numbers and booleans are
 * stored as they are (NaN/Infinity serialize as JSON `null`, so they too leave the cell unchanged); a string is
 * - text when the cell's number format is "@" or the string starts with an apostrophe (which is dropped);
 * - a formula when it starts with "=" (or with "+"/"-" and is not a number) — the formula text is kept, never
 *   evaluated (the simulation has no calculation engine; `values` then reads the formula text);
 * - a number when it reads as one ("123", "-1.5e3", "1,234", "12%"): Excel turns "555" into the number 555;
 * - a boolean for "TRUE"/"FALSE" (any case), an error value for "#N/A", "#DIV/0!" and the other error literals;
 * - a date serial for ISO dates "2011-12-09" or "2011-12-09 08:26[:00]" and for en-US date shapes "3/4", "1-2",
 *   "3/4/2011", "12-Jan", "24-Mar-2011", "Mar-24", "Mar 2024" (the cell then gets a date format);
 * - text otherwise.
 *
 * Reading: `text` formats the value with the cell's number format (General, 0/0.00/#,##0.00, %, currency and
 * literal prefixes, sections for negatives, and date/time codes yyyy mm dd hh mm ss AM/PM). Dates are serial
 * numbers in the 1900 system (1 Jan 2000 = 36526, with Excel's phantom 29 Feb 1900).
 *
 * Cost: constant per cell; strings are tested by their first character before any regular expression runs.
 */
import {
  DateOf,
  abs,
  dateUTC,
  floor,
  isFiniteNumber,
  isInteger,
  log10,
  max,
  parseDecimal,
  round,
  toNumber,
  toText,
} from "./fast";

/** An Excel error value (#N/A, #DIV/0! ...). Reads as its text, `valueTypes` says "Error". */
export class CellError {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
  toJSON(): string {
    return this.text;
  }
}

export type Stored = string | number | boolean | CellError;

export const ERROR_LITERALS = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
]);

/** What writing one input cell does. */
export type Parsed =
  | { kind: "skip" }
  | { kind: "clear" }
  | { kind: "value"; value: Stored; format?: string }
  | { kind: "formula"; formula: string };

const SKIP: Parsed = { kind: "skip" };
const CLEAR: Parsed = { kind: "clear" };

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const THOUSANDS_RE = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;
const PERCENT_RE = /^[+-]?(\d+\.?\d*|\.\d+)%$/;
const TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?$/;

/** Days from 1899-12-30 (so that serial 1 = 1900-01-01 once the phantom 29 Feb 1900 is accounted for). */
export function dateToSerial(y: number, m: number, d: number, hh = 0, mm = 0, ss = 0): number {
  const days = round((dateUTC(y, m - 1, d) - dateUTC(1899, 11, 30)) / 86400000);
  // Excel counts 29 Feb 1900, which did not exist: serials before 1 Mar 1900 are one less.
  const serial = days < 61 ? days - 1 : days;
  return serial + (hh * 3600 + mm * 60 + ss) / 86400;
}

/** Serial → calendar parts (UTC arithmetic, no time zone involved). */
export function serialToParts(serial: number): {
  y: number;
  m: number;
  d: number;
  hh: number;
  mi: number;
  ss: number;
  dow: number;
} {
  let whole = floor(serial);
  let secs = round((serial - whole) * 86400);
  if (secs >= 86400) {
    whole += 1;
    secs -= 86400;
  }
  if (whole === 60) {
    return { y: 1900, m: 2, d: 29, hh: floor(secs / 3600), mi: floor(secs / 60) % 60, ss: secs % 60, dow: 3 };
  }
  const days = whole < 60 ? whole + 1 : whole;
  const t = dateUTC(1899, 11, 30) + days * 86400000;
  const dt = new DateOf(t);
  return {
    y: dt.getUTCFullYear(),
    m: dt.getUTCMonth() + 1,
    d: dt.getUTCDate(),
    hh: floor(secs / 3600),
    mi: floor(secs / 60) % 60,
    ss: secs % 60,
    dow: dt.getUTCDay(),
  };
}

/**
 * Parses one written cell. `isTextFormat`: the cell's number format is "@" (then strings stay text).
 * Throws a string describing the problem for inputs Excel cannot take (objects, functions).
 */
export function parseInput(v: unknown, isTextFormat: boolean): Parsed {
  if (v === null || v === undefined) return SKIP;
  switch (typeof v) {
    case "number":
      // JSON turns NaN/Infinity into null, and null leaves the cell unchanged.
      return isFiniteNumber(v) ? { kind: "value", value: v === 0 ? 0 : v } : SKIP;
    case "boolean":
      return { kind: "value", value: v };
    case "string":
      return parseString(v, isTextFormat);
    case "object":
      // JSON sends a Date as its ISO string ("2011-12-09T08:26:00.000Z"), which Excel keeps as text.
      if (v instanceof Date) return { kind: "value", value: v.toJSON() };
      throw `an object (${Object.prototype.toString.call(v)}) is not a cell value; write strings, numbers or booleans`;
    default:
      throw `a ${typeof v} is not a cell value; write strings, numbers or booleans`;
  }
}

function parseString(s: string, isTextFormat: boolean): Parsed {
  if (s === "") return CLEAR;
  if (isTextFormat) return { kind: "value", value: s };
  const c = s.charCodeAt(0);
  if (c === 39 /* ' */) return s.length === 1 ? CLEAR : { kind: "value", value: s.slice(1) };
  if (c === 61 /* = */) return s.length === 1 ? { kind: "value", value: s } : { kind: "formula", formula: s };
  const numberish = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 32;
  if (numberish) {
    const t = s.trim();
    if (NUMBER_RE.test(t)) return { kind: "value", value: toNumber(t) || 0 };
    if (THOUSANDS_RE.test(t)) return { kind: "value", value: toNumber(t.replace(/,/g, "")) || 0, format: "#,##0" };
    if (PERCENT_RE.test(t)) {
      const n = toNumber(t.slice(0, -1)) / 100;
      return { kind: "value", value: n || 0, format: isInteger(n * 100) ? "0%" : "0.00%" };
    }
    const m = ISO_DATE_RE.exec(t);
    if (m) {
      const y = toNumber(m[1]);
      const mo = toNumber(m[2]);
      const d = toNumber(m[3]);
      const probe = new DateOf(dateUTC(y, mo - 1, d));
      if (y >= 1900 && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d) {
        const hasTime = m[4] !== undefined;
        const hh = hasTime ? toNumber(m[4]) : 0;
        const mi = hasTime ? toNumber(m[5]) : 0;
        const ss = m[6] !== undefined ? toNumber(m[6]) : 0;
        if (hh < 24 && mi < 60 && ss < 60) {
          return {
            kind: "value",
            value: dateToSerial(y, mo, d, hh, mi, ss),
            format: hasTime ? "m/d/yyyy h:mm" : "m/d/yyyy",
          };
        }
      }
    }
    const tm = TIME_RE.exec(t);
    if (tm) {
      const hh = toNumber(tm[1]);
      const mi = toNumber(tm[2]);
      const ss = tm[3] !== undefined ? toNumber(tm[3]) : 0;
      if (hh < 24 && mi < 60 && ss < 60)
        return {
          kind: "value",
          value: (hh * 3600 + mi * 60 + ss) / 86400,
          format: tm[3] !== undefined ? "h:mm:ss" : "h:mm",
        };
    }
    const shaped = parseDateShape(t);
    if (shaped) return shaped;
    // "+x" / "-x" that is not a number is typed as a formula in Excel.
    if ((c === 43 || c === 45) && s.length > 1) return { kind: "formula", formula: "=" + s };
    return { kind: "value", value: s };
  }
  if (c === 35 /* # */ && ERROR_LITERALS.has(s.toUpperCase()))
    return { kind: "value", value: new CellError(s.toUpperCase()) };
  if (s.length === 4 || s.length === 5) {
    const u = s.toUpperCase();
    if (u === "TRUE") return { kind: "value", value: true };
    if (u === "FALSE") return { kind: "value", value: false };
  }
  if (s.length <= 14 && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) {
    const shaped = parseDateShape(s.trim());
    if (shaped) return shaped;
  }
  return { kind: "value", value: s };
}

/** en-US typed dates: "3/4" and "1-2" (month/day, this year), "3/4/2011", "12-Jan", "24-Mar-2011", "Mar-24" (a
 *  possible day: that day this year, else the year), "Mar 2024". */
const MD_RE = /^(\d{1,2})[-/](\d{1,2})(?:[-/](\d{2}|\d{4}))?$/;
const D_MON_RE = /^(\d{1,2})[-\s]([A-Za-z]{3,9})(?:[-\s](\d{2}|\d{4}))?$/;
const MON_N_RE = /^([A-Za-z]{3,9})[-\s](\d{1,4})$/;

function monthOf(name: string): number {
  const n = name.toLowerCase();
  for (let i = 0; i < 12; i++) {
    const full = MONTHS[i].toLowerCase();
    if (full === n || (n.length === 3 && full.startsWith(n)) || (i === 8 && n === "sept")) return i + 1;
  }
  return 0;
}

/** Two-digit years as Excel reads them: 00-29 → 2000s, 30-99 → 1900s. */
function fullYear(y: string | undefined): number {
  if (y === undefined) return new DateOf().getUTCFullYear();
  const n = toNumber(y);
  return y.length === 4 ? n : n < 30 ? 2000 + n : 1900 + n;
}

function dateValue(y: number, m: number, d: number, format: string): Parsed | undefined {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 9999) return undefined;
  const probe = new DateOf(dateUTC(y, m - 1, d));
  if (probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return undefined;
  return { kind: "value", value: dateToSerial(y, m, d), format };
}

function parseDateShape(t: string): Parsed | undefined {
  let m = MD_RE.exec(t);
  if (m) return dateValue(fullYear(m[3]), toNumber(m[1]), toNumber(m[2]), m[3] ? "m/d/yyyy" : "d-mmm");
  m = D_MON_RE.exec(t);
  if (m) {
    const mo = monthOf(m[2]);
    return mo ? dateValue(fullYear(m[3]), mo, toNumber(m[1]), m[3] ? "d-mmm-yy" : "d-mmm") : undefined;
  }
  m = MON_N_RE.exec(t);
  if (m) {
    const mo = monthOf(m[1]);
    if (!mo) return undefined;
    const n = toNumber(m[2]);
    const asDay = m[2].length <= 2 ? dateValue(fullYear(undefined), mo, n, "d-mmm") : undefined;
    return asDay ?? dateValue(fullYear(m[2].length === 3 ? undefined : m[2]), mo, 1, "mmm-yy");
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Number formats → text

interface Section {
  text: string;
  isDate: boolean;
}

const sectionCache = new Map<string, Section[]>();

function splitSections(fmt: string): Section[] {
  let cached = sectionCache.get(fmt);
  if (cached) return cached;
  const parts: string[] = [];
  let cur = "";
  let inQuote = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') inQuote = !inQuote;
    if (ch === "\\" && i + 1 < fmt.length) {
      cur += ch + fmt[++i];
      continue;
    }
    if (ch === ";" && !inQuote) {
      parts.push(cur);
      cur = "";
      continue;
    }
    cur += ch;
  }
  parts.push(cur);
  cached = parts.map((text) => {
    const bare = text
      .replace(/"[^"]*"/g, "")
      .replace(/\\./g, "")
      .replace(/\[[^\]]*\]/g, "");
    return { text, isDate: /[ydhs]/i.test(bare) || (/m/i.test(bare) && !/[0#?]/.test(bare)) };
  });
  if (sectionCache.size > 500) sectionCache.clear();
  sectionCache.set(fmt, cached);
  return cached;
}

/** Excel's "General" display of a number (up to 11 significant characters). */
export function generalNumber(v: number): string {
  if (v === 0) return "0";
  const a = abs(v);
  if (isInteger(v) && a < 1e11) return toText(v);
  if (a >= 1e11 || a < 1e-9) {
    const [mant, exp] = v.toExponential(5).split("e");
    const m = toText(parseDecimal(mant));
    const e = toNumber(exp);
    return `${m}E${e < 0 ? "-" : "+"}${toText(abs(e)).padStart(2, "0")}`;
  }
  const intDigits = max(1, floor(log10(a)) + 1);
  const decimals = max(0, 10 - intDigits);
  return toText(parseDecimal(v.toFixed(decimals)));
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function formatDate(serial: number, fmt: string): string {
  if (serial < 0) return "#".repeat(8);
  const p = serialToParts(serial);
  const ampm = /AM\/PM|A\/P/i.test(fmt);
  let out = "";
  const lower = fmt;
  let i = 0;
  let lastWasHour = false;
  while (i < lower.length) {
    const ch = lower[i];
    if (ch === '"') {
      const j = lower.indexOf('"', i + 1);
      out += lower.slice(i + 1, j < 0 ? undefined : j);
      i = j < 0 ? lower.length : j + 1;
      continue;
    }
    if (ch === "\\") {
      out += lower[i + 1] ?? "";
      i += 2;
      continue;
    }
    if (ch === "[") {
      const j = lower.indexOf("]", i);
      i = j < 0 ? lower.length : j + 1;
      continue;
    }
    if (/^AM\/PM/i.test(lower.slice(i))) {
      out += p.hh < 12 ? "AM" : "PM";
      i += 5;
      continue;
    }
    const run = /^(y+|m+|d+|h+|s+)/i.exec(lower.slice(i));
    if (run) {
      const tok = run[1].toLowerCase();
      const n = tok.length;
      if (tok[0] === "y") out += n <= 2 ? toText(p.y % 100).padStart(2, "0") : toText(p.y);
      else if (tok[0] === "d") {
        out +=
          n === 1
            ? toText(p.d)
            : n === 2
              ? toText(p.d).padStart(2, "0")
              : n === 3
                ? DAYS[p.dow].slice(0, 3)
                : DAYS[p.dow];
      } else if (tok[0] === "h") {
        const h = ampm ? p.hh % 12 || 12 : p.hh;
        out += n >= 2 ? toText(h).padStart(2, "0") : toText(h);
      } else if (tok[0] === "s") out += n >= 2 ? toText(p.ss).padStart(2, "0") : toText(p.ss);
      else {
        // "m": minutes right after an hour or right before seconds, otherwise month.
        const rest = lower.slice(i + n);
        const minutes = lastWasHour || /^[^a-z]*s/i.test(rest);
        if (minutes) out += n >= 2 ? toText(p.mi).padStart(2, "0") : toText(p.mi);
        else
          out +=
            n === 1
              ? toText(p.m)
              : n === 2
                ? toText(p.m).padStart(2, "0")
                : n === 3
                  ? MONTHS[p.m - 1].slice(0, 3)
                  : MONTHS[p.m - 1];
      }
      lastWasHour = tok[0] === "h";
      i += n;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/**
 * x.toFixed(d) as Excel shows it: Excel rounds the 15-significant-digit decimal value half away from zero, so
 * 2.555 shows as "2.56" where JavaScript's toFixed (working on the binary value 2.55499999...) gives "2.55".
 */
export function fixedDecimal(x: number, d: number): string {
  const s = x.toPrecision(15);
  if (s.includes("e")) return x.toFixed(d);
  const [ip, fp = ""] = s.split(".");
  if (fp.length <= d) return d > 0 ? `${ip}.${fp.padEnd(d, "0")}` : ip;
  let digits = ip + fp.slice(0, d);
  if (fp.charCodeAt(d) >= 53 /* '5' */) {
    // Add one unit in the last kept place, carrying leftwards.
    const arr = digits.split("");
    let k = arr.length - 1;
    while (k >= 0 && arr[k] === "9") arr[k--] = "0";
    if (k >= 0) arr[k] = toText(toNumber(arr[k]) + 1);
    else arr.unshift("1");
    digits = arr.join("");
  }
  const intLen = digits.length - d;
  return d > 0 ? `${digits.slice(0, intLen) || "0"}.${digits.slice(intLen)}` : digits;
}

interface Tok {
  lit: boolean;
  text: string;
}

function tokenize(fmt: string): Tok[] {
  const toks: Tok[] = [];
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') {
      const j = fmt.indexOf('"', i + 1);
      toks.push({ lit: true, text: fmt.slice(i + 1, j < 0 ? undefined : j) });
      i = j < 0 ? fmt.length : j;
    } else if (ch === "\\") {
      toks.push({ lit: true, text: fmt[i + 1] ?? "" });
      i++;
    } else if (ch === "_") {
      toks.push({ lit: true, text: " " }); // "_)" pads with the width of ")"
      i++;
    } else if (ch === "*") {
      i++; // fill character: no width in text
    } else if (ch === "[") {
      const j = fmt.indexOf("]", i);
      const tag = fmt.slice(i + 1, j < 0 ? undefined : j);
      const cur = /^\$([^-]*)/.exec(tag); // [$€-x] currency; [Red] colour dropped
      if (cur) toks.push({ lit: true, text: cur[1] });
      i = j < 0 ? fmt.length : j;
    } else toks.push({ lit: false, text: ch });
  }
  return toks;
}

function formatNumberSection(v: number, fmt: string, negativeSectionGiven: boolean): string {
  const toks = tokenize(fmt);
  const isNum = (t: Tok) => !t.lit && /[0#?.,]/.test(t.text);
  let first = toks.findIndex((t) => !t.lit && /[0#?]/.test(t.text));
  if (first < 0) return toks.map((t) => t.text).join("");
  while (first > 0 && isNum(toks[first - 1])) first--;
  let last = first;
  while (last + 1 < toks.length && isNum(toks[last + 1])) last++;
  const numPat = toks
    .slice(first, last + 1)
    .map((t) => t.text)
    .join("");
  const percent = toks.filter((t) => !t.lit && t.text === "%").length;
  let x = abs(v) * Math.pow(100, percent);
  const dot = numPat.indexOf(".");
  let intPat = dot >= 0 ? numPat.slice(0, dot) : numPat;
  const decPat = dot >= 0 ? numPat.slice(dot + 1).replace(/,/g, "") : "";
  const trailingCommas = /,+$/.exec(intPat);
  if (trailingCommas) {
    x /= Math.pow(1000, trailingCommas[0].length); // "#,##0," shows thousands
    intPat = intPat.slice(0, -trailingCommas[0].length);
  }
  const grouping = intPat.includes(",");
  const minInt = (intPat.match(/0/g) || []).length;
  const decMin = (decPat.match(/0/g) || []).length;
  const decMax = decPat.length;
  let [ip, dp = ""] = fixedDecimal(x, decMax).split(".");
  while (dp.length > decMin && dp.endsWith("0")) dp = dp.slice(0, -1);
  if (ip === "0" && minInt === 0) ip = "";
  ip = ip.padStart(minInt, "0");
  if (grouping) ip = ip.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const num = ip + (decMax > 0 ? "." + dp : "");
  const before = toks
    .slice(0, first)
    .map((t) => t.text)
    .join("");
  const after = toks
    .slice(last + 1)
    .map((t) => t.text)
    .join("");
  const showsNonZero = /[1-9]/.test(num);
  const minus = v < 0 && !negativeSectionGiven && showsNonZero ? "-" : "";
  return minus + before + num + after;
}

/** `Range.text` of one cell. */
export function formatCell(v: Stored | undefined, fmt: string | undefined, date1904 = false): string {
  if (v === undefined) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof CellError) return v.text;
  const f = fmt === undefined || fmt === "" ? "General" : fmt;
  if (typeof v === "string") {
    const secs = splitSections(f);
    if (secs.length >= 4 && secs[3].text.includes("@")) return secs[3].text.replace(/"/g, "").replace("@", v);
    return v;
  }
  if (f === "General" || f === "@") return generalNumber(v);
  const secs = splitSections(f);
  let sec = secs[0];
  let negGiven = false;
  if (v < 0 && secs.length >= 2) {
    sec = secs[1];
    negGiven = true;
  } else if (v === 0 && secs.length >= 3) sec = secs[2];
  if (/^general$/i.test(sec.text.trim())) return generalNumber(negGiven ? abs(v) : v);
  // A 1904 serial is the 1900 serial of the same day minus 1,462.
  if (sec.isDate) return formatDate(date1904 ? v + 1462 : v, sec.text);
  return formatNumberSection(v, sec.text, negGiven);
}
