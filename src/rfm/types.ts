/**
 * The engine's public types: the contract between the pure segmentation engine (src/rfm) and its three doors
 * (task pane + ribbon command via src/office, custom functions in src/functions, the CLI in src/cli).
 *
 * Conventions used everywhere in the engine:
 * - A timestamp is a number of milliseconds on a "wall clock" time line: the date and time as written in the sheet,
 *   encoded as if it were UTC (no time zones, no daylight saving). `Date.UTC(2011, 11, 9, 12, 50)` is 2011-12-09 12:50.
 *   Excel serial numbers convert with `(serial - 25569) * 86400000` (1900 system).
 * - Row numbers in messages are the sheet's row numbers: the header is row `headerRowNumber` (default 1), so the first
 *   data row is `headerRowNumber + 1`.
 * - Scores are integers 1..bins; a higher score is always better (recent, frequent, valuable).
 */

/** One cell as Excel's `Range.values` gives it (empty cells are `""`), or as a CSV parser gives it. */
export type Cell = string | number | boolean | null | undefined;

/** Row-major input: `values[0]` is the header row, the rest are data rows (Excel's `Range.values`). */
export type RowTable = Cell[][];

/** Column-major input, cheaper for large files: `columns[c][i]` is data row i of column c (no header inside). */
export interface ColumnTable {
  headers: string[];
  columns: Cell[][];
}

export type TableInput = RowTable | ColumnTable;

/** The logical fields the engine knows. `customer` and `date` are always required; the money side needs either
 *  `quantity` + `unitPrice` (line-level data) or `amount` (order-level data). `invoice` is required for line-level
 *  data and optional for order-level data (without it, each row is one order). `country` is carried for exports. */
export type Field = "customer" | "invoice" | "date" | "quantity" | "unitPrice" | "amount" | "country";

/** Resolved mapping: field → zero-based column index in the input (absent when the field is not mapped). */
export type ColumnMapping = Partial<Record<Field, number>>;

/** Which way Monetary is computed when both an amount column and quantity × price are available. */
export type MonetarySource = "auto" | "amount" | "lines";

/** Day/month order for text dates like 3/4/2011. `auto` detects it when unambiguous (any first part > 12 → dmy,
 *  any second part > 12 → mdy) and otherwise assumes `dmy` with a warning. */
export type DateOrder = "auto" | "dmy" | "mdy";

export interface CleaningOptions {
  /** Drop rows without a customer id (default true). */
  dropMissingCustomer: boolean;
  /** Drop rows whose invoice number starts with "C" (cancellations; default true). */
  dropCancelledInvoices: boolean;
  /** Drop rows with a negative quantity (default false). */
  dropNegativeQuantity: boolean;
  /** Drop rows with unit price ≤ 0 (or amount ≤ 0 for order-level data; default true). */
  dropNonPositivePrice: boolean;
  /** Drop rows whose date cannot be read (default true; when false, an unreadable date is an error). */
  dropUnparsableDates: boolean;
}

/** How values become 1..bins scores.
 *  - `quantile`: the textbook pandas recipe (R and M: qcut of the values; F: qcut of rank(method="first")).
 *  - `rank`: qcut of rank(method="first") for all three metrics.
 *  - `fixed`: user cut-points per metric (`cutPoints`), bins right-closed like pandas.cut.
 *  - `r-rfm`: R package rfm 0.3.0 rules (breaks at quantile + 1, left-closed bins, ties share a score). */
export type ScoringMethod = "quantile" | "rank" | "fixed" | "r-rfm";

export interface CutPoints {
  /** Ascending inner cut-points: bins-1 numbers. */
  recency?: number[];
  frequency?: number[];
  monetary?: number[];
}

export interface RfmOptions {
  /** Explicit field → header name mapping; overrides the aliases. An entry that is present but empty (`""`; also
   *  `null` from JSON) switches the field off: the aliases are not used for it (an error when the data's shape needs
   *  it, see src/rfm/columns.ts). A missing key, or `undefined`, leaves the field to the aliases. */
  mapping?: Partial<Record<Field, string>>;
  /** Sheet row number of the header row, used only in messages (default 1). */
  headerRowNumber?: number;
  /** Excel date system for numeric dates (default 1900). */
  dateSystem?: "1900" | "1904";
  dateOrder?: DateOrder;
  /** Decimal mark of numbers written as text: "." or ",", or "auto" (default): a comma only when some cell can only
   *  be read with one (`7,5`, `1.234,50`) and none only with a point (see src/rfm/numbers.ts). */
  decimalMark?: "." | "," | "auto";
  cleaning?: Partial<CleaningOptions>;
  monetarySource?: MonetarySource;
  /** Snapshot (analysis) date: a timestamp (ms, see above), an ISO date string, or a Date. Default: the latest
   *  invoice timestamp of the cleaned rows + 1 day, keeping the time of day. */
  snapshot?: number | string | Date;
  /** Number of score bins, 2..10 (default 5). */
  bins?: number;
  scoring?: ScoringMethod;
  cutPoints?: CutPoints;
  /** Built-in scheme id (`rf10`, `tiers4`, `r-rfm`) or a scheme object. Default `rf10`. */
  scheme?: string | Scheme;
  /** Preset that sets scoring, scheme and monetary source together: `pandas` (default) or `r-rfm`. Explicit options
   *  win over the preset. */
  preset?: "pandas" | "r-rfm";
}

/** One rule of a segment scheme: inclusive score ranges on R, F, M (an omitted range matches every score). */
export interface SegmentRule {
  /** The label written into the Segment column, e.g. `champions` or `Top Customers`. */
  label: string;
  /** Display name for the task pane and summary, e.g. `Champions`. Defaults to the label. */
  name?: string;
  r?: [number, number];
  f?: [number, number];
  m?: [number, number];
  description: string;
  action: string;
}

/**
 * A segment scheme. Rules are evaluated in list order and the first match wins; an unmatched score combination
 * gets `fallback`. A scheme marked `exclusive` is a map: every score cell must be covered by exactly one rule
 * (no gaps, no overlaps), which `checkScheme` verifies.
 */
export interface Scheme {
  id: string;
  name: string;
  rules: SegmentRule[];
  /** Label for score combinations no rule matches (default "Others"). */
  fallback?: string;
  fallbackDescription?: string;
  fallbackAction?: string;
  exclusive: boolean;
  /** The bin count the scheme's ranges are written for (default 5). */
  bins?: number;
}

/** A score cell: one (R, F, M) combination. */
export interface ScoreCell {
  r: number;
  f: number;
  m: number;
}

export interface SchemeCheck {
  /** Cells no rule reaches (they get the fallback). */
  uncovered: ScoreCell[];
  /** Cells more than one rule matches, with the labels of all matching rules in order. */
  overlaps: { cell: ScoreCell; labels: string[] }[];
  /** Labels of rules that can never match because earlier rules cover all their cells. */
  shadowed: string[];
  /** True when the scheme is usable: for an exclusive scheme, no uncovered cells, no overlaps, no shadowed rules. */
  ok: boolean;
  /** Human-readable problems, each naming cells like "R1 F2 M3" (empty when ok). */
  problems: string[];
  /** Labels of rules that match no score cell at all at the checked bin count (possible only when checking at a bin
   *  count other than `scheme.bins`, where a narrow range can fall between the coarser bins). */
  unreachable?: string[];
  /** Findings that are not errors, e.g. for an ordered scheme the cells that get the fallback and any shadowed rule;
   *  worth showing to the analyst as information or warnings. */
  notes?: string[];
}

/** One entry of the exclusions log. */
export interface ExclusionEntry {
  /** Stable id of the rule: `missingCustomer`, `cancelledInvoice`, `negativeQuantity`, `nonPositivePrice`,
   *  `unparsableDate`, `missingValue` (a required number that is empty or not a number). */
  rule: string;
  /** Human-readable description, e.g. "Rows without a customer id". */
  description: string;
  count: number;
  /** Up to 20 example sheet row numbers. */
  exampleRows: number[];
}

export interface CustomerResult {
  /** Customer id as written, numeric ids without a trailing ".0". */
  id: string;
  /** Timestamp of the first and last purchase (ms wall clock). */
  firstPurchase: number;
  lastPurchase: number;
  recency: number;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  /** Three-digit code like "545" (for bins = 10 the digits are joined with "-": "10-4-5"). */
  rfm: string;
  /** r + f + m. */
  score: number;
  segment: string;
  /** Country of the customer's last transaction, when a country column is mapped. */
  country?: string;
}

export interface SegmentSummary {
  label: string;
  name: string;
  description: string;
  action: string;
  customers: number;
  /** customers / all customers, 0..1 */
  customerShare: number;
  revenue: number;
  /** revenue / total revenue, 0..1 */
  revenueShare: number;
  meanRecency: number;
  meanFrequency: number;
  meanMonetary: number;
}

export interface ScoreEdges {
  /** The edges (or breaks) used for each metric, as computed; for `quantile` these are bins+1 values on the metric
   *  (or on the rank for F). */
  recency: number[];
  frequency: number[];
  monetary: number[];
}

export interface RfmResult {
  /** One entry per scored customer, in ascending customer id order (numeric ids numerically). */
  customers: CustomerResult[];
  /** One entry per segment of the scheme that has customers, in scheme order, the fallback last. */
  segments: SegmentSummary[];
  edges: ScoreEdges;
  exclusions: ExclusionEntry[];
  warnings: string[];
  /** Snapshot timestamp (ms wall clock). */
  snapshot: number;
  /** Resolved column mapping and the header names found. */
  mapping: ColumnMapping;
  headers: string[];
  /** Data rows read, rows kept after cleaning. */
  rowsRead: number;
  rowsUsed: number;
  /** For each data row (input order), the index into `customers` of the customer it counted for, or -1 when the
   *  row was excluded. This is what the Excel adapter uses to fill R/F/M/Segment next to the source rows. */
  rowCustomer: Int32Array;
  scheme: Scheme;
  bins: number;
  scoring: ScoringMethod;
  totalRevenue: number;
}
