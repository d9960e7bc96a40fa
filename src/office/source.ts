/**
 * Finding the transactions to segment: which sheet, which table or range, which row holds the headers, which columns
 * hold the engine's fields, and which columns the add-in itself appended on an earlier run (those are never read as
 * data and are reused for the new results).
 *
 * Order of candidates: the saved `sheetName`; the active sheet; sheets whose name looks like transactions
 * ("Online Retail", "Transactions", "Orders", "Sales"); then every other sheet except the add-in's own outputs.
 * On each: the first Excel table whose headers map the customer and date fields, else the used range, whose header
 * row is the first of its first ten rows that maps them. The first candidate that maps both wins; when none does,
 * the active sheet is reported with its missing fields (no exception: the pane shows what to map).
 *
 * Cost: two syncs per candidate sheet examined (usually one sheet), only the first ten rows are read.
 * Example: a sheet "Online Retail" A1:H541910 → `{ sheetName: "Online Retail", address: "'Online Retail'!A1:H541910",
 * rowCount: 541909, mapping: { customer: "CustomerID", ... }, missing: [] }`.
 */
import { type ColumnPlan, missingFields, planColumns } from "../rfm";
import type { Field } from "../rfm/types";
import type { Session } from "./io";
import { sourceRecordFor, type OutputsMarker, type SourceColumnsRecord } from "./settings";
import { OfficeActionError, type SegmentSettings, type SourceInfo } from "./types";

const FIELD_ORDER: Field[] = ["customer", "invoice", "date", "quantity", "unitPrice", "amount", "country"];
/** Rows scanned for the header row. */
const HEADER_SCAN_ROWS = 10;
/** Columns scanned for headers (a sheet formatted out to XFD must not make the first read huge). */
const MAX_HEADER_COLUMNS = 1000;
const TRANSACTION_SHEET = /online\s*retail|transaction|orders?\b|sales|retail|invoices?/i;

/** Where the data is, in sheet coordinates, plus what `SourceInfo` tells the pane. */
export interface LocatedSource {
  info: SourceInfo;
  sheetId: string;
  /** Zero-based sheet row of the header row; data rows follow it directly. */
  headerRow: number;
  rowCount: number;
  /** Absolute column index of each entry of `info.headers`. */
  headerColumns: number[];
  /** Absolute column per mapped field. */
  fieldColumns: Partial<Record<Field, number>>;
  /** The engine's column plan on `info.headers` (what is mapped, what is missing and the engine's message for it). */
  columns: ColumnPlan;
  /** One past the last used column of the sheet (values or formats): where new columns may go. */
  nextFreeColumn: number;
  /** Set when the data is an Excel table. */
  table?: { name: string; columnIndex: number; columnCount: number };
  /** The add-in's own columns from an earlier run, still intact (same header texts at the same places). */
  ownColumns?: SourceColumnsRecord;
}

/** Field → header index by the engine's column plan (planColumns), without throwing. A field whose saved mapping
 *  entry is "" (or null) is switched off: left out, never aliased. */
export function partialMapping(
  headers: readonly string[],
  mapping?: Partial<Record<Field, string>>,
): Partial<Record<Field, number>> {
  return planColumns(headers, mapping).columns;
}

/** Required fields not mapped, by the engine's shape rule (see src/rfm/columns.ts). */
export { missingFields };

/** Column letters for a zero-based index: 0 → A, 27 → AB. */
export function columnLetters(index: number): string {
  let s = "";
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A sheet name as Excel writes it in addresses: quoted when it has anything but letters, digits and `_`. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function a1(sheet: string, row: number, col: number, rows: number, cols: number): string {
  const tl = `${columnLetters(col)}${row + 1}`;
  const br = `${columnLetters(col + cols - 1)}${row + rows}`;
  return `${quoteSheet(sheet)}!${tl}${rows === 1 && cols === 1 ? "" : `:${br}`}`;
}

function text(v: unknown): string {
  return v === null || v === undefined ? "" : String(v).trim();
}

interface Candidate {
  sheet: Excel.Worksheet;
  name: string;
  id: string;
}

/** What the two probing requests of `examineSheet` bring back. */
interface SheetProbe {
  used: Excel.Range;
  tables: { name: string; header: Excel.Range; body: Excel.Range }[];
  /** The first rows of the used range (none when the sheet is empty). */
  top?: Excel.Range;
  nextFreeColumn: number;
}

/** Examines one sheet; undefined when it has no usable header row. `force` returns the best guess anyway. */
async function examineSheet(
  s: Session,
  c: Candidate,
  settings: SegmentSettings,
  marker: OutputsMarker,
  force: boolean,
): Promise<LocatedSource | undefined> {
  const probe = await probeSheet(s, c);
  // Tables first: an Excel table is the analyst's explicit statement of where the data is.
  for (const t of probe.tables) {
    const found = examineTable(c, t, settings, marker, probe.nextFreeColumn);
    if (found) return found;
  }
  if (!probe.top || probe.used.isNullObject) {
    if (!force) return undefined;
    return finish(c, settings, {
      headers: [],
      headerColumns: [],
      headerRow: 0,
      rowCount: 0,
      nextFreeColumn: probe.nextFreeColumn,
    });
  }
  return examineRange(c, probe.used, probe.top.values, settings, marker, force, probe.nextFreeColumn);
}

/** Two requests: the used ranges and the tables, then the tables' header rows and the used range's first rows. */
async function probeSheet(s: Session, c: Candidate): Promise<SheetProbe> {
  const used = c.sheet.getUsedRangeOrNullObject(true);
  used.load("rowIndex,columnIndex,rowCount,columnCount");
  const usedAll = c.sheet.getUsedRangeOrNullObject(false);
  usedAll.load("columnIndex,columnCount");
  const tables = c.sheet.tables;
  tables.load("items/name");
  await s.sync();

  const tableProbes = tables.items.map((t) => {
    const header = t.getHeaderRowRange().load("values,rowIndex,columnIndex,columnCount");
    const body = t.getDataBodyRange().load("rowCount");
    return { name: t.name, header, body };
  });
  let top: Excel.Range | undefined;
  if (!used.isNullObject) {
    top = c.sheet
      .getRangeByIndexes(
        used.rowIndex,
        used.columnIndex,
        Math.min(HEADER_SCAN_ROWS, used.rowCount),
        Math.min(MAX_HEADER_COLUMNS, used.columnCount),
      )
      .load("values");
  }
  if (tableProbes.length || top) await s.sync();
  const nextFreeColumn = usedAll.isNullObject ? 0 : usedAll.columnIndex + usedAll.columnCount;
  return { used, tables: tableProbes, top, nextFreeColumn };
}

/** One Excel table as the source, when its headers map the customer and date fields. */
function examineTable(
  c: Candidate,
  t: SheetProbe["tables"][number],
  settings: SegmentSettings,
  marker: OutputsMarker,
  nextFreeColumn: number,
): LocatedSource | undefined {
  const raw = (t.header.values[0] ?? []).map(text);
  let ownColumns: SourceColumnsRecord | undefined;
  const ownIdx = new Set<number>();
  const own = sourceRecordFor(marker, { sheetId: c.id, tableName: t.name });
  if (own) {
    const ok = own.columns.every((oc) => raw[oc.index - t.header.columnIndex] === oc.header);
    if (ok) {
      ownColumns = own;
      for (const oc of own.columns) ownIdx.add(oc.index - t.header.columnIndex);
    }
  }
  const keep = raw.map((_, i) => i).filter((i) => !ownIdx.has(i));
  const headers = keep.map((i) => raw[i]);
  const map = partialMapping(headers, settings.mapping);
  if (map.customer === undefined || map.date === undefined) return undefined;
  return finish(c, settings, {
    headers,
    headerColumns: keep.map((i) => t.header.columnIndex + i),
    headerRow: t.header.rowIndex,
    rowCount: t.body.rowCount,
    nextFreeColumn: Math.max(nextFreeColumn, t.header.columnIndex + t.header.columnCount),
    table: { name: t.name, columnIndex: t.header.columnIndex, columnCount: t.header.columnCount },
    ownColumns,
  });
}

/** The used range as the source: its header row is the first of the scanned rows that maps customer and date. */
function examineRange(
  c: Candidate,
  used: Excel.Range,
  rows: unknown[][],
  settings: SegmentSettings,
  marker: OutputsMarker,
  force: boolean,
  nextFreeColumn: number,
): LocatedSource | undefined {
  const own = sourceRecordFor(marker, { sheetId: c.id, tableName: undefined });
  let best: { r: number; map: Partial<Record<Field, number>>; keep: number[]; headers: string[] } | undefined;
  for (let r = 0; r < rows.length; r++) {
    const raw = rows[r].map(text);
    const headerRow = used.rowIndex + r;
    const ownIdx = new Set<number>();
    let ok = false;
    if (own && !own.tableName && own.headerRow === headerRow) {
      ok = own.columns.every((oc) => raw[oc.index - used.columnIndex] === oc.header);
      if (ok) for (const oc of own.columns) ownIdx.add(oc.index - used.columnIndex);
    }
    const keep = raw.map((_, i) => i).filter((i) => !ownIdx.has(i));
    const headers = keep.map((i) => raw[i]);
    const map = partialMapping(headers, settings.mapping);
    if (map.customer !== undefined && map.date !== undefined) {
      best = { r, map, keep, headers };
      break;
    }
    if (r === 0) best = { r, map, keep, headers };
  }
  if (!best) return undefined;
  if (!force && (best.map.customer === undefined || best.map.date === undefined)) return undefined;
  const headerRow = used.rowIndex + best.r;
  // Trim trailing empty headers: a used range widened by stray formatting should not list blank columns.
  let n = best.headers.length;
  while (n > 0 && best.headers[n - 1] === "") n--;
  const ownColumns =
    own &&
    !own.tableName &&
    own.headerRow === headerRow &&
    own.columns.every((oc) => !best!.keep.includes(oc.index - used.columnIndex))
      ? own
      : undefined;
  // The add-in's own columns may reach below today's data (rows deleted since); runSegmentation trims trailing
  // rows whose mapped cells are all empty after reading, and clears its cells there.
  const lastRow = used.rowIndex + used.rowCount - 1;
  return finish(c, settings, {
    headers: best.headers.slice(0, n),
    headerColumns: best.keep.slice(0, n).map((i) => used.columnIndex + i),
    headerRow,
    rowCount: Math.max(0, lastRow - headerRow),
    nextFreeColumn,
    ownColumns,
  });
}

function finish(
  c: Candidate,
  settings: SegmentSettings,
  p: {
    headers: string[];
    headerColumns: number[];
    headerRow: number;
    rowCount: number;
    nextFreeColumn: number;
    table?: LocatedSource["table"];
    ownColumns?: SourceColumnsRecord;
  },
): LocatedSource {
  // The columns are planned here, once, on the header row found; readSource and the run pass the plan on.
  const plan = planColumns(p.headers, settings.mapping, { monetarySource: settings.monetarySource });
  const mapping: Partial<Record<Field, string>> = {};
  const fieldColumns: Partial<Record<Field, number>> = {};
  for (const f of FIELD_ORDER) {
    const i = plan.columns[f];
    if (i === undefined) continue;
    mapping[f] = p.headers[i];
    fieldColumns[f] = p.headerColumns[i];
  }
  const missing = [...plan.missing];
  const first = p.headerColumns.length ? Math.min(...p.headerColumns) : 0;
  const last = p.headerColumns.length ? Math.max(...p.headerColumns) : 0;
  const info: SourceInfo = {
    sheetName: c.name,
    address: a1(c.name, p.headerRow, first, p.rowCount + 1, last - first + 1),
    rowCount: p.rowCount,
    headers: p.headers,
    mapping,
    missing,
  };
  if (p.table) info.tableName = p.table.name;
  return {
    info,
    sheetId: c.id,
    headerRow: p.headerRow,
    rowCount: p.rowCount,
    headerColumns: p.headerColumns,
    fieldColumns,
    columns: plan,
    nextFreeColumn: p.nextFreeColumn,
    table: p.table,
    ownColumns: p.ownColumns,
  };
}

/** Shrinks a located source to `rows` data rows (address and counts). */
export function withRowCount(src: LocatedSource, rows: number): void {
  const first = src.headerColumns.length ? Math.min(...src.headerColumns) : 0;
  const last = src.headerColumns.length ? Math.max(...src.headerColumns) : 0;
  src.rowCount = rows;
  src.info = {
    ...src.info,
    rowCount: rows,
    address: a1(src.info.sheetName, src.headerRow, first, rows + 1, last - first + 1),
  };
}

/** Finds the source within an open session (workbook.ts opens the session and calls it for every intent). */
export async function locateSource(
  s: Session,
  settings: SegmentSettings,
  marker: OutputsMarker,
): Promise<LocatedSource> {
  const sheets = s.context.workbook.worksheets;
  sheets.load("items/name,items/id");
  const active = s.context.workbook.worksheets.getActiveWorksheet();
  active.load("name,id");
  await s.sync();

  const outputIds = new Set(marker.sheets.map((x) => x.id));
  const all: Candidate[] = sheets.items.map((w) => ({ sheet: w, name: w.name, id: w.id }));
  const ordered: Candidate[] = [];
  const push = (c: Candidate | undefined) => {
    if (c && !ordered.some((o) => o.id === c.id)) ordered.push(c);
  };
  if (settings.sheetName) {
    const saved = all.find((c) => c.name === settings.sheetName);
    if (!saved) {
      throw new OfficeActionError(
        `The sheet "${settings.sheetName}" chosen in the settings is not in this workbook (renamed or deleted?). ` +
          "Choose the sheet with the transactions in the RFM pane.",
      );
    }
    push(saved);
  }
  const activeCand = all.find((c) => c.id === active.id);
  if (activeCand && !outputIds.has(activeCand.id)) push(activeCand);
  for (const c of all) if (TRANSACTION_SHEET.test(c.name) && !outputIds.has(c.id)) push(c);
  for (const c of all) if (!outputIds.has(c.id)) push(c);

  for (const c of ordered) {
    const found = await examineSheet(s, c, settings, marker, false);
    if (found) return found;
    // A saved sheet is the analyst's choice: report it even when nothing maps.
    if (settings.sheetName && c.name === settings.sheetName) return (await examineSheet(s, c, settings, marker, true))!;
  }
  const fallback = activeCand ?? all[0];
  return (await examineSheet(s, fallback, settings, marker, true))!;
}
