/**
 * `rfm sql`: argument handling, column names from a file's header row, and the printed DuckDB query run by DuckDB
 * on the file itself (read_csv) giving the engine's customers.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DuckDBInstance } from "@duckdb/node-api";
import { analyze } from "../../src/rfm/analyze";
import { sqlCommand } from "../../src/cli/commands/sql";
import { readCsvHeaders } from "../../src/cli/csvHeaders";
import { loadOnlineRetail, onlineRetailSource } from "../helpers/realData";
import { asTextTimestamps, differences, toSqlCustomer } from "../sql/helpers";

async function runCli(argv: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await sqlCommand(argv, { stdout: (t) => (out += t), stderr: (t) => (out += t) });
  return { code, out };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-sql-cli-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("the header row of a CSV and of a gzipped CSV", async () => {
  const plain = path.join(dir, "h.csv");
  fs.writeFileSync(plain, 'Client,"Order, id",Day,Total\n1,2,2011-01-01,3\n');
  expect(await readCsvHeaders(plain)).toEqual(["Client", "Order, id", "Day", "Total"]);
  expect(await readCsvHeaders(path.resolve(__dirname, "../../data/online_retail.csv.gz"))).toEqual([
    "InvoiceNo",
    "StockCode",
    "Description",
    "Quantity",
    "InvoiceDate",
    "UnitPrice",
    "CustomerID",
    "Country",
  ]);
  await expect(readCsvHeaders(path.join(dir, "missing.csv"))).rejects.toThrow(/File not found/);
});

test("bad arguments are usage errors", async () => {
  await expect(runCli([])).rejects.toThrow(/needs --dialect duckdb or --dialect postgres/);
  await expect(runCli(["--dialect", "oracle"])).rejects.toThrow(/--dialect must be duckdb or postgres/);
  await expect(runCli(["--dialect", "duckdb", "--scheme", "nope"])).rejects.toThrow(/Unknown scheme "nope"/);
  const orders = path.join(dir, "orders.csv");
  fs.writeFileSync(orders, "Client,Date,Total\nA,2011-01-01,3\n");
  // Order-level file: amount column, no invoice: fine. Without a date column: the engine's missing-column message.
  const ok = await runCli(["--dialect", "postgres", orders, "--table", "shop.orders"]);
  expect(ok.out).toContain('FROM "shop"."orders"');
  expect(ok.out).toContain('CAST("Total" AS DOUBLE PRECISION) AS price');
  fs.writeFileSync(orders, "Client,Total\nA,3\n");
  await expect(runCli(["--dialect", "postgres", orders])).rejects.toThrow(/Column "Invoice date" not found/);
});

test("help", async () => {
  const r = await runCli(["--help"]);
  expect(r.code).toBe(0);
  expect(r.out).toContain("Usage: rfm sql [FILE.csv] --dialect duckdb|postgres");
  expect(r.out).toContain("--table NAME");
});

test("without a file: Online Retail column names, table transactions, --out writes the file", async () => {
  const out = path.join(dir, "q.sql");
  const r = await runCli(["--dialect", "postgres", "--scheme", "tiers4", "--bins", "4", "--out", out]);
  expect(r.code).toBe(0);
  const sql = fs.readFileSync(out, "utf8");
  expect(sql).toContain('FROM "transactions"');
  expect(sql).toContain('"CustomerID"');
  expect(sql).toContain("scheme tiers4");
  expect(sql).toContain("4 bins");
});

test("rfm sql FILE --dialect duckdb: the query run on the file equals the engine", async () => {
  const file = onlineRetailSource();
  const r = await runCli([file, "--dialect", "duckdb", "--scheme", "tiers4"]);
  expect(r.code).toBe(0);
  expect(r.out).toContain("read_csv(");
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  try {
    const reader = await conn.runAndReadAll(asTextTimestamps(r.out, "VARCHAR"));
    const rows = reader.getRowObjectsJS().map((row) => toSqlCustomer(row as Record<string, unknown>));
    expect(differences(analyze(loadOnlineRetail(), { scheme: "tiers4" }), rows)).toEqual([]);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
});
