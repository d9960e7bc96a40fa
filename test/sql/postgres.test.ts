/**
 * The generated PostgreSQL query, run by a real PostgreSQL server (a throwaway cluster this test starts on a unix
 * socket in a temporary directory, see pgCluster.ts) on the real Online Retail data loaded with COPY, must give the
 * engine's result customer for customer: id, first/last purchase, Recency, Frequency, Monetary (within 1e-6
 * relative), R, F, M, RFM code, score and segment.
 *
 * Needs the PostgreSQL server binaries (Debian: `apt-get install -y --no-install-recommends postgresql`). Without
 * them the tests fail with that message, unless RFM_SKIP_POSTGRES=1 is set (for a dev machine without PostgreSQL).
 */
import { analyze } from "../../src/rfm";
import { generateSql, type SqlOptions } from "../../src/rfm/sql";
import type { ColumnTable, RfmOptions } from "../../src/rfm/types";
import {
  asTextTimestamps,
  differences,
  expectEngineResult,
  expectOrdersEngineResult,
  loadOnlineRetail,
  ONLINE_RETAIL_MAPPING,
  onlineRetailPath,
  ordersSource,
  toSqlCustomer,
  type SqlCustomer,
} from "./helpers";
import { SKIP_POSTGRES, stageFile, startCluster, type PgCluster } from "./pgCluster";

if (SKIP_POSTGRES) {
  console.warn("RFM_SKIP_POSTGRES=1: skipping the PostgreSQL equality tests.");
}
const maybe = SKIP_POSTGRES ? describe.skip : describe;

maybe("PostgreSQL query = engine", () => {
  let cluster: PgCluster | undefined;
  let table: ColumnTable;

  beforeAll(async () => {
    cluster = await startCluster();
    const { file, gzip } = onlineRetailPath();
    const staged = stageFile(cluster, file, gzip, "online_retail.csv");
    await cluster.client.query(
      `CREATE TABLE online_retail ("InvoiceNo" TEXT, "StockCode" TEXT, "Description" TEXT, "Quantity" INTEGER, ` +
        `"InvoiceDate" TIMESTAMP, "UnitPrice" NUMERIC, "CustomerID" INTEGER, "Country" TEXT)`,
    );
    await cluster.client.query(`COPY online_retail FROM '${staged}' WITH (FORMAT csv, HEADER true)`);
    table = loadOnlineRetail();
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  async function runSql(options: SqlOptions): Promise<SqlCustomer[]> {
    const sql = generateSql("postgres", options);
    const res = await (cluster as PgCluster).client.query(asTextTimestamps(sql, "TEXT"));
    return res.rows.map((row: Record<string, unknown>) => toSqlCustomer(row));
  }

  function expectEqual(engineOptions: RfmOptions): Promise<number> {
    return expectEngineResult(runSql, table, engineOptions);
  }

  test("the COPY loaded every row", async () => {
    const res = await (cluster as PgCluster).client.query("SELECT COUNT(*) AS n FROM online_retail");
    expect(Number(res.rows[0].n)).toBe(541909);
  });

  test("rf10 (default) on Online Retail", async () => {
    expect(await expectEqual({ scheme: "rf10" })).toBe(4338);
  });

  test("tiers4 on Online Retail", async () => {
    expect(await expectEqual({ scheme: "tiers4" })).toBe(4338);
  });

  test("rank scoring with 10 bins, and fixed cut-points with a snapshot", async () => {
    await expectEqual({ scheme: "rf10", scoring: "rank", bins: 10 });
    await expectEqual({
      scheme: "tiers4",
      scoring: "fixed",
      cutPoints: { recency: [14, 30, 90, 180], frequency: [1, 2, 4, 8], monetary: [250, 500, 1000, 3000] },
      snapshot: "2012-01-01",
    });
  });

  test("ids stored as text with spaces and a .0 fraction are the same customers", async () => {
    const c = (cluster as PgCluster).client;
    await c.query(
      `CREATE VIEW retail_text_ids AS SELECT "InvoiceNo", "InvoiceDate", "Quantity", "UnitPrice", ` +
        `CASE WHEN "CustomerID" % 2 = 0 THEN "CustomerID"::text || '.0' ELSE ' ' || "CustomerID"::text END ` +
        `AS "CustomerID" FROM online_retail`,
    );
    const rows = await runSql({ table: "retail_text_ids", mapping: ONLINE_RETAIL_MAPPING });
    expect(differences(analyze(table, {}), rows)).toEqual([]);
  });

  const orders = ordersSource();
  (orders ? test : test.skip)("order-level data with the r-rfm preset (R rfm package's orders)", async () => {
    const c = (cluster as PgCluster).client;
    const staged = stageFile(cluster as PgCluster, orders as string, false, "rfm_orders.csv");
    await c.query(`CREATE TABLE rfm_orders (customer_id TEXT, order_date DATE, revenue NUMERIC)`);
    await c.query(`COPY rfm_orders FROM '${staged}' WITH (FORMAT csv, HEADER true)`);
    await expectOrdersEngineResult(runSql);
  });
});
