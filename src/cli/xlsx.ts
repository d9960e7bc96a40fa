/**
 * Reading one worksheet of an .xlsx file into the engine's `ColumnTable`, with exceljs's streaming reader (the file
 * is unzipped and parsed as a stream, rows are handed over one by one; nothing but the chosen columns is kept).
 *
 * Cells come out the way Excel's `Range.values` gives them, so the engine sees the same input as in the add-in:
 * - numbers as numbers, and dates as Excel serial numbers (styles are not loaded, so exceljs does not turn date
 *   cells into JavaScript Dates; the workbook's 1904 flag is reported so the caller can pass `dateSystem: "1904"`);
 * - text as text (shared and inline strings, rich text joined), booleans as booleans, error cells as their code
 *   (`#N/A`), formulas as their cached result, empty cells as "".
 *
 * The header row is the first non-empty row of the sheet (its sheet row number is returned for messages); rows the
 * file skips (blank rows) become rows of "" so that row numbers in the engine's messages match the sheet.
 *
 * Cost: exceljs parses the XML many times slower than the CSV reader reads the same rows, so for speed, save large
 * sheets as CSV.
 *
 * @example
 *   const { table, sheetName } = await readXlsx("sales.xlsx", { sheet: "2011" });
 */
import type ExcelJS from "exceljs";
import type { Cell, ColumnTable } from "../rfm/types";
import { UsageError } from "./args";

export interface XlsxReadOptions {
  /** Sheet name (exact, then case-insensitive); default: the first sheet in tab order. */
  sheet?: string;
  /** Which columns to keep, decided once the header row is known (others come back as arrays of undefined). */
  columns?: (header: string, index: number, headers: readonly string[]) => boolean;
}

export interface XlsxReadResult {
  table: ColumnTable;
  sheetName: string;
  /** Sheet row number of the header row. */
  headerRow: number;
  /** True when the workbook uses the 1904 date system. */
  date1904: boolean;
}

/** The parts of exceljs's streaming worksheet reader used here (its typings omit `name`). */
interface SheetReader extends AsyncIterable<ExcelJS.Row> {
  name: string;
  id: number | string;
}

interface ReaderModel {
  model?: { sheets?: { name: string; rId?: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  properties?: { model?: { date1904?: boolean } };
}

/**
 * The tab name of a streamed worksheet. exceljs names a sheet from the workbook's relationships, but when the
 * sheet's XML comes before workbook.xml in the zip (as openpyxl writes it) or the relationship target is absolute
 * ("/xl/worksheets/sheet1.xml"), it falls back to "Sheet<N>"; resolve the real name from the relationships here.
 */
function sheetName(ws: SheetReader, meta: ReaderModel): string {
  const sheets = meta.model?.sheets ?? [];
  if (sheets.some((s) => s.name === ws.name)) return ws.name;
  const target = `worksheets/sheet${ws.id}.xml`;
  const rel = (meta.workbookRels ?? []).find((r) => r.Target.replace(/^\/?(xl\/)?/, "") === target);
  const sheet = rel ? sheets.find((s) => s.rId === rel.Id) : undefined;
  return sheet?.name ?? ws.name;
}

/** An exceljs cell value → a Range.values-style cell. */
export function cellFromExcelJs(v: unknown): Cell {
  if (v === null || v === undefined) return "";
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) {
    // Only when a caller loads styles: exceljs's Date holds the wall clock in its UTC fields.
    return v.getTime() / 86400000 + 25569;
  }
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? "").join("");
    if ("formula" in o || "sharedFormula" in o) return cellFromExcelJs(o.result);
    if (typeof o.error === "string") return o.error;
    if ("text" in o) return cellFromExcelJs(o.text);
  }
  return String(v);
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export async function readXlsx(file: string, options: XlsxReadOptions = {}): Promise<XlsxReadResult> {
  // Loaded on demand: exceljs is slow to load, which CSV runs should not pay.
  const { default: excel } = await import("exceljs");
  const reader = new excel.stream.xlsx.WorkbookReader(file, {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "ignore",
  });
  const meta = reader as unknown as ReaderModel;
  const seen: string[] = [];
  let result: XlsxReadResult | null = null;

  for await (const ws of reader as unknown as AsyncIterable<SheetReader>) {
    const name = sheetName(ws, meta);
    seen.push(name);
    if (result !== null) continue; // drain the remaining entries
    const tabOrder = meta.model?.sheets?.map((s) => s.name) ?? [];
    let pick: boolean;
    if (options.sheet !== undefined) {
      const exact = tabOrder.includes(options.sheet) || name === options.sheet;
      pick = exact ? name === options.sheet : sameName(name, options.sheet);
    } else {
      pick = tabOrder.length > 0 ? name === tabOrder[0] : true;
    }
    if (!pick) continue;
    result = await readSheet(ws, name, options);
    result.date1904 = meta.properties?.model?.date1904 === true;
  }

  if (result === null && options.sheet === undefined && seen.length > 0) {
    // The first tab could not be told apart while streaming: read the first sheet the file holds.
    return readXlsx(file, { ...options, sheet: seen[0] });
  }
  if (result === null) {
    const names = (meta.model?.sheets?.map((s) => s.name) ?? seen).map((n) => `"${n}"`).join(", ");
    if (options.sheet !== undefined) {
      throw new UsageError(`Sheet "${options.sheet}" not found in ${file}; its sheets are ${names || "(none)"}.`);
    }
    throw new UsageError(`${file} has no worksheets.`);
  }
  return result;
}

async function readSheet(ws: SheetReader, name: string, options: XlsxReadOptions): Promise<XlsxReadResult> {
  let headers: string[] | null = null;
  let headerRow = 0;
  let wanted: boolean[] = [];
  let columns: Cell[][] = [];
  let lastRow = 0;
  let rows = 0;

  for await (const row of ws) {
    const values = row.values as unknown[];
    if (headers === null) {
      // The header row: the first row with any non-empty cell.
      let last = values.length - 1;
      while (last >= 1 && cellFromExcelJs(values[last]) === "") last--;
      if (last < 1) continue;
      headers = [];
      for (let c = 1; c <= last; c++) headers.push(String(cellFromExcelJs(values[c])).trim());
      headerRow = row.number;
      lastRow = row.number;
      const hs = headers;
      wanted = hs.map((h, i) => (options.columns ? options.columns(h, i, hs) : true));
      columns = hs.map(() => []);
      continue;
    }
    // Blank rows the file leaves out still count, so that row numbers match the sheet.
    for (let gap = lastRow + 1; gap < row.number; gap++) {
      for (let c = 0; c < columns.length; c++) if (wanted[c]) columns[c].push("");
      rows++;
    }
    for (let c = 0; c < columns.length; c++) if (wanted[c]) columns[c].push(cellFromExcelJs(values[c + 1]));
    rows++;
    lastRow = row.number;
  }

  if (headers === null) throw new UsageError(`Sheet "${name}" is empty: no header row and no data.`);
  const n = rows;
  const table: ColumnTable = {
    headers,
    columns: columns.map((col, c) => (wanted[c] ? col : new Array<Cell>(n))),
  };
  return { table, sheetName: name, headerRow, date1904: false };
}
