/**
 * The demo page's host: the first script of demo.html. It plays the part Excel plays for the add-in's shared runtime,
 * before the add-in's own bundles (functions.js, commands.js, taskpane.js — the same files taskpane.html loads) run:
 *
 * - `Excel`, `Office`, `OfficeExtension` globals from the in-memory Excel simulation (the excel-sim package), Excel on
 *   the web with ExcelApi 1.17 by default. demo.html loads no office.js: nothing on the page talks to Microsoft's servers.
 *   (When office.js did run first, as in the end-to-end test of taskpane.html, its members stay reachable underneath.)
 * - `Office.onReady` resolves only once the workbook is open, i.e. once the transactions are loaded into the sheet
 *   (Excel, too, initialises the add-in after the document has loaded), so the pane's first detection sees the data.
 * - A `CustomFunctions` global that records what the functions bundle registers (`CustomFunctions.associate`), as
 *   Excel's custom-functions runtime would; the page can call the functions through `rfmDemo.callFunction`.
 * - `window.rfmDemo`: the host, the load state and helpers, for the workbook viewer (viewer.ts) and the browser test.
 *
 * Query parameters: `data` (CSV or .csv.gz URL, default data/online_retail.csv.gz then data/online_retail.csv),
 * `sheet` (sheet name, default "Online Retail"), `api` (ExcelApi version the host claims, default 1.17), `pane` (the
 * task pane's width in px, default 320 as Excel on Windows; 270 is the Mac's, 350 the web's).
 * Example: `demo.html?data=fixtures/orders.csv&sheet=Sales&api=1.12`.
 */
import { createExcelHost, type ExcelHost } from "excel-sim";
import { EXCEL_ERROR_CODES, ExcelErrorValue } from "../src/functions/errorCodes";
import { loadCsvIntoSheet, type DataLoadInfo } from "./loadData";

type CustomFunction = (...args: unknown[]) => unknown;

/** What the page exposes as `window.rfmDemo`. */
export interface DemoApi {
  host: ExcelHost;
  /** Resolves with the load figures once the workbook holds the data; rejects with the load error. */
  ready: Promise<DataLoadInfo>;
  /** The load figures, once loaded. */
  load: DataLoadInfo | null;
  /** The load error's message, if loading failed. */
  error: string | null;
  /** Custom functions registered by the functions bundle, by id (e.g. "SEGMENT"). */
  customFunctions: Map<string, CustomFunction>;
  /** Calls a registered custom function as Excel would (matrix arguments); errors come back as values. */
  callFunction(id: string, ...args: unknown[]): unknown;
  /** Runs a ribbon command registered with Office.actions.associate, as a click on the ribbon button does. */
  runRibbonCommand(actionId: string): Promise<{ completedCalls: number }>;
  /** Called with progress texts while loading (the page's loading banner). */
  onLoadProgress?: (message: string) => void;
}

declare global {
  interface Window {
    rfmDemo: DemoApi;
  }
}

function installCustomFunctions(registry: Map<string, CustomFunction>): void {
  const g = globalThis as { CustomFunctions?: unknown };
  g.CustomFunctions = {
    associate(idOrMap: string | Record<string, CustomFunction>, fn?: CustomFunction): void {
      if (typeof idOrMap === "string") {
        if (typeof fn !== "function") throw new Error(`CustomFunctions.associate("${idOrMap}"): not a function`);
        registry.set(idOrMap.toUpperCase(), fn);
      } else {
        for (const [id, f] of Object.entries(idOrMap)) registry.set(id.toUpperCase(), f);
      }
    },
    Error: ExcelErrorValue,
    ErrorCode: EXCEL_ERROR_CODES,
  };
}

function params(): { dataUrls: string[]; sheet: string; api: string } {
  const q = new URLSearchParams(location.search);
  const data = q.get("data");
  return {
    dataUrls: data ? [data] : ["data/online_retail.csv.gz", "data/online_retail.csv"],
    sheet: q.get("sheet") || "Online Retail",
    api: q.get("api") || "1.17",
  };
}

/** The pane's width from `?pane=` (whole px from 200 to 800), else the page's default. */
function applyPaneWidth(): void {
  const w = Number(new URLSearchParams(location.search).get("pane"));
  if (!Number.isInteger(w) || w < 200 || w > 800) return;
  const apply = () => {
    const pane = document.getElementById("pane");
    if (pane) pane.style.width = `${w}px`;
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", apply);
  else apply();
}

function start(): DemoApi {
  const p = params();
  applyPaneWidth();
  // The workbook starts with the data sheet only, as when the analyst opens the file.
  const host = createExcelHost({ apiVersion: p.api, platform: "OfficeOnline", initialSheetName: p.sheet });
  // When office.js ran before this script (the end-to-end test loads taskpane.html with the local office.js and this
  // script appended to it), its own later work still reads its globals (e.g. Office.Promise): the simulated objects
  // keep office.js' members underneath their own.
  const g = globalThis as { Office?: object; OfficeExtension?: object };
  const officeJs = { Office: g.Office, OfficeExtension: g.OfficeExtension };
  host.installGlobals();
  if (officeJs.OfficeExtension) {
    g.OfficeExtension = Object.assign(Object.create(officeJs.OfficeExtension) as object, host.OfficeExtension);
  }

  const customFunctions = new Map<string, CustomFunction>();
  installCustomFunctions(customFunctions);

  const api: DemoApi = {
    host,
    ready: undefined as unknown as Promise<DataLoadInfo>,
    load: null,
    error: null,
    customFunctions,
    callFunction(id, ...args) {
      const fn = customFunctions.get(id.toUpperCase());
      if (!fn) {
        throw new Error(
          `No custom function ${id} is registered (registered: ${[...customFunctions.keys()].join(", ")})`,
        );
      }
      try {
        return fn(...args);
      } catch (e) {
        // Excel shows a thrown CustomFunctions.Error as the error value.
        if (e instanceof ExcelErrorValue) return e;
        throw e;
      }
    },
    runRibbonCommand: (actionId) => host.triggerAction(actionId),
  };

  api.ready = loadCsvIntoSheet(host, p.dataUrls, p.sheet, (m) => api.onLoadProgress?.(m)).then(
    (info) => {
      api.load = info;
      // Loading is not the add-in's work: start its statistics from zero.
      host.resetStats();
      return info;
    },
    (e: unknown) => {
      api.error = e instanceof Error ? e.message : String(e);
      throw e;
    },
  );
  // The viewer reports the error; keep the rejection from being an unhandled one.
  api.ready.catch(() => undefined);

  // The add-in's bundles wait for Office.onReady: make it wait for the workbook too.
  const simOffice = host.Office;
  const office = Object.assign(Object.create(officeJs.Office ?? Object.prototype) as object, simOffice, {
    onReady(callback?: (info: { host: string; platform: string }) => void) {
      return api.ready.then(() => simOffice.onReady(callback));
    },
  });
  g.Office = office;

  window.rfmDemo = api;
  return api;
}

start();
