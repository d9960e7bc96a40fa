/**
 * `rfm sql`: argument handling, column names from a file's header row, and the printed DuckDB query run by DuckDB
 * on the file itself (read_csv) giving the engine's customers.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { DuckDBInstance } from "@duckdb/node-api";
import { analyze } from "../../src/rfm/analyze";
import { sqlCommand } from "../../src/cli/commands/sql";
import { readCsvHeaderRow, readCsvHeaders } from "../../src/cli/csvHeaders";
import type { Encoding } from "../../src/cli/encoding";
import { readInput } from "../../src/cli/readInput";
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

/**
 * The first rows of Online Retail with German column names, written in `encoding`: the unit price column is named
 * with characters that differ between Windows-1252 and Latin-1 ("Preis €") or are not ASCII ("Stückpreis"), and
 * descriptions get accented letters, so that a reader that takes the bytes for UTF-8 fails or misnames them.
 */
function germanOnlineRetail(
  file: string,
  encoding: "windows-1252" | "utf16le" | "utf16be",
  price: string,
  quotes = true,
): string {
  const text = zlib.gunzipSync(fs.readFileSync(path.resolve(__dirname, "../../data/online_retail.csv.gz"))).toString();
  const lines = text.split("\n").slice(0, 4001);
  lines[0] = `Rechnung,Artikel,Beschreibung,Menge,Datum,${price},Kunde,Land`;
  const body =
    lines
      .join("\n")
      .replace(/HEART/g, "HÉRZ")
      .replace(/CAKE/g, quotes ? "KUCHEN „süß“" : "KUCHEN süß") + "\n";
  const sep = encoding === "windows-1252" ? body : body.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/gm, "\t");
  const bytes =
    encoding === "windows-1252"
      ? iconv(sep, "windows-1252")
      : encoding === "utf16le"
        ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sep, "utf16le")])
        : Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(sep, "utf16le").swap16()]);
  fs.writeFileSync(file, bytes);
  return file;
}

/** `text` as Windows-1252 bytes (every character used here has one). */
function iconv(text: string, _encoding: "windows-1252"): Buffer {
  const special: Record<string, number> = { "€": 0x80, "„": 0x84, "“": 0x93 };
  return Buffer.from(
    [...text].map((c) => {
      const code = special[c] ?? c.charCodeAt(0);
      if (code > 0xff) throw new Error(`no Windows-1252 byte for ${c}`);
      return code;
    }),
  );
}

const GERMAN_MAP = ["--map", "customer=Kunde", "--map", "invoice=Rechnung", "--map", "date=Datum"];

/** Runs the printed query in DuckDB and compares it with the engine's analysis of the file as `rfm FILE` reads it. */
async function expectDuckdbEqualsEngine(file: string, price: string, extra: string[] = []): Promise<string> {
  const argv = [file, "--dialect", "duckdb", ...GERMAN_MAP, "--map", "quantity=Menge", "--map", `unitPrice=${price}`];
  const r = await runCli([...argv, ...extra]);
  expect(r.code).toBe(0);
  const mapping = { customer: "Kunde", invoice: "Rechnung", date: "Datum", quantity: "Menge", unitPrice: price };
  const read = await readInput(file, {
    mapping,
    encoding: extra[0] === "--encoding" ? (extra[1] as Encoding) : undefined,
  });
  const engine = analyze(read.table, { mapping });
  expect(engine.customers.length).toBeGreaterThan(50);
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  try {
    const reader = await conn.runAndReadAll(asTextTimestamps(r.out, "VARCHAR"));
    const rows = reader.getRowObjectsJS().map((row) => toSqlCustomer(row as Record<string, unknown>));
    expect(rows.length).toBe(engine.customers.length);
    expect(differences(engine, rows)).toEqual([]);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return r.out;
}

describe("rfm sql FILE in another encoding: headers read as rfm FILE reads them, DuckDB told the encoding", () => {
  test("Windows-1252 (not UTF-8): an umlaut in the header read as rfm FILE reads it, DuckDB told latin-1", async () => {
    const file = germanOnlineRetail(path.join(dir, "de-1252.csv"), "windows-1252", "Stückpreis", false);
    const row = await readCsvHeaderRow(file);
    expect(row.encoding).toBe("windows-1252");
    expect(row.headers[5]).toBe("Stückpreis");
    const sql = await expectDuckdbEqualsEngine(file, "Stückpreis");
    expect(sql).toContain("encoding = 'latin-1'");
  });

  test("Windows-1252 with € and curly quotes: headers right; DuckDB's latin-1 cannot read them, so the line is named", async () => {
    const file = germanOnlineRetail(path.join(dir, "de-euro.csv"), "windows-1252", "Preis €", true);
    expect((await readCsvHeaderRow(file)).headers[5]).toBe("Preis €");
    const argv = [file, "--dialect", "duckdb", ...GERMAN_MAP, "--map", "quantity=Menge", "--map", "unitPrice=Preis €"];
    await expect(runCli(argv)).rejects.toThrow(/is Windows-1252, and line 1 has "€" \(byte 0x80\).*iconv.*--table/);
    // Loaded into a table by the user, the column keeps its Windows-1252 name.
    const table = await runCli([...argv, "--table", "sales"]);
    expect(table.out).toContain('"Preis €"');
    // rfm FILE reads the quotes as the characters they are, not as control characters.
    const read = await readInput(file, {
      mapping: { unitPrice: "Preis €", customer: "Kunde", invoice: "Rechnung", date: "Datum", quantity: "Menge" },
      allColumns: true,
    });
    const descriptions = read.table.columns[read.table.headers.indexOf("Beschreibung")] as unknown[];
    expect(descriptions.some((d) => typeof d === "string" && d.includes("KUCHEN „süß“"))).toBe(true);
    expect(descriptions.some((d) => typeof d === "string" && /[\u0080-\u009f]/.test(d))).toBe(false);
  });

  test("Windows-1252 given with --encoding, an umlaut in the header", async () => {
    const file = germanOnlineRetail(path.join(dir, "de-umlaut.csv"), "windows-1252", "Stückpreis", false);
    expect((await readCsvHeaderRow(file, undefined, "windows-1252")).headers[5]).toBe("Stückpreis");
    const sql = await expectDuckdbEqualsEngine(file, "Stückpreis", ["--encoding", "windows-1252"]);
    expect(sql).toContain('"Stückpreis"');
  });

  test("UTF-16 LE with tabs (Excel's Unicode Text): headers found, DuckDB reads it as utf-16", async () => {
    const file = germanOnlineRetail(path.join(dir, "de-16le.txt"), "utf16le", "Stückpreis");
    const row = await readCsvHeaderRow(file);
    expect(row).toMatchObject({ encoding: "utf16le", delimiter: "\t" });
    expect(row.headers).toHaveLength(8);
    expect(row.headers[5]).toBe("Stückpreis");
    const sql = await expectDuckdbEqualsEngine(file, "Stückpreis");
    expect(sql).toContain("encoding = 'utf-16'");
  });

  test("UTF-16 BE: headers read, but DuckDB's read_csv cannot: a usage error says what to do", async () => {
    const file = germanOnlineRetail(path.join(dir, "de-16be.txt"), "utf16be", "Stückpreis");
    expect((await readCsvHeaderRow(file)).headers[5]).toBe("Stückpreis");
    const argv = [
      file,
      "--dialect",
      "duckdb",
      ...GERMAN_MAP,
      "--map",
      "quantity=Menge",
      "--map",
      "unitPrice=Stückpreis",
    ];
    await expect(runCli(argv)).rejects.toThrow(/UTF-16 BE, which DuckDB's read_csv cannot read.*--table/);
    // With a table as the source the query is fine.
    expect((await runCli([...argv, "--table", "sales"])).out).toContain('FROM "sales"');
  });
});
