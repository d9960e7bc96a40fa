/**
 * The simulation against @types/office-js (EXCEL_FACTS, "five things" #5).
 *
 * Compile time (`npm run typecheck`): for each listed method, the simulation's class must have it and accept every
 * argument list the real method accepts — `expectNever<Mismatches<...>>()` names the first method that does not.
 * Run time: every listed member (methods, properties, navigation properties) exists on the proxies, and members the
 * simulation does not have throw instead of reading `undefined`.
 */
import {
  createExcelHost,
  SimApplication,
  SimChart,
  SimChartCollection,
  SimChartPointsCollection,
  SimConditionalFormat,
  SimConditionalFormatCollection,
  SimCustomXmlPart,
  SimCustomXmlPartCollection,
  SimFilter,
  SimRange,
  SimRangeFormat,
  SimRequestContext,
  SimSetting,
  SimSettingCollection,
  SimSlicer,
  SimSlicerCollection,
  SimTable,
  SimTableCollection,
  SimTableColumn,
  SimTableColumnCollection,
  SimTableRowCollection,
  SimTableSort,
  SimUnknownMemberError,
  SimWorkbook,
  SimWorksheet,
  SimWorksheetCollection,
  SimWorksheetCustomPropertyCollection,
  SimWorksheetFreezePanes,
} from "../src";

type Params<F> = F extends (...args: infer A) => unknown ? A : never;
/** The listed methods whose real argument lists the simulation does not accept (never when all do). */
type Mismatches<Real, Sim, K extends keyof Real & keyof Sim> = {
  [P in K]: Params<Real[P]> extends Params<Sim[P]> ? never : P;
}[K];
// eslint-disable-next-line @typescript-eslint/no-unused-vars
function expectNever<T extends never>(): void {}

expectNever<Mismatches<Excel.RequestContext, SimRequestContext, "sync" | "load" | "trace">>();
expectNever<Mismatches<Excel.Workbook, SimWorkbook, "getSelectedRange" | "getActiveCell" | "load">>();
expectNever<
  Mismatches<
    Excel.Application,
    SimApplication,
    "suspendApiCalculationUntilNextSync" | "suspendScreenUpdatingUntilNextSync" | "calculate"
  >
>();
expectNever<
  Mismatches<
    Excel.WorksheetCollection,
    SimWorksheetCollection,
    "getItem" | "getItemOrNullObject" | "add" | "getActiveWorksheet" | "getFirst" | "getLast" | "getCount" | "load"
  >
>();
expectNever<
  Mismatches<
    Excel.Worksheet,
    SimWorksheet,
    | "getRange"
    | "getRangeByIndexes"
    | "getCell"
    | "getUsedRange"
    | "getUsedRangeOrNullObject"
    | "activate"
    | "delete"
    | "getNext"
    | "getNextOrNullObject"
    | "getPrevious"
    | "getPreviousOrNullObject"
    | "calculate"
    | "load"
  >
>();
expectNever<
  Mismatches<
    Excel.Range,
    SimRange,
    | "getCell"
    | "getRow"
    | "getColumn"
    | "getRowsAbove"
    | "getRowsBelow"
    | "getColumnsBefore"
    | "getColumnsAfter"
    | "getOffsetRange"
    | "getResizedRange"
    | "getAbsoluteResizedRange"
    | "getEntireColumn"
    | "getEntireRow"
    | "getLastCell"
    | "getLastRow"
    | "getLastColumn"
    | "getBoundingRect"
    | "getIntersection"
    | "getIntersectionOrNullObject"
    | "getUsedRange"
    | "getUsedRangeOrNullObject"
    | "getSurroundingRegion"
    | "clear"
    | "delete"
    | "insert"
    | "select"
    | "calculate"
    | "load"
  >
>();
expectNever<Mismatches<Excel.RangeFormat, SimRangeFormat, "autofitColumns" | "autofitRows" | "load">>();
expectNever<
  Mismatches<
    Excel.WorksheetFreezePanes,
    SimWorksheetFreezePanes,
    "freezeRows" | "freezeColumns" | "freezeAt" | "unfreeze" | "getLocation" | "getLocationOrNullObject"
  >
>();
expectNever<
  Mismatches<
    Excel.TableCollection,
    SimTableCollection,
    "add" | "getItem" | "getItemOrNullObject" | "getItemAt" | "getCount" | "load"
  >
>();
expectNever<
  Mismatches<
    Excel.Table,
    SimTable,
    | "getRange"
    | "getDataBodyRange"
    | "getHeaderRowRange"
    | "getTotalRowRange"
    | "delete"
    | "convertToRange"
    | "clearFilters"
    | "reapplyFilters"
    | "resize"
    | "load"
  >
>();
expectNever<
  Mismatches<
    Excel.TableColumnCollection,
    SimTableColumnCollection,
    "add" | "getItem" | "getItemOrNullObject" | "getItemAt" | "getCount"
  >
>();
expectNever<
  Mismatches<
    Excel.TableColumn,
    SimTableColumn,
    "getRange" | "getDataBodyRange" | "getHeaderRowRange" | "getTotalRowRange" | "delete"
  >
>();
expectNever<Mismatches<Excel.TableRowCollection, SimTableRowCollection, "add" | "getItemAt" | "getCount">>();
expectNever<Mismatches<Excel.TableSort, SimTableSort, "apply" | "clear" | "reapply">>();
expectNever<
  Mismatches<
    Excel.Filter,
    SimFilter,
    "apply" | "applyValuesFilter" | "applyTopItemsFilter" | "applyBottomItemsFilter" | "applyCustomFilter" | "clear"
  >
>();
expectNever<
  Mismatches<
    Excel.ChartCollection,
    SimChartCollection,
    "add" | "getItem" | "getItemOrNullObject" | "getItemAt" | "getCount"
  >
>();
expectNever<Mismatches<Excel.Chart, SimChart, "setPosition" | "setData" | "delete" | "activate" | "load">>();
expectNever<Mismatches<Excel.ChartPointsCollection, SimChartPointsCollection, "getItemAt">>();
expectNever<
  Mismatches<
    Excel.ConditionalFormatCollection,
    SimConditionalFormatCollection,
    "add" | "getItem" | "getItemOrNullObject" | "getItemAt" | "clearAll" | "getCount"
  >
>();
expectNever<
  Mismatches<Excel.ConditionalFormat, SimConditionalFormat, "getRange" | "getRangeOrNullObject" | "delete">
>();
expectNever<
  Mismatches<
    Excel.SlicerCollection,
    SimSlicerCollection,
    "add" | "getItem" | "getItemOrNullObject" | "getItemAt" | "getCount"
  >
>();
expectNever<Mismatches<Excel.Slicer, SimSlicer, "clearFilters" | "delete" | "getSelectedItems" | "selectItems">>();
expectNever<
  Mismatches<Excel.SettingCollection, SimSettingCollection, "add" | "getItem" | "getItemOrNullObject" | "getCount">
>();
expectNever<Mismatches<Excel.Setting, SimSetting, "delete">>();
expectNever<
  Mismatches<
    Excel.WorksheetCustomPropertyCollection,
    SimWorksheetCustomPropertyCollection,
    "add" | "getItem" | "getItemOrNullObject" | "getCount"
  >
>();
expectNever<
  Mismatches<
    Excel.CustomXmlPartCollection,
    SimCustomXmlPartCollection,
    "add" | "getItem" | "getItemOrNullObject" | "getByNamespace" | "getCount"
  >
>();
expectNever<Mismatches<Excel.CustomXmlPart, SimCustomXmlPart, "getXml" | "setXml" | "delete">>();

/** Members (methods, properties, navigation properties) that must exist on each proxy, by type. */
const MEMBERS: Record<string, string[]> = {
  Workbook: [
    "worksheets",
    "tables",
    "application",
    "settings",
    "slicers",
    "customXmlParts",
    "names",
    "getSelectedRange",
    "getActiveCell",
    "load",
    "context",
    "isNullObject",
  ],
  Worksheet: [
    "name",
    "id",
    "position",
    "visibility",
    "tabColor",
    "showGridlines",
    "tables",
    "charts",
    "freezePanes",
    "customProperties",
    "slicers",
    "getRange",
    "getRangeByIndexes",
    "getCell",
    "getUsedRange",
    "getUsedRangeOrNullObject",
    "activate",
    "delete",
  ],
  Range: [
    "address",
    "values",
    "formulas",
    "numberFormat",
    "text",
    "valueTypes",
    "rowCount",
    "columnCount",
    "rowIndex",
    "columnIndex",
    "cellCount",
    "format",
    "conditionalFormats",
    "worksheet",
    "getResizedRange",
    "getOffsetRange",
    "getCell",
    "getColumn",
    "getRow",
    "getEntireColumn",
    "getLastRow",
    "getLastColumn",
    "clear",
    "delete",
    "insert",
    "select",
  ],
  RangeFormat: [
    "columnWidth",
    "rowHeight",
    "horizontalAlignment",
    "verticalAlignment",
    "wrapText",
    "font",
    "fill",
    "borders",
    "autofitColumns",
  ],
  Table: [
    "name",
    "id",
    "style",
    "showBandedRows",
    "showHeaders",
    "showTotals",
    "columns",
    "rows",
    "sort",
    "worksheet",
    "getRange",
    "getDataBodyRange",
    "getHeaderRowRange",
    "delete",
  ],
  Chart: [
    "name",
    "id",
    "chartType",
    "top",
    "left",
    "width",
    "height",
    "title",
    "legend",
    "dataLabels",
    "axes",
    "series",
    "setPosition",
    "delete",
  ],
};

test("every listed member exists on the proxies (no SimUnknownMemberError)", async () => {
  const host = createExcelHost();
  host.loadSheet("Sheet1", [
    ["a", "b"],
    [1, 2],
  ]);
  await host.Excel.run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem("Sheet1");
    const t = s.tables.add("A1:B2", true);
    const ch = s.charts.add("Pie", s.getRange("A1:B2"));
    const objects: Record<string, object> = {
      Workbook: ctx.workbook,
      Worksheet: s,
      Range: s.getRange("A1"),
      RangeFormat: s.getRange("A1").format,
      Table: t,
      Chart: ch,
    };
    for (const [type, members] of Object.entries(MEMBERS)) {
      const missing = members.filter((m) => !(m in objects[type]));
      expect({ type, missing }).toEqual({ type, missing: [] });
    }
    await ctx.sync();
    // Navigation properties give proxies whose members exist too.
    expect("text" in ch.title && "visible" in ch.legend && "showValue" in ch.dataLabels).toBe(true);
    expect("title" in ch.axes.valueAxis && "text" in ch.axes.categoryAxis.title).toBe(true);
    expect("bold" in s.getRange("A1").format.font && "color" in s.getRange("A1").format.fill).toBe(true);
  });
});

test("real API members the simulation does not model throw instead of returning undefined", async () => {
  const host = createExcelHost();
  await host.Excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getActiveWorksheet().getRange("A1:B2");
    expect(() => r.merge()).toThrow(SimUnknownMemberError);
    expect(() => r.dataValidation).toThrow(/Excel.Range has no member 'dataValidation'/);
    expect(() => ctx.workbook.worksheets.getActiveWorksheet().protection).toThrow(SimUnknownMemberError);
    expect(() => ctx.workbook.pivotTables).toThrow(SimUnknownMemberError);
  });
});

test("the Excel namespace carries the enums as the real one does (members and string values)", () => {
  const host = createExcelHost();
  expect(host.Excel.ChartType.columnClustered).toBe("ColumnClustered");
  expect(host.Excel.ChartType.xyscatter).toBe("XYScatter");
  expect(host.Excel.ChartType.treemap).toBe("Treemap");
  expect(host.Excel.ChartSeriesBy.auto).toBe("Auto");
  expect(host.Excel.ConditionalFormatType.colorScale).toBe("ColorScale");
  expect(host.Excel.ConditionalFormatColorCriterionType.percentile).toBe("Percentile");
  expect(host.Excel.ErrorCodes.responsePayloadSizeLimitExceeded).toBe("ResponsePayloadSizeLimitExceeded");
  expect(host.Excel.HorizontalAlignment.center).toBe("Center");
  expect(host.Excel.DeleteShiftDirection.up).toBe("Up");
  expect(host.Excel.SheetVisibility.veryHidden).toBe("VeryHidden");
});
