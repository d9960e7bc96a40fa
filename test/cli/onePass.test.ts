/**
 * The one-pass CSV reading (src/cli/csvOnePass.ts): the parser's row reader (csvRows.ts) hands each record to the
 * engine's row cleaner (src/rfm/rowCleaner.ts). Its batch must be `cleanBatch` of the table csv.ts reads from the
 * same text (row for row: customers, invoices, times, money, exclusions with their example rows, warnings, country
 * codes, and whether the batch depends on others), for generated files with every kind of cell the cleaning
 * decides on (number text with either decimal mark, day/month text dates, serial numbers, blank rows, missing ids,
 * cancellations, an amount column), under random options; and the CLI's result through it must be the one the
 * table-then-analyze reading gives, on the real data and on files it hands back (byte-order mark, cp1252).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { analyze, cleanBatch, createAnalysis, RowCleaner, type CleanedBatch } from "../../src/rfm";
import type { Cell, ColumnTable, RfmOptions, RfmResult } from "../../src/rfm/types";
import { parseCsv } from "../../src/cli/csv";
import { CsvRowReader } from "../../src/cli/csvRows";
import { analyzeCsvInOnePass } from "../../src/cli/csvOnePass";
import { readInput } from "../../src/cli/readInput";
import { onlineRetailSource, sharedDataDir } from "../helpers/realData";
import { runMain } from "../helpers/cli";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-onepass-test-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A CSV field, quoted when it must be (or when asked). */
function field(text: string, quote = false): string {
  return quote || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const rowArb = fc.record({
  invoice: fc.constantFrom("536365", "536366", "C536367", "c536368", " 536369", "", "A1", "536365.0"),
  description: fc.constantFrom("MUG", "RED, WHITE", "LINE\nTWO", '12" RULER', ""),
  quantity: fc.constantFrom("6", "-2", "0", "1,000", "12", "", "x", "2.5"),
  date: fc.constantFrom(
    "2011-03-05 10:00:00",
    "2010-12-01 08:26:00",
    "5/3/2011 10:00",
    "25/12/2010",
    "12/25/2010",
    "3/4/2011",
    "40500",
    "",
    "not a date",
    "2011-02-30 10:00:00",
  ),
  price: fc.constantFrom("2.55", "1,234.50", "1.234,50", "0", "-1", "£5", "(5.00)", "", "abc", "10", "0,85"),
  amount: fc.constantFrom("15.30", "1,234.50", "0", "", "-4", "7"),
  customer: fc.constantFrom("17850", "13047", "", "C-7", "00042", "17850.0", " 17850 ", "12583"),
  country: fc.constantFrom("United Kingdom", "France", "Korea, Republic of", ""),
  blank: fc.integer({ min: 0, max: 5 }).map((n) => n === 5),
  quoted: fc.boolean(),
});
type Row = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

function csvText(rows: Row[], withAmount: boolean, crlf: boolean): string {
  const eol = crlf ? "\r\n" : "\n";
  const header = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID"];
  if (withAmount) header.push("Amount");
  header.push("Country");
  const lines = [header.join(",")];
  for (const r of rows) {
    if (r.blank) lines.push("");
    const cells = [
      field(r.invoice, r.quoted),
      "85123A",
      field(r.description),
      field(r.quantity, r.quoted),
      field(r.date),
      field(r.price, r.quoted),
      field(r.customer),
    ];
    if (withAmount) cells.push(field(r.amount));
    cells.push(field(r.country));
    lines.push(cells.join(","));
  }
  return lines.join(eol) + eol;
}

const optionsArb: fc.Arbitrary<RfmOptions> = fc.record(
  {
    dateOrder: fc.constantFrom("auto", "dmy", "mdy") as fc.Arbitrary<RfmOptions["dateOrder"]>,
    decimalMark: fc.constantFrom("auto", ".", ",") as fc.Arbitrary<RfmOptions["decimalMark"]>,
    monetarySource: fc.constantFrom("auto", "lines", "amount") as fc.Arbitrary<RfmOptions["monetarySource"]>,
    cleaning: fc.record(
      {
        dropMissingCustomer: fc.boolean(),
        dropCancelledInvoices: fc.boolean(),
        dropNegativeQuantity: fc.boolean(),
        dropNonPositivePrice: fc.boolean(),
        dropUnparsableDates: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

type Outcome = { batch: CleanedBatch } | { error: string };

function attempt(f: () => CleanedBatch): Outcome {
  try {
    return { batch: f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** A batch as plain data (typed arrays to arrays), for toEqual. */
function plain(o: Outcome): unknown {
  if ("error" in o) return o;
  const { rows, country, dependsOnOthers } = o.batch;
  return {
    dependsOnOthers,
    rows: {
      ...rows,
      customer: Array.from(rows.customer),
      time: Array.from(rows.time),
      invoice: Array.from(rows.invoice),
      money: Array.from(rows.money),
    },
    country: country === undefined ? undefined : { codes: Array.from(country.codes), values: country.values },
  };
}

/** The mapped columns of a header row under `options`, or null when the plan is not usable. */
function planFor(headers: string[], options: RfmOptions) {
  try {
    return createAnalysis(options).plan(headers);
  } catch {
    return null;
  }
}

/** Feeds the rows of `text` to a RowCleaner through the CSV row reader, as the CLI does. */
function throughRowReader(text: string, options: RfmOptions): CleanedBatch {
  let cleaner: RowCleaner | null = null;
  const reader = new CsvRowReader(
    {
      columns: (_h, i, headers) => {
        if (cleaner === null) cleaner = new RowCleaner(createAnalysis(options).plan(headers), options, 4);
        const plan = createAnalysis(options).plan(headers);
        return (Object.values(plan.columns) as number[]).includes(i);
      },
    },
    (cells, numbers) => (cleaner as RowCleaner).row(cells, numbers),
  );
  // Pushed in small pieces: records, quoted fields and CRLFs cut across chunks.
  const bytes = Buffer.from(text, "utf8");
  for (let at = 0; at < bytes.length; at += 37) reader.push(bytes.subarray(at, at + 37));
  reader.end();
  return (cleaner as unknown as RowCleaner).finish();
}

/** Feeds a table's rows to a RowCleaner as cell arrays (the generic form, no numbers apart). */
function throughCells(table: ColumnTable, options: RfmOptions): CleanedBatch {
  const cleaner = new RowCleaner(createAnalysis(options).plan(table.headers), options);
  const n = table.columns[0]?.length ?? 0;
  const cells: Cell[] = new Array<Cell>(table.headers.length);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < table.headers.length; f++) cells[f] = table.columns[f][i];
    cleaner.row(cells);
  }
  return cleaner.finish();
}

describe("RowCleaner: cleanBatch of the same rows", () => {
  test("generated files under random options, fed by the CSV row reader and as cells", () => {
    let compared = 0;
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        fc.boolean(),
        optionsArb,
        (rows, withAmount, crlf, options) => {
          const text = csvText(rows, withAmount, crlf);
          const table = parseCsv(text);
          const plan = planFor(table.headers, options);
          if (plan === null) return; // no usable plan (amount asked for without the column): nothing to clean
          const expected = plain(attempt(() => cleanBatch(table, plan, options)));
          expect(plain(attempt(() => throughRowReader(text, options)))).toEqual(expected);
          expect(plain(attempt(() => throughCells(table, options)))).toEqual(expected);
          compared++;
        },
      ),
      { numRuns: 400 },
    );
    expect(compared).toBeGreaterThan(200);
  });

  test("a batch whose reading needs the whole file says why, as cleanBatch does", () => {
    const row: Row = {
      invoice: "536365",
      description: "MUG",
      quantity: "6",
      date: "5/3/2011 10:00",
      price: "2.55",
      amount: "",
      customer: "17850",
      country: "France",
      blank: false,
      quoted: false,
    };
    const cases: [Row, string | null][] = [
      [row, "text dates in day/month form, ordered by the whole column"],
      [{ ...row, date: "2011-03-05 10:00:00", price: "1,234.50" }, "number text, read with a detected mark"],
      [{ ...row, date: "2011-03-05 10:00:00" }, null],
    ];
    for (const [r, reason] of cases) {
      const text = csvText([r], false, false);
      const table = parseCsv(text);
      const batch = throughRowReader(text, {});
      expect(batch.dependsOnOthers).toBe(reason);
      expect(batch.dependsOnOthers).toBe(cleanBatch(table, createAnalysis({}).plan(table.headers), {}).dependsOnOthers);
    }
    expect(throughRowReader(csvText([{ ...row, price: "1,234.50" }], false, false), {}).rows.money[0]).toBeCloseTo(
      6 * 1234.5,
      6,
    );
  });
});

function comparable(r: RfmResult): Omit<RfmResult, "rowCustomer"> {
  const { rowCustomer: _rowCustomer, ...rest } = r;
  return rest;
}

async function tableThenAnalyze(file: string, options: RfmOptions): Promise<RfmResult> {
  const input = await readInput(file, { mapping: options.mapping, monetarySource: options.monetarySource });
  return analyze(input.table, options, input.columns);
}

describe("analyzeCsvInOnePass: the result of reading the table, then analyzing it", () => {
  const shared = sharedDataDir();
  const retail = onlineRetailSource();
  const files: [string, string | null, RfmOptions][] = [
    ["Online Retail", retail.endsWith(".gz") ? null : retail, {}],
    [
      "Online Retail, tiers4, negative quantities kept",
      retail.endsWith(".gz") ? null : retail,
      { scheme: "tiers4", cleaning: { dropNegativeQuantity: false } },
    ],
    ["R rfm's orders", shared === null ? null : path.join(shared, "rfm_data_orders.csv"), { preset: "r-rfm" }],
    ["CDNOW sample", shared === null ? null : path.join(shared, "cdnow_sample.csv"), {}],
  ];
  test.each(files)(
    "%s",
    async (_name, file, options) => {
      if (file === null) return; // the shared data is not beside the repository
      const run = analyzeCsvInOnePass(file, options, { delimiter: "," });
      expect(run).not.toBeNull();
      expect(comparable((run as { result: RfmResult }).result)).toEqual(
        comparable(await tableThenAnalyze(file, options)),
      );
    },
    60_000,
  );

  test("generated files: the same result, or null where the table's reading fails", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 0, maxLength: 30 }), optionsArb, async (rows, options) => {
        const file = path.join(dir, `gen-${n++}.csv`);
        fs.writeFileSync(file, csvText(rows, true, false));
        let expected: RfmResult | null;
        try {
          expected = await tableThenAnalyze(file, options);
        } catch {
          expected = null;
        }
        const run = analyzeCsvInOnePass(file, options, { delimiter: "," });
        if (expected === null) expect(run).toBeNull();
        else expect(comparable((run as { result: RfmResult }).result)).toEqual(comparable(expected));
        fs.rmSync(file);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  test("a UTF-16 byte-order mark or bytes that are not UTF-8: handed back (null) to the reading that converts them", async () => {
    const text = "CustomerID,InvoiceDate,Amount\n17850,2011-03-05,12.5\n";
    const utf16 = path.join(dir, "utf16.csv");
    fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    expect(analyzeCsvInOnePass(utf16, {}, { delimiter: "," })).toBeNull();
    // A UTF-8 byte-order mark is skipped, as the table's reading skips it.
    const bom = path.join(dir, "bom.csv");
    fs.writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(comparable((analyzeCsvInOnePass(bom, {}, { delimiter: "," }) as { result: RfmResult }).result)).toEqual(
      comparable(await tableThenAnalyze(bom, {})),
    );
    const cp1252 = path.join(dir, "cp1252.csv");
    fs.writeFileSync(
      cp1252,
      Buffer.from("CustomerID,InvoiceDate,Amount,Country\n17850,2011-03-05,12.5,Cura\xe7ao\n", "latin1"),
    );
    expect(analyzeCsvInOnePass(cp1252, {}, { delimiter: "," })).toBeNull();
    const plainFile = path.join(dir, "plain.csv");
    fs.writeFileSync(plainFile, text);
    expect(analyzeCsvInOnePass(plainFile, {}, { delimiter: "," })?.result.customers.length).toBe(1);
  });
});

describe("the CLI", () => {
  test("writes the same customers file and report with and without the one pass (RFM_ONE_PASS=0)", async () => {
    const file = onlineRetailSource();
    if (file.endsWith(".gz")) return; // the one pass reads plain files only
    const one = path.join(dir, "one.csv");
    const two = path.join(dir, "two.csv");
    const a = await runMain([file, "--out", one, "--value"]);
    process.env.RFM_ONE_PASS = "0";
    let b: Awaited<ReturnType<typeof runMain>>;
    try {
      b = await runMain([file, "--out", two, "--value"]);
    } finally {
      delete process.env.RFM_ONE_PASS;
    }
    expect(a.code).toBe(0);
    expect(fs.readFileSync(one, "utf8")).toBe(fs.readFileSync(two, "utf8"));
    const report = (s: string): string => s.replace(/^(Wrote|Time).*$/gm, "");
    expect(report(a.stdout)).toBe(report(b.stdout));
    expect(a.stdout).toMatch(/4,338 customers/);
  }, 60_000);

  test("a Windows-1252 file: read through the general reader, with its encoding warning", async () => {
    const file = path.join(dir, "latin.csv");
    fs.writeFileSync(
      file,
      Buffer.from(
        "CustomerID,InvoiceDate,Amount,Country\n17850,2011-03-05,12.5,Cura\xe7ao\n17851,2011-03-06,3,France\n",
        "latin1",
      ),
    );
    const r = await runMain([file, "--out", path.join(dir, "latin-out.csv")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Windows-1252/);
  }, 30_000);
});
