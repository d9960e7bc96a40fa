/**
 * Which date system the workbook uses (Excel's "Use 1904 date system": serial 0 is 1904-01-01, so the same serial is
 * a date 1,462 days later than in the default 1900 system). No released Office.js API tells it (`Workbook.
 * use1904DateSystem` is preview only), so the pane offers the choice (settings.dateSystem), and when the analyst
 * leaves it on automatic it is probed without writing anything: Excel shows a date cell's `text` in the workbook's
 * system, so the year in the text of a few date cells says which system turns their serials into that year.
 *
 * Example: a cell holding 39425 shown as "12/9/2011" → "1904" (39425 is 2007-12-08 in the 1900 system).
 * Cost: one small read (at most 50 cells of the date column).
 */
import { excelSerialToTimestamp, type DateSystem } from "../rfm";
import type { Session } from "./io";
import type { LocatedSource } from "./source";
import type { SegmentSettings } from "./types";

const PROBE_ROWS = 50;

/** The system whose year for `serial` appears in `text` (and the other's does not); undefined when undecided. */
export function dateSystemFromText(serial: number, text: string): DateSystem | undefined {
  const numbers = text.match(/\d+/g) ?? [];
  const year = (system: DateSystem): number => {
    const t = excelSerialToTimestamp(serial, system);
    return t === t ? new Date(t).getUTCFullYear() : NaN;
  };
  const shows = (y: number): boolean =>
    numbers.some((n) => (n.length === 4 ? Number(n) === y : n.length === 2 && Number(n) === y % 100));
  const y1900 = shows(year("1900"));
  const y1904 = shows(year("1904"));
  if (y1900 === y1904) return undefined;
  return y1900 ? "1900" : "1904";
}

/** Probes the date column of the source: the system most of its date cells agree on, or undefined. */
export async function probeDateSystem(s: Session, src: LocatedSource): Promise<DateSystem | undefined> {
  const col = src.fieldColumns.date;
  if (col === undefined || src.rowCount === 0) return undefined;
  const sheet = s.context.workbook.worksheets.getItem(src.info.sheetName);
  const cells = sheet.getRangeByIndexes(src.headerRow + 1, col, Math.min(PROBE_ROWS, src.rowCount), 1);
  cells.load("values,text");
  await s.sync();
  const votes = { "1900": 0, "1904": 0 };
  (cells.values ?? []).forEach((row, i) => {
    const v = row[0];
    if (typeof v !== "number" || v < 1) return;
    const system = dateSystemFromText(v, String(cells.text?.[i]?.[0] ?? ""));
    if (system) votes[system]++;
  });
  if (votes["1904"] > votes["1900"]) return "1904";
  return votes["1900"] > 0 ? "1900" : undefined;
}

/** The settings with the date system the run uses: the pane's choice, else the probed one, else 1900. */
export async function withDateSystem(
  s: Session,
  src: LocatedSource,
  settings: SegmentSettings,
): Promise<SegmentSettings & { dateSystem: DateSystem }> {
  if (settings.dateSystem === "1900" || settings.dateSystem === "1904") {
    return { ...settings, dateSystem: settings.dateSystem };
  }
  return { ...settings, dateSystem: (await probeDateSystem(s, src)) ?? "1900" };
}
