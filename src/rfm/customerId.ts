/**
 * Customer ids: one spelling per customer, and the order customers are listed (and ties are broken) in.
 *
 * Definition:
 * - A number, or text that is an integer optionally followed by a zero fraction (`12346`, `"12346"`, `"12346.0"`,
 *   `"12346.00"`), is the id `"12346"`. Spreadsheets and pandas turn integer ids into floats, so the same customer
 *   shows up as `12346` in one file and `12346.0` in another; they must be one customer.
 * - Any other text is trimmed and kept as written (`" Brion Stark "` → `"Brion Stark"`, `"007"` stays `"007"`:
 *   leading zeros are part of many real id codes).
 * - Empty text, `null` and `undefined` are a missing id (`null` return), and so is text that programs write for a
 *   missing value (`nan`, `NULL`, `N/A`, `NA`, `#N/A`, `None`, `-`, in any case) and Excel's error codes (`#VALUE!`,
 *   `#REF!` ...), which is what an error cell of a workbook reads as: none of them names a customer.
 *
 * Order (`compareCustomerIds`): numeric ids first, by value (ties by the text, so `"7"` < `"007"` is stable),
 * then text ids by plain code-unit comparison (locale-free, so the order is the same on every machine).
 * This is pandas' `groupby("CustomerID")` order for numeric ids, which is what `rank(method="first")` breaks ties by.
 *
 * Cost: one regular-expression test per distinct raw id (callers cache by raw cell value).
 */

import { EXCEL_ERROR_VALUES } from "./excelErrors";
import type { Cell } from "./types";

const NUMERIC_TEXT = /^[+-]?\d+(?:\.0*)?$/;
/** What `String(number)` can produce for a finite number: `12346`, `-5`, `123.5`, `1e+21`. */
const NUMBER_TEXT = /^-?\d+(?:\.\d+)?(?:e[+-]\d+)?$/;

/** What pandas, R, SQL exports and spreadsheets write for a missing value (compared in lower case). */
export const NULL_LIKE_IDS: readonly string[] = ["-", "nan", "null", "none", "n/a", "na", "#n/a", "nil"];
const NULL_LIKE = new Set(NULL_LIKE_IDS);
/** Excel's error values (excelErrors.ts), in upper case: what a workbook's error cells read as. */
const EXCEL_ERROR = new Set(EXCEL_ERROR_VALUES.map((v) => v.toUpperCase()));

/**
 * Whether a trimmed text stands for a missing value rather than an id.
 *
 * @param text trimmed cell text
 * @returns true for the null-like spellings (`nan`, `NULL`, `N/A`, `#N/A`, `None`, `-` ...) and Excel error codes
 * @example isNullLikeId("N/A") // true
 * @example isNullLikeId("NAB") // false
 */
export function isNullLikeId(text: string): boolean {
  if (text.length > 13) return false;
  return (
    NULL_LIKE.has(text.toLowerCase()) || (text.charCodeAt(0) === 35 /* # */ && EXCEL_ERROR.has(text.toUpperCase()))
  );
}

/**
 * The canonical id of a cell: numbers without a zero fraction, text trimmed, so `12346`, `"12346.0"` and
 * `" 12346 "` are one customer.
 * @param value a customer id cell
 * @returns the canonical id, or null when the cell holds no id (empty, an error value, "NULL" and the like)
 * @example normalizeCustomerId(12346.0) // → "12346"
 */
export function normalizeCustomerId(value: Cell | unknown): string | null {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    return String(value);
  }
  if (value === null || value === undefined) return null;
  if (typeof value === "string") {
    const s = value.trim();
    if (s === "" || isNullLikeId(s)) return null;
    if (NUMERIC_TEXT.test(s)) {
      // Strip a zero fraction and a leading "+"; keep leading zeros ("007" is a code, not the number 7).
      let t = s.charCodeAt(0) === 43 /* + */ ? s.slice(1) : s;
      const dot = t.indexOf(".");
      if (dot >= 0) t = t.slice(0, dot);
      if (t === "-0") t = "0";
      return t;
    }
    return s;
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  return String(value);
}

/** True when a canonical id sorts as a number. */
export function isNumericId(id: string): boolean {
  return NUMBER_TEXT.test(id);
}

/** A sort key prepared once per customer so that sorting does not re-test ids. */
export interface IdSortKey {
  numeric: boolean;
  value: number;
  text: string;
}

export function idSortKey(id: string): IdSortKey {
  const numeric = isNumericId(id);
  return { numeric, value: numeric ? Number(id) : 0, text: id };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareSortKeys(a: IdSortKey, b: IdSortKey): number {
  if (a.numeric !== b.numeric) return a.numeric ? -1 : 1;
  if (a.numeric && a.value !== b.value) return a.value < b.value ? -1 : 1;
  return compareText(a.text, b.text);
}

/** Compares two canonical ids: numeric ids first by value, then text ids by code units. */
export function compareCustomerIds(a: string, b: string): number {
  return compareSortKeys(idSortKey(a), idSortKey(b));
}

/**
 * The permutation that sorts `ids` in customer order: `order[k]` is the index (into `ids`) of the k-th customer.
 * Cost: one regular-expression test per id, then O(n log n) comparisons on typed arrays.
 */
export function sortCustomerOrder(ids: readonly string[]): Int32Array {
  const n = ids.length;
  const numeric = new Uint8Array(n);
  const value = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (isNumericId(ids[i])) {
      numeric[i] = 1;
      value[i] = Number(ids[i]);
    }
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => {
    if (numeric[a] !== numeric[b]) return numeric[b] - numeric[a];
    if (numeric[a] === 1 && value[a] !== value[b]) return value[a] < value[b] ? -1 : 1;
    return compareText(ids[a], ids[b]) || a - b;
  });
  return order;
}
