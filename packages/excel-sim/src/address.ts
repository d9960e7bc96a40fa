/**
 * A1 addresses: parsing ("B2", "$A$1:C10", "A:C", "3:5", "'Online Retail'!A1:H541910") into zero-based
 * rectangles and formatting rectangles back the way Excel reports `Range.address` (sheet name quoted when it
 * needs to be, whole columns as "A:C", whole rows as "3:5", the whole sheet as "1:1048576").
 *
 * Cost: O(length of the address). Example: `parseA1("B2:C3")` → `{ r0: 1, c0: 1, r1: 2, c1: 2 }`.
 */

/** Excel's grid: 1,048,576 rows × 16,384 columns (XFD). */
export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;

/** Zero-based, inclusive rectangle of cells. */
export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export function rectRows(r: Rect): number {
  return r.r1 - r.r0 + 1;
}
export function rectCols(r: Rect): number {
  return r.c1 - r.c0 + 1;
}
export function rectCells(r: Rect): number {
  return rectRows(r) * rectCols(r);
}

export function rectsIntersect(a: Rect, b: Rect): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}

export function rectContains(outer: Rect, inner: Rect): boolean {
  return outer.r0 <= inner.r0 && outer.c0 <= inner.c0 && outer.r1 >= inner.r1 && outer.c1 >= inner.c1;
}

export function intersectRects(a: Rect, b: Rect): Rect | null {
  if (!rectsIntersect(a, b)) return null;
  return {
    r0: Math.max(a.r0, b.r0),
    c0: Math.max(a.c0, b.c0),
    r1: Math.min(a.r1, b.r1),
    c1: Math.min(a.c1, b.c1),
  };
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetters(col: number): string {
  let s = "";
  let n = col + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "A" → 0, "XFD" → 16383; -1 when not letters. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const ch = letters.charCodeAt(i) & ~32; // upper-case
    if (ch < 65 || ch > 90) return -1;
    n = n * 26 + (ch - 64);
  }
  return n - 1;
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/;
const COL_RE = /^\$?([A-Za-z]{1,3})$/;
const ROW_RE = /^\$?([0-9]{1,7})$/;

interface Part {
  r: number | null;
  c: number | null;
}

function parsePart(p: string): Part | null {
  let m = CELL_RE.exec(p);
  if (m) return { c: columnIndex(m[1]), r: Number(m[2]) - 1 };
  m = COL_RE.exec(p);
  if (m) return { c: columnIndex(m[1]), r: null };
  m = ROW_RE.exec(p);
  if (m) return { c: null, r: Number(m[1]) - 1 };
  return null;
}

/** Splits "Sheet!A1" / "'My sheet'!A1" into sheet name (unquoted) and the cell part. */
export function splitSheet(address: string): { sheet: string | null; ref: string } {
  const a = address.trim();
  if (a.startsWith("'")) {
    // Quoted sheet: '' is an escaped quote.
    let i = 1;
    let name = "";
    while (i < a.length) {
      if (a[i] === "'") {
        if (a[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += a[i];
      i++;
    }
    if (a[i] === "'" && a[i + 1] === "!") return { sheet: name, ref: a.slice(i + 2) };
    return { sheet: null, ref: a };
  }
  const bang = a.lastIndexOf("!");
  if (bang >= 0) return { sheet: a.slice(0, bang), ref: a.slice(bang + 1) };
  return { sheet: null, ref: a };
}

/** Parses the cell part of an address ("A1", "A1:B2", "A:A", "1:3"); null when it is not one. */
export function parseA1(ref: string): Rect | null {
  const parts = ref.trim().split(":");
  if (parts.length < 1 || parts.length > 2) return null;
  const a = parsePart(parts[0]);
  const b = parts.length === 2 ? parsePart(parts[1]) : a;
  if (!a || !b) return null;
  // A bare column or row is only valid as part of a pair ("A:A", "3:3").
  if (parts.length === 1 && (a.r === null || a.c === null)) return null;
  if ((a.r === null) !== (b.r === null) || (a.c === null) !== (b.c === null)) return null;
  const r0 = a.r === null ? 0 : Math.min(a.r, b.r as number);
  const r1 = a.r === null ? MAX_ROWS - 1 : Math.max(a.r, b.r as number);
  const c0 = a.c === null ? 0 : Math.min(a.c, b.c as number);
  const c1 = a.c === null ? MAX_COLUMNS - 1 : Math.max(a.c, b.c as number);
  if (r0 < 0 || c0 < 0 || r1 >= MAX_ROWS || c1 >= MAX_COLUMNS) return null;
  return { r0, c0, r1, c1 };
}

/** Whether Excel quotes this sheet name in addresses (spaces, punctuation, leading digit, looks like a cell). */
export function sheetNeedsQuotes(name: string): boolean {
  if (!/^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name)) return true;
  if (/^[A-Za-z]{1,3}[0-9]+$/.test(name)) return true; // "A1"
  if (/^[Rr][0-9]*[Cc][0-9]*$/.test(name)) return true; // "R1C1"
  return false;
}

export function quoteSheet(name: string): string {
  return sheetNeedsQuotes(name) ? `'${name.replace(/'/g, "''")}'` : name;
}

/** The cell part as Excel reports it: "A1", "A1:B2", "A:C", "3:5". */
export function formatRect(r: Rect): string {
  const wholeCols = r.r0 === 0 && r.r1 === MAX_ROWS - 1;
  const wholeRows = r.c0 === 0 && r.c1 === MAX_COLUMNS - 1;
  if (wholeRows) return `${r.r0 + 1}:${r.r1 + 1}`;
  if (wholeCols) return `${columnLetters(r.c0)}:${columnLetters(r.c1)}`;
  const a = `${columnLetters(r.c0)}${r.r0 + 1}`;
  if (r.r0 === r.r1 && r.c0 === r.c1) return a;
  return `${a}:${columnLetters(r.c1)}${r.r1 + 1}`;
}

/** "'Online Retail'!A1:H541910". */
export function formatAddress(sheetName: string, r: Rect): string {
  return `${quoteSheet(sheetName)}!${formatRect(r)}`;
}
