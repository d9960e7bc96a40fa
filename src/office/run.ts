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
 * Cancel: checked between chunks. While reading nothing has changed yet; during the column write the half-written
 * columns are removed again; between phases the finished parts stay. `RunSummary.cancelled` says which.
 *
 * Cost on the 541,909-row Online Retail sheet: see README / `npm run bench` (syncs ≈ read chunks + write chunks +
 * about 15 fixed requests).
 */
import { analyze } from "../rfm";
import { selectColumns, switchedOffFields, type ColumnPlan } from "../rfm/columns";
import { customerValues, segmentValues } from "../rfm/customerValue";
import { formatTimestamp } from "../rfm/dates";
import { normalizeOptions } from "../rfm/options";
import type { Cell, ColumnTable, Field, RfmOptions, RfmResult, Scheme } from "../rfm/types";
import { currencyFormat, idAsNumber } from "./cells";
import { CUSTOMER_COLUMNS, writeCustomersSheet, type WriteEnv } from "./customersSheet";
import { isAbortError, toActionError } from "./errors";
import { requireMinimumApi, resolveHost, type OfficeHost } from "./host";
import { columnRuns, readRows, Session } from "./io";
import { fingerprintSheets, freeTableName, planOutputs } from "./outputs";
import { readSchemeIn } from "./scheme";
import {
  parseMarker,
  queueLoadState,
  queueSaveMarker,
  settingValue,
  sourceRecordFor,
  withoutSource,
  type OutputsMarker,
  type OutputSheetRecord,
} from "./settings";
import { columnLetters, locateSource, withRowCount, type LocatedSource } from "./source";
import { ColumnsWriteInterrupted, writeSourceColumns } from "./sourceColumns";
import { writeSummarySheet } from "./summarySheet";
import { OfficeActionError, type RunOptions, type RunSummary, type SegmentSettings } from "./types";
import { SEGMENT_VALUES_TABLE, valueColumnSpecs } from "./valueColumns";

export const CUSTOMERS_SHEET = "RFM Customers";
export const SUMMARY_SHEET = "RFM Summary";
export const CUSTOMERS_TABLE = "RFMCustomers";
export const SEGMENTS_TABLE = "RFMSegments";

/** Reads the mapped columns of the source into a column-major table with only those columns. */
export async function readSource(
  s: Session,
  src: LocatedSource,
  onProgress: (fraction: number) => void,
): Promise<{ table: ColumnTable; mapping: Partial<Record<Field, string>>; columns: ColumnPlan }> {
  // The narrow table holds the planned fields' columns only; `columns` is the engine's plan for it.
  const { fields, plan } = selectColumns(src.columns);
  const cols = fields.map((f) => src.fieldColumns[f] as number);
  const runs = columnRuns(cols);
  // Per field: which run it is in and its offset inside the run.
  const where = cols.map((c) => {
    const k = runs.findIndex((r) => c >= r.start && c < r.start + r.count);
    return { run: k, at: c - runs[k].start };
  });
  const n = src.rowCount;
  const columns: Cell[][] = fields.map(() => new Array<Cell>(n));
  const sheet = s.context.workbook.worksheets.getItem(src.info.sheetName);
  await readRows(
    s,
    sheet,
    src.headerRow + 1,
    n,
    runs,
    (chunk) => {
      for (let j = 0; j < fields.length; j++) {
        const vals = chunk.values[where[j].run];
        const at = where[j].at;
        const col = columns[j];
        const off = chunk.offset;
        for (let i = 0; i < chunk.rows; i++) col[off + i] = vals[i][at];
      }
    },
    (done) => onProgress(done / Math.max(1, n)),
    "reading the transactions",
  );
  // Trailing rows whose mapped cells are all empty are not data: the used range can reach below the data when the
  // add-in's own columns from an earlier run are longer than today's data.
  let rows = n;
  while (rows > 0 && columns.every((col) => isEmpty(col[rows - 1]))) rows--;
  if (rows < n) {
    for (const col of columns) col.length = rows;
    withRowCount(src, rows);
  }
  const headers = [...plan.headers];
  const mapping: Partial<Record<Field, string>> = {};
  fields.forEach((f, j) => (mapping[f] = headers[j]));
  return { table: { headers, columns }, mapping, columns: plan };
}

function isEmpty(v: Cell): boolean {
  return v === "" || v === null || v === undefined;
}

/** Engine options from the pane's settings; unset settings are left out so the engine's defaults and presets apply. */
export function engineOptions(
  settings: SegmentSettings,
  mapping: Partial<Record<Field, string>>,
  headerRowNumber: number,
  scheme: string | Scheme | undefined,
): RfmOptions {
  // Fields the analyst switched off ("(none)", saved as "") go to the engine as "" too: not mapped, never aliased.
  const off: Partial<Record<Field, string>> = {};
  for (const f of switchedOffFields(settings.mapping)) off[f] = "";
  return normalizeOptions({ ...settings, mapping: { ...off, ...mapping }, headerRowNumber, scheme });
}

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

/** Runs the segmentation and writes every output (see the file comment). Pass `host` to run against a simulation. */
export async function runSegmentation(
  settings: SegmentSettings = {},
  options: RunOptions = {},
  host?: OfficeHost,
): Promise<RunSummary> {
  const h = resolveHost(host);
  requireMinimumApi(h);
  const t0 = now();
  let lastPercent = -1;
  let lastStep = "";
  const progress = (step: string, percent: number) => {
    const p = Math.max(0, Math.min(100, Math.round(percent)));
    if (p === lastPercent && step === lastStep) return;
    lastPercent = p;
    lastStep = step;
    options.onProgress?.({ step, percent: p });
  };
  let session: Session | undefined;
  let src: LocatedSource | undefined;
  try {
    return await h.Excel.run(async (context) => {
      const s = new Session(context, h, options.signal);
      session = s;
      progress("Finding the data", 0);
      const state = queueLoadState(context);
      await s.sync();
      let marker: OutputsMarker = parseMarker(settingValue(state.outputs));
      src = await locateSource(s, settings, marker);
      const found = src;
      if (found.info.headers.length === 0) {
        throw new OfficeActionError(
          `The sheet "${found.info.sheetName}" is empty. Open the sheet with the transactions (one row per ` +
            "purchase, with a customer id and a date) and run again.",
        );
      }
      if (found.info.missing.length) throw new OfficeActionError(missingMessage(found));
      const earlier = sourceRecordFor(marker, { sheetId: found.sheetId, tableName: found.table?.name });
      const sourceWarnings: string[] = [];
      if (earlier && !found.ownColumns) {
        // Its header cells were changed or moved: the add-in can no longer tell them from the analyst's cells, so
        // it leaves them and forgets them.
        const where = earlier.columns.map((c) => columnLetters(c.index)).join(", ");
        sourceWarnings.push(
          `The result columns written earlier on "${found.info.sheetName}" (columns ${where}) were changed, so they ` +
            "were left as they are; the new results are written in new columns.",
        );
        marker = withoutSource(marker, earlier);
      }
      if (found.rowCount === 0) {
        throw new OfficeActionError(
          `The sheet "${found.info.sheetName}" has a header row (row ${found.headerRow + 1}) but no data rows below it.`,
        );
      }

      let scheme: string | Scheme | undefined = settings.scheme;
      let schemeLabel = settings.scheme || "default";
      if (settings.scheme === "custom") {
        if (!settings.customSchemeAddress) {
          throw new OfficeActionError(
            'The scheme is set to "custom" but no range with the rules is given. Enter it in the pane (e.g. Segments!A1:I12).',
          );
        }
        scheme = await readSchemeIn(s, settings.customSchemeAddress, settings.bins);
        schemeLabel = `custom (${settings.customSchemeAddress})`;
      }

      progress("Reading rows", 2);
      const { table, mapping, columns } = await readSource(s, found, (f) => progress("Reading rows", 2 + 38 * f));
      progress("Scoring", 40);
      let result: RfmResult;
      try {
        result = analyze(table, engineOptions(settings, mapping, found.headerRow + 1, scheme), columns);
      } catch (e) {
        throw toActionError(e, "scoring the customers");
      }
      if (!settings.scheme) schemeLabel = result.scheme.id;
      s.throwIfCancelled();

      progress("Checking earlier results", 45);
      const plan = await planOutputs(
        s,
        [
          { role: "customers", baseName: CUSTOMERS_SHEET },
          { role: "summary", baseName: SUMMARY_SHEET },
        ],
        marker,
        options.confirmReplace,
      );
      marker = plan.marker;
      const warnings = [...result.warnings, ...sourceWarnings, ...plan.warnings];
      s.throwIfCancelled();

      // Columns next to the data.
      progress("Writing columns", 48);
      let written;
      try {
        written = await writeSourceColumns(s, found, result, marker, (f) => progress("Writing columns", 48 + 32 * f));
      } catch (e) {
        if (e instanceof ColumnsWriteInterrupted) {
          if (isAbortError(e.reason)) {
            return {
              ...summaryOf(result, found, schemeLabel, warnings, s, t0),
              cancelled: `Cancelled while writing the new columns. ${e.left} The output sheets were not changed.`,
            };
          }
          const err = toActionError(e.reason, "writing the new columns next to the data");
          throw new OfficeActionError(`${err.message} ${e.left}`, { cause: e.reason, details: err.details });
        }
        throw e;
      }
      marker = written.marker;
      const summaryBase = summaryOf(result, found, schemeLabel, warnings, s, t0);
      summaryBase.outputs.sourceColumns = written.described;
      if (s.cancelled) {
        return {
          ...summaryBase,
          syncs: s.syncs,
          cancelled:
            `Cancelled after the new columns were written: ${written.described.join(", ")} are complete. ` +
            "The RFM Customers and RFM Summary sheets were not changed.",
        };
      }

      const env: WriteEnv = {
        dateSystem: settings.dateSystem ?? "1900",
        currency: currencyFormat(result.customers.map((c) => c.country)),
        numericIds: result.customers.every((c) => idAsNumber(c.id)),
      };
      const custPlan = plan.sheets.get("customers")!;
      const sumPlan = plan.sheets.get("summary")!;
      const custTable = freeTableName(CUSTOMERS_TABLE, plan.tableNames, custPlan.replacedTables);
      const values = customerValues(result);
      progress("Writing the customer sheet", 80);
      const cust = await writeCustomersSheet(
        s,
        custPlan,
        result,
        env,
        custTable,
        marker,
        (f) => progress("Writing the customer sheet", 80 + 8 * f),
        [...CUSTOMER_COLUMNS, ...valueColumnSpecs(result, values)],
      );
      marker = cust.marker;
      warnings.push(...cust.warnings);
      if (s.cancelled) {
        await finish(s, marker, [{ role: "customers", res: cust }]);
        return {
          ...summaryBase,
          warnings,
          outputs: { ...summaryBase.outputs, sheets: [cust.name] },
          syncs: s.syncs,
          cancelled:
            `Cancelled after the customer sheet was written: the new columns and "${cust.name}" are complete; ` +
            `the summary sheet and charts were not changed.`,
        };
      }

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
        marker,
        valueTable,
      );
      marker = sum.marker;
      progress("Finishing", 97);
      await finish(s, marker, [
        { role: "customers", res: cust },
        { role: "summary", res: sum },
      ]);
      progress("Done", 100);
      return {
        ...summaryBase,
        orderValues: segmentValues(result, values).map((v) => v.orderValue),
        currencySymbol: env.currency.slice(0, env.currency.indexOf("#")),
        warnings,
        outputs: { sheets: [cust.name, sum.name], sourceColumns: written.described, charts: sum.charts },
        syncs: s.syncs,
        syncMs: Math.round(s.syncMs),
        elapsedMs: Math.round(now() - t0),
      };
    });
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
