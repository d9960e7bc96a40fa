/**
 * Per-workbook persistence in `workbook.settings` (ExcelApi 1.4): stored in the file, per add-in, no `saveAsync`.
 *
 * Two keys, each one JSON string:
 * - `rfm.settings`: the analyst's `SegmentSettings` (what the pane shows and the ribbon button runs with).
 * - `rfm.outputs`: the `OutputsMarker`, the add-in's record of what it created (sheets by id and name with a
 *   fingerprint of their values, the columns it appended to the source, the slicer). A re-run replaces only what is
 *   recorded here, and the marker is updated in the same request as the change it describes, so it never claims a
 *   sheet or column that does not exist (or misses one that does).
 *
 * Example: `await saveSettings({ scheme: "tiers4", bins: 5 })`, then `await loadSettings()` → `{ scheme: "tiers4", bins: 5 }`.
 */
import { toActionError } from "./errors";
import { requireMinimumApi, resolveHost, type OfficeHost } from "./host";
import type { SegmentSettings } from "./types";

export const SETTINGS_KEY = "rfm.settings";
export const OUTPUTS_KEY = "rfm.outputs";

/** One output sheet the add-in created. `role` is the writer that owns it ("customers", "summary", later more). */
export interface OutputSheetRecord {
  role: string;
  /** Worksheet id (stable across renames). */
  id: string;
  /** The name it had when the add-in wrote it. */
  name: string;
  /** `usedRangeAddress|hash of values` after writing; differs when the analyst edited the sheet. */
  fingerprint: string;
  /** Names of the tables the add-in created on it. */
  tables: string[];
}

/** The columns appended to the source (plain range: cells right of the data; table: table columns). */
export interface SourceColumnsRecord {
  sheetId: string;
  sheetName: string;
  tableName?: string;
  /** Zero-based sheet row index of the header row. */
  headerRow: number;
  /** Zero-based sheet column index of each added column, and its header text as written. */
  columns: { index: number; header: string }[];
  /** Data rows written below the header (the cells the add-in owns in those columns). */
  rows: number;
  /** False while a write is in progress (an interrupted run leaves false: the next run rewrites them). */
  complete: boolean;
}

export interface OutputsMarker {
  version: 1;
  sheets: OutputSheetRecord[];
  /** The columns of the latest run. */
  source?: SourceColumnsRecord;
  /** Columns written by earlier runs on other sheets or tables (still the add-in's: reused when that data is run
   *  again). */
  otherSources?: SourceColumnsRecord[];
  /** Slicer names the add-in created. */
  slicers: string[];
}

export function emptyMarker(): OutputsMarker {
  return { version: 1, sheets: [], slicers: [] };
}

/** Parses the marker JSON; anything unreadable counts as "nothing created" (the safe reading: touch nothing). */
export function parseMarker(text: unknown): OutputsMarker {
  if (typeof text !== "string" || text === "") return emptyMarker();
  try {
    const m = JSON.parse(text) as Partial<OutputsMarker>;
    if (!m || m.version !== 1 || !Array.isArray(m.sheets)) return emptyMarker();
    const out: OutputsMarker = { version: 1, sheets: m.sheets, slicers: Array.isArray(m.slicers) ? m.slicers : [] };
    if (m.source) out.source = m.source;
    if (Array.isArray(m.otherSources) && m.otherSources.length) out.otherSources = m.otherSources;
    return out;
  } catch {
    return emptyMarker();
  }
}

function sameSource(a: SourceColumnsRecord, b: { sheetId: string; tableName?: string }): boolean {
  return a.sheetId === b.sheetId && (a.tableName ?? "") === (b.tableName ?? "");
}

/** The record of the add-in's columns on this sheet (and table), if any. */
export function sourceRecordFor(
  marker: OutputsMarker,
  where: { sheetId: string; tableName?: string },
): SourceColumnsRecord | undefined {
  return [marker.source, ...(marker.otherSources ?? [])].find((r) => r && sameSource(r, where));
}

/** The marker with `rec` as the latest columns; an earlier record for another place moves to `otherSources`. */
export function withSource(marker: OutputsMarker, rec: SourceColumnsRecord): OutputsMarker {
  const others = [...(marker.otherSources ?? []), ...(marker.source ? [marker.source] : [])].filter(
    (r) => !sameSource(r, rec),
  );
  const out: OutputsMarker = { ...marker, source: rec };
  if (others.length) out.otherSources = others;
  else delete out.otherSources;
  return out;
}

/** The marker without any record for that place. */
export function withoutSource(marker: OutputsMarker, where: { sheetId: string; tableName?: string }): OutputsMarker {
  const out: OutputsMarker = { ...marker };
  if (out.source && sameSource(out.source, where)) delete out.source;
  const others = (marker.otherSources ?? []).filter((r) => !sameSource(r, where));
  if (others.length) out.otherSources = others;
  else delete out.otherSources;
  return out;
}

/** Parses saved settings; unknown keys are kept, a broken value gives the defaults. */
export function parseSettings(text: unknown): SegmentSettings {
  if (typeof text !== "string" || text === "") return {};
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as SegmentSettings) : {};
  } catch {
    return {};
  }
}

/** Queues loading both keys; read `.value` of the results after the next sync. */
export function queueLoadState(context: Excel.RequestContext): {
  settings: Excel.Setting;
  outputs: Excel.Setting;
} {
  const settings = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
  const outputs = context.workbook.settings.getItemOrNullObject(OUTPUTS_KEY);
  settings.load("value");
  outputs.load("value");
  return { settings, outputs };
}

export function settingValue(s: Excel.Setting): unknown {
  return s.isNullObject ? undefined : s.value;
}

/** Queues writing the marker (no sync). */
export function queueSaveMarker(context: Excel.RequestContext, marker: OutputsMarker): void {
  context.workbook.settings.add(OUTPUTS_KEY, JSON.stringify(marker));
}

export async function loadSettings(host?: OfficeHost): Promise<SegmentSettings> {
  const h = resolveHost(host);
  requireMinimumApi(h);
  try {
    return await h.Excel.run(async (context) => {
      const { settings } = queueLoadState(context);
      await context.sync();
      return parseSettings(settingValue(settings));
    });
  } catch (e) {
    throw toActionError(e, "reading the saved settings");
  }
}

export async function saveSettings(settings: SegmentSettings, host?: OfficeHost): Promise<void> {
  const h = resolveHost(host);
  requireMinimumApi(h);
  try {
    await h.Excel.run(async (context) => {
      context.workbook.settings.add(SETTINGS_KEY, JSON.stringify(settings));
      await context.sync();
    });
  } catch (e) {
    throw toActionError(e, "saving the settings");
  }
}
