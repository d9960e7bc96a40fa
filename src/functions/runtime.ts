/**
 * Keeps the functions bundle loadable outside Excel. The build appends `CustomFunctions.associate("ID", fn)` calls to
 * functions.ts; inside Excel's shared runtime office.js defines `CustomFunctions` before the bundle runs, but a plain
 * browser page (local preview, demo, a test page that did not set one up) has no such global, and those calls would
 * throw a ReferenceError while the page loads. Only then this installs a stand-in whose `associate` records the
 * functions in `registeredFunctions`, and whose `Error` carries the same code and message as Excel's.
 * A page that provides its own `CustomFunctions` (Excel, the browser end-to-end test) is left untouched.
 */

import { EXCEL_ERROR_CODES, ExcelErrorValue } from "./errorCodes";

type Fn = (...args: never[]) => unknown;

/** Functions registered through the stand-in (empty inside Excel, where the real runtime receives them). */
export const registeredFunctions = new Map<string, Fn>();

/** True when a `CustomFunctions` global is present (Excel's runtime, a test's, or the stand-in). */
export function hasCustomFunctionsGlobal(): boolean {
  return typeof (globalThis as { CustomFunctions?: unknown }).CustomFunctions !== "undefined";
}

export function ensureCustomFunctionsGlobal(): void {
  if (hasCustomFunctionsGlobal()) return;
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = {
    associate(idOrMap: string | Record<string, Fn>, fn?: Fn): void {
      if (typeof idOrMap === "string") {
        if (fn) registeredFunctions.set(idOrMap, fn);
      } else {
        for (const [id, f] of Object.entries(idOrMap)) registeredFunctions.set(id, f);
      }
    },
    Error: ExcelErrorValue,
    ErrorCode: EXCEL_ERROR_CODES,
  };
}
