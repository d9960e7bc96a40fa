/**
 * The boundary to Excel's custom-functions runtime: every problem becomes a `CustomFunctions.Error` with a message
 * (Excel shows messages for #VALUE! and #N/A), thrown for the whole formula or placed in one cell of a spilled result.
 *
 * - An `RfmError` (the engine's and the argument readers' one error type) → #VALUE! with its message as it is.
 * - A `FailedCell` inside a result matrix → #VALUE! or #N/A in that cell only.
 * - Anything else is a bug: #VALUE! with "Internal error: …", so that the analyst can report what Excel would
 *   otherwise hide behind a bare #VALUE!.
 *
 * `CustomFunctions` is a global that exists only inside Excel (and in tests that install one); it is read when a
 * function runs, never when this module loads.
 *
 * Example: `excelMatrix([["champions", new FailedCell("r must be …")]])` → `[["champions", CustomFunctions.Error]]`.
 */
import { isRfmError } from "../rfm";
import { FailedCell, type ResultCell } from "./args";

/** Excel's message box is short; keep messages to a readable length. */
const MAX_MESSAGE = 250;

function clip(message: string): string {
  return message.length > MAX_MESSAGE ? message.slice(0, MAX_MESSAGE - 1) + "…" : message;
}

/** The Excel error for one failed cell or one failed formula. */
export function excelError(kind: FailedCell["kind"], message: string): CustomFunctions.Error {
  const code =
    kind === "notAvailable" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
  return new CustomFunctions.Error(code, clip(message));
}

/** Converts a thrown value into the Excel error to throw. */
export function toExcelError(e: unknown): CustomFunctions.Error {
  if (isRfmError(e)) return excelError("value", e.message);
  if (e instanceof FailedCell) return excelError(e.kind, e.message);
  const detail = e instanceof Error ? e.message : String(e);
  return excelError("value", `Internal error: ${detail}`);
}

/** A result matrix with every FailedCell replaced by its Excel error. */
export function excelMatrix(m: ResultCell[][]): unknown[][] {
  const out: unknown[][] = new Array(m.length);
  for (let i = 0; i < m.length; i++) {
    const row = m[i];
    const r: unknown[] = new Array(row.length);
    for (let j = 0; j < row.length; j++) {
      const v = row[j];
      r[j] = v instanceof FailedCell ? excelError(v.kind, v.message) : v;
    }
    out[i] = r;
  }
  return out;
}

/** Runs one formula: its result with per-cell errors converted, or the Excel error for the whole formula thrown. */
export function runFormula(compute: () => ResultCell[][]): unknown[][] {
  let result: ResultCell[][];
  try {
    result = compute();
  } catch (e) {
    throw toExcelError(e);
  }
  return excelMatrix(result);
}
