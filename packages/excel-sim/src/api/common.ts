/**
 * Helpers shared by the proxy classes: creating strict proxies, the range entity, address resolution, liveness
 * checks (a deleted sheet or table fails like Excel's ItemNotFound) and the collection base class that answers
 * `load("items")`, `load("items/name")`, `load("name")`, `getCount()` and `LoadOption.top/skip`.
 */
import { MAX_COLUMNS, MAX_ROWS, Rect, parseA1, splitSheet } from "../address";
import { simError } from "../errors";
import type { SheetModel, TableModel, WorkbookModel } from "../model";
import { describe } from "../model";
import { jsonBytes } from "../payload";
import {
  Exec,
  LoadPlan,
  Meta,
  SimClientResult,
  SimObject,
  SimRequestContext,
  navPropsToPaths,
  strict,
} from "../runtime";

/** The entity behind a Range proxy. */
export interface RangeRef {
  sheet: SheetModel;
  rect: Rect;
}

type Resolver = (parentEntity: unknown, x: Exec) => unknown;

export type ProxyClass<T extends SimObject> = {
  new (
    ctx: SimRequestContext,
    parent: SimObject | null,
    resolver: Resolver | null,
    statement: string,
    argBytes?: number,
  ): T;
  meta: Meta;
};

/** A new strict proxy whose entity is resolved at sync time from its parent's. */
export function make<T extends SimObject>(
  Cls: ProxyClass<T>,
  ctx: SimRequestContext,
  parent: SimObject | null,
  resolver: Resolver | null,
  statement: string,
  args: unknown[] = [],
): T {
  const obj = new Cls(ctx, parent, resolver, statement, jsonBytes(args));
  return strict(obj, Cls.meta.typeName);
}

/** A strict proxy already bound to an entity (collection items). */
export function makeResolved<T extends SimObject>(
  Cls: ProxyClass<T>,
  ctx: SimRequestContext,
  parent: SimObject | null,
  entity: unknown,
): T {
  const obj = new Cls(ctx, parent, null, `${Cls.meta.typeName}(item)`);
  obj._setResolved(entity);
  return strict(obj, Cls.meta.typeName);
}

/** A child created by a method, gated by the API version that introduced the method. */
export function child<T extends SimObject>(
  self: SimObject,
  Cls: ProxyClass<T>,
  member: string,
  since: string | undefined,
  args: unknown[],
  resolve: (parentEntity: never, x: Exec) => unknown,
  nullable = false,
): T {
  const statement = `${member}(${args.map((a) => (typeof a === "string" ? JSON.stringify(a) : a instanceof SimObject ? a._meta().typeName : String(a))).join(", ")})`;
  const c = make(
    Cls,
    self.context,
    self,
    (pe, x) => {
      x.gate(since, member);
      return resolve(pe as never, x);
    },
    statement,
    args.map((a) => (a instanceof SimObject ? null : a)),
  );
  // *OrNullObject proxies are instantiated at once so that isNullObject is known after the next sync.
  if (nullable) c._ensure();
  return c;
}

/** A navigation property's child (no command of its own until used). */
export function navChild<T extends SimObject>(
  self: SimObject,
  name: string,
  Cls: ProxyClass<T>,
  since: string | undefined,
  resolve: (parentEntity: never, x: Exec) => unknown,
): T {
  return self._nav(name, () =>
    make(
      Cls,
      self.context,
      self,
      (pe, x) => {
        x.gate(since, `${self._meta().typeName}.${name}`);
        return resolve(pe as never, x);
      },
      `${self._meta().typeName}.${name}`,
    ),
  );
}

/** Queues a method returning a ClientResult. */
export function result<T>(
  self: SimObject,
  member: string,
  since: string | undefined,
  args: unknown[],
  compute: (e: never, x: Exec) => T,
): SimClientResult<T> {
  const r = new SimClientResult<T>();
  self._action(`${member}(…)`, jsonBytes(args), (e, x) => {
    x.gate(since, member);
    const v = compute(e, x);
    x.responseBytes += 20 + jsonBytes(v);
    x.commits.push(() => {
      r._value = v;
      r._set = true;
    });
  });
  return r;
}

/** Queues a void method. */
export function action(
  self: SimObject,
  member: string,
  since: string | undefined,
  args: unknown[],
  run: (e: never, x: Exec) => void,
): void {
  self._action(`${member}(…)`, jsonBytes(args.map((a) => (a instanceof SimObject ? null : a))), (e, x) => {
    x.gate(since, member);
    run(e, x);
  });
}

/**
 * Queues a method that makes something (a sheet, table, chart, column, ...) and returns a proxy for it. The proxy's
 * entity is what `run` returned when the batch ran; it is null when the command failed or the parent was a null
 * object. The proxy is queued at once, after the command, so that it resolves in the same sync and the caller may
 * chain on it (`sheets.add("x").getRange("A1").values = ...`) or load it.
 */
export function created<T extends SimObject, E>(
  self: SimObject,
  Cls: ProxyClass<T>,
  member: string,
  since: string | undefined,
  args: unknown[],
  run: (e: never, x: Exec) => E,
): T {
  const holder: { made?: E } = {};
  action(self, member, since, args, (e, x) => {
    holder.made = run(e, x);
  });
  const c = make(Cls, self.context, self, () => holder.made ?? null, `${member}(result)`);
  c._ensure();
  return c;
}

export function liveSheet(s: SheetModel, where: string): SheetModel {
  if (s.deleted) throw simError("ItemNotFound", where, `sheet '${s.name}' was deleted`);
  return s;
}

export function liveTable(t: TableModel, where: string): TableModel {
  if (!t.sheet.workbook.tables.includes(t)) throw simError("ItemNotFound", where, `table '${t.name}' was deleted`);
  return t;
}

export function liveRange(r: RangeRef, where: string): RangeRef {
  liveSheet(r.sheet, where);
  return r;
}

/**
 * Resolves an address ("A1:B2", "Sheet1!A1", a workbook-level name) against a default sheet. Throws InvalidArgument
 * when it is not an address Excel accepts.
 */
export function resolveAddress(
  wb: WorkbookModel,
  defaultSheet: SheetModel | null,
  address: unknown,
  where: string,
): RangeRef {
  if (typeof address !== "string" || address.trim() === "") {
    throw simError("InvalidArgument", where, `the address must be a non-empty string, got ${describe(address)}`);
  }
  const { sheet: sheetName, ref } = splitSheet(address);
  let sheet = defaultSheet;
  if (sheetName !== null) {
    const s = wb.getSheet(sheetName);
    if (!s)
      throw simError(
        "InvalidArgument",
        where,
        `the address '${address}' names sheet '${sheetName}', which does not exist`,
      );
    if (defaultSheet && s !== defaultSheet) {
      throw simError(
        "InvalidArgument",
        where,
        `the address '${address}' is on another sheet than '${defaultSheet.name}'`,
      );
    }
    sheet = s;
  }
  const rect = parseA1(ref);
  if (rect && sheet) return { sheet, rect };
  const named = wb.names.find((n) => n.name.toLowerCase() === ref.trim().toLowerCase());
  if (named && named.sheet && named.rect) return { sheet: named.sheet, rect: { ...named.rect } };
  if (!sheet)
    throw simError("InvalidArgument", where, `the address '${address}' has no sheet name and there is no active sheet`);
  throw simError("InvalidArgument", where, `'${address}' is not an A1 address (e.g. "A1", "A1:C10", "A:C", "3:5")`);
}

export function wholeSheet(): Rect {
  return { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLUMNS - 1 };
}

export function checkInt(v: unknown, name: string, where: string, min = -Infinity): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) {
    throw simError(
      "InvalidArgument",
      where,
      `${name} must be an integer${min > -Infinity ? ` ≥ ${min}` : ""}, got ${describe(v)}`,
    );
  }
  return v;
}

export function checkBool(v: unknown, name: string, where: string): boolean {
  if (typeof v !== "boolean")
    throw simError("InvalidArgument", where, `${name} must be true or false, got ${describe(v)}`);
  return v;
}

export function checkString(v: unknown, name: string, where: string): string {
  if (typeof v !== "string") throw simError("InvalidArgument", where, `${name} must be a string, got ${describe(v)}`);
  return v;
}

export function checkEnum(v: unknown, allowed: readonly string[], name: string, where: string): string {
  if (typeof v === "string") {
    const hit = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
    if (hit) return hit;
  }
  throw simError("InvalidArgument", where, `${name} must be one of ${allowed.join(", ")}; got ${describe(v)}`);
}

export function checkNumber(v: unknown, name: string, where: string): number {
  if (typeof v !== "number" || !Number.isFinite(v))
    throw simError("InvalidArgument", where, `${name} must be a number, got ${describe(v)}`);
  return v;
}

/** "#RRGGBB" or a CSS colour name, as Excel accepts them. */
export function checkColor(v: unknown, name: string, where: string): string {
  if (typeof v === "string" && (/^#[0-9a-fA-F]{6}$/.test(v) || /^[A-Za-z]+$/.test(v) || v === "")) return v;
  throw simError("InvalidArgument", where, `${name} must be a colour like "#FF0000" or "red", got ${describe(v)}`);
}

// ---------------------------------------------------------------------------------------------------------------

/** Base of collections: items, getCount, count, load with items paths and top/skip. */
export abstract class SimCollection<TItem extends SimObject> extends SimObject {
  /** @internal The item entities of the collection at sync time. */
  abstract _itemsOf(e: never, x: Exec): unknown[];
  /** @internal */
  abstract _itemClass(): ProxyClass<TItem>;

  get items(): TItem[] {
    return this._read("items") as TItem[];
  }

  _runLoad(e: unknown, x: Exec, plan: LoadPlan): void {
    const meta = this._meta();
    const itemPlan: LoadPlan = plan.navs.get("items") ?? { props: new Set(), navs: new Map() };
    const own = new Set<string>();
    let wantItems = plan.navs.has("items");
    for (const p of plan.props) {
      if (p === "items" || p === "*") {
        wantItems = true;
        if (!plan.navs.has("items")) itemPlan.props.add("*");
      } else if (p in meta.props) own.add(p);
      else {
        wantItems = true;
        itemPlan.props.add(p);
      }
    }
    if (own.size > 0) super._runLoad(e, x, { props: own, navs: new Map() });
    if (!wantItems) return;
    if (itemPlan.props.size === 0 && itemPlan.navs.size === 0) itemPlan.props.add("*");
    let entities = this._itemsOf(e as never, x);
    if (plan.skip) entities = entities.slice(plan.skip);
    if (plan.top !== undefined) entities = entities.slice(0, plan.top);
    const Cls = this._itemClass();
    const proxies = entities.map((ent) => makeResolved(Cls, this.context, this, ent));
    for (const p of proxies) loadNow(p, itemPlan, x);
    x.commits.push(() => {
      this._loaded.items = proxies;
    });
  }

  getCount(): SimClientResult<number> {
    return result(
      this,
      `${this._meta().typeName}.getCount`,
      this._countSince(),
      [],
      (e, x) => this._itemsOf(e, x).length,
    );
  }

  /** @internal */
  _countSince(): string | undefined {
    return "1.4";
  }
}

/** Loads a plan on an object during the current sync (collection items and their navigation children). */
export function loadNow(obj: SimObject, plan: LoadPlan, x: Exec): void {
  if (!obj._resolved) {
    const pe = obj._parent ? obj._parent._entity : undefined;
    obj._entity = pe === null ? null : obj._resolver ? obj._resolver(pe, x) : pe;
    obj._resolved = true;
    x.commits.push(() => {
      obj._nullKnown = true;
    });
  }
  if (obj._entity === null) return;
  navPropsToPaths(obj._meta(), plan);
  if (plan.props.size > 0 || obj._meta().collection) {
    if (plan.props.size > 0 || plan.navs.has("items")) obj._runLoad(obj._entity, x, plan);
  }
  for (const [nav, sub] of plan.navs) {
    if (obj._meta().collection && nav === "items") continue;
    const c = obj._navChild(nav);
    if (!c)
      throw simError(
        "InvalidArgument",
        `${obj._meta().typeName}.load`,
        `Excel.${obj._meta().typeName} has no navigation property '${nav}'`,
      );
    loadNow(c, sub, x);
  }
}
