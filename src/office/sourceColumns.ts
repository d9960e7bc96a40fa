/**
 * The result columns next to the source rows: `R`, `F`, `M`, `RFM`, `Segment` by default (the list is data,
 * `SOURCE_COLUMNS`, so later features add columns without touching the writer).
 *
 * Where: a plain range gets them right of the sheet's last used column (values or formats), in the header row and
 * the data rows below it; an Excel table gets them as table columns (`columns.add` with the header name only, or,
 * where Excel on the web refuses that for a large table, the table stretched over the free columns right of it:
 * tableColumns.ts), then the data body is filled in chunks. Columns the add-in wrote on an earlier run (recorded in `rfm.outputs` and still
 * carrying the recorded header texts) are reused, so a re-run rewrites the same cells instead of adding more.
 * A row counts for a customer when `result.rowCustomer[i] >= 0`; excluded rows get empty cells.
 *
 * Cost: one sync per chunk (≈ 3.5 MB of values, ~100k rows for 5 columns) plus one to add table columns; one small
 * array per row is built per chunk and dropped after the sync.
 */
import type { CustomerResult, RfmResult } from "../rfm/types";
import { excelWouldConvert, rfmCell } from "./cells";
import { toActionError } from "./errors";
import { cellBytes, formatColumn, readRowChunks, Session, writeRows, type WriteBlock, type XlCell } from "./io";
import { queueSaveMarker, withoutSource, withSource, type OutputsMarker, type SourceColumnsRecord } from "./settings";
import { columnLetters, type LocatedSource } from "./source";
import { addColumnsAtEnd } from "./tableColumns";
import { OfficeActionError } from "./types";

export interface SourceColumnSpec {
  header: string;
  value: (c: CustomerResult) => XlCell;
}

export const SOURCE_COLUMNS: readonly SourceColumnSpec[] = [
  { header: "R", value: (c) => c.r },
  { header: "F", value: (c) => c.f },
  { header: "M", value: (c) => c.m },
  { header: "RFM", value: (c) => rfmCell(c.rfm) },
  { header: "Segment", value: (c) => c.segment },
];

const MAX_COLUMNS = 16384;

export interface WrittenColumns {
  record: SourceColumnsRecord;
  marker: OutputsMarker;
  /** Descriptions like "R (column I)". */
  described: string[];
  /** Puts the columns back as they were before this write (a run cancelled after the columns were written);
   *  returns the sentence about what was done. */
  undo(): Promise<string>;
}

export class ColumnsWriteInterrupted extends Error {
  constructor(
    readonly reason: unknown,
    readonly left: string,
  ) {
    super("interrupted");
  }
}

/** What one write has done so far: what an interruption must undo, and the outputs record as it stands. */
interface WriteState {
  marker: OutputsMarker;
  /** Set once this run changed the columns' cells (so an interruption must undo). */
  touched: boolean;
  addedTableColumns?: string[];
  /** The record this run wrote into the marker (set with the first chunk). */
  current?: SourceColumnsRecord;
  /** The marker before this write, restored by an undo. */
  before: OutputsMarker;
  /** The cells of the previous run's columns (header row first) when this write rewrites them in place. */
  previous?: { record: SourceColumnsRecord; values: XlCell[][] };
}

/** Where the columns go: the first column and the header texts. */
interface Placement {
  col0: number;
  headers: string[];
  /** The add-in's columns of the last run are rewritten in place. */
  reuse: boolean;
}

/**
 * Writes the columns; on cancel or error removes what this run left half-written (see `undoColumns`) and throws
 * `ColumnsWriteInterrupted` carrying the original reason and a sentence about what was left.
 */
export async function writeSourceColumns(
  s: Session,
  src: LocatedSource,
  result: RfmResult,
  marker: OutputsMarker,
  onProgress: (fraction: number) => void,
  specs: readonly SourceColumnSpec[] = SOURCE_COLUMNS,
): Promise<WrittenColumns> {
  const wanted = specs.map((c) => c.header);
  const state: WriteState = { marker, touched: false, before: marker };
  let reuse = false;
  try {
    const place = await placeColumns(s, src, wanted, state);
    if (place.reuse && src.ownColumns) state.previous = await readPrevious(s, src, src.ownColumns);
    reuse = place.reuse;
    const { col0, headers } = place;
    const own = src.ownColumns;
    const record: SourceColumnsRecord = {
      sheetId: src.sheetId,
      sheetName: src.info.sheetName,
      tableName: src.table?.name,
      headerRow: src.headerRow,
      columns: headers.map((header, j) => ({ index: col0 + j, header })),
      rows: Math.max(src.rowCount, reuse && own ? own.rows : 0),
      complete: false,
    };
    await writeColumnRows(s, src, result, specs, place, record, state, onProgress);
    const final = { ...record, rows: src.rowCount, complete: true };
    return {
      record: final,
      marker: withSource(state.marker, final),
      described: headers.map((h, j) => `${h} (column ${columnLetters(col0 + j)})`),
      undo: () => undoColumns(s, src, { ...state, current: final, touched: true }, wanted, !reuse),
    };
  } catch (e) {
    throw new ColumnsWriteInterrupted(e, await undoColumns(s, src, state, wanted, !reuse));
  }
}

/** Decides where the columns go: the last run's columns again when their layout matches, else new ones (plain
 *  cells right of the data, or new table columns; the last run's columns of another layout are removed first). */
async function placeColumns(
  s: Session,
  src: LocatedSource,
  wanted: readonly string[],
  state: WriteState,
): Promise<Placement> {
  const k = wanted.length;
  const own = src.ownColumns;
  const reuse =
    !!own &&
    own.tableName === src.table?.name &&
    own.columns.length === k &&
    own.columns.every((c, j) => c.header === wanted[j] || c.header === `${wanted[j]} (RFM)`);
  let freeColumn = src.nextFreeColumn;
  if (own && !reuse) {
    // The earlier layout differs (another column list): remove those columns, they are the add-in's.
    await removeColumns(s, own);
    state.marker = withoutSource(state.marker, own);
    queueSaveMarker(s.context, state.marker);
    await s.sync();
    const last = own.columns[own.columns.length - 1].index;
    if (!src.table && last + 1 === freeColumn) freeColumn = own.columns[0].index;
  }
  let place: Placement;
  if (reuse && own) {
    place = { col0: own.columns[0].index, headers: own.columns.map((c) => c.header), reuse };
  } else if (src.table) {
    place = { ...(await addTableColumns(s, src, src.table.name, wanted, state)), reuse };
  } else {
    place = { col0: freeColumn, headers: [...wanted], reuse };
  }
  if (place.col0 + k > MAX_COLUMNS) {
    throw new OfficeActionError(
      `There is no room for ${k} new columns right of the data on "${src.info.sheetName}" (the sheet is used up to ` +
        `column ${columnLetters(place.col0 - 1)}). Free some columns on the right and run again.`,
    );
  }
  return place;
}

/** Adds the columns to the Excel table (a header taken by the analyst gets " (RFM)"; Excel may rename further). */
async function addTableColumns(
  s: Session,
  src: LocatedSource,
  tableName: string,
  wanted: readonly string[],
  state: WriteState,
): Promise<{ col0: number; headers: string[] }> {
  const existing = new Set(src.info.headers.map((h) => h.toLowerCase()));
  const asked = wanted.map((h) => (existing.has(h.toLowerCase()) ? `${h} (RFM)` : h));
  s.suspendCalculation();
  const touched = state.touched;
  state.touched = true;
  state.addedTableColumns = asked;
  const place = { name: tableName, sheetName: src.info.sheetName, headerRow: src.headerRow, rows: src.rowCount };
  let added: { names: string[]; firstColumn: number };
  try {
    added = await addColumnsAtEnd(s, place, asked);
  } catch (e) {
    // The add-in's own refusal comes before any change: there is nothing to undo.
    if (e instanceof OfficeActionError) [state.touched, state.addedTableColumns] = [touched, undefined];
    throw e;
  }
  const { names, firstColumn } = added;
  state.addedTableColumns = names;
  return { col0: firstColumn, headers: names };
}

/** Writes the header (plain ranges) and the data rows in chunks, recording progress in the marker per chunk. */
async function writeColumnRows(
  s: Session,
  src: LocatedSource,
  result: RfmResult,
  specs: readonly SourceColumnSpec[],
  { col0, headers, reuse }: Placement,
  record: SourceColumnsRecord,
  state: WriteState,
  onProgress: (fraction: number) => void,
): Promise<void> {
  const sheet = s.context.workbook.worksheets.getItem(src.info.sheetName);
  const k = specs.length;
  const own = src.ownColumns;
  const rowCount = src.rowCount;
  const rows = customerRows(result.customers, specs, result.rowCustomer);
  s.suspendScreen();
  await writeRows(s, sheet, src.headerRow + 1, col0, k, rowCount, rows.bytes, rows.build, {
    doing: "writing the new columns next to the data",
    afterChunk: (done) => onProgress(done / Math.max(1, rowCount)),
    beforeSync: (chunk, isLast) => {
      state.touched = true;
      if (chunk === 0) {
        if (!src.table) sheet.getRangeByIndexes(src.headerRow, col0, 1, k).values = [headers];
        if (reuse && own && own.rows > rowCount && !src.table) {
          // Rows the add-in wrote last time below today's data: its own cells, cleared.
          sheet.getRangeByIndexes(src.headerRow + 1 + rowCount, col0, own.rows - rowCount, k).clear();
        }
      }
      const rec = { ...record, rows: isLast ? rowCount : record.rows, complete: isLast };
      state.current = rec;
      state.marker = withSource(state.marker, rec);
      queueSaveMarker(s.context, state.marker);
    },
  });
}

/**
 * The cells per source row, built once per customer: one row array per customer, shared by all of that customer's
 * rows (and one shared empty row). The arrays are only serialized into the request, never changed, so 541,909 rows
 * cost 4,338 small arrays, not 541,909.
 */
function customerRows(
  customers: readonly CustomerResult[],
  specs: readonly SourceColumnSpec[],
  rowCustomer: ArrayLike<number>,
): { bytes: (i: number) => number; build: (from: number, to: number) => WriteBlock } {
  const k = specs.length;
  const custRows: XlCell[][] = new Array(customers.length);
  const custBytes = new Int32Array(customers.length);
  for (let c = 0; c < customers.length; c++) {
    const row = specs.map((sp) => sp.value(customers[c]));
    custRows[c] = row;
    let b = 2;
    for (const v of row) b += cellBytes(v);
    custBytes[c] = b;
  }
  const emptyBytes = 2 + 3 * k;
  // Text that Excel would turn into something else needs "@" on its column first.
  const textCols: number[] = [];
  for (let j = 0; j < k; j++) {
    if (custRows.some((r) => typeof r[j] === "string" && excelWouldConvert(r[j] as string))) textCols.push(j);
  }
  const emptyRow: XlCell[] = new Array<XlCell>(k).fill("");
  const build = (from: number, to: number): WriteBlock => {
    const values = new Array<XlCell[]>(to - from);
    for (let i = from; i < to; i++) {
      const c = rowCustomer[i];
      values[i - from] = c >= 0 ? custRows[c] : emptyRow;
    }
    return textCols.length
      ? { values, formats: textCols.map((column) => ({ column, numberFormat: formatColumn(to - from, "@") })) }
      : { values };
  };
  const bytes = (i: number) => (rowCustomer[i] >= 0 ? custBytes[rowCustomer[i]] : emptyBytes) + textCols.length * 6;
  return { bytes, build };
}

/** Undo after an interruption: the columns are either complete or gone, never half written. Returns the sentence
 *  about what was left. */
async function undoColumns(
  s: Session,
  src: LocatedSource,
  state: WriteState,
  wanted: readonly string[],
  created: boolean,
): Promise<string> {
  try {
    if (!state.touched) return "No column was changed.";
    if (state.previous && state.current) {
      await restorePrevious(s, src, state.current, state.previous);
      queueSaveMarker(s.context, state.before);
      await s.sync();
      return `The columns ${wanted.join(", ")} from the previous run were put back as they were.`;
    }
    if (state.current) {
      await removeColumns(s, state.current);
      state.marker = withoutSource(state.marker, state.current);
      queueSaveMarker(s.context, state.marker);
      await s.sync();
      return created
        ? `The partly written columns (${wanted.join(", ")}) were removed again.`
        : `The columns ${wanted.join(", ")} from the previous run were partly overwritten, so they were removed.`;
    }
    if (state.addedTableColumns && src.table) {
      const table = s.context.workbook.tables.getItem(src.table.name);
      for (const name of state.addedTableColumns) table.columns.getItem(name).delete();
      await s.sync();
      return "The new table columns were removed again.";
    }
    return "No column was changed.";
  } catch (undoError) {
    return (
      "The new columns could not be removed (" +
      String((undoError as Error)?.message ?? undoError) +
      "); the next run will rewrite them."
    );
  }
}

/** The previous run's columns, header row and data rows, read before they are rewritten in place. */
async function readPrevious(
  s: Session,
  src: LocatedSource,
  own: SourceColumnsRecord,
): Promise<{ record: SourceColumnsRecord; values: XlCell[][] }> {
  const sheet = s.context.workbook.worksheets.getItem(src.info.sheetName);
  const k = own.columns.length;
  const values: XlCell[][] = new Array<XlCell[]>(own.rows + 1);
  const runs = [{ start: own.columns[0].index, count: k }];
  await readRowChunks(
    s,
    sheet,
    own.headerRow,
    own.rows + 1,
    runs,
    (chunk) => {
      for (let i = 0; i < chunk.rows; i++) values[chunk.offset + i] = chunk.values[0][i];
    },
    undefined,
    "reading the previous run's columns",
  );
  return { record: own, values };
}

/** Writes the previous run's cells back over this run's (and clears the rows this run wrote below them). */
async function restorePrevious(
  s: Session,
  src: LocatedSource,
  current: SourceColumnsRecord,
  previous: { record: SourceColumnsRecord; values: XlCell[][] },
): Promise<void> {
  const sheet = s.context.workbook.worksheets.getItem(src.info.sheetName);
  const prev = previous.record;
  const k = prev.columns.length;
  const col0 = prev.columns[0].index;
  if (current.rows > prev.rows) {
    sheet.getRangeByIndexes(prev.headerRow + 1 + prev.rows, col0, current.rows - prev.rows, k).clear();
  }
  const rows = previous.values;
  const bytes = (i: number) => rows[i].reduce((b: number, v) => b + cellBytes(v), 2);
  await writeRows(
    s,
    sheet,
    prev.headerRow,
    col0,
    k,
    rows.length,
    bytes,
    (from, to) => ({ values: rows.slice(from, to) }),
    {
      doing: "putting the previous run's columns back",
      cancellable: false,
    },
  );
}

/** Removes the add-in's columns: table columns are deleted, plain cells are cleared (header and data rows). */
export async function removeColumns(s: Session, rec: SourceColumnsRecord): Promise<void> {
  try {
    if (rec.tableName) {
      const table = s.context.workbook.tables.getItemOrNullObject(rec.tableName);
      const cols = table.columns;
      cols.load("items/name");
      await s.sync();
      if (table.isNullObject) return;
      const names = new Set(rec.columns.map((c) => c.header));
      for (const c of cols.items) if (names.has(c.name)) c.delete();
    } else {
      // By id: the analyst may have renamed the sheet since.
      const sheet = s.context.workbook.worksheets.getItem(rec.sheetId);
      const first = rec.columns[0].index;
      sheet.getRangeByIndexes(rec.headerRow, first, rec.rows + 1, rec.columns.length).clear();
    }
  } catch (e) {
    throw toActionError(e, "removing the add-in's columns");
  }
}
