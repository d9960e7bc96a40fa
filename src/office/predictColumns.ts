/**
 * The prediction's columns on the "RFM Customers" table: P(alive), Expected purchases, Expected avg value and CLV,
 * matched to the table's rows by customer id. The table is the RFM run's (found through the add-in's record); a
 * first prediction appends the four columns to it, a re-run writes into the same columns and leaves every other
 * column as it is. Customers the models do not describe (first purchase after the calibration end) get empty cells,
 * as do the spend figures of customers without a repeat purchase.
 *
 * Cost: one request for the table's headers, one for the ids, one to add the columns, then the
 * values in row chunks (io.ts) per column, one request for formats and widths.
 */
import type { PredictionResult } from "../rfm/predict";
import { FORMAT } from "./cells";
import { CUSTOMER_COLUMNS } from "./customersSheet";
import { formatColumn, writeRows, type Session, type XlCell } from "./io";
import type { OutputSheetRecord, OutputsMarker } from "./settings";
import { addColumnsAtEnd } from "./tableColumns";
import { OfficeActionError } from "./types";

export const PREDICTION_HEADERS = ["P(alive)", "Expected purchases", "Expected avg value", "CLV"] as const;

/** The RFM run's customer table, as the prediction finds it before writing. */
export interface CustomersTarget {
  record: OutputSheetRecord;
  /** The sheet's current name. */
  sheetName: string;
  tableName: string;
  headers: string[];
  /** Customer id of each body row, as text. */
  ids: string[];
  /** Zero-based sheet row and column of the table's header row's first cell. */
  top: number;
  left: number;
  /** The money format of the value columns (the RFM run's, from the customers' countries). */
  money: string;
}

function notRun(): OfficeActionError {
  return new OfficeActionError(
    'Run "Segment customers" first: the prediction adds its columns to the RFM Customers table, which this ' +
      "workbook does not have (or it was deleted).",
  );
}

/** Finds the RFM run's customer table through the record; throws when there is none. Writes nothing. */
export async function locateCustomers(s: Session, marker: OutputsMarker, money: string): Promise<CustomersTarget> {
  const record = marker.sheets.find((r) => r.role === "customers" && r.id && r.tables.length > 0);
  if (!record) throw notRun();
  const sheets = s.context.workbook.worksheets;
  sheets.load("items/name,items/id");
  const table = s.context.workbook.tables.getItemOrNullObject(record.tables[0]);
  await s.sync();
  const sheetName = sheets.items.find((w) => w.id === record.id)?.name;
  if (!sheetName || table.isNullObject) throw notRun();
  const header = table.getHeaderRowRange().load("values,rowIndex,columnIndex");
  const body = table.getDataBodyRange().load("rowCount");
  await s.sync();
  const headers = (header.values[0] as XlCell[]).map(String);
  const idHeader = CUSTOMER_COLUMNS[0].header;
  const idAt = headers.indexOf(idHeader);
  if (idAt < 0) {
    throw new OfficeActionError(
      `The RFM Customers table has no "${idHeader}" column any more, so the predictions cannot be matched to its ` +
        'rows. Run "Segment customers" again, then Predict.',
    );
  }
  const ids = sheetsById(s, sheetName)
    .getRangeByIndexes(header.rowIndex + 1, header.columnIndex + idAt, Math.max(1, body.rowCount), 1)
    .load("values");
  await s.sync();
  return {
    record,
    sheetName,
    tableName: record.tables[0],
    headers,
    ids: body.rowCount === 0 ? [] : (ids.values as XlCell[][]).map((row) => String(row[0])),
    top: header.rowIndex,
    left: header.columnIndex,
    money,
  };
}

function sheetsById(s: Session, name: string): Excel.Worksheet {
  return s.context.workbook.worksheets.getItem(name);
}

/** The four cells of each table row, in table order (empty for customers the models do not describe). */
export function predictionCells(target: CustomersTarget, result: PredictionResult): XlCell[][][] {
  const at = new Map<string, number>();
  result.summary.ids.forEach((id, i) => at.set(id, i));
  const cols: XlCell[][][] = PREDICTION_HEADERS.map(() => []);
  const num = (v: number): XlCell => (Number.isFinite(v) ? v : "");
  for (const id of target.ids) {
    const i = at.get(id);
    const row: XlCell[] =
      i === undefined
        ? ["", "", "", ""]
        : [
            num(result.pAlive[i]),
            num(result.expectedPurchases[i]),
            num(result.expectedAverageValue[i]),
            num(result.clv[i]),
          ];
    row.forEach((v, j) => cols[j].push([v]));
  }
  return cols;
}

/**
 * Writes the four columns (see the file comment). The values go in whole: Cancel is honoured before and after.
 * Returns the number of table rows that got a prediction and the columns' sheet indexes.
 */
export async function writePredictionColumns(
  s: Session,
  target: CustomersTarget,
  result: PredictionResult,
  onProgress: (fraction: number) => void,
): Promise<{ matched: number; columns: number[] }> {
  const sheet = s.context.workbook.worksheets.getItem(target.sheetName);
  const headers = target.headers.slice();
  const missing = PREDICTION_HEADERS.filter((h) => !headers.includes(h));
  if (missing.length > 0) {
    // Through the fallback for large tables on the web (a plain columns.add is refused there from ~2,000 rows).
    const place = {
      name: target.tableName,
      sheetName: target.sheetName,
      headerRow: target.top,
      rows: target.ids.length,
    };
    await addColumnsAtEnd(s, place, missing);
    headers.push(...missing);
  }
  const cells = predictionCells(target, result);
  const n = target.ids.length;
  const formats = [FORMAT.percent, "#,##0.00", target.money, target.money];
  const columns = PREDICTION_HEADERS.map((h) => target.left + headers.indexOf(h));
  for (let j = 0; j < columns.length; j++) {
    await writeRows(
      s,
      sheet,
      target.top + 1,
      columns[j],
      1,
      n,
      () => 20,
      (from, to) => ({
        values: cells[j].slice(from, to),
        formats: [{ column: 0, numberFormat: formatColumn(to - from, formats[j]) }],
      }),
      {
        doing: "writing the prediction columns",
        cancellable: false,
        afterChunk: (done) => onProgress((j + done / Math.max(1, n)) / columns.length),
      },
    );
  }
  // Every row: a wider figure further down would show as ##### in a column fitted to the first rows only.
  for (const c of columns) sheet.getRangeByIndexes(target.top, c, n + 1, 1).format.autofitColumns();
  await s.sync();
  const matched = cells[0].filter((row) => row[0] !== "").length;
  return { matched, columns };
}
