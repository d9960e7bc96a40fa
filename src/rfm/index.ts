/**
 * The engine's API: what the doors (task pane and ribbon command, custom functions, CLI) and the tests of the doors
 * use. The engine is pure TypeScript: no Office, React, DOM or Node imports anywhere under src/rfm.
 *
 * Entry points (the only engine paths a door imports; the lint's layer rules enforce it):
 * - `rfm` (this file): analysis, column plan, options, dates, schemes, migration, campaign lists, customer value.
 * - `rfm/types`: the types only (RfmOptions, RfmResult, Scheme, Cell ...), for a module that needs no engine code.
 * - `rfm/sql`: generateSql and its dialects; it loads only the rules the query reproduces (columns, dates,
 *   quantiles, schemes), not the analysis, so `rfm sql` starts quickly.
 * - `rfm/predict`: the prediction models (BG/NBD, Gamma-Gamma), which load their own numerics.
 * Everything else under src/rfm is internal: unit tests under test/rfm may import it directly, nothing else does.
 *
 * The data path: transactions (a TableInput) → columns (planColumns: a ColumnPlan) → rows read and cleaned →
 * per-customer totals → Recency / Frequency / Monetary → scores → segments and their summary (an RfmResult).
 * `analyze` runs it on one table; `createAnalysis` runs it on batches of rows.
 *
 * @example
 *   const result = analyze(sheetValues, normalizeOptions({ snapshot: "2011-12-10", scheme: "tiers4" }));
 *   result.customers[0]; // → { id: "12346", recency: 326, frequency: 1, monetary: 77183.6, r: 1, ... }
 */

export type * from "./types";

// Analysis: the one pipeline, its options and its columns.
export { analyze } from "./analyze";
export { cleanBatch, createAnalysis } from "./analysis";
export { RowCleaner } from "./rowCleaner";
export type { Analysis, AnalysisSetup, AnalysisTimings, CleanedBatch } from "./analysis";
export { normalizeOptions } from "./options";
export type { OptionSettings } from "./options";
export { FIELD_NAMES, missingFields, planColumns, requireColumns, selectColumns, switchedOffFields } from "./columns";
export type { ColumnPlan, MoneyPlan, UsableColumnPlan } from "./columns";
export { DEFAULT_CLEANING } from "./read";

// Errors.
export { RfmError, isRfmError } from "./errors";
export type { RfmErrorCode } from "./errors";
export { checkMapping, FEW_CUSTOMERS, MANY_ROWS } from "./mappingCheck";
export type { MappingCheckOptions, MappingIssue } from "./mappingCheck";
export { EXCEL_ERRORS } from "./excelErrors";

// Dates and ids as the engine reads them.
export { MS_PER_DAY, excelSerialToTimestamp, formatTimestamp, parseSnapshot, timestampToExcelSerial } from "./dates";
export type { DateSystem } from "./dates";
export { normalizeCustomerId } from "./customerId";

// Scoring one value against a population (the RFM.SCORE custom function).
export { binOf, quantileEdges } from "./quantiles";
export { scoreOfBin } from "./score";

// Segment schemes.
export {
  BUILTIN_SCHEMES,
  fallbackLabel,
  listSchemes,
  resolveScheme,
  schemeBins,
  schemeFromJson,
  schemeFromTable,
  schemeToTable,
  segmentInfo,
  segmentLabel,
} from "./schemes";
export type { SegmentInfo } from "./schemes";

// What the doors build on a result: migration between two dates, campaign lists, customer value, CSV text.
export { analyzeAt, compareResults, defaultCompareDate, nameMigration } from "./migration";
export type { Migration, MigrationFlow } from "./migration";
export { campaignCsv, campaignFileName, campaignList } from "./campaign";
export type { CampaignList } from "./campaign";
export { customerValues, segmentValues } from "./customerValue";
export type { CustomerValues } from "./customerValue";
export { csvField } from "./csvText";
