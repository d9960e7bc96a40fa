/**
 * Customer value figures in Excel (definitions in src/rfm/customerValue.ts):
 * - `valueColumnSpecs(result)`: five more columns for the "RFM Customers" table, in the customer writer's column
 *   format (customersSheet.ts `CustomerColumnSpec`): Avg order value, Age (days), Purchase interval (days; empty for
 *   one-order customers), Tenure (days), Value per year. Pass `[...CUSTOMER_COLUMNS, ...valueColumnSpecs(result)]`
 *   as the writer's `specs`.
 * - `writeSegmentValueTable(...)`: the per-segment figures as an Excel table ("RFMSegmentValues": Segment,
 *   Customers, Mean order value, Order value, Mean age (days), Repeat customers, Mean purchase interval (days),
 *   Mean tenure (days), Mean value per year) at a given place; the RFM Summary puts it below its segment table
 *   (summarySheet.ts), and `runSegmentation` passes the value columns to the customer writer (run.ts).
 *
 * Cost: one pass over the customers for the figures; the table is one request.
 */
import { customerValues, type CustomerValues, segmentValues } from "../rfm";
import type { CustomerResult, RfmResult } from "../rfm/types";
import { FORMAT } from "./cells";
import type { CustomerColumnSpec, WriteEnv } from "./customersSheet";
import type { Session, XlCell } from "./io";
import { columnLetters } from "./source";

export const SEGMENT_VALUES_TABLE = "RFMSegmentValues";

export const SEGMENT_VALUE_HEADERS = [
  "Segment",
  "Customers",
  "Mean order value",
  "Order value",
  "Mean age (days)",
  "Repeat customers",
  "Mean purchase interval (days)",
  "Mean tenure (days)",
  "Mean value per year",
];

/** The five value columns for the customer table, computed once for `result`. */
export function valueColumnSpecs(
  result: RfmResult,
  values: CustomerValues = customerValues(result),
): CustomerColumnSpec[] {
  const index = new Map<CustomerResult, number>();
  result.customers.forEach((c, i) => index.set(c, i));
  const at = (c: CustomerResult): number => index.get(c) ?? -1;
  const num =
    (arr: Float64Array) =>
    (c: CustomerResult): XlCell => {
      const v = arr[at(c)];
      return Number.isFinite(v) ? v : "";
    };
  return [
    { header: "Avg order value", format: (env: WriteEnv) => env.currency, value: num(values.averageOrderValue) },
    { header: "Age (days)", format: () => FORMAT.integer, value: num(values.ageDays) },
    { header: "Purchase interval (days)", format: () => FORMAT.decimal1, value: num(values.purchaseIntervalDays) },
    { header: "Tenure (days)", format: () => FORMAT.integer, value: num(values.tenureDays) },
    { header: "Value per year", format: (env: WriteEnv) => env.currency, value: num(values.historicalValue) },
  ];
}

/** Rows of the per-segment table (header first), with their number formats. Pure. */
export function segmentValueRows(result: RfmResult, env: WriteEnv): { values: XlCell[][]; formats: string[][] } {
  const rows = segmentValues(result);
  const names = new Map(result.segments.map((sg) => [sg.label, sg.name]));
  const formats = [
    FORMAT.text,
    FORMAT.integer,
    env.currency,
    env.currency,
    FORMAT.decimal1,
    FORMAT.integer,
    FORMAT.decimal1,
    FORMAT.decimal1,
    env.currency,
  ];
  const values: XlCell[][] = [SEGMENT_VALUE_HEADERS.slice()];
  for (const s of rows) {
    values.push([
      names.get(s.label) ?? s.label,
      s.customers,
      s.meanAverageOrderValue,
      s.orderValue,
      s.meanAgeDays,
      s.repeatCustomers,
      s.meanPurchaseIntervalDays ?? "",
      s.meanTenureDays,
      s.meanHistoricalValue,
    ]);
  }
  return { values, formats: values.map((_, i) => (i === 0 ? SEGMENT_VALUE_HEADERS.map(() => FORMAT.text) : formats)) };
}

/**
 * Writes the per-segment value table with its top-left cell at (row, column) (zero-based); one request (with
 * whatever else is queued). `autofit: false` leaves the column widths to the caller: autofit sets a column's width
 * from the fitted range alone, so a sheet with another table in the same columns fits both in one range.
 */
export async function writeSegmentValueTable(
  s: Session,
  sheet: Excel.Worksheet,
  row: number,
  column: number,
  result: RfmResult,
  env: WriteEnv,
  tableName: string = SEGMENT_VALUES_TABLE,
  options: { autofit?: boolean } = {},
): Promise<{ address: string; rows: number }> {
  const { values, formats } = segmentValueRows(result, env);
  const w = SEGMENT_VALUE_HEADERS.length;
  const range = sheet.getRangeByIndexes(row, column, values.length, w);
  range.numberFormat = formats;
  range.values = values;
  const address = `${columnLetters(column)}${row + 1}:${columnLetters(column + w - 1)}${row + Math.max(2, values.length)}`;
  const table = sheet.tables.add(address, true);
  table.name = tableName;
  table.style = "TableStyleLight9";
  if (options.autofit !== false) sheet.getRangeByIndexes(row, column, values.length, w).format.autofitColumns();
  await s.sync();
  return { address, rows: values.length - 1 };
}
