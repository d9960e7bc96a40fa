/**
 * The customers CSV: one row per customer, the first eight columns exactly
 * `CustomerID,Recency,Frequency,Monetary,R,F,M,Segment`, then `RFM,Score,FirstPurchase,LastPurchase` and `Country`
 * when a country column is mapped. Numbers are written with JavaScript's shortest round-trip form
 * (`String(4310)`, `String(1187.4499999999998)`), so Monetary keeps full precision; dates as
 * `YYYY-MM-DD HH:MM:SS` (wall clock). Text is quoted per RFC 4180 when it holds a comma, quote, line break or
 * leading/trailing space. Lines end with LF, which every CSV reader (Excel included) accepts.
 *
 * Extra columns (e.g. a previous segment for a comparison run) are added by passing more `OutputColumn`s.
 *
 * Writing is atomic: the text goes to a temporary file in the target folder, which is then renamed over the
 * target, so a failure never leaves a half-written file (nor clobbers an existing one).
 *
 * Cost: one string per row; 4,338 customers take a few milliseconds.
 */
import * as fs from "fs";
import * as path from "path";
import { formatTimestamp } from "../rfm/dates";
import type { CustomerResult, RfmResult } from "../rfm/types";
import { UsageError } from "./args";

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

/** The default column list for a result: base, details, and Country when the source had one. */
export function customerColumns(result: RfmResult, extra: readonly OutputColumn[] = []): OutputColumn[] {
  const cols = [...BASE_COLUMNS, ...DETAIL_COLUMNS];
  if (result.mapping.country !== undefined) cols.push(COUNTRY_COLUMN);
  return [...cols, ...extra];
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV field. */
export function csvField(v: string | number): string {
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The whole CSV text (header line + one line per customer, each ending with "\n"). */
export function customersCsv(customers: readonly CustomerResult[], columns: readonly OutputColumn[]): string {
  const lines: string[] = new Array<string>(customers.length + 1);
  lines[0] = columns.map((c) => csvField(c.header)).join(",");
  for (let k = 0; k < customers.length; k++) {
    const cust = customers[k];
    let line = "";
    for (let j = 0; j < columns.length; j++) {
      if (j > 0) line += ",";
      line += csvField(columns[j].value(cust, k));
    }
    lines[k + 1] = line;
  }
  return lines.join("\n") + "\n";
}

/**
 * Writes `text` to `file` atomically (temporary file in the same folder, then rename). On any error the temporary
 * file is removed and a UsageError names the file and the reason; the target is untouched.
 */
export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir)) throw new UsageError(`Cannot write ${file}: the folder ${dir} does not exist.`);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    throw new UsageError(`Cannot write ${file}: it is a folder.`);
  }
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // the temporary file was never created
    }
    const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new UsageError(`Cannot write ${file} (${reason}).`);
  }
}
