/**
 * Fake Office actions for the pane tests: plain async functions that record their calls, with answers the test
 * controls. Nothing here touches Excel.
 */
import type { PaneActions } from "../../src/taskpane/actions";
import type { RunOptions, RunSummary, SegmentSettings, SourceInfo } from "../../src/office/types";

export const ONLINE_RETAIL_HEADERS = [
  "InvoiceNo",
  "StockCode",
  "Description",
  "Quantity",
  "InvoiceDate",
  "UnitPrice",
  "CustomerID",
  "Country",
];

export function onlineRetailSource(overrides: Partial<SourceInfo> = {}): SourceInfo {
  return {
    sheetName: "Online Retail",
    address: "'Online Retail'!A1:H541910",
    rowCount: 541909,
    headers: ONLINE_RETAIL_HEADERS,
    mapping: {
      invoice: "InvoiceNo",
      quantity: "Quantity",
      date: "InvoiceDate",
      unitPrice: "UnitPrice",
      customer: "CustomerID",
      country: "Country",
    },
    missing: [],
    ...overrides,
  };
}

/** A small, internally consistent summary: 10 customers in three segments. */
export function smallSummary(overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    sourceSheet: "Online Retail",
    rowsRead: 1000,
    rowsUsed: 900,
    customers: 10,
    snapshot: "2011-12-10 12:50",
    scheme: "rf10",
    segments: [
      {
        label: "champions",
        name: "Champions",
        description: "Bought recently, buy often",
        action: "Reward them",
        customers: 5,
        customerShare: 0.5,
        revenue: 800,
        revenueShare: 0.8,
        meanRecency: 3,
        meanFrequency: 9,
        meanMonetary: 160,
      },
      {
        label: "at_risk",
        name: "At Risk",
        description: "Used to buy, not lately",
        action: "Send a win-back offer",
        customers: 3,
        customerShare: 0.3,
        revenue: 150,
        revenueShare: 0.15,
        meanRecency: 120,
        meanFrequency: 4,
        meanMonetary: 50,
      },
      {
        label: "hibernating",
        name: "Hibernating",
        description: "Long gone",
        action: "Let go",
        customers: 2,
        customerShare: 0.2,
        revenue: 50,
        revenueShare: 0.05,
        meanRecency: 300,
        meanFrequency: 1,
        meanMonetary: 25,
      },
    ],
    exclusions: [
      { rule: "missingCustomer", description: "Rows without a customer id", count: 80, exampleRows: [5, 9, 12] },
      { rule: "cancelledInvoice", description: "Cancelled invoices", count: 20, exampleRows: [30] },
      { rule: "negativeQuantity", description: "Rows with a negative quantity", count: 0, exampleRows: [] },
    ],
    warnings: ["Both an amount column and Quantity × Unit price are available."],
    outputs: { sheets: ["RFM Customers", "RFM Summary"], sourceColumns: ["R", "F", "M", "RFM", "Segment"], charts: 3 },
    syncs: 12,
    elapsedMs: 1234,
    ...overrides,
  };
}

export interface FakeActions extends PaneActions {
  calls: {
    detect: SegmentSettings[];
    run: { settings: SegmentSettings; options: RunOptions }[];
    save: SegmentSettings[];
  };
}

/** Fake actions; `run` decides what a run does (default: succeed with `smallSummary()`). */
export function fakeActions(
  options: {
    saved?: SegmentSettings;
    source?: SourceInfo | ((s: SegmentSettings) => SourceInfo);
    detectError?: Error;
    run?: (settings: SegmentSettings, options: RunOptions) => Promise<RunSummary>;
  } = {},
): FakeActions {
  const calls: FakeActions["calls"] = { detect: [], run: [], save: [] };
  return {
    calls,
    async loadSettings() {
      return clone(options.saved ?? {});
    },
    async saveSettings(s) {
      calls.save.push(clone(s));
    },
    async detectSource(s) {
      calls.detect.push(clone(s));
      if (options.detectError) throw options.detectError;
      const src = options.source ?? onlineRetailSource();
      return typeof src === "function" ? src(s) : src;
    },
    async runSegmentation(s, o) {
      calls.run.push({ settings: clone(s), options: o });
      return options.run ? options.run(s, o) : smallSummary();
    },
  };
}

/** A promise with its resolve/reject exposed, to hold a fake run open while the test looks at the pane. */
export function deferred<T>(): { promise: Promise<T>; resolve(v: T): void; reject(e: unknown): void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}
