/**
 * New columns at the right end of an Excel table, also where `table.columns.add` cannot work.
 *
 * Excel on the web limits one operation to 33,554,000 cells (OperationCellsExceedLimit), and for
 * `TableColumnCollection.add` it counts rows × (16,383 − the table's columns): the insertion shifts the cells right
 * of the table across the whole sheet width. A table of about 2,000 rows or more cannot get a column that way.
 * Then the headers are written into the empty columns right of the table and the table is stretched over them
 * (`Table.resize`, ExcelApi 1.13), which shifts nothing; the new columns are table columns as with `columns.add`.
 * When those cells are not empty, or `resize` is missing, the error says what to clear or do instead.
 *
 * Example: addColumnsAtEnd(s, { name: "Sales", sheetName: "Data", headerRow: 0, rows: 541909 }, ["R", "F"]) on a
 *   table A1:H541910 → { names: ["R", "F"], firstColumn: 8 }.
 */
import { officeErrorCode } from "./errors";
import { apiSupported } from "./host";
import type { Session } from "./io";
import { columnLetters } from "./source";
import { OfficeActionError } from "./types";

export interface TablePlace {
  name: string;
  sheetName: string;
  /** Zero-based sheet row of the header row. */
  headerRow: number;
  /** Data rows (below the header). */
  rows: number;
}

/** Adds `headers` as new columns at the table's right end; returns the names Excel gave them (it renames
 *  duplicates) and the sheet column of the first. Queued commands before the call are sent with the first sync. */
export async function addColumnsAtEnd(
  s: Session,
  place: TablePlace,
  headers: readonly string[],
): Promise<{ names: string[]; firstColumn: number }> {
  const table = s.context.workbook.tables.getItem(place.name);
  const added = headers.map((h) => table.columns.add(undefined, undefined, h));
  for (const a of added) a.load("name");
  const range = table.getHeaderRowRange().load("columnIndex,columnCount");
  try {
    await s.sync();
    return { names: added.map((a) => a.name), firstColumn: range.columnIndex + range.columnCount - headers.length };
  } catch (e) {
    if (officeErrorCode(e) !== "OperationCellsExceedLimit") throw e;
    // Nothing of that batch was applied (its first command failed): the table is as it was.
    const before = s.context.workbook.tables.getItem(place.name).getHeaderRowRange().load("columnIndex,columnCount");
    await s.sync();
    return stretchTable(s, { ...place, columnIndex: before.columnIndex, columnCount: before.columnCount }, headers);
  }
}

/** The fallback: headers into the free columns right of the table, then the table resized over them. */
async function stretchTable(
  s: Session,
  place: TablePlace & { columnIndex: number; columnCount: number },
  headers: readonly string[],
): Promise<{ names: string[]; firstColumn: number }> {
  const k = headers.length;
  const end = place.columnIndex + place.columnCount;
  const height = place.rows + 1;
  const where =
    `${columnLetters(end)}${place.headerRow + 1}:` + `${columnLetters(end + k - 1)}${place.headerRow + height}`;
  const why =
    `Excel on the web cannot add columns to the table "${place.name}" the usual way: for a table of ` +
    `${place.rows.toLocaleString("en-US")} rows it counts every cell to the right of it, over its limit for one operation.`;
  const elsewhere =
    "convert the table to a range (Table Design > Convert to Range), or run in Excel for Windows or Mac.";
  if (!apiSupported(s.host, "1.13")) throw new OfficeActionError(`${why} Update Excel, ${elsewhere}`);
  const sheet = s.context.workbook.worksheets.getItem(place.sheetName);
  const beside = sheet.getRangeByIndexes(place.headerRow, end, height, k).getUsedRangeOrNullObject(true);
  await s.sync();
  if (!beside.isNullObject) {
    throw new OfficeActionError(
      `${why} The add-in extends the table into ${where} on "${place.sheetName}" instead, but some of those cells ` +
        `are not empty. Clear or move what is in ${where}, or ${elsewhere}`,
    );
  }
  sheet.getRangeByIndexes(place.headerRow, end, 1, k).values = [headers.slice()];
  const table = s.context.workbook.tables.getItem(place.name);
  table.resize(sheet.getRangeByIndexes(place.headerRow, place.columnIndex, height, place.columnCount + k));
  const header = table.getHeaderRowRange().load("values");
  await s.sync();
  const names = (header.values[0] ?? []).slice(place.columnCount).map(String);
  return { names, firstColumn: end };
}
