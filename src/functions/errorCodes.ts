/**
 * The custom functions' side of Excel's error values: the `CustomFunctions.ErrorCode` table and the shape of a
 * `CustomFunctions.Error` (a code and a message). Inside Excel the runtime supplies both; these are for everywhere
 * else: the stand-in global of a plain page (runtime.ts), the demo page's host and the tests' fake global. The
 * values come from the engine's one table (`EXCEL_ERRORS`); the workbook simulation keeps its own list, since it
 * imitates Excel and never imports the product.
 */
import { EXCEL_ERRORS } from "../rfm";

/** `CustomFunctions.ErrorCode`: the error values a custom function may return. */
export const EXCEL_ERROR_CODES = {
  invalidValue: EXCEL_ERRORS.invalidValue,
  notAvailable: EXCEL_ERRORS.notAvailable,
  divisionByZero: EXCEL_ERRORS.divisionByZero,
  invalidNumber: EXCEL_ERRORS.invalidNumber,
  nullReference: EXCEL_ERRORS.nullReference,
  invalidName: EXCEL_ERRORS.invalidName,
  invalidReference: EXCEL_ERRORS.invalidReference,
  busy: EXCEL_ERRORS.busy,
  connect: EXCEL_ERRORS.connect,
  gettingData: EXCEL_ERRORS.gettingData,
} as const;

/** What `new CustomFunctions.Error(code, message)` makes, for a `CustomFunctions` global that is not Excel's. */
export class ExcelErrorValue {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}
