/**
 * A tight scanner of a worksheet's XML (`<sheetData>` rows and cells), fed text chunk by chunk as the part inflates.
 * It looks only at `<row>` and `<c>` elements: a cell's `r` (column), `t` (type) and `s` (format index), its `<v>`
 * value or its inline string (`<is>`, rich text runs joined); formulas give their cached value. Values come out as
 * Excel's `Range.values` gives them: numbers (dates as serial numbers), text, booleans, error codes ("#N/A").
 *
 * Only the columns the sink wants are decoded; the rest of a row is skipped over.
 */
import type { Cell } from "../rfm/types";
import { decodeXml, detach, itemText } from "./xlsxParts";

export interface CellSink {
  /** A `<row>` starts; `row` is its 1-based sheet row number. */
  row(row: number): void;
  /** Whether the 0-based column's values are needed. */
  wants(col: number): boolean;
  /** A non-empty cell of the current row. `style` is its cell-format index (0 when none). */
  cell(col: number, value: Cell, style: number): void;
}

/** Decimal text → number: exact for up to 15 digits with a short fraction (one division, correctly rounded). */
function parseNumber(s: string, from: number, to: number): number {
  let m = 0;
  let scale = 1;
  let p = from;
  const negative = s.charCodeAt(p) === 45;
  if (negative) p++;
  let digits = 0;
  let dot = false;
  for (; p < to; p++) {
    const c = s.charCodeAt(p);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      if (dot) scale *= 10;
      digits++;
    } else if (c === 46 && !dot) dot = true;
    else return parseFloat(s.slice(from, to));
  }
  if (digits === 0 || digits > 15 || scale > 1e22) return parseFloat(s.slice(from, to));
  const v = dot ? m / scale : m;
  return negative ? -v : v;
}

/**
 * Texts of the sheet, by their raw form: the sheet is scanned as Latin-1 text (one character per byte, the fastest
 * way to turn bytes into a string), so a text with bytes over 0x7F is decoded from UTF-8 here, entities after; the
 * result is detached from the chunk it was cut from. Ids and countries repeat a lot, so most texts are a lookup.
 */
class TextPool {
  private map = new Map<string, string>();
  get(raw: string): string {
    let v = this.map.get(raw);
    if (v === undefined) {
      if (this.map.size > 50000) this.map.clear();
      v = /[\x80-\xff]/.test(raw) ? Buffer.from(raw, "latin1").toString("utf8") : raw;
      v = detach(decodeXml(v));
      this.map.set(detach(raw), v);
    }
    return v;
  }
}

export class SheetScanner {
  private rest = "";
  private rowNumber = 0;
  private col = -1;
  private done = false;
  private readonly pool = new TextPool();
  private readonly cTag: string;
  private readonly cClose: string;
  private readonly rowTag: string;
  private readonly vTag: string;
  private readonly isTag: string;
  private readonly endTag: string;

  /** `prefix`: the namespace prefix of the sheet's elements ("" or e.g. "x:"). */
  constructor(
    private readonly sink: CellSink,
    private readonly shared: readonly string[],
    prefix = "",
    private readonly date1904 = false,
  ) {
    this.cTag = `<${prefix}c`;
    this.cClose = `</${prefix}c>`;
    this.rowTag = `<${prefix}row`;
    this.vTag = `<${prefix}v`;
    this.isTag = `<${prefix}is`;
    this.endTag = `</${prefix}sheetData>`;
  }

  /** Scans the complete elements of `text` (after what was left from the last chunk); keeps the unfinished tail. */
  push(text: string, final = false): void {
    if (this.done) return;
    const s = this.rest.length > 0 ? this.rest + text : text;
    let p = 0;
    for (;;) {
      const lt = s.indexOf("<", p);
      if (lt < 0) {
        p = s.length;
        break;
      }
      const next = this.element(s, lt);
      if (next < 0) {
        p = lt;
        break;
      }
      if (this.done) return;
      p = next;
    }
    this.rest = final ? "" : s.slice(p);
  }

  /** Handles the element at `lt`; returns where scanning goes on, or -1 when the element is not complete yet. */
  private element(s: string, lt: number): number {
    const c1 = s.charCodeAt(lt + 1);
    if (s.startsWith(this.cTag, lt) && isNameEnd(s.charCodeAt(lt + this.cTag.length))) return this.cellAt(s, lt);
    if (s.startsWith(this.rowTag, lt) && isNameEnd(s.charCodeAt(lt + this.rowTag.length))) {
      const gt = s.indexOf(">", lt);
      if (gt < 0) return -1;
      const r = attr(s, lt, gt, "r");
      this.rowNumber = r !== null ? parseInt(r, 10) : this.rowNumber + 1;
      this.col = -1;
      this.sink.row(this.rowNumber);
      return gt + 1;
    }
    if (c1 === 33 /* ! */ && s.startsWith("<!--", lt)) {
      const end = s.indexOf("-->", lt);
      return end < 0 ? -1 : end + 3;
    }
    if (s.startsWith(this.endTag, lt)) {
      this.done = true;
      return s.length;
    }
    const gt = s.indexOf(">", lt);
    return gt < 0 ? -1 : gt + 1;
  }

  private cellAt(s: string, lt: number): number {
    const gt = s.indexOf(">", lt);
    if (gt < 0) return -1;
    const selfClosing = s.charCodeAt(gt - 1) === 47;
    let end = gt + 1;
    if (!selfClosing) {
      const close = s.indexOf(this.cClose, gt);
      if (close < 0) return -1;
      end = close + this.cClose.length;
    }
    // The start tag's attributes in one pass, without cutting strings: r (column), t (type), s (format).
    let col = -1;
    let type = T_NUMBER;
    let style = 0;
    let p = lt + this.cTag.length;
    while (p < gt) {
      const c = s.charCodeAt(p);
      if (c === 32 || c === 47 || c === 9 || c === 10 || c === 13) {
        p++;
        continue;
      }
      const eq = s.indexOf("=", p);
      if (eq < 0 || eq > gt) break;
      let q = eq + 1;
      while (s.charCodeAt(q) === 32) q++;
      const close = s.indexOf(s[q], q + 1);
      if (close < 0 || close > gt) break;
      if (eq === p + 1 || s.charCodeAt(p + 1) === 32) {
        if (c === 114 /* r */) col = columnAt(s, q + 1, close);
        else if (c === 116 /* t */) type = typeAt(s, q + 1, close);
        else if (c === 115 /* s */) style = intAt(s, q + 1, close);
      }
      p = close + 1;
    }
    this.col = col >= 0 ? col : this.col + 1;
    if (selfClosing || !this.sink.wants(this.col)) return end;
    const value = this.value(s, gt + 1, end - this.cClose.length, type);
    if (value !== "") this.sink.cell(this.col, value, style);
    return end;
  }

  /** The cell's value from its content `s[from, to)`. */
  private value(s: string, from: number, to: number, type: number): Cell {
    if (type === T_INLINE) {
      const is = s.indexOf(this.isTag, from);
      if (is < 0 || is >= to) return "";
      return this.text(s, is, to);
    }
    const v = s.indexOf(this.vTag, from);
    if (v < 0 || v >= to) return "";
    const start = s.indexOf(">", v) + 1;
    const stop = s.indexOf("<", start);
    if (stop > to || start >= stop) return "";
    if (type === T_NUMBER) return parseNumber(s, start, stop);
    if (type === T_SHARED) return this.shared[intAt(s, start, stop)] ?? "";
    if (type === T_BOOL) return !(stop === start + 1 && s.charCodeAt(start) === 48);
    if (type === T_DATE) return isoSerial(s.slice(start, stop), this.date1904);
    // a formula's text result, an error code ("#N/A"), or an unknown type: the text
    return this.pool.get(s.slice(start, stop));
  }

  /** An inline string's text: the common single `<t>` quickly, rich text runs through itemText. */
  private text(s: string, is: number, to: number): string {
    const gt = s.indexOf(">", is);
    const t = s.indexOf("<", gt);
    if (s.charCodeAt(t + 1) === 116 /* t */ && s.charCodeAt(t + 2) === 62 /* > */) {
      const close = s.indexOf("<", t + 3);
      if (s.startsWith("</t>", close) && s.charCodeAt(close + 4) === 60 && s.charCodeAt(close + 5) === 47) {
        return this.pool.get(s.slice(t + 3, close));
      }
    }
    return this.pool.get(itemText(s, gt + 1, to, false));
  }
}

function isNameEnd(c: number): boolean {
  return c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;
}

const T_NUMBER = 0;
const T_SHARED = 1;
const T_TEXT = 2;
const T_INLINE = 3;
const T_BOOL = 4;
const T_DATE = 5;

/** A cell's `t` attribute `s[from, to)` → its type code. */
function typeAt(s: string, from: number, to: number): number {
  const c = s.charCodeAt(from);
  if (c === 115 /* s */) return to - from === 1 ? T_SHARED : T_TEXT;
  if (c === 110 /* n */) return T_NUMBER;
  if (c === 105 /* i */) return T_INLINE;
  if (c === 98 /* b */) return T_BOOL;
  if (c === 100 /* d */) return T_DATE;
  return T_TEXT;
}

function intAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let p = from; p < to; p++) n = n * 10 + (s.charCodeAt(p) - 48);
  return n;
}

/** "AB12" → 27 (0-based column of a cell reference). */
function columnAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let p = from; p < to; p++) {
    const c = s.charCodeAt(p) & ~32;
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** The value of attribute `name` in the start tag `s[lt, gt)`, or null. */
function attr(s: string, lt: number, gt: number, name: string): string | null {
  let p = lt;
  for (;;) {
    p = s.indexOf(name, p + 1);
    if (p < 0 || p >= gt) return null;
    const before = s.charCodeAt(p - 1);
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13) continue;
    let q = p + name.length;
    while (s.charCodeAt(q) === 32) q++;
    if (s.charCodeAt(q) !== 61 /* = */) continue;
    q++;
    while (s.charCodeAt(q) === 32) q++;
    const quote = s[q];
    const end = s.indexOf(quote, q + 1);
    return end < 0 || end > gt ? null : s.slice(q + 1, end);
  }
}

/** An ISO 8601 date cell (`t="d"`) → serial number in the workbook's date system (the wall clock, as Excel). */
function isoSerial(text: string, date1904: boolean): Cell {
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || text.length <= 10 ? text : text + "Z");
  if (Number.isNaN(ms)) return text;
  return ms / 86400000 + 25569 - (date1904 ? 1462 : 0);
}
