/**
 * Reading one worksheet of an .xlsx file into the engine's `ColumnTable`: the zip is read by random access
 * (zip.ts), the workbook's small parts whole (xlsxParts.ts), and the sheet's XML inflated and scanned chunk by chunk
 * (xlsxSheet.ts), keeping nothing but the chosen columns.
 *
 * Cells come out the way Excel's `Range.values` gives them, so the engine sees the same input as in the add-in:
 * - numbers as numbers, and dates as Excel serial numbers (the workbook's 1904 flag is reported so the caller can
 *   pass `dateSystem: "1904"`; which columns are date-formatted is reported too);
 * - text as text (shared and inline strings, rich text joined), booleans as booleans, error cells as their code
 *   (`#N/A`), formulas as their cached result, empty cells as "".
 *
 * The header row is the first non-empty row of the sheet (its sheet row number is returned for messages); rows the
 * file skips (blank rows) become rows of "" so that row numbers in the engine's messages match the sheet.
 *
 * A file that is not a workbook (a CSV renamed, an old .xls, truncated or damaged) throws `UsageError` saying what
 * it is; a first sheet that is hidden or empty throws one listing the sheets and suggesting `--sheet`.
 *
 * @example
 *   const { table, sheetName } = await readXlsx("sales.xlsx", { sheet: "2011" });
 */
import type { Cell, ColumnTable } from "../rfm/types";
import { UsageError } from "./args";
import { ZipError, ZipFile } from "./zip";
import { notASpreadsheet, notAWorkbook } from "./xlsxErrors";
import { dateStyles, parseWorkbook, relOfType, relationships, sharedStrings, type SheetInfo } from "./xlsxParts";
import { SheetScanner, type CellSink } from "./xlsxSheet";

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
  /** Per column: true when its numbers are mostly date-formatted (kept columns only). */
  dateColumns: boolean[];
}

/** Builds the table: header row first, then one row per `<row>` (gaps filled), kept columns only. */
class TableSink implements CellSink {
  headers: string[] | null = null;
  headerRow = 0;
  columns: Cell[][] = [];
  rows = 0;
  private pending: Cell[] = [];
  private pendingRow = 0;
  private wanted: boolean[] = [];
  private lastRow = 0;
  private dated: number[] = [];
  private numbers: number[] = [];

  constructor(
    private readonly pick: XlsxReadOptions["columns"],
    private readonly isDate: readonly boolean[],
  ) {}

  row(row: number): void {
    if (this.headers === null) {
      this.takeHeader();
      if (this.headers === null) {
        this.pending = [];
        this.pendingRow = row;
        return;
      }
    }
    // Blank rows the file leaves out still count, so that row numbers match the sheet.
    for (let r = this.lastRow + 1; r <= row; r++) {
      for (let c = 0; c < this.columns.length; c++) if (this.wanted[c]) this.columns[c].push("");
      this.rows++;
    }
    if (row <= this.lastRow) {
      for (let c = 0; c < this.columns.length; c++) if (this.wanted[c]) this.columns[c].push("");
      this.rows++;
    }
    this.lastRow = Math.max(row, this.lastRow);
  }

  wants(col: number): boolean {
    return this.headers === null ? true : col < this.wanted.length && this.wanted[col];
  }

  cell(col: number, value: Cell, style: number): void {
    if (this.headers === null) {
      this.pending[col] = value;
      return;
    }
    this.columns[col][this.rows - 1] = value;
    if (typeof value === "number") {
      this.numbers[col]++;
      if (this.isDate[style]) this.dated[col]++;
    }
  }

  /** The pending row becomes the header row when any cell in it is non-empty. */
  takeHeader(): void {
    const cells = this.pending;
    let last = cells.length - 1;
    while (last >= 0 && (cells[last] === undefined || cells[last] === "")) last--;
    if (last < 0) return;
    const headers: string[] = [];
    for (let c = 0; c <= last; c++) headers.push(String(cells[c] ?? "").trim());
    this.headers = headers;
    this.headerRow = this.pendingRow;
    this.lastRow = this.pendingRow;
    this.wanted = headers.map((h, i) => (this.pick ? this.pick(h, i, headers) : true));
    this.columns = headers.map(() => []);
    this.dated = headers.map(() => 0);
    this.numbers = headers.map(() => 0);
  }

  dateColumns(): boolean[] {
    return this.numbers.map((n, c) => n > 0 && this.dated[c] * 2 > n);
  }
}

function quoted(sheets: SheetInfo[]): string {
  return sheets.map((s) => `"${s.name}"${s.state === "visible" ? "" : ` (${s.state})`}`).join(", ");
}

/** "; its sheets are ...; choose one with --sheet" for a message about `current`. */
function sheetHint(sheets: SheetInfo[], current: SheetInfo): string {
  const other = sheets.find((s) => s !== current && s.state === "visible" && s.worksheet);
  const pick = other ? `; choose one with --sheet, e.g. --sheet "${other.name}"` : "";
  return `The workbook's sheets are ${quoted(sheets)}${pick}.`;
}

function chooseSheet(file: string, sheets: SheetInfo[], wanted: string | undefined): SheetInfo {
  if (sheets.length === 0) throw new UsageError(`${file} has no worksheets.`);
  if (wanted !== undefined) {
    const found =
      sheets.find((s) => s.name === wanted) ?? sheets.find((s) => s.name.toLowerCase() === wanted.toLowerCase());
    if (!found) throw new UsageError(`Sheet "${wanted}" not found in ${file}; its sheets are ${quoted(sheets)}.`);
    return found;
  }
  const first = sheets[0];
  if (first.state !== "visible") {
    throw new UsageError(`${file}: the first sheet "${first.name}" is ${first.state}. ${sheetHint(sheets, first)}`);
  }
  return first;
}

interface Workbook {
  zip: ZipFile;
  sheets: SheetInfo[];
  date1904: boolean;
  isDate: boolean[];
  shared: string[];
}

function openWorkbook(file: string): Workbook {
  const zip = new ZipFile(file);
  try {
    const text = (name: string | null): string | null => {
      const entry = name === null ? undefined : zip.entries.get(name);
      return entry ? zip.text(entry) : null;
    };
    const rootRels = relationships(text("_rels/.rels") ?? "", "");
    const bookPath = relOfType(rootRels, "officeDocument") ?? "xl/workbook.xml";
    const bookXml = text(bookPath);
    if (bookXml === null) throw notASpreadsheet(file, [...zip.entries.keys()]);
    const relsPath = bookPath.replace(/([^/]*)$/, "_rels/$1.rels");
    const rels = relationships(text(relsPath) ?? "", bookPath);
    const book = parseWorkbook(bookXml, rels);
    const folder = bookPath.slice(0, bookPath.lastIndexOf("/") + 1);
    const styles = text(relOfType(rels, "styles") ?? `${folder}styles.xml`);
    const strings = text(relOfType(rels, "sharedStrings") ?? `${folder}sharedStrings.xml`);
    return {
      zip,
      sheets: book.sheets,
      date1904: book.date1904,
      isDate: styles === null ? [] : dateStyles(styles),
      shared: strings === null ? [] : sharedStrings(strings),
    };
  } catch (e) {
    zip.close();
    throw e;
  }
}

/** Streams the sheet's part through the scanner into `sink`. */
async function scanSheet(book: Workbook, sheet: SheetInfo, sink: CellSink, file: string): Promise<void> {
  const path = sheet.path;
  const entry = path === null ? undefined : (book.zip.entries.get(path) ?? book.zip.entries.get(`xl/${path}`));
  if (!entry) throw notAWorkbook(file, `the part of sheet "${sheet.name}" is missing`);
  let scanner: SheetScanner | null = null;
  await book.zip.stream(entry, (bytes, final) => {
    // Latin-1: a byte per character, so a UTF-8 sequence cut between chunks stays whole; texts are decoded later.
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
    if (scanner === null) {
      const root = /<([\w.-]+:)?worksheet[\s>]/.exec(text);
      scanner = new SheetScanner(sink, book.shared, root?.[1] ?? "", book.date1904);
    }
    scanner.push(text, final);
  });
}

export async function readXlsx(file: string, options: XlsxReadOptions = {}): Promise<XlsxReadResult> {
  let book: Workbook;
  try {
    book = openWorkbook(file);
  } catch (e) {
    if (e instanceof ZipError) throw notAWorkbook(file, e.message);
    throw e;
  }
  try {
    const sheet = chooseSheet(file, book.sheets, options.sheet);
    if (!sheet.worksheet) {
      throw new UsageError(`Sheet "${sheet.name}" is a chart sheet, not cells. ${sheetHint(book.sheets, sheet)}`);
    }
    const sink = new TableSink(options.columns, book.isDate);
    try {
      await scanSheet(book, sheet, sink, file);
    } catch (e) {
      if (e instanceof ZipError) throw notAWorkbook(file, e.message);
      throw e;
    }
    if (sink.headers === null) sink.takeHeader();
    const headers = sink.headers as string[] | null;
    if (headers === null) {
      throw new UsageError(
        `Sheet "${sheet.name}" is empty: no header row and no data. ${sheetHint(book.sheets, sheet)}`,
      );
    }
    const n = sink.rows;
    const table: ColumnTable = {
      headers,
      columns: sink.columns.map((col, c) => (sink.wants(c) ? col : new Array<Cell>(n))),
    };
    return {
      table,
      sheetName: sheet.name,
      headerRow: sink.headerRow,
      date1904: book.date1904,
      dateColumns: sink.dateColumns(),
    };
  } finally {
    book.zip.close();
  }
}

/** Every cell of the named sheet through `sink` (for checks against other readers); the workbook's date facts. */
export async function scanCells(
  file: string,
  sheetName: string,
  sink: CellSink,
): Promise<{ date1904: boolean; isDate: boolean[] }> {
  const book = openWorkbook(file);
  try {
    await scanSheet(book, chooseSheet(file, book.sheets, sheetName), sink, file);
    return { date1904: book.date1904, isDate: book.isDate };
  } finally {
    book.zip.close();
  }
}
