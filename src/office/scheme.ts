/**
 * Reading a custom segment scheme from the workbook: the rules table an analyst keeps on a sheet (layout in
 * src/rfm/schemes/sheetTable.ts: Segment | R from | R to | F from | F to | M from | M to | Description | Action).
 *
 * `address` may be "Segments!A1:I12", "'My rules'!A:I" (only the used part is read), a range on the active sheet
 * ("A1:I12"), an Excel table's name or a defined name. Messages from the engine name the real sheet rows.
 * Example: `await readCustomScheme("Segments!A1:I12")` → a Scheme with id "custom".
 */
import { schemeFromTable, type Cell, type Scheme } from "../rfm";
import { toActionError } from "./errors";
import { requireMinimumApi, resolveHost, type OfficeHost } from "./host";
import { Session } from "./io";
import { OfficeActionError } from "./types";

/** Splits "'My rules'!A1:I9" into the sheet name ("My rules") and the range ("A1:I9"). */
export function splitAddress(address: string): { sheet?: string; range: string } {
  const a = address.trim().replace(/^=/, "");
  const bang = a.lastIndexOf("!");
  if (bang < 0) return { range: a };
  let sheet = a.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, range: a.slice(bang + 1) };
}

/** A rules table has a row per segment; anything near Excel's read cap is a wrong address. */
const MAX_RULES_CELLS = 100_000;

const A1 = /^\$?[A-Za-z]{1,3}\$?\d*(:\$?[A-Za-z]{1,3}\$?\d*)?$/;

/** Reads and validates the scheme inside an open session. */
export async function readSchemeIn(s: Session, address: string, bins?: number): Promise<Scheme> {
  const { sheet, range } = splitAddress(address);
  if (!range) throw new OfficeActionError("Enter the address of the segment rules, e.g. Segments!A1:I12.");
  const wb = s.context.workbook;
  let target: Excel.Range;
  if (sheet !== undefined) {
    const ws = wb.worksheets.getItemOrNullObject(sheet);
    await s.sync();
    if (ws.isNullObject) {
      throw new OfficeActionError(`The segment rules refer to a sheet "${sheet}" that is not in this workbook.`);
    }
    target = ws.getRange(range);
  } else if (A1.test(range)) {
    target = wb.worksheets.getActiveWorksheet().getRange(range);
  } else {
    const table = wb.tables.getItemOrNullObject(range);
    const name = wb.names.getItemOrNullObject(range);
    await s.sync();
    if (!table.isNullObject) target = table.getRange();
    else if (!name.isNullObject) target = name.getRange();
    else {
      throw new OfficeActionError(
        `"${address}" is not a range, table or name in this workbook. Enter the rules' address, e.g. Segments!A1:I12.`,
      );
    }
  }
  // Sizes first, values only once the size is known to be small: past Excel's read cap a values read may come
  // back null instead of failing.
  const used = target.getUsedRangeOrNullObject(true);
  used.load("rowIndex,rowCount,columnCount");
  await s.sync();
  if (used.isNullObject) {
    throw new OfficeActionError(`The range ${address} is empty: it should hold the segment rules with a header row.`);
  }
  if (used.rowCount * used.columnCount > MAX_RULES_CELLS) {
    throw new OfficeActionError(
      `The range ${address} is too large for a rules table (${used.rowCount} rows × ${used.columnCount} columns). ` +
        `Enter only the rules' cells, e.g. Segments!A1:I12.`,
    );
  }
  used.load("values");
  await s.sync();
  const values = used.values as Cell[][] | null;
  if (!values) throw new OfficeActionError(`Excel did not return the cells of ${address}. Run again.`);
  return schemeFromTable(values, { bins, headerRowNumber: used.rowIndex + 1 });
}

export async function readCustomScheme(address: string, host?: OfficeHost, bins?: number): Promise<Scheme> {
  const h = resolveHost(host);
  requireMinimumApi(h);
  try {
    return await h.Excel.run((context) => readSchemeIn(new Session(context, h), address, bins));
  } catch (e) {
    throw toActionError(e, `reading the segment rules at ${address}`);
  }
}
