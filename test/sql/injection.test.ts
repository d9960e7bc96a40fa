/**
 * Every text that reaches the generated SQL (scheme id and name, segment labels, column and table names, the data's
 * ids) stays data: a fuzz test generates hostile texts, and DuckDB must see exactly one statement that runs and
 * returns the hostile ids and labels unchanged, while a sentinel table survives.
 */
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import fc from "fast-check";
import { commentText, generateSql } from "../../src/rfm/sql";
import type { Scheme } from "../../src/rfm/types";

let instance: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:");
  conn = await instance.connect();
  await conn.run("CREATE TABLE important (x INTEGER); INSERT INTO important VALUES (42)");
});

afterAll(() => {
  conn?.closeSync();
  instance?.closeSync();
});

/** Text made of the characters that matter to SQL and comments, mixed with letters. */
const hostileText = fc
  .array(
    fc.constantFrom(
      "\n",
      "\r",
      "\u2028",
      "\u0085",
      "--",
      "/*",
      "*/",
      "'",
      '"',
      ";",
      "\\",
      "DROP TABLE important;",
      "x",
      "é",
      " ",
      "$$",
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((parts) => parts.join(""));

/** Hostile text inside letters, since the engine rightly trims names and refuses blank ones. */
const padded = hostileText.map((t) => "a" + t + "z");

function q(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
function lit(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

async function statementCount(sql: string): Promise<number> {
  return (await conn.extractStatements(sql)).count;
}

test("the documented attack stays inside the header comment", async () => {
  const scheme: Scheme = {
    id: "x\nDROP TABLE important;\n--",
    name: "n\r\nDROP TABLE important;",
    exclusive: false,
    rules: [{ label: "all", description: "", action: "" }],
  };
  await conn.run(`CREATE OR REPLACE TABLE sales AS SELECT 'c1' AS cid, TIMESTAMP '2011-01-01' AS d, 5.0 AS amt`);
  const sql = generateSql("duckdb", { table: "sales", mapping: { customer: "cid", date: "d", amount: "amt" }, scheme });
  expect(await statementCount(sql)).toBe(1);
  await conn.run(sql);
  const left = await conn.runAndReadAll("SELECT x FROM important");
  expect(left.getRowsJS()).toEqual([[42]]);
  expect(commentText("a\nb\r\nc\u2028d")).toBe("a b c d");
});

test("fuzz: hostile ids, labels, names, columns and table names give one statement that keeps them as data", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        id: padded,
        name: padded,
        label: padded,
        customerColumn: padded,
        tableName: hostileText.filter((t) => !t.includes(".") && t.trim() !== ""),
        customerIds: fc.uniqueArray(
          hostileText.map((t) => t.trim()).filter((t) => t !== ""),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
      }),
      async ({ id, name, label, customerColumn, tableName, customerIds }) => {
        const table = tableName.trim();
        const rows = customerIds.map(
          (c, i) =>
            `SELECT ${lit(c)} AS ${q(customerColumn)}, ` +
            `TIMESTAMP '2011-01-0${1 + (i % 9)}' AS d, ${i + 1}.5 AS amt`,
        );
        await conn.run(`CREATE OR REPLACE TABLE ${q(table)} AS ${rows.join(" UNION ALL ")}`);
        const scheme: Scheme = { id, name, exclusive: false, rules: [{ label, description: "", action: "" }] };
        const sql = generateSql("duckdb", {
          table,
          mapping: { customer: customerColumn, date: "d", amount: "amt" },
          scheme,
        });
        expect(await statementCount(sql)).toBe(1);
        const result = (await conn.runAndReadAll(sql)).getRowObjectsJS();
        expect(result.map((r) => r.customer_id).sort()).toEqual([...customerIds].sort());
        for (const r of result) expect(r.segment).toBe(label);
        const left = await conn.runAndReadAll("SELECT x FROM important");
        expect(left.getRowsJS()).toEqual([[42]]);
      },
    ),
    { numRuns: 60 },
  );
});

test("null-like ids and Excel error codes are missing ids in SQL as in the engine", async () => {
  const ids = ["A", "nan", "NULL", "N/A", "#N/A", "None", "-", "#VALUE!", "na", "B"];
  const rows = ids.map((id, i) => `SELECT ${lit(id)} AS cid, TIMESTAMP '2011-01-0${1 + (i % 9)}' AS d, 5.0 AS amt`);
  await conn.run(`CREATE OR REPLACE TABLE nulls AS ${rows.join(" UNION ALL ")}`);
  const sql = generateSql("duckdb", { table: "nulls", mapping: { customer: "cid", date: "d", amount: "amt" } });
  const result = (await conn.runAndReadAll(sql)).getRowObjectsJS();
  expect(result.map((r) => r.customer_id)).toEqual(["A", "B"]);
});
