/**
 * `runSegmentation`: the whole ribbon-button flow in one `Excel.run`.
 *
 *  1. Find the data (source.ts) and load the add-in's record of its outputs (settings.ts).
 *  2. Read the mapped columns only, in row chunks (io.ts), into column arrays for the engine.
 *  3. `analyze()` with the settings; `headerRowNumber` is the sheet row of the header, so the engine's messages name
 *     real sheet rows.
 *  4. Decide which output sheets to replace (outputs.ts; may ask `confirmReplace`), before writing anything.
 *  5. Write R, F, M, RFM, Segment next to the data (sourceColumns.ts), the "RFM Customers" sheet
 *     (customersSheet.ts, with the value columns of valueColumns.ts) and the "RFM Summary" sheet with its charts
 *     and the per-segment value table (summarySheet.ts).
 *  6. Fingerprint the new sheets and save the record.
 *
 * Cancel: checked between chunks up to the end of the column write, and a cancelled run leaves the workbook as it
 * was: while reading nothing has changed yet; during or right after the column write the columns are put back (the
 * previous run's cells, read before they are rewritten) or removed (a first run). Once the output sheets are being
 * replaced the run finishes instead, with a warning. `RunSummary.cancelled` says what happened.
 *
 * Cost on the 541,909-row Online Retail sheet: see README / `npm run bench` (syncs ≈ read chunks + write chunks +
 * about 15 fixed requests).
 */
import {
  analyze,
  checkMapping,
  customerValues,
  formatTimestamp,
  normalizeOptions,
  segmentValues,
  type ColumnTable,
  type Field,
} from "../rfm";
import type { RfmResult } from "../rfm/types";
import { currencyFormat, idAsNumber } from "./cells";
import {
  COUNTRY_COLUMN,
  CUSTOMER_COLUMNS,
  writeCustomersSheet,
  type CustomerColumnSpec,
  type SheetWriteResult,
  type WriteEnv,
} from "./customersSheet";
import { DASHBOARD_SHEET } from "./dashboardSheet";
import { writeDashboardSheet } from "./dashboardWrite";
import { isAbortError, toActionError } from "./errors";
import type { OfficeHost } from "./host";
import type { Session } from "./io";
import { fingerprintSheets, freeTableName, planOutputs, type OutputsPlan } from "./outputs";
import { withDateSystem } from "./dateSystem";
import { readSource, schemeFor } from "./readSource";
import {
  queueSaveMarker,
  sourceRecordFor,
  withoutSource,
  type OutputsMarker,
  type OutputSheetRecord,
} from "./settings";
import { columnLetters, type LocatedSource } from "./source";
import { ColumnsWriteInterrupted, writeSourceColumns, type WrittenColumns } from "./sourceColumns";
import { writeSummarySheet } from "./summarySheet";
import { OfficeActionError, type RunOptions, type RunSummary, type SegmentSettings } from "./types";
import { SEGMENT_VALUES_TABLE, valueColumnSpecs } from "./valueColumns";
import { withWorkbook } from "./workbook";

export const CUSTOMERS_SHEET = "RFM Customers";
export const SUMMARY_SHEET = "RFM Summary";
export const CUSTOMERS_TABLE = "RFMCustomers";
export const SEGMENTS_TABLE = "RFMSegments";

function missingMessage(src: LocatedSource): string {
  const e = src.columns.error;
  if (e) return `${e.message} (sheet "${src.info.sheetName}", header row ${src.headerRow + 1})`;
  return `Some required columns are not mapped on "${src.info.sheetName}": ${src.info.missing.join(", ")}.`;
}

function emptySummary(src: LocatedSource | undefined, started: number, s: Session | undefined): RunSummary {
  return {
    sourceSheet: src?.info.sheetName ?? "",
    rowsRead: 0,
    rowsUsed: 0,
    customers: 0,
    snapshot: "",
    scheme: "",
    segments: [],
    exclusions: [],
    warnings: [],
    outputs: { sheets: [], sourceColumns: [], charts: 0 },
    syncs: s?.syncs ?? 0,
    elapsedMs: Date.now() - started,
  };
}

const now = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());

/** Progress for the pane: clamped to 0..100, whole percents, repeats dropped. */
function progressReporter(onProgress: RunOptions["onProgress"]): Report {
  let lastPercent = -1;
  let lastStep = "";
  return (step, percent) => {
    const p = Math.max(0, Math.min(100, Math.round(percent)));
    if (p === lastPercent && step === lastStep) return;
    lastPercent = p;
    lastStep = step;
    onProgress?.({ step, percent: p });
  };
}

type Report = (step: string, percent: number) => void;

/** What every phase of one run needs. */
interface Run {
  s: Session;
  settings: SegmentSettings;
  options: RunOptions;
  progress: Report;
  t0: number;
  /** The add-in's record of its outputs, updated by each phase as it writes. */
  marker: OutputsMarker;
}

/** A run scored: the engine's result and what the summary says about it. */
interface Scored {
  found: LocatedSource;
  result: RfmResult;
  schemeLabel: string;
  warnings: string[];
}

/** Runs the segmentation and writes every output (see the file comment). Pass `host` to run against a simulation. */
export async function runSegmentation(
  settings: SegmentSettings = {},
  options: RunOptions = {},
  host?: OfficeHost,
): Promise<RunSummary> {
  const t0 = now();
  const progress = progressReporter(options.onProgress);
  let session: Session | undefined;
  let src: LocatedSource | undefined;
  const onOpen = (s: Session) => {
    session = s;
    progress("Finding the data", 0);
  };
  try {
    return await withWorkbook(
      settings,
      host,
      async ({ s, marker, found }) => {
        src = found;
        const run: Run = { s, settings, options, progress, t0, marker };
        return await writeOutputs(run, await scoreSource(run, found));
      },
      { signal: options.signal, onOpen },
    );
  } catch (e) {
    if (isAbortError(e)) {
      return {
        ...emptySummary(src, Date.now(), session),
        elapsedMs: Math.round(now() - t0),
        cancelled: "Cancelled before anything was written: the workbook is unchanged.",
      };
    }
    throw toActionError(e, "segmenting the customers");
  }
}

/** Phase 1: checks the located source (throws what the analyst must fix) and forgets result columns that were
 *  edited since the last run. Returns the warnings for the summary. */
function checkSource(run: Run, found: LocatedSource): string[] {
  if (found.info.headers.length === 0) {
    throw new OfficeActionError(
      `The sheet "${found.info.sheetName}" is empty. Open the sheet with the transactions (one row per ` +
        "purchase, with a customer id and a date) and run again.",
    );
  }
  if (found.info.missing.length) throw new OfficeActionError(missingMessage(found));
  const warnings: string[] = [];
  const earlier = sourceRecordFor(run.marker, { sheetId: found.sheetId, tableName: found.table?.name });
  if (earlier && !found.ownColumns) {
    // Its header cells were changed or moved: the add-in can no longer tell them from the analyst's cells, so
    // it leaves them and forgets them.
    const where = earlier.columns.map((c) => columnLetters(c.index)).join(", ");
    warnings.push(
      `The result columns written earlier on "${found.info.sheetName}" (columns ${where}) were changed, so they ` +
        "were left as they are; the new results are written in new columns.",
    );
    run.marker = withoutSource(run.marker, earlier);
  }
  if (found.rowCount === 0) {
    throw new OfficeActionError(
      `The sheet "${found.info.sheetName}" has a header row (row ${found.headerRow + 1}) but no data rows below it.`,
    );
  }
  return warnings;
}

/** The mapping checked against the data read (before anything is written): throws the errors, returns the
 *  warnings. */
function checkColumns(
  table: ColumnTable,
  mapping: Partial<Record<Field, string>>,
  settings: SegmentSettings,
): string[] {
  const issues = checkMapping(table, {
    mapping,
    monetarySource: settings.monetarySource,
    dateSystem: settings.dateSystem,
  });
  const errors = issues.filter((i) => i.level === "error");
  if (errors.length) throw new OfficeActionError(errors.map((e) => e.message).join(" "));
  return issues.map((i) => i.message);
}

/** Phase 2: reads the mapped columns and scores them. Nothing has been written yet. */
async function scoreSource(run: Run, found: LocatedSource): Promise<Scored> {
  const { s, progress } = run;
  const warnings = checkSource(run, found);
  // Dates are read and written in the workbook's date system (the pane's choice, else probed).
  run.settings = await withDateSystem(s, found, run.settings);
  const settings = run.settings;
  const scheme = await schemeFor(s, settings);
  progress("Reading rows", 2);
  const { table, mapping, columns } = await readSource(s, found, settings, (f) => progress("Reading rows", 2 + 38 * f));
  progress("Checking the columns", 40);
  warnings.push(...checkColumns(table, mapping, settings));
  progress("Scoring", 40);
  let result: RfmResult;
  try {
    result = analyze(
      table,
      normalizeOptions({ ...settings, mapping, headerRowNumber: found.headerRow + 1, scheme }),
      columns,
    );
  } catch (e) {
    throw toActionError(e, "scoring the customers");
  }
  const schemeLabel = !settings.scheme
    ? result.scheme.id
    : settings.scheme === "custom"
      ? `custom (${settings.customSchemeAddress})`
      : settings.scheme;
  s.throwIfCancelled();
  return { found, result, schemeLabel, warnings: [...result.warnings, ...warnings] };
}

/** Phases 3-5: decides which output sheets to replace, then writes the columns next to the data, the customer
 *  sheet and the summary sheet, stopping between them when cancelled. */
async function writeOutputs(run: Run, scored: Scored): Promise<RunSummary> {
  const { s, progress } = run;
  progress("Checking earlier results", 45);
  const plan = await planOutputs(
    s,
    [
      { role: "customers", baseName: CUSTOMERS_SHEET },
      { role: "summary", baseName: SUMMARY_SHEET },
      { role: "dashboard", baseName: DASHBOARD_SHEET },
    ],
    run.marker,
    run.options.confirmReplace,
  );
  run.marker = plan.marker;
  const warnings = [...scored.warnings, ...plan.warnings];
  s.throwIfCancelled();

  const columns = await writeColumnsPhase(run, { ...scored, warnings });
  if (!("described" in columns)) return columns;
  const summaryBase = summaryOf(scored.result, scored.found, scored.schemeLabel, warnings, s, run.t0);
  if (s.cancelled) {
    // The last moment a cancel is taken: the columns go back to what they were, the sheets were not touched.
    const left = await columns.undo();
    return {
      ...summaryBase,
      syncs: s.syncs,
      cancelled: `Cancelled: the workbook is unchanged. ${left} The output sheets were not changed.`,
    };
  }
  summaryBase.outputs.sourceColumns = columns.described;
  return writeSheetsPhase(run, scored, plan, summaryBase);
}

/** Phase 3: the columns next to the data. Returns what was written (with its undo), or the summary of a run
 *  cancelled meanwhile. */
async function writeColumnsPhase(run: Run, scored: Scored): Promise<WrittenColumns | RunSummary> {
  const { s, progress } = run;
  const { found, result } = scored;
  progress("Writing columns", 48);
  try {
    const written = await writeSourceColumns(s, found, result, run.marker, (f) =>
      progress("Writing columns", 48 + 32 * f),
    );
    run.marker = written.marker;
    return written;
  } catch (e) {
    if (!(e instanceof ColumnsWriteInterrupted)) throw e;
    if (isAbortError(e.reason)) {
      return {
        ...summaryOf(result, found, scored.schemeLabel, scored.warnings, s, run.t0),
        cancelled: `Cancelled while writing the new columns: the workbook is unchanged. ${e.left} The output sheets were not changed.`,
      };
    }
    const err = toActionError(e.reason, "writing the new columns next to the data");
    throw new OfficeActionError(`${err.message} ${e.left}`, { cause: e.reason, details: err.details });
  }
}

/** Phases 4 and 5: the "RFM Customers" sheet, then the summary and the dashboard; saves the record. */
async function writeSheetsPhase(
  run: Run,
  scored: Scored,
  plan: OutputsPlan,
  summaryBase: RunSummary,
): Promise<RunSummary> {
  const { s, progress } = run;
  const { result } = scored;
  // The summary's own list: what the sheets add shows in it too.
  const warnings = summaryBase.warnings;
  const env = writeEnv(run.settings, result);
  const custPlan = plan.sheets.get("customers")!;
  const custTable = freeTableName(CUSTOMERS_TABLE, plan.tableNames, custPlan.replacedTables);
  const values = customerValues(result);
  // Country last, after the value columns, so the columns before it keep their places.
  const specs: CustomerColumnSpec[] = [...CUSTOMER_COLUMNS, ...valueColumnSpecs(result, values)];
  if (result.mapping.country !== undefined) specs.push(COUNTRY_COLUMN);
  progress("Writing the customer sheet", 80);
  const cust = await writeCustomersSheet(
    s,
    custPlan,
    result,
    env,
    custTable,
    run.marker,
    (f) => progress("Writing the customer sheet", 80 + 8 * f),
    specs,
  );
  run.marker = cust.marker;
  warnings.push(...cust.warnings);
  // No cancel from here on: the earlier sheets are already replaced, so stopping now would leave the workbook
  // neither as it was nor as the run makes it. The run finishes and says so.

  const sum = await writeSummaryAndDashboard(run, scored, plan, { custTable, cust, env, specs, warnings });
  progress("Done", 100);
  return {
    ...summaryBase,
    orderValues: segmentValues(result, values).map((v) => v.orderValue),
    currencySymbol: env.currency.slice(0, env.currency.indexOf("#")),
    warnings,
    outputs: {
      sheets: [sum.dashboard.name, cust.name, sum.summary.name],
      sourceColumns: summaryBase.outputs.sourceColumns,
      charts: sum.summary.charts + sum.dashboard.charts,
    },
    syncs: s.syncs,
    syncMs: Math.round(s.syncMs),
    elapsedMs: Math.round(now() - run.t0),
  };
}

/** How the sheets write cells: date system, money format, ids, segment display names. */
function writeEnv(settings: SegmentSettings, result: RfmResult): WriteEnv {
  const names = new Map<string, string>();
  for (const rule of result.scheme.rules) if (!names.has(rule.label)) names.set(rule.label, rule.name ?? rule.label);
  for (const sg of result.segments) names.set(sg.label, sg.name);
  return {
    dateSystem: settings.dateSystem ?? "1900",
    currency: currencyFormat(result.customers.map((c) => c.country)),
    numericIds: result.customers.every((c) => idAsNumber(c.id)),
    segmentName: (label) => names.get(label) ?? label,
  };
}

/** Phase 5: the "RFM Summary" sheet with its charts, then the "RFM Dashboard" over the customer table; saves the
 *  record of all three sheets. */
async function writeSummaryAndDashboard(
  run: Run,
  scored: Scored,
  plan: OutputsPlan,
  w: { custTable: string; cust: SheetWriteResult; env: WriteEnv; specs: CustomerColumnSpec[]; warnings: string[] },
): Promise<{ summary: SheetWriteResult; dashboard: SheetWriteResult }> {
  const { s, progress } = run;
  const { result, found, schemeLabel } = scored;
  const { custTable, cust, env, warnings } = w;
  const sumPlan = plan.sheets.get("summary")!;
  progress("Drawing charts", 88);
  const segTable = freeTableName(SEGMENTS_TABLE, [...plan.tableNames, custTable], sumPlan.replacedTables);
  const valueTable = freeTableName(
    SEGMENT_VALUES_TABLE,
    [...plan.tableNames, custTable, segTable],
    sumPlan.replacedTables,
  );
  const sum = await writeSummarySheet(
    s,
    sumPlan,
    { result, env, source: found.info.address, schemeLabel, warnings },
    segTable,
    run.marker,
    valueTable,
  );
  run.marker = sum.marker;
  progress("Drawing the dashboard", 93);
  const dash = await writeDashboardSheet(
    s,
    plan.sheets.get("dashboard")!,
    { result, env, table: custTable, tableHeaders: w.specs.map((c) => c.header), before: [cust.sheet, sum.sheet] },
    run.marker,
  );
  run.marker = dash.marker;
  warnings.push(...dash.warnings);
  progress("Finishing", 97);
  await finish(s, run.marker, [
    { role: "customers", res: cust },
    { role: "summary", res: sum },
    { role: "dashboard", res: dash },
  ]);
  if (s.cancelled) {
    warnings.push(
      "Cancel came while the output sheets were being written, too late to stop: the run finished, so that the " +
        "workbook is not left half old, half new.",
    );
  }
  return { summary: sum, dashboard: dash };
}

/** Fingerprints the written sheets and saves the final record (ids instead of "pending"). */
async function finish(
  s: Session,
  marker: OutputsMarker,
  written: { role: string; res: { name: string; sheet: Excel.Worksheet; tables: string[] } }[],
): Promise<void> {
  const prints = await fingerprintSheets(
    s,
    written.map((w) => w.res.name),
  );
  let m = marker;
  for (const w of written) {
    const rec: OutputSheetRecord = {
      role: w.role,
      id: w.res.sheet.id,
      name: w.res.name,
      fingerprint: prints.get(w.res.name) ?? "pending",
      tables: w.res.tables,
    };
    m = { ...m, sheets: [...m.sheets.filter((r) => r.role !== w.role), rec] };
  }
  queueSaveMarker(s.context, m);
  await s.sync();
}

function summaryOf(
  result: RfmResult,
  src: LocatedSource,
  schemeLabel: string,
  warnings: string[],
  s: Session,
  t0: number,
): RunSummary {
  return {
    sourceSheet: src.info.sheetName,
    rowsRead: result.rowsRead,
    rowsUsed: result.rowsUsed,
    customers: result.customers.length,
    snapshot: formatTimestamp(result.snapshot).slice(0, 16),
    scheme: schemeLabel,
    segments: result.segments,
    exclusions: result.exclusions,
    warnings,
    outputs: { sheets: [], sourceColumns: [], charts: 0 },
    syncs: s.syncs,
    syncMs: Math.round(s.syncMs),
    elapsedMs: Math.round(now() - t0),
  };
}
