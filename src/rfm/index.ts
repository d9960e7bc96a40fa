/**
 * The engine's public API: everything the doors (task pane and ribbon command, custom functions, CLI) need.
 * The engine is pure TypeScript: no Office, React, DOM or Node imports anywhere under src/rfm.
 *
 * Example: `const result = analyze(sheetValues, { snapshot: "2011-12-10" })` → result.customers, result.segments.
 */

export * from "./types";
export { RfmError, isRfmError } from "./errors";
export type { RfmErrorCode } from "./errors";

export { analyze, resolveOptions, rfmCode, scoreCustomers } from "./analyze";
export { normalizeOptions } from "./options";
export type { OptionSettings } from "./options";
export type { CustomerValues, ResolvedOptions, ScoreCustomersOptions, ScoredCustomers } from "./analyze";
export { createAnalysis } from "./analysis";
export type { Analysis, AnalysisSetup } from "./analysis";
export {
  FIELD_ALIASES,
  FIELD_NAMES,
  headerWithoutUnit,
  normalizeHeader,
  planColumns,
  requireColumns,
  resolveColumns,
  resolveMoney,
  selectColumns,
  switchedOffFields,
} from "./columns";
export type { ColumnPlan, MoneyPlan, ResolveOptions, UsableColumnPlan } from "./columns";
export { checkMapping, FEW_CUSTOMERS, MANY_ROWS } from "./mappingCheck";
export type { MappingCheckOptions, MappingIssue } from "./mappingCheck";
export {
  MS_PER_DAY,
  daysFromCivil,
  detectDateOrder,
  excelSerialToTimestamp,
  formatTimestamp,
  parseDateCell,
  parseDateText,
  parseFixedIso,
  parseSnapshot,
  timestampToExcelSerial,
  wallClock,
} from "./dates";
export type { DateOrderDetection, DateReadOptions, DateSystem } from "./dates";
export { compareCustomerIds, normalizeCustomerId, sortCustomerOrder } from "./customerId";
export { EXCEL_ERRORS } from "./excelErrors";
export { DEFAULT_CLEANING, cellNumber, readRows, viewTable } from "./read";
export type { CleanRows, ReadOptions, TableView } from "./read";
export { accumulateRows, computeMetrics, growTotals, metricsFromTotals, newTotals, settleCountries } from "./metrics";
export type { CustomerMetrics, CustomerTotals, MetricsCore, MetricsOptions } from "./metrics";
export { binOf, binValues, lerp, percentileSorted, qcutProbabilities, quantileEdges } from "./quantiles";
export { rankFirst } from "./rank";
export {
  binsToScores,
  checkBins,
  checkCutPoints,
  scoreFixed,
  scoreMetrics,
  scoreOfBin,
  scoreQuantile,
  scoreRankFirst,
} from "./score";
export type { Metric, MetricScores, MetricValues, ScoreOptions, Scores } from "./score";
export { scoreRrfm, rQuantilesType7 } from "./rBins";
export type { RrfmBins } from "./rBins";
export { summarizeSegments } from "./summary";
export type { SummaryInput } from "./summary";
export * from "./schemes";
