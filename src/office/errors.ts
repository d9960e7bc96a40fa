/**
 * Turning what can go wrong in Excel into sentences an analyst can act on.
 *
 * `toActionError(e, doing)` maps: an `OfficeActionError` passes unchanged; the engine's `RfmError` keeps its message
 * (it already names the column and the rows); an Office error (`RichApi.Error` with a `code`) gets a sentence chosen
 * by its code, which, unlike the message, is not localized. The original error is kept as `cause`, its code and
 * message in `details`. Example: `{ code: "AccessDenied" }` while "writing the new columns" becomes "Excel did not
 * allow writing the new columns: the sheet or workbook is protected. ...".
 */
import { isRfmError } from "../rfm/errors";
import { OfficeActionError } from "./types";

/** The shape of `OfficeExtension.Error` that matters here. */
export interface OfficeErrorLike {
  code?: string;
  message?: string;
  debugInfo?: { errorLocation?: string; statement?: string; message?: string };
}

export function officeErrorCode(e: unknown): string | undefined {
  if (e && typeof e === "object" && typeof (e as OfficeErrorLike).code === "string") return (e as OfficeErrorLike).code;
  return undefined;
}

/** Excel's payload limits (web): the request or the response of one sync was too large. */
export function isPayloadLimitError(e: unknown): boolean {
  const code = officeErrorCode(e);
  if (code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded") return true;
  // Some builds report the 5M-cell read cap or an oversized write with these codes.
  return code === "RangeExceedsLimit" || code === "OperationCellsExceedLimit";
}

function detailsOf(e: unknown): string | undefined {
  if (!e || typeof e !== "object") return e === undefined ? undefined : String(e);
  const o = e as OfficeErrorLike;
  const parts: string[] = [];
  if (o.code) parts.push(o.code);
  if (o.message) parts.push(o.message);
  if (o.debugInfo?.errorLocation) parts.push(`at ${o.debugInfo.errorLocation}`);
  return parts.length ? parts.join(": ") : undefined;
}

/** Wraps any error thrown while `doing` something (e.g. "reading the transactions"). */
export function toActionError(e: unknown, doing: string): OfficeActionError {
  if (e instanceof OfficeActionError) return e;
  if (isRfmError(e)) return new OfficeActionError(e.message, { cause: e, details: e.code });
  const code = officeErrorCode(e);
  const details = detailsOf(e);
  const raw =
    e && typeof e === "object" && typeof (e as OfficeErrorLike).message === "string"
      ? (e as OfficeErrorLike).message
      : "";
  let message: string;
  switch (code) {
    case "AccessDenied":
      message = `Excel did not allow ${doing}: the sheet or workbook is protected. Unprotect it (Review > Unprotect Sheet) and run again.`;
      break;
    case "InvalidOperationInCellEditMode":
      message = `Excel is busy while a cell is being edited, so the add-in could not finish ${doing}. Press Enter or Esc and run again.`;
      break;
    case "ItemNotFound":
      message = `Something the add-in needed for ${doing} was not found in the workbook (a sheet or table may have been deleted or renamed while it ran). Run again.`;
      break;
    case "RequestPayloadSizeLimitExceeded":
    case "ResponsePayloadSizeLimitExceeded":
    case "RangeExceedsLimit":
    case "OperationCellsExceedLimit":
      message = `Excel refused a request as too large while ${doing}, even in small pieces. Try Excel desktop, or split the data into smaller sheets.`;
      break;
    case "ApiNotFound":
    case "NotImplemented":
      message = `This version of Excel does not support something needed for ${doing}. Update Excel or use Excel on the web.`;
      break;
    case "InsertDeleteConflict":
      message = `Excel could not finish ${doing} because it would move merged cells, a table or a filter. Remove the conflict next to the data and run again.`;
      break;
    default:
      message = code
        ? `Excel could not finish ${doing}${raw ? `: ${raw}` : ""}.`
        : `Something went wrong while ${doing}${raw ? `: ${raw}` : ""}.`;
  }
  return new OfficeActionError(message, { cause: e, details });
}

/** The error used when the analyst pressed Cancel during a read (nothing was written yet). */
export function isAbortError(e: unknown): boolean {
  return !!e && typeof e === "object" && (e as { name?: string }).name === "AbortError";
}
