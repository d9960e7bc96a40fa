/**
 * Tables: `SimTableCollection` (workbook- or sheet-scoped), `SimTable`, columns, rows, sort and column filters.
 *
 * Rules modelled (EXCEL_FACTS §4): `tables.add(address, hasHeaders)` refuses overlap with another table
 * (MergedRangeConflict, Excel's message); names are unique across the workbook and follow Excel's name rules
 * (InvalidArgument); header cells name the columns (blank → "ColumnN", duplicates → "Name2"); `columns.add(index?,
 * values?, name?)` takes values whose first cell is the header and inserts cells to the right within the table rows;
 * `rows.add` inserts below; `sort.apply([{key, ascending}])` sorts the data body (blanks last). Filters are recorded
 * (criteria readable) but rows are not hidden.
 */
import { MAX_COLUMNS, Rect, rectCols, rectRows, splitSheet } from "../address";
import { CellError, Stored } from "../cellvalue";
import { enums } from "../enums";
import { SHAPE_MISMATCH_MESSAGE, simError } from "../errors";
import type { SheetModel, TableColumnModel, TableModel, WorkbookModel } from "../model";
import { describe } from "../model";
import { Exec, installProps, Meta, PropSpec, SimObject } from "../runtime";
import { cloneJson } from "./bag";
import {
  RangeRef,
  SimCollection,
  action,
  checkBool,
  checkInt,
  child,
  created,
  liveTable,
  navChild,
  resolveAddress,
} from "./common";
import { SimRange } from "./range";
import { SimWorksheet } from "./sheets";

interface TableScope {
  wb: WorkbookModel;
  sheet: SheetModel | null;
}

const STYLE_RE = /^TableStyle(Light([1-9]|1\d|2[01])|Medium([1-9]|1\d|2[0-8])|Dark([1-9]|1[01]))$/;

function tablesIn(s: TableScope): TableModel[] {
  return s.wb.tables.filter((t) => s.sheet === null || t.sheet === s.sheet);
}

export class SimTableCollection extends SimCollection<SimTable> {
  static meta: Meta = {
    typeName: "TableCollection",
    props: { count: { get: (s: TableScope) => tablesIn(s).length } } as Record<string, PropSpec<never>>,
    collection: true,
  };

  _itemsOf(s: TableScope): unknown[] {
    return tablesIn(s);
  }
  _itemClass() {
    return SimTable;
  }

  add(address: Excel.Range | string, hasHeaders: boolean): SimTable {
    const where = "TableCollection.add";
    if (address instanceof SimRange) {
      this._sameContext(address, where);
      address._ensure();
    }
    return created(
      this,
      SimTable,
      where,
      undefined,
      [typeof address === "string" ? address : null, hasHeaders],
      (s: TableScope, x: Exec) => {
        checkBool(hasHeaders, "hasHeaders", where);
        let ref: RangeRef;
        if (address instanceof SimRange) {
          ref = address._entity as RangeRef;
          if (!ref) throw simError("InvalidArgument", where, "the range is a null object");
          if (s.sheet && ref.sheet !== s.sheet)
            throw simError("InvalidArgument", where, `the range is on '${ref.sheet.name}', not on '${s.sheet.name}'`);
        } else {
          const named = typeof address === "string" ? splitSheet(address).sheet : null;
          const def = s.sheet ?? (named === null ? x.model.activeSheet : null);
          ref = resolveAddress(x.model, def, address, where);
        }
        return x.model.addTable(ref.sheet, ref.rect, hasHeaders, where);
      },
    );
  }

  getItem(key: string): SimTable {
    const where = "TableCollection.getItem";
    return child(this, SimTable, where, undefined, [key], (s: TableScope) => {
      const t = findTable(s, key);
      if (!t)
        throw simError("ItemNotFound", where, `no table named '${key}'${s.sheet ? ` on sheet '${s.sheet.name}'` : ""}`);
      return t;
    });
  }

  getItemOrNullObject(key: string): SimTable {
    return child(
      this,
      SimTable,
      "TableCollection.getItemOrNullObject",
      "1.4",
      [key],
      (s: TableScope) => findTable(s, key) ?? null,
      true,
    );
  }

  getItemAt(index: number): SimTable {
    const where = "TableCollection.getItemAt";
    return child(this, SimTable, where, undefined, [index], (s: TableScope) => {
      const list = tablesIn(s);
      if (!Number.isInteger(index) || index < 0 || index >= list.length)
        throw simError("ItemNotFound", where, `index ${index} is outside 0..${list.length - 1}`);
      return list[index];
    });
  }
}
installProps(SimTableCollection);

function findTable(s: TableScope, key: string): TableModel | undefined {
  if (typeof key !== "string") return undefined;
  const t = s.wb.getTable(key);
  return t && (s.sheet === null || t.sheet === s.sheet) ? t : undefined;
}

function bodyRect(t: TableModel): Rect {
  return { ...t.rect, r0: t.rect.r0 + 1 };
}

export class SimTable extends SimObject {
  static meta: Meta = {
    typeName: "Table",
    props: {
      id: { get: (t: TableModel) => liveTable(t, "Table.id").id },
      legacyId: { since: "1.8", get: (t: TableModel) => t.id },
      name: {
        get: (t: TableModel) => liveTable(t, "Table.name").name,
        set: (t: TableModel, v: unknown) => {
          liveTable(t, "Table.name");
          const problem = t.sheet.workbook.tableNameProblem(v, t);
          if (problem) throw simError("InvalidArgument", "Table.name", problem);
          t.name = v as string;
        },
      },
      style: {
        get: (t: TableModel) => t.style,
        set: (t: TableModel, v: unknown) => {
          if (v !== "" && (typeof v !== "string" || !STYLE_RE.test(v))) {
            throw simError(
              "InvalidArgument",
              "Table.style",
              `style must be "TableStyleLight1".."21", "TableStyleMedium1".."28" or "TableStyleDark1".."11", got ${describe(v)}`,
            );
          }
          t.style = v as string;
        },
      },
      showHeaders: {
        get: (t: TableModel) => t.showHeaders,
        set: (t: TableModel, v: unknown) => {
          if (checkBool(v, "showHeaders", "Table.showHeaders") !== true) {
            throw simError(
              "NotImplemented",
              "Table.showHeaders",
              "the simulation does not model tables without a header row",
            );
          }
        },
      },
      showTotals: {
        get: (t: TableModel) => t.showTotals,
        set: (t: TableModel, v: unknown) => {
          if (checkBool(v, "showTotals", "Table.showTotals"))
            throw simError("NotImplemented", "Table.showTotals", "the simulation does not model total rows");
        },
      },
      showBandedRows: boolProp("showBandedRows", "1.3"),
      showBandedColumns: boolProp("showBandedColumns", "1.3"),
      showFilterButton: boolProp("showFilterButton", "1.3"),
      highlightFirstColumn: boolProp("highlightFirstColumn", "1.3"),
      highlightLastColumn: boolProp("highlightLastColumn", "1.3"),
    } as Record<string, PropSpec<never>>,
    navs: { columns: undefined, rows: undefined, sort: "1.2", worksheet: "1.2" },
  };

  get columns(): SimTableColumnCollection {
    return navChild(this, "columns", SimTableColumnCollection, undefined, (t: TableModel) =>
      liveTable(t, "Table.columns"),
    );
  }
  get rows(): SimTableRowCollection {
    return navChild(this, "rows", SimTableRowCollection, undefined, (t: TableModel) => liveTable(t, "Table.rows"));
  }
  get sort(): SimTableSort {
    return navChild(this, "sort", SimTableSort, "1.2", (t: TableModel) => liveTable(t, "Table.sort"));
  }
  get worksheet(): SimWorksheet {
    return navChild(this, "worksheet", SimWorksheet, "1.2", (t: TableModel) => liveTable(t, "Table.worksheet").sheet);
  }

  private _range(member: string, f: (t: TableModel, where: string) => Rect, since?: string): SimRange {
    const where = `Table.${member}`;
    return child(this, SimRange, where, since, [], (t: TableModel) => ({
      sheet: liveTable(t, where).sheet,
      rect: f(t, where),
    }));
  }

  getRange(): SimRange {
    return this._range("getRange", (t) => ({ ...t.rect }));
  }
  getDataBodyRange(): SimRange {
    return this._range("getDataBodyRange", bodyRect);
  }
  getHeaderRowRange(): SimRange {
    return this._range("getHeaderRowRange", (t) => ({ ...t.rect, r1: t.rect.r0 }));
  }
  getTotalRowRange(): SimRange {
    return this._range("getTotalRowRange", (t, w) => {
      throw simError("InvalidOperation", w, `table '${t.name}' has no total row`);
    });
  }

  delete(): void {
    action(this, "Table.delete", undefined, [], (t: TableModel) => {
      liveTable(t, "Table.delete");
      // Deleting a table removes its cells' contents too (convertToRange keeps them).
      t.sheet.workbook.removeTable(t);
      t.sheet.clear(t.rect, "All");
    });
  }

  convertToRange(): SimRange {
    const where = "Table.convertToRange";
    return created(this, SimRange, where, "1.2", [], (t: TableModel) => {
      liveTable(t, where);
      t.sheet.workbook.removeTable(t);
      return { sheet: t.sheet, rect: { ...t.rect } };
    });
  }

  clearFilters(): void {
    action(this, "Table.clearFilters", "1.2", [], (t: TableModel) => {
      for (const c of liveTable(t, "Table.clearFilters").columns) c.filter = null;
      for (const s of t.sheet.workbook.slicers) if (s.table === t) s.selected = null;
    });
  }

  reapplyFilters(): void {
    action(this, "Table.reapplyFilters", "1.2", [], (t: TableModel) => void liveTable(t, "Table.reapplyFilters"));
  }

  resize(newRange: Excel.Range | string): void {
    const where = "Table.resize";
    if (newRange instanceof SimRange) {
      this._sameContext(newRange, where);
      newRange._ensure();
    }
    action(this, where, "1.13", [typeof newRange === "string" ? newRange : null], (t: TableModel, x: Exec) => {
      liveTable(t, where);
      const ref =
        newRange instanceof SimRange
          ? (newRange._entity as RangeRef)
          : resolveAddress(x.model, t.sheet, newRange, where);
      if (ref.sheet !== t.sheet || ref.rect.r0 !== t.rect.r0)
        throw simError("InvalidArgument", where, "the new range must keep the header row and sheet");
      for (const other of t.sheet.tables()) {
        if (
          other !== t &&
          other.rect.r0 <= ref.rect.r1 &&
          ref.rect.r0 <= other.rect.r1 &&
          other.rect.c0 <= ref.rect.c1 &&
          ref.rect.c0 <= other.rect.c1
        ) {
          throw simError("MergedRangeConflict", where, `the new range overlaps table '${other.name}'`);
        }
      }
      t.rect = { ...ref.rect };
      x.model.normalizeTableHeaders(t);
    });
  }
}
installProps(SimTable);

function boolProp(name: keyof TableModel, since: string): PropSpec<TableModel> {
  return {
    since,
    get: (t) => t[name],
    set: (t, v) => {
      (t as unknown as Record<string, unknown>)[name] = checkBool(v, name, `Table.${name}`);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Columns

interface ColumnRef {
  table: TableModel;
  id: number;
}

function columnIndex(ref: ColumnRef, where: string): number {
  liveTable(ref.table, where);
  const i = ref.table.columns.findIndex((c) => c.id === ref.id);
  if (i < 0) throw simError("ItemNotFound", where, `the column was deleted from table '${ref.table.name}'`);
  return i;
}

function findColumn(t: TableModel, key: number | string): TableColumnModel | undefined {
  if (typeof key === "number") return t.columns.find((c) => c.id === key);
  if (typeof key === "string") {
    const lower = key.toLowerCase();
    return (
      t.columns.find((c) => c.name.toLowerCase() === lower) ??
      (/^\d+$/.test(key) ? t.columns.find((c) => c.id === Number(key)) : undefined)
    );
  }
  return undefined;
}

function checkColumnValues(values: unknown, rows: number, where: string): unknown[][] {
  if (!Array.isArray(values))
    throw simError("InvalidArgument", where, `values must be a 2-D array with one column, got ${describe(values)}`);
  if (values.length !== rows || values.some((r) => !Array.isArray(r) || r.length !== 1)) {
    const bad = values.findIndex((r) => !Array.isArray(r) || r.length !== 1);
    throw simError(
      "InvalidArgument",
      where,
      values.length !== rows
        ? `values has ${values.length} rows; the table has ${rows} rows including the header (values[0][0] is the header)`
        : `values[${bad}] must hold exactly one cell`,
      SHAPE_MISMATCH_MESSAGE,
    );
  }
  return values as unknown[][];
}

export class SimTableColumnCollection extends SimCollection<SimTableColumn> {
  static meta: Meta = {
    typeName: "TableColumnCollection",
    props: { count: { get: (t: TableModel) => t.columns.length } } as Record<string, PropSpec<never>>,
    collection: true,
  };

  _itemsOf(t: TableModel): unknown[] {
    return liveTable(t, "TableColumnCollection").columns.map((c) => ({ table: t, id: c.id }));
  }
  _itemClass() {
    return SimTableColumn;
  }

  /**
   * Adds a column at `index` (null/-1/undefined: at the end, ExcelApi 1.4). `values` (rows including the header, one
   * column) fill it; `name` (1.4) names it. Cells right of the table shift right within the table's rows.
   */
  add(index?: number | null, values?: unknown[][] | boolean | string | number, name?: string): SimTableColumn {
    const where = "TableColumnCollection.add";
    return created(
      this,
      SimTableColumn,
      where,
      undefined,
      [index ?? null, values ?? null, name ?? null],
      (t: TableModel, x: Exec) => {
        liveTable(t, where);
        const n = t.columns.length;
        const append = index === undefined || index === null || index === -1;
        if (append || name !== undefined) x.gate("1.4", `${where} (optional index or name)`);
        const at = append ? n : checkInt(index, "index", where, 0);
        if (at > n) throw simError("InvalidArgument", where, `index ${at} is beyond the table's ${n} columns`);
        const rows = rectRows(t.rect);
        // Excel on the web counts the cells the insertion shifts across the whole sheet width: rows × (16,383 − the
        // table's columns), so a table of a few thousand rows is already over the limit.
        const affected = rows * (MAX_COLUMNS - 1 - n);
        if (affected > x.host.limits.operationCells) {
          throw simError(
            "OperationCellsExceedLimit",
            where,
            `adding a column to a table of ${rows} rows affects ${rows} × (16383 − ${n}) = ${affected} cells`,
          );
        }
        let data: unknown[][] | null = null;
        if (values !== undefined && values !== null) {
          if (!Array.isArray(values))
            throw simError("InvalidArgument", where, `values must be a 2-D array, got ${describe(values)}`);
          data = checkColumnValues(values, rows, where);
        }
        const c = t.rect.c0 + at;
        t.sheet.insertCells({ r0: t.rect.r0, c0: c, r1: t.rect.r1, c1: c }, "Right", where);
        if (at === n) {
          // Insertion at the right edge does not grow the table by itself.
          t.rect = { ...t.rect, c1: t.rect.c1 + 1 };
          t.columns.push({ id: t.nextColumnId++, name: "", filter: null });
        } else if (at === 0) {
          // Insertion at the left edge moved the whole table right: take the new cells in.
          t.rect = { ...t.rect, c0: t.rect.c0 - 1 };
          t.columns.unshift({ id: t.nextColumnId++, name: "", filter: null });
        }
        const col = t.columns[at];
        const header = name !== undefined && name !== null ? name : data ? data[0][0] : null;
        if (data) {
          const body = data.map((r) => [r[0]]);
          body[0] = [header ?? ""];
          x.cellsWritten += t.sheet.writeBlock({ r0: t.rect.r0, c0: c, r1: t.rect.r1, c1: c }, body, "values", where);
        } else if (header !== null) {
          t.sheet.writeBlock({ r0: t.rect.r0, c0: c, r1: t.rect.r0, c1: c }, [[header]], "values", where);
        }
        x.model.normalizeTableHeaders(t);
        return { table: t, id: col.id };
      },
    );
  }

  getItem(key: number | string): SimTableColumn {
    const where = "TableColumnCollection.getItem";
    return child(this, SimTableColumn, where, undefined, [key], (t: TableModel) => {
      const c = findColumn(liveTable(t, where), key);
      if (!c)
        throw simError(
          "ItemNotFound",
          where,
          `table '${t.name}' has no column '${key}' (columns: ${t.columns.map((x) => x.name).join(", ")})`,
        );
      return { table: t, id: c.id };
    });
  }

  getItemOrNullObject(key: number | string): SimTableColumn {
    return child(
      this,
      SimTableColumn,
      "TableColumnCollection.getItemOrNullObject",
      "1.4",
      [key],
      (t: TableModel) => {
        const c = findColumn(t, key);
        return c ? { table: t, id: c.id } : null;
      },
      true,
    );
  }

  getItemAt(index: number): SimTableColumn {
    const where = "TableColumnCollection.getItemAt";
    return child(this, SimTableColumn, where, undefined, [index], (t: TableModel) => {
      if (!Number.isInteger(index) || index < 0 || index >= t.columns.length)
        throw simError("ItemNotFound", where, `index ${index} is outside 0..${t.columns.length - 1}`);
      return { table: t, id: t.columns[index].id };
    });
  }
}
installProps(SimTableColumnCollection);

function columnRect(ref: ColumnRef, where: string): Rect {
  const i = columnIndex(ref, where);
  const c = ref.table.rect.c0 + i;
  return { ...ref.table.rect, c0: c, c1: c };
}

export class SimTableColumn extends SimObject {
  static meta: Meta = {
    typeName: "TableColumn",
    props: {
      id: { get: (r: ColumnRef) => (columnIndex(r, "TableColumn.id"), r.id) },
      index: { get: (r: ColumnRef) => columnIndex(r, "TableColumn.index") },
      name: {
        setSince: "1.4",
        get: (r: ColumnRef) => r.table.columns[columnIndex(r, "TableColumn.name")].name,
        set: (r: ColumnRef, v: unknown) => {
          const where = "TableColumn.name";
          const i = columnIndex(r, where);
          if (typeof v !== "string" || v.trim() === "")
            throw simError("InvalidArgument", where, `a column name must be a non-empty string, got ${describe(v)}`);
          if (r.table.columns.some((c, k) => k !== i && c.name.toLowerCase() === v.toLowerCase())) {
            throw simError("InvalidArgument", where, `table '${r.table.name}' already has a column '${v}'`);
          }
          const c = r.table.rect.c0 + i;
          r.table.sheet.writeBlock({ r0: r.table.rect.r0, c0: c, r1: r.table.rect.r0, c1: c }, [[v]], "values", where);
        },
      },
      values: {
        cells: true,
        get: (r: ColumnRef, x: Exec) => {
          const rect = columnRect(r, "TableColumn.values");
          x.cellsRead += rectRows(rect);
          return r.table.sheet.readBlock(rect, "values");
        },
        set: (r: ColumnRef, v: unknown, x: Exec) => {
          const rect = columnRect(r, "TableColumn.values");
          x.cellsWritten += r.table.sheet.writeBlock(rect, v, "values", "TableColumn.values");
        },
      },
    } as Record<string, PropSpec<never>>,
    navs: { filter: "1.2" },
  };

  get filter(): SimFilter {
    return navChild(this, "filter", SimFilter, "1.2", (r: ColumnRef) => (columnIndex(r, "TableColumn.filter"), r));
  }

  private _range(member: string, f: (r: ColumnRef, rect: Rect) => Rect): SimRange {
    const where = `TableColumn.${member}`;
    return child(this, SimRange, where, undefined, [], (r: ColumnRef) => ({
      sheet: r.table.sheet,
      rect: f(r, columnRect(r, where)),
    }));
  }

  getRange(): SimRange {
    return this._range("getRange", (_r, rect) => rect);
  }
  getDataBodyRange(): SimRange {
    return this._range("getDataBodyRange", (_r, rect) => ({ ...rect, r0: rect.r0 + 1 }));
  }
  getHeaderRowRange(): SimRange {
    return this._range("getHeaderRowRange", (_r, rect) => ({ ...rect, r1: rect.r0 }));
  }
  getTotalRowRange(): SimRange {
    return this._range("getTotalRowRange", (r) => {
      throw simError("InvalidOperation", "TableColumn.getTotalRowRange", `table '${r.table.name}' has no total row`);
    });
  }

  delete(): void {
    action(this, "TableColumn.delete", undefined, [], (r: ColumnRef) => {
      const where = "TableColumn.delete";
      const rect = columnRect(r, where);
      if (r.table.columns.length === 1) {
        throw simError(
          "InvalidOperation",
          where,
          `column '${r.table.columns[0].name}' is the table's only column; delete the table instead`,
        );
      }
      r.table.sheet.deleteCells(rect, "Left", where);
    });
  }
}
installProps(SimTableColumn);

// ---------------------------------------------------------------------------------------------------------------
// Rows

interface RowRef {
  table: TableModel;
  index: number;
}

function rowRect(r: RowRef, where: string): Rect {
  liveTable(r.table, where);
  const body = bodyRect(r.table);
  if (r.index < 0 || r.index >= rectRows(body))
    throw simError("ItemNotFound", where, `row ${r.index} is outside the table's ${rectRows(body)} rows`);
  return { ...body, r0: body.r0 + r.index, r1: body.r0 + r.index };
}

export class SimTableRowCollection extends SimCollection<SimTableRow> {
  static meta: Meta = {
    typeName: "TableRowCollection",
    props: {
      count: { get: (t: TableModel) => rectRows(bodyRect(liveTable(t, "TableRowCollection.count"))) },
    } as Record<string, PropSpec<never>>,
    collection: true,
  };

  _itemsOf(t: TableModel): unknown[] {
    const n = rectRows(bodyRect(liveTable(t, "TableRowCollection")));
    const out: RowRef[] = [];
    for (let i = 0; i < n; i++) out.push({ table: t, index: i });
    return out;
  }
  _itemClass() {
    return SimTableRow;
  }

  /** Inserts rows at `index` (default: the end), shifting cells below the table down within its columns. */
  add(index?: number | null, values?: unknown[][] | boolean | string | number, alwaysInsert?: boolean): SimTableRow {
    const where = "TableRowCollection.add";
    return created(
      this,
      SimTableRow,
      where,
      undefined,
      [index ?? null, values ?? null, alwaysInsert ?? null],
      (t: TableModel, x: Exec) => {
        liveTable(t, where);
        if (alwaysInsert !== undefined) x.gate("1.15", `${where} (alwaysInsert)`);
        const body = bodyRect(t);
        const count = rectRows(body);
        const at = index === undefined || index === null || index === -1 ? count : checkInt(index, "index", where, 0);
        if (at > count) throw simError("InvalidArgument", where, `index ${at} is beyond the table's ${count} rows`);
        const cols = rectCols(t.rect);
        let data: unknown[][] | null = null;
        let n = 1;
        if (values !== undefined && values !== null) {
          if (!Array.isArray(values) || values.length === 0)
            throw simError("InvalidArgument", where, `values must be a non-empty 2-D array, got ${describe(values)}`);
          if (values.length > 1) x.gate("1.4", `${where} (several rows)`);
          const bad = values.findIndex((r) => !Array.isArray(r) || r.length !== cols);
          if (bad >= 0)
            throw simError(
              "InvalidArgument",
              where,
              `values[${bad}] must have ${cols} cells (the table's columns)`,
              SHAPE_MISMATCH_MESSAGE,
            );
          data = values;
          n = values.length;
        }
        const r0 = body.r0 + at;
        const rect = { r0, c0: t.rect.c0, r1: r0 + n - 1, c1: t.rect.c1 };
        t.sheet.insertCells(rect, "Down", where);
        if (at === count) t.rect = { ...t.rect, r1: t.rect.r1 + n };
        if (data) x.cellsWritten += t.sheet.writeBlock(rect, data, "values", where);
        return { table: t, index: at };
      },
    );
  }

  getItemAt(index: number): SimTableRow {
    const where = "TableRowCollection.getItemAt";
    return child(this, SimTableRow, where, undefined, [index], (t: TableModel) => {
      rowRect({ table: t, index }, where);
      return { table: t, index };
    });
  }
}
installProps(SimTableRowCollection);

export class SimTableRow extends SimObject {
  static meta: Meta = {
    typeName: "TableRow",
    props: {
      index: { get: (r: RowRef) => (rowRect(r, "TableRow.index"), r.index) },
      values: {
        cells: true,
        get: (r: RowRef, x: Exec) => {
          const rect = rowRect(r, "TableRow.values");
          x.cellsRead += rectCols(rect);
          return r.table.sheet.readBlock(rect, "values");
        },
        set: (r: RowRef, v: unknown, x: Exec) => {
          x.cellsWritten += r.table.sheet.writeBlock(rowRect(r, "TableRow.values"), v, "values", "TableRow.values");
        },
      },
    } as Record<string, PropSpec<never>>,
  };

  getRange(): SimRange {
    return child(this, SimRange, "TableRow.getRange", undefined, [], (r: RowRef) => ({
      sheet: r.table.sheet,
      rect: rowRect(r, "TableRow.getRange"),
    }));
  }

  delete(): void {
    action(this, "TableRow.delete", undefined, [], (r: RowRef) => {
      const rect = rowRect(r, "TableRow.delete");
      if (rectRows(bodyRect(r.table)) === 1) {
        r.table.sheet.clear(rect, "Contents"); // a table keeps one (empty) data row
        return;
      }
      r.table.sheet.deleteCells(rect, "Up", "TableRow.delete");
    });
  }
}
installProps(SimTableRow);

// ---------------------------------------------------------------------------------------------------------------
// Sort

/** Excel's ascending order: numbers, text (case-insensitive unless matchCase), FALSE, TRUE, errors; blanks last. */
function rank(v: Stored | undefined): number {
  if (v === undefined) return 5;
  if (typeof v === "number") return 0;
  if (typeof v === "string") return 1;
  if (typeof v === "boolean") return 2;
  return v instanceof CellError ? 3 : 4;
}

function compareCells(a: Stored | undefined, b: Stored | undefined, matchCase: boolean): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") {
    const x = matchCase ? a : a.toLowerCase();
    const y = matchCase ? b : b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return 0;
}

interface SortField {
  key: number;
  ascending?: boolean;
}

function sortTable(t: TableModel, fields: SortField[], matchCase: boolean, where: string): void {
  const sheet = t.sheet;
  const body = bodyRect(t);
  const n = rectRows(body);
  const cols = rectCols(t.rect);
  for (const f of fields) {
    if (!f || typeof f !== "object")
      throw simError("InvalidArgument", where, `each sort field must be {key, ascending?}, got ${describe(f)}`);
    checkInt(f.key, "key", where, 0);
    if (f.key >= cols)
      throw simError(
        "InvalidArgument",
        where,
        `sort key ${f.key} is outside the table's ${cols} columns (key = column offset)`,
      );
  }
  const keys = fields.map((f) => {
    const store = sheet.cols[t.rect.c0 + f.key];
    const arr: (Stored | undefined)[] = new Array(n);
    for (let i = 0; i < n; i++) arr[i] = store ? store.get(body.r0 + i) : undefined;
    return { arr, asc: f.ascending !== false };
  });
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => {
    for (const k of keys) {
      const a = k.arr[i];
      const b = k.arr[j];
      // Blanks go last whichever the direction.
      if (a === undefined || b === undefined) {
        if (a === b) continue;
        return a === undefined ? 1 : -1;
      }
      const c = compareCells(a, b, matchCase);
      if (c !== 0) return k.asc ? c : -c;
    }
    return i - j;
  });
  for (let k = 0; k < cols; k++) {
    const store = sheet.cols[t.rect.c0 + k];
    if (!store) continue;
    const vals = order.map((i) => store.get(body.r0 + i));
    const fmts = order.map((i) => store.getFormat(body.r0 + i));
    const fmls = order.map((i) => store.getFormula(body.r0 + i));
    for (let i = 0; i < n; i++) {
      store.set(body.r0 + i, vals[i]);
      store.setFormat(body.r0 + i, fmts[i]);
      store.setFormula(body.r0 + i, fmls[i]);
    }
  }
}

export class SimTableSort extends SimObject {
  static meta: Meta = {
    typeName: "TableSort",
    props: {
      fields: { since: "1.2", get: (t: TableModel) => cloneJson(t.sortFields ?? []) },
      matchCase: { since: "1.2", get: () => false },
      method: { since: "1.2", get: () => "PinYin" },
    } as Record<string, PropSpec<never>>,
  };

  apply(fields: SortField[], matchCase?: boolean, method?: string): void {
    const where = "TableSort.apply";
    action(this, where, "1.2", [fields, matchCase, method], (t: TableModel) => {
      liveTable(t, where);
      if (!Array.isArray(fields) || fields.length === 0)
        throw simError("InvalidArgument", where, "fields must be a non-empty array of {key, ascending?}");
      sortTable(t, fields, matchCase === true, where);
      t.sortFields = fields.map((f) => ({ key: f.key, ascending: f.ascending !== false }));
    });
  }

  clear(): void {
    action(this, "TableSort.clear", "1.2", [], (t: TableModel) => {
      t.sortFields = null;
    });
  }

  reapply(): void {
    action(this, "TableSort.reapply", "1.2", [], (t: TableModel) => {
      if (t.sortFields) sortTable(t, t.sortFields, false, "TableSort.reapply");
    });
  }
}
installProps(SimTableSort);

// ---------------------------------------------------------------------------------------------------------------
// Filter (criteria recorded; rows are not hidden)

const FILTER_ON = Object.values(enums.FilterOn);

export class SimFilter extends SimObject {
  static meta: Meta = {
    typeName: "Filter",
    props: {
      criteria: {
        since: "1.2",
        get: (r: ColumnRef) => cloneJson(r.table.columns[columnIndex(r, "Filter.criteria")].filter),
      },
    } as Record<string, PropSpec<never>>,
  };

  private _set(member: string, args: unknown[], make: () => Record<string, unknown> | null): void {
    const where = `Filter.${member}`;
    action(this, where, "1.2", args, (r: ColumnRef) => {
      const i = columnIndex(r, where);
      r.table.columns[i].filter = make();
    });
  }

  apply(criteria: Excel.FilterCriteria): void {
    this._set("apply", [criteria], () => {
      if (!criteria || typeof criteria !== "object")
        throw simError("InvalidArgument", "Filter.apply", "criteria must be an object");
      const filterOn = (criteria as { filterOn?: unknown }).filterOn;
      if (filterOn !== undefined) {
        const ok = FILTER_ON.some((f) => f === filterOn);
        if (!ok) throw simError("InvalidArgument", "Filter.apply", `filterOn must be one of ${FILTER_ON.join(", ")}`);
      }
      return cloneJson(criteria) as unknown as Record<string, unknown>;
    });
  }

  applyValuesFilter(values: Array<string | Excel.FilterDatetime>): void {
    this._set("applyValuesFilter", [values], () => {
      if (!Array.isArray(values))
        throw simError("InvalidArgument", "Filter.applyValuesFilter", "values must be an array of strings");
      return { filterOn: "Values", values: cloneJson(values) };
    });
  }

  applyTopItemsFilter(count: number): void {
    this._set("applyTopItemsFilter", [count], () => ({
      filterOn: "TopItems",
      criterion1: String(checkInt(count, "count", "Filter.applyTopItemsFilter", 1)),
    }));
  }

  applyBottomItemsFilter(count: number): void {
    this._set("applyBottomItemsFilter", [count], () => ({
      filterOn: "BottomItems",
      criterion1: String(checkInt(count, "count", "Filter.applyBottomItemsFilter", 1)),
    }));
  }

  applyCustomFilter(criteria1: string, criteria2?: string, oper?: string): void {
    this._set("applyCustomFilter", [criteria1, criteria2, oper], () => ({
      filterOn: "Custom",
      criterion1: criteria1,
      criterion2: criteria2,
      operator: oper ?? "And",
    }));
  }

  clear(): void {
    this._set("clear", [], () => null);
  }
}
installProps(SimFilter);
