/**
 * The `scheme` argument of RFM.SEGMENT, RFM.ACTION, RFM.SEGMENTS and RFM.TABLE.
 *
 * - omitted or an empty cell → the default scheme (rf10);
 * - one cell with text → a built-in scheme id (rf10, tiers4, r-rfm; case and spaces ignored);
 * - a larger range → a rules table in the layout =RFM.SEGMENTS() spills (Segment, R from, R to, F from, F to, M from,
 *   M to, Description, Action; header row first), read by the engine's `schemeFromTable` as an ordered scheme
 *   (first match wins, a last row without ranges is the fallback label).
 * Anything else (a number, TRUE) is a #VALUE! naming what was expected.
 *
 * Cost: built-ins are shared objects (their compiled lookup is cached by the engine); a rules range is parsed and
 * checked on every call (bins³ = 125 cells, microseconds).
 *
 * Example: `readScheme([["tiers4"]]).id` → "tiers4".
 */
import { isRfmError, resolveScheme, RfmError, schemeFromTable, type Cell, type Scheme } from "../rfm";
import { argumentError, isOmitted, show, toMatrix } from "./args";

export function readScheme(arg: unknown): Scheme {
  if (isOmitted(arg)) return resolveScheme(undefined);
  const m = toMatrix(arg, "scheme");
  if (m.length === 1 && m[0].length === 1) {
    const v = m[0][0];
    if (typeof v !== "string") {
      return argumentError(
        `scheme must be a scheme id (rf10, tiers4, r-rfm) or a rules range like =RFM.SEGMENTS() spills; got ${show(v)}.`,
      );
    }
    return resolveScheme(v);
  }
  try {
    return schemeFromTable(m as Cell[][]);
  } catch (e) {
    // The engine counts rows from the header row = row 1; say that they are rows of the range, not of the sheet.
    if (isRfmError(e)) throw new RfmError(e.code, `In the scheme range (rows counted from its top): ${e.message}`);
    throw e;
  }
}

/** True when some rule constrains M, so that M scores are needed to label customers. */
export function usesMonetary(scheme: Scheme): boolean {
  return scheme.rules.some((rule) => rule.m !== undefined);
}
