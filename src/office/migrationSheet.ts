/**
 * Segment migration in Excel: the "RFM Migration" sheet and the "Previous segment" column of the customer table.
 *
 * `compareSegmentation(settings, options, host)` (one `Excel.run`): reads the transactions as `runSegmentation`
 * does, scores them twice with the engine — as of now (the settings' snapshot) and as of the comparison date
 * (`analyzeAt`: only the transactions before that date, snapshot = that date; default 90 days before the later
 * snapshot) — and writes:
 * - the "RFM Migration" sheet: a title and a one-line summary, the from→to matrix as an Excel table (rows: segment
 *   before, plus "New"; columns: segment now, plus "Lapsed"; a white-to-blue color scale on the counts), the largest
 *   flows (up to 10: "Loyal Customers → Champions", customers) as a second table, and a native bar
 *   chart of those flows bound to the flows table; segments by their display names throughout;
 * - when the add-in's "RFM Customers" sheet exists (from an earlier run, unedited): a "Previous segment" column in
 *   its table, matched by CustomerID ("New" for customers without a purchase before the date), replaced on later
 *   comparisons. The sheet's fingerprint is updated so the next segmentation run still treats it as the add-in's.
 * The sheet is an add-in output like the others (role "migration" in the outputs record): replaced on the next
 * comparison unless the analyst edited or renamed it, in which case `confirmReplace` is asked (outputs.ts).
 *
 * Layout (1-based rows; s = segments, f = flows shown):
 *   A1 title; A2 summary sentence; A4 : (s + 2 columns) × (s + 2 rows) matrix table "RFMMigration";
 *   two rows below: flows table "RFMFlows" (Flow | Customers; the pane says the largest in words), f + 1 rows; the chart right of the matrix.
 *
 * Cost: the source read and two analyses (the earlier one on the rows before the date), two or three requests for
 * the sheet, and for the column one read of the customer ids plus chunked writes.
 */
import {
  analyze,
  analyzeAt,
  compareResults,
  defaultCompareDate,
  formatTimestamp,
  type Migration,
  nameMigration,
  normalizeCustomerId,
  normalizeOptions,
} from "../rfm";
import type { RfmResult } from "../rfm/types";
import { excelWouldConvert, FORMAT } from "./cells";
import { startSheet } from "./customersSheet";
import { isAbortError, toActionError } from "./errors";
import type { OfficeHost } from "./host";
import { formatColumn, writeRows, type Session, type XlCell } from "./io";
import { fingerprintSheets, freeTableName, planOutputs, withSheet, type SheetPlan } from "./outputs";
import { readSource, schemeFor } from "./readSource";
import { queueSaveMarker, type OutputsMarker } from "./settings";
import { columnLetters } from "./source";
import { addColumnsAtEnd } from "./tableColumns";
import { OfficeActionError, type Progress, type SegmentSettings } from "./types";
import { withWorkbook, type OpenWorkbook } from "./workbook";

export const MIGRATION_SHEET = "RFM Migration";
export const MIGRATION_ROLE = "migration";
export const MIGRATION_TABLE = "RFMMigration";
export const FLOWS_TABLE = "RFMFlows";
export const PREVIOUS_SEGMENT_HEADER = "Previous segment";
/** Flows listed (and charted). */
export const MAX_FLOWS = 10;

export interface CompareOptions {
  /** Earlier date: ISO `yyyy-mm-dd` (midnight starting that day) or a timestamp; default 90 days before the later
   *  snapshot. */
  compareTo?: string | number;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  confirmReplace?: (question: string) => Promise<boolean>;
}

export interface CompareSummary {
  sheet: string;
  /** `yyyy-mm-dd hh:mm` of the two snapshots. */
  before: string;
  after: string;
  customersBefore: number;
  customersAfter: number;
  stayed: number;
  moved: number;
  arrived: number;
  lapsed: number;
  /** The largest flows in words, largest first (at most MAX_FLOWS). */
  flows: string[];
  /** Set when the "Previous segment" column was written into this sheet's customer table. */
  previousSegmentSheet?: string;
  warnings: string[];
  syncs: number;
  elapsedMs: number;
}

/** The sheet's cells (values and number formats) and where the two tables are. Pure. */
export function buildMigrationBlock(
  m: Migration,
  before: RfmResult,
  after: RfmResult,
): {
  values: XlCell[][];
  formats: string[][];
  width: number;
  matrixTop: number;
  matrixRows: number;
  matrixCols: number;
  flowsTop: number;
  flows: number;
} {
  const matrixCols = m.to.length + 1;
  const flows = m.flows.slice(0, MAX_FLOWS);
  const width = Math.max(matrixCols, 3);
  const rows: XlCell[][] = [];
  const fmts: string[][] = [];
  const push = (cells: XlCell[], formats: string[] = []): void => {
    const r = new Array<XlCell>(width).fill("");
    const f = new Array<string>(width).fill(FORMAT.general);
    cells.forEach((v, j) => {
      r[j] = v;
      f[j] = formats[j] ?? (typeof v === "string" && excelWouldConvert(v) ? FORMAT.text : FORMAT.general);
    });
    rows.push(r);
    fmts.push(f);
  };
  const n = (x: number): string => x.toLocaleString("en-US");
  push(["RFM Migration"]);
  push([
    `From ${formatTimestamp(m.beforeSnapshot).slice(0, 16)} (${n(before.customers.length)} customers) to ` +
      `${formatTimestamp(m.afterSnapshot).slice(0, 16)} (${n(after.customers.length)} customers): ${n(m.stayed)} ` +
      `stayed, ${n(m.moved)} moved, ${n(m.arrived)} new, ${n(m.lapsed)} lapsed. The earlier scores use only the ` +
      `transactions before ${formatTimestamp(m.beforeSnapshot).slice(0, 16)}.`,
  ]);
  push([]);
  const matrixTop = rows.length;
  push(["From \\ To", ...m.to], [FORMAT.text, ...m.to.map(() => FORMAT.text)]);
  m.from.forEach((label, i) => push([label, ...m.counts[i]], [FORMAT.text, ...m.counts[i].map(() => FORMAT.integer)]));
  push([]);
  const flowsTop = rows.length;
  push(["Flow", "Customers"], [FORMAT.text, FORMAT.text]);
  for (const f of flows) push([`${f.from} → ${f.to}`, f.customers], [FORMAT.text, FORMAT.integer]);
  if (flows.length === 0) push(["(no customer changed segment)", 0], [FORMAT.text, FORMAT.integer]);
  return {
    values: rows,
    formats: fmts,
    width,
    matrixTop,
    matrixRows: m.from.length,
    matrixCols,
    flowsTop,
    flows: Math.max(1, flows.length),
  };
}

/** Writes the "RFM Migration" sheet (see the top of the file). */
export async function writeMigrationSheet(
  s: Session,
  plan: SheetPlan,
  m: Migration,
  before: RfmResult,
  after: RfmResult,
  tableNames: { matrix: string; flows: string },
  marker: OutputsMarker,
): Promise<{ sheet: Excel.Worksheet; marker: OutputsMarker; charts: number }> {
  const block = buildMigrationBlock(m, before, after);
  const started = startSheet(s, plan, marker, [tableNames.matrix, tableNames.flows]);
  const sheet = started.sheet;
  queueSaveMarker(s.context, started.marker);
  const all = sheet.getRangeByIndexes(0, 0, block.values.length, block.width);
  all.numberFormat = block.formats; // text formats before the values
  all.values = block.values;
  s.suspendCalculation();
  await s.sync();

  const top = block.matrixTop;
  const matrix = sheet.tables.add(
    `A${top + 1}:${columnLetters(block.matrixCols - 1)}${top + 1 + block.matrixRows}`,
    true,
  );
  matrix.name = tableNames.matrix;
  matrix.style = "TableStyleLight9";
  const counts = sheet.getRangeByIndexes(top + 1, 1, block.matrixRows, block.matrixCols - 1);
  const cf = counts.conditionalFormats.add("ColorScale");
  cf.colorScale.criteria = {
    minimum: { type: "LowestValue", color: "#FFFFFF" },
    maximum: { type: "HighestValue", color: "#5B9BD5" },
  };
  const flows = sheet.tables.add(`A${block.flowsTop + 1}:B${block.flowsTop + 1 + block.flows}`, true);
  flows.name = tableNames.flows;
  flows.style = "TableStyleLight9";
  sheet.getRange("A1").format.font.bold = true;
  sheet.getRange("A1").format.font.size = 14;
  // Columns A-B fit both tables (row labels and flows, counts); the others fit the matrix alone.
  const end = block.flowsTop + 1 + block.flows;
  sheet.getRangeByIndexes(top, 0, end - top, 2).format.autofitColumns();
  sheet.getRangeByIndexes(top, 2, block.matrixRows + 1, block.matrixCols - 2).format.autofitColumns();

  const chart = sheet.charts.add(
    "BarClustered",
    sheet.getRange(`A${block.flowsTop + 1}:B${block.flowsTop + 1 + block.flows}`),
    "Columns",
  );
  chart.title.text = "Largest segment flows (customers)";
  chart.legend.visible = false;
  const left = columnLetters(block.matrixCols + 1);
  const right = columnLetters(block.matrixCols + 8);
  chart.setPosition(`${left}4`, `${right}22`);
  sheet.activate();
  s.suspendScreen();
  await s.sync();
  return { sheet, marker: started.marker, charts: 1 };
}

/** Segment label → display name, from the later result's scheme and segments. */
function segmentNames(after: RfmResult): Map<string, string> {
  const names = new Map<string, string>();
  for (const rule of after.scheme.rules) names.set(rule.label, rule.name ?? rule.label);
  for (const sg of after.segments) names.set(sg.label, sg.name);
  return names;
}

/** The migration as the sheet and the pane show it: display names wherever a person reads a segment. */
export function shownMigration(m: Migration, after: RfmResult): Migration {
  const names = segmentNames(after);
  return nameMigration(m, (label) => names.get(label) ?? label);
}

/** The customer-table column: previous segment per customer id, by its display name as the Segment column beside
 *  it ("New" when absent before, as the matrix's row). */
export function previousSegmentById(m: Migration, after: RfmResult): Map<string, string> {
  const names = segmentNames(after);
  const newName = shownMigration(m, after).newLabel;
  const out = new Map<string, string>();
  after.customers.forEach((c, i) => {
    const prev = m.previousSegment[i];
    out.set(c.id, prev === null ? newName : (names.get(prev) ?? prev));
  });
  return out;
}

/**
 * Writes (or rewrites) the "Previous segment" column of the add-in's customer table on `sheetName`, matching rows by
 * their CustomerID cell. Returns false when the sheet has no such table.
 */
export async function writePreviousSegmentColumn(
  s: Session,
  sheetName: string,
  tableName: string,
  previous: Map<string, string>,
): Promise<boolean> {
  const sheet = s.context.workbook.worksheets.getItemOrNullObject(sheetName);
  const table = s.context.workbook.tables.getItemOrNullObject(tableName);
  await s.sync();
  if (sheet.isNullObject || table.isNullObject) return false;
  const headerRange = table.getHeaderRowRange().load("values,columnIndex,rowIndex");
  const body = table.getDataBodyRange().load("rowCount");
  await s.sync();
  const headers = (headerRange.values[0] ?? []).map(String);
  const idCol = headers.indexOf("CustomerID");
  if (idCol < 0) return false;
  const n = body.rowCount;
  const ids = table.columns.getItem("CustomerID").getDataBodyRange().load("values");
  let col = headers.indexOf(PREVIOUS_SEGMENT_HEADER);
  await s.sync();
  if (col < 0) {
    // Through the fallback for large tables on the web (a plain columns.add is refused there from ~2,000 rows).
    await addColumnsAtEnd(s, { name: tableName, sheetName, headerRow: headerRange.rowIndex, rows: n }, [
      PREVIOUS_SEGMENT_HEADER,
    ]);
    col = headers.length;
  }
  // One column (at most 1,048,576 cells) is below the read cap, so null here means Excel refused the read.
  const idValues = ids.values as XlCell[][] | null;
  if (!idValues) throw new OfficeActionError(`Excel returned no cells for the CustomerID column of "${tableName}".`);
  const cells = idValues.map((row) => [previous.get(normalizeCustomerId(row[0]) ?? "") ?? ""]);
  await writeRows(
    s,
    sheet,
    headerRange.rowIndex + 1,
    headerRange.columnIndex + col,
    1,
    n,
    (i) => (cells[i][0] as string).length + 4,
    (from, to) => ({
      values: cells.slice(from, to),
      formats: [{ column: 0, numberFormat: formatColumn(to - from, FORMAT.text) }],
    }),
    { doing: "writing the Previous segment column", cancellable: false },
  );
  return true;
}

type Report = (step: string, percent: number) => void;

/** An output sheet this comparison changed, for the outputs record. */
interface ChangedSheet {
  role: string;
  name: string;
  sheet: Excel.Worksheet;
  tables: string[];
}

/** Compares the segmentation now with an earlier date and writes the outputs (see the top of the file). */
export async function compareSegmentation(
  settings: SegmentSettings = {},
  options: CompareOptions = {},
  host?: OfficeHost,
): Promise<CompareSummary> {
  const t0 = Date.now();
  const progress: Report = (step, percent) => options.onProgress?.({ step, percent: Math.round(percent) });
  const onOpen = () => progress("Finding the data", 0);
  try {
    return await withWorkbook(
      settings,
      host,
      async (wb) => {
        const { s } = wb;
        const { before, after, m } = await scoreAtBothDates(wb, settings, options, progress);
        s.throwIfCancelled();

        progress("Checking earlier results", 70);
        const plan = await planOutputs(
          s,
          [{ role: MIGRATION_ROLE, baseName: MIGRATION_SHEET }],
          wb.marker,
          options.confirmReplace,
        );
        let marker = plan.marker;
        const sheetPlan = plan.sheets.get(MIGRATION_ROLE) as SheetPlan;
        const matrixName = freeTableName(MIGRATION_TABLE, plan.tableNames, sheetPlan.replacedTables);
        const flowsName = freeTableName(FLOWS_TABLE, [...plan.tableNames, matrixName], sheetPlan.replacedTables);
        progress("Writing the migration sheet", 75);
        const tables = { matrix: matrixName, flows: flowsName };
        const shown = shownMigration(m, after);
        const written = await writeMigrationSheet(s, sheetPlan, shown, before, after, tables, marker);
        marker = written.marker;

        // The Previous segment column, when the add-in's customer sheet is there and still the add-in's.
        progress("Writing the Previous segment column", 85);
        const warnings = [...plan.warnings];
        const changed: ChangedSheet[] = [
          { role: MIGRATION_ROLE, name: sheetPlan.name, sheet: written.sheet, tables: [matrixName, flowsName] },
        ];
        const previous = await previousSegmentPhase(s, marker, previousSegmentById(m, after), warnings);
        if (previous) changed.push(previous);

        progress("Finishing", 95);
        await saveChangedSheets(s, marker, changed);
        progress("Done", 100);
        return {
          sheet: sheetPlan.name,
          before: formatTimestamp(m.beforeSnapshot).slice(0, 16),
          after: formatTimestamp(m.afterSnapshot).slice(0, 16),
          customersBefore: before.customers.length,
          customersAfter: after.customers.length,
          stayed: m.stayed,
          moved: m.moved,
          arrived: m.arrived,
          lapsed: m.lapsed,
          flows: shown.flows.slice(0, MAX_FLOWS).map((f) => f.sentence),
          previousSegmentSheet: previous?.name,
          warnings,
          syncs: s.syncs,
          elapsedMs: Date.now() - t0,
        };
      },
      { signal: options.signal, onOpen },
    );
  } catch (e) {
    if (isAbortError(e)) throw new OfficeActionError("Cancelled: the comparison was stopped before it wrote anything.");
    throw toActionError(e, "comparing the segments over time");
  }
}

/** Reads the source and scores it now and as of the comparison date. Nothing has been written yet. */
async function scoreAtBothDates(
  { s, found }: OpenWorkbook,
  settings: SegmentSettings,
  options: CompareOptions,
  progress: Report,
): Promise<{ before: RfmResult; after: RfmResult; m: Migration }> {
  if (found.info.missing.length || found.rowCount === 0) {
    throw new OfficeActionError(
      found.rowCount === 0
        ? `The sheet "${found.info.sheetName}" has no data rows to compare.`
        : `Some required columns are not mapped on "${found.info.sheetName}": ${found.info.missing.join(", ")}.`,
    );
  }
  const scheme = await schemeFor(s, settings);
  progress("Reading rows", 2);
  const { table, mapping, columns } = await readSource(s, found, settings, (f) => progress("Reading rows", 2 + 58 * f));
  progress("Scoring at both dates", 60);
  const opts = normalizeOptions({ ...settings, mapping, headerRowNumber: found.headerRow + 1, scheme });
  try {
    const after = analyze(table, opts, columns);
    const date = options.compareTo ?? defaultCompareDate(after);
    const before = analyzeAt(table, opts, date, columns);
    return { before, after, m: compareResults(before, after) };
  } catch (e) {
    throw toActionError(e, "scoring the customers at the two dates");
  }
}

/** Writes the Previous segment column into the add-in's customer sheet when it is there and unedited since the
 *  add-in wrote it (else a warning). Returns that sheet, changed, or undefined. */
async function previousSegmentPhase(
  s: Session,
  marker: OutputsMarker,
  previous: Map<string, string>,
  warnings: string[],
): Promise<ChangedSheet | undefined> {
  const custRec = marker.sheets.find((r) => r.role === "customers");
  if (!custRec) return undefined;
  const sheets = s.context.workbook.worksheets;
  sheets.load("items/name,items/id");
  await s.sync();
  const current = sheets.items.find((w) => w.id === custRec.id);
  if (!current) return undefined;
  const unchanged =
    current.name === custRec.name &&
    (await fingerprintSheets(s, [current.name])).get(current.name) === custRec.fingerprint;
  if (!unchanged) {
    warnings.push(
      `The sheet "${current.name}" was edited or renamed after the add-in wrote it, so the Previous segment ` +
        "column was not added to it. Run the segmentation again to get a fresh customer sheet.",
    );
    return undefined;
  }
  const tableName = custRec.tables[0];
  if (!tableName || !(await writePreviousSegmentColumn(s, current.name, tableName, previous))) return undefined;
  return { role: "customers", name: current.name, sheet: current, tables: custRec.tables };
}

/** Fingerprints the changed sheets and saves the outputs record with them. */
async function saveChangedSheets(s: Session, marker: OutputsMarker, changed: ChangedSheet[]): Promise<void> {
  const prints = await fingerprintSheets(
    s,
    changed.map((c) => c.name),
  );
  let m = marker;
  for (const c of changed) {
    m = withSheet(m, {
      role: c.role,
      id: c.sheet.id,
      name: c.name,
      fingerprint: prints.get(c.name) ?? "pending",
      tables: c.tables,
    });
  }
  queueSaveMarker(s.context, m);
  await s.sync();
}
