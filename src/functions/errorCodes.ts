/**
 * Excel's error values for custom functions, under the names `CustomFunctions.ErrorCode` gives them, and the shape
 * of a `CustomFunctions.Error` (a code and a message). Inside Excel the runtime supplies both; this is the product's
 * one copy for everywhere else: the stand-in global of a plain page (runtime.ts), the demo page's host and the tests'
 * fake global. The workbook simulation keeps its own list of error literals, since it imitates Excel and never
 * imports the product.
 */
export const EXCEL_ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
  busy: "#BUSY!",
  connect: "#CONNECT!",
  gettingData: "#GETTING_DATA",
} as const;

/** What `new CustomFunctions.Error(code, message)` makes, for a `CustomFunctions` global that is not Excel's. */
export class ExcelErrorValue {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}
