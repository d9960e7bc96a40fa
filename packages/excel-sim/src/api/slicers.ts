/**
 * Slicers (ExcelApi 1.10): `workbook.slicers.add(table | tableName, field, destination?)`, `worksheet.slicers`,
 * `Slicer` (position, caption, style, selection) and its items (the distinct values of the field).
 *
 * Users report `slicers.add` failing on some Excel builds (gh:OfficeDev/office-js#5032, #5392); the host option
 * `slicersFail` makes every add reject the sync with GeneralException so the adapter's fallback can be tested.
 * Selecting items records a filter on the table column (rows are not hidden).
 */
import { formatCell } from "../cellvalue";
import { simError } from "../errors";
import type { SheetModel, SlicerModel, TableModel, WorkbookModel } from "../model";
import { Exec, installProps, Meta, PropSpec, SimObject } from "../runtime";
import {
  SimCollection,
  action,
  checkEnum,
  checkNumber,
  checkString,
  child,
  created,
  liveTable,
  navChild,
  result,
} from "./common";
import { SimWorksheet } from "./sheets";
import { SimTable, SimTableColumn } from "./tables";

interface SlicerScope {
  wb: WorkbookModel;
  sheet: SheetModel | null;
}

function slicersIn(s: SlicerScope): SlicerModel[] {
  return s.wb.slicers.filter((x) => s.sheet === null || x.sheet === s.sheet);
}

function findSlicer(s: SlicerScope, key: string): SlicerModel | undefined {
  return slicersIn(s).find((x) => x.name.toLowerCase() === String(key).toLowerCase() || x.id === key);
}

function liveSlicer(s: SlicerModel, where: string): SlicerModel {
  if (!s.table.sheet.workbook.slicers.includes(s))
    throw simError("ItemNotFound", where, `slicer '${s.name}' was deleted`);
  return s;
}

/** Distinct display texts of the slicer's field, in source order. */
function slicerKeys(s: SlicerModel): string[] {
  const t = s.table;
  const idx = t.columns.findIndex((c) => c.id === s.columnId);
  if (idx < 0) return [];
  const store = t.sheet.cols[t.rect.c0 + idx];
  const seen = new Set<string>();
  const out: string[] = [];
  for (let r = t.rect.r0 + 1; r <= t.rect.r1; r++) {
    const v = store ? store.get(r) : undefined;
    const key = v === undefined ? "(blank)" : formatCell(v, store?.getFormat(r));
    if (!seen.has(key)) {
      seen.add(key);
      out.push(key);
    }
  }
  return out;
}

export class SimSlicerCollection extends SimCollection<SimSlicer> {
  static meta: Meta = { typeName: "SlicerCollection", props: {}, collection: true };

  _itemsOf(s: SlicerScope): unknown[] {
    return slicersIn(s);
  }
  _itemClass() {
    return SimSlicer;
  }
  _countSince() {
    return "1.10";
  }

  add(
    slicerSource: string | Excel.Table | Excel.PivotTable,
    sourceField: string | number | Excel.TableColumn | Excel.PivotField,
    slicerDestination?: string | Excel.Worksheet,
  ): SimSlicer {
    const where = "SlicerCollection.add";
    for (const o of [slicerSource, sourceField, slicerDestination]) {
      if (o instanceof SimObject) {
        this._sameContext(o, where);
        o._ensure();
      }
    }
    const plain = (o: unknown) => (o instanceof SimObject ? null : o);
    return created(
      this,
      SimSlicer,
      where,
      "1.10",
      [plain(slicerSource), plain(sourceField), plain(slicerDestination)],
      (scope: SlicerScope, x: Exec) => {
        if (x.host.slicersFail) {
          // As reported on some builds: the call fails without a specific reason.
          throw simError(
            "GeneralException",
            where,
            "slicersFail is set on the simulated host (models gh:OfficeDev/office-js#5032)",
          );
        }
        let table: TableModel | undefined;
        if (slicerSource instanceof SimTable) table = slicerSource._entity as TableModel;
        else if (typeof slicerSource === "string") table = x.model.getTable(slicerSource);
        if (!table)
          throw simError(
            "ItemNotFound",
            where,
            `the slicer source '${String(slicerSource)}' is not a table in this workbook (PivotTables are not modelled)`,
          );
        liveTable(table, where);
        let columnId: number | undefined;
        if (sourceField instanceof SimTableColumn) columnId = (sourceField._entity as { id: number }).id;
        else if (typeof sourceField === "number") columnId = table.columns.find((c) => c.id === sourceField)?.id;
        else if (typeof sourceField === "string")
          columnId = table.columns.find((c) => c.name.toLowerCase() === sourceField.toLowerCase())?.id;
        if (columnId === undefined) {
          throw simError(
            "ItemNotFound",
            where,
            `table '${table.name}' has no field '${String(sourceField)}' (columns: ${table.columns.map((c) => c.name).join(", ")})`,
          );
        }
        let sheet: SheetModel = table.sheet;
        if (slicerDestination instanceof SimWorksheet) sheet = slicerDestination._entity as SheetModel;
        else if (typeof slicerDestination === "string") {
          const d = x.model.getSheet(slicerDestination);
          if (!d) throw simError("ItemNotFound", where, `no sheet named '${slicerDestination}' for the slicer`);
          sheet = d;
        } else if (scope.sheet) sheet = scope.sheet;
        const field = table.columns.find((c) => c.id === columnId)?.name ?? "Slicer";
        let name = field;
        for (let i = 1; x.model.slicers.some((s) => s.name.toLowerCase() === name.toLowerCase()); i++)
          name = `${field} ${i}`;
        const s: SlicerModel = {
          id: `{${String(x.model.nextId("slicer")).padStart(8, "0")}-511C-4000-8000-000000000000}`,
          name,
          caption: field,
          table,
          columnId,
          sheet,
          top: 15,
          left: 15 + 200 * slicersIn({ wb: x.model, sheet }).length,
          width: 144,
          height: 200,
          style: "SlicerStyleLight1",
          sortBy: "DataSourceOrder",
          selected: null,
        };
        x.model.slicers.push(s);
        return s;
      },
    );
  }

  getItem(key: string): SimSlicer {
    const where = "SlicerCollection.getItem";
    return child(this, SimSlicer, where, "1.10", [key], (s: SlicerScope) => {
      const sl = findSlicer(s, key);
      if (!sl) throw simError("ItemNotFound", where, `no slicer '${key}'`);
      return sl;
    });
  }

  getItemOrNullObject(key: string): SimSlicer {
    return child(
      this,
      SimSlicer,
      "SlicerCollection.getItemOrNullObject",
      "1.10",
      [key],
      (s: SlicerScope) => findSlicer(s, key) ?? null,
      true,
    );
  }

  getItemAt(index: number): SimSlicer {
    const where = "SlicerCollection.getItemAt";
    return child(this, SimSlicer, where, "1.10", [index], (s: SlicerScope) => {
      const list = slicersIn(s);
      if (!Number.isInteger(index) || index < 0 || index >= list.length)
        throw simError("ItemNotFound", where, `index ${index} is outside 0..${list.length - 1}`);
      return list[index];
    });
  }
}
installProps(SimSlicerCollection);

function slicerProp(
  key: "caption" | "top" | "left" | "width" | "height" | "style" | "sortBy" | "name",
  check: (v: unknown, n: string, w: string) => unknown,
): PropSpec<SlicerModel> {
  return {
    since: "1.10",
    get: (s) => liveSlicer(s, `Slicer.${key}`)[key],
    set: (s, v) => {
      (liveSlicer(s, `Slicer.${key}`) as unknown as Record<string, unknown>)[key] = check(v, key, `Slicer.${key}`);
    },
  };
}

export class SimSlicer extends SimObject {
  static meta: Meta = {
    typeName: "Slicer",
    props: {
      id: { since: "1.10", get: (s: SlicerModel) => liveSlicer(s, "Slicer.id").id },
      name: slicerProp("name", checkString),
      caption: slicerProp("caption", checkString),
      top: slicerProp("top", checkNumber),
      left: slicerProp("left", checkNumber),
      width: slicerProp("width", checkNumber),
      height: slicerProp("height", checkNumber),
      style: slicerProp("style", checkString),
      sortBy: slicerProp("sortBy", (v, n, w) => checkEnum(v, ["DataSourceOrder", "Ascending", "Descending"], n, w)),
      isFilterCleared: {
        since: "1.10",
        get: (s: SlicerModel) => liveSlicer(s, "Slicer.isFilterCleared").selected === null,
      },
    } as Record<string, PropSpec<never>>,
    navs: { slicerItems: "1.10", worksheet: "1.10" },
  };

  get slicerItems(): SimSlicerItemCollection {
    return navChild(this, "slicerItems", SimSlicerItemCollection, "1.10", (s: SlicerModel) =>
      liveSlicer(s, "Slicer.slicerItems"),
    );
  }
  get worksheet(): SimWorksheet {
    return navChild(
      this,
      "worksheet",
      SimWorksheet,
      "1.10",
      (s: SlicerModel) => liveSlicer(s, "Slicer.worksheet").sheet,
    );
  }

  clearFilters(): void {
    action(this, "Slicer.clearFilters", "1.10", [], (s: SlicerModel) => {
      liveSlicer(s, "Slicer.clearFilters").selected = null;
      setColumnFilter(s);
    });
  }

  delete(): void {
    action(this, "Slicer.delete", "1.10", [], (s: SlicerModel, x: Exec) => {
      liveSlicer(s, "Slicer.delete");
      x.model.slicers = x.model.slicers.filter((q) => q !== s);
    });
  }

  getSelectedItems() {
    return result(this, "Slicer.getSelectedItems", "1.10", [], (s: SlicerModel) => {
      liveSlicer(s, "Slicer.getSelectedItems");
      return s.selected === null ? slicerKeys(s) : [...s.selected];
    });
  }

  selectItems(items?: string[]): void {
    action(this, "Slicer.selectItems", "1.10", [items ?? null], (s: SlicerModel) => {
      liveSlicer(s, "Slicer.selectItems");
      if (items === undefined || items.length === 0) {
        s.selected = null;
      } else {
        const keys = new Set(slicerKeys(s));
        const bad = items.find((k) => !keys.has(k));
        if (bad !== undefined)
          throw simError("InvalidArgument", "Slicer.selectItems", `'${bad}' is not an item of slicer '${s.name}'`);
        s.selected = [...items];
      }
      setColumnFilter(s);
    });
  }
}
installProps(SimSlicer);

function setColumnFilter(s: SlicerModel): void {
  const col = s.table.columns.find((c) => c.id === s.columnId);
  if (col) col.filter = s.selected === null ? null : { filterOn: "Values", values: [...s.selected] };
}

interface SlicerItemRef {
  slicer: SlicerModel;
  key: string;
}

export class SimSlicerItemCollection extends SimCollection<SimSlicerItem> {
  static meta: Meta = { typeName: "SlicerItemCollection", props: {}, collection: true };

  _itemsOf(s: SlicerModel): unknown[] {
    return slicerKeys(s).map((key) => ({ slicer: s, key }));
  }
  _itemClass() {
    return SimSlicerItem;
  }
  _countSince() {
    return "1.10";
  }

  getItem(key: string): SimSlicerItem {
    const where = "SlicerItemCollection.getItem";
    return child(this, SimSlicerItem, where, "1.10", [key], (s: SlicerModel) => {
      if (!slicerKeys(s).includes(key))
        throw simError("ItemNotFound", where, `slicer '${s.name}' has no item '${key}'`);
      return { slicer: s, key };
    });
  }

  getItemOrNullObject(key: string): SimSlicerItem {
    return child(
      this,
      SimSlicerItem,
      "SlicerItemCollection.getItemOrNullObject",
      "1.10",
      [key],
      (s: SlicerModel) => (slicerKeys(s).includes(key) ? { slicer: s, key } : null),
      true,
    );
  }
}
installProps(SimSlicerItemCollection);

export class SimSlicerItem extends SimObject {
  static meta: Meta = {
    typeName: "SlicerItem",
    props: {
      key: { since: "1.10", get: (r: SlicerItemRef) => r.key },
      name: { since: "1.10", get: (r: SlicerItemRef) => r.key },
      hasData: { since: "1.10", get: () => true },
      isSelected: {
        since: "1.10",
        get: (r: SlicerItemRef) => r.slicer.selected === null || r.slicer.selected.includes(r.key),
        set: (r: SlicerItemRef, v: unknown) => {
          const all = slicerKeys(r.slicer);
          const cur = new Set(r.slicer.selected ?? all);
          if (v === true) cur.add(r.key);
          else if (v === false) cur.delete(r.key);
          else throw simError("InvalidArgument", "SlicerItem.isSelected", "isSelected must be true or false");
          r.slicer.selected = cur.size === all.length ? null : all.filter((k) => cur.has(k));
          setColumnFilter(r.slicer);
        },
      },
    } as Record<string, PropSpec<never>>,
  };
}
installProps(SimSlicerItem);

/**
 * What a person clicking a slicer in Excel does, for viewers and tests (no request context): selects `keys` (null
 * clears the filter) and filters the table column to them. The keys are the slicer's items (`slicerItemKeys`).
 */
export function selectSlicerItemsAsUser(s: SlicerModel, keys: readonly string[] | null): void {
  const all = slicerKeys(s);
  const bad = keys?.find((k) => !all.includes(k));
  if (bad !== undefined) throw new Error(`'${bad}' is not an item of slicer '${s.name}'`);
  s.selected = keys === null || keys.length === all.length ? null : all.filter((k) => keys.includes(k));
  setColumnFilter(s);
}

/** A slicer's items, in the order the table first shows them. */
export function slicerItemKeys(s: SlicerModel): string[] {
  return slicerKeys(s);
}
