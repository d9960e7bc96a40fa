/**
 * Campaign lists: segment name matching, rows and columns, file names.
 */
import { analyze } from "../../src/rfm/analyze";
import { campaignCsv, campaignFileName, campaignList, resolveSegmentNames } from "../../src/rfm/campaign";
import type { RfmOptions, RowTable } from "../../src/rfm/types";
import { loadOnlineRetail } from "../helpers/realData";

// Fixed cut-points, 2 bins, tiers4 rescaled: hand-derivable scores.
const OPTIONS: RfmOptions = {
  scheme: "tiers4",
  bins: 5,
  scoring: "fixed",
  cutPoints: { recency: [10, 20, 30, 40], frequency: [1, 2, 3, 4], monetary: [10, 20, 30, 40] },
};
const ROWS: RowTable = [
  ["CustomerID", "InvoiceNo", "InvoiceDate", "Quantity", "UnitPrice", "Country"],
  // A: 5 invoices, 100, last 2011-01-30 → R5 F5 M5: Top Customers
  ["A", "1", "2011-01-26 00:00:00", 1, 20, "France"],
  ["A", "2", "2011-01-27 00:00:00", 1, 20, "France"],
  ["A", "3", "2011-01-28 00:00:00", 1, 20, "France"],
  ["A", "4", "2011-01-29 00:00:00", 1, 20, "France"],
  ["A", "5", "2011-01-30 00:00:00", 1, 20, "Spain"],
  // B: 1 invoice of 5 on 2011-01-01 → Recency 30 → R3 (20 < 30 <= 30), F1, M1: Potential Customers
  ["B", "6", "2011-01-01 00:00:00", 1, 5, "Italy"],
];

describe("campaign lists", () => {
  // snapshot = 2011-01-31
  const result = analyze(ROWS, OPTIONS);

  test("segment names: label or display name, any case, spaces/underscores/dashes ignored; scheme order", () => {
    expect(resolveSegmentNames(result, ["potential customers", "TOP_customers"])).toEqual([
      "Top Customers",
      "Potential Customers",
    ]);
    expect(resolveSegmentNames(analyze(ROWS, {}), ["Can't Lose Them", "champions"])).toEqual([
      "cant_lose",
      "champions",
    ]);
    expect(() => resolveSegmentNames(result, ["VIP"])).toThrow(
      /Unknown segment "VIP" for scheme tiers4; its segments are Top Customers, At-Risk Customers, Loyal Customers, Potential Customers, Other/,
    );
    expect(() => resolveSegmentNames(result, [])).toThrow(/at least one segment/);
  });

  test("rows: id, segment, R/F/M values, last purchase, action, country of the last purchase", () => {
    expect(result.customers.map((c) => [c.id, c.rfm, c.segment])).toEqual([
      ["A", "555", "Top Customers"],
      ["B", "311", "Potential Customers"],
    ]);
    const list = campaignList(result, ["Top Customers"]);
    expect(list.headers).toEqual([
      "CustomerID",
      "Segment",
      "Recency",
      "Frequency",
      "Monetary",
      "LastPurchase",
      "Action",
      "Country",
    ]);
    expect(list.rows).toHaveLength(1);
    const [row] = list.rows;
    expect(row.slice(0, 6)).toEqual(["A", "Top Customers", 1, 5, 100, "2011-01-30 00:00:00"]);
    expect(row[6]).toBe(result.scheme.rules[0].action);
    expect(row[7]).toBe("Spain");
  });

  test("no country column, no Country header", () => {
    const noCountry = ROWS.map((r) => r.slice(0, 5));
    const list = campaignList(analyze(noCountry, OPTIONS), ["potential customers"]);
    expect(list.headers).not.toContain("Country");
    expect(list.rows).toEqual([["B", "Potential Customers", 30, 1, 5, "2011-01-01 00:00:00", expect.any(String)]]);
  });

  test("CSV text: header, quoted text, numbers as they are", () => {
    const csv = campaignCsv({
      headers: ["CustomerID", "Segment", "Monetary", "Action"],
      rows: [
        ["A", "Top Customers", 1187.4499999999998, 'Say "thanks", then upsell'],
        ["B", "Other", 5, ""],
      ],
    });
    expect(csv).toBe(
      "CustomerID,Segment,Monetary,Action\n" +
        'A,Top Customers,1187.4499999999998,"Say ""thanks"", then upsell"\n' +
        "B,Other,5,\n",
    );
  });

  test("file names", () => {
    const d = Date.UTC(2011, 11, 10, 12, 50);
    expect(campaignFileName(["champions", "loyal_customers"], d)).toBe("champions+loyal_customers_2011-12-10.csv");
    expect(campaignFileName(["Top Customers"], d)).toBe("Top-Customers_2011-12-10.csv");
    expect(campaignFileName(["Can't Lose / Them"], d)).toBe("Can-t-Lose-Them_2011-12-10.csv");
  });

  test("Online Retail: the champions list has the summary's champion count", () => {
    const real = analyze(loadOnlineRetail(), {});
    const list = campaignList(real, ["champions"]);
    expect(list.rows.length).toBe(633); // rf10 champions (golden count, see test/rfm/migration.test.ts)
    expect(list.rows.every((r) => r[1] === "champions")).toBe(true);
    expect(list.headers).toContain("Country");
  });
});
