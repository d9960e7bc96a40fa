/**
 * An Excel table as the source (the results become table columns), and Cancel: whatever the moment, the workbook
 * is left without half-written output.
 */
import type { ExcelHost } from "excel-sim";
import { analyze } from "../../src/rfm";
import { runSegmentation, type Progress, type RunSummary, type SegmentSettings } from "../../src/office";
import { setChunkLimits } from "../../src/office/io";
import { SMALL_RETAIL } from "../fixtures/office/smallRetail";
import { cells, marker, retailHost, sheetNames, workbookState } from "./helpers";

afterEach(() => setChunkLimits());

const expected = analyze(SMALL_RETAIL);

/** Turns the source block (default: the fixture's 8 columns) into a table named "Sales". */
async function makeTable(host: ExcelHost, address = "A1:H24"): Promise<void> {
  await host.Excel.run(async (ctx) => {
    const t = ctx.workbook.worksheets.getItem("Online Retail").tables.add(address, true);
    t.name = "Sales";
    await ctx.sync();
  });
}

/** Chunks of a few rows, so that a run reports progress often enough to be cancelled mid-step. */
const SMALL_CHUNKS = { startRows: 4, bytes: 200 };

/** Runs the segmentation and presses Cancel at the first progress report for which `when` holds. */
function runCancelledWhen(
  host: ExcelHost,
  settings: SegmentSettings,
  when: (p: Progress) => boolean,
): Promise<RunSummary> {
  const ac = new AbortController();
  const onProgress = (p: Progress) => {
    if (when(p)) ac.abort();
  };
  return runSegmentation(settings, { signal: ac.signal, onProgress }, host);
}

describe("an Excel table as the source", () => {
  test("R, F, M, RFM, Segment become table columns filled row for row", async () => {
    const host = retailHost();
    await makeTable(host);
    const before = cells(host, "Online Retail", "A1:H24");
    const summary = await runSegmentation({}, {}, host);
    const table = host.snapshot().tables.find((t) => t.name === "Sales")!;
    expect(table.headers).toEqual([...SMALL_RETAIL[0], "R", "F", "M", "RFM", "Segment"]);
    expect(table.address).toBe("'Online Retail'!A1:M24");
    expect(cells(host, "Online Retail", "A1:H24")).toEqual(before);
    const out = host.readSheetValues("Online Retail", "I2:M24");
    out.forEach((row, i) => {
      const k = expected.rowCustomer[i];
      if (k < 0) expect(row).toEqual(["", "", "", "", ""]);
      else {
        const c = expected.customers[k];
        expect([row[0], row[1], row[2], String(row[3]), row[4]]).toEqual([c.r, c.f, c.m, c.rfm, c.segment]);
      }
    });
    expect(summary.outputs.sourceColumns[0]).toBe("R (column I)");
    expect(marker(host).source).toEqual(expect.objectContaining({ tableName: "Sales", complete: true }));
  });

  test("a re-run reuses the table columns instead of adding more", async () => {
    const host = retailHost();
    await makeTable(host);
    await runSegmentation({}, {}, host);
    const first = workbookState(host);
    await runSegmentation({}, {}, host);
    expect(workbookState(host)).toEqual(first);
    await runSegmentation({ scheme: "tiers4" }, {}, host);
    expect(host.snapshot().tables.find((t) => t.name === "Sales")!.headers).toHaveLength(13);
  });

  test("a table that already has a column named Segment keeps it; the add-in's is named apart", async () => {
    const rows = SMALL_RETAIL.map((r, i) => [...r, i === 0 ? "Segment" : "retail"]);
    const host = retailHost(rows);
    await makeTable(host, "A1:I24");
    await runSegmentation({}, {}, host);
    const headers = host.snapshot().tables.find((t) => t.name === "Sales")!.headers;
    expect(headers.slice(8)).toEqual(["Segment", "R", "F", "M", "RFM", "Segment (RFM)"]);
    expect(host.readSheetValues("Online Retail", "I2:I24").every((r) => r[0] === "retail")).toBe(true);
    // A re-run finds its own columns again.
    await runSegmentation({}, {}, host);
    expect(host.snapshot().tables.find((t) => t.name === "Sales")!.headers).toHaveLength(14);
  });
});

describe("Cancel", () => {
  test("while reading: nothing is written", async () => {
    setChunkLimits(SMALL_CHUNKS);
    const host = retailHost();
    const before = workbookState(host);
    const summary = await runCancelledWhen(host, {}, (p) => p.step === "Reading rows" && p.percent > 5);
    expect(summary.cancelled).toMatch(/unchanged/);
    expect(workbookState(host)).toEqual(before);
  });

  test("while writing the columns (first run): the partly written columns are removed", async () => {
    setChunkLimits(SMALL_CHUNKS);
    const host = retailHost();
    const before = workbookState(host);
    const summary = await runCancelledWhen(host, {}, (p) => p.step === "Writing columns" && p.percent > 55);
    expect(summary.cancelled).toMatch(/partly written columns .* were removed/);
    expect(summary.cancelled).toMatch(/output sheets were not changed/);
    expect(workbookState(host)).toEqual(before);
    expect(marker(host).source).toBeUndefined();
    // The next run starts clean, in the same place.
    setChunkLimits();
    const next = await runSegmentation({}, {}, host);
    expect(next.outputs.sourceColumns[0]).toBe("R (column I)");
  });

  test("while writing the columns of a table: the added table columns are deleted", async () => {
    setChunkLimits(SMALL_CHUNKS);
    const host = retailHost();
    await makeTable(host);
    const before = workbookState(host);
    const summary = await runCancelledWhen(host, {}, (p) => p.step === "Writing columns" && p.percent > 55);
    expect(summary.cancelled).toBeDefined();
    expect(workbookState(host)).toEqual(before);
  });

  test("while overwriting the previous run's columns: they are removed rather than left half old, half new", async () => {
    const host = retailHost();
    await runSegmentation({}, {}, host);
    setChunkLimits(SMALL_CHUNKS);
    const summary = await runCancelledWhen(
      host,
      { scheme: "tiers4" },
      (p) => p.step === "Writing columns" && p.percent > 55,
    );
    expect(summary.cancelled).toMatch(/previous run were partly overwritten, so they were removed/);
    expect(host.readSheetValues("Online Retail", "I1:M24").every((r) => r.every((v) => v === ""))).toBe(true);
    expect(marker(host).source).toBeUndefined();
    // The previous output sheets are still there, whole.
    expect(sheetNames(host)).toEqual(["Sheet1", "Online Retail", "RFM Dashboard", "RFM Customers", "RFM Summary"]);
    expect(host.readSheetValues("RFM Customers")).toHaveLength(11);
  });

  test("after the columns: they stay complete and the sheets are left as they were", async () => {
    const host = retailHost();
    const summary = await runCancelledWhen(host, {}, (p) => p.step === "Writing columns" && p.percent === 80);
    expect(summary.cancelled).toMatch(/after the new columns were written/);
    expect(host.readSheetValues("Online Retail", "I1:M1")).toEqual([["R", "F", "M", "RFM", "Segment"]]);
    expect(marker(host).source?.complete).toBe(true);
    expect(sheetNames(host)).toEqual(["Sheet1", "Online Retail"]);
  });
});
