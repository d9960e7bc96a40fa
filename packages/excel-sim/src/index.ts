/**
 * In-memory simulation of the Excel JavaScript API (Excel on the web by default), for Jest and for the browser demo
 * and end-to-end test. Pure TypeScript: no Node or DOM imports.
 *
 * ## Start a host
 *   const host = createExcelHost({ apiVersion: "1.12", slicersFail: false, limits: { requestBytes: 5_000_000 } });
 *   host.installGlobals();               // globalThis.Excel / Office / OfficeExtension = this host (returns undo)
 *   host.loadSheet("Online Retail", { headers, columns });   // preload without the API (541,909 rows: fast)
 *   await Excel.run(async (context) => { ... });               // adapter code, typed by @types/office-js
 *   host.stats   // { syncs, failedSyncs, commands, maxRequestBytes, maxResponseBytes, cellsRead, cellsWritten,
 *                //   suspendScreenUpdatingCalls, perSync: [{ requestBytes, responseBytes, commands, error? }] }
 *   host.snapshot(); host.readSheetValues("RFM Customers", "A1:K5"); host.chartData("RFM Summary", 0);
 *   host.actions / host.triggerAction("segmentCustomers")   // ribbon functions registered with Office.actions.associate
 *
 * Options: apiVersion (ExcelApi, default "1.17"), platform ("OfficeOnline" | "PC" | "Mac"), limits (requestBytes,
 * responseBytes, readCells, operationCells, commandOverheadBytes, objectOverheadBytes, loadOverheadBytes),
 * slicersFail, date1904 (a workbook in the 1904 date system: `text` of date cells shows serial + 1,462 days; no
 * API member reveals it, as in Excel), oversizedRead ("throw" default | "null": a read over limits.readCells syncs and reads null, which
 * Excel documents as an alternative to the error), requirementSets (SharedRuntime 1.1 etc.), workbook (reuse a
 * WorkbookModel = reopen a file),
 * recordStatements, syncDelay ("macrotask" default | "microtask" | ms).
 *
 * Inspection without load/sync (tests, demo): loadSheet(wb, name, rows | { headers, columns }, { numberFormats,
 * startRow, startColumn, activate }), readSheetValues(wb, sheet, address?, kind?), readColumn(wb, sheet, col, from,
 * to), snapshot(wb), getChartData(wb, sheet, chart), chartData(chartModel); WorkbookModel.onChange(listener) for a
 * viewer; host.onSync(listener) with per-sync records (statements too with recordStatements).
 *
 * ## Semantics worth knowing
 * - Proxies are instantiated lazily, as office.js does: `getItem("missing")` fails the sync only once something is
 *   loaded, set or called on it (or on a child); `*OrNullObject` objects answer `isNullObject` after the next sync.
 * - Writes are typed as Excel types input (en-US): "555" becomes the number 555, "TRUE" a boolean, "2011-12-09" a
 *   date serial, "=..." a formula, unless the cell's numberFormat is "@" or the text starts with an apostrophe.
 * - Reads: "" for empty cells, numbers, strings, booleans, error text; `text` formats with the number format.
 * - A failing command rejects the sync (SimError: code, message, debugInfo.statement/errorLocation/simDetail);
 *   earlier commands stay applied, later ones are dropped, loads of that batch are not delivered.
 * - Requirement sets: members newer than `apiVersion` reject the sync with ApiNotFound.
 * - Performance: per-column storage (numbers in Float64Arrays), no per-cell objects, so a whole Online Retail sheet
 *   loads and is written in blocks quickly (`npm run bench`, section "Excel adapter"). Under Jest every global
 *   lookup (Math, Number, Array) is slow, so hot loops use local copies (fast.ts).
 *
 * ## What is modelled (objects use the real API's names; unknown members throw SimUnknownMemberError at once)
 * - RequestContext: sync (deferred queue, payload limits, stats), load, trace, workbook, application, trackedObjects.
 * - Workbook: worksheets, tables, application, settings (1.4), slicers (1.10), customXmlParts (1.5), names,
 *   getSelectedRange, getActiveCell (1.7).
 * - Application: calculationMode, suspendApiCalculationUntilNextSync (1.6), suspendScreenUpdatingUntilNextSync (1.9).
 * - WorksheetCollection: getItem, getItemOrNullObject (1.4), add, getActiveWorksheet, getFirst/getLast (1.5),
 *   getCount (1.4), items.
 * - Worksheet: name, id, position, visibility, tabColor, showGridlines; getRange, getRangeByIndexes (1.7), getCell,
 *   getUsedRange (blank sheet → A1), getUsedRangeOrNullObject (1.4), activate, delete, getNext/getPrevious,
 *   tables, charts, freezePanes (1.7), customProperties (1.12), slicers (1.10).
 * - Range: address, values, formulas, numberFormat, text, valueTypes, rowCount, columnCount, rowIndex,
 *   columnIndex, cellCount, isEntireColumn/Row, top/left/width/height; getCell, getRow, getColumn, getOffsetRange,
 *   getResizedRange, getAbsoluteResizedRange, getRowsAbove/Below, getColumnsBefore/After, getEntireColumn/Row,
 *   getLastCell/Row/Column, getIntersection(OrNullObject), getBoundingRect, getUsedRange(OrNullObject),
 *   getSurroundingRegion, clear, insert, delete, select; format (columnWidth, rowHeight, alignment, wrapText,
 *   font, fill, borders, autofitColumns); conditionalFormats (1.6: ColorScale, DataBar, CellValue, Custom,
 *   IconSet, PresetCriteria, ContainsText, TopBottom).
 * - Tables: add (overlap → MergedRangeConflict; names unique workbook-wide), getItem(OrNullObject), getItemAt,
 *   getCount, count; Table name/style/show*; getRange, getDataBodyRange, getHeaderRowRange, delete,
 *   convertToRange, resize; columns.add(index?, values incl. header, name?), getItem(name|id), delete, values;
 *   rows.add, getItemAt, values; sort.apply; column filter criteria (recorded).
 * - Charts: add(type, Range, seriesBy), getItem(OrNullObject), getItemAt; Chart name, chartType, top/left/width/
 *   height, setPosition, setData, delete, title, legend, dataLabels, axes (category/value title etc.), series
 *   (name, hasDataLabels, chartType, getDimensionValues, format.fill.setSolidColor), series points (count,
 *   getItemAt, value, format.fill.setSolidColor/clear). `chartData()` gives what a chart shows from its current
 *   cells, rows hidden by table filters left out (Excel plots visible cells only by default).
 * - Slicers (1.10): add(table|name, field, destination), items, selectItems, getSelectedItems; `slicersFail`.
 * - Settings (1.4), worksheet custom properties (1.12), custom XML parts (1.5), named items.
 * - Office: onReady, context.requirements.isSetSupported, context.document.settings (get/set/remove/saveAsync/
 *   refreshAsync), actions.associate, addin.showAsTaskpane/hide/onVisibilityModeChanged, HostType, EventType.
 * - Enums: Excel.ChartType, ChartSeriesBy, ConditionalFormatType, ConditionalFormatColorCriterionType, ErrorCodes,
 *   HorizontalAlignment, ... (enums.ts); members and their strings are both accepted.
 *
 * ## Not modelled
 * Formula calculation in `Range.values` (a formula cell reads as its formula text; calc.ts calculates a small set of
 * functions for inspection, `calculateRange` / `host.calculate`, and for charts and the demo), merged cells, row
 * hiding by filters in `Range` reads (calc.ts honours Values filters), PivotTables, totals rows, tables without headers (showHeaders = false), events (onChanged ...),
 * data validation, comments, shapes, protection, R1C1 formulas, chart points beyond their fill, trendlines,
 * secondary axes, worksheet-scoped names, undo. Payload sizes are estimates (fixed per-command/object overheads plus the JSON size of
 * arguments and loaded values), not Excel's exact wire format.
 */
export { createExcelHost } from "./host";
export type {
  ExcelHost,
  ExcelHostOptions,
  SimActionEvent,
  SimExcelNamespace,
  SimOffice,
  SimOfficeExtension,
  SimDocumentSettings,
  RunBatch,
} from "./host";
export { DEFAULT_LIMITS, SimRequestContext, SimObject, SimClientResult, emptyStats } from "./runtime";
export {
  SimWorkbook,
  SimApplication,
  SimWorksheetCollection,
  SimWorksheet,
  SimWorksheetFreezePanes,
  SimWorksheetCustomPropertyCollection,
  SimWorksheetCustomProperty,
  SimSettingCollection,
  SimSetting,
  SimCustomXmlPartCollection,
  SimCustomXmlPart,
  SimNamedItemCollection,
  SimNamedItem,
} from "./api/sheets";
export {
  SimRange,
  SimRangeFormat,
  SimRangeFont,
  SimRangeFill,
  SimConditionalFormatCollection,
  SimConditionalFormat,
} from "./api/range";
export {
  SimTableCollection,
  SimTable,
  SimTableColumnCollection,
  SimTableColumn,
  SimTableRowCollection,
  SimTableRow,
  SimTableSort,
  SimFilter,
} from "./api/tables";
export {
  SimChartCollection,
  SimChart,
  SimChartAxes,
  SimChartSeriesCollection,
  SimChartSeries,
  SimChartPointsCollection,
  SimChartPoint,
} from "./api/charts";
export {
  SimSlicerCollection,
  SimSlicer,
  SimSlicerItemCollection,
  SimSlicerItem,
  selectSlicerItemsAsUser,
  slicerItemKeys,
} from "./api/slicers";
export type { Meta, SimLimits, SimStats, SyncRecord } from "./runtime";
export { SimError, SimUnknownMemberError, ERROR_MESSAGES, SHAPE_MISMATCH_MESSAGE } from "./errors";
export { WorkbookModel, SheetModel, DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT } from "./model";
export type { TableModel, ChartModel, ConditionalFormatModel, SlicerModel, StyleProps } from "./model";
export { loadSheet, readSheetValues, readColumn, snapshot, getChartData } from "./inspect";
export type { Cell, ColumnsData, LoadSheetOptions, WorkbookSnapshot, SheetSnapshot, TableSnapshot } from "./inspect";
export { chartData } from "./chartdata";
export {
  calculateRange,
  calculatedBlock,
  rowHiddenByFilter,
  rowsHiddenByFilters,
  SimFormulaUnsupportedError,
} from "./calc";
export { textWidth, lineHeight, wrappedLines, CELL_PADDING } from "./autofit";
export type { ChartData, ChartSeriesData } from "./chartdata";
export { enums } from "./enums";
export * as ExcelEnums from "./enums";
export { formatCell, dateToSerial, serialToParts, CellError } from "./cellvalue";
export { parseA1, formatAddress, columnLetters, columnIndex, MAX_ROWS, MAX_COLUMNS } from "./address";
export type { Rect } from "./address";
export { jsonBytes } from "./payload";
