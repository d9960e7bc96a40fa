/**
 * Where the adapter finds Excel and Office.
 *
 * Every public adapter function takes an optional last argument `host`. In the add-in it is omitted and the globals
 * `Excel` and `Office` that office.js defines are used. Tests and the bench pass the in-memory simulation instead
 * (`createExcelHost()` returns `{ Excel, Office, ... }`, which fits `OfficeHost`), so nothing global has to be patched
 * and two simulated workbooks can live side by side. Example:
 *
 *   const host = createExcelHost();              // simulation
 *   await runSegmentation({}, {}, host);          // the same code the ribbon button runs
 */
import { OfficeActionError } from "./types";

/** The part of `Excel` the adapter calls: `Excel.run` with a batch function. */
export interface ExcelLike {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

/** The part of `Office` the adapter reads: requirement sets, and the pane for the ribbon command. */
export interface OfficeLike {
  context?: {
    requirements?: { isSetSupported(name: string, minVersion?: string): boolean };
  };
  addin?: { showAsTaskpane(): Promise<void> };
}

export interface OfficeHost {
  Excel: ExcelLike;
  Office?: OfficeLike;
}

/** The host to use: the one passed in, else office.js' globals. */
export function resolveHost(host?: OfficeHost): OfficeHost {
  if (host) return host;
  const g = globalThis as { Excel?: ExcelLike; Office?: OfficeLike };
  if (!g.Excel || typeof g.Excel.run !== "function") {
    throw new OfficeActionError("Excel is not available here. Open the add-in inside Excel (desktop or on the web).");
  }
  return { Excel: g.Excel, Office: g.Office };
}

/** Minimum ExcelApi the adapter needs: `getRangeByIndexes` and `freezePanes` (1.7), workbook settings and
 *  `*OrNullObject` (1.4), conditional formats (1.6). */
export const MIN_EXCEL_API = "1.7";

/** Whether an ExcelApi requirement set is supported. Without `Office.context.requirements` (a test host that does not
 *  model it) we assume yes, since the call itself will fail clearly if not. */
export function apiSupported(host: OfficeHost, version: string): boolean {
  const req = host.Office?.context?.requirements;
  if (!req || typeof req.isSetSupported !== "function") return true;
  try {
    return req.isSetSupported("ExcelApi", version);
  } catch {
    return false;
  }
}

/** The Excel versions that can load the add-in: those with SharedRuntime 1.1, which the manifest requires (the
 *  ExcelApi 1.7 the adapter needs comes with all of them). Excel 2019 and 2016 lack the shared runtime. */
export const SUPPORTED_EXCEL =
  "(Excel on the web, Excel for Microsoft 365 on Windows version 2002 or later or on Mac 16.35 or later, " +
  "or Excel 2021 or later)";

/** Throws an analyst-readable error when Excel is older than the adapter's minimum. */
export function requireMinimumApi(host: OfficeHost): void {
  if (!apiSupported(host, MIN_EXCEL_API)) {
    throw new OfficeActionError(
      `This version of Excel is too old for the RFM add-in: it needs the Excel JavaScript API ${MIN_EXCEL_API} or later ` +
        SUPPORTED_EXCEL +
        ". Update Excel, or use Excel on the web.",
    );
  }
}
