/**
 * The default command's --compare-to, --segment, --value and --stream options, and the `sql` sub-command, run
 * through `main()` on the real data.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runMain } from "../helpers/cli";
import { parseCsv } from "../../src/cli/csv";
import { compareDate } from "../../src/cli/extras";
import { onlineRetailSource } from "../helpers/realData";
import type { ColumnTable } from "../../src/rfm/types";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-extras-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = runMain;

function column(table: ColumnTable, name: string): unknown[] {
  const i = table.headers.indexOf(name);
  if (i < 0) throw new Error(`no column ${name} in ${table.headers.join(",")}`);
  return table.columns[i];
}

test("compareDate: a date or a number of days before the snapshot", () => {
  const snap = Date.UTC(2011, 11, 10, 12, 50);
  expect(compareDate("90d", snap)).toBe(Date.UTC(2011, 8, 11, 12, 50));
  expect(compareDate("2011-09-01", snap)).toBe(Date.UTC(2011, 8, 1));
  expect(() => compareDate("last summer", snap)).toThrow(/--compare-to takes a date YYYY-MM-DD or a number of days/);
});

test("--compare-to 90d adds PreviousSegment and prints the migration", async () => {
  const out = path.join(dir, "migration.csv");
  const r = await run([onlineRetailSource(), "--compare-to", "90d", "--out", out]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const table = parseCsv(fs.readFileSync(out, "utf8"));
  expect(table.headers.slice(0, 8)).toEqual([
    "CustomerID",
    "Recency",
    "Frequency",
    "Monetary",
    "R",
    "F",
    "M",
    "Segment",
  ]);
  const prev = column(table, "PreviousSegment");
  const seg = column(table, "Segment");
  // Golden counts (test/rfm/migration.test.ts, checked by scripts/verify-migration-golden.py):
  // 962 customers are new; 182 went from loyal_customers to champions.
  expect(prev.filter((p) => p === "new").length).toBe(962);
  expect(prev.filter((p, i) => p === "loyal_customers" && seg[i] === "champions").length).toBe(182);
  expect(r.stdout).toContain("Migration  2011-09-11 12:50:00 → 2011-12-10 12:50:00: 3,376 customers then, 4,338 now");
  expect(r.stdout).toContain("308 new customers arrived as about_to_sleep");
  expect(r.stdout).toMatch(/from \\ to\s+hibernating/);
});

test("--segment writes a campaign list with Action and Country", async () => {
  const out = path.join(dir, "campaign.csv");
  const r = await run([onlineRetailSource(), "--segment", "champions", "--segment", "Loyal Customers", "--out", out]);
  expect(r.code).toBe(0);
  const table = parseCsv(fs.readFileSync(out, "utf8"));
  const seg = column(table, "Segment");
  expect(seg.length).toBe(633 + 827); // golden segment sizes of rf10 on Online Retail
  expect(new Set(seg)).toEqual(new Set(["champions", "loyal_customers"]));
  expect(table.headers).toContain("Action");
  expect(table.headers).toContain("Country");
  expect(r.stdout).toContain("Wrote 1,460 customers");
  const bad = await run([onlineRetailSource(), "--segment", "vip"]);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/Unknown segment "vip" for scheme rf10/);
});

test("--value adds the value columns (12346: 77,183.60 × 365 / 326 per year)", async () => {
  const out = path.join(dir, "value.csv");
  const r = await run([onlineRetailSource(), "--value", "--out", out]);
  expect(r.code).toBe(0);
  const table = parseCsv(fs.readFileSync(out, "utf8"));
  const ids = column(table, "CustomerID");
  const i = ids.indexOf(12346);
  expect(column(table, "HistoricalValuePerYear")[i]).toBeCloseTo((77183.6 * 365) / 326, 6);
  expect(column(table, "PurchaseIntervalDays")[i]).toBe(""); // one order
  expect(column(table, "AgeDays")[ids.indexOf(12347)]).toBe(365);
  expect(r.stdout).toContain("Value (AOV = Monetary / Frequency");
});

test("--stream writes the same file as the in-memory run; --compare-to cannot stream", async () => {
  const a = path.join(dir, "a.csv");
  const b = path.join(dir, "b.csv");
  expect((await run([onlineRetailSource(), "--out", a, "--quiet"])).code).toBe(0);
  expect((await run([onlineRetailSource(), "--stream", "--out", b, "--quiet"])).code).toBe(0);
  expect(fs.readFileSync(b, "utf8")).toBe(fs.readFileSync(a, "utf8"));
  const r = await run([onlineRetailSource(), "--stream", "--compare-to", "90d"]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/cannot be combined with --stream/);
});

test("rfm sql is registered", async () => {
  const r = await run(["sql", "--dialect", "duckdb"]);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^-- RFM segmentation \(DuckDB\): scheme rf10/);
  expect((await run(["sql"])).code).toBe(2);
});
