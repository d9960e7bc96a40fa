/**
 * The `rfm` command end to end: the real bin/rfm.js is spawned (running lib/, rebuilt from src/ before the tests,
 * as `npm install` does), on hand-made fixtures, an .xlsx written here with exceljs, and the real data.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import ExcelJS from "exceljs";
import { parseCsv } from "../../src/cli/csv";
import { parseArgs, UsageError } from "../../src/cli/args";
import { EMBEDDED_ONLINE_RETAIL } from "../../src/cli/dataFiles";
import { analyze } from "../../src/rfm";
import { loadOnlineRetail, loadOrders, onlineRetailSource, ordersSource } from "../helpers/realData";
import { ROOT, buildCli, spawnRfm, type Run } from "../helpers/cli";

const FIX = path.join(ROOT, "test", "fixtures", "cli");
const HEADER8 = "CustomerID,Recency,Frequency,Monetary,R,F,M,Segment";

let tmp: string;

beforeAll(() => {
  buildCli();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-cli-"));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

const rfm = spawnRfm;

function out(name: string): string {
  return path.join(tmp, name);
}

/** Files in the temp folder whose name contains `part` (temporary files of the atomic write included). */
function leftovers(part: string): string[] {
  return fs.readdirSync(tmp).filter((f) => f.includes(part));
}

function expectInputError(r: Run, pattern: RegExp): void {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe("");
  const lines = r.stderr.split("\n").filter((l) => l !== "");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^rfm: /);
  expect(lines[0]).toMatch(pattern);
}

describe("argument parsing", () => {
  test("values, inline values, repeated --map, flags", () => {
    const o = parseArgs([
      "orders.csv",
      "--preset",
      "r-rfm",
      "--snapshot=2006-12-31",
      "--map",
      "customer=Client",
      "--map",
      "amount=Total",
      "--keep-cancelled",
      "--drop-negative-quantity",
      "-o",
      "c.csv",
    ]);
    expect(o.positionals).toEqual(["orders.csv"]);
    expect(o.preset).toBe("r-rfm");
    expect(o.snapshot).toBe("2006-12-31");
    expect(o.mapping).toEqual({ customer: "Client", amount: "Total" });
    expect(o.cleaning).toEqual({ dropCancelledInvoices: false, dropNegativeQuantity: true });
    expect(o.out).toBe("c.csv");
  });

  test("cut-points imply fixed scoring and must come as a full set", () => {
    const o = parseArgs(["--cuts-r", "30,90,180,365", "--cuts-f", "1,2,4,8", "--cuts-m", "100,500,1000,5000"]);
    expect(o.scoring).toBe("fixed");
    expect(o.cuts.recency).toEqual([30, 90, 180, 365]);
    expect(() => parseArgs(["--cuts-r", "30,90,180,365"])).toThrow(/all three metrics/);
    expect(() => parseArgs(["--cuts-r", "30,x"])).toThrow(/comma-separated numbers/);
    expect(() => parseArgs(["--cuts-r", "1,2,3,4", "--scoring", "rank"])).toThrow(/--scoring fixed/);
  });

  test.each([
    [["--bins", "11"], /--bins must be a whole number from 2 to 10/],
    [["--bins", "2.5"], /--bins/],
    [["--preset", "sas"], /--preset must be one of pandas, r-rfm/],
    [["--scoring", "kmeans"], /--scoring must be one of/],
    [["--map", "shoe=Size"], /--map takes FIELD=Header/],
    [["--out"], /Option --out needs a value/],
    [["--quiet=yes"], /is a flag/],
    [["--nope"], /Unknown option --nope/],
    [["--date-order", "ymd"], /--date-order must be one of/],
  ])("%j is a usage error", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

describe("start-up", () => {
  /** What a run of lib/cli/main.js printed and the project modules it loaded (relative to lib/), once finished. */
  function loadedBy(...args: string[]): { code: number; out: string; mods: string[] } {
    const script = [
      `const path = require("path"); const lib = path.join(${JSON.stringify(ROOT)}, "lib");`,
      `const out = []; process.stdout.write = (t) => (out.push(String(t)), true);`,
      `require(path.join(lib, "cli", "main.js")).main(${JSON.stringify(args)}).then((code) => {`,
      `  const mods = Object.keys(require.cache).filter((f) => f.startsWith(lib)).map((f) => path.relative(lib, f));`,
      `  process.stderr.write(JSON.stringify({ code, out: out.join(""), mods: mods.sort() }));`,
      `});`,
    ].join("\n");
    const r = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
    return JSON.parse(r.stderr) as { code: number; out: string; mods: string[] };
  }

  const READERS = ["csv.js", "stream.js", "readInput.js", "dataFiles.js"].map((f) => path.join("cli", f));
  const engine = (mods: string[]): string[] => mods.filter((m) => m.startsWith("rfm" + path.sep));

  test.each([
    ["--version", /^rfm \d+\.\d+\.\d+\n$/],
    ["--help", /^Usage: rfm /],
  ])("%s loads neither the readers nor the engine", (flag, printed) => {
    const run = loadedBy(flag);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(printed);
    expect(run.mods).toContain(path.join("cli", "args.js"));
    expect(engine(run.mods)).toEqual([]);
    expect(run.mods.filter((m) => READERS.includes(m))).toEqual([]);
  });

  test("an analysis does load them (the check above can fail)", () => {
    const run = loadedBy(path.join(FIX, "small.csv"), "--quiet", "--out", out("startup.csv"));
    expect(run.code).toBe(0);
    expect(engine(run.mods)).toContain(path.join("rfm", "analysis.js"));
    expect(run.mods.filter((m) => READERS.includes(m)).length).toBeGreaterThan(0);
  });
});

describe("bad input: exit status 2, one line on stderr, no output file", () => {
  test("missing file", () => {
    const r = rfm(path.join(FIX, "nope.csv"), "--out", out("missing.csv"));
    expectInputError(r, /File not found: .*nope\.csv/);
    expect(leftovers("missing")).toEqual([]);
  });

  test("missing column names the field and the headers found", () => {
    const r = rfm(path.join(FIX, "no-customer.csv"), "--out", out("nocol.csv"));
    expectInputError(
      r,
      /Column "Customer ID" not found .*Headers found: InvoiceNo, Quantity, InvoiceDate, UnitPrice, Country\./,
    );
    expect(leftovers("nocol")).toEqual([]);
  });

  test("an explicit --map to a header that is not there", () => {
    const r = rfm(path.join(FIX, "small.csv"), "--map", "customer=Client", "--out", out("map.csv"));
    expectInputError(r, /Column "Client" \(chosen for Customer ID\) not found/);
    expect(leftovers("map")).toEqual([]);
  });

  test("unknown scheme, and a missing scheme file", () => {
    expectInputError(
      rfm(path.join(FIX, "small.csv"), "--scheme", "vip", "--out", out("s.csv")),
      /Unknown scheme "vip"/,
    );
    expectInputError(rfm(path.join(FIX, "small.csv"), "--scheme", "none.json"), /Scheme file not found: none\.json/);
    expect(leftovers("s.csv")).toEqual([]);
  });

  test("ragged CSV names the file, row and line", () => {
    const r = rfm(path.join(FIX, "ragged.csv"), "--out", out("ragged.csv"));
    expectInputError(r, /ragged\.csv: Row 3 \(line 3\) has 4 fields, but the header row has 5/);
    expect(leftovers("ragged")).toEqual([]);
  });

  test("empty file, header-only file, bad option, bad snapshot, unsupported type", () => {
    fs.writeFileSync(out("empty.csv"), "");
    expectInputError(rfm(out("empty.csv")), /empty\.csv: The CSV file is empty/);
    fs.writeFileSync(out("header.csv"), "InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n");
    expectInputError(rfm(out("header.csv")), /header row but no data rows/);
    expectInputError(rfm(path.join(FIX, "small.csv"), "--bins", "12"), /--bins/);
    expectInputError(rfm(path.join(FIX, "small.csv"), "--snapshot", "someday"), /Snapshot date "someday"/);
    fs.writeFileSync(out("data.json"), "{}");
    expectInputError(rfm(out("data.json")), /unsupported file type "\.json"/);
  });

  test("an output folder that does not exist", () => {
    const r = rfm(path.join(FIX, "small.csv"), "--out", path.join(tmp, "no-such-folder", "c.csv"));
    expectInputError(r, /Cannot write .*c\.csv: the folder .*no-such-folder does not exist\./);
  });

  test("a failing run leaves an existing output file untouched", () => {
    const target = out("keep.csv");
    fs.writeFileSync(target, "previous results\n");
    const r = rfm(path.join(FIX, "ragged.csv"), "--out", target);
    expect(r.status).toBe(2);
    expect(fs.readFileSync(target, "utf8")).toBe("previous results\n");
    expect(leftovers("keep")).toEqual(["keep.csv"]);
  });
});

/**
 * small.csv worked by hand. Cleaning drops row 5 (C1003, cancellation), row 6 (price 0) and row 8 (no customer).
 * Snapshot = latest invoice 2011-04-02 10:00 + 1 day = 2011-04-03 10:00. Per customer (Recency floor days):
 *   100: invoices 1001 (2×3.5 + 10 = 17) and 1007 (10×1.25 = 12.5): F 2, M 29.5, last 04-01 10:00 → R 2 days
 *   200: 1002 (4×3.5 = 14): F 1, M 14, last 03-01 12:30 → 32 days 21.5 h → 32
 *   300: 1005 (3×10 = 30): F 1, M 30, last 03-20 15:45 → 13
 *   400: 1008 (25): F 1, M 25, last 04-02 10:00 → 1
 * Scores (numpy linear percentiles at 0, 20, ..., 100 %, right-closed bins):
 *   R on [1, 2, 13, 32]: edges 1, 1.6, 4.2, 10.8, 20.6, 32 → 1→bin1, 2→bin2, 13→bin4, 32→bin5; labels reversed
 *     → R: 400=5, 100=4, 300=2, 200=1
 *   F on rank(first) with ties by id: 200→1, 300→2, 400→3, 100→4; edges 1, 1.6, 2.2, 2.8, 3.4, 4
 *     → F: 200=1, 300=2, 400=4, 100=5
 *   M on [14, 25, 29.5, 30]: edges 14, 20.6, 25.9, 28.6, 29.7, 30 → M: 200=1, 400=2, 100=4, 300=5
 * rf10: 100 R4 F5 loyal_customers; 200 R1 F1 hibernating; 300 R2 F2 hibernating; 400 R5 F4 champions.
 */
const SMALL_EXPECTED = [
  "CustomerID,Recency,Frequency,Monetary,R,F,M,Segment,RFM,Score,FirstPurchase,LastPurchase,Country,SegmentName",
  "100,2,2,29.5,4,5,4,loyal_customers,454,13,2011-01-10 09:00:00,2011-04-01 10:00:00,United Kingdom,Loyal Customers",
  "200,32,1,14,1,1,1,hibernating,111,3,2011-03-01 12:30:00,2011-03-01 12:30:00,France,Hibernating",
  "300,13,1,30,2,2,5,hibernating,225,9,2011-03-20 15:45:00,2011-03-20 15:45:00,Germany,Hibernating",
  "400,1,1,25,5,4,2,champions,542,11,2011-04-02 10:00:00,2011-04-02 10:00:00,Spain,Champions",
];

describe("a small file worked by hand", () => {
  test("customers CSV and the printed summary", () => {
    const target = out("small-out.csv");
    const r = rfm(path.join(FIX, "small.csv"), "--out", target);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const lines = fs.readFileSync(target, "utf8").split("\n");
    expect(lines[0].startsWith(HEADER8 + ",")).toBe(true);
    expect(lines.slice(0, -1)).toEqual(SMALL_EXPECTED);
    expect(lines[lines.length - 1]).toBe("");
    expect(leftovers("small-out")).toEqual(["small-out.csv"]);

    expect(r.stdout).toMatch(/Rows {7}9 read, 6 used → 4 customers/);
    expect(r.stdout).toMatch(/Snapshot {3}2011-04-03 10:00:00 \(latest purchase \+ 1 day\)/);
    expect(r.stdout).toMatch(/Rows without a customer id +1 +8\n/);
    expect(r.stdout).toMatch(/Cancellations \(invoice number starting with "C"\) +1 +5\n/);
    expect(r.stdout).toMatch(/Rows with a unit price of 0 or less +1 +6\n/);
    // Segment table: hibernating has customers 200 and 300 (revenue 44 of 98.5)
    expect(r.stdout).toMatch(/hibernating +2 +50\.0% +44\.00 +44\.7% +22\.5 +1\.0 +22\.00/);
    expect(r.stdout).toMatch(/Wrote 4 customers to .*small-out\.csv\./);
  });

  test("--map amount= switches the amount column off: Monetary is Quantity × UnitPrice again", () => {
    // small.csv plus an order-level "Total" column (an Amount alias) of 1000 on every row.
    const lines = fs.readFileSync(path.join(FIX, "small.csv"), "utf8").trim().split("\n");
    const withTotal = lines.map((l, i) => `${l},${i === 0 ? "Total" : 1000}`).join("\n") + "\n";
    fs.writeFileSync(out("total.csv"), withTotal);
    const monetary = (r: Run) =>
      r.stdout
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => l.split(",").slice(0, 4).join(","));
    // By the aliases, Total is the amount: 100 has 3 kept rows, 200 one, 300 two (the 0 price is an amount rule
    // for lines only), 400 one.
    const aliased = rfm(out("total.csv"), "--out", "-");
    expect(aliased.status).toBe(0);
    expect(monetary(aliased)).toEqual(["100,2,2,3000", "200,32,1,1000", "300,13,2,2000", "400,1,1,1000"]);
    // Switched off: the hand-worked Quantity × UnitPrice figures above; country off drops the Country column.
    const off = rfm(out("total.csv"), "--map", "amount=", "--map", "country=", "--out", "-");
    expect(off.status).toBe(0);
    expect(monetary(off)).toEqual(["100,2,2,29.5", "200,32,1,14", "300,13,1,30", "400,1,1,25"]);
    expect(off.stdout.split("\n")[0]).toBe(SMALL_EXPECTED[0].replace(",Country", ""));
    expect(parseArgs(["--map", "amount="]).mapping).toEqual({ amount: "" });
    // Switching off a required field is the engine's clear error.
    expectInputError(
      rfm(out("total.csv"), "--map", "customer=", "--out", out("cust-off.csv")),
      /Column "Customer ID" is switched off in the column mapping/,
    );
    expect(leftovers("cust-off")).toEqual([]);
  });

  test("--snapshot moves Recency; --out - writes the CSV to stdout and the summary to stderr", () => {
    const r = rfm(path.join(FIX, "small.csv"), "--snapshot", "2011-04-10", "--out", "-");
    expect(r.status).toBe(0);
    const rows = r.stdout.trim().split("\n");
    expect(rows[0]).toBe(SMALL_EXPECTED[0]);
    // 100: 04-01 10:00 → 04-10 00:00 = 8 d 14 h; 200: 39 d 11.5 h; 300: 20 d 8.25 h; 400: 7 d 14 h
    expect(rows.slice(1).map((l) => l.split(",").slice(0, 2).join(","))).toEqual([
      "100,8",
      "200,39",
      "300,20",
      "400,7",
    ]);
    expect(r.stderr).toMatch(/Snapshot {3}2011-04-10 00:00:00\n/);
  });

  test("cleaning flags change what is counted", () => {
    const r = rfm(path.join(FIX, "small.csv"), "--keep-cancelled", "--keep-nonpositive-price", "--out", "-", "-q");
    expect(r.status).toBe(0);
    const rows = parseCsv(r.stdout);
    const id = rows.columns[0];
    const freq = rows.columns[2];
    const money = rows.columns[3];
    // 200 gains C1003 (-1 × 3.5): 2 invoices, 10.5; 300 gains 1004 (price 0): 2 invoices, still 30
    expect(freq[id.indexOf(200)]).toBe(2);
    expect(money[id.indexOf(200)]).toBe(10.5);
    expect(freq[id.indexOf(300)]).toBe(2);
    expect(money[id.indexOf(300)]).toBe(30);
  });

  test("gzipped CSV gives the same output", () => {
    const gz = out("small.csv.gz");
    fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(path.join(FIX, "small.csv"))));
    const r = rfm(gz, "--out", "-", "--quiet");
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n").slice(0, -1)).toEqual(SMALL_EXPECTED);
  });

  test("a scheme JSON file", () => {
    const scheme = {
      id: "two",
      name: "Two tiers",
      rules: [{ label: "Recent", r: [4, 5], description: "Bought lately", action: "Thank" }],
      fallback: "Older",
    };
    fs.writeFileSync(out("two.json"), JSON.stringify(scheme));
    const r = rfm(path.join(FIX, "small.csv"), "--scheme", out("two.json"), "--out", "-", "-q");
    expect(r.status).toBe(0);
    const t = parseCsv(r.stdout);
    expect(t.columns[7]).toEqual(["Recent", "Older", "Older", "Recent"]);
  });
});

describe(".xlsx input", () => {
  let book: string;

  beforeAll(async () => {
    // The same rows as small.csv, with real date cells, in the second sheet; the first sheet is blank.
    const text = fs.readFileSync(path.join(FIX, "small.csv"), "utf8");
    const t = parseCsv(text);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Blank");
    const ws = wb.addWorksheet("Sales");
    ws.addRow(t.headers);
    const n = t.columns[0].length;
    for (let i = 0; i < n; i++) {
      const row = t.columns.map((c) => c[i]);
      const m = /^(\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+)$/.exec(String(row[4]));
      if (!m) throw new Error("fixture date");
      // exceljs stores the wall clock in a Date's UTC fields
      row[4] = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) as unknown as string;
      ws.addRow(row);
    }
    ws.getColumn(5).numFmt = "yyyy-mm-dd hh:mm:ss";
    book = out("small.xlsx");
    await wb.xlsx.writeFile(book);
  });

  test("--sheet picks the data sheet; output equals the CSV run", () => {
    const r = rfm(book, "--sheet", "Sales", "--out", out("xlsx-out.csv"));
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(fs.readFileSync(out("xlsx-out.csv"), "utf8").split("\n").slice(0, -1)).toEqual(SMALL_EXPECTED);
    expect(r.stdout).toMatch(/Excel, sheet "Sales"/);
  });

  test("the first sheet is empty: exit 2 naming it", () => {
    expectInputError(rfm(book, "--out", out("xlsx-empty.csv")), /Sheet "Blank" is empty/);
    expect(leftovers("xlsx-empty")).toEqual([]);
  });

  test("a workbook whose sheet comes before workbook.xml in the zip (as openpyxl writes it) keeps its tab name", () => {
    // sheet-first.xlsx: the rows of small.csv (dates as serial numbers, text as inline strings), the sheet's XML
    // first in the zip and an absolute relationship target, like the shared online_retail.xlsx.
    const file = path.join(FIX, "sheet-first.xlsx");
    const r = rfm(file, "--out", out("sheet-first.csv"));
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Excel, sheet "Transactions 2011"/);
    expect(fs.readFileSync(out("sheet-first.csv"), "utf8").split("\n").slice(0, -1)).toEqual(SMALL_EXPECTED);
    expect(rfm(file, "--sheet", "Transactions 2011", "--out", "-", "-q").stdout.split("\n").slice(0, -1)).toEqual(
      SMALL_EXPECTED,
    );
  });

  test("an unknown sheet lists the sheets", () => {
    expectInputError(
      rfm(book, "--sheet", "2012"),
      /Sheet "2012" not found in .*small\.xlsx; its sheets are "Blank", "Sales"\./,
    );
  });
});

describe("the real data", () => {
  test("Online Retail: the CLI's customers are analyze()'s, one row each, Monetary at full precision", () => {
    const target = out("retail.csv");
    const r = rfm(onlineRetailSource(), "--out", target);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const text = fs.readFileSync(target, "utf8");
    const lines = text.split("\n");
    expect(lines[0].startsWith(HEADER8 + ",")).toBe(true);
    const cli = parseCsv(text);

    const table = loadOnlineRetail();
    const result = analyze(table);
    expect(cli.columns[0]).toHaveLength(result.customers.length);

    // Independently of the engine: customers with at least one line that has an id, is not a "C" invoice and has a
    // positive price (the default cleaning).
    const [inv, , , , , price, cust] = table.columns;
    const ids = new Set<string>();
    for (let i = 0; i < inv.length; i++) {
      if (cust[i] === "" || String(inv[i]).startsWith("C") || !((price[i] as number) > 0)) continue;
      ids.add(String(cust[i]));
    }
    expect(ids.size).toBe(4338);
    expect(new Set(cli.columns[0].map(String))).toEqual(ids);

    result.customers.forEach((c, k) => {
      const fields = lines[k + 1].split(",");
      expect(fields[0]).toBe(c.id);
      expect(fields.slice(1, 8)).toEqual([
        String(c.recency),
        String(c.frequency),
        String(c.monetary),
        String(c.r),
        String(c.f),
        String(c.m),
        c.segment,
      ]);
      expect(Number(fields[3])).toBe(c.monetary); // shortest round-trip text reads back as the same double
    });
    expect(r.stdout).toMatch(/541,909 read, 397,884 used → 4,338 customers/);
    expect(r.stdout).toMatch(/Rows without a customer id +135,080 /);
  });

  const orders = ordersSource();
  (orders ? test : test.skip)("R rfm preset on the order-level data: metrics checked against the raw orders", () => {
    const r = rfm(orders as string, "--preset", "r-rfm", "--snapshot", "2006-12-31", "--out", out("orders-out.csv"));
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const cli = parseCsv(fs.readFileSync(out("orders-out.csv"), "utf8"));
    expect(cli.headers.slice(0, 8).join(",")).toBe(HEADER8);

    // Per customer from the raw rows: orders, revenue, last order date.
    const raw = loadOrders();
    if (!raw) throw new Error("orders data disappeared");
    const [who, when, revenue] = raw.columns;
    const agg = new Map<string, { n: number; sum: number; last: string }>();
    for (let i = 0; i < who.length; i++) {
      const a = agg.get(String(who[i])) ?? { n: 0, sum: 0, last: "" };
      a.n++;
      a.sum += revenue[i] as number;
      if (String(when[i]) > a.last) a.last = String(when[i]);
      agg.set(String(who[i]), a);
    }
    expect(agg.size).toBe(995);
    expect(cli.columns[0]).toHaveLength(995);
    const snapshot = Date.UTC(2006, 11, 31);
    const labels = new Set([
      "Champions",
      "Potential Loyalist",
      "Loyal Customers",
      "Promising",
      "New Customers",
      "Can't Lose Them",
      "At Risk",
      "Need Attention",
      "About To Sleep",
      "Lost",
      "Others",
    ]);
    for (let k = 0; k < 995; k++) {
      const a = agg.get(String(cli.columns[0][k]));
      expect(a).toBeDefined();
      const [y, m, d] = (a as { last: string }).last.split("-").map(Number);
      expect(cli.columns[1][k]).toBe((snapshot - Date.UTC(y, m - 1, d)) / 86400000);
      expect(cli.columns[2][k]).toBe(a?.n);
      expect(cli.columns[3][k]).toBe(a?.sum);
      expect(labels.has(String(cli.columns[7][k]))).toBe(true);
    }
  });

  test("no file: the bundled data", () => {
    const r = rfm("--quiet", "--stats");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    const stats = JSON.parse(r.stderr.replace(/^rfm-stats /, "")) as Record<string, number>;
    expect(stats.rowsRead).toBe(541909);
    expect(stats.customers).toBe(4338);
  });

  test("--stats: the run's phases, each measured, within the run's total", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-phases-"));
    try {
      const csv = path.join(dir, "orders.csv");
      fs.writeFileSync(csv, zlib.gunzipSync(fs.readFileSync(EMBEDDED_ONLINE_RETAIL)));
      const r = rfm(csv, "--quiet", "--stats");
      expect(r.status).toBe(0);
      const stats = JSON.parse(r.stderr.replace(/^rfm-stats /, "")) as {
        totalMs: number;
        phases: Record<string, number>;
      };
      const names = ["startup", "read", "parse", "clean", "aggregate", "score", "write"];
      expect(Object.keys(stats.phases)).toEqual(names);
      for (const name of names) expect(stats.phases[name]).toBeGreaterThan(0);
      const sum = names.reduce((s, name) => s + stats.phases[name], 0);
      // Rounded to 0.1 ms each; the total also holds the checks before reading and the time between phases.
      expect(sum).toBeLessThanOrEqual(stats.totalMs + 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
