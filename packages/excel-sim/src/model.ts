/**
 * The simulated workbook as plain data: what Excel holds in the document, independent of any request context.
 * Tests, the demo UI and the proxy API (api.ts) all read and change this model; only the proxy API goes through
 * load/sync and payload limits.
 *
 * - `WorkbookModel`: sheets (in tab order), tables (unique names across the workbook), slicers, add-in settings,
 *   custom XML parts, named items, the active sheet.
 * - `SheetModel`: cells in per-column stores (columns.ts), style layers for fonts/fills/alignment, column widths,
 *   freeze panes, charts, conditional formats, custom properties.
 * - `TableModel`, `ChartModel`, `ConditionalFormatModel`, `SlicerModel`: plain records with a sheet and a rectangle.
 *
 * Cell writes and reads are proportional to the cells touched. Example:
 * `const wb = new WorkbookModel(); const s = wb.addSheet("Data"); s.writeBlock({r0:0,c0:0,r1:0,c1:1}, [["a", 1]], "values");`
 */
import { ArrayOf, isArray, isFiniteNumber, isInteger, max, min, toText } from "./fast";
import {
  MAX_COLUMNS,
  MAX_ROWS,
  Rect,
  formatAddress,
  intersectRects,
  rectCols,
  rectRows,
  rectsIntersect,
} from "./address";
import { CellError, Stored, formatCell, parseInput } from "./cellvalue";
import { ColumnStore } from "./columns";
import { SHAPE_MISMATCH_MESSAGE, SimError, simError } from "./errors";

export type CellKind = "values" | "formulas" | "numberFormat";
export type ReadKind = "values" | "formulas" | "numberFormat" | "text" | "valueTypes";

/** Style properties a range can carry, keyed by API path ("font/bold", "fill/color", "horizontalAlignment"). */
export type StyleProps = Record<string, string | number | boolean | null>;

export interface StyleLayer {
  rect: Rect;
  props: StyleProps;
}

export const STYLE_DEFAULTS: StyleProps = {
  "font/bold": false,
  "font/italic": false,
  "font/color": "#000000",
  "font/name": "Calibri",
  "font/size": 11,
  "font/underline": "None",
  "font/strikethrough": false,
  "fill/color": "#FFFFFF",
  horizontalAlignment: "General",
  verticalAlignment: "Bottom",
  wrapText: false,
  indentLevel: 0,
};

/** Most characters one cell can hold. */
export const MAX_CELL_CHARS = 32767;

/** Default column width in points (8.43 characters) and row height, as Excel uses with Calibri 11. */
export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_ROW_HEIGHT = 15;

export interface TableColumnModel {
  id: number;
  name: string;
  filter: Record<string, unknown> | null;
}

export interface TableModel {
  id: string;
  name: string;
  sheet: SheetModel;
  /** Whole table including the header row. */
  rect: Rect;
  showHeaders: boolean;
  showTotals: boolean;
  style: string;
  showBandedRows: boolean;
  showBandedColumns: boolean;
  showFilterButton: boolean;
  highlightFirstColumn: boolean;
  highlightLastColumn: boolean;
  columns: TableColumnModel[];
  nextColumnId: number;
  sortFields: { key: number; ascending: boolean }[] | null;
}

export interface ChartTextModel {
  text: string | null;
  visible: boolean;
  overlay: boolean;
  position: string;
}

export interface ChartAxisModel {
  title: { text: string; visible: boolean };
  visible: boolean;
  numberFormat: string;
  minimum: number | null;
  maximum: number | null;
}

export interface ChartSeriesOverride {
  name?: string;
  hasDataLabels?: boolean;
  chartType?: string;
  gapWidth?: number;
  doughnutHoleSize?: number;
  color?: string;
  /** Fill colours set on single points (series.points.getItemAt(i).format.fill), by point index. */
  pointColors?: Record<number, string>;
}

export interface ChartModel {
  id: string;
  name: string;
  sheet: SheetModel;
  chartType: string;
  /** Source data: sheet and rectangle (null after the source cells were deleted). */
  source: { sheet: SheetModel; rect: Rect } | null;
  seriesBy: "Auto" | "Columns" | "Rows";
  title: ChartTextModel;
  legend: { visible: boolean; position: string; overlay: boolean };
  dataLabels: {
    showValue: boolean;
    showPercentage: boolean;
    showCategoryName: boolean;
    showSeriesName: boolean;
    showLegendKey: boolean;
    position: string;
    numberFormat: string;
    separator: string;
  };
  axes: { category: ChartAxisModel; value: ChartAxisModel; series: ChartAxisModel };
  top: number;
  left: number;
  width: number;
  height: number;
  style: number;
  /** Cells the chart was positioned over with setPosition (for the demo), if any. */
  positionCells: { start: string; end: string | null } | null;
  series: ChartSeriesOverride[];
}

export interface ConditionalFormatModel {
  id: string;
  type: string;
  sheet: SheetModel;
  rect: Rect;
  priority: number;
  stopIfTrue: boolean;
  /** Type-specific settings as the API sets them, e.g. { criteria: {...} } for ColorScale. */
  props: Record<string, unknown>;
}

export interface SlicerModel {
  id: string;
  name: string;
  caption: string;
  table: TableModel;
  columnId: number;
  sheet: SheetModel;
  top: number;
  left: number;
  width: number;
  height: number;
  style: string;
  sortBy: string;
  /** Selected item keys; null = no filter (all selected). */
  selected: string[] | null;
}

export interface NamedItemModel {
  name: string;
  /** "=Sheet1!$A$1:$B$2" style formula or a constant. */
  formula: string;
  comment: string;
  visible: boolean;
  sheet: SheetModel | null;
  rect: Rect | null;
}

export interface CustomXmlPartModel {
  id: string;
  namespaceUri: string;
  xml: string;
}

let sheetCounter = 0;

export class SheetModel {
  readonly id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  tabColor = "";
  cols: (ColumnStore | undefined)[] = [];
  styles: StyleLayer[] = [];
  columnWidths = new Map<number, number>();
  rowHeights = new Map<number, number>();
  freeze = { rows: 0, columns: 0 };
  charts: ChartModel[] = [];
  conditionalFormats: ConditionalFormatModel[] = [];
  customProperties = new Map<string, { key: string; value: string }>();
  showGridlines = true;
  deleted = false;

  constructor(
    readonly workbook: WorkbookModel,
    name: string,
  ) {
    sheetCounter++;
    this.id = `{${toText(sheetCounter).padStart(8, "0")}-0001-0000-0000-000000000000}`;
    this.name = name;
  }

  get position(): number {
    return this.workbook.sheets.indexOf(this);
  }

  col(c: number): ColumnStore {
    let s = this.cols[c];
    if (!s) {
      while (this.cols.length < c) this.cols.push(undefined);
      s = new ColumnStore();
      this.cols[c] = s;
    }
    return s;
  }

  getValue(r: number, c: number): Stored | undefined {
    const s = this.cols[c];
    return s ? s.get(r) : undefined;
  }

  getFormat(r: number, c: number): string | undefined {
    const s = this.cols[c];
    return s ? s.getFormat(r) : undefined;
  }

  address(rect: Rect): string {
    return formatAddress(this.name, rect);
  }

  tables(): TableModel[] {
    return this.workbook.tables.filter((t) => t.sheet === this);
  }

  /**
   * Used range: the smallest rectangle holding every value or formula (and, unless valuesOnly, every number format,
   * style on cells, and table). Null when the sheet is blank.
   */
  usedRect(valuesOnly: boolean): Rect | null {
    let r0 = Infinity;
    let r1 = -1;
    let c0 = Infinity;
    let c1 = -1;
    for (let c = 0; c < this.cols.length; c++) {
      const s = this.cols[c];
      if (!s) continue;
      const b = s.bounds(valuesOnly);
      if (!b) continue;
      if (c < c0) c0 = c;
      if (c > c1) c1 = c;
      if (b.first < r0) r0 = b.first;
      if (b.last > r1) r1 = b.last;
    }
    if (!valuesOnly) {
      const extra: Rect[] = this.tables().map((t) => t.rect);
      // Formatting of whole rows or columns does not make cells "used".
      for (const l of this.styles) if (!isWholeColumns(l.rect) && !isWholeRows(l.rect)) extra.push(l.rect);
      for (const x of extra) {
        r0 = min(r0, x.r0);
        c0 = min(c0, x.c0);
        r1 = max(r1, x.r1);
        c1 = max(c1, x.c1);
      }
    }
    if (r1 < 0) return null;
    return { r0, c0, r1, c1 };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Reading

  /** A 2-D array of what `Range.<kind>` returns for rect. */
  readBlock(rect: Rect, kind: ReadKind): unknown[][] {
    const rows = rectRows(rect);
    const cols = rectCols(rect);
    const out: unknown[][] = new ArrayOf(rows);
    for (let i = 0; i < rows; i++) out[i] = new ArrayOf(cols);
    for (let j = 0; j < cols; j++) {
      const store = this.cols[rect.c0 + j];
      for (let i = 0; i < rows; i++) {
        const r = rect.r0 + i;
        out[i][j] = readCell(store, r, kind, this.workbook.date1904);
      }
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Writing

  /**
   * Writes a 2-D array to rect as `Range.values` / `formulas` / `numberFormat` do. Checks the shape and every cell
   * first, so a rejected write changes nothing. Returns the number of cells written.
   */
  writeBlock(rect: Rect, data: unknown, kind: CellKind, location: string): number {
    const rows = rectRows(rect);
    const cols = rectCols(rect);
    if (!isArray(data)) {
      throw simError(
        "InvalidArgument",
        location,
        `${kind} must be a 2-D array (an array of rows), got ${describe(data)}`,
      );
    }
    if (data.length !== rows) throw shapeError(location, kind, rows, cols, data.length, null);
    for (let i = 0; i < rows; i++) {
      const row = data[i];
      if (!isArray(row)) {
        throw simError("InvalidArgument", location, `${kind}[${i}] must be an array (one row), got ${describe(row)}`);
      }
      if (row.length !== cols) throw shapeError(location, kind, rows, cols, rows, { index: i, length: row.length });
      for (let j = 0; j < cols; j++) {
        const v = row[j];
        const t = typeof v;
        if (t === "string") {
          // Excel's cell limit: 32,767 characters.
          if ((v as string).length > MAX_CELL_CHARS) {
            throw simError(
              "InvalidArgument",
              location,
              `${kind}[${i}][${j}] has ${(v as string).length} characters; a cell holds at most ${MAX_CELL_CHARS}`,
            );
          }
          continue;
        }
        if (v === null || v === undefined || t === "number" || t === "boolean") continue;
        if (kind !== "numberFormat" && v instanceof Date) continue;
        throw simError(
          "InvalidArgument",
          location,
          `${kind}[${i}][${j}] (cell ${this.address({ r0: rect.r0 + i, c0: rect.c0 + j, r1: rect.r0 + i, c1: rect.c0 + j })}) is ${describe(v)}; expected a string, number, boolean or null`,
        );
      }
    }
    if (kind === "numberFormat") {
      for (let j = 0; j < cols; j++) {
        const store = this.col(rect.c0 + j);
        for (let i = 0; i < rows; i++) {
          const v = (data[i] as unknown[])[j];
          if (v === null || v === undefined) continue;
          store.setFormat(rect.r0 + i, v === "" ? undefined : toText(v));
        }
      }
    } else {
      for (let j = 0; j < cols; j++) {
        const store = this.col(rect.c0 + j);
        for (let i = 0; i < rows; i++) {
          writeCell(store, rect.r0 + i, (data[i] as unknown[])[j]);
        }
      }
    }
    this.workbook.afterCellsChanged(this, rect);
    return rows * cols;
  }

  /** `Range.clear(applyTo)`: "All", "Contents", "Formats" (others behave as "All"). */
  clear(rect: Rect, applyTo: string): void {
    const contents = applyTo !== "Formats";
    const formats = applyTo !== "Contents";
    const lastCol = min(rect.c1, this.cols.length - 1);
    for (let c = rect.c0; c <= lastCol; c++) {
      const s = this.cols[c];
      if (!s) continue;
      const lastRow = min(rect.r1, max(s.len, s.formats ? s.formats.length : 0) - 1);
      for (let r = rect.r0; r <= lastRow; r++) {
        if (contents) {
          s.set(r, undefined);
          s.setFormula(r, undefined);
        }
        if (formats) s.setFormat(r, undefined);
      }
      if (contents && s.formulas)
        for (const r of [...s.formulas.keys()]) if (r >= rect.r0 && r <= rect.r1) s.setFormula(r, undefined);
    }
    if (formats) this.removeStyles(rect);
    if (contents) this.workbook.afterCellsChanged(this, rect);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Styles (font, fill, alignment): layers applied in order, the last one covering a cell wins.

  setStyle(rect: Rect, key: string, value: string | number | boolean | null): void {
    const last = this.styles[this.styles.length - 1];
    if (last && sameRect(last.rect, rect)) last.props[key] = value;
    else this.styles.push({ rect: { ...rect }, props: { [key]: value } });
    if (this.styles.length > 5000) this.compactStyles();
  }

  /** The style value of a range: the common value, or null when the cells differ (Excel's rule). */
  getStyle(rect: Rect, key: string): string | number | boolean | null {
    for (let i = this.styles.length - 1; i >= 0; i--) {
      const l = this.styles[i];
      if (!(key in l.props) || !rectsIntersect(l.rect, rect)) continue;
      const covers = l.rect.r0 <= rect.r0 && l.rect.c0 <= rect.c0 && l.rect.r1 >= rect.r1 && l.rect.c1 >= rect.c1;
      return covers ? l.props[key] : null;
    }
    return STYLE_DEFAULTS[key] ?? null;
  }

  /** The style of one cell (for the demo's rendering). */
  cellStyle(r: number, c: number): StyleProps {
    const out: StyleProps = {};
    for (const l of this.styles) {
      if (r >= l.rect.r0 && r <= l.rect.r1 && c >= l.rect.c0 && c <= l.rect.c1) Object.assign(out, l.props);
    }
    return out;
  }

  private removeStyles(rect: Rect): void {
    // Layers entirely inside the cleared rectangle go; partly covered ones stay (an approximation).
    this.styles = this.styles.filter(
      (l) => !(l.rect.r0 >= rect.r0 && l.rect.r1 <= rect.r1 && l.rect.c0 >= rect.c0 && l.rect.c1 <= rect.c1),
    );
  }

  private compactStyles(): void {
    // Drop layers fully hidden by a later layer that covers them and sets the same keys.
    const kept: StyleLayer[] = [];
    for (let i = 0; i < this.styles.length; i++) {
      const l = this.styles[i];
      let hidden = false;
      for (let j = i + 1; j < this.styles.length && !hidden; j++) {
        const m = this.styles[j];
        if (m.rect.r0 <= l.rect.r0 && m.rect.c0 <= l.rect.c0 && m.rect.r1 >= l.rect.r1 && m.rect.c1 >= l.rect.c1) {
          hidden = Object.keys(l.props).every((k) => k in m.props);
        }
      }
      if (!hidden) kept.push(l);
    }
    this.styles = kept;
  }

  columnWidth(c: number): number {
    return this.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH;
  }

  rowHeight(r: number): number {
    return this.rowHeights.get(r) ?? DEFAULT_ROW_HEIGHT;
  }

  /** Points from the sheet's left edge to column c's left edge. */
  leftOf(c: number): number {
    let x = c * DEFAULT_COLUMN_WIDTH;
    for (const [col, w] of this.columnWidths) if (col < c) x += w - DEFAULT_COLUMN_WIDTH;
    return x;
  }

  topOf(r: number): number {
    let y = r * DEFAULT_ROW_HEIGHT;
    for (const [row, h] of this.rowHeights) if (row < r) y += h - DEFAULT_ROW_HEIGHT;
    return y;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Insert and delete with shifting (Range.insert / Range.delete / table rows and columns).

  /** Moves cells so that rect becomes empty (shift "Down" or "Right"), adjusting tables, charts and formats. */
  insertCells(rect: Rect, shift: "Down" | "Right", location: string): void {
    const n = shift === "Down" ? rectRows(rect) : rectCols(rect);
    this.checkShiftConflicts(rect, shift, location);
    if (shift === "Down") {
      const lastCol = min(rect.c1, this.cols.length - 1);
      for (let c = rect.c0; c <= lastCol; c++) this.cols[c]?.insertRows(rect.r0, n);
    } else if (rect.r0 === 0 && rect.r1 === MAX_ROWS - 1) {
      if (rect.c0 < this.cols.length) this.cols.splice(rect.c0, 0, ...new Array<undefined>(n));
      if (this.cols.length > MAX_COLUMNS) this.cols.length = MAX_COLUMNS;
      this.columnWidths = shiftKeys(this.columnWidths, rect.c0, n);
    } else {
      this.moveCellsHorizontally(rect, n);
    }
    this.adjustObjects(rect, shift, n);
    this.workbook.afterCellsChanged(this, rect);
  }

  /** Removes rect's cells and closes the gap (shift "Up" or "Left"). */
  deleteCells(rect: Rect, shift: "Up" | "Left", location: string): void {
    const n = shift === "Up" ? rectRows(rect) : rectCols(rect);
    this.checkShiftConflicts(rect, shift, location);
    if (shift === "Up") {
      const lastCol = min(rect.c1, this.cols.length - 1);
      for (let c = rect.c0; c <= lastCol; c++) this.cols[c]?.deleteRows(rect.r0, n);
      if (rect.c0 === 0 && rect.c1 === MAX_COLUMNS - 1) this.rowHeights = shiftKeys(this.rowHeights, rect.r0, -n);
    } else if (rect.r0 === 0 && rect.r1 === MAX_ROWS - 1) {
      this.cols.splice(rect.c0, n);
      this.columnWidths = shiftKeys(this.columnWidths, rect.c0, -n);
    } else {
      this.moveCellsHorizontally(rect, -n);
    }
    this.adjustObjects(rect, shift, -n);
    this.workbook.afterCellsChanged(this, rect);
  }

  /** Within rect's rows, moves every cell from rect.c0 rightwards by delta columns. */
  private moveCellsHorizontally(rect: Rect, delta: number): void {
    const lastUsed = this.cols.length - 1;
    const rowsEnd = rect.r1;
    const moveCell = (from: number, to: number, r: number) => {
      const src = this.cols[from];
      const v = src ? src.get(r) : undefined;
      const f = src ? src.getFormula(r) : undefined;
      const nf = src ? src.getFormat(r) : undefined;
      if (v === undefined && f === undefined && nf === undefined && !this.cols[to]) return;
      const dst = this.col(to);
      dst.set(r, v);
      dst.setFormula(r, f);
      dst.setFormat(r, nf);
    };
    const clearCell = (c: number, r: number) => {
      const s = this.cols[c];
      if (!s) return;
      s.set(r, undefined);
      s.setFormula(r, undefined);
      s.setFormat(r, undefined);
    };
    for (let r = rect.r0; r <= rowsEnd; r++) {
      if (r > 0 && r >= maxLen(this.cols)) break;
      if (delta > 0) {
        for (let c = min(lastUsed, MAX_COLUMNS - 1 - delta); c >= rect.c0; c--) moveCell(c, c + delta, r);
        for (let c = rect.c0; c < rect.c0 + delta; c++) clearCell(c, r);
      } else {
        const d = -delta;
        for (let c = rect.c0; c + d <= lastUsed; c++) moveCell(c + d, c, r);
        for (let c = max(rect.c0, lastUsed - d + 1); c <= lastUsed; c++) clearCell(c, r);
      }
    }
  }

  /** Excel refuses to shift cells of a table that the operation only partly covers. */
  private checkShiftConflicts(rect: Rect, shift: string, location: string): void {
    for (const t of this.tables()) {
      const tr = t.rect;
      if (shift === "Down" || shift === "Up") {
        // Cells in rect's columns from rect.r0 down move; a table crossing those columns but not inside them conflicts.
        const moves = tr.r1 >= rect.r0 && tr.c1 >= rect.c0 && tr.c0 <= rect.c1;
        const inside = tr.c0 >= rect.c0 && tr.c1 <= rect.c1;
        const deletedWhole = shift === "Up" && tr.r0 >= rect.r0 && tr.r1 <= rect.r1;
        if (moves && !inside && !deletedWhole && !(shift === "Up" && tr.r1 < rect.r0)) throw shiftConflict(location, t);
      } else {
        const moves = tr.c1 >= rect.c0 && tr.r1 >= rect.r0 && tr.r0 <= rect.r1;
        const inside = tr.r0 >= rect.r0 && tr.r1 <= rect.r1;
        const deletedWhole = shift === "Left" && tr.c0 >= rect.c0 && tr.c1 <= rect.c1;
        if (moves && !inside && !deletedWhole) throw shiftConflict(location, t);
      }
    }
  }

  /** Moves or shrinks the rectangles of tables, charts' sources, conditional formats and styles after a shift. */
  private adjustObjects(rect: Rect, shift: "Down" | "Right" | "Up" | "Left", delta: number): void {
    const vertical = shift === "Down" || shift === "Up";
    const adjust = (x: Rect): Rect | null => {
      if (vertical) {
        if (x.c0 < rect.c0 || x.c1 > rect.c1) return x; // not in the moving band (conflicts were refused)
        if (delta > 0) {
          if (x.r1 < rect.r0) return x;
          if (x.r0 >= rect.r0) return { ...x, r0: x.r0 + delta, r1: min(MAX_ROWS - 1, x.r1 + delta) };
          return { ...x, r1: min(MAX_ROWS - 1, x.r1 + delta) }; // insertion inside: grows
        }
        const d = -delta;
        const delEnd = rect.r0 + d - 1;
        if (x.r1 < rect.r0) return x;
        if (x.r0 > delEnd) return { ...x, r0: x.r0 - d, r1: x.r1 - d };
        const keepTop = max(0, rect.r0 - x.r0);
        const keepBottom = max(0, x.r1 - delEnd);
        if (keepTop + keepBottom === 0) return null;
        const r0 = min(x.r0, rect.r0);
        return { ...x, r0, r1: r0 + keepTop + keepBottom - 1 };
      }
      if (x.r0 < rect.r0 || x.r1 > rect.r1) return x;
      if (delta > 0) {
        if (x.c1 < rect.c0) return x;
        if (x.c0 >= rect.c0) return { ...x, c0: x.c0 + delta, c1: min(MAX_COLUMNS - 1, x.c1 + delta) };
        return { ...x, c1: min(MAX_COLUMNS - 1, x.c1 + delta) };
      }
      const d = -delta;
      const delEnd = rect.c0 + d - 1;
      if (x.c1 < rect.c0) return x;
      if (x.c0 > delEnd) return { ...x, c0: x.c0 - d, c1: x.c1 - d };
      const keepLeft = max(0, rect.c0 - x.c0);
      const keepRight = max(0, x.c1 - delEnd);
      if (keepLeft + keepRight === 0) return null;
      const c0 = min(x.c0, rect.c0);
      return { ...x, c0, c1: c0 + keepLeft + keepRight - 1 };
    };
    for (const t of this.tables()) {
      const next = adjust(t.rect);
      if (!next || (t.showHeaders && rectRows(next) < 2)) {
        this.workbook.removeTable(t);
        continue;
      }
      if (!vertical && delta < 0 && rectCols(next) < rectCols(t.rect)) {
        // Columns deleted from the table: drop their column records.
        const firstDeleted = max(rect.c0, t.rect.c0) - t.rect.c0;
        const count = rectCols(t.rect) - rectCols(next);
        t.columns.splice(firstDeleted, count);
      }
      if (!vertical && delta > 0 && rect.c0 > t.rect.c0 && rect.c0 <= t.rect.c1) {
        // Columns inserted inside a table become table columns.
        const at = rect.c0 - t.rect.c0;
        const added: TableColumnModel[] = [];
        for (let i = 0; i < delta; i++) added.push({ id: t.nextColumnId++, name: "", filter: null });
        t.columns.splice(at, 0, ...added);
      }
      t.rect = next;
      if (!vertical) this.workbook.normalizeTableHeaders(t);
    }
    for (const wsheet of this.workbook.sheets) {
      for (const ch of wsheet.charts) {
        if (!ch.source || ch.source.sheet !== this) continue;
        const next = adjust(ch.source.rect);
        ch.source = next ? { sheet: this, rect: next } : null;
      }
    }
    this.conditionalFormats = this.conditionalFormats.filter((cf) => {
      const next = adjust(cf.rect);
      if (next) cf.rect = next;
      return next !== null;
    });
    this.styles = this.styles.filter((l) => {
      const next = adjust(l.rect);
      if (next) l.rect = next;
      return next !== null;
    });
  }
}

function maxLen(cols: (ColumnStore | undefined)[]): number {
  let m = 0;
  for (const c of cols) if (c) m = max(m, c.len, c.formats ? c.formats.length : 0);
  return m;
}

function shiftKeys(m: Map<number, number>, from: number, delta: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const [k, v] of m) {
    if (k < from) out.set(k, v);
    else if (delta < 0 && k < from - delta) continue;
    else out.set(k + delta, v);
  }
  return out;
}

function shiftConflict(location: string, t: TableModel): SimError {
  return simError(
    "InvalidOperation",
    location,
    `the shift would move only part of table '${t.name}' (${t.sheet.address(t.rect)})`,
    "This operation is not allowed. The operation is attempting to shift cells in a table on your worksheet.",
  );
}

function isWholeColumns(r: Rect): boolean {
  return r.r0 === 0 && r.r1 === MAX_ROWS - 1;
}
function isWholeRows(r: Rect): boolean {
  return r.c0 === 0 && r.c1 === MAX_COLUMNS - 1;
}
function sameRect(a: Rect, b: Rect): boolean {
  return a.r0 === b.r0 && a.c0 === b.c0 && a.r1 === b.r1 && a.c1 === b.c1;
}

export function describe(v: unknown): string {
  if (v === null) return "null";
  if (isArray(v)) return `an array of ${v.length}`;
  if (typeof v === "string") return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
  if (typeof v === "object") return `an object (${Object.prototype.toString.call(v).slice(8, -1)})`;
  return `${typeof v} ${toText(v)}`;
}

function shapeError(
  location: string,
  kind: string,
  rows: number,
  cols: number,
  gotRows: number,
  badRow: { index: number; length: number } | null,
): SimError {
  const detail = badRow
    ? `${kind}: the range has ${rows} × ${cols} cells but row ${badRow.index} of the array has ${badRow.length} values`
    : `${kind}: the range has ${rows} rows × ${cols} columns but the array has ${gotRows} rows`;
  return simError("InvalidArgument", location, detail, SHAPE_MISMATCH_MESSAGE);
}

/** What one cell reads as for a `Range` property. */
export function readCell(store: ColumnStore | undefined, r: number, kind: ReadKind, date1904 = false): unknown {
  if (!store) return kind === "numberFormat" ? "General" : kind === "valueTypes" ? "Empty" : "";
  switch (kind) {
    case "values": {
      const v = store.get(r);
      if (v === undefined) {
        const f = store.getFormula(r);
        return f === undefined ? "" : f;
      }
      return v instanceof CellError ? v.text : v;
    }
    case "formulas": {
      const f = store.getFormula(r);
      if (f !== undefined) return f;
      const v = store.get(r);
      return v === undefined ? "" : v instanceof CellError ? v.text : v;
    }
    case "numberFormat":
      return store.getFormat(r) ?? "General";
    case "text": {
      const v = store.get(r);
      if (v === undefined) {
        const f = store.getFormula(r);
        return f === undefined ? "" : f;
      }
      return formatCell(v, store.getFormat(r), date1904);
    }
    case "valueTypes": {
      const v = store.get(r);
      if (v === undefined) return store.getFormula(r) === undefined ? "Empty" : "String";
      if (typeof v === "number") return "Double";
      if (typeof v === "boolean") return "Boolean";
      if (v instanceof CellError) return "Error";
      return "String";
    }
  }
}

/** Writes one input cell (values/formulas semantics). */
function writeCell(store: ColumnStore, r: number, v: unknown): void {
  // Fast paths for the bulk of a large write: finite numbers, booleans, plain strings.
  if (typeof v === "number") {
    if (!isFiniteNumber(v)) return;
    store.set(r, v === 0 ? 0 : v);
    if (store.formulas) store.setFormula(r, undefined);
    return;
  }
  if (v === null || v === undefined) return;
  const fmt = store.getFormat(r);
  if (typeof v === "string" && v.length > 0 && fmt !== "@") {
    const c = v.charCodeAt(0);
    const special =
      (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 32 || c === 61 || c === 39 || c === 35;
    // Text that starts with a letter and ends in a digit may be a typed date ("Mar-24", "Mar 2024").
    const last = v.charCodeAt(v.length - 1);
    const dateLike = v.length <= 14 && last >= 48 && last <= 57;
    if (!special && !dateLike && v.length !== 4 && v.length !== 5) {
      store.set(r, v);
      if (store.formulas) store.setFormula(r, undefined);
      return;
    }
  }
  const p = parseInput(v, fmt === "@");
  switch (p.kind) {
    case "skip":
      return;
    case "clear":
      store.set(r, undefined);
      store.setFormula(r, undefined);
      store.setFormat(r, undefined); // "" clears value, number format and formula (BLANK)
      return;
    case "formula":
      store.set(r, undefined);
      store.setFormula(r, p.formula);
      return;
    case "value":
      store.set(r, p.value);
      store.setFormula(r, undefined);
      if (p.format && fmt === undefined) store.setFormat(r, p.format);
      return;
  }
}

/** Converts a preloaded cell (loadSheet) without Excel's typing rules: strings stay strings. */
export function toStoredRaw(v: unknown): Stored | undefined {
  if (v === null || v === undefined || v === "") return undefined;
  if (typeof v === "number") return isFiniteNumber(v) ? v : undefined;
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toJSON();
  return toText(v);
}

// ---------------------------------------------------------------------------------------------------------------

export class WorkbookModel {
  sheets: SheetModel[] = [];
  tables: TableModel[] = [];
  slicers: SlicerModel[] = [];
  names: NamedItemModel[] = [];
  /** Add-in settings (workbook.settings and, after saveAsync, Office.context.document.settings), JSON values. */
  settings = new Map<string, unknown>();
  customXmlParts: CustomXmlPartModel[] = [];
  activeSheet: SheetModel | null = null;
  calculationMode = "Automatic";
  /** The workbook's date system (Excel's "Use 1904 date system"): serial 0 is 1904-01-01, so `text` shows a date
   *  1,462 days later than the same serial in the 1900 system. No released API reads it. */
  date1904 = false;
  private counters = { table: 0, chart: 0, cf: 0, slicer: 0, xml: 0 };
  /** Listeners told after cells change (the demo re-renders). */
  private listeners: ((sheet: SheetModel, rect: Rect) => void)[] = [];

  nextId(kind: keyof WorkbookModel["counters"]): number {
    return ++this.counters[kind];
  }

  onChange(fn: (sheet: SheetModel, rect: Rect) => void): () => void {
    this.listeners.push(fn);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== fn);
    };
  }

  afterCellsChanged(sheet: SheetModel, rect: Rect): void {
    // Header cells of tables name their columns: keep them in step.
    for (const t of this.tables) {
      if (t.sheet !== sheet || !t.showHeaders) continue;
      if (rect.r0 <= t.rect.r0 && rect.r1 >= t.rect.r0 && rect.c1 >= t.rect.c0 && rect.c0 <= t.rect.c1) {
        this.normalizeTableHeaders(t);
      }
    }
    for (const l of this.listeners) l(sheet, rect);
  }

  getSheet(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  requireSheet(name: string): SheetModel {
    const s = this.getSheet(name);
    if (!s)
      throw new Error(`No sheet named '${name}' (sheets: ${this.sheets.map((x) => x.name).join(", ") || "none"})`);
    return s;
  }

  /** Checks Excel's sheet-name rules; returns a reason or null. */
  sheetNameProblem(name: unknown, except?: SheetModel): string | null {
    if (typeof name !== "string") return `a sheet name must be a string, got ${describe(name)}`;
    if (name.trim() === "") return "a sheet name cannot be blank";
    if (name.length > 31) return `sheet name '${name}' is longer than 31 characters`;
    if (/[[\]:*?/\\]/.test(name)) return `sheet name '${name}' contains one of the characters [ ] : * ? / \\`;
    if (name.startsWith("'") || name.endsWith("'")) return `sheet name '${name}' begins or ends with an apostrophe`;
    if (name.toLowerCase() === "history") return "'History' is reserved by Excel";
    const clash = this.getSheet(name);
    if (clash && clash !== except) return `a sheet named '${clash.name}' already exists`;
    return null;
  }

  addSheet(name?: string): SheetModel {
    let n = name;
    if (n === undefined) {
      let i = this.sheets.length + 1;
      while (this.getSheet(`Sheet${i}`)) i++;
      n = `Sheet${i}`;
    }
    const problem = this.sheetNameProblem(n);
    if (problem) {
      const code = this.getSheet(n) ? "ItemAlreadyExists" : "InvalidArgument";
      throw simError(code, "WorksheetCollection.add", problem);
    }
    const s = new SheetModel(this, n);
    this.sheets.push(s);
    if (!this.activeSheet) this.activeSheet = s;
    return s;
  }

  deleteSheet(s: SheetModel): void {
    const visible = this.sheets.filter((x) => x.visibility === "Visible");
    if (visible.length === 1 && visible[0] === s) {
      throw simError(
        "InvalidOperation",
        "Worksheet.delete",
        `'${s.name}' is the only visible sheet; a workbook must keep one`,
      );
    }
    for (const t of this.tables.filter((x) => x.sheet === s)) this.removeTable(t);
    this.slicers = this.slicers.filter((x) => x.sheet !== s);
    for (const other of this.sheets) for (const ch of other.charts) if (ch.source?.sheet === s) ch.source = null;
    this.sheets = this.sheets.filter((x) => x !== s);
    s.deleted = true;
    if (this.activeSheet === s) this.activeSheet = this.sheets.find((x) => x.visibility === "Visible") ?? null;
  }

  moveSheet(s: SheetModel, position: number): void {
    if (!isInteger(position) || position < 0 || position >= this.sheets.length) {
      throw simError(
        "InvalidArgument",
        "Worksheet.position",
        `position ${position} is outside 0..${this.sheets.length - 1}`,
      );
    }
    this.sheets = this.sheets.filter((x) => x !== s);
    this.sheets.splice(position, 0, s);
  }

  getTable(nameOrId: string): TableModel | undefined {
    const lower = nameOrId.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === lower || t.id === nameOrId);
  }

  /** Excel's table-name rules (unique across the workbook, gh:OfficeDev/office-js#551); a reason or null. */
  tableNameProblem(name: unknown, except?: TableModel): string | null {
    if (typeof name !== "string" || name === "")
      return `a table name must be a non-empty string, got ${describe(name)}`;
    if (name.length > 255) return `table name '${name}' is longer than 255 characters`;
    if (!/^[A-Za-z_\\\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name)) {
      return `table name '${name}' must start with a letter or underscore and hold only letters, digits, underscores and periods`;
    }
    if (/^[A-Za-z]{1,3}[0-9]+$/.test(name) || /^[Rr][0-9]*[Cc]?[0-9]*$/.test(name)) {
      return `table name '${name}' looks like a cell reference`;
    }
    const clash = this.tables.find((t) => t !== except && t.name.toLowerCase() === name.toLowerCase());
    if (clash)
      return `a table named '${clash.name}' already exists (on sheet '${clash.sheet.name}'); table names are unique in a workbook`;
    const nameClash = this.names.find((n) => n.name.toLowerCase() === name.toLowerCase());
    if (nameClash) return `the workbook already has a named item '${nameClash.name}'`;
    return null;
  }

  /**
   * Creates a table over rect. With hasHeaders=false Excel inserts a header row above the data (Column1, Column2 ...)
   * by shifting the cells below down.
   */
  addTable(sheet: SheetModel, rect: Rect, hasHeaders: boolean, location: string): TableModel {
    for (const t of sheet.tables()) {
      if (rectsIntersect(t.rect, rect)) {
        throw simError(
          "MergedRangeConflict",
          location,
          `${sheet.address(rect)} overlaps table '${t.name}' at ${sheet.address(t.rect)}`,
          ERROR_OVERLAP,
        );
      }
    }
    if (rect.r1 === MAX_ROWS - 1 && rect.r0 === 0) {
      throw simError("InvalidArgument", location, "a table cannot span whole columns; give the rows (e.g. A1:H5000)");
    }
    let r = { ...rect };
    if (!hasHeaders) {
      sheet.insertCells({ r0: r.r0, c0: r.c0, r1: r.r0, c1: r.c1 }, "Down", location);
      r = { ...r, r1: r.r1 + 1 };
    } else if (r.r0 === r.r1) {
      r = { ...r, r1: r.r1 + 1 }; // a header-only range gets one empty data row
    }
    let i = this.tables.length + 1;
    while (this.getTable(`Table${i}`)) i++;
    const t: TableModel = {
      id: toText(this.nextId("table")),
      name: `Table${i}`,
      sheet,
      rect: r,
      showHeaders: true,
      showTotals: false,
      style: "TableStyleMedium2",
      showBandedRows: true,
      showBandedColumns: false,
      showFilterButton: true,
      highlightFirstColumn: false,
      highlightLastColumn: false,
      columns: [],
      nextColumnId: 1,
      sortFields: null,
    };
    for (let c = r.c0; c <= r.c1; c++)
      t.columns.push({ id: t.nextColumnId++, name: hasHeaders ? "" : "", filter: null });
    if (!hasHeaders) {
      t.columns.forEach((col, k) => (col.name = `Column${k + 1}`));
      const headerRow = [t.columns.map((col) => col.name)];
      sheet.writeBlock({ r0: r.r0, c0: r.c0, r1: r.r0, c1: r.c1 }, headerRow, "values", location);
    }
    this.tables.push(t);
    this.normalizeTableHeaders(t);
    return t;
  }

  removeTable(t: TableModel): void {
    this.tables = this.tables.filter((x) => x !== t);
    this.slicers = this.slicers.filter((s) => s.table !== t);
  }

  /**
   * Table headers are text, non-blank and unique within the table: Excel renames blanks to "ColumnN" and
   * duplicates to "Name2", and writes the result back to the header cells.
   */
  normalizeTableHeaders(t: TableModel): void {
    const sheet = t.sheet;
    const n = rectCols(t.rect);
    while (t.columns.length < n) t.columns.push({ id: t.nextColumnId++, name: "", filter: null });
    if (t.columns.length > n) t.columns.length = n;
    const seen = new Set<string>();
    const fixes: { c: number; name: string }[] = [];
    for (let k = 0; k < n; k++) {
      const c = t.rect.c0 + k;
      const raw = sheet.getValue(t.rect.r0, c);
      let name =
        raw === undefined
          ? ""
          : raw instanceof CellError
            ? raw.text
            : typeof raw === "string"
              ? raw
              : formatCell(raw, sheet.getFormat(t.rect.r0, c));
      const original = name;
      if (name.trim() === "") name = `Column${k + 1}`;
      let candidate = name;
      let suffix = 2;
      while (seen.has(candidate.toLowerCase())) candidate = `${name}${suffix++}`;
      seen.add(candidate.toLowerCase());
      t.columns[k].name = candidate;
      if (candidate !== original || typeof raw !== "string") fixes.push({ c, name: candidate });
    }
    for (const f of fixes) {
      const store = sheet.col(f.c);
      store.set(t.rect.r0, f.name);
      store.setFormula(t.rect.r0, undefined);
    }
  }

  /** Rows of a table's data body, as a rectangle (header excluded). */
  tableBody(t: TableModel): Rect {
    return { ...t.rect, r0: t.rect.r0 + (t.showHeaders ? 1 : 0) };
  }
}

const ERROR_OVERLAP =
  "A table can't overlap with another table, a PivotTable report, query results, merged cells, or an XML Map.";

/** The cells a chart's source covers, clipped to the sheet's used range (charts over whole columns stay small). */
export function chartSourceRect(ch: ChartModel): Rect | null {
  if (!ch.source) return null;
  const used = ch.source.sheet.usedRect(true);
  if (!used) return null;
  return intersectRects(ch.source.rect, { r0: 0, c0: 0, r1: used.r1, c1: used.c1 });
}
