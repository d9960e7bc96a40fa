/**
 * Value columns in the customer table and the per-segment value table, written through the adapter's own customer
 * writer in the in-memory Excel simulation.
 */
import { CUSTOMER_COLUMNS, writeCustomersSheet, type WriteEnv } from "../../src/office/customersSheet";
import { Session } from "../../src/office/io";
import { emptyMarker } from "../../src/office/settings";
import { SEGMENT_VALUE_HEADERS, valueColumnSpecs, writeSegmentValueTable } from "../../src/office/valueColumns";
import { analyze, customerValues, segmentValues } from "../../src/rfm";
import { SMALL_RETAIL } from "../fixtures/office/smallRetail";
import { retailHost } from "./helpers";

const env: WriteEnv = { dateSystem: "1900", currency: "£#,##0.00", numericIds: true };

test("the customer table gets the five value columns, per customer", async () => {
  const host = retailHost();
  const result = analyze(SMALL_RETAIL as (string | number)[][], {});
  const values = customerValues(result);
  await host.Excel.run(async (context) => {
    const s = new Session(context, host);
    await writeCustomersSheet(
      s,
      { role: "customers", name: "RFM Customers", replacedTables: [] },
      result,
      env,
      "RFMCustomers",
      emptyMarker(),
      () => undefined,
      [...CUSTOMER_COLUMNS, ...valueColumnSpecs(result)],
    );
  });
  const sheet = host.readSheetValues("RFM Customers");
  const header = sheet[0] as string[];
  expect(header.slice(-5)).toEqual([
    "Avg order value",
    "Age (days)",
    "Purchase interval (days)",
    "Tenure (days)",
    "Value per year",
  ]);
  const at = (name: string) => header.indexOf(name);
  const byId = new Map(result.customers.map((c, i) => [c.id, i]));
  let oneOrder = 0;
  for (const row of sheet.slice(1)) {
    const i = byId.get(String(row[at("CustomerID")])) as number;
    expect(row[at("Avg order value")]).toBeCloseTo(values.averageOrderValue[i], 9);
    expect(row[at("Age (days)")]).toBe(values.ageDays[i]);
    expect(row[at("Tenure (days)")]).toBe(values.tenureDays[i]);
    expect(row[at("Value per year")]).toBeCloseTo(values.historicalValue[i], 9);
    if (result.customers[i].frequency === 1) {
      oneOrder++;
      expect(row[at("Purchase interval (days)")]).toBe(""); // undefined for one order
    } else expect(row[at("Purchase interval (days)")]).toBeCloseTo(values.purchaseIntervalDays[i], 9);
  }
  expect(oneOrder).toBeGreaterThan(0);
  const table = host.snapshot().tables.find((t) => t.name === "RFMCustomers");
  expect(table?.headers.length).toBe(CUSTOMER_COLUMNS.length + 5);
});

test("the per-segment value table", async () => {
  const host = retailHost();
  const result = analyze(SMALL_RETAIL as (string | number)[][], {});
  let address = "";
  await host.Excel.run(async (context) => {
    const s = new Session(context, host);
    const sheet = context.workbook.worksheets.add("Values");
    const out = await writeSegmentValueTable(s, sheet, 2, 1, result, env);
    address = out.address;
  });
  expect(address).toBe(`B3:J${3 + result.segments.length}`);
  const rows = host.readSheetValues("Values", address);
  expect(rows[0]).toEqual(SEGMENT_VALUE_HEADERS);
  const expected = segmentValues(result);
  rows.slice(1).forEach((row, k) => {
    const e = expected[k];
    // The display name: people read the table.
    expect(row[0]).toBe(result.segments.find((sg) => sg.label === e.label)!.name);
    expect(row[1]).toBe(e.customers);
    expect(row[2]).toBeCloseTo(e.meanAverageOrderValue, 9);
    expect(row[3]).toBeCloseTo(e.orderValue, 9);
    expect(row[5]).toBe(e.repeatCustomers);
    expect(row[6]).toBe(e.meanPurchaseIntervalDays ?? "");
  });
  expect(host.snapshot().tables.map((t) => t.name)).toContain("RFMSegmentValues");
});
