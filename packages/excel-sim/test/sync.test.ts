/**
 * Load/sync semantics of the Excel simulation (EXCEL_FACTS §2, §11): deferred commands, strict loading,
 * ItemNotFound vs *OrNullObject, ClientResult, failing batches, unknown members, Excel.run.
 */
import { createExcelHost, SimError, SimUnknownMemberError } from "../src";
import { rejection } from "./helpers";

describe("strict loading", () => {
  test("reading a property that was not loaded throws PropertyNotLoaded with Excel's name and message", async () => {
    const host = createExcelHost();
    await host.Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      let err: SimError | undefined;
      try {
        void sheet.name;
      } catch (e) {
        err = e as SimError;
      }
      expect(err).toBeDefined();
      expect(err!.code).toBe("PropertyNotLoaded");
      expect(err!.name).toBe("RichApi.Error");
      expect(err!.message).toBe(
        `The property 'name' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
      // load() alone is not enough: the value arrives with the sync.
      sheet.load("name");
      expect(() => sheet.name).toThrow(/not available/);
      await ctx.sync();
      expect(sheet.name).toBe("Sheet1");
    });
  });

  test("writes apply at sync, not before; a set property reads back locally", async () => {
    const host = createExcelHost();
    await host.Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("B2:C2");
      r.values = [[7, "x"]];
      expect(r.values).toEqual([[7, "x"]]); // office.js keeps the value set
      expect(host.readSheetValues("Sheet1", "B2:C2")).toEqual([["", ""]]); // not applied yet
      await ctx.sync();
      expect(host.readSheetValues("Sheet1", "B2:C2")).toEqual([[7, "x"]]);
    });
  });

  test("load forms: string with commas, array, {select}, paths into navigation properties, collections", async () => {
    const host = createExcelHost();
    host.loadSheet("Data", [
      ["a", "b"],
      [1, 2],
    ]);
    await host.Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Data").getRange("A1:B2");
      r.load("address, rowCount");
      const r2 = ctx.workbook.worksheets.getItem("Data").getRange("A2");
      r2.load(["values", "columnIndex"]);
      const r3 = ctx.workbook.worksheets.getItem("Data").getRange("B1");
      r3.load({ select: "rowIndex,format/font/bold" });
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name");
      await ctx.sync();
      expect(r.address).toBe("Data!A1:B2");
      expect(r.rowCount).toBe(2);
      expect(() => r.columnCount).toThrow(/columnCount/);
      expect(r2.values).toEqual([[1]]);
      expect(r2.columnIndex).toBe(0);
      expect(r3.rowIndex).toBe(0);
      expect(r3.format.font.bold).toBe(false);
      expect(sheets.items.map((s) => s.name)).toEqual(["Sheet1", "Data"]);
      expect(() => sheets.items[0].position).toThrow(/position/);
    });
  });

  test("loading a navigation property loads its scalars only; context.load works like obj.load", async () => {
    const host = createExcelHost();
    await host.Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getActiveWorksheet().getRange("A1");
      r.load("format");
      const s = ctx.workbook.worksheets.getActiveWorksheet();
      ctx.load(s, "name,position");
      await ctx.sync();
      expect(r.format.columnWidth).toBe(48);
      expect(r.format.horizontalAlignment).toBe("General");
      expect(() => r.format.font.bold).toThrow(/not available/);
      expect(() => r.address).toThrow(/not available/);
      expect([s.name, s.position]).toEqual(["Sheet1", 0]);
    });
  });

  test("getItem returns a new, unloaded proxy each time", async () => {
    const host = createExcelHost();
    await host.Excel.run(async (ctx) => {
      const a = ctx.workbook.worksheets.getItem("Sheet1");
      a.load("name");
      await ctx.sync();
      const b = ctx.workbook.worksheets.getItem("Sheet1");
      expect(a.name).toBe("Sheet1");
      expect(() => b.name).toThrow(/not available/);
    });
  });
});

describe("existence: ItemNotFound and *OrNullObject", () => {
  test("getItem on a missing sheet rejects the sync that first uses it with ItemNotFound", async () => {
    const host = createExcelHost();
    const err = await rejection(
      host.Excel.run(async (ctx) => {
        const s = ctx.workbook.worksheets.getItem("Nope");
        await ctx.sync(); // not used yet: nothing was sent for it
        s.load("name");
        await ctx.sync();
      }),
    );
    expect(err).toBeInstanceOf(SimError);
    expect(err.code).toBe("ItemNotFound");
    expect(err.name).toBe("RichApi.Error");
    expect(err.debugInfo.errorLocation).toBe("WorksheetCollection.getItem");
    expect(err.debugInfo.statement).toContain("getItem");
    expect(host.stats.failedSyncs).toBe(1);
  });

  test("getItemOrNullObject: isNullObject after sync, without a load; properties of a null object read undefined", async () => {
    const host = createExcelHost();
    await host.Excel.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      const present = ctx.workbook.worksheets.getItemOrNullObject("sheet1"); // names are case-insensitive
      expect(() => missing.isNullObject).toThrow(/isNullObject/);
      missing.load("name");
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      expect(missing.name).toBeUndefined();
      // Commands on a null object are ignored, and its children are null objects too.
      missing.getRange("A1").values = [[1]];
      const child = missing.getRange("A1");
      child.load("address");
      await ctx.sync();
      expect(child.isNullObject).toBe(true);
    });
    expect(host.workbook.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });

  test("getUsedRange on a blank sheet is A1; getUsedRangeOrNullObject is a null object", async () => {
    const host = createExcelHost();
    await host.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getActiveWorksheet();
      const used = s.getUsedRange();
      used.load("address,rowCount,columnCount,values");
      const orNull = s.getUsedRangeOrNullObject(true);
      await ctx.sync();
      expect(used.address).toBe("Sheet1!A1");
      expect(used.values).toEqual([[""]]);
      expect(orNull.isNullObject).toBe(true);
    });
  });

  test("Range.getUsedRange throws ItemNotFound when the range holds nothing", async () => {
    const host = createExcelHost();
    host.loadSheet("Sheet1", [["x"]]);
    const err = await rejection(
      host.Excel.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("C3:D4").getUsedRange();
        r.load("address");
        await ctx.sync();
      }),
    );
    expect(err.code).toBe("ItemNotFound");
  });
});

describe("ClientResult", () => {
  test("getCount().value throws until the sync, then holds the count", async () => {
    const host = createExcelHost();
    await host.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.add("Two");
      const n = ctx.workbook.worksheets.getCount();
      expect(() => n.value).toThrow(/has not been loaded/);
      await ctx.sync();
      expect(n.value).toBe(2);
    });
  });
});

describe("a failing command", () => {
  test("rejects the sync: earlier commands stay applied, later ones are skipped, loads of the batch are not delivered", async () => {
    const host = createExcelHost();
    let before: Excel.Range | undefined;
    const err = await rejection(
      host.Excel.run(async (ctx) => {
        const s = ctx.workbook.worksheets.getItem("Sheet1");
        s.getRange("A1").values = [["first"]];
        before = s.getRange("A1");
        before.load("values");
        s.getRange("A2:B2").values = [[1]]; // wrong shape
        s.getRange("A3").values = [["never"]];
        await ctx.sync();
      }),
    );
    expect(err.code).toBe("InvalidArgument");
    expect(err.message).toBe(
      "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
    );
    expect(err.debugInfo.statement).toBe("Range.values = [1×1]");
    expect(host.readSheetValues("Sheet1", "A1:A3")).toEqual([["first"], [""], [""]]);
    expect(() => before!.values).toThrow(/not available/);
    expect(host.stats.perSync[0].error).toBe("InvalidArgument");
  });

  test("a failed sync does not poison the context: the next batch runs", async () => {
    const host = createExcelHost();
    await host.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A1").values = [[1, 2]];
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      s.getRange("A1").values = [[3]];
      const r = s.getRange("A1");
      r.load("values");
      await ctx.sync();
      expect(r.values).toEqual([[3]]);
    });
  });
});

describe("misspelt members and misuse", () => {
  test("reading or writing a member the API does not have throws at once", async () => {
    const host = createExcelHost();
    await host.Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getActiveWorksheet().getRange("A1") as unknown as Record<string, unknown>;
      expect(() => r.valuez).toThrow(SimUnknownMemberError);
      expect(() => r.valuez).toThrow("Excel.Range has no member 'valuez'");
      expect(() => {
        r.numberformat = [["0"]];
      }).toThrow(SimUnknownMemberError);
      const c = ctx as unknown as Record<string, unknown>;
      expect(() => c.synch).toThrow(/RequestContext has no member 'synch'/);
      // Read-only properties cannot be set.
      expect(() => {
        r.address = "B2";
      }).toThrow(TypeError);
    });
  });

  test("an unknown property in load() rejects the sync with InvalidArgument", async () => {
    const host = createExcelHost();
    const err = await rejection(
      host.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().getRange("A1").load("valuez");
        await ctx.sync();
      }),
    );
    expect(err.code).toBe("InvalidArgument");
    expect(err.debugInfo.simDetail).toContain("'valuez'");
  });

  test("objects of a finished Excel.run cannot be used; objects of another batch cannot be arguments", async () => {
    const host = createExcelHost();
    const kept = await host.Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getActiveWorksheet().getRange("A1:B2");
      await ctx.sync();
      return r;
    });
    kept.values = [
      [1, 2],
      [3, 4],
    ];
    await expect(kept.context.sync()).rejects.toMatchObject({ code: "InvalidObjectPath" });
    await expect(
      host.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().charts.add("Pie", kept, "Auto");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidRequestContext" });
  });

  test("Excel.run resolves with the batch's value after a final sync, and insists on a promise", async () => {
    const host = createExcelHost();
    const value = await host.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getActiveWorksheet().getRange("A1").values = [["queued"]];
      return 42; // no explicit sync: Excel.run sends the queue
    });
    expect(value).toBe(42);
    expect(host.readSheetValues("Sheet1", "A1")).toEqual([["queued"]]);
    await expect(host.Excel.run((() => 1) as unknown as () => Promise<number>)).rejects.toMatchObject({
      code: "RunMustReturnPromise",
    });
  });

  test("OfficeExtension.Error is the class of sync errors (instanceof works for adapter code)", async () => {
    const host = createExcelHost();
    const err = await rejection(
      host.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("x").load("name");
        await ctx.sync();
      }),
    );
    expect(err instanceof host.OfficeExtension.Error).toBe(true);
    expect(host.OfficeExtension.ErrorCodes.propertyNotLoaded).toBe("PropertyNotLoaded");
    expect(host.Excel.ErrorCodes).toMatchObject({ itemNotFound: "ItemNotFound", invalidArgument: "InvalidArgument" });
  });
});

describe("statistics", () => {
  test("count syncs that send something, commands, cells; an empty sync is not a round trip", async () => {
    const host = createExcelHost({ recordStatements: true });
    const seen: number[] = [];
    host.onSync((rec) => seen.push(rec.commands));
    await host.Excel.run(async (ctx) => {
      await ctx.sync(); // nothing queued
      const r = ctx.workbook.worksheets.getActiveWorksheet().getRange("A1:C2");
      r.values = [
        [1, 2, 3],
        [4, 5, 6],
      ];
      await ctx.sync();
      r.load("values");
      await ctx.sync();
    });
    expect(host.stats.syncs).toBe(2);
    expect(host.stats.emptySyncs).toBeGreaterThanOrEqual(1);
    expect(host.stats.cellsWritten).toBe(6);
    expect(host.stats.cellsRead).toBe(6);
    expect(seen).toHaveLength(2);
    // Each sync instantiates its objects: workbook.worksheets, getActiveWorksheet, getRange, then the command.
    expect(host.stats.perSync[0].statements).toEqual([
      "Workbook.worksheets",
      "WorksheetCollection.getActiveWorksheet()",
      'Worksheet.getRange("A1:C2")',
      "Range.values = [2×3]",
    ]);
    expect(host.stats.perSync[1].statements).toEqual(["Range.load(values)"]);
  });
});
