/**
 * The Office adapter: the only place that calls `Excel.run`. One async function per user intent, each returning
 * plain data and throwing `OfficeActionError` with a sentence for the analyst:
 *
 *   detectSource(settings?)             what would be segmented (sheet, rows, mapping, missing fields)
 *   runSegmentation(settings, options)  the whole flow: read, score, write columns, customer sheet, summary, charts
 *   runPrediction(settings, predict, options)  BG/NBD + Gamma-Gamma: four columns on the customer table and the
 *                                       "RFM Prediction" sheet with its charts (prediction.ts)
 *   loadSettings() / saveSettings(s)    per-workbook settings (workbook.settings, key "rfm.settings")
 *   readCustomScheme(address)           a custom segment scheme from a sheet range
 *   selectSheet(name)                   brings one of the run's sheets to the front
 *
 * Host: every function takes an optional last argument `host: OfficeHost` (`{ Excel, Office }`). The add-in omits
 * it and office.js' globals are used; tests and the bench pass the in-memory simulation's `createExcelHost()`, e.g.
 * `await runSegmentation({}, {}, createExcelHost(...))` — `RunSummary.syncs`, `syncMs` and `elapsedMs` are the figures
 * to report. `benchAdapter(table)` in scripts/bench/benchAdapter.ts does exactly that for `npm run bench` (first run
 * and re-run on a simulated workbook holding the table); it lives outside src/ because it needs the simulation, which
 * nothing in src/ imports.
 *
 * `npm run bench`, section "Excel adapter", runs it on the 541,909-row Online Retail sheet in the simulation (Excel
 * on the web limits, value columns and value table included) and prints, for a first run and a re-run, the wall
 * time, the add-in's own share of it, the syncs (a re-run takes two more, to fingerprint the previous output
 * sheets), the largest request and response, and how many requests were refused as too large.
 */
export { detectSource } from "./workbook";
export { runSegmentation } from "./run";
export { runPrediction, PREDICTION_SHEET, type PredictionSettings, type PredictionSummary } from "./prediction";
export { loadSettings, saveSettings } from "./settings";
export { readCustomScheme } from "./scheme";
export { selectSheet } from "./selectSheet";
export { MIN_EXCEL_API, type OfficeHost } from "./host";
export * from "./types";
