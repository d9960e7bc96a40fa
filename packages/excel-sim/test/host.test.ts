/**
 * The host around the workbook: slicers (and the known failure), settings and their persistence, worksheet custom
 * properties, custom XML parts, requirement-set gating for older Excel, and the Office object (onReady,
 * isSetSupported, actions.associate, showAsTaskpane, document settings).
 */
import { createExcelHost, WorkbookModel, type ExcelHost, type ExcelHostOptions } from "../src";
import { failure, hostWithSheet } from "./helpers";

function customersHost(options: ExcelHostOptions = {}): ExcelHost {
  return hostWithSheet(
    "RFM Customers",
    [
      ["CustomerID", "Segment"],
      [1, "Champions"],
      [2, "Lost"],
      [3, "Champions"],
      [4, "At Risk"],
    ],
    options,
  );
}

describe("slicers (ExcelApi 1.10)", () => {
  test("a slicer on a table field lists the distinct values; selecting items records a filter", async () => {
    const host = customersHost();
    await host.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("RFM Customers");
      const t = s.tables.add("A1:B5", true);
      t.name = "Customers";
      const slicer = ctx.workbook.slicers.add(t, "Segment", s);
      slicer.caption = "Segment";
      slicer.left = 300;
      slicer.load("name,caption,left,isFilterCleared");
      slicer.slicerItems.load("items/key,items/isSelected");
      await ctx.sync();
      expect(slicer.name).toBe("Segment");
      expect(slicer.left).toBe(300);
      expect(slicer.isFilterCleared).toBe(true);
      expect(slicer.slicerItems.items.map((i) => i.key)).toEqual(["Champions", "Lost", "At Risk"]);
      slicer.selectItems(["Champions"]);
      const selected = slicer.getSelectedItems();
      await ctx.sync();
      expect(selected.value).toEqual(["Champions"]);
    });
    const snap = host.snapshot();
    expect(snap.slicers).toEqual([
      {
        name: "Segment",
        caption: "Segment",
        table: "Customers",
        field: "Segment",
        sheet: "RFM Customers",
        selected: ["Champions"],
      },
    ]);
    expect(snap.tables[0].filters).toEqual({ Segment: { filterOn: "Values", values: ["Champions"] } });
  });

  test("by table name and column index; an unknown field is ItemNotFound", async () => {
    const host = customersHost();
    await host.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("RFM Customers").tables.add("A1:B5", true).name = "Customers";
      ctx.workbook.slicers.add("Customers", 2, "RFM Customers"); // column id 2 = Segment
      await ctx.sync();
    });
    expect(host.snapshot().slicers[0].field).toBe("Segment");
    const err = await failure(host, (ctx) => ctx.workbook.slicers.add("Customers", "Country"));
    expect(err.code).toBe("ItemNotFound");
  });

  test("slicersFail makes add reject with GeneralException (the reported failure), nothing is created", async () => {
    const host = customersHost({ slicersFail: true });
    const err = await failure(host, (ctx) => {
      const t = ctx.workbook.worksheets.getItem("RFM Customers").tables.add("A1:B5", true);
      ctx.workbook.slicers.add(t, "Segment");
    });
    expect(err.code).toBe("GeneralException");
    expect(host.workbook.slicers).toHaveLength(0);
    expect(host.workbook.tables).toHaveLength(1); // the table before it stays
  });

  test("before ExcelApi 1.10 slicers are ApiNotFound and isSetSupported says so", async () => {
    const host = customersHost({ apiVersion: "1.9" });
    expect(host.Office.context.requirements.isSetSupported("ExcelApi", "1.10")).toBe(false);
    expect(host.Office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(true);
    const err = await failure(host, (ctx) => {
      const t = ctx.workbook.worksheets.getItem("RFM Customers").tables.add("A1:B5", true);
      ctx.workbook.slicers.add(t, "Segment");
    });
    expect(err.code).toBe("ApiNotFound");
  });
});

describe("settings and persistence", () => {
  test("workbook.settings: add, getItem, getItemOrNullObject, values are copies, delete", async () => {
    const host = createExcelHost();
    const saved = { scheme: "rf10", mapping: { customer: "CustomerID" } };
    await host.Excel.run(async (ctx) => {
      ctx.workbook.settings.add("rfm.settings", saved);
      await ctx.sync();
      saved.scheme = "changed after the add"; // the stored value is a copy
      const item = ctx.workbook.settings.getItem("rfm.settings");
      const missing = ctx.workbook.settings.getItemOrNullObject("none");
      item.load("key,value");
      await ctx.sync();
      expect(item.value).toEqual({ scheme: "rf10", mapping: { customer: "CustomerID" } });
      expect(missing.isNullObject).toBe(true);
      item.delete();
      const n = ctx.workbook.settings.getCount();
      await ctx.sync();
      expect(n.value).toBe(0);
    });
    const err = await failure(host, (ctx) => ctx.workbook.settings.getItem("rfm.settings").load("value"));
    expect(err.code).toBe("ItemNotFound");
  });

  test("settings, custom properties and XML parts persist with the workbook (a new host on the same file sees them)", async () => {
    const first = createExcelHost();
    await first.Excel.run(async (ctx) => {
      ctx.workbook.settings.add("rfm.lastRun", { sheets: ["RFM Customers"] });
      const s = ctx.workbook.worksheets.add("RFM Customers");
      s.customProperties.add("rfm.createdBy", "rfm-addin");
      ctx.workbook.customXmlParts.add('<rfm xmlns="urn:rfm"><run sheet="RFM Customers"/></rfm>');
      await ctx.sync();
    });
    const reopened = createExcelHost({ workbook: first.workbook as WorkbookModel });
    await reopened.Excel.run(async (ctx) => {
      const v = ctx.workbook.settings.getItem("rfm.lastRun");
      v.load("value");
      const prop = ctx.workbook.worksheets.getItem("RFM Customers").customProperties.getItem("RFM.CREATEDBY"); // case-insensitive
      prop.load("key,value");
      const parts = ctx.workbook.customXmlParts.getByNamespace("urn:rfm");
      parts.load("items/id,items/namespaceUri");
      await ctx.sync();
      expect(v.value).toEqual({ sheets: ["RFM Customers"] });
      expect([prop.key, prop.value]).toEqual(["rfm.createdBy", "rfm-addin"]);
      expect(parts.items.map((p) => p.namespaceUri)).toEqual(["urn:rfm"]);
      const xml = parts.items[0].getXml();
      await ctx.sync();
      expect(xml.value).toBe('<rfm xmlns="urn:rfm"><run sheet="RFM Customers"/></rfm>');
    });
  });

  test("worksheet custom properties need ExcelApi 1.12; keys are limited to 255 characters", async () => {
    const old = createExcelHost({ apiVersion: "1.11" });
    const err = await failure(old, (ctx) =>
      ctx.workbook.worksheets.getActiveWorksheet().customProperties.add("k", "v"),
    );
    expect(err.code).toBe("ApiNotFound");
    const host = createExcelHost({ apiVersion: "1.12" });
    const long = await failure(host, (ctx) =>
      ctx.workbook.worksheets.getActiveWorksheet().customProperties.add("k".repeat(256), "v"),
    );
    expect(long.code).toBe("InvalidArgument");
  });

  test("Office.context.document.settings: set is local until saveAsync; saved values persist in the workbook", async () => {
    const host = createExcelHost();
    const settings = host.Office.context.document.settings;
    settings.set("scheme", "tiers4");
    expect(settings.get("scheme")).toBe("tiers4");
    expect(host.workbook.settings.has("scheme")).toBe(false);
    const result = await new Promise<{ status: string }>((resolve) => settings.saveAsync(resolve));
    expect(result.status).toBe(host.Office.AsyncResultStatus.Succeeded);
    expect(host.workbook.settings.get("scheme")).toBe("tiers4");
    // workbook.settings reads the same store.
    const v = await host.Excel.run(async (ctx) => {
      const item = ctx.workbook.settings.getItem("scheme");
      item.load("value");
      await ctx.sync();
      return item.value;
    });
    expect(v).toBe("tiers4");
    expect(settings.get("missing")).toBeNull();
  });
});

describe("requirement sets", () => {
  test.each([
    [
      "1.6",
      "getRangeByIndexes",
      (ctx: Excel.RequestContext) =>
        ctx.workbook.worksheets.getActiveWorksheet().getRangeByIndexes(0, 0, 1, 1).load("address"),
    ],
    [
      "1.6",
      "freezePanes",
      (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getActiveWorksheet().freezePanes.freezeRows(1),
    ],
    [
      "1.8",
      "suspendScreenUpdatingUntilNextSync",
      (ctx: Excel.RequestContext) => ctx.application.suspendScreenUpdatingUntilNextSync(),
    ],
    [
      "1.5",
      "suspendApiCalculationUntilNextSync",
      (ctx: Excel.RequestContext) => ctx.application.suspendApiCalculationUntilNextSync(),
    ],
    ["1.3", "getItemOrNullObject", (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItemOrNullObject("x")],
    ["1.3", "workbook.settings", (ctx: Excel.RequestContext) => ctx.workbook.settings.add("k", 1)],
    [
      "1.3",
      "getUsedRangeOrNullObject",
      (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getActiveWorksheet().getUsedRangeOrNullObject(),
    ],
    [
      "1.1",
      "getResizedRange",
      (ctx: Excel.RequestContext) =>
        ctx.workbook.worksheets.getActiveWorksheet().getRange("A1").getResizedRange(1, 1).load("address"),
    ],
    [
      "1.1",
      "autofitColumns",
      (ctx: Excel.RequestContext) =>
        ctx.workbook.worksheets.getActiveWorksheet().getRange("A1").format.autofitColumns(),
    ],
  ])("ExcelApi %s has no %s: the sync rejects with ApiNotFound", async (version, _member, fn) => {
    const host = createExcelHost({ apiVersion: version });
    const err = await failure(host, fn);
    expect(err.code).toBe("ApiNotFound");
    expect(err.message).toContain("could not be found");
    // One minor version later it works.
    const [major, minor] = version.split(".").map(Number);
    const newer = createExcelHost({ apiVersion: `${major}.${minor + 1}` });
    await newer.Excel.run(async (ctx) => {
      fn(ctx);
      await ctx.sync();
    });
  });

  test("isSetSupported answers per set and version; SharedRuntime 1.1 is there by default", () => {
    const host = createExcelHost({ apiVersion: "1.12", requirementSets: { SharedRuntime: "1.2" } });
    const req = host.Office.context.requirements;
    expect(req.isSetSupported("ExcelApi", "1.12")).toBe(true);
    expect(req.isSetSupported("ExcelApi", "1.13")).toBe(false);
    expect(req.isSetSupported("ExcelApi")).toBe(true);
    expect(req.isSetSupported("SharedRuntime", "1.1")).toBe(true);
    expect(req.isSetSupported("CustomFunctionsRuntime", "1.1")).toBe(true);
    expect(req.isSetSupported("WordApi", "1.1")).toBe(false);
    expect(
      createExcelHost({ requirementSets: { SharedRuntime: "0.0" } }).Office.context.requirements.isSetSupported(
        "SharedRuntime",
        "1.1",
      ),
    ).toBe(false);
  });
});

describe("the Office object", () => {
  test("onReady reports Excel on the web; enums for host and events exist", async () => {
    const host = createExcelHost();
    const info = await host.Office.onReady();
    expect(info).toEqual({ host: "Excel", platform: "OfficeOnline" });
    expect(host.Office.HostType.Excel).toBe("Excel");
    expect(host.Office.EventType.SettingsChanged).toBe("settingsChanged");
  });

  test("actions.associate registers a ribbon function; triggerAction runs it and waits for event.completed()", async () => {
    const host = createExcelHost();
    const calls: string[] = [];
    host.Office.actions.associate("segmentCustomers", (event) => {
      const e = event as { completed(): void; source: { id: string } };
      calls.push(e.source.id);
      void host.Office.addin.showAsTaskpane().then(() => e.completed());
    });
    const done = await host.triggerAction("segmentCustomers");
    expect(done.completedCalls).toBe(1);
    expect(calls).toEqual(["segmentCustomers"]);
    expect(host.taskpane).toEqual({ visible: true, showCalls: 1, hideCalls: 0 });
    await expect(host.triggerAction("nope")).rejects.toThrow(/No function is associated with action 'nope'/);
  });

  test("installGlobals sets Excel, Office and OfficeExtension and restores them", async () => {
    const host = createExcelHost();
    const g = globalThis as Record<string, unknown>;
    const restore = host.installGlobals();
    expect(g.Excel).toBe(host.Excel);
    const name = await Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getActiveWorksheet();
      s.load("name");
      await ctx.sync();
      return s.name;
    });
    expect(name).toBe("Sheet1");
    restore();
    expect(g.Excel).toBeUndefined();
    expect(g.Office).toBeUndefined();
  });
});

describe("worksheets", () => {
  test("add, rename, reorder, activate, delete; names are unique and follow Excel's rules", async () => {
    const host = createExcelHost();
    await host.Excel.run(async (ctx) => {
      const a = ctx.workbook.worksheets.add("RFM Summary");
      const b = ctx.workbook.worksheets.add();
      b.name = "RFM Customers";
      b.position = 0;
      a.activate();
      await ctx.sync();
      const list = ctx.workbook.worksheets;
      list.load("items/name,items/position");
      const active = ctx.workbook.worksheets.getActiveWorksheet();
      active.load("name");
      await ctx.sync();
      expect(list.items.map((s) => s.name)).toEqual(["RFM Customers", "Sheet1", "RFM Summary"]);
      expect(active.name).toBe("RFM Summary");
      a.delete();
      await ctx.sync();
    });
    expect(host.workbook.sheets.map((s) => s.name)).toEqual(["RFM Customers", "Sheet1"]);
    const dup = await failure(host, (ctx) => ctx.workbook.worksheets.add("rfm customers"));
    expect(dup.code).toBe("ItemAlreadyExists");
    for (const bad of ["a/b", "x".repeat(32), "'quoted'", ""]) {
      const err = await failure(host, (ctx) => ctx.workbook.worksheets.add(bad));
      expect(err.code).toBe("InvalidArgument");
    }
    const last = await failure(host, (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").delete();
      ctx.workbook.worksheets.getItem("RFM Customers").delete();
    });
    expect(last.code).toBe("InvalidOperation");
  });

  test("a deleted sheet's proxy fails with ItemNotFound; its tables and charts go with it", async () => {
    const host = createExcelHost();
    host.loadSheet("Out", [["a"], [1]]);
    const err = await failure(host, (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Out");
      s.tables.add("A1:A2", true);
      s.charts.add("Pie", s.getRange("A1:A2"));
      s.delete();
      s.getRange("A1").values = [[1]];
    });
    expect(err.code).toBe("ItemNotFound");
    expect(host.workbook.tables).toHaveLength(0);
  });
});
