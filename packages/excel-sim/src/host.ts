/**
 * `createExcelHost(options)`: one simulated Excel instance — the `Excel` namespace (run, RequestContext, enums), the
 * `Office` object (onReady, requirements, document settings, actions.associate, addin.showAsTaskpane) and
 * `OfficeExtension` (Error, ErrorCodes), all backed by one `WorkbookModel`, plus statistics and test helpers.
 *
 * Defaults model Excel on the web with ExcelApi 1.17: 5 MB request and response limits (platform "OfficeOnline");
 * on "PC"/"Mac" the payload limits are off unless given (the 5M-cell read cap stays: it applies everywhere).
 * Example:
 *   const host = createExcelHost({ apiVersion: "1.12" });
 *   host.loadSheet("Online Retail", { headers, columns });
 *   await host.Excel.run(async (ctx) => { const s = ctx.workbook.worksheets.getActiveWorksheet(); s.load("name"); await ctx.sync(); });
 *   host.stats.syncs // 1
 */
import { enums } from "./enums";
import { SimError, simError } from "./errors";
import { ChartData } from "./chartdata";
import { calculateRange } from "./calc";
import type { Stored } from "./cellvalue";
import {
  Cell,
  ColumnsData,
  LoadSheetOptions,
  WorkbookSnapshot,
  getChartData,
  loadSheet,
  readSheetValues,
  snapshot,
} from "./inspect";
import { SheetModel, WorkbookModel } from "./model";
import {
  DEFAULT_LIMITS,
  HostState,
  SimClientResult,
  SimLimits,
  SimObject,
  SimRequestContext,
  SimStats,
  SyncRecord,
  emptyStats,
  parseVersion,
  strict,
  versionAtLeast,
} from "./runtime";
import { makeResolved } from "./api/common";
import {
  SimApplication,
  SimSetting,
  SimSettingCollection,
  SimWorkbook,
  SimWorksheet,
  SimWorksheetCollection,
} from "./api/sheets";
import { SimConditionalFormat, SimConditionalFormatCollection, SimRange, SimRangeFormat } from "./api/range";
import { SimTable, SimTableCollection, SimTableColumn, SimTableColumnCollection } from "./api/tables";
import { SimChart, SimChartCollection } from "./api/charts";
import { SimSlicer, SimSlicerCollection } from "./api/slicers";

export interface ExcelHostOptions {
  /** Highest ExcelApi requirement set the host supports, e.g. "1.12" (default "1.17"). */
  apiVersion?: string;
  /** "OfficeOnline" (default: web limits apply), "PC" or "Mac" (no payload limits unless given). */
  platform?: "OfficeOnline" | "PC" | "Mac";
  limits?: Partial<SimLimits>;
  /** Make `workbook.slicers.add` fail with GeneralException, as reported on some builds. */
  slicersFail?: boolean;
  /** A new workbook in the 1904 date system (dates display 1,462 days later for the same serial). */
  date1904?: boolean;
  /** What a read over `limits.readCells` does: "throw" (default, RangeExceedsLimit) or "null" (the property reads
   *  `null` after a successful sync): Excel documents both ("will either return null or throw an error"). */
  oversizedRead?: "throw" | "null";
  /** Other requirement sets and their versions; defaults: SharedRuntime 1.1, CustomFunctionsRuntime 1.4, ... */
  requirementSets?: Record<string, string>;
  /** An existing workbook (e.g. to simulate reopening a saved file with a new host). */
  workbook?: WorkbookModel;
  /** Name of the sheet a new workbook starts with (default "Sheet1"). */
  initialSheetName?: string;
  /** Keep every queued statement in each SyncRecord (for debugging). */
  recordStatements?: boolean;
  /** How a sync yields: "macrotask" (default: lets a browser repaint), "microtask", or a delay in ms. */
  syncDelay?: "macrotask" | "microtask" | number;
}

/** The event object a ribbon command receives. */
export interface SimActionEvent {
  source: { id: string };
  completed: (options?: { allowEvent?: boolean }) => void;
}

export interface ExcelHost {
  /** Use as the global `Excel` (see installGlobals). */
  Excel: SimExcelNamespace;
  Office: SimOffice;
  OfficeExtension: SimOfficeExtension;
  workbook: WorkbookModel;
  stats: SimStats;
  limits: SimLimits;
  /** Forgets all statistics (e.g. after setting a workbook up). */
  resetStats(): void;
  /** Called after every sync that sent a request. Returns an unsubscribe function. */
  onSync(listener: (rec: SyncRecord) => void): () => void;
  loadSheet(name: string, data: Cell[][] | ColumnsData, options?: LoadSheetOptions): SheetModel;
  readSheetValues(name: string, address?: string): unknown[][];
  snapshot(): WorkbookSnapshot;
  chartData(sheet: string, chart: string | number): ChartData;
  /** The cells of `address` with their formulas calculated, as Excel shows them (calc.ts; refuses what it cannot). */
  calculate(sheet: string, address: string): Stored[][];
  /** Functions registered with Office.actions.associate, by action id. */
  actions: Map<string, (event: SimActionEvent) => unknown>;
  /** Runs a registered ribbon action as Excel would; resolves when the function calls event.completed(). */
  triggerAction(id: string): Promise<{ completedCalls: number }>;
  taskpane: { visible: boolean; showCalls: number; hideCalls: number };
  /** Sets globalThis.Excel / Office / OfficeExtension to this host; returns a function restoring the previous ones. */
  installGlobals(target?: Record<string, unknown>): () => void;
}

export type RunBatch<T> = (context: Excel.RequestContext) => Promise<T>;

/** The simulated `Excel` namespace: `run`, `RequestContext`, the enums (enums.ts) and the proxy classes. */
export type SimExcelNamespace = typeof enums & {
  run<T>(batch: RunBatch<T>): Promise<T>;
  run<T>(object: unknown, batch: RunBatch<T>): Promise<T>;
  RequestContext: new () => Excel.RequestContext;
  [name: string]: unknown;
};

export interface SimOfficeExtension {
  Error: typeof SimError;
  ErrorCodes: Record<string, string>;
  ClientResult: typeof SimClientResult;
  ClientObject: typeof SimObject;
  ClientRequestContext: typeof SimRequestContext;
  config: { extendedErrorLogging: boolean };
}

export interface SimDocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(options?: unknown, callback?: (r: SimAsyncResult<void>) => void): void;
  refreshAsync(callback?: (r: SimAsyncResult<SimDocumentSettings>) => void): void;
  addHandlerAsync(
    eventType: string,
    handler: unknown,
    options?: unknown,
    callback?: (r: SimAsyncResult<void>) => void,
  ): void;
}

export interface SimAsyncResult<T> {
  status: "succeeded" | "failed";
  value: T;
  error?: { code: number; name: string; message: string };
  asyncContext?: unknown;
}

export interface SimOffice {
  onReady(callback?: (info: { host: string; platform: string }) => void): Promise<{ host: string; platform: string }>;
  initialize?: (reason: unknown) => void;
  context: {
    host: string;
    platform: string;
    contentLanguage: string;
    displayLanguage: string;
    requirements: { isSetSupported(name: string, minVersion?: string | number): boolean };
    document: { settings: SimDocumentSettings; url: string };
    diagnostics: { host: string; platform: string; version: string };
  };
  actions: { associate(actionId: string, actionFunction: (arg?: unknown) => void): void };
  addin: {
    showAsTaskpane(): Promise<void>;
    hide(): Promise<void>;
    onVisibilityModeChanged(handler: (message: { visibilityMode: string }) => void): Promise<() => Promise<void>>;
    getStartupBehavior(): Promise<string>;
    setStartupBehavior(behavior: string): Promise<void>;
  };
  HostType: Record<string, string>;
  PlatformType: Record<string, string>;
  EventType: Record<string, string>;
  AsyncResultStatus: Record<string, string>;
  StartupBehavior: Record<string, string>;
  VisibilityMode: Record<string, string>;
}

const DEFAULT_SETS: Record<string, string> = {
  SharedRuntime: "1.1",
  CustomFunctionsRuntime: "1.4",
  AddinCommands: "1.1",
  RibbonApi: "1.1",
  DialogApi: "1.2",
  IdentityAPI: "1.3",
};

const EVENT_TYPES = [
  "ActiveViewChanged",
  "BindingDataChanged",
  "BindingSelectionChanged",
  "DialogEventReceived",
  "DialogMessageReceived",
  "DialogParentMessageReceived",
  "DocumentSelectionChanged",
  "NodeDeleted",
  "NodeInserted",
  "NodeReplaced",
  "OfficeThemeChanged",
  "SettingsChanged",
];

function clone<T>(v: T): T {
  return v === undefined || v === null ? v : (JSON.parse(JSON.stringify(v)) as T);
}

export function createExcelHost(options: ExcelHostOptions = {}): ExcelHost {
  const platform = options.platform ?? "OfficeOnline";
  const web = platform === "OfficeOnline";
  const limits: SimLimits = {
    ...DEFAULT_LIMITS,
    ...(web ? {} : { requestBytes: Infinity, responseBytes: Infinity, operationCells: Infinity }),
    ...options.limits,
  };
  const model = options.workbook ?? new WorkbookModel();
  if (!options.workbook && model.sheets.length === 0) model.addSheet(options.initialSheetName ?? "Sheet1");
  if (options.date1904 !== undefined) model.date1904 = options.date1904;
  const state: HostState = {
    model,
    apiVersion: parseVersion(options.apiVersion ?? "1.17"),
    limits,
    stats: emptyStats(),
    slicersFail: options.slicersFail === true,
    oversizedRead: options.oversizedRead ?? "throw",
    recordStatements: options.recordStatements === true,
    syncDelay: options.syncDelay ?? "macrotask",
    listeners: [],
  };
  const sets: Record<string, string> = {
    ...DEFAULT_SETS,
    ...(web ? { ExcelApiOnline: "1.1" } : {}),
    ...options.requirementSets,
  };
  sets.ExcelApi = options.apiVersion ?? "1.17";

  // ---- Excel namespace
  const newContext = (): SimRequestContext => {
    const raw = new SimRequestContext(state);
    const ctx = strict(raw, "RequestContext");
    const wb = makeResolved(SimWorkbook, ctx, null, model);
    raw.workbook = wb;
    raw.application = wb.application;
    return ctx;
  };

  class RequestContext {
    constructor() {
      return newContext() as unknown as RequestContext;
    }
  }

  async function run<T>(...args: unknown[]): Promise<T> {
    const batch = args[args.length - 1];
    if (typeof batch !== "function") {
      throw simError("InvalidArgument", "Excel.run", "the last argument of Excel.run must be the batch function");
    }
    const first = args.length > 1 ? args[0] : undefined;
    let ctx: SimRequestContext | null = null;
    const pick = (o: unknown): SimRequestContext | null =>
      o instanceof SimObject ? o.context : o instanceof SimRequestContext ? o : null;
    if (Array.isArray(first)) ctx = pick(first[0]);
    else if (first && typeof first === "object" && "previousObjects" in (first as object)) {
      const p = (first as { previousObjects: unknown }).previousObjects;
      ctx = Array.isArray(p) ? pick(p[0]) : pick(p);
    } else ctx = pick(first);
    const owned = ctx === null;
    const context = ctx ?? newContext();
    state.stats.runs++;
    try {
      const ret = (batch as (c: unknown) => unknown)(context);
      if (!ret || typeof (ret as Promise<T>).then !== "function") {
        throw new SimError(
          "RunMustReturnPromise",
          'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation. Typically, you return a promise by returning the response from "context.sync()".',
        );
      }
      const value = await (ret as Promise<T>);
      await context.sync();
      return value;
    } finally {
      if (owned) context._closed = true;
    }
  }

  const Excel: SimExcelNamespace = {
    ...enums,
    run: run as SimExcelNamespace["run"],
    RequestContext: RequestContext as unknown as new () => Excel.RequestContext,
    Workbook: SimWorkbook,
    Application: SimApplication,
    WorksheetCollection: SimWorksheetCollection,
    Worksheet: SimWorksheet,
    Range: SimRange,
    RangeFormat: SimRangeFormat,
    TableCollection: SimTableCollection,
    Table: SimTable,
    TableColumnCollection: SimTableColumnCollection,
    TableColumn: SimTableColumn,
    ChartCollection: SimChartCollection,
    Chart: SimChart,
    ConditionalFormatCollection: SimConditionalFormatCollection,
    ConditionalFormat: SimConditionalFormat,
    SlicerCollection: SimSlicerCollection,
    Slicer: SimSlicer,
    SettingCollection: SimSettingCollection,
    Setting: SimSetting,
  };

  const OfficeExtension: SimOfficeExtension = {
    Error: SimError,
    ErrorCodes: {
      accessDenied: "AccessDenied",
      generalException: "GeneralException",
      activityLimitReached: "ActivityLimitReached",
      invalidObjectPath: "InvalidObjectPath",
      propertyNotLoaded: "PropertyNotLoaded",
      valueNotLoaded: "ValueNotLoaded",
      invalidRequestContext: "InvalidRequestContext",
      invalidArgument: "InvalidArgument",
      runMustReturnPromise: "RunMustReturnPromise",
      cannotRegisterEvent: "CannotRegisterEvent",
      apiNotFound: "ApiNotFound",
      connectionFailure: "ConnectionFailure",
    },
    ClientResult: SimClientResult,
    ClientObject: SimObject,
    ClientRequestContext: SimRequestContext,
    config: { extendedErrorLogging: false },
  };

  // ---- Office
  const actions = new Map<string, (event: SimActionEvent) => unknown>();
  const taskpane = { visible: false, showCalls: 0, hideCalls: 0 };
  const visibilityHandlers: ((m: { visibilityMode: string }) => void)[] = [];
  let docSettings = new Map<string, unknown>(model.settings);
  let startup = "None";

  const settings: SimDocumentSettings = {
    get: (name) => (docSettings.has(name) ? clone(docSettings.get(name)) : null),
    set: (name, value) => {
      if (typeof name !== "string" || name === "")
        throw new Error("Office.context.document.settings.set: the name must be a non-empty string");
      docSettings.set(name, clone(value));
    },
    remove: (name) => {
      docSettings.delete(name);
    },
    saveAsync: (a?: unknown, b?: unknown) => {
      const cb = (typeof a === "function" ? a : b) as ((r: SimAsyncResult<void>) => void) | undefined;
      // Saving writes the whole local copy back to the document.
      model.settings = new Map([...docSettings].map(([k, v]) => [k, clone(v)]));
      setTimeout(() => cb?.({ status: "succeeded", value: undefined }), 0);
    },
    refreshAsync: (cb) => {
      docSettings = new Map([...model.settings].map(([k, v]) => [k, clone(v)]));
      setTimeout(() => cb?.({ status: "succeeded", value: settings }), 0);
    },
    addHandlerAsync: (_t, _h, a?: unknown, b?: unknown) => {
      const cb = (typeof a === "function" ? a : b) as ((r: SimAsyncResult<void>) => void) | undefined;
      setTimeout(() => cb?.({ status: "succeeded", value: undefined }), 0);
    },
  };

  const info = { host: "Excel", platform };
  const Office: SimOffice = {
    onReady(callback) {
      return Promise.resolve().then(() => {
        callback?.(info);
        return info;
      });
    },
    context: {
      host: "Excel",
      platform,
      contentLanguage: "en-US",
      displayLanguage: "en-US",
      requirements: {
        isSetSupported(name: string, minVersion?: string | number) {
          const key = Object.keys(sets).find((k) => k.toLowerCase() === String(name).toLowerCase());
          if (!key) return false;
          const want =
            minVersion === undefined ? "1.1" : typeof minVersion === "number" ? minVersion.toFixed(1) : minVersion;
          return versionAtLeast(parseVersion(sets[key]), want);
        },
      },
      document: {
        settings: strict(settings as unknown as object, "Office.Settings") as unknown as SimDocumentSettings,
        url: "https://simulated/Book1.xlsx",
      },
      diagnostics: { host: "Excel", platform, version: "16.0.0000.0000" },
    },
    actions: {
      associate(actionId, actionFunction) {
        if (typeof actionId !== "string" || typeof actionFunction !== "function")
          throw new Error("Office.actions.associate(actionId: string, fn: function)");
        actions.set(actionId, actionFunction as (e: SimActionEvent) => unknown);
      },
    },
    addin: {
      async showAsTaskpane() {
        if (!Office.context.requirements.isSetSupported("SharedRuntime", "1.1")) {
          throw new Error("Office.addin.showAsTaskpane needs the SharedRuntime 1.1 requirement set");
        }
        taskpane.visible = true;
        taskpane.showCalls++;
        for (const h of visibilityHandlers) h({ visibilityMode: "Taskpane" });
      },
      async hide() {
        taskpane.visible = false;
        taskpane.hideCalls++;
        for (const h of visibilityHandlers) h({ visibilityMode: "Hidden" });
      },
      async onVisibilityModeChanged(handler) {
        visibilityHandlers.push(handler);
        return async () => {
          const i = visibilityHandlers.indexOf(handler);
          if (i >= 0) visibilityHandlers.splice(i, 1);
        };
      },
      async getStartupBehavior() {
        return startup;
      },
      async setStartupBehavior(b: string) {
        startup = b === "Load" ? "Load" : "None";
      },
    },
    HostType: {
      Word: "Word",
      Excel: "Excel",
      PowerPoint: "PowerPoint",
      Outlook: "Outlook",
      OneNote: "OneNote",
      Project: "Project",
      Access: "Access",
    },
    PlatformType: {
      PC: "PC",
      OfficeOnline: "OfficeOnline",
      Mac: "Mac",
      iOS: "iOS",
      Android: "Android",
      Universal: "Universal",
    },
    EventType: Object.fromEntries(EVENT_TYPES.map((e) => [e, e[0].toLowerCase() + e.slice(1)])),
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    StartupBehavior: { none: "None", load: "Load" },
    VisibilityMode: { hidden: "Hidden", taskpane: "Taskpane" },
  };

  const host: ExcelHost = {
    Excel,
    Office,
    OfficeExtension,
    workbook: model,
    get stats() {
      return state.stats;
    },
    limits,
    resetStats() {
      state.stats = emptyStats();
    },
    onSync(listener) {
      state.listeners.push(listener);
      return () => {
        state.listeners = state.listeners.filter((l) => l !== listener);
      };
    },
    loadSheet: (name, data, opts) => loadSheet(model, name, data, opts),
    readSheetValues: (name, address) => readSheetValues(model, name, address),
    snapshot: () => snapshot(model),
    chartData: (sheet, chart) => getChartData(model, sheet, chart),
    calculate: (sheet, address) => calculateRange(model, sheet, address),
    actions,
    triggerAction(id) {
      const fn = actions.get(id);
      if (!fn)
        return Promise.reject(
          new Error(
            `No function is associated with action '${id}' (registered: ${[...actions.keys()].join(", ") || "none"})`,
          ),
        );
      return new Promise((resolve, reject) => {
        let completedCalls = 0;
        const event: SimActionEvent = {
          source: { id },
          completed: () => {
            completedCalls++;
            resolve({ completedCalls });
          },
        };
        try {
          const r = fn(event);
          if (r && typeof (r as Promise<unknown>).then === "function") (r as Promise<unknown>).catch(reject);
        } catch (e) {
          reject(e);
        }
      });
    },
    taskpane,
    installGlobals(target = globalThis as unknown as Record<string, unknown>) {
      const prev = { Excel: target.Excel, Office: target.Office, OfficeExtension: target.OfficeExtension };
      target.Excel = Excel;
      target.Office = Office;
      target.OfficeExtension = OfficeExtension;
      return () => {
        for (const [k, v] of Object.entries(prev)) {
          if (v === undefined) delete target[k];
          else target[k] = v;
        }
      };
    },
  };
  return host;
}
