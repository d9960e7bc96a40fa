/**
 * The contract between the Office adapter (src/office: the only place that calls `Excel.run`) and its callers: the
 * task pane (src/taskpane) and the ribbon command (src/commands). Every function here is one user intent; it
 * returns plain data and throws `OfficeActionError` with a message written for the analyst.
 */
import type {
  CleaningOptions,
  DateOrder,
  ExclusionEntry,
  Field,
  MonetarySource,
  ScoringMethod,
  SegmentSummary,
} from "../rfm/types";

/** What the add-in found to segment. */
export interface SourceInfo {
  sheetName: string;
  /** Set when the data is an Excel table. */
  tableName?: string;
  /** Address of the data including the header row, e.g. "'Online Retail'!A1:H541910". */
  address: string;
  /** Data rows (without the header). */
  rowCount: number;
  headers: string[];
  /** Field → header name as the engine's aliases (or saved settings) resolve them. */
  mapping: Partial<Record<Field, string>>;
  /** Required fields that could not be mapped (empty when ready to run). */
  missing: Field[];
}

/** Settings the analyst can change in the pane; persisted per workbook (document settings). All optional: the
 *  engine's defaults apply to whatever is not set. */
export interface SegmentSettings {
  /** Sheet to read; default: the active sheet, else a sheet named like "Online Retail". */
  sheetName?: string;
  mapping?: Partial<Record<Field, string>>;
  /** Built-in scheme id (rf10, tiers4, r-rfm) or "custom". */
  scheme?: string;
  /** For scheme "custom": the sheet range holding the rules table (e.g. "Segments!A1:I12"). */
  customSchemeAddress?: string;
  preset?: "pandas" | "r-rfm";
  /** ISO date (yyyy-mm-dd) or empty for the default (latest purchase + 1 day). */
  snapshot?: string;
  bins?: number;
  scoring?: ScoringMethod;
  cleaning?: Partial<CleaningOptions>;
  dateOrder?: DateOrder;
  dateSystem?: "1900" | "1904";
  monetarySource?: MonetarySource;
}

export interface Progress {
  /** Step name shown to the analyst, e.g. "Reading rows", "Scoring", "Writing columns", "Drawing charts". */
  step: string;
  /** 0..100 overall. */
  percent: number;
}

export interface RunOptions {
  onProgress?: (p: Progress) => void;
  /** Checked between chunks; when aborted the run stops and leaves the workbook consistent. */
  signal?: AbortSignal;
  /** Called when an output sheet was renamed or edited by the user; resolve true to replace it. Without it, such a
   *  sheet is left alone and the run stops with an OfficeActionError that says so. */
  confirmReplace?: (question: string) => Promise<boolean>;
}

export interface RunSummary {
  sourceSheet: string;
  rowsRead: number;
  rowsUsed: number;
  customers: number;
  /** Snapshot as ISO text (yyyy-mm-dd hh:mm). */
  snapshot: string;
  scheme: string;
  segments: SegmentSummary[];
  /** Per segment, aligned to `segments`: what an average order is worth (the segment's revenue / its orders; see
   *  src/rfm/customerValue.ts). Set by a finished run. */
  orderValues?: number[];
  /** The money format's currency sign ("£", "$", "€", or "" for a plain number), for showing `orderValues`. */
  currencySymbol?: string;
  exclusions: ExclusionEntry[];
  warnings: string[];
  /** What was written: sheet names and source columns created. */
  outputs: { sheets: string[]; sourceColumns: string[]; charts: number };
  /** Set when the run was cancelled: what was left in the workbook. */
  cancelled?: string;
  /** Sync round trips used (for the bench and the tests). */
  syncs: number;
  /** Of `elapsedMs`, the time spent waiting in `context.sync()` (Excel's share; the rest is the add-in's). */
  syncMs?: number;
  elapsedMs: number;
}

/** An error meant for the analyst; `cause` keeps the original (Office or engine) error for details on request. */
export class OfficeActionError extends Error {
  readonly details?: string;
  constructor(message: string, options: { cause?: unknown; details?: string } = {}) {
    super(message);
    this.name = "OfficeActionError";
    this.details = options.details;
    if (options.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}
