/**
 * Errors of the Excel simulation, shaped like `OfficeExtension.Error` as Excel raises it: `name` "RichApi.Error",
 * a `code` string that is never localized (match on it), Excel's English `message`, and `debugInfo` with
 * `code`, `message`, `errorLocation` (object type and member) and `statement` (the queued command that failed).
 *
 * Excel's messages are generic ("The argument is invalid or missing or has an incorrect format."), so the
 * simulation adds what the real host would not say in `debugInfo.simDetail` (which argument, which address):
 * useful when a test fails, never something adapter code should depend on.
 *
 * Example: `throw simError("ItemNotFound", "WorksheetCollection.getItem", "No sheet named 'Data'")`.
 */

/** Excel's English messages for the codes the simulation raises. */
export const ERROR_MESSAGES: Record<string, string> = {
  InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
  ItemNotFound: "The requested resource doesn't exist.",
  ItemAlreadyExists: "The resource being created already exists.",
  GeneralException: "There was an internal error while processing the request.",
  InvalidOperation: "The operation attempted is invalid on the object.",
  InvalidReference: "This reference isn't valid for the current operation.",
  InsertDeleteConflict: "The insert or delete operation attempted resulted in a conflict.",
  NotImplemented: "The requested feature isn't implemented.",
  ApiNotFound:
    "The API you are trying to use could not be found. It may be available in a newer version of Excel. See the Excel JavaScript API requirement sets article for more information.",
  RequestPayloadSizeLimitExceeded:
    "The request payload size has exceeded the limit. See the Resource limits and performance optimization for Office Add-ins article for more information.",
  ResponsePayloadSizeLimitExceeded:
    "The response payload size has exceeded the limit. See the Resource limits and performance optimization for Office Add-ins article for more information.",
  RangeExceedsLimit:
    "The cell count in the range has exceeded the maximum supported number. See the Resource limits and performance optimization for Office Add-ins article for more information.",
  OperationCellsExceedLimit:
    "The attempted operation affects more than the 33554000 cell limit. See the Resource limits and performance optimization for Office Add-ins article for more information.",
  MergedRangeConflict:
    "A table can't overlap with another table, a PivotTable report, query results, merged cells, or an XML Map.",
  InvalidRequestContext: "Cannot use the object across different request contexts.",
  InvalidObjectPath:
    'The object path isn\'t working for what you\'re trying to do. If you\'re using the object across multiple "context.sync" calls and outside the sequential execution of a ".run" batch, please use the "context.trackedObjects.add()" and "context.trackedObjects.remove()" methods to manage the object\'s lifetime.',
  ValueNotLoaded:
    'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
  EmptyChartSeries: "The attempted operation failed because the chart series is empty.",
};

/** Excel's message for a shape mismatch between a written 2-D array and the range (gh:OfficeDev/office-js#1025). */
export const SHAPE_MISMATCH_MESSAGE =
  "The number of rows or columns in the input array doesn't match the size or dimensions of the range.";

export interface SimDebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
  statement?: string;
  surroundingStatements?: string[];
  /** Simulation only: what exactly was wrong (real Excel does not say). */
  simDetail?: string;
}

/** Structurally an `OfficeExtension.Error`. */
export class SimError extends Error {
  code: string;
  debugInfo: SimDebugInfo;
  traceMessages: string[] = [];
  innerError: SimError | null = null;

  constructor(code: string, message: string, debugInfo: Partial<SimDebugInfo> = {}) {
    super(message);
    // Excel's errors report this name (gh:OfficeDev/office-js#190), not "OfficeExtension.Error".
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, ...debugInfo };
  }

  toString(): string {
    return `${this.name}: ${this.message}`;
  }
}

/** An error with Excel's message for `code`; `detail` goes to `debugInfo.simDetail`. */
export function simError(code: string, errorLocation?: string, detail?: string, message?: string): SimError {
  return new SimError(code, message ?? ERROR_MESSAGES[code] ?? code, { errorLocation, simDetail: detail });
}

/** The error Excel throws from a property getter that was not loaded (gh:OfficeDev/office-js#190). */
export function propertyNotLoaded(typeName: string, property: string): SimError {
  return new SimError(
    "PropertyNotLoaded",
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    { errorLocation: `${typeName}.${property}` },
  );
}

/** Thrown at once (not at sync) when code touches a member the simulation does not have: a misspelling, or a
 *  real API member this simulation does not model. Either way the adapter must not silently get `undefined`. */
export class SimUnknownMemberError extends Error {
  constructor(typeName: string, member: string, action: "read" | "write") {
    super(
      `Excel.${typeName} has no member '${member}' in the Excel simulation (${action}): it is misspelt, or a part of the Excel API the simulation does not model.`,
    );
    this.name = "SimUnknownMemberError";
  }
}
