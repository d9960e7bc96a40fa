/**
 * Campaign lists and "Copy as SQL" against the in-memory Excel simulation.
 */
import { campaignSheetName, exportCampaignList, sqlForWorkbook } from "../../src/office/campaignList";
import { analyze, campaignCsv, campaignList, timestampToExcelSerial } from "../../src/rfm";
import { SMALL_RETAIL } from "../fixtures/office/smallRetail";
import { retailHost } from "./helpers";

const engineResult = () => analyze(SMALL_RETAIL as (string | number)[][], {});

describe("campaign sheet names", () => {
  const d = Date.UTC(2011, 11, 10, 12, 50);
  test("segments and date, Excel's limits", () => {
    expect(campaignSheetName(["champions"], d, [])).toBe("champions 2011-12-10");
    expect(campaignSheetName(["champions"], d, ["Champions 2011-12-10"])).toBe("champions 2011-12-10 (2)");
    const long = campaignSheetName(["potential_loyalists", "loyal_customers"], d, []);
    // 31 characters at most, with room left for a " (2)" suffix: the segment part is cut to 16.
    expect(long).toBe("potential_loyali 2011-12-10");
    expect(campaignSheetName(["a/b:c"], d, [])).toBe("a b c 2011-12-10");
  });
});

describe("exportCampaignList", () => {
  test("to a new sheet: a table of the chosen segments' customers", async () => {
    const host = retailHost();
    const result = engineResult();
    const labels = [...new Set(result.customers.map((c) => c.segment))].slice(0, 2);
    const expected = campaignList(result, labels);
    const out = await exportCampaignList({}, { segments: labels, target: "sheet" }, host);
    expect(out.segments).toEqual(expected.labels);
    expect(out.customers).toBe(expected.rows.length);
    expect(out.sheet).toMatch(/ 20\d\d-\d\d-\d\d$/);
    const values = host.readSheetValues(out.sheet as string);
    expect(values[0]).toEqual(expected.headers);
    expect(values.length).toBe(expected.rows.length + 1);
    values.slice(1).forEach((row, i) => {
      const c = expected.customers[i];
      expect(row[0]).toBe(Number(c.id)); // plain integer ids as numbers
      expect(row.slice(1, 5)).toEqual(expected.rows[i].slice(1, 5));
      expect(row[5]).toBeCloseTo(timestampToExcelSerial(c.lastPurchase), 9);
      expect(row[6]).toBe(expected.rows[i][6]);
      expect(row[7]).toBe(c.country);
    });
    const table = host.snapshot().tables.find((t) => t.sheet === out.sheet);
    expect(table?.headers).toEqual(expected.headers);
    expect(table?.rowCount).toBe(expected.rows.length);
  });

  test("as CSV: the text and the file name", async () => {
    const host = retailHost();
    const result = engineResult();
    const label = result.customers[0].segment;
    const out = await exportCampaignList({}, { segments: [label], target: "csv" }, host);
    expect(out.csv).toBe(campaignCsv(campaignList(result, [label])));
    expect(out.fileName).toMatch(new RegExp(`^${label.replace(/[^A-Za-z0-9_+-]+/g, "-")}_\\d{4}-\\d\\d-\\d\\d\\.csv$`));
    expect(out.sheet).toBeUndefined();
  });

  test("an unknown segment or none is a clear error", async () => {
    const host = retailHost();
    await expect(exportCampaignList({}, { segments: ["VIP"], target: "csv" }, host)).rejects.toThrow(
      /Unknown segment "VIP" for scheme rf10/,
    );
    await expect(exportCampaignList({}, { segments: [], target: "csv" }, host)).rejects.toThrow(/at least one segment/);
  });
});

describe("sqlForWorkbook", () => {
  test("the query uses the sheet's column names and the pane's scheme and bins", async () => {
    const host = retailHost();
    const sql = await sqlForWorkbook({ scheme: "tiers4", bins: 4 }, "postgres", host);
    expect(sql).toMatch(/^-- RFM segmentation \(PostgreSQL\): scheme tiers4/);
    expect(sql).toContain("4 bins");
    for (const col of ['"CustomerID"', '"InvoiceNo"', '"InvoiceDate"', '"Quantity"', '"UnitPrice"']) {
      expect(sql).toContain(col);
    }
    expect(sql).toContain('FROM "transactions"');
  });
});
