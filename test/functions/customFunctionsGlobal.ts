/**
 * A minimal stand-in for Excel's `CustomFunctions` global (only `Error`, `ErrorCode` and `associate`), installed
 * for tests of src/functions. Inside Excel the runtime provides the real one. `associated` records what the
 * build's loader would register, for tests that load the bundle.
 */
import { EXCEL_ERROR_CODES, ExcelErrorValue } from "../../src/functions/errorCodes";

export const ErrorCode = EXCEL_ERROR_CODES;
export { ExcelErrorValue as FakeCustomFunctionError };

export const associated = new Map<string, unknown>();

export function installCustomFunctions(): void {
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
    Error: ExcelErrorValue,
    ErrorCode,
    associate: (id: string, fn: unknown) => associated.set(id, fn),
  };
}

installCustomFunctions();

/** The error a custom function threw (fails the test when it returned normally). */
export function thrownBy(fn: () => unknown): ExcelErrorValue {
  try {
    fn();
  } catch (e) {
    if (e instanceof ExcelErrorValue) return e;
    throw new Error(`expected a CustomFunctions.Error, got ${String(e)}`);
  }
  throw new Error("expected the function to throw a CustomFunctions.Error, but it returned");
}
