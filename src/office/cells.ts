/**
 * Small cell-level helpers shared by the writers: how a value must be written so Excel stores what the engine
 * computed (numbers as numbers, text as text), and the number formats used.
 */
import type { XlCell } from "./io";

/** A month name or its three-letter abbreviation at the start (English; other locales' names are rarer in ids and
 *  labels, and the "@" format costs nothing when it is not needed). */
const MONTH =
  /^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?(?![a-z])/i;

/** Excel turns typed text that looks like a number, date, percent or boolean into that type, and text starting with
 *  "=", "+" or "-" into a formula. Such text needs the text format ("@") in place before it is written. */
export function excelWouldConvert(s: string): boolean {
  const t = s.trim();
  if (t === "") return false;
  if (/^[=+\-@]/.test(t)) return true;
  if (/^(true|false)$/i.test(t)) return true;
  if (/^[$€£¥]?\s*\(?[\d.,]+\)?\s*%?$/.test(t) && /\d/.test(t)) return true;
  if (/^\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?(\s|$)/.test(t)) return true;
  if (/^\d{1,2}:\d{2}/.test(t)) return true;
  // Dates with a month name: "Mar-24", "Mar 2024", "12-Jan", "24-Mar-2011" (Excel reads them in the user's locale).
  if (/^(\d{1,2}[-\s/.])?[a-z]{3,9}\.?([-\s/.,]+\d{1,4}){0,2}$/i.test(t) && MONTH.test(t.replace(/^[\d\s\-/.]+/, ""))) {
    return /\d/.test(t);
  }
  if (/^\d+(\.\d+)?e[+-]?\d+$/i.test(t)) return true;
  return false;
}

/** True when an id can be written as a number without changing it: an integer Excel keeps exactly (≤ 15 digits)
 *  with no leading zero. */
export function idAsNumber(id: string): boolean {
  return /^-?(0|[1-9]\d{0,14})$/.test(id);
}

/** The cell for an RFM code: "545" as the number 545 (it reads, sorts and filters the same), "10-4-5" as text. */
export function rfmCell(code: string): XlCell {
  return /^[1-9]\d{0,14}$/.test(code) ? Number(code) : code;
}

export const FORMAT = {
  integer: "0",
  /** Counts a person reads (rows, customers): with thousands separators. */
  thousands: "#,##0",
  decimal1: "0.0",
  decimal2: "#,##0.00",
  percent: "0.0%",
  date: "yyyy-mm-dd",
  text: "@",
  general: "General",
} as const;

/** Currency by the customers' most common country; a plain two-decimal format when it is not one we know. */
export function currencyFormat(countries: Iterable<string | undefined>): string {
  const counts = new Map<string, number>();
  for (const c of countries) if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
  let top = "";
  let best = 0;
  for (const [c, n] of counts) if (n > best) [top, best] = [c, n];
  const key = top.trim().toLowerCase();
  if (["united kingdom", "uk", "gb", "great britain", "england", "scotland", "wales"].includes(key)) return "£#,##0.00";
  if (["usa", "us", "united states", "united states of america"].includes(key)) return "$#,##0.00";
  const euro = [
    "eire",
    "ireland",
    "germany",
    "france",
    "spain",
    "portugal",
    "italy",
    "netherlands",
    "belgium",
    "austria",
    "finland",
    "greece",
    "luxembourg",
    "malta",
    "cyprus",
    "lithuania",
    "latvia",
    "estonia",
    "slovakia",
    "slovenia",
    "croatia",
  ];
  if (euro.includes(key)) return "€#,##0.00";
  return "#,##0.00";
}
