/**
 * Turning what can go wrong in Excel into sentences an analyst can act on.
 *
 * `toActionError(e, doing)` maps: an `OfficeActionError` passes unchanged; the engine's `RfmError` keeps its message
 * (it already names the column and the rows); an Office error (`RichApi.Error` with a `code`) gets a sentence chosen
 * by its code, which, unlike the message, is not localized. The original error is kept as `cause`, its code and
 * message in `details`. Example: `{ code: "AccessDenied" }` while "writing the new columns" becomes "Excel did not
 * allow writing the new columns: the sheet or workbook is protected. ...".
 */
import { isRfmError } from "../rfm";
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

/** Excel's payload limits (web): the request or the response of one sync was too large. Some builds report the
 *  5M-cell read cap or an oversized write with the last two codes. */
const PAYLOAD_LIMIT_CODES = new Set([
  "RequestPayloadSizeLimitExceeded",
  "ResponsePayloadSizeLimitExceeded",
  "RangeExceedsLimit",
  "OperationCellsExceedLimit",
]);

export function isPayloadLimitError(e: unknown): boolean {
  const code = officeErrorCode(e);
  return code !== undefined && PAYLOAD_LIMIT_CODES.has(code);
}

const tooLarge = (doing: string) =>
  `Excel refused a request as too large while ${doing}, even in small pieces. Try Excel desktop, or split the data into smaller sheets.`;
const unsupported = (doing: string) =>
  `This version of Excel does not support something needed for ${doing}. Update Excel or use Excel on the web.`;

/** The sentence per Office error code (the codes, unlike the messages, are not localized); `doing` is the action. */
const OFFICE_ERRORS: Readonly<Record<string, (doing: string) => string>> = {
  AccessDenied: (doing) =>
    `Excel did not allow ${doing}: the sheet or workbook is protected. Unprotect it (Review > Unprotect Sheet) and run again.`,
  InvalidOperationInCellEditMode: (doing) =>
    `Excel is busy while a cell is being edited, so the add-in could not finish ${doing}. Press Enter or Esc and run again.`,
  ItemNotFound: (doing) =>
    `Something the add-in needed for ${doing} was not found in the workbook (a sheet or table may have been deleted or renamed while it ran). Run again.`,
  ...Object.fromEntries([...PAYLOAD_LIMIT_CODES].map((code) => [code, tooLarge])),
  ApiNotFound: unsupported,
  NotImplemented: unsupported,
  InsertDeleteConflict: (doing) =>
    `Excel could not finish ${doing} because it would move merged cells, a table or a filter. Remove the conflict next to the data and run again.`,
};

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
  const sentence =
    code !== undefined && Object.prototype.hasOwnProperty.call(OFFICE_ERRORS, code) ? OFFICE_ERRORS[code] : undefined;
  let message: string;
  if (sentence) message = sentence(doing);
  else if (code) message = `Excel could not finish ${doing}${raw ? `: ${raw}` : ""}.`;
  else message = `Something went wrong while ${doing}${raw ? `: ${raw}` : ""}.`;
  return new OfficeActionError(message, { cause: e, details });
}

/** The error used when the analyst pressed Cancel during a read (nothing was written yet). */
export function isAbortError(e: unknown): boolean {
  return !!e && typeof e === "object" && (e as { name?: string }).name === "AbortError";
}
