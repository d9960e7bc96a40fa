/**
 * The request/proxy machinery of the Excel simulation: `SimRequestContext` (queue, `sync`, payload limits, stats)
 * and `SimObject`, the base of every proxy (strict loading, deferred commands, null objects, requirement sets).
 *
 * Semantics (EXCEL_FACTS §2, §11):
 * - Property sets, method calls and `load()` are queued; `sync()` runs the queue in order against the model.
 *   A proxy is instantiated lazily, when a command first uses it (as office.js does), so `getItem("missing")`
 *   fails the sync only once something is loaded, set or called on it; `*OrNullObject` proxies are instantiated at
 *   once and their `isNullObject` is readable after the next sync.
 * - Reading a property that was not loaded (and synced) throws `PropertyNotLoaded` from the getter; setting a
 *   property keeps the value locally (so it reads back) and queues the write.
 * - A failing command rejects `sync()` with a `SimError` (code, message, debugInfo.statement); commands before it stay
 *   applied, later ones are dropped, and nothing that batch loaded becomes readable.
 * - Payload: each command costs a fixed overhead plus the JSON size of its arguments, each proxy instantiation an
 *   object overhead; a request over `limits.requestBytes` is rejected whole, before anything runs
 *   (RequestPayloadSizeLimitExceeded). Loaded values count towards the response; over `limits.responseBytes` the
 *   sync rejects (ResponsePayloadSizeLimitExceeded) after the commands ran. Reading more than `limits.readCells`
 *   cells in one property fails with RangeExceedsLimit.
 * - Accessing a member a proxy does not have throws `SimUnknownMemberError` at once (see `strict`).
 *
 * Cost: queueing is O(1) plus the argument's JSON size; sync is proportional to the cells the commands touch.
 */
import type { WorkbookModel } from "./model";
import { SimError, SimUnknownMemberError, propertyNotLoaded, simError } from "./errors";
import { jsonBytes } from "./payload";

// ---------------------------------------------------------------------------------------------------------------
// Host configuration and statistics

export interface SimLimits {
  /** Request payload limit in bytes (Excel on the web: 5 MB). */
  requestBytes: number;
  /** Response payload limit in bytes (Excel on the web: 5 MB). */
  responseBytes: number;
  /** Cells one read (values/text/formulas/numberFormat/valueTypes) may cover: 5,000,000 on every platform. */
  readCells: number;
  /** Cells one operation may affect (web): 33,554,000. */
  operationCells: number;
  /** Bytes each queued command adds to the request besides its arguments. */
  commandOverheadBytes: number;
  /** Bytes each proxy object used in a request adds (its object path). */
  objectOverheadBytes: number;
  /** Bytes each loaded object adds to the response besides its values. */
  loadOverheadBytes: number;
}

export const DEFAULT_LIMITS: SimLimits = {
  requestBytes: 5_000_000,
  responseBytes: 5_000_000,
  readCells: 5_000_000,
  operationCells: 33_554_000,
  commandOverheadBytes: 100,
  objectOverheadBytes: 120,
  loadOverheadBytes: 60,
};

export interface SyncRecord {
  /** 1-based index over the host's lifetime. */
  index: number;
  commands: number;
  requestBytes: number;
  responseBytes: number;
  cellsWritten: number;
  cellsRead: number;
  /** Error code when the sync was rejected. */
  error?: string;
  /** Queued statements, when the host records them (`recordStatements`). */
  statements?: string[];
}

export interface SimStats {
  /** Syncs that sent a request (a sync with nothing queued is not a round trip). */
  syncs: number;
  failedSyncs: number;
  emptySyncs: number;
  /** Commands sent, over all syncs. */
  commands: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  totalRequestBytes: number;
  totalResponseBytes: number;
  cellsWritten: number;
  cellsRead: number;
  /** Excel.run batches started. */
  runs: number;
  suspendScreenUpdatingCalls: number;
  suspendApiCalculationCalls: number;
  /** One record per sync that sent a request, in order. */
  perSync: SyncRecord[];
}

export function emptyStats(): SimStats {
  return {
    syncs: 0,
    failedSyncs: 0,
    emptySyncs: 0,
    commands: 0,
    maxRequestBytes: 0,
    maxResponseBytes: 0,
    totalRequestBytes: 0,
    totalResponseBytes: 0,
    cellsWritten: 0,
    cellsRead: 0,
    runs: 0,
    suspendScreenUpdatingCalls: 0,
    suspendApiCalculationCalls: 0,
    perSync: [],
  };
}

export interface HostState {
  model: WorkbookModel;
  /** Supported ExcelApi version as [major, minor]. */
  apiVersion: [number, number];
  limits: SimLimits;
  stats: SimStats;
  slicersFail: boolean;
  /** A read over the cell cap: RangeExceedsLimit, or `null` as the property's value. */
  oversizedRead: "throw" | "null";
  recordStatements: boolean;
  /** How sync yields before answering: "macrotask" (setTimeout 0, lets a browser repaint), "microtask", or ms. */
  syncDelay: "macrotask" | "microtask" | number;
  listeners: ((rec: SyncRecord) => void)[];
}

export function parseVersion(v: string): [number, number] {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(String(v).trim());
  if (!m) throw new Error(`API version '${v}' is not of the form "1.12"`);
  return [Number(m[1]), Number(m[2] ?? 0)];
}

export function versionAtLeast(have: [number, number], need: string): boolean {
  const [a, b] = parseVersion(need);
  return have[0] > a || (have[0] === a && have[1] >= b);
}

// ---------------------------------------------------------------------------------------------------------------
// Execution of one sync

export interface Exec {
  host: HostState;
  model: WorkbookModel;
  responseBytes: number;
  cellsRead: number;
  cellsWritten: number;
  commits: (() => void)[];
  /** Throws ApiNotFound when the host's API version is below `since`. */
  gate(since: string | undefined, member: string): void;
}

interface Command {
  statement: string;
  bytes: number;
  run(x: Exec): void;
}

function delay(kind: HostState["syncDelay"]): Promise<void> {
  if (kind === "microtask") return Promise.resolve();
  return new Promise((resolve) => setTimeout(resolve, kind === "macrotask" ? 0 : kind));
}

/** Structurally an `Excel.RequestContext` for the members the adapter uses. */
export class SimRequestContext {
  readonly requestHeaders: Record<string, string> = {};
  readonly trackedObjects = {
    add: (_o: unknown): void => undefined,
    remove: (_o: unknown): void => undefined,
  };
  /** @internal */ _host: HostState;
  /** @internal */ _commands: Command[] = [];
  /** @internal */ _gen = 0;
  /** @internal */ _closed = false;
  /** @internal */ _traces: string[] = [];
  /** Set by the host after construction (api.ts creates the workbook proxy). */
  workbook!: unknown;
  application!: unknown;

  constructor(host: HostState) {
    this._host = host;
  }

  get debugInfo(): { pendingStatements: string[] } {
    return { pendingStatements: this._commands.map((c) => c.statement) };
  }

  load(object: OfficeExtension.ClientObject, option?: LoadArg): void {
    if (!(object instanceof SimObject))
      throw simError("InvalidArgument", "RequestContext.load", "the object is not an Excel proxy object");
    object.load(option);
  }

  trace(message: string): void {
    this._queue({
      statement: `trace(${JSON.stringify(message)})`,
      bytes: 40 + message.length,
      run: () => this._traces.push(message),
    });
  }

  /** @internal */
  _queue(c: Command): void {
    this._commands.push(c);
  }

  sync<T>(passThroughValue?: T): Promise<T> {
    const commands = this._commands;
    this._commands = [];
    this._gen++;
    const host = this._host;
    if (commands.length === 0) {
      host.stats.emptySyncs++;
      return Promise.resolve(passThroughValue as T);
    }
    if (this._closed) {
      return Promise.reject(
        simError(
          "InvalidObjectPath",
          "RequestContext.sync",
          "this context's Excel.run batch has finished; its objects cannot be used any more",
        ),
      );
    }
    return delay(host.syncDelay).then(() => this._execute(commands, passThroughValue as T));
  }

  private _execute<T>(commands: Command[], pass: T): T {
    const host = this._host;
    const stats = host.stats;
    let requestBytes = 200; // envelope
    for (const c of commands) requestBytes += c.bytes;
    const rec: SyncRecord = {
      index: stats.syncs + 1,
      commands: commands.length,
      requestBytes,
      responseBytes: 0,
      cellsWritten: 0,
      cellsRead: 0,
    };
    if (host.recordStatements) rec.statements = commands.map((c) => c.statement);
    stats.syncs++;
    stats.commands += commands.length;
    stats.totalRequestBytes += requestBytes;
    stats.maxRequestBytes = Math.max(stats.maxRequestBytes, requestBytes);
    const finish = (err?: SimError): void => {
      if (err) {
        rec.error = err.code;
        stats.failedSyncs++;
      }
      stats.perSync.push(rec);
      for (const l of host.listeners) l(rec);
    };
    if (requestBytes > host.limits.requestBytes) {
      const err = simError(
        "RequestPayloadSizeLimitExceeded",
        "RequestContext.sync",
        `the request carries ${requestBytes} bytes (${commands.length} commands); the limit is ${host.limits.requestBytes}`,
      );
      finish(err);
      throw err;
    }
    const x: Exec = {
      host,
      model: host.model,
      responseBytes: 100,
      cellsRead: 0,
      cellsWritten: 0,
      commits: [],
      gate(since, member) {
        if (since && !versionAtLeast(host.apiVersion, since)) {
          throw simError(
            "ApiNotFound",
            member,
            `${member} needs ExcelApi ${since}; the simulated host supports ExcelApi ${host.apiVersion.join(".")}`,
          );
        }
      },
    };
    for (let i = 0; i < commands.length; i++) {
      const c = commands[i];
      try {
        c.run(x);
      } catch (e) {
        const err = toSimError(e, c.statement);
        err.debugInfo.surroundingStatements = commands.slice(Math.max(0, i - 2), i + 3).map((s) => s.statement);
        err.traceMessages = [...this._traces];
        rec.cellsWritten = x.cellsWritten;
        rec.cellsRead = x.cellsRead;
        rec.responseBytes = x.responseBytes;
        stats.cellsWritten += x.cellsWritten;
        finish(err);
        this._traces = [];
        throw err;
      }
    }
    rec.cellsWritten = x.cellsWritten;
    rec.cellsRead = x.cellsRead;
    rec.responseBytes = x.responseBytes;
    stats.cellsWritten += x.cellsWritten;
    stats.cellsRead += x.cellsRead;
    stats.totalResponseBytes += x.responseBytes;
    stats.maxResponseBytes = Math.max(stats.maxResponseBytes, x.responseBytes);
    this._traces = [];
    if (x.responseBytes > host.limits.responseBytes) {
      const err = simError(
        "ResponsePayloadSizeLimitExceeded",
        "RequestContext.sync",
        `the response would carry ${x.responseBytes} bytes; the limit is ${host.limits.responseBytes}`,
      );
      finish(err);
      throw err;
    }
    for (const commit of x.commits) commit();
    finish();
    return pass;
  }
}

function toSimError(e: unknown, statement: string): SimError {
  if (e instanceof SimError) {
    e.debugInfo.statement = statement;
    return e;
  }
  // A bug in the simulation itself: surface it loudly, keeping the original message.
  const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const err = simError("GeneralException", statement, `simulation error: ${msg}`);
  err.debugInfo.statement = statement;
  if (e instanceof Error && e.stack) err.stack = e.stack;
  return err;
}

// ---------------------------------------------------------------------------------------------------------------
// Load options

export type LoadArg =
  | string
  | string[]
  | { select?: string | string[]; expand?: string | string[]; top?: number; skip?: number }
  | undefined;

export interface LoadPlan {
  /** Scalar properties to load; "*" = all default scalars. */
  props: Set<string>;
  navs: Map<string, LoadPlan>;
  top?: number;
  skip?: number;
}

function newPlan(): LoadPlan {
  return { props: new Set(), navs: new Map() };
}

function toList(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  const arr = Array.isArray(v) ? v : [v];
  const out: string[] = [];
  for (const s of arr) for (const p of String(s).split(",")) if (p.trim()) out.push(p.trim());
  return out;
}

export function parseLoad(option: LoadArg): LoadPlan {
  const plan = newPlan();
  let paths: string[];
  if (option === undefined || option === null) paths = ["*"];
  else if (typeof option === "string" || Array.isArray(option)) paths = toList(option);
  else {
    paths = [...toList(option.select), ...toList(option.expand).map((e) => `${e}/*`)];
    if (paths.length === 0) paths = ["*"];
    plan.top = option.top;
    plan.skip = option.skip;
  }
  for (const p of paths) addPath(plan, p === "$all" ? "*" : p);
  return plan;
}

function addPath(plan: LoadPlan, path: string): void {
  const i = path.indexOf("/");
  if (i < 0) {
    plan.props.add(path);
    return;
  }
  const head = path.slice(0, i);
  let sub = plan.navs.get(head);
  if (!sub) {
    sub = newPlan();
    plan.navs.set(head, sub);
  }
  addPath(sub, path.slice(i + 1));
}

// ---------------------------------------------------------------------------------------------------------------
// Proxy objects

export interface PropSpec<E = never> {
  /** Reads the property from the entity at sync time. */
  get?: (e: E, x: Exec, self: SimObject) => unknown;
  /** Applies a set at sync time (validate there: Excel validates on the host). Absent = read-only. */
  set?: (e: E, v: unknown, x: Exec, self: SimObject) => void;
  /** ExcelApi version that introduced the property. */
  since?: string;
  /** Version for setting when it differs. */
  setSince?: string;
  /** Cell-array property: counts as a read of the range's cells (5M cap). */
  cells?: boolean;
  /** Left out of a bare load() (e.g. expensive or recent). */
  noDefault?: boolean;
}

export interface Meta {
  typeName: string;
  props: Record<string, PropSpec<never>>;
  /** Navigation properties (child proxies) with the version introducing them. */
  navs?: Record<string, string | undefined>;
  /** Collections load `items`. */
  collection?: boolean;
}

type Resolver = (parentEntity: unknown, x: Exec) => unknown;

const ROOT = Symbol("root");

/** The entity of a null object. */
export const NULL_ENTITY = null;

let objectCounter = 0;

export abstract class SimObject {
  readonly context: SimRequestContext;
  /** @internal */ _parent: SimObject | null;
  /** @internal */ _resolver: Resolver | null;
  /** @internal */ _statement: string;
  /** @internal */ _argBytes: number;
  /** @internal */ _entity: unknown = undefined;
  /** @internal */ _resolved = false;
  /** @internal */ _queuedGen = -1;
  /** @internal whether isNullObject became readable (after a successful sync that instantiated this object) */
  _nullKnown = false;
  /** @internal */ _loaded: Record<string, unknown> = Object.create(null);
  /** @internal */ _navCache: Record<string, SimObject> = Object.create(null);
  /** @internal */ _id = ++objectCounter;

  constructor(
    context: SimRequestContext,
    parent: SimObject | null,
    resolver: Resolver | null,
    statement: string,
    argBytes = 0,
  ) {
    this.context = context;
    this._parent = parent;
    this._resolver = resolver;
    this._statement = statement;
    this._argBytes = argBytes;
  }

  /** @internal */
  _meta(): Meta {
    return (this.constructor as unknown as { meta: Meta }).meta;
  }

  get isNullObject(): boolean {
    if (!this._nullKnown) throw propertyNotLoaded(this._meta().typeName, "isNullObject");
    return this._entity === null;
  }

  /** @internal Marks an object created already resolved (collection items, the workbook). */
  _setResolved(entity: unknown): this {
    this._entity = entity;
    this._resolved = true;
    this._nullKnown = true;
    return this;
  }

  /** @internal Queues this object's instantiation (and its parents') unless done. */
  _ensure(): void {
    if (this._resolved) return;
    const ctx = this.context;
    if (this._queuedGen === ctx._gen) return;
    if (this._parent) this._parent._ensure();
    this._queuedGen = ctx._gen;
    const parent = this._parent;
    const resolver = this._resolver;
    ctx._queue({
      statement: this._statement,
      bytes: ctx._host.limits.objectOverheadBytes + this._argBytes,
      run: (x) => {
        const pe = parent ? parent._entity : ROOT;
        this._entity = pe === null ? null : resolver ? resolver(pe, x) : pe;
        this._resolved = true;
        x.commits.push(() => {
          this._nullKnown = true;
        });
      },
    });
  }

  /** @internal The entity during a command (null for null objects). */
  _e<E>(): E {
    return this._entity as E;
  }

  /** @internal Queues a command on this object; skipped when the object is a null object. */
  _action(statement: string, argBytes: number, run: (e: never, x: Exec) => void): void {
    this._ensure();
    const ctx = this.context;
    ctx._queue({
      statement,
      bytes: ctx._host.limits.commandOverheadBytes + argBytes,
      run: (x) => {
        if (this._entity === null) return; // Excel ignores commands on null objects
        run(this._entity as never, x);
      },
    });
  }

  /** @internal Reads a loaded property (the accessor installed by `installProps`). */
  _read(name: string): unknown {
    if (name in this._loaded) return this._loaded[name];
    // A null object's properties read as undefined, without PropertyNotLoaded (office.js).
    if (this._nullKnown && this._entity === null) return undefined;
    throw propertyNotLoaded(this._meta().typeName, name);
  }

  /** @internal Sets a property: local value now, host write at sync. */
  _write(name: string, value: unknown): void {
    const meta = this._meta();
    const spec = meta.props[name] as PropSpec<unknown>;
    this._loaded[name] = value;
    const member = `${meta.typeName}.${name}`;
    this._action(`${member} = ${preview(value)}`, name.length + jsonBytes(value), (e, x) => {
      x.gate(spec.setSince ?? spec.since, member);
      (spec.set as NonNullable<PropSpec<unknown>["set"]>)(e, value, x, this);
    });
  }

  load(option?: LoadArg): this {
    const plan = parseLoad(option);
    this._queueLoad(plan);
    return this;
  }

  /** @internal */
  _queueLoad(plan: LoadPlan): void {
    // Navigation paths load on the child proxies, which queue their own commands.
    const meta = this._meta();
    navPropsToPaths(meta, plan);
    for (const [nav, sub] of plan.navs) {
      if (meta.collection && nav === "items") continue;
      const child = this._navChild(nav);
      if (child) child._queueLoad(sub);
      else this._failLater(`load('${nav}/...')`, `Excel.${meta.typeName} has no navigation property '${nav}'`);
    }
    if (plan.props.size === 0 && !(meta.collection && plan.navs.has("items"))) return;
    const argBytes = [...plan.props].join(",").length + 20;
    this._action(`${meta.typeName}.load(${[...plan.props].join(",")})`, argBytes, (e, x) => {
      this._runLoad(e, x, plan);
    });
    // A null object still answers the load (with isNullObject); make sure the commit happens.
  }

  /** @internal A child proxy for a navigation property name, or null. */
  _navChild(name: string): SimObject | null {
    const meta = this._meta();
    if (!meta.navs || !(name in meta.navs)) return null;
    return (this as unknown as Record<string, SimObject>)[name];
  }

  /** @internal Computes the loaded values at sync time; they become readable when the sync succeeds. */
  _runLoad(e: unknown, x: Exec, plan: LoadPlan): void {
    const meta = this._meta();
    const values: Record<string, unknown> = Object.create(null);
    const names = expandProps(meta, plan.props);
    for (const name of names) {
      const spec = meta.props[name] as PropSpec<unknown> | undefined;
      if (!spec || !spec.get) {
        throw simError(
          "InvalidArgument",
          `${meta.typeName}.load`,
          `Excel.${meta.typeName} has no loadable property '${name}' (misspelt, or not modelled by the simulation)`,
        );
      }
      x.gate(spec.since, `${meta.typeName}.${name}`);
      const v = spec.get(e as never, x, this);
      values[name] = v;
      x.responseBytes += name.length + 3 + jsonBytes(v);
    }
    x.responseBytes += x.host.limits.loadOverheadBytes;
    x.commits.push(() => {
      Object.assign(this._loaded, values);
    });
  }

  /** @internal Queues a command that fails at sync (used for unknown load paths). */
  _failLater(statement: string, detail: string): void {
    this.context._queue({
      statement,
      bytes: this.context._host.limits.commandOverheadBytes,
      run: () => {
        throw simError("InvalidArgument", statement, detail);
      },
    });
  }

  /** @internal A cached navigation child. */
  _nav<T extends SimObject>(name: string, make: () => T): T {
    let c = this._navCache[name] as T | undefined;
    if (!c) {
      c = make();
      this._navCache[name] = c;
    }
    return c;
  }

  /** @internal Checks that an argument proxy belongs to this request context. */
  _sameContext(o: SimObject, what: string): void {
    if (o.context !== this.context) {
      throw simError("InvalidRequestContext", what, "an object from another Excel.run batch was passed as an argument");
    }
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(this._loaded)) out[k] = this._loaded[k];
    return out;
  }
}

/** `load("format")` names a navigation property: it loads that object's scalar properties ("format/*"). */
export function navPropsToPaths(meta: Meta, plan: LoadPlan): void {
  if (!meta.navs) return;
  for (const p of [...plan.props]) {
    if (p in meta.navs && !(p in meta.props)) {
      plan.props.delete(p);
      const sub = plan.navs.get(p) ?? { props: new Set<string>(), navs: new Map() };
      sub.props.add("*");
      plan.navs.set(p, sub);
    }
  }
}

function expandProps(meta: Meta, props: Set<string>): string[] {
  const out = new Set<string>();
  for (const p of props) {
    if (p === "*") {
      for (const [k, spec] of Object.entries(meta.props)) if (!spec.noDefault && spec.get) out.add(k);
    } else out.add(p);
  }
  return [...out];
}

/** Short text of a value for statements (never the whole array). */
export function preview(v: unknown): string {
  if (Array.isArray(v)) {
    const inner = Array.isArray(v[0]) ? `${v.length}×${(v[0] as unknown[]).length}` : `${v.length}`;
    return `[${inner}]`;
  }
  if (typeof v === "string") return JSON.stringify(v.length > 30 ? v.slice(0, 30) + "…" : v);
  if (v && typeof v === "object") return "{…}";
  return String(v);
}

/** Installs accessors for meta.props on a proxy class's prototype. */
export function installProps(cls: { prototype: object; meta: Meta }): void {
  for (const [name, spec] of Object.entries(cls.meta.props)) {
    if (name in cls.prototype) continue; // explicitly written accessor wins
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      enumerable: false,
      get(this: SimObject) {
        return this._read(name);
      },
      set: spec.set
        ? function (this: SimObject, v: unknown) {
            this._write(name, v);
          }
        : undefined,
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// ClientResult

export class SimClientResult<T> {
  /** @internal */ _value: T | undefined;
  /** @internal */ _set = false;
  get value(): T {
    if (!this._set) {
      throw simError("ValueNotLoaded", "ClientResult.value");
    }
    return this._value as T;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Strictness: unknown members throw instead of reading undefined

const TOLERATED = new Set([
  "then",
  "catch",
  "finally",
  "asymmetricMatch",
  "nodeType",
  "tagName",
  "inspect",
  "length",
  "toJSON",
  "constructor",
]);

function tolerated(p: string): boolean {
  return TOLERATED.has(p) || p.startsWith("_") || p.startsWith("@@") || p.startsWith("$$") || p.startsWith("jasmine");
}

/** Wraps a proxy so that reading or writing a member it does not have throws `SimUnknownMemberError`. */
export function strict<T extends object>(obj: T, typeName: string): T {
  return new Proxy(obj, {
    get(target, p, receiver) {
      if (typeof p === "symbol" || p in target) return Reflect.get(target, p, receiver);
      if (tolerated(p)) return undefined;
      throw new SimUnknownMemberError(typeName, p, "read");
    },
    set(target, p, value, receiver) {
      if (typeof p === "symbol" || p in target || p.startsWith("_")) return Reflect.set(target, p, value, receiver);
      throw new SimUnknownMemberError(typeName, p, "write");
    },
  });
}

export { SimError };
