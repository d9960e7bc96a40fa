/**
 * Range and its formatting: `SimRange` (values, formulas, numberFormat, text, valueTypes, geometry, navigation,
 * clear/insert/delete), `SimRangeFormat` (column width, row height, alignment, autofit), font, fill, borders, and
 * conditional formats (`range.conditionalFormats.add("ColorScale")` etc., ExcelApi 1.6).
 *
 * Reads of cell arrays count the cells (RangeExceedsLimit above `limits.readCells`, 5,000,000) and add the values'
 * JSON size to the response; writes check the exact 2-D shape (InvalidArgument with Excel's message) and add their
 * JSON size to the request. Example:
 *   const r = sheet.getRange("A1:B2"); r.values = [[1, 2], [3, 4]]; r.load("address"); await context.sync();
 *   r.address // "Sheet1!A1:B2"
 */
import { MAX_COLUMNS, MAX_ROWS, Rect, intersectRects, rectCells, rectCols, rectRows } from "../address";
import { autofitColumns, autofitRows } from "../autofit";
import { enums } from "../enums";
import { simError } from "../errors";
import type { CellKind, ConditionalFormatModel, ReadKind, SheetModel } from "../model";
import { describe } from "../model";
import { Exec, installProps, Meta, PropSpec, SimObject } from "../runtime";
import { BagRecord, cloneJson, defineBag } from "./bag";
import {
  RangeRef,
  SimCollection,
  action,
  checkBool,
  checkColor,
  checkEnum,
  checkInt,
  checkNumber,
  checkString,
  child,
  created,
  liveRange,
  liveSheet,
  navChild,
  resolveAddress,
} from "./common";
import { SimWorksheet } from "./sheets";

function readCells(kind: ReadKind, since?: string): PropSpec<RangeRef> {
  return {
    since,
    cells: true,
    get: (r, x) => {
      liveRange(r, `Range.${kind}`);
      const n = rectCells(r.rect);
      if (n > x.host.limits.readCells) {
        // Excel "will either return null or throw an error" past the cap; the host picks which.
        if (x.host.oversizedRead === "null") return null;
        throw simError(
          "RangeExceedsLimit",
          `Range.${kind}`,
          `reading ${kind} of ${r.sheet.address(r.rect)} covers ${n} cells; one read may cover at most ${x.host.limits.readCells}`,
        );
      }
      x.cellsRead += n;
      return r.sheet.readBlock(r.rect, kind);
    },
  };
}

function writeCells(kind: CellKind, since?: string): PropSpec<RangeRef> {
  return {
    ...readCells(kind === "values" ? "values" : kind, since),
    set: (r, v, x) => {
      liveRange(r, `Range.${kind}`);
      x.cellsWritten += r.sheet.writeBlock(r.rect, v, kind, `Range.${kind}`);
    },
  };
}

const RANGE_META: Meta = {
  typeName: "Range",
  props: {
    address: { get: (r: RangeRef) => r.sheet.address(r.rect) },
    addressLocal: { get: (r: RangeRef) => r.sheet.address(r.rect) },
    cellCount: { get: (r: RangeRef) => rectCells(r.rect) },
    rowCount: { get: (r: RangeRef) => rectRows(r.rect) },
    columnCount: { get: (r: RangeRef) => rectCols(r.rect) },
    rowIndex: { get: (r: RangeRef) => r.rect.r0 },
    columnIndex: { get: (r: RangeRef) => r.rect.c0 },
    values: writeCells("values"),
    formulas: writeCells("formulas"),
    formulasLocal: writeCells("formulas"),
    numberFormat: writeCells("numberFormat"),
    numberFormatLocal: writeCells("numberFormat", "1.7"),
    text: readCells("text"),
    valueTypes: readCells("valueTypes"),
    isEntireColumn: { since: "1.7", get: (r: RangeRef) => r.rect.r0 === 0 && r.rect.r1 === MAX_ROWS - 1 },
    isEntireRow: { since: "1.7", get: (r: RangeRef) => r.rect.c0 === 0 && r.rect.c1 === MAX_COLUMNS - 1 },
    top: { since: "1.10", get: (r: RangeRef) => r.sheet.topOf(r.rect.r0) },
    left: { since: "1.10", get: (r: RangeRef) => r.sheet.leftOf(r.rect.c0) },
    width: { since: "1.10", get: (r: RangeRef) => r.sheet.leftOf(r.rect.c1 + 1) - r.sheet.leftOf(r.rect.c0) },
    height: { since: "1.10", get: (r: RangeRef) => r.sheet.topOf(r.rect.r1 + 1) - r.sheet.topOf(r.rect.r0) },
  } as Record<string, PropSpec<never>>,
  navs: { format: undefined, conditionalFormats: "1.6", worksheet: undefined },
};

/**
 * A Range made by a method of an object on one sheet (Range.getCell, Range.getOffsetRange, Worksheet.getRange,
 * Worksheet.getUsedRangeOrNullObject, ...). At sync time the sheet must still exist (ItemNotFound otherwise); `f`
 * then gives a rectangle on that sheet, which must lie within the grid, a ready RangeRef, or null for a null object
 * (the *OrNullObject methods, with `nullable`).
 */
export function rangeOn<E>(
  self: SimObject,
  where: string,
  since: string | undefined,
  args: unknown[],
  sheetOf: (e: E) => SheetModel,
  f: (e: E, x: Exec, where: string) => Rect | RangeRef | null,
  nullable = false,
): SimRange {
  const resolve = (e: E, x: Exec): RangeRef | null => {
    const sheet = liveSheet(sheetOf(e), where);
    const out = f(e, x, where);
    if (out === null) return null;
    return "sheet" in out ? out : { sheet, rect: withinGrid(out, where) };
  };
  return child(self, SimRange, where, since, args, resolve, nullable);
}

function withinGrid(rect: Rect, where: string): Rect {
  if (
    rect.r0 < 0 ||
    rect.c0 < 0 ||
    rect.r1 >= MAX_ROWS ||
    rect.c1 >= MAX_COLUMNS ||
    rect.r1 < rect.r0 ||
    rect.c1 < rect.c0
  ) {
    throw simError(
      "InvalidArgument",
      where,
      `the resulting range would leave the grid (rows 1..${MAX_ROWS}, columns A..XFD)`,
    );
  }
  return rect;
}

export class SimRange extends SimObject {
  static meta = RANGE_META;
  declare readonly address: string;
  declare values: unknown[][];

  get format(): SimRangeFormat {
    return navChild(this, "format", SimRangeFormat, undefined, (r: RangeRef) => r);
  }

  get conditionalFormats(): SimConditionalFormatCollection {
    return navChild(this, "conditionalFormats", SimConditionalFormatCollection, "1.6", (r: RangeRef) => r);
  }

  get worksheet(): SimWorksheet {
    return navChild(this, "worksheet", SimWorksheet, undefined, (r: RangeRef) => r.sheet);
  }

  private _sub(
    member: string,
    since: string | undefined,
    args: unknown[],
    f: (r: RangeRef, where: string) => Rect | RangeRef | null,
    nullable = false,
  ): SimRange {
    const sheetOf = (r: RangeRef) => r.sheet;
    return rangeOn(this, `Range.${member}`, since, args, sheetOf, (r, _x, where) => f(r, where), nullable);
  }

  getCell(row: number, column: number): SimRange {
    return this._sub("getCell", undefined, [row, column], (r, w) => {
      checkInt(row, "row", w);
      checkInt(column, "column", w);
      return { r0: r.rect.r0 + row, c0: r.rect.c0 + column, r1: r.rect.r0 + row, c1: r.rect.c0 + column };
    });
  }

  getRow(row: number): SimRange {
    return this._sub("getRow", undefined, [row], (r, w) => {
      checkInt(row, "row", w, 0);
      if (row >= rectRows(r.rect))
        throw simError("InvalidArgument", w, `row ${row} is outside the range's ${rectRows(r.rect)} rows`);
      return { ...r.rect, r0: r.rect.r0 + row, r1: r.rect.r0 + row };
    });
  }

  getColumn(column: number): SimRange {
    return this._sub("getColumn", undefined, [column], (r, w) => {
      checkInt(column, "column", w, 0);
      if (column >= rectCols(r.rect))
        throw simError("InvalidArgument", w, `column ${column} is outside the range's ${rectCols(r.rect)} columns`);
      return { ...r.rect, c0: r.rect.c0 + column, c1: r.rect.c0 + column };
    });
  }

  getRowsAbove(count = 1): SimRange {
    return this._sub("getRowsAbove", "1.2", [count], (r, w) => {
      checkInt(count, "count", w, 1);
      return { ...r.rect, r0: r.rect.r0 - count, r1: r.rect.r0 - 1 };
    });
  }

  getRowsBelow(count = 1): SimRange {
    return this._sub("getRowsBelow", "1.2", [count], (r, w) => {
      checkInt(count, "count", w, 1);
      return { ...r.rect, r0: r.rect.r1 + 1, r1: r.rect.r1 + count };
    });
  }

  getColumnsBefore(count = 1): SimRange {
    return this._sub("getColumnsBefore", "1.2", [count], (r, w) => {
      checkInt(count, "count", w, 1);
      return { ...r.rect, c0: r.rect.c0 - count, c1: r.rect.c0 - 1 };
    });
  }

  getColumnsAfter(count = 1): SimRange {
    return this._sub("getColumnsAfter", "1.2", [count], (r, w) => {
      checkInt(count, "count", w, 1);
      return { ...r.rect, c0: r.rect.c1 + 1, c1: r.rect.c1 + count };
    });
  }

  getOffsetRange(rowOffset: number, columnOffset: number): SimRange {
    return this._sub("getOffsetRange", undefined, [rowOffset, columnOffset], (r, w) => {
      checkInt(rowOffset, "rowOffset", w);
      checkInt(columnOffset, "columnOffset", w);
      return {
        r0: r.rect.r0 + rowOffset,
        c0: r.rect.c0 + columnOffset,
        r1: r.rect.r1 + rowOffset,
        c1: r.rect.c1 + columnOffset,
      };
    });
  }

  getResizedRange(deltaRows: number, deltaColumns: number): SimRange {
    return this._sub("getResizedRange", "1.2", [deltaRows, deltaColumns], (r, w) => {
      checkInt(deltaRows, "deltaRows", w);
      checkInt(deltaColumns, "deltaColumns", w);
      return { ...r.rect, r1: r.rect.r1 + deltaRows, c1: r.rect.c1 + deltaColumns };
    });
  }

  getAbsoluteResizedRange(numRows: number, numColumns: number): SimRange {
    return this._sub("getAbsoluteResizedRange", "1.7", [numRows, numColumns], (r, w) => {
      checkInt(numRows, "numRows", w, 1);
      checkInt(numColumns, "numColumns", w, 1);
      return { ...r.rect, r1: r.rect.r0 + numRows - 1, c1: r.rect.c0 + numColumns - 1 };
    });
  }

  getEntireColumn(): SimRange {
    return this._sub("getEntireColumn", undefined, [], (r) => ({ ...r.rect, r0: 0, r1: MAX_ROWS - 1 }));
  }

  getEntireRow(): SimRange {
    return this._sub("getEntireRow", undefined, [], (r) => ({ ...r.rect, c0: 0, c1: MAX_COLUMNS - 1 }));
  }

  getLastCell(): SimRange {
    return this._sub("getLastCell", undefined, [], (r) => ({
      r0: r.rect.r1,
      c0: r.rect.c1,
      r1: r.rect.r1,
      c1: r.rect.c1,
    }));
  }

  getLastRow(): SimRange {
    return this._sub("getLastRow", undefined, [], (r) => ({ ...r.rect, r0: r.rect.r1 }));
  }

  getLastColumn(): SimRange {
    return this._sub("getLastColumn", undefined, [], (r) => ({ ...r.rect, c0: r.rect.c1 }));
  }

  private _other(other: unknown, where: string): (r: RangeRef, x: Exec) => RangeRef {
    if (other instanceof SimRange) {
      this._sameContext(other, where);
      other._ensure();
      return () => liveRange(other._entity as RangeRef, where);
    }
    return (r, x) => resolveAddress(x.model, r.sheet, other, where);
  }

  getBoundingRect(anotherRange: Excel.Range | string): SimRange {
    const where = "Range.getBoundingRect";
    const other = this._other(anotherRange, where);
    return child(this, SimRange, where, undefined, [anotherRange], (r: RangeRef, x: Exec) => {
      const o = other(r, x);
      if (o.sheet !== r.sheet) throw simError("InvalidArgument", where, "the ranges are on different sheets");
      return {
        sheet: r.sheet,
        rect: {
          r0: Math.min(r.rect.r0, o.rect.r0),
          c0: Math.min(r.rect.c0, o.rect.c0),
          r1: Math.max(r.rect.r1, o.rect.r1),
          c1: Math.max(r.rect.c1, o.rect.c1),
        },
      };
    });
  }

  private _intersection(
    member: string,
    since: string | undefined,
    anotherRange: Excel.Range | string,
    nullable: boolean,
  ): SimRange {
    const where = `Range.${member}`;
    const other = this._other(anotherRange, where);
    return child(
      this,
      SimRange,
      where,
      since,
      [anotherRange],
      (r: RangeRef, x: Exec) => {
        const o = other(r, x);
        const i = o.sheet === r.sheet ? intersectRects(r.rect, o.rect) : null;
        if (i) return { sheet: r.sheet, rect: i };
        if (nullable) return null;
        throw simError("ItemNotFound", where, "the ranges do not intersect");
      },
      nullable,
    );
  }

  getIntersection(anotherRange: Excel.Range | string): SimRange {
    return this._intersection("getIntersection", undefined, anotherRange, false);
  }

  getIntersectionOrNullObject(anotherRange: Excel.Range | string): SimRange {
    return this._intersection("getIntersectionOrNullObject", "1.4", anotherRange, true);
  }

  private _used(
    member: string,
    since: string | undefined,
    valuesOnly: boolean | undefined,
    nullable: boolean,
  ): SimRange {
    return this._sub(
      member,
      since,
      valuesOnly === undefined ? [] : [valuesOnly],
      (r, w) => {
        const used = r.sheet.usedRect(valuesOnly === true);
        const i = used ? intersectRects(used, r.rect) : null;
        if (i) return i;
        if (nullable) return null;
        throw simError("ItemNotFound", w, `${r.sheet.address(r.rect)} holds no used cells`);
      },
      nullable,
    );
  }

  getUsedRange(valuesOnly?: boolean): SimRange {
    return this._used("getUsedRange", undefined, valuesOnly, false);
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): SimRange {
    return this._used("getUsedRangeOrNullObject", "1.4", valuesOnly, true);
  }

  /** The block of non-blank cells around this range (Ctrl+A / CurrentRegion). */
  getSurroundingRegion(): SimRange {
    return this._sub("getSurroundingRegion", "1.7", [], (r) => surroundingRegion(r.sheet, r.rect));
  }

  clear(applyTo?: string): void {
    const where = "Range.clear";
    action(this, where, undefined, [applyTo], (r: RangeRef) => {
      liveRange(r, where);
      const mode =
        applyTo === undefined ? "All" : checkEnum(applyTo, Object.values(enums.ClearApplyTo), "applyTo", where);
      r.sheet.clear(r.rect, mode);
    });
  }

  delete(shift: string): void {
    const where = "Range.delete";
    action(this, where, undefined, [shift], (r: RangeRef, x: Exec) => {
      liveRange(r, where);
      const dir = checkEnum(shift, ["Up", "Left"], "shift", where) as "Up" | "Left";
      checkOperationCells(r, x, where);
      r.sheet.deleteCells(r.rect, dir, where);
    });
  }

  insert(shift: string): SimRange {
    const where = "Range.insert";
    return created(this, SimRange, where, undefined, [shift], (r: RangeRef, x: Exec) => {
      liveRange(r, where);
      const dir = checkEnum(shift, ["Down", "Right"], "shift", where) as "Down" | "Right";
      checkOperationCells(r, x, where);
      r.sheet.insertCells(r.rect, dir, where);
      return { sheet: r.sheet, rect: { ...r.rect } };
    });
  }

  select(): void {
    action(this, "Range.select", undefined, [], (r: RangeRef, x: Exec) => {
      liveRange(r, "Range.select");
      x.model.activeSheet = r.sheet;
    });
  }

  calculate(): void {
    action(this, "Range.calculate", "1.6", [], () => undefined);
  }
}
installProps(SimRange);

function checkOperationCells(r: RangeRef, x: Exec, where: string): void {
  // Shifting whole columns or rows touches every cell of the grid's band; Excel on the web caps operations.
  const used = r.sheet.usedRect(false);
  if (!used) return;
  const rows = Math.min(rectRows(r.rect), used.r1 + 1);
  const cols = Math.min(rectCols(r.rect), used.c1 + 1);
  if (rows * cols > x.host.limits.operationCells) {
    throw simError("OperationCellsExceedLimit", where, `the operation affects ${rows * cols} cells`);
  }
}

function surroundingRegion(sheet: SheetModel, rect: Rect): Rect {
  let r = { ...rect };
  const filled = (rr: number, cc: number) =>
    rr >= 0 && cc >= 0 && rr < MAX_ROWS && cc < MAX_COLUMNS && sheet.getValue(rr, cc) !== undefined;
  for (let guard = 0; guard < 10000; guard++) {
    let grew = false;
    const rowHas = (rr: number) => {
      for (let c = Math.max(0, r.c0 - 1); c <= Math.min(MAX_COLUMNS - 1, r.c1 + 1); c++) if (filled(rr, c)) return true;
      return false;
    };
    const colHas = (cc: number) => {
      for (let rr = Math.max(0, r.r0 - 1); rr <= Math.min(MAX_ROWS - 1, r.r1 + 1); rr++)
        if (filled(rr, cc)) return true;
      return false;
    };
    if (r.r0 > 0 && rowHas(r.r0 - 1)) {
      r = { ...r, r0: r.r0 - 1 };
      grew = true;
    }
    if (r.r1 < MAX_ROWS - 1 && rowHas(r.r1 + 1)) {
      r = { ...r, r1: r.r1 + 1 };
      grew = true;
    }
    if (r.c0 > 0 && colHas(r.c0 - 1)) {
      r = { ...r, c0: r.c0 - 1 };
      grew = true;
    }
    if (r.c1 < MAX_COLUMNS - 1 && colHas(r.c1 + 1)) {
      r = { ...r, c1: r.c1 + 1 };
      grew = true;
    }
    if (!grew) break;
  }
  return r;
}

// ---------------------------------------------------------------------------------------------------------------
// Format

function styleProp(
  key: string,
  check: (v: unknown, name: string, where: string) => unknown,
  since?: string,
): PropSpec<RangeRef> {
  return {
    since,
    get: (r) => r.sheet.getStyle(r.rect, key),
    set: (r, v) => {
      const name = key.split("/").pop() as string;
      r.sheet.setStyle(r.rect, key, check(v, name, `RangeFormat.${key}`) as string | number | boolean);
    },
  };
}

const H_ALIGN = Object.values(enums.HorizontalAlignment);
const V_ALIGN = Object.values(enums.VerticalAlignment);

export class SimRangeFormat extends SimObject {
  static meta: Meta = {
    typeName: "RangeFormat",
    props: {
      columnWidth: {
        since: "1.2",
        get: (r: RangeRef) => {
          const w = r.sheet.columnWidth(r.rect.c0);
          for (let c = r.rect.c0 + 1; c <= Math.min(r.rect.c1, r.rect.c0 + 16384); c++)
            if (r.sheet.columnWidth(c) !== w) return null;
          return w;
        },
        set: (r: RangeRef, v: unknown) => {
          const w = checkNumber(v, "columnWidth", "RangeFormat.columnWidth");
          if (w < 0) throw simError("InvalidArgument", "RangeFormat.columnWidth", "columnWidth must be ≥ 0");
          for (let c = r.rect.c0; c <= r.rect.c1; c++) r.sheet.columnWidths.set(c, w);
        },
      },
      rowHeight: {
        since: "1.2",
        get: (r: RangeRef) => {
          const h = r.sheet.rowHeight(r.rect.r0);
          const last = Math.min(r.rect.r1, r.rect.r0 + 100000);
          for (let rr = r.rect.r0 + 1; rr <= last; rr++) if (r.sheet.rowHeight(rr) !== h) return null;
          return h;
        },
        set: (r: RangeRef, v: unknown) => {
          const h = checkNumber(v, "rowHeight", "RangeFormat.rowHeight");
          if (r.rect.r1 - r.rect.r0 > 100000)
            throw simError(
              "InvalidArgument",
              "RangeFormat.rowHeight",
              "the simulation sets row heights for at most 100,000 rows at once",
            );
          for (let rr = r.rect.r0; rr <= r.rect.r1; rr++) r.sheet.rowHeights.set(rr, h);
        },
      },
      horizontalAlignment: styleProp("horizontalAlignment", (v, n, w) => checkEnum(v, H_ALIGN, n, w)),
      verticalAlignment: styleProp("verticalAlignment", (v, n, w) => checkEnum(v, V_ALIGN, n, w)),
      wrapText: styleProp("wrapText", checkBool),
      indentLevel: styleProp("indentLevel", (v, n, w) => checkInt(v, n, w, 0), "1.9"),
    } as Record<string, PropSpec<never>>,
    navs: { font: undefined, fill: undefined, borders: undefined },
  };

  get font(): SimObject {
    return navChild(this, "font", SimRangeFont, undefined, (r: RangeRef) => r);
  }
  get fill(): SimRangeFill {
    return navChild(this, "fill", SimRangeFill, undefined, (r: RangeRef) => r);
  }
  get borders(): SimRangeBorderCollection {
    return navChild(this, "borders", SimRangeBorderCollection, undefined, (r: RangeRef) => r);
  }

  autofitColumns(): void {
    action(this, "RangeFormat.autofitColumns", "1.2", [], (r: RangeRef) => {
      liveRange(r, "RangeFormat.autofitColumns");
      autofitColumns(r.sheet, r.rect);
    });
  }

  autofitRows(): void {
    action(this, "RangeFormat.autofitRows", "1.2", [], (r: RangeRef) => {
      liveRange(r, "RangeFormat.autofitRows");
      autofitRows(r.sheet, r.rect);
    });
  }
}
installProps(SimRangeFormat);

export class SimRangeFont extends SimObject {
  static meta: Meta = {
    typeName: "RangeFont",
    props: {
      bold: styleProp("font/bold", checkBool),
      italic: styleProp("font/italic", checkBool),
      color: styleProp("font/color", checkColor),
      name: styleProp("font/name", checkString),
      size: styleProp("font/size", checkNumber),
      underline: styleProp("font/underline", (v, n, w) => checkEnum(v, Object.values(enums.RangeUnderlineStyle), n, w)),
      strikethrough: styleProp("font/strikethrough", checkBool, "1.9"),
    } as Record<string, PropSpec<never>>,
  };
}
installProps(SimRangeFont);

export class SimRangeFill extends SimObject {
  static meta: Meta = {
    typeName: "RangeFill",
    props: {
      color: styleProp("fill/color", checkColor),
      pattern: styleProp("fill/pattern", (v, n, w) => checkEnum(v, Object.values(enums.FillPattern), n, w), "1.9"),
    } as Record<string, PropSpec<never>>,
  };

  clear(): void {
    action(this, "RangeFill.clear", undefined, [], (r: RangeRef) => r.sheet.setStyle(r.rect, "fill/color", "#FFFFFF"));
  }
}
installProps(SimRangeFill);

const BORDER_INDEX = Object.values(enums.BorderIndex);

export class SimRangeBorderCollection extends SimObject {
  static meta: Meta = { typeName: "RangeBorderCollection", props: {} };

  getItem(index: string): SimObject {
    const where = "RangeBorderCollection.getItem";
    return child(this, SimRangeBorder, where, undefined, [index], (r: RangeRef) => ({
      ...r,
      side: checkEnum(index, BORDER_INDEX, "index", where),
    }));
  }
}

export class SimRangeBorder extends SimObject {
  static meta: Meta = {
    typeName: "RangeBorder",
    props: {
      sideIndex: { get: (b: RangeRef & { side: string }) => b.side },
      style: borderProp("style", (v, n, w) => checkEnum(v, Object.values(enums.BorderLineStyle), n, w), "None"),
      color: borderProp("color", checkColor, "#000000"),
      weight: borderProp("weight", (v, n, w) => checkEnum(v, Object.values(enums.BorderWeight), n, w), "Thin"),
    } as Record<string, PropSpec<never>>,
  };
}
installProps(SimRangeBorder);

function borderProp(
  name: string,
  check: (v: unknown, n: string, w: string) => unknown,
  def: string,
): PropSpec<RangeRef & { side: string }> {
  return {
    get: (b) => b.sheet.getStyle(b.rect, `borders/${b.side}/${name}`) ?? def,
    set: (b, v) =>
      b.sheet.setStyle(b.rect, `borders/${b.side}/${name}`, check(v, name, `RangeBorder.${name}`) as string),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Conditional formats

const CF_TYPES = Object.values(enums.ConditionalFormatType);

/** ConditionalFormatType → the property holding its settings. */
export const CF_SUB: Record<string, string> = {
  ColorScale: "colorScale",
  DataBar: "dataBar",
  CellValue: "cellValue",
  Custom: "custom",
  IconSet: "iconSet",
  PresetCriteria: "preset",
  ContainsText: "textComparison",
  TopBottom: "topBottom",
};

const COLOR_CRITERION_TYPES = Object.values(enums.ConditionalFormatColorCriterionType);

function checkColorCriterion(v: unknown, name: string, where: string): Record<string, unknown> {
  if (!v || typeof v !== "object")
    throw simError("InvalidArgument", where, `${name} must be an object {type, formula?, color?}, got ${describe(v)}`);
  const o = v as Record<string, unknown>;
  const type = checkEnum(o.type, COLOR_CRITERION_TYPES, `${name}.type`, where);
  const needsFormula = ["Number", "Percent", "Percentile", "Formula"].includes(type);
  if (needsFormula && (o.formula === undefined || o.formula === null || o.formula === "")) {
    throw simError("InvalidArgument", where, `${name}.formula is required for type ${type}`);
  }
  if (o.color !== undefined) checkColor(o.color, `${name}.color`, where);
  return cloneJson(o);
}

function checkColorScaleCriteria(v: unknown, name: string, where: string): Record<string, unknown> {
  if (!v || typeof v !== "object")
    throw simError("InvalidArgument", where, `criteria must be {minimum, midpoint?, maximum}, got ${describe(v)}`);
  const o = v as Record<string, unknown>;
  if (!o.minimum || !o.maximum) throw simError("InvalidArgument", where, "criteria needs both minimum and maximum");
  const out: Record<string, unknown> = {
    minimum: checkColorCriterion(o.minimum, "criteria.minimum", where),
    maximum: checkColorCriterion(o.maximum, "criteria.maximum", where),
  };
  if (o.midpoint) out.midpoint = checkColorCriterion(o.midpoint, "criteria.midpoint", where);
  void name;
  return out;
}

function checkRule(required: string[], enumField?: { name: string; values: readonly string[] }) {
  return (v: unknown, name: string, where: string): Record<string, unknown> => {
    if (!v || typeof v !== "object")
      throw simError("InvalidArgument", where, `${name} must be an object, got ${describe(v)}`);
    const o = v as Record<string, unknown>;
    for (const f of required) {
      if (o[f] === undefined || o[f] === null || o[f] === "")
        throw simError("InvalidArgument", where, `${name}.${f} is required`);
    }
    if (enumField && o[enumField.name] !== undefined)
      checkEnum(o[enumField.name], enumField.values, `${name}.${enumField.name}`, where);
    return cloneJson(o);
  };
}

const CfFont = defineBag("ConditionalRangeFont", {
  bold: { def: null, check: checkBool },
  italic: { def: null, check: checkBool },
  color: { def: null, check: checkColor },
  strikethrough: { def: null, check: checkBool },
  underline: { def: null, check: checkString },
});
const CfFill = defineBag("ConditionalRangeFill", { color: { def: null, check: checkColor } });
const CfFormat = defineBag(
  "ConditionalRangeFormat",
  { numberFormat: { def: null } },
  { font: { cls: () => CfFont }, fill: { cls: () => CfFill } },
);
const CfFormulaRule = defineBag("ConditionalFormatRule", {
  formula: { def: "", check: checkString },
  formulaLocal: { def: "", check: checkString },
});

const SUB_CLASSES: Record<string, ReturnType<typeof defineBag>> = {
  colorScale: defineBag("ColorScaleConditionalFormat", {
    criteria: { def: null, check: checkColorScaleCriteria },
    threeColorScale: {
      def: false,
      readOnly: true,
      get: (rec) => Boolean((rec.criteria as BagRecord | undefined)?.midpoint),
    },
  }),
  dataBar: defineBag(
    "DataBarConditionalFormat",
    {
      barDirection: {
        def: "Context",
        check: (v, n, w) => checkEnum(v, Object.values(enums.ConditionalDataBarDirection), n, w),
      },
      showDataBarOnly: { def: false, check: checkBool },
      axisColor: { def: "#000000", check: checkColor },
      axisFormat: {
        def: "Automatic",
        check: (v, n, w) => checkEnum(v, Object.values(enums.ConditionalDataBarAxisFormat), n, w),
      },
      lowerBoundRule: { def: { type: "LowestValue" } },
      upperBoundRule: { def: { type: "HighestValue" } },
    },
    {
      positiveFormat: {
        cls: () =>
          defineBag("ConditionalDataBarPositiveFormat", {
            fillColor: { def: "#638EC6", check: checkColor },
            gradientFill: { def: true, check: checkBool },
            borderColor: { def: "", check: checkColor },
          }),
      },
      negativeFormat: {
        cls: () =>
          defineBag("ConditionalDataBarNegativeFormat", {
            fillColor: { def: "#FF0000", check: checkColor },
            borderColor: { def: "", check: checkColor },
            matchPositiveFillColor: { def: false, check: checkBool },
            matchPositiveBorderColor: { def: false, check: checkBool },
          }),
      },
    },
  ),
  cellValue: defineBag(
    "CellValueConditionalFormat",
    {
      rule: {
        def: null,
        check: checkRule(["formula1", "operator"], {
          name: "operator",
          values: Object.values(enums.ConditionalCellValueOperator),
        }),
      },
    },
    { format: { cls: () => CfFormat } },
  ),
  custom: defineBag(
    "CustomConditionalFormat",
    {},
    { rule: { cls: () => CfFormulaRule }, format: { cls: () => CfFormat } },
  ),
  iconSet: defineBag("IconSetConditionalFormat", {
    style: { def: "ThreeArrows", check: (v, n, w) => checkEnum(v, Object.values(enums.IconSet), n, w) },
    reverseIconOrder: { def: false, check: checkBool },
    showIconOnly: { def: false, check: checkBool },
    criteria: { def: [] },
  }),
  preset: defineBag(
    "PresetCriteriaConditionalFormat",
    {
      rule: {
        def: null,
        check: checkRule(["criterion"], {
          name: "criterion",
          values: Object.values(enums.ConditionalFormatPresetCriterion),
        }),
      },
    },
    { format: { cls: () => CfFormat } },
  ),
  textComparison: defineBag(
    "TextConditionalFormat",
    {
      rule: {
        def: null,
        check: checkRule(["operator", "text"], {
          name: "operator",
          values: Object.values(enums.ConditionalTextOperator),
        }),
      },
    },
    { format: { cls: () => CfFormat } },
  ),
  topBottom: defineBag(
    "TopBottomConditionalFormat",
    {
      rule: {
        def: null,
        check: checkRule(["rank", "type"], {
          name: "type",
          values: Object.values(enums.ConditionalTopBottomCriterionType),
        }),
      },
    },
    { format: { cls: () => CfFormat } },
  ),
};

function liveCf(cf: ConditionalFormatModel, where: string): ConditionalFormatModel {
  if (cf.sheet.deleted || !cf.sheet.conditionalFormats.includes(cf))
    throw simError("ItemNotFound", where, "the conditional format was deleted");
  return cf;
}

function cfsOf(r: RangeRef): ConditionalFormatModel[] {
  return r.sheet.conditionalFormats
    .filter((cf) => intersectRects(cf.rect, r.rect) !== null)
    .sort((a, b) => a.priority - b.priority);
}

export class SimConditionalFormatCollection extends SimCollection<SimConditionalFormat> {
  static meta: Meta = { typeName: "ConditionalFormatCollection", props: {}, collection: true };

  _itemsOf(r: RangeRef): unknown[] {
    return cfsOf(liveRange(r, "ConditionalFormatCollection"));
  }
  _itemClass() {
    return SimConditionalFormat;
  }
  _countSince() {
    return "1.6";
  }

  add(type: string): SimConditionalFormat {
    const where = "ConditionalFormatCollection.add";
    return created(this, SimConditionalFormat, where, "1.6", [type], (r: RangeRef, x: Exec) => {
      liveRange(r, where);
      const t = checkEnum(type, CF_TYPES, "type", where);
      for (const cf of r.sheet.conditionalFormats) cf.priority++;
      const cf: ConditionalFormatModel = {
        id: String(x.model.nextId("cf")),
        type: t,
        sheet: r.sheet,
        rect: { ...r.rect },
        priority: 0,
        stopIfTrue: false,
        props: { [CF_SUB[t]]: {} },
      };
      r.sheet.conditionalFormats.push(cf);
      return cf;
    });
  }

  getItem(id: string): SimConditionalFormat {
    const where = "ConditionalFormatCollection.getItem";
    return child(this, SimConditionalFormat, where, "1.6", [id], (r: RangeRef) => {
      const cf = cfsOf(r).find((c) => c.id === id);
      if (!cf)
        throw simError("ItemNotFound", where, `no conditional format with id '${id}' on ${r.sheet.address(r.rect)}`);
      return cf;
    });
  }

  getItemOrNullObject(id: string): SimConditionalFormat {
    const where = "ConditionalFormatCollection.getItemOrNullObject";
    return child(
      this,
      SimConditionalFormat,
      where,
      "1.14",
      [id],
      (r: RangeRef) => cfsOf(r).find((c) => c.id === id) ?? null,
      true,
    );
  }

  getItemAt(index: number): SimConditionalFormat {
    const where = "ConditionalFormatCollection.getItemAt";
    return child(this, SimConditionalFormat, where, "1.6", [index], (r: RangeRef) => {
      const list = cfsOf(r);
      if (!Number.isInteger(index) || index < 0 || index >= list.length) {
        throw simError("ItemNotFound", where, `index ${index} is outside 0..${list.length - 1}`);
      }
      return list[index];
    });
  }

  clearAll(): void {
    action(this, "ConditionalFormatCollection.clearAll", "1.6", [], (r: RangeRef) => {
      const doomed = new Set(cfsOf(r));
      r.sheet.conditionalFormats = r.sheet.conditionalFormats.filter((c) => !doomed.has(c));
    });
  }
}
installProps(SimConditionalFormatCollection);

export class SimConditionalFormat extends SimObject {
  static meta: Meta = {
    typeName: "ConditionalFormat",
    props: {
      id: { since: "1.6", get: (cf: ConditionalFormatModel) => cf.id },
      type: { since: "1.6", get: (cf: ConditionalFormatModel) => cf.type },
      priority: {
        since: "1.6",
        get: (cf: ConditionalFormatModel) => cf.priority,
        set: (cf: ConditionalFormatModel, v: unknown) => {
          const p = checkInt(v, "priority", "ConditionalFormat.priority", 0);
          const others = cf.sheet.conditionalFormats.filter((c) => c !== cf).sort((a, b) => a.priority - b.priority);
          others.splice(Math.min(p, others.length), 0, cf);
          others.forEach((c, i) => (c.priority = i));
        },
      },
      stopIfTrue: {
        since: "1.6",
        get: (cf: ConditionalFormatModel) => cf.stopIfTrue,
        set: (cf: ConditionalFormatModel, v: unknown) =>
          (cf.stopIfTrue = checkBool(v, "stopIfTrue", "ConditionalFormat.stopIfTrue")),
      },
    } as Record<string, PropSpec<never>>,
    navs: Object.fromEntries(
      Object.values(CF_SUB).flatMap((s) => [
        [s, "1.6"],
        [`${s}OrNullObject`, "1.6"],
      ]),
    ),
  };

  getRange(): SimRange {
    return child(this, SimRange, "ConditionalFormat.getRange", "1.6", [], (cf: ConditionalFormatModel) => {
      liveCf(cf, "ConditionalFormat.getRange");
      return { sheet: cf.sheet, rect: { ...cf.rect } };
    });
  }

  getRangeOrNullObject(): SimRange {
    return child(
      this,
      SimRange,
      "ConditionalFormat.getRangeOrNullObject",
      "1.6",
      [],
      (cf: ConditionalFormatModel) =>
        cf.sheet.conditionalFormats.includes(cf) ? { sheet: cf.sheet, rect: { ...cf.rect } } : null,
      true,
    );
  }

  delete(): void {
    action(this, "ConditionalFormat.delete", "1.6", [], (cf: ConditionalFormatModel) => {
      liveCf(cf, "ConditionalFormat.delete");
      cf.sheet.conditionalFormats = cf.sheet.conditionalFormats.filter((c) => c !== cf);
    });
  }
}
installProps(SimConditionalFormat);

for (const [type, subName] of Object.entries(CF_SUB)) {
  const Cls = SUB_CLASSES[subName];
  for (const nullable of [false, true]) {
    const prop = nullable ? `${subName}OrNullObject` : subName;
    Object.defineProperty(SimConditionalFormat.prototype, prop, {
      configurable: true,
      get(this: SimConditionalFormat) {
        const where = `ConditionalFormat.${prop}`;
        const c = navChild(this, prop, Cls, "1.6", (cf: ConditionalFormatModel) => {
          liveCf(cf, where);
          if (cf.type !== type) {
            if (nullable) return null;
            throw simError("InvalidArgument", where, `this conditional format is of type ${cf.type}, not ${type}`);
          }
          return cf.props[subName] as BagRecord;
        });
        // *OrNullObject: isNullObject is answered by the next sync without a load.
        if (nullable) c._ensure();
        return c;
      },
    });
  }
}
