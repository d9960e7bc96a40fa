/**
 * Campaign lists and "Copy as SQL" from the workbook: two intents for the task pane.
 *
 * `exportCampaignList(settings, { segments, target }, host)`: reads and scores the transactions exactly as
 * `runSegmentation` does (same settings, same engine), picks the customers of the chosen segments
 * (src/rfm/campaign.ts: id, segment, Recency, Frequency, Monetary, last purchase, suggested action, and Country
 * when the source has a country column), and either
 * - `target: "sheet"`: writes them as an Excel table on a new sheet named after the segments and the snapshot date
 *   ("champions 2011-12-10"; Excel's 31-character limit and forbidden characters respected, a free name chosen);
 *   ids that are plain integers as numbers, the last purchase as a date, Monetary in the workbook's currency; or
 * - `target: "csv"`: returns the CSV text and a file name ("champions_2011-12-10.csv") for the pane to download.
 * The sheets are the analyst's (not recorded as add-in outputs): every export makes a new one.
 *
 * `sqlForWorkbook(settings, dialect, host)`: the query (src/rfm/sql) that reproduces this workbook's segmentation
 * on a database table with the same column names as the detected source, with the pane's scheme (a custom scheme
 * is read from its range), bins, scoring, cleaning, snapshot and monetary source. The table is named
 * `transactions` in the query; the analyst renames it after pasting.
 *
 * Cost: the campaign export re-reads the mapped columns (the same chunked read as a run); the SQL needs only the
 * header row.
 */
import {
  analyze,
  campaignCsv,
  campaignFileName,
  campaignList,
  type CampaignList,
  formatTimestamp,
  normalizeOptions,
  timestampToExcelSerial,
  type DateSystem,
} from "../rfm";
import { generateSql, type SqlDialect } from "../rfm/sql";
import type { RfmResult } from "../rfm/types";
import { currencyFormat, FORMAT, idAsNumber } from "./cells";
import { withDateSystem } from "./dateSystem";
import { isAbortError, toActionError } from "./errors";
import type { OfficeHost } from "./host";
import { writeRows, type Session, type XlCell } from "./io";
import { freeSheetName, freeTableName } from "./outputs";
import { readSource, schemeFor } from "./readSource";
import { columnLetters } from "./source";
import { OfficeActionError, type Progress, type SegmentSettings } from "./types";
import { withWorkbook, type OpenWorkbook } from "./workbook";

export interface CampaignExportOptions {
  /** Segment labels or display names (at least one). */
  segments: string[];
  target: "sheet" | "csv";
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

export interface CampaignExportResult {
  /** Labels exported, in scheme order. */
  segments: string[];
  customers: number;
  columns: string[];
  /** Download name (also for target "sheet", for reference). */
  fileName: string;
  /** target "sheet": the new sheet's name. */
  sheet?: string;
  /** target "csv": the file's text (UTF-8, LF line ends, no byte-order mark). */
  csv?: string;
  syncs: number;
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ and not starting or ending with an apostrophe. */
export function campaignSheetName(labels: readonly string[], snapshot: number, taken: Iterable<string>): string {
  const date = formatTimestamp(snapshot, false);
  const room = 31 - date.length - 1 - 4; // " (9)" for a duplicate
  let base = labels
    .join(" + ")
    .replace(/[[\]:*?/\\]+/g, " ")
    .replace(/^'+|'+$/g, "")
    .trim();
  if (base.length > room) base = base.slice(0, room).trimEnd();
  return freeSheetName(`${base || "Campaign"} ${date}`, taken);
}

/** Reads and scores the source with the pane's settings (the first half of a run). */
async function scoreWorkbook(
  { s, found }: OpenWorkbook,
  settings: SegmentSettings,
  progress: (step: string, percent: number) => void,
): Promise<RfmResult> {
  if (found.info.missing.length || found.rowCount === 0) {
    throw new OfficeActionError(
      found.rowCount === 0
        ? `The sheet "${found.info.sheetName}" has no data rows.`
        : `Some required columns are not mapped on "${found.info.sheetName}": ${found.info.missing.join(", ")}.`,
    );
  }
  const scheme = await schemeFor(s, settings);
  progress("Reading rows", 5);
  const { table, mapping, columns } = await readSource(s, found, settings, (f) => progress("Reading rows", 5 + 75 * f));
  progress("Scoring", 80);
  try {
    return analyze(
      table,
      normalizeOptions({ ...settings, mapping, headerRowNumber: found.headerRow + 1, scheme }),
      columns,
    );
  } catch (e) {
    throw toActionError(e, "scoring the customers");
  }
}

/** Writes the list as a table on a new sheet; returns the sheet name. */
async function writeCampaignSheet(
  s: Session,
  list: CampaignList,
  result: RfmResult,
  dateSystem: DateSystem,
): Promise<string> {
  const wb = s.context.workbook;
  wb.worksheets.load("items/name");
  wb.tables.load("items/name");
  await s.sync();
  const name = campaignSheetName(
    list.labels,
    result.snapshot,
    wb.worksheets.items.map((w) => w.name),
  );
  const tableName = freeTableName(
    `Campaign_${list.labels.join("_").replace(/[^A-Za-z0-9_]+/g, "_")}`.slice(0, 60),
    wb.tables.items.map((t) => t.name),
    [],
  );
  const sheet = wb.worksheets.add(name);
  const w = list.headers.length;
  const numericIds = list.customers.every((c) => idAsNumber(c.id));
  const money = currencyFormat(result.customers.map((c) => c.country));
  // Column formats: id, segment, recency, frequency, monetary, last purchase, action, country.
  const formats = [
    numericIds ? FORMAT.integer : FORMAT.text,
    FORMAT.text,
    FORMAT.integer,
    FORMAT.integer,
    money,
    FORMAT.date,
    FORMAT.text,
    FORMAT.text,
  ].slice(0, w);
  sheet.getRangeByIndexes(0, 0, 1, w).values = [list.headers];
  await s.sync();
  const n = list.rows.length;
  await writeRows(
    s,
    sheet,
    1,
    0,
    w,
    n,
    (i) => 40 + String(list.rows[i][6]).length + String(list.rows[i][1]).length,
    (from, to) => {
      const values: XlCell[][] = [];
      for (let i = from; i < to; i++) {
        const c = list.customers[i];
        const row = list.rows[i].slice() as XlCell[];
        row[0] = numericIds ? Number(c.id) : c.id;
        row[5] = timestampToExcelSerial(c.lastPurchase, dateSystem);
        values.push(row);
      }
      const fmt = values.map(() => formats.slice());
      return {
        values,
        // All columns' formats before the values (text ids and labels stay text).
        formats: formats.map((_, j) => ({ column: j, numberFormat: fmt.map((r) => [r[j]]) })),
      };
    },
    { doing: "writing the campaign list", cancellable: false },
  );
  const table = sheet.tables.add(`A1:${columnLetters(w - 1)}${Math.max(2, n + 1)}`, true);
  table.name = tableName;
  table.style = "TableStyleMedium2";
  sheet.freezePanes.freezeRows(1);
  // Every column, Action and Country included: a long action text would otherwise be cut off by the Country cell.
  // Every row: a wider figure further down would show as ##### in a column fitted to the first rows only.
  sheet.getRangeByIndexes(0, 0, n + 1, w).format.autofitColumns();
  sheet.activate();
  await s.sync();
  return name;
}

/** Exports the customers of the chosen segments (see the top of the file). */
export async function exportCampaignList(
  settings: SegmentSettings,
  options: CampaignExportOptions,
  host?: OfficeHost,
): Promise<CampaignExportResult> {
  if (!options.segments || options.segments.length === 0) {
    throw new OfficeActionError("Choose at least one segment for the campaign list.");
  }
  const progress = (step: string, percent: number) => options.onProgress?.({ step, percent: Math.round(percent) });
  const onOpen = () => progress("Finding the data", 0);
  try {
    return await withWorkbook(
      settings,
      host,
      async (wb) => {
        const { s } = wb;
        // The workbook's date system (the pane's choice, else probed) for reading dates and writing Last purchase.
        const dated = await withDateSystem(s, wb.found, settings);
        const result = await scoreWorkbook(wb, dated, progress);
        let list: CampaignList;
        try {
          list = campaignList(result, options.segments);
        } catch (e) {
          throw toActionError(e, "choosing the segments");
        }
        const fileName = campaignFileName(list.labels, result.snapshot);
        const out: CampaignExportResult = {
          segments: list.labels,
          customers: list.rows.length,
          columns: list.headers,
          fileName,
          syncs: 0,
        };
        if (options.target === "csv") out.csv = campaignCsv(list);
        else {
          progress("Writing the list", 85);
          out.sheet = await writeCampaignSheet(s, list, result, dated.dateSystem);
        }
        progress("Done", 100);
        out.syncs = s.syncs;
        return out;
      },
      { signal: options.signal, onOpen },
    );
  } catch (e) {
    if (isAbortError(e)) throw new OfficeActionError("Cancelled: no campaign list was written.");
    throw toActionError(e, "exporting the campaign list");
  }
}

/** The SQL query for this workbook's segmentation (see the top of the file). */
export async function sqlForWorkbook(
  settings: SegmentSettings,
  dialect: SqlDialect,
  host?: OfficeHost,
): Promise<string> {
  try {
    return await withWorkbook(settings, host, async ({ s, found }) => {
      if (found.info.missing.length) {
        throw new OfficeActionError(
          `Map the required columns first: ${found.info.missing.join(", ")} (sheet "${found.info.sheetName}").`,
        );
      }
      const scheme = await schemeFor(s, settings);
      try {
        return generateSql(dialect, {
          table: "transactions",
          mapping: found.info.mapping,
          scheme,
          cleaning: settings.cleaning,
          bins: settings.bins ?? undefined,
          scoring: settings.scoring,
          preset: settings.preset,
          monetarySource: settings.monetarySource,
          snapshot: settings.snapshot && settings.snapshot.trim() !== "" ? settings.snapshot.trim() : undefined,
        });
      } catch (e) {
        throw toActionError(e, "writing the SQL query");
      }
    });
  } catch (e) {
    throw toActionError(e, "writing the SQL query");
  }
}
