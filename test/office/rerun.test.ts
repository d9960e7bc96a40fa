/**
 * Re-run safety: a second run replaces only what the add-in created (by the record in workbook settings), asks before
 * replacing a renamed or edited output sheet, and never touches a sheet it did not create.
 */
import type { ExcelHost } from "excel-sim";
import { analyze } from "../../src/rfm";
import { OfficeActionError, runSegmentation } from "../../src/office";
import { SMALL_RETAIL } from "../fixtures/office/smallRetail";
import { cells, marker, retailHost, sheetNames, workbookState } from "./helpers";

async function inExcel(host: ExcelHost, f: (ctx: Excel.RequestContext) => void): Promise<void> {
  await host.Excel.run(async (ctx) => {
    f(ctx);
    await ctx.sync();
  });
}

test("a second run with the same settings leaves the same workbook", async () => {
  const host = retailHost();
  await runSegmentation({}, {}, host);
  const first = workbookState(host);
  const confirm = jest.fn(async () => true);
  const summary = await runSegmentation({}, { confirmReplace: confirm }, host);
  expect(confirm).not.toHaveBeenCalled();
  expect(workbookState(host)).toEqual(first);
  expect(summary.outputs.sourceColumns[0]).toBe("R (column I)");
  expect(sheetNames(host)).toEqual(["Sheet1", "Online Retail", "RFM Dashboard", "RFM Customers", "RFM Summary"]);
});

test("a re-run with another scheme replaces the outputs in place", async () => {
  const host = retailHost();
  await runSegmentation({}, {}, host);
  const summary = await runSegmentation({ scheme: "tiers4" }, {}, host);
  const tiers = analyze(SMALL_RETAIL, { scheme: "tiers4" });
  expect(summary.scheme).toBe("tiers4");
  expect(sheetNames(host)).toEqual(["Sheet1", "Online Retail", "RFM Dashboard", "RFM Customers", "RFM Summary"]);
  const seg = host.readSheetValues("Online Retail", "M2:M24").map((r) => r[0]);
  expect(seg).toEqual(Array.from(tiers.rowCustomer, (k) => (k < 0 ? "" : tiers.customers[k].segment)));
  const labels = new Set(host.readSheetValues("RFM Customers", "K2:K11").map((r) => r[0]));
  expect([...labels].every((l) => tiers.segments.some((s) => s.label === l))).toBe(true);
  expect(
    host
      .snapshot()
      .tables.map((t) => t.name)
      .sort(),
  ).toEqual(["RFMCustomers", "RFMSegmentValues", "RFMSegments"]);
  // The customer sheet's Segment slicer and the dashboard's Segment and Country slicers, once each.
  expect(host.snapshot().slicers.map((x) => [x.sheet, x.field])).toEqual([
    ["RFM Customers", "Segment"],
    ["RFM Dashboard", "Segment"],
    ["RFM Dashboard", "Country"],
  ]);
});

test("fewer rows on the re-run: the add-in clears its own cells below the data, nothing else", async () => {
  const host = retailHost();
  await runSegmentation({}, {}, host);
  // The analyst clears the last three rows of the data (not the add-in's columns).
  await inExcel(host, (ctx) => ctx.workbook.worksheets.getItem("Online Retail").getRange("A22:H24").clear());
  await runSegmentation({}, {}, host);
  expect(host.readSheetValues("Online Retail", "I22:M24")).toEqual([
    ["", "", "", "", ""],
    ["", "", "", "", ""],
    ["", "", "", "", ""],
  ]);
  expect(marker(host).source?.rows).toBe(20);
  expect(host.readSheetValues("RFM Summary").find((r) => r[0] === "Source")?.[1]).toBe("'Online Retail'!A1:H21");
  expect(host.readSheetValues("Online Retail", "I1:M1")).toEqual([["R", "F", "M", "RFM", "Segment"]]);
});

test("a sheet named RFM Customers that the add-in did not create is never touched", async () => {
  const host = retailHost();
  host.loadSheet("RFM Customers", [["my own list"], [42]], { activate: false });
  const theirs = host.readSheetValues("RFM Customers");
  await inExcel(host, (ctx) => ctx.workbook.worksheets.getItem("Online Retail").activate());
  const summary = await runSegmentation({}, {}, host);
  expect(summary.outputs.sheets).toEqual(["RFM Dashboard", "RFM Customers (2)", "RFM Summary"]);
  expect(host.readSheetValues("RFM Customers")).toEqual(theirs);
  // Again: the add-in replaces its own "(2)" and still leaves the analyst's sheet alone.
  await runSegmentation({}, {}, host);
  expect(host.readSheetValues("RFM Customers")).toEqual(theirs);
  expect(sheetNames(host)).toEqual([
    "Sheet1",
    "Online Retail",
    "RFM Customers",
    "RFM Dashboard",
    "RFM Customers (2)",
    "RFM Summary",
  ]);
});

describe("an output sheet the analyst changed", () => {
  async function edited(): Promise<ExcelHost> {
    const host = retailHost();
    await runSegmentation({}, {}, host);
    await inExcel(host, (ctx) => {
      ctx.workbook.worksheets.getItem("RFM Summary").getRange("K1").values = [["my note"]];
      ctx.workbook.worksheets.getItem("Online Retail").activate();
    });
    return host;
  }

  test("edited, confirmed: replaced", async () => {
    const host = await edited();
    const confirm = jest.fn(async () => true);
    await runSegmentation({}, { confirmReplace: confirm }, host);
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(String(confirm.mock.calls[0]).toString()).toMatch(/"RFM Summary".*edited/);
    expect(host.readSheetValues("RFM Summary", "K1")).toEqual([[""]]);
    expect(sheetNames(host)).toEqual(["Sheet1", "Online Retail", "RFM Dashboard", "RFM Customers", "RFM Summary"]);
  });

  test("edited, declined: kept as the analyst's, the results go to a new sheet", async () => {
    const host = await edited();
    const kept = host.readSheetValues("RFM Summary");
    const summary = await runSegmentation({}, { confirmReplace: async () => false }, host);
    expect(summary.outputs.sheets).toEqual(["RFM Dashboard", "RFM Customers", "RFM Summary (2)"]);
    expect(summary.warnings.join(" ")).toMatch(/Kept your edited sheet "RFM Summary"/);
    expect(host.readSheetValues("RFM Summary")).toEqual(kept);
    // No longer the add-in's: a third run does not ask about it again and does not touch it.
    const confirm = jest.fn(async () => true);
    await runSegmentation({}, { confirmReplace: confirm }, host);
    expect(confirm).not.toHaveBeenCalled();
    expect(host.readSheetValues("RFM Summary")).toEqual(kept);
    expect(
      marker(host)
        .sheets.map((s) => s.name)
        .sort(),
    ).toEqual(["RFM Customers", "RFM Dashboard", "RFM Summary (2)"]);
  });

  test("edited, no way to ask (ribbon): the run stops before changing anything", async () => {
    const host = await edited();
    const before = workbookState(host);
    await expect(runSegmentation({}, {}, host)).rejects.toThrow(OfficeActionError);
    await expect(runSegmentation({}, {}, host)).rejects.toThrow(/"RFM Summary" was edited .* nothing was changed/);
    expect(workbookState(host)).toEqual(before);
  });

  test("renamed, confirmed: the renamed sheet is replaced and the output gets its name back", async () => {
    const host = retailHost();
    await runSegmentation({}, {}, host);
    await inExcel(host, (ctx) => {
      ctx.workbook.worksheets.getItem("RFM Customers").name = "Best customers";
    });
    const confirm = jest.fn(async () => true);
    await runSegmentation({}, { confirmReplace: confirm }, host);
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(String(confirm.mock.calls[0])).toMatch(/"Best customers" was created by the RFM add-in as "RFM Customers"/);
    expect(sheetNames(host)).toEqual(["Sheet1", "Online Retail", "RFM Dashboard", "RFM Customers", "RFM Summary"]);
  });

  test("renamed, declined: the renamed sheet stays as it is", async () => {
    const host = retailHost();
    await runSegmentation({}, {}, host);
    await inExcel(host, (ctx) => {
      ctx.workbook.worksheets.getItem("RFM Customers").name = "Best customers";
    });
    const kept = host.readSheetValues("Best customers");
    await runSegmentation({}, { confirmReplace: async () => false }, host);
    expect(host.readSheetValues("Best customers")).toEqual(kept);
    expect(sheetNames(host)).toContain("RFM Customers");
    expect(host.snapshot().tables.find((t) => t.sheet === "Best customers")?.name).toBe("RFMCustomers");
    // The new customer table needed another name, since table names are workbook-wide.
    expect(host.snapshot().tables.find((t) => t.sheet === "RFM Customers")?.name).toBe("RFMCustomers_2");
  });
});

test("the analyst's own columns right of the results are kept on a re-run", async () => {
  const host = retailHost();
  await runSegmentation({}, {}, host);
  host.workbook
    .requireSheet("Online Retail")
    .writeBlock({ r0: 0, c0: 13, r1: 1, c1: 13 }, [["Comment"], ["call"]], "values", "test");
  await runSegmentation({ scheme: "tiers4" }, {}, host);
  expect(host.readSheetValues("Online Retail", "I1:N2")[0]).toEqual(["R", "F", "M", "RFM", "Segment", "Comment"]);
  expect(host.readSheetValues("Online Retail", "N2")).toEqual([["call"]]);
});

test("the analyst's cells keep their values and formats across runs", async () => {
  const host = retailHost();
  const before = cells(host, "Online Retail", "A1:H24");
  await runSegmentation({}, {}, host);
  await runSegmentation({ scheme: "tiers4" }, {}, host);
  await runSegmentation({ bins: 4 }, {}, host);
  expect(cells(host, "Online Retail", "A1:H24")).toEqual(before);
});

test("two data sheets: each keeps its own result columns, reused when that sheet is run again", async () => {
  const host = retailHost();
  host.loadSheet("Copy", SMALL_RETAIL, { activate: false });
  await runSegmentation({}, {}, host);
  await runSegmentation({ sheetName: "Copy" }, {}, host);
  const third = await runSegmentation({ sheetName: "Online Retail" }, {}, host);
  expect(third.outputs.sourceColumns[0]).toBe("R (column I)");
  for (const name of ["Online Retail", "Copy"]) {
    expect(host.readSheetValues(name, "I1:N1")).toEqual([["R", "F", "M", "RFM", "Segment", ""]]);
  }
  const m = marker(host);
  expect(m.source?.sheetName).toBe("Online Retail");
  expect(m.otherSources?.map((r) => r.sheetName)).toEqual(["Copy"]);
});

test("result columns whose headers the analyst changed are left alone, with a warning", async () => {
  const host = retailHost();
  await runSegmentation({}, {}, host);
  await inExcel(host, (ctx) => {
    ctx.workbook.worksheets.getItem("Online Retail").getRange("M1").values = [["Group"]];
  });
  const summary = await runSegmentation({}, {}, host);
  expect(summary.warnings.join(" ")).toMatch(/columns I, J, K, L, M\) were changed, so they were left as they are/);
  expect(host.readSheetValues("Online Retail", "M1:R1")).toEqual([["Group", "R", "F", "M", "RFM", "Segment"]]);
  expect(marker(host).source?.columns[0].index).toBe(13);
});

test("a slicer the analyst deleted is added again on the next run, and never doubled", async () => {
  const host = retailHost();
  await runSegmentation({}, {}, host);
  await inExcel(host, (ctx) => ctx.workbook.slicers.getItem("Segment").delete());
  const onCustomers = () => host.snapshot().slicers.filter((x) => x.sheet === "RFM Customers");
  expect(onCustomers()).toHaveLength(0);
  await runSegmentation({}, {}, host);
  await runSegmentation({}, {}, host);
  expect(onCustomers()).toEqual([expect.objectContaining({ table: "RFMCustomers", field: "Segment" })]);
  // The dashboard's two are recreated with their sheet, never doubled either.
  expect(host.snapshot().slicers.filter((x) => x.sheet === "RFM Dashboard")).toHaveLength(2);
});
