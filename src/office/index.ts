/**
 * The Office adapter: the only place that calls `Excel.run`. One async function per user intent, each returning
 * plain data and throwing `OfficeActionError` with a sentence for the analyst:
 *
 *   detectSource(settings?)             what would be segmented (sheet, rows, mapping, missing fields)
 *   runSegmentation(settings, options)  the whole flow: read, score, write columns, customer sheet, summary, charts
 *   loadSettings() / saveSettings(s)    per-workbook settings (workbook.settings, key "rfm.settings")
 *   readCustomScheme(address)           a custom segment scheme from a sheet range
 *
 * Host: every function takes an optional last argument `host: OfficeHost` (`{ Excel, Office }`). The add-in omits
 * it and office.js' globals are used; tests and the bench pass the in-memory simulation's `createExcelHost()`, e.g.
 * `await runSegmentation({}, {}, createExcelHost(...))` — `RunSummary.syncs` and `elapsedMs` are the figures to report.
 */
export { detectSource } from "./source";
export { runSegmentation } from "./run";
export { loadSettings, saveSettings } from "./settings";
export { readCustomScheme } from "./scheme";
export { MIN_EXCEL_API, type OfficeHost } from "./host";
export * from "./types";
