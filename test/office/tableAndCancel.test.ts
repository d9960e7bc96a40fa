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

  test("while overwriting the previous run's columns: they are put back, the workbook is as before", async () => {
    const host = retailHost();
    await runSegmentation({}, {}, host);
    const before = workbookState(host);
    setChunkLimits(SMALL_CHUNKS);
    const summary = await runCancelledWhen(
      host,
      { scheme: "tiers4" },
      (p) => p.step === "Writing columns" && p.percent > 55,
    );
    expect(summary.cancelled).toMatch(/workbook is unchanged/);
    expect(summary.cancelled).toMatch(/from the previous run were put back/);
    expect(workbookState(host)).toEqual(before);
    // The next run finds its columns again and rewrites them in place.
    setChunkLimits();
    const next = await runSegmentation({ scheme: "tiers4" }, {}, host);
    expect(next.outputs.sourceColumns[0]).toBe("R (column I)");
  });

  test("right after the columns (first run): they are removed again and no sheet is added", async () => {
    const host = retailHost();
    const before = workbookState(host);
    const summary = await runCancelledWhen(host, {}, (p) => p.step === "Writing columns" && p.percent === 80);
    expect(summary.cancelled).toMatch(/workbook is unchanged/);
    expect(workbookState(host)).toEqual(before);
    expect(marker(host).source).toBeUndefined();
    expect(sheetNames(host)).toEqual(["Sheet1", "Online Retail"]);
  });

  test("right after the columns of a re-run (plain range and table): columns and sheets are as before", async () => {
    for (const table of [false, true]) {
      const host = retailHost();
      if (table) await makeTable(host);
      await runSegmentation({}, {}, host);
      const before = workbookState(host);
      const summary = await runCancelledWhen(
        host,
        { scheme: "tiers4" },
        (p) => p.step === "Writing columns" && p.percent === 80,
      );
      expect(summary.cancelled).toMatch(/workbook is unchanged/);
      expect(workbookState(host)).toEqual(before);
    }
  });

  test("while the sheets are written: too late to stop, the run finishes and says so", async () => {
    const host = retailHost();
    await runSegmentation({}, {}, host);
    const summary = await runCancelledWhen(host, { scheme: "tiers4" }, (p) => p.step === "Writing the customer sheet");
    expect(summary.cancelled).toBeUndefined();
    expect(summary.warnings.at(-1)).toMatch(/too late to stop: the run finished/);
    expect(sheetNames(host)).toEqual(["Sheet1", "Online Retail", "RFM Dashboard", "RFM Customers", "RFM Summary"]);
    expect(marker(host).source?.complete).toBe(true);
  });
});

describe("a table too large for columns.add on Excel on the web (rows × (16,383 − columns) over 33,554,000 cells)", () => {
  // 2,300 data rows: 2,301 × 16,375 cells is over the limit, which Excel on the web reports as OperationCellsExceedLimit.
  const BIG = [SMALL_RETAIL[0], ...Array.from({ length: 100 }, () => SMALL_RETAIL.slice(1)).flat()];
  const big = analyze(BIG);

  async function bigTableHost(options: Parameters<typeof retailHost>[1] = {}): Promise<ExcelHost> {
    const host = retailHost(BIG, options);
    await makeTable(host, `A1:H${BIG.length}`);
    return host;
  }

  test("the columns still become table columns: the table is stretched over the free columns right of it", async () => {
    const host = await bigTableHost();
    await runSegmentation({}, {}, host);
    const table = host.snapshot().tables.find((t) => t.name === "Sales")!;
    expect(table.headers).toEqual([...SMALL_RETAIL[0], "R", "F", "M", "RFM", "Segment"]);
    expect(table.address).toBe(`'Online Retail'!A1:M${BIG.length}`);
    const segs = host.readSheetValues("Online Retail", `M2:M${BIG.length}`).map((r) => r[0]);
    expect(segs).toEqual(Array.from(big.rowCustomer, (k) => (k < 0 ? "" : big.customers[k].segment)));
    // A second run rewrites the same columns.
    await runSegmentation({}, {}, host);
    expect(host.snapshot().tables.find((t) => t.name === "Sales")!.headers).toHaveLength(13);
  });

  test("cells right of the table: the message names them, and nothing is changed", async () => {
    const host = await bigTableHost();
    host.loadSheet("Online Retail", [["notes"]], { startRow: 10, startColumn: 9, replace: false, activate: false });
    const before = workbookState(host);
    await expect(runSegmentation({}, {}, host)).rejects.toThrow(
      /Excel on the web cannot add columns to the table "Sales".*Clear or move what is in I1:M2301, or convert the table to a range.*Mac\. No column was changed\.$/,
    );
    expect(workbookState(host)).toEqual(before);
  });

  test("without Table.resize (ExcelApi 1.12) the message says what to do instead", async () => {
    const host = await bigTableHost({ apiVersion: "1.12" });
    await expect(runSegmentation({}, {}, host)).rejects.toThrow(
      /cannot add columns to the table "Sales".*convert the table to a range \(Table Design > Convert to Range\), or run in Excel for Windows or Mac/,
    );
  });
});
