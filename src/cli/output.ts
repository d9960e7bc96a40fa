/**
 * The customers CSV: one row per customer, the first eight columns exactly
 * `CustomerID,Recency,Frequency,Monetary,R,F,M,Segment`, then `RFM,Score,FirstPurchase,LastPurchase` and `Country`
 * when a country column is mapped, any extra columns, and last `SegmentName` (the segment's display name, e.g.
 * "Champions"; `Segment` keeps the id that scripts match on). Numbers are written with JavaScript's shortest round-trip form
 * (`String(4310)`, `String(1187.4499999999998)`), so Monetary keeps full precision; dates as
 * `YYYY-MM-DD HH:MM:SS` (wall clock). Text is quoted per RFC 4180 when it holds a comma, quote, line break or
 * leading/trailing space. Lines end with LF, which every CSV reader (Excel included) accepts.
 *
 * Extra columns (e.g. a previous segment for a comparison run) are added by passing more `OutputColumn`s.
 *
 * Writing is atomic: the text goes to a temporary file in the target folder, which is then renamed over the
 * target, so a failure never leaves a half-written file (nor clobbers an existing one).
 *
 * Cost: one string per row.
 */
import { csvField, formatTimestamp } from "../rfm";
import type { CustomerResult, RfmResult } from "../rfm/types";
import { writeOutputFile } from "./outputFile";

export interface OutputColumn {
  header: string;
  /** The cell for customer k (text is quoted as needed by the writer). */
  value(customer: CustomerResult, index: number): string | number;
}

/** The first eight columns: the contract other tools rely on. */
export const BASE_COLUMNS: readonly OutputColumn[] = [
  { header: "CustomerID", value: (c) => c.id },
  { header: "Recency", value: (c) => c.recency },
  { header: "Frequency", value: (c) => c.frequency },
  { header: "Monetary", value: (c) => c.monetary },
  { header: "R", value: (c) => c.r },
  { header: "F", value: (c) => c.f },
  { header: "M", value: (c) => c.m },
  { header: "Segment", value: (c) => c.segment },
];

export const DETAIL_COLUMNS: readonly OutputColumn[] = [
  { header: "RFM", value: (c) => c.rfm },
  { header: "Score", value: (c) => c.score },
  { header: "FirstPurchase", value: (c) => formatTimestamp(c.firstPurchase) },
  { header: "LastPurchase", value: (c) => formatTimestamp(c.lastPurchase) },
];

export const COUNTRY_COLUMN: OutputColumn = { header: "Country", value: (c) => c.country ?? "" };

/** `SegmentName`: the display name of the customer's segment (the scheme's name for its label). */
export function segmentNameColumn(result: RfmResult): OutputColumn {
  const names = new Map<string, string>();
  for (const rule of result.scheme.rules) names.set(rule.label, rule.name ?? rule.label);
  for (const sg of result.segments) names.set(sg.label, sg.name);
  return { header: "SegmentName", value: (c) => names.get(c.segment) ?? c.segment };
}

/** The default column list for a result: base, details, Country when the source had one, the extras, and the
 *  segment's display name last (appended, so the columns before it keep their positions). */
export function customerColumns(result: RfmResult, extra: readonly OutputColumn[] = []): OutputColumn[] {
  const cols = [...BASE_COLUMNS, ...DETAIL_COLUMNS];
  if (result.mapping.country !== undefined) cols.push(COUNTRY_COLUMN);
  return [...cols, ...extra, segmentNameColumn(result)];
}

/**
 * The whole CSV text (header line + one line per customer, each ending with "\n"). Formula-leading text is written
 * with a leading single quote unless `raw` (see the engine's csvText.ts).
 */
export function customersCsv(
  customers: readonly CustomerResult[],
  columns: readonly OutputColumn[],
  raw = false,
): string {
  const lines: string[] = new Array<string>(customers.length + 1);
  lines[0] = columns.map((c) => csvField(c.header, raw)).join(",");
  for (let k = 0; k < customers.length; k++) {
    const cust = customers[k];
    let line = "";
    for (let j = 0; j < columns.length; j++) {
      if (j > 0) line += ",";
      line += csvField(columns[j].value(cust, k), raw);
    }
    lines[k + 1] = line;
  }
  return lines.join("\n") + "\n";
}

/**
 * Writes `text` to `file` under the output-file rules of outputFile.ts (never an input, atomic over regular files
 * keeping their mode, devices and FIFOs written directly, links followed).
 */
export function writeFileAtomic(file: string, text: string, inputs: readonly (string | undefined)[] = []): void {
  writeOutputFile(file, text, inputs);
}
