/**
 * Excel's enums as plain objects (member -> string value), extracted from @types/office-js so that both
 * `Excel.ChartType.columnClustered` and the string "ColumnClustered" work in the simulation. Generated; do not edit
 * by hand (regenerate from the type definitions when a new enum is needed).
 */

export const ChartType = {
  invalid: "Invalid",
  columnClustered: "ColumnClustered",
  columnStacked: "ColumnStacked",
  columnStacked100: "ColumnStacked100",
  _3DColumnClustered: "3DColumnClustered",
  _3DColumnStacked: "3DColumnStacked",
  _3DColumnStacked100: "3DColumnStacked100",
  barClustered: "BarClustered",
  barStacked: "BarStacked",
  barStacked100: "BarStacked100",
  _3DBarClustered: "3DBarClustered",
  _3DBarStacked: "3DBarStacked",
  _3DBarStacked100: "3DBarStacked100",
  lineStacked: "LineStacked",
  lineStacked100: "LineStacked100",
  lineMarkers: "LineMarkers",
  lineMarkersStacked: "LineMarkersStacked",
  lineMarkersStacked100: "LineMarkersStacked100",
  pieOfPie: "PieOfPie",
  pieExploded: "PieExploded",
  _3DPieExploded: "3DPieExploded",
  barOfPie: "BarOfPie",
  xyscatterSmooth: "XYScatterSmooth",
  xyscatterSmoothNoMarkers: "XYScatterSmoothNoMarkers",
  xyscatterLines: "XYScatterLines",
  xyscatterLinesNoMarkers: "XYScatterLinesNoMarkers",
  areaStacked: "AreaStacked",
  areaStacked100: "AreaStacked100",
  _3DAreaStacked: "3DAreaStacked",
  _3DAreaStacked100: "3DAreaStacked100",
  doughnutExploded: "DoughnutExploded",
  radarMarkers: "RadarMarkers",
  radarFilled: "RadarFilled",
  surface: "Surface",
  surfaceWireframe: "SurfaceWireframe",
  surfaceTopView: "SurfaceTopView",
  surfaceTopViewWireframe: "SurfaceTopViewWireframe",
  bubble: "Bubble",
  bubble3DEffect: "Bubble3DEffect",
  stockHLC: "StockHLC",
  stockOHLC: "StockOHLC",
  stockVHLC: "StockVHLC",
  stockVOHLC: "StockVOHLC",
  cylinderColClustered: "CylinderColClustered",
  cylinderColStacked: "CylinderColStacked",
  cylinderColStacked100: "CylinderColStacked100",
  cylinderBarClustered: "CylinderBarClustered",
  cylinderBarStacked: "CylinderBarStacked",
  cylinderBarStacked100: "CylinderBarStacked100",
  cylinderCol: "CylinderCol",
  coneColClustered: "ConeColClustered",
  coneColStacked: "ConeColStacked",
  coneColStacked100: "ConeColStacked100",
  coneBarClustered: "ConeBarClustered",
  coneBarStacked: "ConeBarStacked",
  coneBarStacked100: "ConeBarStacked100",
  coneCol: "ConeCol",
  pyramidColClustered: "PyramidColClustered",
  pyramidColStacked: "PyramidColStacked",
  pyramidColStacked100: "PyramidColStacked100",
  pyramidBarClustered: "PyramidBarClustered",
  pyramidBarStacked: "PyramidBarStacked",
  pyramidBarStacked100: "PyramidBarStacked100",
  pyramidCol: "PyramidCol",
  _3DColumn: "3DColumn",
  line: "Line",
  _3DLine: "3DLine",
  _3DPie: "3DPie",
  pie: "Pie",
  xyscatter: "XYScatter",
  _3DArea: "3DArea",
  area: "Area",
  doughnut: "Doughnut",
  radar: "Radar",
  histogram: "Histogram",
  boxwhisker: "Boxwhisker",
  pareto: "Pareto",
  regionMap: "RegionMap",
  treemap: "Treemap",
  waterfall: "Waterfall",
  sunburst: "Sunburst",
  funnel: "Funnel",
} as const;

export const ChartSeriesBy = {
  auto: "Auto",
  columns: "Columns",
  rows: "Rows",
} as const;

export const ChartAxisType = {
  invalid: "Invalid",
  category: "Category",
  value: "Value",
  series: "Series",
} as const;

export const ChartAxisGroup = {
  primary: "Primary",
  secondary: "Secondary",
} as const;

export const ChartDataLabelPosition = {
  invalid: "Invalid",
  none: "None",
  center: "Center",
  insideEnd: "InsideEnd",
  insideBase: "InsideBase",
  outsideEnd: "OutsideEnd",
  left: "Left",
  right: "Right",
  top: "Top",
  bottom: "Bottom",
  bestFit: "BestFit",
  callout: "Callout",
} as const;

export const ChartLegendPosition = {
  invalid: "Invalid",
  top: "Top",
  bottom: "Bottom",
  left: "Left",
  right: "Right",
  corner: "Corner",
  custom: "Custom",
} as const;

export const ChartTitlePosition = {
  automatic: "Automatic",
  top: "Top",
  bottom: "Bottom",
  left: "Left",
  right: "Right",
} as const;

export const ChartPlotBy = {
  rows: "Rows",
  columns: "Columns",
} as const;

export const ChartSeriesDimension = {
  categories: "Categories",
  values: "Values",
  xvalues: "XValues",
  yvalues: "YValues",
  bubbleSizes: "BubbleSizes",
} as const;

export const ConditionalFormatType = {
  custom: "Custom",
  dataBar: "DataBar",
  colorScale: "ColorScale",
  iconSet: "IconSet",
  topBottom: "TopBottom",
  presetCriteria: "PresetCriteria",
  containsText: "ContainsText",
  cellValue: "CellValue",
} as const;

export const ConditionalFormatColorCriterionType = {
  invalid: "Invalid",
  lowestValue: "LowestValue",
  highestValue: "HighestValue",
  number: "Number",
  percent: "Percent",
  formula: "Formula",
  percentile: "Percentile",
} as const;

export const ConditionalDataBarDirection = {
  context: "Context",
  leftToRight: "LeftToRight",
  rightToLeft: "RightToLeft",
} as const;

export const ConditionalDataBarAxisFormat = {
  automatic: "Automatic",
  none: "None",
  cellMidPoint: "CellMidPoint",
} as const;

export const ConditionalCellValueOperator = {
  invalid: "Invalid",
  between: "Between",
  notBetween: "NotBetween",
  equalTo: "EqualTo",
  notEqualTo: "NotEqualTo",
  greaterThan: "GreaterThan",
  lessThan: "LessThan",
  greaterThanOrEqual: "GreaterThanOrEqual",
  lessThanOrEqual: "LessThanOrEqual",
} as const;

export const ConditionalTextOperator = {
  invalid: "Invalid",
  contains: "Contains",
  notContains: "NotContains",
  beginsWith: "BeginsWith",
  endsWith: "EndsWith",
} as const;

export const ConditionalTopBottomCriterionType = {
  invalid: "Invalid",
  topItems: "TopItems",
  topPercent: "TopPercent",
  bottomItems: "BottomItems",
  bottomPercent: "BottomPercent",
} as const;

export const ConditionalFormatPresetCriterion = {
  invalid: "Invalid",
  blanks: "Blanks",
  nonBlanks: "NonBlanks",
  errors: "Errors",
  nonErrors: "NonErrors",
  yesterday: "Yesterday",
  today: "Today",
  tomorrow: "Tomorrow",
  lastSevenDays: "LastSevenDays",
  lastWeek: "LastWeek",
  thisWeek: "ThisWeek",
  nextWeek: "NextWeek",
  lastMonth: "LastMonth",
  thisMonth: "ThisMonth",
  nextMonth: "NextMonth",
  aboveAverage: "AboveAverage",
  belowAverage: "BelowAverage",
  equalOrAboveAverage: "EqualOrAboveAverage",
  equalOrBelowAverage: "EqualOrBelowAverage",
  oneStdDevAboveAverage: "OneStdDevAboveAverage",
  oneStdDevBelowAverage: "OneStdDevBelowAverage",
  twoStdDevAboveAverage: "TwoStdDevAboveAverage",
  twoStdDevBelowAverage: "TwoStdDevBelowAverage",
  threeStdDevAboveAverage: "ThreeStdDevAboveAverage",
  threeStdDevBelowAverage: "ThreeStdDevBelowAverage",
  uniqueValues: "UniqueValues",
  duplicateValues: "DuplicateValues",
} as const;

export const ConditionalFormatRuleType = {
  invalid: "Invalid",
  automatic: "Automatic",
  lowestValue: "LowestValue",
  highestValue: "HighestValue",
  number: "Number",
  percent: "Percent",
  formula: "Formula",
  percentile: "Percentile",
} as const;

export const ConditionalFormatIconRuleType = {
  invalid: "Invalid",
  number: "Number",
  percent: "Percent",
  formula: "Formula",
  percentile: "Percentile",
} as const;

export const ConditionalIconCriterionOperator = {
  invalid: "Invalid",
  greaterThan: "GreaterThan",
  greaterThanOrEqual: "GreaterThanOrEqual",
} as const;

export const IconSet = {
  invalid: "Invalid",
  threeArrows: "ThreeArrows",
  threeArrowsGray: "ThreeArrowsGray",
  threeFlags: "ThreeFlags",
  threeTrafficLights1: "ThreeTrafficLights1",
  threeTrafficLights2: "ThreeTrafficLights2",
  threeSigns: "ThreeSigns",
  threeSymbols: "ThreeSymbols",
  threeSymbols2: "ThreeSymbols2",
  fourArrows: "FourArrows",
  fourArrowsGray: "FourArrowsGray",
  fourRedToBlack: "FourRedToBlack",
  fourRating: "FourRating",
  fourTrafficLights: "FourTrafficLights",
  fiveArrows: "FiveArrows",
  fiveArrowsGray: "FiveArrowsGray",
  fiveRating: "FiveRating",
  fiveQuarters: "FiveQuarters",
  threeStars: "ThreeStars",
  threeTriangles: "ThreeTriangles",
  fiveBoxes: "FiveBoxes",
} as const;

export const ErrorCodes = {
  accessDenied: "AccessDenied",
  apiNotFound: "ApiNotFound",
  conflict: "Conflict",
  dirtySupportingFormula: "DirtySupportingFormula",
  emptyChartSeries: "EmptyChartSeries",
  filteredRangeConflict: "FilteredRangeConflict",
  formulaLengthExceedsLimit: "FormulaLengthExceedsLimit",
  generalException: "GeneralException",
  inactiveWorkbook: "InactiveWorkbook",
  insertDeleteConflict: "InsertDeleteConflict",
  invalidArgument: "InvalidArgument",
  invalidBinding: "InvalidBinding",
  invalidOperation: "InvalidOperation",
  invalidReference: "InvalidReference",
  invalidSelection: "InvalidSelection",
  itemAlreadyExists: "ItemAlreadyExists",
  itemNotFound: "ItemNotFound",
  mergedRangeConflict: "MergedRangeConflict",
  nonBlankCellOffSheet: "NonBlankCellOffSheet",
  notImplemented: "NotImplemented",
  openWorkbookLinksBlocked: "OpenWorkbookLinksBlocked",
  operationCellsExceedLimit: "OperationCellsExceedLimit",
  pivotTableRangeConflict: "PivotTableRangeConflict",
  powerQueryRefreshResourceChallenge: "PowerQueryRefreshResourceChallenge",
  rangeExceedsLimit: "RangeExceedsLimit",
  rangeImageExceedsLimit: "RangeImageExceedsLimit",
  refreshWorkbookLinksBlocked: "RefreshWorkbookLinksBlocked",
  requestAborted: "RequestAborted",
  responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
  unsupportedFeature: "UnsupportedFeature",
  unsupportedFillType: "UnsupportedFillType",
  unsupportedOperation: "UnsupportedOperation",
  unsupportedSheet: "UnsupportedSheet",
  invalidOperationInCellEditMode: "InvalidOperationInCellEditMode",
} as const;

export const HorizontalAlignment = {
  general: "General",
  left: "Left",
  center: "Center",
  right: "Right",
  fill: "Fill",
  justify: "Justify",
  centerAcrossSelection: "CenterAcrossSelection",
  distributed: "Distributed",
} as const;

export const VerticalAlignment = {
  top: "Top",
  center: "Center",
  bottom: "Bottom",
  justify: "Justify",
  distributed: "Distributed",
} as const;

export const SheetVisibility = {
  visible: "Visible",
  hidden: "Hidden",
  veryHidden: "VeryHidden",
} as const;

export const DeleteShiftDirection = {
  up: "Up",
  left: "Left",
} as const;

export const InsertShiftDirection = {
  down: "Down",
  right: "Right",
} as const;

export const ClearApplyTo = {
  all: "All",
  formats: "Formats",
  contents: "Contents",
  hyperlinks: "Hyperlinks",
  removeHyperlinks: "RemoveHyperlinks",
  resetContents: "ResetContents",
} as const;

export const CalculationMode = {
  automatic: "Automatic",
  automaticExceptTables: "AutomaticExceptTables",
  manual: "Manual",
} as const;

export const CalculationType = {
  recalculate: "Recalculate",
  full: "Full",
  fullRebuild: "FullRebuild",
} as const;

export const SortOn = {
  value: "Value",
  cellColor: "CellColor",
  fontColor: "FontColor",
  icon: "Icon",
} as const;

export const SortOrientation = {
  rows: "Rows",
  columns: "Columns",
} as const;

export const SortDataOption = {
  normal: "Normal",
  textAsNumber: "TextAsNumber",
} as const;

export const SortMethod = {
  pinYin: "PinYin",
  strokeCount: "StrokeCount",
} as const;

export const RangeValueType = {
  unknown: "Unknown",
  empty: "Empty",
  string: "String",
  integer: "Integer",
  double: "Double",
  boolean: "Boolean",
  error: "Error",
  richValue: "RichValue",
} as const;

export const RangeUnderlineStyle = {
  none: "None",
  single: "Single",
  double: "Double",
  singleAccountant: "SingleAccountant",
  doubleAccountant: "DoubleAccountant",
} as const;

export const BorderIndex = {
  edgeTop: "EdgeTop",
  edgeBottom: "EdgeBottom",
  edgeLeft: "EdgeLeft",
  edgeRight: "EdgeRight",
  insideVertical: "InsideVertical",
  insideHorizontal: "InsideHorizontal",
  diagonalDown: "DiagonalDown",
  diagonalUp: "DiagonalUp",
} as const;

export const BorderLineStyle = {
  none: "None",
  continuous: "Continuous",
  dash: "Dash",
  dashDot: "DashDot",
  dashDotDot: "DashDotDot",
  dot: "Dot",
  double: "Double",
  slantDashDot: "SlantDashDot",
} as const;

export const BorderWeight = {
  hairline: "Hairline",
  thin: "Thin",
  medium: "Medium",
  thick: "Thick",
} as const;

export const FilterOn = {
  bottomItems: "BottomItems",
  bottomPercent: "BottomPercent",
  cellColor: "CellColor",
  dynamic: "Dynamic",
  fontColor: "FontColor",
  values: "Values",
  topItems: "TopItems",
  topPercent: "TopPercent",
  icon: "Icon",
  custom: "Custom",
} as const;

export const FilterOperator = {
  and: "And",
  or: "Or",
} as const;

export const SlicerSortType = {
  dataSourceOrder: "DataSourceOrder",
  ascending: "Ascending",
  descending: "Descending",
} as const;

export const NamedItemType = {
  string: "String",
  integer: "Integer",
  double: "Double",
  boolean: "Boolean",
  range: "Range",
  error: "Error",
  array: "Array",
} as const;

export const NamedItemScope = {
  worksheet: "Worksheet",
  workbook: "Workbook",
} as const;

export const WorksheetPositionType = {
  none: "None",
  before: "Before",
  after: "After",
  beginning: "Beginning",
  end: "End",
} as const;

export const RangeCopyType = {
  all: "All",
  formulas: "Formulas",
  values: "Values",
  formats: "Formats",
  link: "Link",
} as const;

export const BindingType = {
  range: "Range",
  table: "Table",
  text: "Text",
} as const;

export const ReadingOrder = {
  context: "Context",
  leftToRight: "LeftToRight",
  rightToLeft: "RightToLeft",
} as const;

export const FillPattern = {
  none: "None",
  solid: "Solid",
  gray50: "Gray50",
  gray75: "Gray75",
  gray25: "Gray25",
  horizontal: "Horizontal",
  vertical: "Vertical",
  down: "Down",
  up: "Up",
  checker: "Checker",
  semiGray75: "SemiGray75",
  lightHorizontal: "LightHorizontal",
  lightVertical: "LightVertical",
  lightDown: "LightDown",
  lightUp: "LightUp",
  grid: "Grid",
  crissCross: "CrissCross",
  gray16: "Gray16",
  gray8: "Gray8",
  linearGradient: "LinearGradient",
  rectangularGradient: "RectangularGradient",
} as const;

export const DynamicFilterCriteria = {
  unknown: "Unknown",
  aboveAverage: "AboveAverage",
  allDatesInPeriodApril: "AllDatesInPeriodApril",
  allDatesInPeriodAugust: "AllDatesInPeriodAugust",
  allDatesInPeriodDecember: "AllDatesInPeriodDecember",
  allDatesInPeriodFebruray: "AllDatesInPeriodFebruray",
  allDatesInPeriodJanuary: "AllDatesInPeriodJanuary",
  allDatesInPeriodJuly: "AllDatesInPeriodJuly",
  allDatesInPeriodJune: "AllDatesInPeriodJune",
  allDatesInPeriodMarch: "AllDatesInPeriodMarch",
  allDatesInPeriodMay: "AllDatesInPeriodMay",
  allDatesInPeriodNovember: "AllDatesInPeriodNovember",
  allDatesInPeriodOctober: "AllDatesInPeriodOctober",
  allDatesInPeriodQuarter1: "AllDatesInPeriodQuarter1",
  allDatesInPeriodQuarter2: "AllDatesInPeriodQuarter2",
  allDatesInPeriodQuarter3: "AllDatesInPeriodQuarter3",
  allDatesInPeriodQuarter4: "AllDatesInPeriodQuarter4",
  allDatesInPeriodSeptember: "AllDatesInPeriodSeptember",
  belowAverage: "BelowAverage",
  lastMonth: "LastMonth",
  lastQuarter: "LastQuarter",
  lastWeek: "LastWeek",
  lastYear: "LastYear",
  nextMonth: "NextMonth",
  nextQuarter: "NextQuarter",
  nextWeek: "NextWeek",
  nextYear: "NextYear",
  thisMonth: "ThisMonth",
  thisQuarter: "ThisQuarter",
  thisWeek: "ThisWeek",
  thisYear: "ThisYear",
  today: "Today",
  tomorrow: "Tomorrow",
  yearToDate: "YearToDate",
  yesterday: "Yesterday",
} as const;

export const KeyboardDirection = {
  left: "Left",
  right: "Right",
  up: "Up",
  down: "Down",
} as const;

export const GroupOption = {
  byRows: "ByRows",
  byColumns: "ByColumns",
} as const;

export const AutoFillType = {
  fillDefault: "FillDefault",
  fillCopy: "FillCopy",
  fillSeries: "FillSeries",
  fillFormats: "FillFormats",
  fillValues: "FillValues",
  fillDays: "FillDays",
  fillWeekdays: "FillWeekdays",
  fillMonths: "FillMonths",
  fillYears: "FillYears",
  linearTrend: "LinearTrend",
  growthTrend: "GrowthTrend",
  flashFill: "FlashFill",
} as const;

export const EventType = {
  worksheetChanged: "WorksheetChanged",
  worksheetSelectionChanged: "WorksheetSelectionChanged",
  worksheetAdded: "WorksheetAdded",
  worksheetActivated: "WorksheetActivated",
  worksheetDeactivated: "WorksheetDeactivated",
  tableChanged: "TableChanged",
  tableSelectionChanged: "TableSelectionChanged",
  worksheetDeleted: "WorksheetDeleted",
  chartAdded: "ChartAdded",
  chartActivated: "ChartActivated",
  chartDeactivated: "ChartDeactivated",
  chartDeleted: "ChartDeleted",
  worksheetCalculated: "WorksheetCalculated",
  visualSelectionChanged: "VisualSelectionChanged",
  tableAdded: "TableAdded",
  tableDeleted: "TableDeleted",
  tableFiltered: "TableFiltered",
  worksheetFiltered: "WorksheetFiltered",
  shapeActivated: "ShapeActivated",
  shapeDeactivated: "ShapeDeactivated",
  visualChange: "VisualChange",
  workbookAutoSaveSettingChanged: "WorkbookAutoSaveSettingChanged",
  worksheetFormatChanged: "WorksheetFormatChanged",
  ribbonCommandExecuted: "RibbonCommandExecuted",
  worksheetRowSorted: "WorksheetRowSorted",
  worksheetColumnSorted: "WorksheetColumnSorted",
  worksheetSingleClicked: "WorksheetSingleClicked",
  worksheetRowHiddenChanged: "WorksheetRowHiddenChanged",
  commentAdded: "CommentAdded",
  commentDeleted: "CommentDeleted",
  commentChanged: "CommentChanged",
  worksheetFormulaChanged: "WorksheetFormulaChanged",
  workbookActivated: "WorkbookActivated",
  linkedWorkbookWorkbookLinksChanged: "LinkedWorkbookWorkbookLinksChanged",
  linkedWorkbookRefreshCompleted: "LinkedWorkbookRefreshCompleted",
  worksheetProtectionChanged: "WorksheetProtectionChanged",
  worksheetNameChanged: "WorksheetNameChanged",
  worksheetVisibilityChanged: "WorksheetVisibilityChanged",
  worksheetMoved: "WorksheetMoved",
  linkedEntityDataDomainLinkedEntityDataDomainAdded: "LinkedEntityDataDomainLinkedEntityDataDomainAdded",
  linkedEntityDataDomainRefreshCompleted: "LinkedEntityDataDomainRefreshCompleted",
  linkedEntityDataDomainRefreshModeChanged: "LinkedEntityDataDomainRefreshModeChanged",
  linkedEntityDataDomainLinkedEntityCellValueLoaded: "LinkedEntityDataDomainLinkedEntityCellValueLoaded",
} as const;

export const enums = {
  ChartType,
  ChartSeriesBy,
  ChartAxisType,
  ChartAxisGroup,
  ChartDataLabelPosition,
  ChartLegendPosition,
  ChartTitlePosition,
  ChartPlotBy,
  ChartSeriesDimension,
  ConditionalFormatType,
  ConditionalFormatColorCriterionType,
  ConditionalDataBarDirection,
  ConditionalDataBarAxisFormat,
  ConditionalCellValueOperator,
  ConditionalTextOperator,
  ConditionalTopBottomCriterionType,
  ConditionalFormatPresetCriterion,
  ConditionalFormatRuleType,
  ConditionalFormatIconRuleType,
  ConditionalIconCriterionOperator,
  IconSet,
  ErrorCodes,
  HorizontalAlignment,
  VerticalAlignment,
  SheetVisibility,
  DeleteShiftDirection,
  InsertShiftDirection,
  ClearApplyTo,
  CalculationMode,
  CalculationType,
  SortOn,
  SortOrientation,
  SortDataOption,
  SortMethod,
  RangeValueType,
  RangeUnderlineStyle,
  BorderIndex,
  BorderLineStyle,
  BorderWeight,
  FilterOn,
  FilterOperator,
  SlicerSortType,
  NamedItemType,
  NamedItemScope,
  WorksheetPositionType,
  RangeCopyType,
  BindingType,
  ReadingOrder,
  FillPattern,
  DynamicFilterCriteria,
  KeyboardDirection,
  GroupOption,
  AutoFillType,
  EventType,
};
