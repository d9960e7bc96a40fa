/**
 * The ribbon command "Segment customers": registered under the manifest's FunctionName, runs with the saved
 * settings, always completes the event, and on an error opens the pane with the message in the shared store.
 */
import { createExcelHost } from "excel-sim";
import { saveSettings } from "../../src/office";
import { getLastRun, resetLastRun, subscribeLastRun, type LastRunState } from "../../src/office/lastRun";
import { SMALL_RETAIL } from "../fixtures/office/smallRetail";

function host(rows = SMALL_RETAIL, apiVersion?: string) {
  const h = createExcelHost({ syncDelay: "microtask", apiVersion });
  h.loadSheet("Online Retail", rows);
  return h;
}

beforeEach(() => resetLastRun());

test("success: outputs written, event completed, pane left closed, store says done", async () => {
  const { segmentCustomers } = await import("../../src/commands/commands");
  const h = host();
  await saveSettings({ scheme: "tiers4" }, h);
  const seen: LastRunState["status"][] = [];
  subscribeLastRun((s) => seen.push(s.status));
  const completed = jest.fn();
  await segmentCustomers({ completed }, h);
  expect(completed).toHaveBeenCalledTimes(1);
  expect(seen).toEqual(["running", "done"]);
  const last = getLastRun();
  expect(last.status).toBe("done");
  if (last.status === "done") {
    expect(last.origin).toBe("ribbon");
    expect(last.summary.scheme).toBe("tiers4"); // the saved settings were used
    expect(last.summary.customers).toBe(10);
  }
  expect(h.taskpane.showCalls).toBe(0);
  // The ribbon run leaves the dashboard in view, as a run from the pane does.
  expect(h.snapshot().activeSheet).toBe("RFM Dashboard");
});

test("error: event completed, pane opened, the analyst's message in the store", async () => {
  const { segmentCustomers } = await import("../../src/commands/commands");
  const rows = SMALL_RETAIL.map((r, i) => (i === 0 ? r.map((x) => (x === "CustomerID" ? "Shopper" : x)) : r));
  const h = host(rows);
  const completed = jest.fn();
  await segmentCustomers({ completed }, h);
  expect(completed).toHaveBeenCalledTimes(1);
  expect(h.taskpane.showCalls).toBe(1);
  const last = getLastRun();
  expect(last.status).toBe("error");
  if (last.status === "error") expect(last.message).toMatch(/Column "Customer ID" not found/);
});

test("an edited output sheet cannot be confirmed from the ribbon: stops, opens the pane, says why", async () => {
  const { segmentCustomers } = await import("../../src/commands/commands");
  const h = host();
  await segmentCustomers({ completed: () => undefined }, h);
  await h.Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("RFM Customers").getRange("A2").values = [["changed"]];
    await ctx.sync();
  });
  const completed = jest.fn();
  await segmentCustomers({ completed }, h);
  expect(completed).toHaveBeenCalledTimes(1);
  expect(h.taskpane.showCalls).toBe(1);
  const last = getLastRun();
  expect(last.status === "error" && last.message).toMatch(/"RFM Customers" was edited .* Run from the RFM pane/);
  expect(h.readSheetValues("RFM Customers", "A2")).toEqual([["changed"]]);
});

test("too old Excel: the message says so, the event still completes", async () => {
  const { segmentCustomers } = await import("../../src/commands/commands");
  const h = host(SMALL_RETAIL, "1.5");
  const completed = jest.fn();
  await segmentCustomers({ completed }, h);
  expect(completed).toHaveBeenCalledTimes(1);
  const last = getLastRun();
  expect(last.status === "error" && last.message).toMatch(/too old/);
});

test("registered with Office.actions.associate under the manifest's FunctionName, after Office.onReady", async () => {
  const h = host();
  const restore = h.installGlobals();
  try {
    await jest.isolateModulesAsync(async () => {
      const mod = await import("../../src/commands/commands");
      expect(mod.SEGMENT_COMMAND_ID).toBe("SegmentCustomers");
      await Promise.resolve();
      await Promise.resolve();
    });
    expect([...h.actions.keys()]).toEqual(["SegmentCustomers"]);
    const { completedCalls } = await h.triggerAction("SegmentCustomers");
    expect(completedCalls).toBe(1);
    expect(h.readSheetValues("Online Retail", "I1:M1")).toEqual([["R", "F", "M", "RFM", "Segment"]]);
  } finally {
    restore();
  }
});

test("the manifest's ExecuteFunction names the same function", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require("fs") as typeof import("fs");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const path = require("path") as typeof import("path");
  const manifest = fs.readFileSync(path.resolve(__dirname, "../../manifest.xml"), "utf8");
  expect(manifest).toMatch(/<FunctionName>SegmentCustomers<\/FunctionName>/);
});
