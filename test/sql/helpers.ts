/**
 * Shared pieces of the SQL equality tests: where the real data is, the engine's result on it, the
 * customer-for-customer comparison of a query's rows with an engine result, and the two checks both databases run
 * (an engine run on the `online_retail` table, the R rfm package's orders in `rfm_orders`). Each test file brings
 * its own database as a `RunSql` function.
 */
import { analyze, formatTimestamp } from "../../src/rfm";
import type { SqlOptions } from "../../src/rfm/sql";
import type { ColumnTable, RfmOptions, RfmResult } from "../../src/rfm/types";
import { loadOrders, onlineRetailSource } from "../helpers/realData";

export { loadOnlineRetail, loadOrders, ordersSource } from "../helpers/realData";

/** The Online Retail CSV file the tests load (the shared CSV, or the repository's gzipped copy). */
export function onlineRetailPath(): { file: string; gzip: boolean } {
  const file = onlineRetailSource();
  return { file, gzip: file.endsWith(".gz") };
}

/** Online Retail column names for generateSql. */
export const ONLINE_RETAIL_MAPPING = {
  customer: "CustomerID",
  invoice: "InvoiceNo",
  date: "InvoiceDate",
  quantity: "Quantity",
  unitPrice: "UnitPrice",
};

/** One output row of the generated query, with numbers as JavaScript numbers and timestamps as text. */
export interface SqlCustomer {
  customer_id: string;
  first_purchase: string;
  last_purchase: string;
  recency: number;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  rfm: string;
  score: number;
  segment: string;
}

/** Wraps a generated query so that timestamps come back as text (same `YYYY-MM-DD HH:MM:SS` form in both). */
export function asTextTimestamps(sql: string, text: "VARCHAR" | "TEXT"): string {
  const inner = sql.trim().replace(/;$/, "");
  return (
    `SELECT customer_id, CAST(first_purchase AS ${text}) AS first_purchase, ` +
    `CAST(last_purchase AS ${text}) AS last_purchase, recency, frequency, monetary, r, f, m, rfm, score, segment ` +
    `FROM (\n${inner}\n) q`
  );
}

export function toSqlCustomer(row: Record<string, unknown>): SqlCustomer {
  return {
    customer_id: String(row.customer_id),
    first_purchase: String(row.first_purchase),
    last_purchase: String(row.last_purchase),
    recency: Number(row.recency),
    frequency: Number(row.frequency),
    monetary: Number(row.monetary),
    r: Number(row.r),
    f: Number(row.f),
    m: Number(row.m),
    rfm: String(row.rfm),
    score: Number(row.score),
    segment: String(row.segment),
  };
}

/** Differences between the query's rows and the engine's customers (empty when they agree), at most `limit`. */
export function differences(result: RfmResult, rows: SqlCustomer[], limit = 10): string[] {
  const out: string[] = [];
  if (rows.length !== result.customers.length) {
    out.push(`customer count: SQL ${rows.length}, engine ${result.customers.length}`);
  }
  const n = Math.min(rows.length, result.customers.length);
  for (let i = 0; i < n && out.length < limit; i++) {
    const c = result.customers[i];
    const s = rows[i];
    const problems: string[] = [];
    if (s.customer_id !== c.id) problems.push(`id ${s.customer_id} vs ${c.id}`);
    if (s.first_purchase !== formatTimestamp(c.firstPurchase)) problems.push(`first ${s.first_purchase}`);
    if (s.last_purchase !== formatTimestamp(c.lastPurchase)) problems.push(`last ${s.last_purchase}`);
    if (s.recency !== c.recency) problems.push(`recency ${s.recency} vs ${c.recency}`);
    if (s.frequency !== c.frequency) problems.push(`frequency ${s.frequency} vs ${c.frequency}`);
    const scale = Math.max(1, Math.abs(c.monetary));
    if (!(Math.abs(s.monetary - c.monetary) <= 1e-6 * scale)) problems.push(`monetary ${s.monetary} vs ${c.monetary}`);
    if (s.r !== c.r || s.f !== c.f || s.m !== c.m) problems.push(`scores ${s.r}${s.f}${s.m} vs ${c.r}${c.f}${c.m}`);
    if (s.rfm !== c.rfm) problems.push(`rfm ${s.rfm} vs ${c.rfm}`);
    if (s.score !== c.score) problems.push(`score ${s.score} vs ${c.score}`);
    if (s.segment !== c.segment) problems.push(`segment ${s.segment} vs ${c.segment}`);
    if (problems.length) out.push(`row ${i} (customer ${c.id}): ${problems.join(", ")}`);
  }
  return out;
}

/** Runs the query generated from `options` on one database and returns its rows. */
export type RunSql = (options: SqlOptions) => Promise<SqlCustomer[]>;

/**
 * Runs the query that reproduces `engineOptions` on the `online_retail` table (Online Retail columns) and expects
 * the engine's result on `data` customer for customer. Returns the number of customers the query gave.
 */
export async function expectEngineResult(
  runSql: RunSql,
  data: ColumnTable,
  engineOptions: RfmOptions,
): Promise<number> {
  const result = analyze(data, engineOptions);
  const rows = await runSql({
    table: "online_retail",
    mapping: ONLINE_RETAIL_MAPPING,
    scheme: engineOptions.scheme,
    bins: engineOptions.bins,
    scoring: engineOptions.scoring,
    cutPoints: engineOptions.cutPoints,
    snapshot: engineOptions.snapshot,
    cleaning: engineOptions.cleaning,
  });
  expect(differences(result, rows)).toEqual([]);
  return rows.length;
}

/**
 * The R rfm package's order data, loaded into the table `rfm_orders` (customer_id, order_date, revenue): order-level
 * (amount column, no invoice) with the r-rfm preset and snapshot 2006-12-31, the query must give the engine's 995
 * customers.
 */
export async function expectOrdersEngineResult(runSql: RunSql): Promise<void> {
  const result = analyze(loadOrders() as ColumnTable, { preset: "r-rfm", snapshot: "2006-12-31" });
  const rows = await runSql({
    table: "rfm_orders",
    mapping: { customer: "customer_id", date: "order_date", amount: "revenue" },
    preset: "r-rfm",
    snapshot: "2006-12-31",
  });
  expect(rows.length).toBe(995);
  expect(differences(result, rows)).toEqual([]);
}
