/**
 * Property-bag proxies: small Excel objects that are only a set of settings stored on their parent's record
 * (chart titles, legends, axes, data labels, conditional-format rules and formats). `defineBag` builds a strict
 * proxy class with load/set semantics from a table of properties (default, validation, API version) and nested
 * bags. Example: `defineBag("ChartLegend", { visible: { def: true, check: checkBool } })`.
 */
import { simError } from "../errors";
import { installProps, Meta, PropSpec, SimObject } from "../runtime";
import { ProxyClass, navChild } from "./common";

export interface BagProp {
  def: unknown;
  check?: (v: unknown, name: string, where: string) => unknown;
  since?: string;
  readOnly?: boolean;
  /** Computed read (e.g. derived from the parent model); gets the record. */
  get?: (rec: Record<string, unknown>) => unknown;
}

export type BagRecord = Record<string, unknown>;

/** Copies a JSON-like value so later changes by the caller do not leak into the model. */
export function cloneJson<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

export function defineBag(
  typeName: string,
  props: Record<string, BagProp>,
  navs: Record<string, { cls: () => ProxyClass<SimObject>; since?: string }> = {},
  base: ProxyClass<SimObject> = BagBase as unknown as ProxyClass<SimObject>,
): ProxyClass<SimObject> {
  const metaProps: Record<string, PropSpec<BagRecord>> = {};
  for (const [name, p] of Object.entries(props)) {
    metaProps[name] = {
      since: p.since,
      get: (rec) => (p.get ? p.get(rec) : name in rec ? rec[name] : p.def),
      set: p.readOnly
        ? undefined
        : (rec, v) => {
            const where = `${typeName}.${name}`;
            if (v === undefined) throw simError("InvalidArgument", where, `${name} cannot be undefined`);
            rec[name] = p.check ? p.check(v, name, where) : cloneJson(v);
          },
    };
  }
  const meta: Meta = {
    typeName,
    props: metaProps as Record<string, PropSpec<never>>,
    navs: Object.fromEntries(Object.entries(navs).map(([k, v]) => [k, v.since])),
  };
  const Cls = class extends (base as unknown as typeof BagBase) {
    static meta = meta;
  };
  for (const [name, nav] of Object.entries(navs)) {
    Object.defineProperty(Cls.prototype, name, {
      configurable: true,
      get(this: SimObject) {
        return navChild(this, name, nav.cls(), nav.since, (rec: BagRecord) => {
          let sub = rec[name] as BagRecord | undefined;
          if (!sub || typeof sub !== "object") {
            sub = {};
            rec[name] = sub;
          }
          return sub;
        });
      },
    });
  }
  installProps(Cls as unknown as { prototype: object; meta: Meta });
  return Cls as unknown as ProxyClass<SimObject>;
}

export class BagBase extends SimObject {
  static meta: Meta = { typeName: "Bag", props: {} };
}
