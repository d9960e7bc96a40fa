/**
 * Excel's error values, the product's one table of them, keyed by the names `CustomFunctions.ErrorCode` uses where
 * it has one. An error cell of a workbook reads as this text.
 *
 * Used by: customer ids (customerId.ts: an error value names no customer), the generated SQL (sql/generate.ts: the
 * same rule in the query) and the custom functions (src/functions/errorCodes.ts: the values they answer with).
 *
 * @example EXCEL_ERRORS.notAvailable // "#N/A"
 */
export const EXCEL_ERRORS = {
  nullReference: "#NULL!",
  divisionByZero: "#DIV/0!",
  invalidValue: "#VALUE!",
  invalidReference: "#REF!",
  invalidName: "#NAME?",
  invalidNumber: "#NUM!",
  notAvailable: "#N/A",
  gettingData: "#GETTING_DATA",
  spill: "#SPILL!",
  calc: "#CALC!",
  field: "#FIELD!",
  blocked: "#BLOCKED!",
  connect: "#CONNECT!",
  busy: "#BUSY!",
  unknown: "#UNKNOWN!",
  external: "#EXTERNAL!",
  python: "#PYTHON!",
} as const;

/** Every error value's text, as Excel spells it. */
export const EXCEL_ERROR_VALUES: readonly string[] = Object.values(EXCEL_ERRORS);
