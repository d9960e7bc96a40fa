/**
 * The engine's one error type. Every problem with the user's input is an `RfmError` whose message is written for the
 * analyst (which column, which row, what was expected), so that every door can show `error.message` as it is:
 * the task pane in a message bar, the CLI as its one-line message, the custom functions inside `#VALUE!`.
 */
export type RfmErrorCode =
  | "missingColumn"
  | "emptyTable"
  | "badDate"
  | "badNumber"
  | "badOption"
  | "badScheme"
  | "noCustomers"
  | "unknownScheme";

export class RfmError extends Error {
  readonly code: RfmErrorCode;
  /** Sheet row numbers the problem was found in (first few), when it is about rows. */
  readonly rows: number[];
  /** The column (header) the problem is about, when there is one. */
  readonly column?: string;

  constructor(code: RfmErrorCode, message: string, details: { rows?: number[]; column?: string } = {}) {
    super(message);
    this.name = "RfmError";
    this.code = code;
    this.rows = details.rows ?? [];
    this.column = details.column;
  }
}

/**
 * Whether a caught value is the engine's error (with a code, example rows and a column for the message).
 * @param e anything caught
 * @returns true for an RfmError
 * @example try { analyze([]) } catch (e) { isRfmError(e) && e.code } // → "emptyTable"
 */
export function isRfmError(e: unknown): e is RfmError {
  return e instanceof RfmError;
}
