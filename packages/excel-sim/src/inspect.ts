/**
 * Direct access to the simulated workbook for tests and the demo: preload data without going through the API
 * (`loadSheet`), read cells back (`readSheetValues`, `readColumn`) and take a JSON-friendly `snapshot` of
 * sheets, tables, charts (with their current data), conditional formats, slicers and settings.
 *
 * None of this is subject to load/sync or payload limits. `loadSheet` with `{ headers, columns }` stores each column
 * in one pass (numeric columns in a Float64Array).
 * Example: `loadSheet(wb, "Online Retail", { headers: ["InvoiceNo", "Quantity"], columns: [ids, qty] })`.
 */
import { ArrayOf, isArray, max, toNumber, toText } from "./fast";
import { Rect, formatRect, parseA1, rectCols, rectRows } from "./address";
import { Stored } from "./cellvalue";
import { ChartData, chartData } from "./chartdata";
import type { ReadKind, SheetModel, WorkbookModel } from "./model";
import { toStoredRaw } from "./model";

export type Cell = string | number | boolean | null | undefined;

export interface ColumnsData {
  headers?: string[];
  /** One array per column (same length), e.g. numbers, strings, null for empty. Float64Array works for numbers. */
  columns: ArrayLike<Cell>[];
}

export interface LoadSheetOptions {
  /** Zero-based top-left cell; default A1. */
  startRow?: number;
  startColumn?: number;
  /** Number format per column offset or header, e.g. { InvoiceDate: "m/d/yyyy h:mm" } (applied to data rows). */
  numberFormats?: Record<string | number, string>;
  /** Make it the active sheet (default: true). */
  activate?: boolean;
  /** Replace the sheet's existing cells (default: true when the sheet exists). */
  replace?: boolean;
}

/**
 * Creates (or fills) a sheet with data, bypassing the API: values are stored as given (no Excel typing of strings;
 * pass dates as serial numbers). Returns the sheet.
 */
export function loadSheet(
  wb: WorkbookModel,
  name: string,
  data: Cell[][] | ColumnsData,
  options: LoadSheetOptions = {},
): SheetModel {
  let sheet = wb.getSheet(name);
  if (!sheet) sheet = wb.addSheet(name);
  else if (options.replace !== false) {
    sheet.cols = [];
    sheet.styles = [];
    for (const t of sheet.tables()) wb.removeTable(t);
  }
  const r0 = options.startRow ?? 0;
  const c0 = options.startColumn ?? 0;
  let headers: string[] | undefined;
  let rowsLoaded = 0;
  if (isArray(data)) {
    const rows = data as Cell[][];
    const width = rows.reduce((m, r) => max(m, r.length), 0);
    for (let j = 0; j < width; j++) {
      const col = new ArrayOf<Cell>(rows.length);
      for (let i = 0; i < rows.length; i++) col[i] = rows[i][j];
      sheet.col(c0 + j).setAll(col, r0, toStoredRaw);
    }
    rowsLoaded = rows.length;
    headers = rows.length > 0 ? rows[0].map((h) => toText(h ?? "")) : [];
  } else {
    const { columns } = data;
    headers = data.headers;
    const n = columns.length > 0 ? columns[0].length : 0;
    columns.forEach((c, j) => {
      if (c.length !== n) throw new Error(`loadSheet: column ${j} has ${c.length} values but column 0 has ${n}`);
    });
    const offset = headers ? 1 : 0;
    if (headers) {
      if (headers.length !== columns.length)
        throw new Error(`loadSheet: ${headers.length} headers for ${columns.length} columns`);
      headers.forEach((h, j) => sheet!.col(c0 + j).set(r0, h));
    }
    columns.forEach((c, j) => sheet!.col(c0 + j).setAll(c as ArrayLike<unknown>, r0 + offset, toStoredRaw));
    rowsLoaded = n + offset;
  }
  if (options.numberFormats) {
    const first = isArray(data) ? r0 + 1 : r0 + (headers ? 1 : 0);
    const last = r0 + rowsLoaded - 1;
    for (const [key, fmt] of Object.entries(options.numberFormats)) {
      const j = /^\d+$/.test(key) ? toNumber(key) : (headers ?? []).indexOf(key);
      if (j < 0)
        throw new Error(
          `loadSheet: numberFormats names column '${key}', which is not a header (${(headers ?? []).join(", ")})`,
        );
      const store = sheet.col(c0 + j);
      if (!store.formats) store.formats = [];
      const f = store.formats;
      while (f.length < first) f.push(undefined);
      for (let r = first; r <= last; r++) f[r] = fmt;
    }
  }
  if (options.activate !== false) wb.activeSheet = sheet;
  return sheet;
}

/** A 2-D array of a sheet's cells (values by default), without limits. Address like "A1:C10"; default: used range. */
export function readSheetValues(
  wb: WorkbookModel,
  sheetName: string,
  address?: string,
  kind: ReadKind = "values",
): unknown[][] {
  const sheet = wb.requireSheet(sheetName);
  let rect: Rect | null;
  if (address === undefined) rect = sheet.usedRect(false);
  else {
    rect = parseA1(address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address);
    if (!rect) throw new Error(`readSheetValues: '${address}' is not an A1 address`);
  }
  if (!rect) return [];
  return sheet.readBlock(rect, kind);
}

/**
 * One column's values from row `from` (zero-based, default 0) through `to` (inclusive, default: last used row), as a
 * flat array with "" for empty cells. `column` is a zero-based index or a header text in row 1.
 */
export function readColumn(
  wb: WorkbookModel,
  sheetName: string,
  column: number | string,
  from = 0,
  to?: number,
): (Stored | "")[] {
  const sheet = wb.requireSheet(sheetName);
  let c = typeof column === "number" ? column : -1;
  if (typeof column === "string") {
    const used = sheet.usedRect(true);
    for (let j = 0; used && j <= used.c1; j++) if (sheet.getValue(used.r0, j) === column) c = j;
    if (c < 0) throw new Error(`readColumn: sheet '${sheetName}' has no header '${column}' in its first used row`);
  }
  const last = to ?? sheet.usedRect(true)?.r1 ?? -1;
  const store = sheet.cols[c];
  const out: (Stored | "")[] = new ArrayOf(max(0, last - from + 1));
  for (let r = from; r <= last; r++) {
    const v = store ? store.get(r) : undefined;
    out[r - from] = v === undefined ? "" : v;
  }
  return out;
}

export interface SheetSnapshot {
  name: string;
  id: string;
  position: number;
  visibility: string;
  usedRange: string | null;
  rowCount: number;
  columnCount: number;
  freeze: { rows: number; columns: number };
  tables: string[];
  charts: ChartData[];
  conditionalFormats: { id: string; type: string; address: string; priority: number; props: Record<string, unknown> }[];
  customProperties: Record<string, string>;
  columnWidths: Record<string, number>;
  tabColor: string;
}

export interface TableSnapshot {
  name: string;
  id: string;
  sheet: string;
  address: string;
  headers: string[];
  rowCount: number;
  style: string;
  showBandedRows: boolean;
  filters: Record<string, unknown>;
  sortFields: { key: number; ascending: boolean }[] | null;
}

export interface WorkbookSnapshot {
  activeSheet: string | null;
  sheets: SheetSnapshot[];
  tables: TableSnapshot[];
  slicers: { name: string; caption: string; table: string; field: string; sheet: string; selected: string[] | null }[];
  settings: Record<string, unknown>;
  customXmlParts: { id: string; namespaceUri: string; xml: string }[];
  names: { name: string; formula: string }[];
}

/** A JSON-friendly description of the whole workbook (no cell values: use readSheetValues for those). */
export function snapshot(wb: WorkbookModel): WorkbookSnapshot {
  return {
    activeSheet: wb.activeSheet ? wb.activeSheet.name : null,
    sheets: wb.sheets.map((s) => {
      const used = s.usedRect(false);
      return {
        name: s.name,
        id: s.id,
        position: s.position,
        visibility: s.visibility,
        usedRange: used ? s.address(used) : null,
        rowCount: used ? rectRows(used) : 0,
        columnCount: used ? rectCols(used) : 0,
        freeze: { ...s.freeze },
        tables: s.tables().map((t) => t.name),
        charts: s.charts.map((c) => chartData(c)),
        conditionalFormats: s.conditionalFormats.map((cf) => ({
          id: cf.id,
          type: cf.type,
          address: s.address(cf.rect),
          priority: cf.priority,
          props: JSON.parse(JSON.stringify(cf.props)) as Record<string, unknown>,
        })),
        customProperties: Object.fromEntries([...s.customProperties.values()].map((e) => [e.key, e.value])),
        columnWidths: Object.fromEntries(
          [...s.columnWidths].map(([c, w]) => [formatRect({ r0: 0, c0: c, r1: 0, c1: c }).replace(/\d+/, ""), w]),
        ),
        tabColor: s.tabColor,
      };
    }),
    tables: wb.tables.map((t) => ({
      name: t.name,
      id: t.id,
      sheet: t.sheet.name,
      address: t.sheet.address(t.rect),
      headers: t.columns.map((c) => c.name),
      rowCount: rectRows(t.rect) - 1,
      style: t.style,
      showBandedRows: t.showBandedRows,
      filters: Object.fromEntries(t.columns.filter((c) => c.filter).map((c) => [c.name, c.filter])),
      sortFields: t.sortFields,
    })),
    slicers: wb.slicers.map((s) => ({
      name: s.name,
      caption: s.caption,
      table: s.table.name,
      field: s.table.columns.find((c) => c.id === s.columnId)?.name ?? "",
      sheet: s.sheet.name,
      selected: s.selected,
    })),
    settings: Object.fromEntries(wb.settings),
    customXmlParts: wb.customXmlParts.map((p) => ({ ...p })),
    names: wb.names.map((n) => ({ name: n.name, formula: n.formula })),
  };
}

/** The data of a chart by sheet and chart name (or index). */
export function getChartData(wb: WorkbookModel, sheetName: string, chart: string | number): ChartData {
  const sheet = wb.requireSheet(sheetName);
  const ch = typeof chart === "number" ? sheet.charts[chart] : sheet.charts.find((c) => c.name === chart);
  if (!ch)
    throw new Error(
      `getChartData: sheet '${sheetName}' has no chart ${JSON.stringify(chart)} (charts: ${sheet.charts.map((c) => c.name).join(", ") || "none"})`,
    );
  return chartData(ch);
}
