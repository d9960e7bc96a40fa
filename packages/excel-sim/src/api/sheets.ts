/**
 * Workbook-level proxies: `SimWorkbook`, `SimApplication`, `SimWorksheetCollection`, `SimWorksheet`,
 * `SimWorksheetFreezePanes`, worksheet custom properties (ExcelApi 1.12), add-in settings (1.4), custom XML parts
 * (1.5) and named items.
 *
 * Example: `context.workbook.worksheets.getItemOrNullObject("RFM Summary")` → after sync, `isNullObject` tells
 * whether the sheet exists; `worksheets.getItem("x").load("name")` rejects the sync with ItemNotFound when it does not.
 */
import { Rect, parseA1, quoteSheet, formatRect } from "../address";
import { simError } from "../errors";
import type { CustomXmlPartModel, NamedItemModel, SheetModel, WorkbookModel } from "../model";
import { describe } from "../model";
import { Exec, installProps, Meta, PropSpec, SimObject } from "../runtime";
import { cloneJson } from "./bag";
import {
  RangeRef,
  SimCollection,
  action,
  checkBool,
  checkColor,
  checkEnum,
  checkInt,
  checkNumber,
  checkString,
  child,
  created,
  liveSheet,
  make,
  navChild,
  resolveAddress,
  result,
  wholeSheet,
} from "./common";
import { SimRange, rangeOn } from "./range";
import { SimChartCollection } from "./charts";
import { SimSlicerCollection } from "./slicers";
import { SimTableCollection } from "./tables";

// ---------------------------------------------------------------------------------------------------------------
// Workbook and application

export class SimWorkbook extends SimObject {
  static meta: Meta = {
    typeName: "Workbook",
    props: {
      name: { since: "1.7", get: () => "Book1.xlsx" },
      readOnly: { since: "1.8", get: () => false },
    } as Record<string, PropSpec<never>>,
    navs: {
      worksheets: undefined,
      tables: undefined,
      application: undefined,
      settings: "1.4",
      slicers: "1.10",
      customXmlParts: "1.5",
      names: undefined,
    },
  };

  get worksheets(): SimWorksheetCollection {
    return navChild(this, "worksheets", SimWorksheetCollection, undefined, (wb: WorkbookModel) => wb);
  }
  get tables(): SimTableCollection {
    return navChild(this, "tables", SimTableCollection, undefined, (wb: WorkbookModel) => ({ wb, sheet: null }));
  }
  get application(): SimApplication {
    return navChild(this, "application", SimApplication, undefined, (wb: WorkbookModel) => wb);
  }
  get settings(): SimSettingCollection {
    return navChild(this, "settings", SimSettingCollection, "1.4", (wb: WorkbookModel) => wb);
  }
  get slicers(): SimSlicerCollection {
    return navChild(this, "slicers", SimSlicerCollection, "1.10", (wb: WorkbookModel) => ({ wb, sheet: null }));
  }
  get customXmlParts(): SimCustomXmlPartCollection {
    return navChild(this, "customXmlParts", SimCustomXmlPartCollection, "1.5", (wb: WorkbookModel) => ({
      wb,
      ns: null,
    }));
  }
  get names(): SimNamedItemCollection {
    return navChild(this, "names", SimNamedItemCollection, undefined, (wb: WorkbookModel) => wb);
  }

  getSelectedRange(): SimRange {
    return child(this, SimRange, "Workbook.getSelectedRange", undefined, [], (wb: WorkbookModel) =>
      activeA1(wb, "Workbook.getSelectedRange"),
    );
  }

  getActiveCell(): SimRange {
    return child(this, SimRange, "Workbook.getActiveCell", "1.7", [], (wb: WorkbookModel) =>
      activeA1(wb, "Workbook.getActiveCell"),
    );
  }
}
installProps(SimWorkbook);

function activeA1(wb: WorkbookModel, where: string): RangeRef {
  if (!wb.activeSheet) throw simError("ItemNotFound", where, "the workbook has no active sheet");
  return { sheet: wb.activeSheet, rect: { r0: 0, c0: 0, r1: 0, c1: 0 } };
}

export class SimApplication extends SimObject {
  static meta: Meta = {
    typeName: "Application",
    props: {
      calculationMode: {
        setSince: "1.8",
        get: (wb: WorkbookModel) => wb.calculationMode,
        set: (wb: WorkbookModel, v: unknown) => {
          wb.calculationMode = checkEnum(
            v,
            ["Automatic", "AutomaticExceptTables", "Manual"],
            "calculationMode",
            "Application.calculationMode",
          );
        },
      },
    } as Record<string, PropSpec<never>>,
  };

  suspendApiCalculationUntilNextSync(): void {
    action(this, "Application.suspendApiCalculationUntilNextSync", "1.6", [], (_wb: WorkbookModel, x: Exec) => {
      x.host.stats.suspendApiCalculationCalls++;
    });
  }

  suspendScreenUpdatingUntilNextSync(): void {
    action(this, "Application.suspendScreenUpdatingUntilNextSync", "1.9", [], (_wb: WorkbookModel, x: Exec) => {
      x.host.stats.suspendScreenUpdatingCalls++;
    });
  }

  calculate(calculationType: string): void {
    action(this, "Application.calculate", undefined, [calculationType], () => {
      checkEnum(calculationType, ["Recalculate", "Full", "FullRebuild"], "calculationType", "Application.calculate");
    });
  }
}
installProps(SimApplication);

// ---------------------------------------------------------------------------------------------------------------
// Worksheets

function findSheet(wb: WorkbookModel, key: string): SheetModel | undefined {
  return wb.getSheet(key) ?? wb.sheets.find((s) => s.id === key);
}

export class SimWorksheetCollection extends SimCollection<SimWorksheet> {
  static meta: Meta = { typeName: "WorksheetCollection", props: {}, collection: true };

  _itemsOf(wb: WorkbookModel): unknown[] {
    return [...wb.sheets];
  }
  _itemClass() {
    return SimWorksheet;
  }

  getItem(key: string): SimWorksheet {
    const where = "WorksheetCollection.getItem";
    return child(this, SimWorksheet, where, undefined, [key], (wb: WorkbookModel) => {
      const s = typeof key === "string" ? findSheet(wb, key) : undefined;
      if (!s)
        throw simError(
          "ItemNotFound",
          where,
          `no sheet named '${String(key)}' (sheets: ${wb.sheets.map((x) => x.name).join(", ")})`,
        );
      return s;
    });
  }

  getItemOrNullObject(key: string): SimWorksheet {
    const where = "WorksheetCollection.getItemOrNullObject";
    return child(
      this,
      SimWorksheet,
      where,
      "1.4",
      [key],
      (wb: WorkbookModel) => (typeof key === "string" ? (findSheet(wb, key) ?? null) : null),
      true,
    );
  }

  add(name?: string): SimWorksheet {
    const where = "WorksheetCollection.add";
    return created(this, SimWorksheet, where, undefined, [name], (wb: WorkbookModel) => {
      if (name !== undefined && typeof name !== "string")
        throw simError("InvalidArgument", where, `name must be a string, got ${describe(name)}`);
      return wb.addSheet(name);
    });
  }

  getActiveWorksheet(): SimWorksheet {
    return child(this, SimWorksheet, "WorksheetCollection.getActiveWorksheet", undefined, [], (wb: WorkbookModel) => {
      if (!wb.activeSheet) throw simError("ItemNotFound", "WorksheetCollection.getActiveWorksheet", "no active sheet");
      return wb.activeSheet;
    });
  }

  getFirst(visibleOnly?: boolean): SimWorksheet {
    return child(this, SimWorksheet, "WorksheetCollection.getFirst", "1.5", [visibleOnly], (wb: WorkbookModel) => {
      const list = wb.sheets.filter((s) => !visibleOnly || s.visibility === "Visible");
      if (!list.length) throw simError("ItemNotFound", "WorksheetCollection.getFirst", "no sheet");
      return list[0];
    });
  }

  getLast(visibleOnly?: boolean): SimWorksheet {
    return child(this, SimWorksheet, "WorksheetCollection.getLast", "1.5", [visibleOnly], (wb: WorkbookModel) => {
      const list = wb.sheets.filter((s) => !visibleOnly || s.visibility === "Visible");
      if (!list.length) throw simError("ItemNotFound", "WorksheetCollection.getLast", "no sheet");
      return list[list.length - 1];
    });
  }

  getCount(visibleOnly?: boolean) {
    return result(
      this,
      "WorksheetCollection.getCount",
      "1.4",
      [visibleOnly],
      (wb: WorkbookModel) => wb.sheets.filter((s) => !visibleOnly || s.visibility === "Visible").length,
    );
  }
}
installProps(SimWorksheetCollection);

const SHEET_PROPS: Record<string, PropSpec<SheetModel>> = {
  name: {
    get: (s) => s.name,
    set: (s, v) => {
      liveSheet(s, "Worksheet.name");
      const problem = s.workbook.sheetNameProblem(v, s);
      if (problem) {
        const clash = typeof v === "string" ? s.workbook.getSheet(v) : undefined;
        throw simError(clash && clash !== s ? "ItemAlreadyExists" : "InvalidArgument", "Worksheet.name", problem);
      }
      s.name = v as string;
    },
  },
  id: { get: (s) => s.id },
  position: {
    get: (s) => s.position,
    set: (s, v) =>
      s.workbook.moveSheet(liveSheet(s, "Worksheet.position"), checkInt(v, "position", "Worksheet.position", 0)),
  },
  visibility: {
    setSince: "1.2",
    get: (s) => s.visibility,
    set: (s, v) => {
      const vis = checkEnum(
        v,
        ["Visible", "Hidden", "VeryHidden"],
        "visibility",
        "Worksheet.visibility",
      ) as SheetModel["visibility"];
      if (vis !== "Visible" && s.workbook.sheets.filter((x) => x !== s && x.visibility === "Visible").length === 0) {
        throw simError("InvalidOperation", "Worksheet.visibility", "a workbook must keep at least one visible sheet");
      }
      s.visibility = vis;
      if (vis !== "Visible" && s.workbook.activeSheet === s)
        s.workbook.activeSheet = s.workbook.sheets.find((x) => x.visibility === "Visible") ?? null;
    },
  },
  tabColor: {
    since: "1.7",
    get: (s) => s.tabColor,
    set: (s, v) => (s.tabColor = checkColor(v, "tabColor", "Worksheet.tabColor")),
  },
  showGridlines: {
    since: "1.8",
    get: (s) => s.showGridlines,
    set: (s, v) => (s.showGridlines = checkBool(v, "showGridlines", "Worksheet.showGridlines")),
  },
  standardWidth: {
    since: "1.7",
    get: () => 8.43,
    set: (_s, v) => void checkNumber(v, "standardWidth", "Worksheet.standardWidth"),
  },
  standardHeight: { since: "1.7", get: () => 15 },
};

export class SimWorksheet extends SimObject {
  static meta: Meta = {
    typeName: "Worksheet",
    props: SHEET_PROPS as Record<string, PropSpec<never>>,
    navs: {
      tables: undefined,
      charts: undefined,
      freezePanes: "1.7",
      customProperties: "1.12",
      slicers: "1.10",
      names: "1.4",
    },
  };
  declare name: string;

  get tables(): SimTableCollection {
    return navChild(this, "tables", SimTableCollection, undefined, (s: SheetModel) => ({
      wb: s.workbook,
      sheet: liveSheet(s, "Worksheet.tables"),
    }));
  }
  get charts(): SimChartCollection {
    return navChild(this, "charts", SimChartCollection, undefined, (s: SheetModel) => liveSheet(s, "Worksheet.charts"));
  }
  get freezePanes(): SimWorksheetFreezePanes {
    return navChild(this, "freezePanes", SimWorksheetFreezePanes, "1.7", (s: SheetModel) =>
      liveSheet(s, "Worksheet.freezePanes"),
    );
  }
  get customProperties(): SimWorksheetCustomPropertyCollection {
    return navChild(this, "customProperties", SimWorksheetCustomPropertyCollection, "1.12", (s: SheetModel) =>
      liveSheet(s, "Worksheet.customProperties"),
    );
  }
  get slicers(): SimSlicerCollection {
    return navChild(this, "slicers", SimSlicerCollection, "1.10", (s: SheetModel) => ({
      wb: s.workbook,
      sheet: liveSheet(s, "Worksheet.slicers"),
    }));
  }
  get names(): SimNamedItemCollection {
    return navChild(this, "names", SimNamedItemCollection, "1.4", (s: SheetModel) => s.workbook);
  }

  private _range(
    member: string,
    since: string | undefined,
    args: unknown[],
    f: (s: SheetModel, x: Exec, where: string) => Rect | RangeRef | null,
    nullable = false,
  ): SimRange {
    return rangeOn(this, `Worksheet.${member}`, since, args, (s: SheetModel) => s, f, nullable);
  }

  getRange(address?: string): SimRange {
    return this._range("getRange", undefined, address === undefined ? [] : [address], (s, x, w) =>
      address === undefined ? wholeSheet() : resolveAddress(x.model, s, address, w),
    );
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): SimRange {
    return this._range("getRangeByIndexes", "1.7", [startRow, startColumn, rowCount, columnCount], (_s, _x, w) => {
      checkInt(startRow, "startRow", w, 0);
      checkInt(startColumn, "startColumn", w, 0);
      checkInt(rowCount, "rowCount", w, 1);
      checkInt(columnCount, "columnCount", w, 1);
      const rect = { r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 };
      if (!parseA1(formatRect(rect)))
        throw simError("InvalidArgument", w, "the range would leave the grid (1,048,576 rows × 16,384 columns)");
      return rect;
    });
  }

  getCell(row: number, column: number): SimRange {
    return this._range("getCell", undefined, [row, column], (_s, _x, w) => {
      checkInt(row, "row", w, 0);
      checkInt(column, "column", w, 0);
      const rect = { r0: row, c0: column, r1: row, c1: column };
      if (!parseA1(formatRect(rect))) throw simError("InvalidArgument", w, "the cell is outside the grid");
      return rect;
    });
  }

  /** A blank sheet's used range is A1 (no error); see getUsedRangeOrNullObject for a null object instead. */
  getUsedRange(valuesOnly?: boolean): SimRange {
    return this._range(
      "getUsedRange",
      undefined,
      valuesOnly === undefined ? [] : [valuesOnly],
      (s) => s.usedRect(valuesOnly === true) ?? { r0: 0, c0: 0, r1: 0, c1: 0 },
    );
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): SimRange {
    return this._range(
      "getUsedRangeOrNullObject",
      "1.4",
      valuesOnly === undefined ? [] : [valuesOnly],
      (s) => s.usedRect(valuesOnly === true),
      true,
    );
  }

  activate(): void {
    action(this, "Worksheet.activate", undefined, [], (s: SheetModel) => {
      liveSheet(s, "Worksheet.activate");
      if (s.visibility !== "Visible")
        throw simError("InvalidOperation", "Worksheet.activate", `sheet '${s.name}' is hidden`);
      s.workbook.activeSheet = s;
    });
  }

  delete(): void {
    action(this, "Worksheet.delete", undefined, [], (s: SheetModel) => {
      liveSheet(s, "Worksheet.delete");
      s.workbook.deleteSheet(s);
    });
  }

  calculate(markAllDirty: boolean): void {
    action(this, "Worksheet.calculate", "1.6", [markAllDirty], () => undefined);
  }

  private _neighbour(member: string, step: number, visibleOnly: boolean | undefined, nullable: boolean): SimWorksheet {
    const where = `Worksheet.${member}`;
    return child(
      this,
      SimWorksheet,
      where,
      "1.5",
      [visibleOnly],
      (s: SheetModel) => {
        const list = s.workbook.sheets.filter((x) => x === s || !visibleOnly || x.visibility === "Visible");
        const next = list[list.indexOf(s) + step];
        if (next) return next;
        if (nullable) return null;
        throw simError("ItemNotFound", where, `no sheet ${step > 0 ? "after" : "before"} '${s.name}'`);
      },
      nullable,
    );
  }

  getNext(visibleOnly?: boolean): SimWorksheet {
    return this._neighbour("getNext", 1, visibleOnly, false);
  }
  getNextOrNullObject(visibleOnly?: boolean): SimWorksheet {
    return this._neighbour("getNextOrNullObject", 1, visibleOnly, true);
  }
  getPrevious(visibleOnly?: boolean): SimWorksheet {
    return this._neighbour("getPrevious", -1, visibleOnly, false);
  }
  getPreviousOrNullObject(visibleOnly?: boolean): SimWorksheet {
    return this._neighbour("getPreviousOrNullObject", -1, visibleOnly, true);
  }
}
installProps(SimWorksheet);

export class SimWorksheetFreezePanes extends SimObject {
  static meta: Meta = { typeName: "WorksheetFreezePanes", props: {} };

  freezeRows(count?: number): void {
    action(this, "WorksheetFreezePanes.freezeRows", "1.7", [count], (s: SheetModel) => {
      s.freeze = {
        rows: count === undefined ? 1 : checkInt(count, "count", "WorksheetFreezePanes.freezeRows", 0),
        columns: 0,
      };
    });
  }

  freezeColumns(count?: number): void {
    action(this, "WorksheetFreezePanes.freezeColumns", "1.7", [count], (s: SheetModel) => {
      s.freeze = {
        rows: 0,
        columns: count === undefined ? 1 : checkInt(count, "count", "WorksheetFreezePanes.freezeColumns", 0),
      };
    });
  }

  freezeAt(frozenRange: Excel.Range | string): void {
    const where = "WorksheetFreezePanes.freezeAt";
    if (frozenRange instanceof SimRange) {
      this._sameContext(frozenRange, where);
      frozenRange._ensure();
    }
    action(this, where, "1.7", [typeof frozenRange === "string" ? frozenRange : null], (s: SheetModel, x: Exec) => {
      const r =
        frozenRange instanceof SimRange
          ? (frozenRange._entity as RangeRef)
          : resolveAddress(x.model, s, frozenRange, where);
      s.freeze = { rows: r.rect.r1 + 1, columns: r.rect.c1 + 1 };
    });
  }

  unfreeze(): void {
    action(this, "WorksheetFreezePanes.unfreeze", "1.7", [], (s: SheetModel) => {
      s.freeze = { rows: 0, columns: 0 };
    });
  }

  private _location(member: string, nullable: boolean): SimRange {
    const where = `WorksheetFreezePanes.${member}`;
    return child(
      this,
      SimRange,
      where,
      "1.7",
      [],
      (s: SheetModel) => {
        const { rows, columns } = s.freeze;
        if (rows === 0 && columns === 0) {
          if (nullable) return null;
          throw simError("ItemNotFound", where, `sheet '${s.name}' has no frozen panes`);
        }
        return { sheet: s, rect: { r0: 0, c0: 0, r1: Math.max(rows, 1) - 1, c1: columns === 0 ? 16383 : columns - 1 } };
      },
      nullable,
    );
  }

  getLocation(): SimRange {
    return this._location("getLocation", false);
  }
  getLocationOrNullObject(): SimRange {
    return this._location("getLocationOrNullObject", true);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Worksheet custom properties (ExcelApi 1.12): keys are case-insensitive.

interface CustomPropRef {
  sheet: SheetModel;
  key: string;
}

function customEntry(ref: CustomPropRef, where: string): { key: string; value: string } {
  const e = ref.sheet.customProperties.get(ref.key.toLowerCase());
  if (!e) throw simError("ItemNotFound", where, `sheet '${ref.sheet.name}' has no custom property '${ref.key}'`);
  return e;
}

export class SimWorksheetCustomPropertyCollection extends SimCollection<SimWorksheetCustomProperty> {
  static meta: Meta = { typeName: "WorksheetCustomPropertyCollection", props: {}, collection: true };

  _itemsOf(s: SheetModel): unknown[] {
    return [...s.customProperties.values()].map((e) => ({ sheet: s, key: e.key }));
  }
  _itemClass() {
    return SimWorksheetCustomProperty;
  }
  _countSince() {
    return "1.12";
  }

  add(key: string, value: string): SimWorksheetCustomProperty {
    const where = "WorksheetCustomPropertyCollection.add";
    action(this, where, "1.12", [key, value], (s: SheetModel) => {
      checkString(key, "key", where);
      if (key.length === 0 || key.length > 255)
        throw simError("InvalidArgument", where, `key must be 1..255 characters, got ${key.length}`);
      checkString(value, "value", where);
      const existing = s.customProperties.get(key.toLowerCase());
      s.customProperties.set(key.toLowerCase(), { key: existing ? existing.key : key, value });
    });
    const c = make(
      SimWorksheetCustomProperty,
      this.context,
      this,
      (s) => ({ sheet: s as SheetModel, key }),
      `${where}(result)`,
    );
    c._ensure();
    return c;
  }

  getItem(key: string): SimWorksheetCustomProperty {
    const where = "WorksheetCustomPropertyCollection.getItem";
    return child(this, SimWorksheetCustomProperty, where, "1.12", [key], (s: SheetModel) => {
      customEntry({ sheet: s, key }, where);
      return { sheet: s, key };
    });
  }

  getItemOrNullObject(key: string): SimWorksheetCustomProperty {
    const where = "WorksheetCustomPropertyCollection.getItemOrNullObject";
    return child(
      this,
      SimWorksheetCustomProperty,
      where,
      "1.12",
      [key],
      (s: SheetModel) =>
        typeof key === "string" && s.customProperties.has(key.toLowerCase()) ? { sheet: s, key } : null,
      true,
    );
  }
}
installProps(SimWorksheetCustomPropertyCollection);

export class SimWorksheetCustomProperty extends SimObject {
  static meta: Meta = {
    typeName: "WorksheetCustomProperty",
    props: {
      key: { since: "1.12", get: (r: CustomPropRef) => customEntry(r, "WorksheetCustomProperty.key").key },
      value: {
        since: "1.12",
        get: (r: CustomPropRef) => customEntry(r, "WorksheetCustomProperty.value").value,
        set: (r: CustomPropRef, v: unknown) => {
          customEntry(r, "WorksheetCustomProperty.value").value = checkString(
            v,
            "value",
            "WorksheetCustomProperty.value",
          );
        },
      },
    } as Record<string, PropSpec<never>>,
  };

  delete(): void {
    action(this, "WorksheetCustomProperty.delete", "1.12", [], (r: CustomPropRef) => {
      customEntry(r, "WorksheetCustomProperty.delete");
      r.sheet.customProperties.delete(r.key.toLowerCase());
    });
  }
}
installProps(SimWorksheetCustomProperty);

// ---------------------------------------------------------------------------------------------------------------
// Settings (ExcelApi 1.4): per document and add-in, persisted with the workbook.

interface SettingRef {
  wb: WorkbookModel;
  key: string;
}

function checkSettingValue(v: unknown, where: string): unknown {
  if (v === undefined || typeof v === "function" || typeof v === "symbol") {
    throw simError("InvalidArgument", where, `a setting value must be JSON-serializable, got ${describe(v)}`);
  }
  return cloneJson(v);
}

function settingValue(r: SettingRef, where: string): unknown {
  if (!r.wb.settings.has(r.key)) throw simError("ItemNotFound", where, `no setting '${r.key}'`);
  return cloneJson(r.wb.settings.get(r.key));
}

export class SimSettingCollection extends SimCollection<SimSetting> {
  static meta: Meta = { typeName: "SettingCollection", props: {}, collection: true };

  _itemsOf(wb: WorkbookModel): unknown[] {
    return [...wb.settings.keys()].map((key) => ({ wb, key }));
  }
  _itemClass() {
    return SimSetting;
  }

  add(key: string, value: unknown): SimSetting {
    const where = "SettingCollection.add";
    action(this, where, "1.4", [key, value], (wb: WorkbookModel) => {
      checkString(key, "key", where);
      if (key === "") throw simError("InvalidArgument", where, "a setting key cannot be empty");
      wb.settings.set(key, checkSettingValue(value, where));
    });
    const c = make(SimSetting, this.context, this, (wb) => ({ wb: wb as WorkbookModel, key }), `${where}(result)`);
    c._ensure();
    return c;
  }

  getItem(key: string): SimSetting {
    const where = "SettingCollection.getItem";
    return child(this, SimSetting, where, "1.4", [key], (wb: WorkbookModel) => {
      settingValue({ wb, key }, where);
      return { wb, key };
    });
  }

  getItemOrNullObject(key: string): SimSetting {
    return child(
      this,
      SimSetting,
      "SettingCollection.getItemOrNullObject",
      "1.4",
      [key],
      (wb: WorkbookModel) => (wb.settings.has(key) ? { wb, key } : null),
      true,
    );
  }
}
installProps(SimSettingCollection);

export class SimSetting extends SimObject {
  static meta: Meta = {
    typeName: "Setting",
    props: {
      key: { since: "1.4", get: (r: SettingRef) => (settingValue(r, "Setting.key"), r.key) },
      value: {
        since: "1.4",
        get: (r: SettingRef) => settingValue(r, "Setting.value"),
        set: (r: SettingRef, v: unknown) => {
          settingValue(r, "Setting.value");
          r.wb.settings.set(r.key, checkSettingValue(v, "Setting.value"));
        },
      },
    } as Record<string, PropSpec<never>>,
  };

  delete(): void {
    action(this, "Setting.delete", "1.4", [], (r: SettingRef) => {
      r.wb.settings.delete(r.key);
    });
  }
}
installProps(SimSetting);

// ---------------------------------------------------------------------------------------------------------------
// Custom XML parts (ExcelApi 1.5)

function xmlNamespace(xml: string, where: string): string {
  const trimmed = xml.replace(/^\s*<\?xml[^>]*\?>/, "").trim();
  const root = /^<([A-Za-z_][\w.:-]*)([^>]*)>/.exec(trimmed);
  if (!root) throw simError("InvalidArgument", where, "the XML has no root element");
  const tag = root[1];
  const prefix = tag.includes(":") ? tag.split(":")[0] : null;
  const attr = prefix ? new RegExp(`xmlns:${prefix}="([^"]*)"`).exec(root[2]) : /xmlns="([^"]*)"/.exec(root[2]);
  const close = new RegExp(`</${tag.replace(/[.]/g, "\\.")}>\\s*$`);
  if (!root[2].trim().endsWith("/") && !close.test(trimmed))
    throw simError("InvalidArgument", where, `the XML's root element <${tag}> is not closed`);
  return attr ? attr[1] : "";
}

interface XmlScope {
  wb: WorkbookModel;
  ns: string | null;
}

export class SimCustomXmlPartCollection extends SimCollection<SimCustomXmlPart> {
  static meta: Meta = { typeName: "CustomXmlPartCollection", props: {}, collection: true };

  _itemsOf(s: XmlScope): unknown[] {
    return s.wb.customXmlParts.filter((p) => s.ns === null || p.namespaceUri === s.ns);
  }
  _itemClass() {
    return SimCustomXmlPart;
  }
  _countSince() {
    return "1.5";
  }

  add(xml: string): SimCustomXmlPart {
    const where = "CustomXmlPartCollection.add";
    return created(this, SimCustomXmlPart, where, "1.5", [xml], (s: XmlScope, x: Exec) => {
      checkString(xml, "xml", where);
      const n = x.model.nextId("xml");
      const p: CustomXmlPartModel = {
        id: `{${String(n).padStart(8, "0")}-0000-4000-8000-000000000000}`,
        namespaceUri: xmlNamespace(xml, where),
        xml,
      };
      s.wb.customXmlParts.push(p);
      return p;
    });
  }

  getItem(id: string): SimCustomXmlPart {
    const where = "CustomXmlPartCollection.getItem";
    return child(this, SimCustomXmlPart, where, "1.5", [id], (s: XmlScope) => {
      const p = this._itemsOf(s).find((q) => (q as CustomXmlPartModel).id === id);
      if (!p) throw simError("ItemNotFound", where, `no custom XML part with id '${id}'`);
      return p;
    });
  }

  getItemOrNullObject(id: string): SimCustomXmlPart {
    return child(
      this,
      SimCustomXmlPart,
      "CustomXmlPartCollection.getItemOrNullObject",
      "1.5",
      [id],
      (s: XmlScope) => this._itemsOf(s).find((q) => (q as CustomXmlPartModel).id === id) ?? null,
      true,
    );
  }

  getByNamespace(namespaceUri: string): SimCustomXmlPartCollection {
    return child(
      this,
      SimCustomXmlPartCollection,
      "CustomXmlPartCollection.getByNamespace",
      "1.5",
      [namespaceUri],
      (s: XmlScope) => ({
        wb: s.wb,
        ns: checkString(namespaceUri, "namespaceUri", "CustomXmlPartCollection.getByNamespace"),
      }),
    );
  }

  getOnlyItem(): SimCustomXmlPart {
    const where = "CustomXmlPartScopedCollection.getOnlyItem";
    return child(this, SimCustomXmlPart, where, "1.5", [], (s: XmlScope) => {
      const items = this._itemsOf(s);
      if (items.length !== 1)
        throw simError(items.length === 0 ? "ItemNotFound" : "InvalidOperation", where, `${items.length} parts match`);
      return items[0];
    });
  }

  getOnlyItemOrNullObject(): SimCustomXmlPart {
    return child(
      this,
      SimCustomXmlPart,
      "CustomXmlPartScopedCollection.getOnlyItemOrNullObject",
      "1.5",
      [],
      (s: XmlScope) => {
        const items = this._itemsOf(s);
        return items.length === 1 ? items[0] : null;
      },
      true,
    );
  }
}
installProps(SimCustomXmlPartCollection);

function livePart(p: CustomXmlPartModel, wb: WorkbookModel, where: string): CustomXmlPartModel {
  if (!wb.customXmlParts.includes(p)) throw simError("ItemNotFound", where, "the custom XML part was deleted");
  return p;
}

export class SimCustomXmlPart extends SimObject {
  static meta: Meta = {
    typeName: "CustomXmlPart",
    props: {
      id: { since: "1.5", get: (p: CustomXmlPartModel) => p.id },
      namespaceUri: { since: "1.5", get: (p: CustomXmlPartModel) => p.namespaceUri },
    } as Record<string, PropSpec<never>>,
  };

  getXml() {
    return result(
      this,
      "CustomXmlPart.getXml",
      "1.5",
      [],
      (p: CustomXmlPartModel, x: Exec) => livePart(p, x.model, "CustomXmlPart.getXml").xml,
    );
  }

  setXml(xml: string): void {
    action(this, "CustomXmlPart.setXml", "1.5", [xml], (p: CustomXmlPartModel, x: Exec) => {
      livePart(p, x.model, "CustomXmlPart.setXml");
      p.namespaceUri = xmlNamespace(checkString(xml, "xml", "CustomXmlPart.setXml"), "CustomXmlPart.setXml");
      p.xml = xml;
    });
  }

  delete(): void {
    action(this, "CustomXmlPart.delete", "1.5", [], (p: CustomXmlPartModel, x: Exec) => {
      livePart(p, x.model, "CustomXmlPart.delete");
      x.model.customXmlParts = x.model.customXmlParts.filter((q) => q !== p);
    });
  }
}
installProps(SimCustomXmlPart);

// ---------------------------------------------------------------------------------------------------------------
// Named items (workbook scope)

export class SimNamedItemCollection extends SimCollection<SimNamedItem> {
  static meta: Meta = { typeName: "NamedItemCollection", props: {}, collection: true };

  _itemsOf(wb: WorkbookModel): unknown[] {
    return [...wb.names];
  }
  _itemClass() {
    return SimNamedItem;
  }

  add(name: string, reference: Excel.Range | string, comment?: string): SimNamedItem {
    const where = "NamedItemCollection.add";
    if (reference instanceof SimRange) {
      this._sameContext(reference, where);
      reference._ensure();
    }
    return created(
      this,
      SimNamedItem,
      where,
      "1.4",
      [name, typeof reference === "string" ? reference : null, comment],
      (wb: WorkbookModel, x: Exec) => {
        checkString(name, "name", where);
        if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}[0-9]+$/.test(name)) {
          throw simError("InvalidArgument", where, `'${name}' is not a valid name`);
        }
        if (wb.names.some((n) => n.name.toLowerCase() === name.toLowerCase()) || wb.getTable(name)) {
          throw simError("ItemAlreadyExists", where, `the name '${name}' is already used`);
        }
        let ref: RangeRef | null = null;
        if (reference instanceof SimRange) ref = reference._entity as RangeRef;
        else if (typeof reference === "string" && /^=?'?[^=]*!/.test(reference))
          ref = resolveAddress(x.model, null, reference.replace(/^=/, ""), where);
        const n: NamedItemModel = {
          name,
          formula: ref ? `=${quoteSheet(ref.sheet.name)}!${absolute(ref.rect)}` : String(reference),
          comment: comment ?? "",
          visible: true,
          sheet: ref ? ref.sheet : null,
          rect: ref ? { ...ref.rect } : null,
        };
        wb.names.push(n);
        return n;
      },
    );
  }

  getItem(name: string): SimNamedItem {
    const where = "NamedItemCollection.getItem";
    return child(this, SimNamedItem, where, undefined, [name], (wb: WorkbookModel) => {
      const n = wb.names.find((m) => m.name.toLowerCase() === String(name).toLowerCase());
      if (!n) throw simError("ItemNotFound", where, `no named item '${name}'`);
      return n;
    });
  }

  getItemOrNullObject(name: string): SimNamedItem {
    return child(
      this,
      SimNamedItem,
      "NamedItemCollection.getItemOrNullObject",
      "1.4",
      [name],
      (wb: WorkbookModel) => wb.names.find((m) => m.name.toLowerCase() === String(name).toLowerCase()) ?? null,
      true,
    );
  }
}
installProps(SimNamedItemCollection);

function absolute(r: Rect): string {
  return formatRect(r).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
}

export class SimNamedItem extends SimObject {
  static meta: Meta = {
    typeName: "NamedItem",
    props: {
      name: { get: (n: NamedItemModel) => n.name },
      type: { get: (n: NamedItemModel) => (n.rect ? "Range" : "String") },
      value: {
        get: (n: NamedItemModel) => (n.sheet && n.rect ? `${quoteSheet(n.sheet.name)}!${absolute(n.rect)}` : n.formula),
      },
      formula: { since: "1.7", get: (n: NamedItemModel) => n.formula },
      comment: {
        since: "1.4",
        get: (n: NamedItemModel) => n.comment,
        set: (n: NamedItemModel, v: unknown) => (n.comment = checkString(v, "comment", "NamedItem.comment")),
      },
      visible: {
        get: (n: NamedItemModel) => n.visible,
        set: (n: NamedItemModel, v: unknown) => (n.visible = checkBool(v, "visible", "NamedItem.visible")),
      },
      scope: { since: "1.4", get: () => "Workbook" },
    } as Record<string, PropSpec<never>>,
  };

  getRange(): SimRange {
    return child(this, SimRange, "NamedItem.getRange", undefined, [], (n: NamedItemModel) => {
      if (!n.sheet || !n.rect || n.sheet.deleted)
        throw simError("InvalidOperation", "NamedItem.getRange", `'${n.name}' does not refer to a range`);
      return { sheet: n.sheet, rect: { ...n.rect } };
    });
  }

  getRangeOrNullObject(): SimRange {
    return child(
      this,
      SimRange,
      "NamedItem.getRangeOrNullObject",
      "1.4",
      [],
      (n: NamedItemModel) => (n.sheet && n.rect && !n.sheet.deleted ? { sheet: n.sheet, rect: { ...n.rect } } : null),
      true,
    );
  }

  delete(): void {
    action(this, "NamedItem.delete", "1.4", [], (n: NamedItemModel, x: Exec) => {
      x.model.names = x.model.names.filter((m) => m !== n);
    });
  }
}
installProps(SimNamedItem);
