/**
 * `Range.format.autofitColumns()` and `autofitRows()` as Excel does them: text is measured with Calibri's advance
 * widths (fontMetrics.ts, read from Carlito, its metric-compatible twin), in each cell's font size and weight, as the
 * cell displays it (formula cells by their calculated result, numbers in their number format).
 *
 * - Columns: the widest line of any cell in the range's rows (cells with line breaks count by their longest line),
 *   plus Excel's cell padding; an empty column keeps its width.
 * - Rows: the tallest of the range's cells in the row: one line in its font size, or, for wrapped cells, the lines that greedy word
 *   wrapping at the column's width gives; a row without content gets the default height.
 *
 * Cost: one pass over the range's cells (capped at the used range), with the style layers that touch the range
 * looked up once. Example: `autofitColumns(sheet, rectOf("A1:A2"))` on ["WHITE HANGING HEART T-LIGHT HOLDER"]
 * makes column A about 190 points wide.
 */
import { type Rect } from "./address";
import { calculatedBlock } from "./calc";
import { formatCell } from "./cellvalue";
import { BOLD, CHARS, REGULAR, UNITS_PER_EM } from "./fontMetrics";
import { DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT, type SheetModel, type StyleLayer } from "./model";

/** Points Excel adds around a cell's text: 2 px each side, the gridline and a pixel of slack (96 dpi). */
export const CELL_PADDING = 4.5;
const DEFAULT_SIZE = 11;
const INDEX = new Map([...CHARS].map((ch, i) => [ch.codePointAt(0) as number, i]));
/** Characters the font subset lacks are measured as a digit (the width Excel's column units are based on). */
const FALLBACK = INDEX.get(48) as number;

/**
 * Width of one line of text in points, in Calibri at `size` points.
 * @param text The line (no line breaks; a break is measured as a space).
 * @param size Font size in points.
 * @param bold Whether the bold weight is used.
 * @returns The advance width in points (no padding).
 * @example textWidth("0", 11) // ≈ 5.58
 */
export function textWidth(text: string, size = DEFAULT_SIZE, bold = false): number {
  const widths = bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text) units += widths[INDEX.get(ch.codePointAt(0) as number) ?? FALLBACK];
  return (units * size) / UNITS_PER_EM;
}

/**
 * Excel's automatic row height for one line of Calibri at `size` points, rounded to whole pixels (0.75 pt):
 * 15 pt for 11 pt text, 21 pt for 16 pt.
 */
export function lineHeight(size = DEFAULT_SIZE): number {
  return Math.round((size * 1.22 + 1.6) / 0.75) * 0.75;
}

/** Lines that greedy word wrapping gives for `text` in `width` points (explicit line breaks always break). */
export function wrappedLines(text: string, width: number, size = DEFAULT_SIZE, bold = false): string[] {
  const out: string[] = [];
  const space = textWidth(" ", size, bold);
  for (const para of text.split("\n")) {
    let line = "";
    let w = 0;
    for (const word of para.split(" ")) {
      const ww = textWidth(word, size, bold);
      if (line !== "" && w + space + ww > width) {
        out.push(line);
        line = word;
        w = ww;
      } else {
        line = line === "" ? word : `${line} ${word}`;
        w = line === word ? ww : w + space + ww;
      }
    }
    out.push(line);
  }
  return out;
}

interface CellFont {
  size: number;
  bold: boolean;
  wrap: boolean;
}

/** The style layers that touch rect, so that each cell looks up only those. */
function layersIn(sheet: SheetModel, rect: Rect): StyleLayer[] {
  return sheet.styles.filter(
    (l) =>
      l.rect.r0 <= rect.r1 &&
      l.rect.r1 >= rect.r0 &&
      l.rect.c0 <= rect.c1 &&
      l.rect.c1 >= rect.c0 &&
      ("font/size" in l.props || "font/bold" in l.props || "wrapText" in l.props),
  );
}

function fontAt(layers: StyleLayer[], r: number, c: number): CellFont {
  const f: CellFont = { size: DEFAULT_SIZE, bold: false, wrap: false };
  for (const l of layers) {
    if (r < l.rect.r0 || r > l.rect.r1 || c < l.rect.c0 || c > l.rect.c1) continue;
    const p = l.props;
    if (typeof p["font/size"] === "number") f.size = p["font/size"];
    if (typeof p["font/bold"] === "boolean") f.bold = p["font/bold"];
    if (typeof p.wrapText === "boolean") f.wrap = p.wrapText;
  }
  return f;
}

/** The displayed text of column c's cells in rows r0..r1 (formula cells by their calculated result). */
function shownColumn(sheet: SheetModel, c: number, r0: number, r1: number): string[] {
  const store = sheet.cols[c];
  const out: string[] = [];
  if (!store || r1 < r0) return out;
  const formulas = store.formulas && store.formulas.size > 0;
  const calc = formulas ? calculatedBlock(sheet, { r0, c0: c, r1, c1: c }).text : null;
  for (let r = r0; r <= r1; r++) {
    if (calc) out.push(calc[r - r0][0]);
    else {
      const v = store.get(r);
      out.push(
        v === undefined ? "" : typeof v === "string" ? v : formatCell(v, store.getFormat(r), sheet.workbook.date1904),
      );
    }
  }
  return out;
}

/** The rows of rect that can hold content (rect cut at the used range), or null when none can. */
function usedRows(sheet: SheetModel, rect: Rect): { r0: number; r1: number } | null {
  const used = sheet.usedRect(false);
  if (!used) return null;
  const r1 = Math.min(rect.r1, used.r1);
  return r1 < rect.r0 ? null : { r0: rect.r0, r1 };
}

/** Sets each column of rect to the width of its widest displayed line plus padding (see the file comment). */
export function autofitColumns(sheet: SheetModel, rect: Rect): void {
  const rows = usedRows(sheet, rect);
  const lastCol = Math.min(rect.c1, Math.max(sheet.cols.length - 1, rect.c0));
  const layers = layersIn(sheet, rect);
  for (let c = rect.c0; c <= lastCol; c++) {
    let widest = 0;
    if (rows) {
      const shown = shownColumn(sheet, c, rows.r0, rows.r1);
      shown.forEach((text, i) => {
        if (text === "") return;
        const font = fontAt(layers, rows.r0 + i, c);
        for (const line of text.split("\n")) widest = Math.max(widest, textWidth(line, font.size, font.bold));
      });
    }
    if (widest > 0)
      sheet.columnWidths.set(c, Math.ceil((widest + CELL_PADDING) / 0.75) * 0.75); // whole pixels, never narrower
    else if (!sheet.columnWidths.has(c)) sheet.columnWidths.set(c, DEFAULT_COLUMN_WIDTH);
  }
}

/** Sets each row of rect to the height of its tallest cell (see the file comment). */
export function autofitRows(sheet: SheetModel, rect: Rect): void {
  const used = sheet.usedRect(false);
  const rows = usedRows(sheet, rect);
  const last = Math.min(rect.r1, Math.max(rect.r0, used ? used.r1 : rect.r0));
  const heights = new Map<number, number>();
  if (rows && used) {
    const c1 = Math.min(rect.c1, used.c1);
    const layers = layersIn(sheet, { r0: rows.r0, r1: rows.r1, c0: rect.c0, c1 });
    for (let c = rect.c0; c <= c1; c++) {
      const shown = shownColumn(sheet, c, rows.r0, rows.r1);
      const inner = sheet.columnWidth(c) - CELL_PADDING;
      shown.forEach((text, i) => {
        if (text === "") return;
        const r = rows.r0 + i;
        const font = fontAt(layers, r, c);
        const lines = font.wrap ? wrappedLines(text, inner, font.size, font.bold).length : 1;
        heights.set(r, Math.max(heights.get(r) ?? 0, lines * lineHeight(font.size)));
      });
    }
  }
  for (let r = rect.r0; r <= last; r++) {
    const h = heights.get(r);
    if (h === undefined || h === DEFAULT_ROW_HEIGHT) sheet.rowHeights.delete(r);
    else sheet.rowHeights.set(r, h);
  }
}
