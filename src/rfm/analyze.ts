/**
 * `analyze(table, options)`: transactions in, RFM scores and segments out. The one entry point every door calls.
 *
 * Steps: map the columns (columns.ts) → one pass that reads and cleans the rows into typed arrays (read.ts) →
 * per-customer Recency / Frequency / Monetary (metrics.ts) → 1..bins scores (score.ts) → segments from the scheme's
 * compiled lookup table (schemes/) → per-segment summary (summary.ts). It is `createAnalysis` (analysis.ts) fed the
 * whole table once; the CLI's streaming reader feeds the same pipeline batch by batch.
 *
 * Presets set scoring, scheme and money source together; explicit options win:
 * - `pandas` (default): scoring `quantile`, scheme `rf10`, monetary source `auto` (amount column if mapped, else
 *   quantity × unit price).
 * - `r-rfm`: scoring `r-rfm`, scheme `r-rfm`, and Monetary sums the amount column (the R package works on order
 *   amounts); on line-level data without an amount column it falls back to quantity × unit price rather than fail.
 *
 * Errors (RfmError): emptyTable (no header row or no data rows), missingColumn, badOption, unknownScheme/badScheme,
 * badDate (mixed day/month orders, or unreadable dates with dropUnparsableDates off), noCustomers (every row
 * excluded; the message lists what removed them).
 *
 * Cost: dominated by the one pass over the rows (about 2 Map lookups and one date parse per row); customers and
 * segments are small (`npm run bench`, section "Engine", measures it on the Online Retail data).
 *
 * Example: analyze([["CustomerID","InvoiceNo","InvoiceDate","Quantity","UnitPrice"], [12346, 1, "2011-01-18", 1, 5]])
 *   → one customer "12346": Recency 1, Frequency 1, Monetary 5.
 */

import { analyzeTable, type AnalysisSetup } from "./analysis";
import type { ColumnPlan } from "./columns";
import type { RfmOptions, RfmResult, TableInput } from "./types";

export { resolveOptions } from "./options";
export type { ResolvedOptions } from "./options";
export { rfmCode, scoreCustomers } from "./scoreCustomers";
export type { CustomerValues, ScoreCustomersOptions, ScoredCustomers } from "./scoreCustomers";

/**
 * Transactions in, RFM scores and segments out (see the top of the file).
 * @param table row-major values (header row first, as Excel's Range.values) or a ColumnTable
 * @param options scoring, scheme, cleaning, snapshot, mapping ... (RfmOptions; normalizeOptions builds them)
 * @param columns the column plan, when the caller planned the table's columns already (planColumns on its
 *   headers); `options.mapping` is then not used
 * @param run `keepRows: false` when the caller does not need `rowCustomer` (left empty then); `timings` to be filled
 *   with the milliseconds spent cleaning, aggregating and scoring (see AnalysisSetup)
 * @returns customers (in id order), segments, exclusions, warnings, snapshot, and per row the customer it counted for
 * @throws RfmError: emptyTable, missingColumn, badOption, unknownScheme, badScheme, badDate, noCustomers
 * @example analyze([["CustomerID","InvoiceNo","InvoiceDate","Quantity","UnitPrice"], [12346, 1, "2011-01-18", 1, 5]])
 *   .customers[0] // → { id: "12346", recency: 1, frequency: 1, monetary: 5, ... }
 */
export function analyze(
  table: TableInput,
  options: RfmOptions = {},
  columns?: ColumnPlan,
  run: Pick<AnalysisSetup, "keepRows" | "timings"> = {},
): RfmResult {
  return analyzeTable(table, options, columns, run);
}
