/**
 * Hostile and messy input through the real `rfm` entry (bin/rfm.js running lib/, rebuilt from src/ first): one small
 * fixture per case, written to a temp folder by the test. Long ids, encodings, dates, broken quotes, closed pipes.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DuckDBInstance } from "@duckdb/node-api";
import { CsvParser } from "../../src/cli/csv";
import { BIN, buildCli, spawnRfm } from "../helpers/cli";

let tmp: string;

beforeAll(() => {
  buildCli();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-hostile-"));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

const rfm = spawnRfm;

function fixture(name: string, content: string | Uint8Array): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
}

/** The customer table written to standard output, as rows of text cells (no quoted fields in these fixtures). */
function customerRows(stdout: string): string[][] {
  return stdout
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(","));
}

const HEADER = "CustomerID,InvoiceNo,InvoiceDate,Amount";

describe("5: long ids stay text end to end", () => {
  const cases: Array<{ name: string; rows: string[]; ids: string[]; frequency: Record<string, string> }> = [
    {
      name: "two 19-digit customers one apart stay two",
      rows: ["1234567890123456789,1,2011-01-01,10", "1234567890123456788,2,2011-01-02,20"],
      ids: ["1234567890123456788", "1234567890123456789"],
      frequency: { "1234567890123456789": "1", "1234567890123456788": "1" },
    },
    {
      name: "17-digit invoices one apart are two orders",
      rows: ["17850,12345678901234567,2011-01-01,10", "17850,12345678901234568,2011-01-02,20"],
      ids: ["17850"],
      frequency: { "17850": "2" },
    },
    {
      name: "17850.0 is 17850",
      rows: ["17850,1,2011-01-01,10", "17850.0,2,2011-01-02,20", "9007199254740993,3,2011-01-03,5"],
      ids: ["17850", "9007199254740993"],
      frequency: { "17850": "2", "9007199254740993": "1" },
    },
  ];

  test.each(cases)("$name", ({ name, rows, ids, frequency }) => {
    const file = fixture(`${name.replace(/\W+/g, "-")}.csv`, [HEADER, ...rows].join("\n") + "\n");
    const r = rfm(file, "--out", "-", "--snapshot", "2011-02-01");
    expect(r.status).toBe(0);
    const got = customerRows(r.stdout);
    expect(got.map((c) => c[0]).sort()).toEqual([...ids].sort());
    for (const c of got) expect(c[2]).toBe(frequency[c[0]]);
  });

  test("the CLI and `rfm sql` (DuckDB) agree on 19-digit ids", async () => {
    const file = fixture("long-sql.csv", [HEADER, ...cases[0].rows, ...cases[2].rows].join("\n") + "\n");
    const cli = rfm(file, "--out", "-", "--snapshot", "2011-02-01");
    expect(cli.status).toBe(0);
    const sql = rfm("sql", file, "--dialect", "duckdb", "--snapshot", "2011-02-01");
    expect(sql.status).toBe(0);
    const instance = await DuckDBInstance.create(":memory:");
    const conn = await instance.connect();
    try {
      const reader = await conn.runAndReadAll(sql.stdout);
      const rows = reader.getRowObjectsJS() as Array<Record<string, unknown>>;
      const fromSql = rows.map((row) => `${String(row.customer_id)}:${Number(row.frequency)}`).sort();
      const fromCli = customerRows(cli.stdout)
        .map((c) => `${c[0]}:${c[2]}`)
        .sort();
      expect(fromSql).toEqual(fromCli);
      expect(fromCli).toHaveLength(4);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});

describe("6: encodings", () => {
  const text = (sep: string): string =>
    [
      ["CustomerID", "InvoiceNo", "InvoiceDate", "Amount"],
      ["Zoë", "1", "2011-01-01", "10"],
      ["Zoé", "2", "2011-01-02", "20"],
    ]
      .map((r) => r.join(sep))
      .join("\r\n") + "\r\n";
  const utf16le = (t: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, "utf16le")]);
  const utf16be = (t: string): Buffer => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, "utf16le").swap16()]);
  const cases: Array<{ name: string; file: string; bytes: Buffer; args: string[]; warning: boolean }> = [
    {
      name: "UTF-16 LE by its BOM, tab-separated (Excel's Unicode Text)",
      file: "unicode.txt",
      bytes: utf16le(text("\t")),
      args: [],
      warning: false,
    },
    { name: "UTF-16 BE by its BOM", file: "be.csv", bytes: utf16be(text(",")), args: [], warning: false },
    {
      name: "invalid UTF-8 read as Windows-1252",
      file: "cp1252.csv",
      bytes: Buffer.from(text(","), "latin1"),
      args: [],
      warning: true,
    },
    {
      name: "invalid UTF-8 read as Windows-1252, streamed",
      file: "cp1252s.csv",
      bytes: Buffer.from(text(","), "latin1"),
      args: ["--stream"],
      warning: true,
    },
    {
      name: "--encoding latin1",
      file: "latin1.csv",
      bytes: Buffer.from(text(","), "latin1"),
      args: ["--encoding", "latin1"],
      warning: false,
    },
    {
      name: "--encoding utf16le, streamed",
      file: "le.csv",
      bytes: utf16le(text(",")),
      args: ["--encoding", "utf16le", "--stream"],
      warning: false,
    },
    { name: "UTF-8 stays UTF-8", file: "utf8.csv", bytes: Buffer.from(text(","), "utf8"), args: [], warning: false },
  ];

  test.each(cases)("$name: Zoë and Zoé stay two customers", ({ file, bytes, args, warning }) => {
    const r = rfm(fixture(file, bytes), "--out", "-", "--snapshot", "2011-02-01", ...args);
    expect(r.status).toBe(0);
    expect(
      customerRows(r.stdout)
        .map((c) => c[0])
        .sort(),
    ).toEqual(["Zoé", "Zoë"]);
    if (warning) expect(r.stderr).toMatch(/is not valid UTF-8 \(first at line 2\), so it was read as Windows-1252/);
    else expect(r.stderr).not.toMatch(/UTF-8/);
  });

  // Excel on Windows saves "CSV" in Windows-1252: a mapped header with an umlaut must be found however the file is
  // read, and the bytes 0x80-0x9F are Windows-1252's characters (’ “ ” €), not invisible control characters.
  const german =
    ["Kunde,Rechnung,Datum,Stückpreis", "O’Brien “Ltd”,1,2011-01-01,10", "Zoë,2,2011-01-02,20 €"].join("\r\n") + "\r\n";
  const cp1252 = Buffer.from(
    [...german].map((c) => ({ "’": 0x92, "“": 0x93, "”": 0x94, "€": 0x80 })[c] ?? c.charCodeAt(0)),
  );
  test.each([
    { how: "in one pass", args: [], env: {} },
    { how: "as a table first", args: [], env: { RFM_ONE_PASS: "0" } },
    { how: "streamed", args: ["--stream"], env: {} },
    { how: "in parallel", args: [], env: { RFM_PARALLEL_MIN_BYTES: "0" } },
    { how: "with --encoding windows-1252", args: ["--encoding", "windows-1252"], env: {} },
  ])("Windows-1252 with a mapped header Stückpreis, read $how: found, and ’ “ ” stay themselves", ({ args, env }) => {
    const file = fixture("german-1252.csv", cp1252);
    const r = spawnSync(
      process.execPath,
      [
        BIN,
        file,
        "--out",
        "-",
        "--snapshot",
        "2011-02-01",
        "--map",
        "customer=Kunde",
        "--map",
        "invoice=Rechnung",
        "--map",
        "date=Datum",
        "--map",
        "amount=Stückpreis",
        "--decimal",
        ".",
        ...args,
      ],
      { encoding: "utf8", env: { ...process.env, ...env } },
    );
    expect(r.stderr).not.toMatch(/not found/);
    expect(r.status).toBe(0);
    const ids = customerRows(r.stdout).map((c) => c[0]);
    expect(ids.sort()).toEqual(["O’Brien “Ltd”", "Zoë"]);
  });

  test("an unknown --encoding is a usage error", () => {
    const r = rfm(fixture("any.csv", text(",")), "--encoding", "ebcdic");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--encoding must be one of utf8, utf16le, utf16be, windows-1252, latin1/);
  });
});

describe("flags: --raw and --decimal", () => {
  test("formula-leading ids get a leading quote, --raw writes them as they are", () => {
    const file = fixture("formula.csv", `${HEADER}\n=1+2,1,2011-01-01,10\n@SUM(1),2,2011-01-02,20\n`);
    const safe = rfm(file, "--out", "-", "--snapshot", "2011-02-01");
    expect(safe.status).toBe(0);
    expect(
      customerRows(safe.stdout)
        .map((c) => c[0])
        .sort(),
    ).toEqual(["'=1+2", "'@SUM(1)"]);
    const raw = rfm(file, "--out", "-", "--snapshot", "2011-02-01", "--raw");
    expect(raw.status).toBe(0);
    expect(
      customerRows(raw.stdout)
        .map((c) => c[0])
        .sort(),
    ).toEqual(["=1+2", "@SUM(1)"]);
  });

  test("--decimal , reads 1.234,5 as 1234.5; a bad --decimal is a usage error", () => {
    const file = fixture(
      "euro.csv",
      "CustomerID;InvoiceNo;InvoiceDate;Amount\n1;1;2011-01-01;1.234,5\n2;2;2011-01-02;2,5\n",
    );
    const r = rfm(file, "--delimiter", ";", "--decimal", ",", "--out", "-", "--snapshot", "2011-02-01");
    expect(r.status).toBe(0);
    const money = Object.fromEntries(customerRows(r.stdout).map((c) => [c[0], Number(c[3])]));
    expect(money).toEqual({ "1": 1234.5, "2": 2.5 });
    const bad = rfm(file, "--decimal", "x");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--decimal must be "\." or ","/);
  });
});

describe("9: dates", () => {
  const base = ["1,1,2011-01-01,10", "2,2,2011-01-05,20", "3,3,2011-01-09,30"];
  const cases: Array<{
    name: string;
    rows: string[];
    args: string[];
    status: number;
    stderr?: RegExp;
    stdout?: RegExp;
  }> = [
    {
      name: "a year before 1900 is an unreadable date",
      rows: [...base, "4,4,0000-01-01,5", "5,5,1899-12-31,5"],
      args: [],
      status: 0,
      stdout: /2 rows were left out because the date in column "InvoiceDate" cannot be read \(rows 5, 6\)/,
    },
    {
      name: "a date after today is named",
      rows: [...base, "4,4,2099-01-01,5"],
      args: [],
      status: 0,
      stdout: /1 row is dated after today \(\d{4}-\d\d-\d\d\) \(row 5; latest 2099-01-01\)/,
    },
    {
      name: "a date more than a year after 99.9% of the data is named",
      rows: [...Array.from({ length: 1200 }, (_, i) => `${i},${i},2011-01-0${1 + (i % 9)},10`), "x,y,2015-06-01,5"],
      args: [],
      status: 0,
      stdout: /1 row is dated more than a year after 2011-01-09, when 99.9% of the data ends \(row 1202;/,
    },
    {
      name: "--compare-to on the snapshot is an error",
      rows: base,
      args: ["--snapshot", "2011-02-01", "--compare-to", "2011-02-01"],
      status: 2,
      stderr: /--compare-to 2011-02-01 is on or after the snapshot date 2011-02-01/,
    },
    {
      name: "--compare-to after the snapshot is an error",
      rows: base,
      args: ["--compare-to", "2012-01-01"],
      status: 2,
      stderr: /--compare-to 2012-01-01 is on or after the snapshot date/,
    },
    {
      name: "a --snapshot before the first purchase is an error",
      rows: base,
      args: ["--snapshot", "2010-12-01"],
      status: 2,
      stderr: /snapshot date 2010-12-01 00:00:00 is before the first purchase in the data \(2011-01-01 00:00:00\)/,
    },
    {
      name: "a snapshot after the data's end (today) stays normal",
      rows: base,
      args: ["--snapshot", new Date().toISOString().slice(0, 10)],
      status: 0,
    },
  ];

  test.each(cases)("$name", ({ name, rows, args, status, stderr, stdout }) => {
    const file = fixture(`${name.replace(/\W+/g, "-")}.csv`, [HEADER, ...rows].join("\n") + "\n");
    const r = rfm(file, ...args);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status, stderr: status === 0 ? "" : expect.anything() });
    if (stderr) expect(r.stderr).toMatch(stderr);
    if (stdout) expect(r.stdout).toMatch(stdout);
    if (status === 0 && !stdout) expect(r.stdout).not.toMatch(/dated (after today|more than a year)/);
  });
});

describe("11: an unterminated quote", () => {
  test("is reported with the line where the quote opened, with and without --stream", () => {
    const file = fixture("open-quote.csv", `${HEADER}\n1,1,2011-01-01,10\n2,"2,2011-01-02,20\n3,3,2011-01-03,30\n`);
    for (const extra of [[], ["--stream"]]) {
      const r = rfm(file, ...extra);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/Unterminated quoted field/);
      expect(r.stderr).toMatch(/opens this field on line 3/);
    }
  });

  test("costs time linear in the input when streamed (pushed in chunks)", () => {
    const time = (mb: number): number => {
      const body = new Uint8Array(mb << 20).fill(120);
      const t0 = performance.now();
      const p = new CsvParser();
      p.push(`${HEADER}\n1,1,2011-01-01,10\n2,"`);
      for (let i = 0; i < body.length; i += 1 << 16) p.push(body.subarray(i, i + (1 << 16)));
      expect(() => p.end()).toThrow(/line 3/);
      return performance.now() - t0;
    };
    time(2); // warm-up
    const small = time(4);
    const large = time(32);
    // Eight times the input: a quadratic reader takes ~64 times as long; a linear one ~8 (generous margin for noise).
    expect(large).toBeLessThan(small * 24 + 200);
  });
});

describe("12: a closed pipe", () => {
  test("rfm --out - | head -1 ends quietly with exit 0", () => {
    const rows = [HEADER];
    for (let i = 0; i < 20000; i++) rows.push(`${1000 + i},${i},2011-01-01,${i % 50}`);
    const file = fixture("many.csv", rows.join("\n") + "\n");
    // bash: the exit status of rfm itself, not of head.
    const r = spawnSync(
      "bash",
      ["-c", `"$0" "$1" "$2" --out - --quiet | head -1; exit \${PIPESTATUS[0]}`, process.execPath, BIN, file],
      {
        encoding: "utf8",
      },
    );
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^CustomerID,/);
    expect(r.stderr).toBe("");
  });
});
