/**
 * The parallel CSV reader (src/cli/parallel.ts): its result must be the single-threaded reading's (readInput, then
 * analyze, as the CLI runs a CSV file), customer for customer, exclusion for exclusion (with the file's row
 * numbers), warning for warning, wherever the ranges are cut: on the real Online Retail file, and on generated files
 * whose quoted fields hold delimiters, line breaks and doubled quotes, with range sizes of a few bytes so that cuts
 * fall inside them. Where one range cannot decide alone (day/month dates, bad rows), it must hand back to the
 * single-threaded reading (null). The workers run the compiled lib/, built here first as `npm install` builds it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import fc from "fast-check";
import { analyze } from "../../src/rfm";
import type { RfmOptions, RfmResult } from "../../src/rfm/types";
import { analyzeCsvParallel, cutRanges } from "../../src/cli/parallel";
import { readInput } from "../../src/cli/readInput";
import { buildCli } from "../helpers/cli";
import { onlineRetailSource } from "../helpers/realData";

let dir: string;
let retail: string;

beforeAll(() => {
  buildCli(); // the workers run the compiled lib/
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-parallel-test-"));
  const source = onlineRetailSource();
  retail = source;
  if (source.endsWith(".gz")) {
    retail = path.join(dir, "online_retail.csv");
    fs.writeFileSync(retail, zlib.gunzipSync(fs.readFileSync(source)));
  }
}, 120_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Everything but rowCustomer (the parallel reader keeps no per-row data). */
function comparable(r: RfmResult): Omit<RfmResult, "rowCustomer"> {
  const { rowCustomer: _rowCustomer, ...rest } = r;
  return rest;
}

/** The CLI's single-threaded reading of a CSV file. */
async function sequential(file: string, options: RfmOptions): Promise<RfmResult> {
  const input = await readInput(file, { mapping: options.mapping });
  return analyze(input.table, options, input.columns);
}

async function parallel(file: string, options: RfmOptions, rangeBytes: number): Promise<RfmResult | null> {
  const run = await analyzeCsvParallel(file, options, { rangeBytes, workers: 2, minBytes: 0 });
  return run === null ? null : run.result;
}

describe("the real Online Retail file", () => {
  test.each<[string, RfmOptions, number]>([
    ["rf10, 1 MiB ranges", {}, 1 << 20],
    [
      "tiers4, negative quantities dropped, ranges of 200,003 bytes",
      { scheme: "tiers4", cleaning: { dropNegativeQuantity: true } },
      200_003,
    ],
    [
      "r-rfm preset, cancellations kept, 3 MiB ranges",
      { preset: "r-rfm", cleaning: { dropCancelledInvoices: false } },
      3 << 20,
    ],
  ])(
    "%s: the single-threaded result",
    async (_name, options, rangeBytes) => {
      const seq = await sequential(retail, options);
      const fd = fs.openSync(retail, "r");
      const ranges = cutRanges(fd, fs.fstatSync(fd).size, rangeBytes);
      fs.closeSync(fd);
      expect(ranges.length).toBeGreaterThan(5);
      const run = await analyzeCsvParallel(retail, options, { rangeBytes, workers: 2, minBytes: 0 });
      expect(run).not.toBeNull();
      expect(run?.batches).toBe(ranges.length);
      const par = (run as { result: RfmResult }).result;
      expect(par.rowsRead).toBe(541_909);
      expect(par.exclusions.length).toBeGreaterThan(0);
      expect(comparable(par)).toEqual(comparable(seq));
    },
    120_000,
  );

  test("range ends fall after a line feed, and each range but the first starts a record", () => {
    const fd = fs.openSync(retail, "r");
    const size = fs.fstatSync(fd).size;
    const ranges = cutRanges(fd, size, 999_983);
    const byte = Buffer.alloc(1);
    for (const r of ranges.slice(1)) {
      fs.readSync(fd, byte, 0, 1, r.start - 1);
      expect(byte[0]).toBe(10);
    }
    fs.closeSync(fd);
    expect(ranges[0].start).toBe(0);
    expect(ranges[ranges.length - 1]).toMatchObject({ end: size, last: true });
    for (let i = 1; i < ranges.length; i++) expect(ranges[i].start).toBe(ranges[i - 1].end);
  });
});

/** A CSV field: quoted when it holds a delimiter, quote or line break (or when asked). */
function field(text: string, quote: boolean): string {
  return quote || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const descriptionArb = fc.oneof(
  fc.constantFrom("MUG", "RED, WHITE AND BLUE", 'A 12" RULER', "LINE ONE\nLINE TWO", "CR\r\nLF", '""', ",,,", "\n\n"),
  fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", "\r\n", " ", "é"), maxLength: 12 }),
);

const rowArb = fc.record({
  invoice: fc.integer({ min: 1, max: 40 }),
  cancelled: fc.boolean(),
  description: descriptionArb,
  quoteDescription: fc.boolean(),
  quantity: fc.integer({ min: -3, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  month: fc.integer({ min: 1, max: 12 }),
  price: fc.constantFrom("2.55", "0", "1.25", "10", "0.85"),
  customer: fc.constantFrom("17850", "13047", "", "12583", "C-7", "00042"),
  country: fc.constantFrom("United Kingdom", "France", "Korea, Republic of", "EIRE"),
  blankBefore: fc.integer({ min: 0, max: 2 }).map((n) => (n === 2 ? 1 : 0)),
});

type GeneratedRow = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

function csvText(rows: GeneratedRow[], crlf: boolean): string {
  const eol = crlf ? "\r\n" : "\n";
  const lines = ["InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"];
  for (const r of rows) {
    for (let k = 0; k < r.blankBefore; k++) lines.push("");
    const date = `2011-${String(r.month).padStart(2, "0")}-${String(r.day).padStart(2, "0")} 10:00:00`;
    lines.push(
      [
        `${r.cancelled ? "C" : ""}${536_000 + r.invoice}`,
        "85123A",
        field(r.description, r.quoteDescription),
        String(r.quantity),
        date,
        r.price,
        r.customer,
        field(r.country, false),
      ].join(","),
    );
  }
  return lines.join(eol) + eol;
}

function rangeCount(file: string, rangeBytes: number): number {
  const fd = fs.openSync(file, "r");
  try {
    return cutRanges(fd, fs.fstatSync(fd).size, rangeBytes).length;
  } finally {
    fs.closeSync(fd);
  }
}

describe("generated files, ranges of a few bytes", () => {
  test("quoted fields with delimiters and line breaks across range ends: the single-threaded result", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArb, { minLength: 1, maxLength: 60 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom<RfmOptions>({}, { scheme: "tiers4", bins: 4 }, { cleaning: { dropMissingCustomer: false } }),
        async (rows, crlf, rangeBytes, options) => {
          const file = path.join(dir, `gen-${n++}.csv`);
          fs.writeFileSync(file, csvText(rows, crlf));
          let seq: RfmResult | null = null;
          try {
            seq = await sequential(file, options);
          } catch {
            seq = null; // every row excluded, say: the parallel reader hands such a file back
          }
          const par = await parallel(file, options, rangeBytes);
          if (seq === null) expect(par).toBeNull();
          else if (options.cleaning?.dropMissingCustomer === false) {
            // Kept rows without a customer id: a warning that counts rows, decided on the whole file.
            if (par !== null) expect(comparable(par)).toEqual(comparable(seq));
          } else if (rangeCount(file, rangeBytes) < 2) {
            expect(par).toBeNull(); // one range: nothing to share out
          } else {
            expect(par).not.toBeNull();
            expect(comparable(par as RfmResult)).toEqual(comparable(seq));
          }
          fs.rmSync(file);
        },
      ),
      { numRuns: 40 },
    );
  }, 240_000);
});

test("cuts inside quoted line breaks are found and the ranges around them read again as one", async () => {
  const lines = ["InvoiceNo,Description,InvoiceDate,Quantity,UnitPrice,CustomerID"];
  for (let i = 0; i < 400; i++) {
    lines.push(
      `${5000 + (i >> 2)},"LINE ONE\nLINE ${i}, ""TWO""\n\nEND",2011-05-0${1 + (i % 9)} 09:00:00,${i % 7},1.5,${12000 + (i % 37)}`,
    );
  }
  const file = path.join(dir, "quoted.csv");
  fs.writeFileSync(file, lines.join("\n") + "\n");
  const ranges = rangeCount(file, 300);
  const run = await analyzeCsvParallel(file, {}, { rangeBytes: 300, workers: 2, minBytes: 0 });
  expect(run).not.toBeNull();
  // Most line feeds are inside a description, and so are many cuts: fewer batches than ranges.
  expect((run as { batches: number }).batches).toBeLessThan(ranges * 0.8);
  expect(comparable((run as { result: RfmResult }).result)).toEqual(comparable(await sequential(file, {})));
}, 60_000);

describe("what one range cannot decide: handed back to the single-threaded reading", () => {
  function bigFile(name: string, row: (i: number) => string): string {
    const lines = ["InvoiceNo,InvoiceDate,Quantity,UnitPrice,CustomerID"];
    for (let i = 0; i < 3000; i++) lines.push(row(i));
    const file = path.join(dir, name);
    fs.writeFileSync(file, lines.join("\n") + "\n");
    return file;
  }

  test("day/month text dates under automatic order; with the order chosen, read in parallel", async () => {
    // Only the last rows show the order (a day above 12): the first ranges alone would read them day-first.
    const file = bigFile(
      "dmy.csv",
      (i) => `${1000 + (i % 50)},${i < 2990 ? "03/04/2011" : "04/25/2011"},1,2.5,${i % 70}`,
    );
    expect(await parallel(file, {}, 4096)).toBeNull();
    const seq = await sequential(file, {});
    expect(Math.max(...seq.customers.map((c) => c.lastPurchase))).toBe(Date.UTC(2011, 3, 25));
    const chosen = await parallel(file, { dateOrder: "mdy" }, 4096);
    expect(chosen).not.toBeNull();
    expect(comparable(chosen as RfmResult)).toEqual(comparable(await sequential(file, { dateOrder: "mdy" })));
  }, 60_000);

  test("a row with a field too many in a later range: null, and the single-threaded reading names its row", async () => {
    const file = bigFile("ragged.csv", (i) => `${1000 + i},2011-04-03,1,2.5,${i % 70}${i === 2500 ? ",extra" : ""}`);
    expect(await parallel(file, {}, 4096)).toBeNull();
    await expect(sequential(file, {})).rejects.toThrow(/Row 2502 \(line 2502\) has 6 fields/);
  }, 60_000);

  test("an unterminated quote at the end of the file: null", async () => {
    const file = bigFile("open.csv", (i) => `${1000 + i},2011-04-03,1,2.5,${i === 2999 ? '"17' : i % 70}`);
    expect(await parallel(file, {}, 4096)).toBeNull();
    await expect(sequential(file, {})).rejects.toThrow(/Unterminated quoted field/);
  }, 60_000);
});
