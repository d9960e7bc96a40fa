/**
 * Finding the data (detectSource), settings persistence, custom schemes from a sheet, and the analyst-facing
 * errors: missing column, empty sheet, bad dates, old Excel, slicer trouble.
 */
import { analyze, resolveScheme, schemeFromTable, schemeToTable } from "../../src/rfm";
import {
  detectSource,
  loadSettings,
  OfficeActionError,
  readCustomScheme,
  runSegmentation,
  saveSettings,
} from "../../src/office";
import { excelWouldConvert } from "../../src/office/cells";
import { readRowChunks, Session } from "../../src/office/io";
import { RETAIL_HEADERS, SMALL_RETAIL } from "../fixtures/office/smallRetail";
import { newHost, retailHost, workbookState, type Row } from "./helpers";

describe("detectSource", () => {
  test("the active sheet's used range, with the engine's aliases", async () => {
    const info = await detectSource({}, retailHost());
    expect(info).toEqual({
      sheetName: "Online Retail",
      address: "'Online Retail'!A1:H24",
      rowCount: 23,
      headers: SMALL_RETAIL[0],
      mapping: {
        customer: "CustomerID",
        invoice: "InvoiceNo",
        date: "InvoiceDate",
        quantity: "Quantity",
        unitPrice: "UnitPrice",
        country: "Country",
      },
      missing: [],
    });
  });

  test("a sheet named like Online Retail when the active sheet has no transactions", async () => {
    const host = newHost();
    host.loadSheet("Online Retail", SMALL_RETAIL, { activate: false });
    host.loadSheet("Notes", [["Some notes"], ["nothing to see"]]);
    const info = await detectSource({}, host);
    expect(info.sheetName).toBe("Online Retail");
    expect(info.missing).toEqual([]);
  });

  test("a header row below a title, and a saved sheet name", async () => {
    const host = newHost();
    host.loadSheet("Data", [["Sales export 2011"], [], ...SMALL_RETAIL], { activate: false });
    host.loadSheet("Online Retail", SMALL_RETAIL);
    const info = await detectSource({ sheetName: "Data" }, host);
    expect(info.sheetName).toBe("Data");
    expect(info.address).toBe("Data!A3:H26");
    expect(info.rowCount).toBe(23);
    const summary = await runSegmentation({ sheetName: "Data" }, {}, host);
    expect(summary.customers).toBe(10);
    // Exclusions name real sheet rows: the row without customer is data row 8, sheet row 3 + 8 = 11.
    expect(summary.exclusions.find((e) => e.rule === "missingCustomer")?.exampleRows).toEqual([11]);
    expect(host.readSheetValues("Data", "I3:M3")).toEqual([["R", "F", "M", "RFM", "Segment"]]);
  });

  test("a table on the sheet wins over the used range", async () => {
    const host = newHost();
    host.loadSheet("Report", [["Title"], ...SMALL_RETAIL.map((r) => ["", ...r])]);
    await host.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Report").tables.add("B2:I25", true).name = "Tx";
      await ctx.sync();
    });
    const info = await detectSource({}, host);
    expect(info).toEqual(expect.objectContaining({ tableName: "Tx", address: "Report!B2:I25", rowCount: 23 }));
  });

  test("missing fields are reported, not thrown; a saved mapping fills them", async () => {
    const rows: Row[] = SMALL_RETAIL.map((r, i) => (i === 0 ? r.map((h) => (h === "CustomerID" ? "Shopper" : h)) : r));
    const host = retailHost(rows);
    const info = await detectSource({}, host);
    expect(info.sheetName).toBe("Online Retail");
    expect(info.missing).toEqual(["customer"]);
    expect(info.mapping.customer).toBeUndefined();
    const mapped = await detectSource({ mapping: { customer: "Shopper" } }, host);
    expect(mapped.missing).toEqual([]);
    expect(mapped.mapping.customer).toBe("Shopper");
  });

  test("an explicit choice of a header that is not there stays missing", async () => {
    const info = await detectSource({ mapping: { amount: "Total" }, monetarySource: "amount" }, retailHost());
    expect(info.missing).toEqual(["amount"]);
  });
});

describe("settings", () => {
  test("saved per workbook, read back, defaults when none", async () => {
    const host = retailHost();
    expect(await loadSettings(host)).toEqual({});
    const s = { scheme: "tiers4", bins: 4, snapshot: "2011-12-10", cleaning: { dropNegativeQuantity: true } };
    await saveSettings(s, host);
    expect(await loadSettings(host)).toEqual(s);
    // Reopening the file: a new host over the same workbook model.
    expect(await loadSettings(newHost({ workbook: host.workbook }))).toEqual(s);
  });
});

describe("custom scheme from a sheet range", () => {
  function withRules(): ReturnType<typeof retailHost> {
    const host = retailHost();
    const table = schemeToTable(resolveScheme("tiers4"));
    host.loadSheet("My rules", table, { activate: false });
    return host;
  }

  test("readCustomScheme reads the rules table", async () => {
    const host = withRules();
    const scheme = await readCustomScheme("'My rules'!A1:I20", host);
    expect(scheme.rules.map((r) => r.label)).toEqual(resolveScheme("tiers4").rules.map((r) => r.label));
  });

  test("a run with scheme custom labels customers by those rules", async () => {
    const host = withRules();
    const summary = await runSegmentation({ scheme: "custom", customSchemeAddress: "'My rules'!A:I" }, {}, host);
    const ref = analyze(SMALL_RETAIL, { scheme: resolveScheme("tiers4") });
    expect(summary.scheme).toBe("custom ('My rules'!A:I)");
    const seg = host.readSheetValues("Online Retail", "M2:M24").map((r) => r[0]);
    expect(seg).toEqual(Array.from(ref.rowCustomer, (k) => (k < 0 ? "" : ref.customers[k].segment)));
  });

  test.each(["throw", "null"] as const)(
    "a rules range past Excel's read cap is refused by its size before any cell is read (oversized read: %s)",
    async (oversizedRead) => {
      // Excel may answer such a read with an error or with null, so the size must be known before the values.
      const host = retailHost(SMALL_RETAIL, { oversizedRead });
      host.loadSheet("My rules", schemeToTable(resolveScheme("tiers4")), { activate: false });
      host.loadSheet("My rules", [["stray"]], { startRow: 599_999, startColumn: 8, activate: false, replace: false });
      host.resetStats();
      await expect(readCustomScheme("'My rules'!A:I", host)).rejects.toThrow(
        "The range 'My rules'!A:I is too large for a rules table (600000 rows × 9 columns). Enter only the rules' cells, e.g. Segments!A1:I12.",
      );
      expect(host.stats.cellsRead).toBe(0);
      expect(host.stats.failedSyncs).toBe(0);
    },
  );

  test("segment labels shaped like dates stay text in the sheet (Mar-24, Jan 2024, 12-Jan)", async () => {
    const host = retailHost();
    const table = schemeToTable(resolveScheme("tiers4"));
    // Only month-name shapes: one label like "1-2" would already put the whole column in the text format.
    const labels = ["Mar-24", "Jan 2024", "12-Jan", "Sept-24", "24-Mar-2011", "March 5"];
    table.slice(1).forEach((row, i) => (row[0] = labels[i]));
    expect(table.length - 1).toBeLessThanOrEqual(labels.length);
    host.loadSheet("My rules", table, { activate: false });
    await runSegmentation({ scheme: "custom", customSchemeAddress: "'My rules'!A:I" }, {}, host);
    const seg = host.readSheetValues("Online Retail", "M2:M24").map((r) => r[0]);
    const ref = analyze(SMALL_RETAIL, { scheme: schemeFromTable(table) });
    expect(seg).toEqual(Array.from(ref.rowCustomer, (k) => (k < 0 ? "" : ref.customers[k].segment)));
    expect(seg.filter((v) => v !== "").every((v) => labels.includes(v as string))).toBe(true);
  });

  test("a bad rule names the sheet row", async () => {
    const host = withRules();
    await host.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("My rules").getRange("B3").values = [["x"]];
      await ctx.sync();
    });
    await expect(readCustomScheme("'My rules'!A1:I20", host)).rejects.toThrow(/Row 3/);
    await expect(readCustomScheme("Nowhere!A1:I9", host)).rejects.toThrow(/sheet "Nowhere"/);
  });
});

describe("errors in words an analyst understands", () => {
  test("missing customer column: the engine's message, and nothing is written", async () => {
    const rows: Row[] = SMALL_RETAIL.map((r, i) => (i === 0 ? r.map((h) => (h === "CustomerID" ? "Shopper" : h)) : r));
    const host = retailHost(rows);
    const before = workbookState(host);
    const err = await runSegmentation({}, {}, host).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OfficeActionError);
    expect((err as Error).message).toMatch(/Column "Customer ID" not found/);
    expect((err as Error).message).toMatch(/Headers found: InvoiceNo, StockCode/);
    expect((err as Error).message).toMatch(/sheet "Online Retail", header row 1/);
    expect(workbookState(host)).toEqual(before);
  });

  test("an empty workbook", async () => {
    await expect(runSegmentation({}, {}, newHost())).rejects.toThrow(/The sheet "Sheet1" is empty/);
  });

  test("headers without data rows", async () => {
    const host = retailHost([SMALL_RETAIL[0]]);
    await expect(runSegmentation({}, {}, host)).rejects.toThrow(/header row \(row 1\) but no data rows/);
  });

  test("unreadable dates when they must not be dropped: the first sheet rows are named", async () => {
    const rows = SMALL_RETAIL.map((r) => [...r]);
    rows[6][4] = "next Tuesday"; // sheet row 7
    rows[11][4] = "soon"; // sheet row 12
    const host = retailHost(rows);
    const err = (await runSegmentation({ cleaning: { dropUnparsableDates: false } }, {}, host).catch(
      (e: unknown) => e,
    )) as Error;
    expect(err).toBeInstanceOf(OfficeActionError);
    expect(err.message).toMatch(/7/);
    expect(err.message).toMatch(/12/);
    // Dropped by default, and counted in the exclusions with the row numbers.
    const summary = await runSegmentation({}, {}, retailHost(rows));
    expect(summary.exclusions.find((e) => e.rule === "unparsableDate")).toEqual(
      expect.objectContaining({ count: 2, exampleRows: [7, 12] }),
    );
  });

  test("a saved sheet that no longer exists", async () => {
    await expect(runSegmentation({ sheetName: "Gone" }, {}, retailHost())).rejects.toThrow(
      /sheet "Gone" chosen in the settings is not in this workbook/,
    );
  });

  test("Excel older than ExcelApi 1.7", async () => {
    const host = retailHost(SMALL_RETAIL, { apiVersion: "1.6" });
    for (const call of [() => runSegmentation({}, {}, host), () => detectSource({}, host), () => loadSettings(host)]) {
      const err = (await call().catch((e: unknown) => e)) as Error;
      expect(err).toBeInstanceOf(OfficeActionError);
      expect(err.message).toMatch(/too old .* Excel JavaScript API 1\.7/);
    }
  });

  test("ExcelApi 1.9 (no slicers): the run completes, the table's filter stands in, with a warning", async () => {
    const host = retailHost(SMALL_RETAIL, { apiVersion: "1.9" });
    const summary = await runSegmentation({}, {}, host);
    expect(host.snapshot().slicers).toEqual([]);
    expect(summary.warnings.join(" ")).toMatch(/no slicers .* filter button on the Segment column/);
    expect(host.stats.suspendScreenUpdatingCalls).toBeGreaterThan(0);
  });

  test("ExcelApi 1.7: no screen-updating suspension, everything else works", async () => {
    const host = retailHost(SMALL_RETAIL, { apiVersion: "1.7" });
    const summary = await runSegmentation({}, {}, host);
    // 3 on the summary; on the dashboard the revenue chart and, without the 1.9 chart types, the score chart.
    expect(summary.outputs.charts).toBe(5);
    expect(host.stats.suspendScreenUpdatingCalls).toBe(0);
    expect(host.stats.suspendApiCalculationCalls).toBeGreaterThan(0);
  });

  test("a slicer that fails to be added degrades to the filter button with a warning", async () => {
    const host = retailHost(SMALL_RETAIL, { slicersFail: true });
    const summary = await runSegmentation({}, {}, host);
    expect(summary.cancelled).toBeUndefined();
    expect(summary.warnings.join(" ")).toMatch(/could not add the Segment slicer/);
    expect(host.snapshot().slicers).toEqual([]);
    expect(host.snapshot().tables.find((t) => t.name === "RFMCustomers")).toBeDefined();
    expect(host.readSheetValues("RFM Summary").some((r) => String(r[0]).includes("Segment slicer"))).toBe(true);
  });

  test("an Office error keeps the original as cause, in words for the analyst", async () => {
    // Requests over 900 bytes fail: reading works in small pieces, but adding the output sheet with its header,
    // the marker and the settings does not fit in any request.
    const host = retailHost(SMALL_RETAIL, { limits: { requestBytes: 900 } });
    const err = (await runSegmentation({}, {}, host).catch((e: unknown) => e)) as OfficeActionError;
    expect(err).toBeInstanceOf(OfficeActionError);
    expect(err.message).toMatch(/Excel refused a request as too large/);
    expect((err as { cause?: { code?: string } }).cause?.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(err.details).toMatch(/RequestPayloadSizeLimitExceeded/);
  });
});

describe('a field switched off in the mapping ("(none)" saved as "")', () => {
  // The fixture plus an order-level "Total" column (an Amount alias) holding 1000 on every row, so that a run that
  // sums it instead of Quantity × UnitPrice shows at once.
  const WITH_TOTAL: Row[] = SMALL_RETAIL.map((r, i) => [...r, i === 0 ? "Total" : 1000]);
  const col = (name: string) => RETAIL_HEADERS.indexOf(name);

  /** Σ Quantity × UnitPrice per customer, with the engine's default cleaning written out here. */
  function lineMoney(): Map<number, number> {
    const out = new Map<number, number>();
    for (const r of SMALL_RETAIL.slice(1)) {
      const customer = r[col("CustomerID")];
      const price = r[col("UnitPrice")] as number;
      if (customer === "" || String(r[col("InvoiceNo")]).startsWith("C") || price <= 0) continue;
      const id = customer as number;
      out.set(id, (out.get(id) ?? 0) + (r[col("Quantity")] as number) * price);
    }
    return out;
  }

  function monetaryBySheet(host: ReturnType<typeof retailHost>): Map<number, number> {
    const values = host.readSheetValues("RFM Customers");
    const m = values[0].indexOf("Monetary");
    return new Map(values.slice(1).map((row) => [row[0] as number, row[m] as number]));
  }

  test("detection: amount off is unmapped, not missing; the aliases would have taken Total", async () => {
    const host = retailHost(WITH_TOTAL);
    expect((await detectSource({}, host)).mapping.amount).toBe("Total");
    const info = await detectSource({ mapping: { amount: "", country: "" } }, host);
    expect(info.mapping.amount).toBeUndefined();
    expect(info.mapping.country).toBeUndefined();
    expect(info.mapping.quantity).toBe("Quantity");
    expect(info.missing).toEqual([]);
  });

  test("a run with amount off uses Quantity × UnitPrice on a sheet that has both", async () => {
    const expected = lineMoney();
    expect(expected.size).toBe(10);

    const aliased = retailHost(WITH_TOTAL);
    await runSegmentation({}, {}, aliased);
    // Control: by the aliases, Monetary sums Total (1000 per kept row).
    const bySum = [...monetaryBySheet(aliased).values()];
    expect(bySum).toHaveLength(10);
    for (const m of bySum) expect(m % 1000).toBe(0);

    const host = retailHost(WITH_TOTAL);
    await saveSettings({ mapping: { amount: "" } }, host);
    const settings = await loadSettings(host);
    expect(settings.mapping).toEqual({ amount: "" });
    const summary = await runSegmentation(settings, {}, host);
    expect(summary.customers).toBe(10);
    expect(summary.warnings.join(" ")).not.toMatch(/Both an amount column/);
    const got = monetaryBySheet(host);
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [id, m] of expected) expect(got.get(id)).toBeCloseTo(m, 6);
  });

  test("customer switched off: the run fails saying so, and writes nothing", async () => {
    const host = retailHost(WITH_TOTAL);
    const info = await detectSource({ mapping: { customer: "" } }, host);
    expect(info.missing).toContain("customer");
    const before = workbookState(host);
    const err = await runSegmentation({ mapping: { customer: "" } }, {}, host).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OfficeActionError);
    expect((err as Error).message).toMatch(/Column "Customer ID" is switched off in the column mapping/);
    expect(workbookState(host)).toEqual(before);
  });
});

describe("a chunk read that Excel answers with null", () => {
  test("is read again in smaller chunks, never handed on as data", async () => {
    // readCells 60: a chunk of 23 rows × 4 columns is over the cap and reads null; 11 rows × 4 columns still is.
    const host = retailHost(SMALL_RETAIL, { oversizedRead: "null", limits: { readCells: 60 } });
    const rows: unknown[][] = [];
    await host.Excel.run(async (context) => {
      const s = new Session(context, host);
      const sheet = context.workbook.worksheets.getItem("Online Retail");
      await readRowChunks(s, sheet, 1, SMALL_RETAIL.length - 1, [{ start: 3, count: 4 }], (chunk) => {
        rows.push(...chunk.values[0]);
      });
    });
    expect(rows).toEqual(SMALL_RETAIL.slice(1).map((r) => r.slice(3, 7)));
  });
});

describe("text that Excel would turn into a date or number gets the text format first", () => {
  test.each(["Mar-24", "Jan 2024", "12-Jan", "24-Mar-2011", "Sept-24", "1-2", "3/4", "=1", "-2", "00123", "TRUE"])(
    "%s",
    (v) => expect(excelWouldConvert(v)).toBe(true),
  );
  test.each(["champions", "Group 1", "Marketing 2", "May", "at_risk", "10 Downing St"])("%s stays as it is", (v) =>
    expect(excelWouldConvert(v)).toBe(false),
  );
});
