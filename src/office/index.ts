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
 * `await runSegmentation({}, {}, createExcelHost(...))` — `RunSummary.syncs`, `syncMs` and `elapsedMs` are the figures
 * to report. `benchAdapter(table)` in scripts/bench/benchAdapter.ts does exactly that for `npm run bench` (first run
 * and re-run on a simulated workbook holding the table); it lives outside src/ because it needs the simulation, which
 * nothing in src/ imports.
 *
 * Measured on the 541,909-row Online Retail sheet in the simulation (Excel on the web limits, plain Node; value
 * columns and value table included; `npm run bench`, section "Excel adapter"): 32 syncs on the first run, 34 on a
 * re-run (2 more to fingerprint the previous output sheets); largest request 3.2 MB, largest response 2.7 MB, none
 * refused; about 1.0-1.25 s for the first run (cold JIT; 0.35-0.6 s of it the add-in's own time: reading into columns,
 * the engine, building the writes) and 0.63 s for a re-run (0.25 s the add-in's), the rest the simulated Excel's,
 * on a shared 2-core machine at load 3-4.
 */
export { detectSource } from "./source";
export { runSegmentation } from "./run";
export { loadSettings, saveSettings } from "./settings";
export { readCustomScheme } from "./scheme";
export { MIN_EXCEL_API, type OfficeHost } from "./host";
export * from "./types";
