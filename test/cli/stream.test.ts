/**
 * Streaming analysis (src/cli/stream.ts): the result must equal analyze() on the whole table, whatever the batch
 * and chunk sizes, with invoices that straddle batches counted once.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { analyze } from "../../src/rfm";
import type { RfmOptions, RfmResult } from "../../src/rfm/types";
import { analyzeCsvStream } from "../../src/cli/stream";
import { parseCsv } from "../../src/cli/csv";
import { loadOnlineRetail, onlineRetailSource } from "../helpers/realData";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-stream-test-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function writeCsv(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** Everything but rowCustomer (a streamed run keeps no per-row data). */
function comparable(r: RfmResult): Omit<RfmResult, "rowCustomer"> {
  const { rowCustomer: _rowCustomer, ...rest } = r;
  return rest;
}

describe("streaming = analyze() on Online Retail", () => {
  test("rf10, small batches and byte chunks (boundaries inside records and invoices)", async () => {
    const whole = analyze(loadOnlineRetail(), {});
    const run = await analyzeCsvStream(onlineRetailSource(), {}, { batchRows: 37_123, chunkBytes: 65_536 });
    expect(run.batches).toBeGreaterThan(14);
    expect(run.result.rowCustomer.length).toBe(0);
    expect(comparable(run.result)).toEqual(comparable(whole));
    expect(run.result.customers.length).toBe(4338);
    expect(run.result.customers[0].country).toBe("United Kingdom"); // 12346's country: the Country column is mapped
  });

  test("tiers4 with other cleaning, default batch size", async () => {
    const options: RfmOptions = { scheme: "tiers4", cleaning: { dropNegativeQuantity: true } };
    const whole = analyze(loadOnlineRetail(), options);
    const run = await analyzeCsvStream(onlineRetailSource(), options);
    expect(comparable(run.result)).toEqual(comparable(whole));
  });
});

describe("streaming on hand-made files", () => {
  const text =
    "CustomerID,InvoiceNo,InvoiceDate,Quantity,UnitPrice,Country\n" +
    "1,100,2011-01-01 10:00:00,1,10,France\n" +
    "1,100,2011-01-01 10:00:00,2,10,France\n" + // same invoice, next batch when batchRows = 1
    ",101,2011-01-02 10:00:00,1,5,France\n" + // no customer: excluded (row 4)
    "2,102,2011-01-03 10:00:00,1,7,Spain\n" +
    "1,102,2011-01-03 10:00:00,1,3,Spain\n" + // invoice 102 shared by customers 2 and 1
    "2,C103,2011-01-04 10:00:00,-1,7,Spain\n" + // cancellation (row 7)
    "1.0,104,2011-01-05 10:00:00,1,1,Germany\n"; // 1.0 is customer 1

  test("every batch size gives the engine's result", async () => {
    const file = writeCsv("small.csv", text);
    const whole = analyze(parseCsv(text), {});
    for (const batchRows of [1, 2, 3, 100]) {
      const run = await analyzeCsvStream(file, {}, { batchRows, chunkBytes: 7 });
      expect(comparable(run.result)).toEqual(comparable(whole));
    }
    // By hand: customer 1 has invoices 100, 102, 104 (F 3), 10 + 20 + 3 + 1 = 34; customer 2 has 102 (F 1), 7.
    const run = await analyzeCsvStream(file, {}, { batchRows: 1 });
    expect(run.result.customers.map((c) => [c.id, c.frequency, c.monetary, c.country])).toEqual([
      ["1", 3, 34, "Germany"],
      ["2", 1, 7, "Spain"],
    ]);
    const ex = Object.fromEntries(run.result.exclusions.map((e) => [e.rule, [e.count, e.exampleRows]]));
    expect(ex.missingCustomer).toEqual([1, [4]]);
    expect(ex.cancelledInvoice).toEqual([1, [7]]);
  });

  test("country ties at the latest time and one invoice spelled two ways, across batch boundaries", async () => {
    const tie =
      "CustomerID,InvoiceNo,InvoiceDate,Quantity,UnitPrice,Country\n" +
      "5,200,2011-02-01 09:00:00,1,1,Spain\n" +
      '5,"200",2011-02-01 09:00:00,1,1,Austria\n' + // quoted text "200" is invoice 200; same time: Austria < Spain
      "5,201,2011-01-01 09:00:00,1,1,Belgium\n" + // earlier: not the latest row
      "6,300,2011-03-01 09:00:00,1,2,Italy\n" +
      "6,301,2011-03-01 09:00:00,1,2,Denmark\n" + // three invoices at one time: the alphabetically first country
      "6,302,2011-03-01 09:00:00,1,2,Finland\n";
    const file = writeCsv("ties.csv", tie);
    const whole = analyze(parseCsv(tie), {});
    // By hand: customer 5 has invoices 200 and 201 (F 2), 1 + 1 + 1 = 3, latest rows Spain/Austria → Austria;
    // customer 6 has invoices 300, 301, 302 (F 3), 6, latest rows Italy/Denmark/Finland → Denmark.
    expect(whole.customers.map((c) => [c.id, c.frequency, c.monetary, c.country])).toEqual([
      ["5", 2, 3, "Austria"],
      ["6", 3, 6, "Denmark"],
    ]);
    for (const batchRows of [1, 2, 4, 100]) {
      const run = await analyzeCsvStream(file, {}, { batchRows, chunkBytes: 11 });
      expect(comparable(run.result)).toEqual(comparable(whole));
    }
  });

  test("a missing column is the engine's error", async () => {
    const file = writeCsv("nocust.csv", "InvoiceNo,InvoiceDate,Quantity,UnitPrice\n1,2011-01-01,1,1\n");
    await expect(analyzeCsvStream(file, {})).rejects.toThrow(/Column "Customer ID" not found/);
  });

  test("an empty file and a header-only file", async () => {
    await expect(analyzeCsvStream(writeCsv("empty.csv", ""), {})).rejects.toThrow(/empty/);
    const headerOnly = writeCsv("header.csv", "CustomerID,InvoiceNo,InvoiceDate,Quantity,UnitPrice\n");
    await expect(analyzeCsvStream(headerOnly, {})).rejects.toThrow(/no data rows/);
  });

  test("day/month text dates: month-first proof after a day-first assumption asks for --date-order", async () => {
    const head = "CustomerID,InvoiceNo,InvoiceDate,Quantity,UnitPrice\n";
    const file = writeCsv("dates.csv", head + "1,1,3/4/2011,1,1\n" + "2,2,4/25/2011,1,1\n");
    await expect(analyzeCsvStream(file, {}, { batchRows: 1, chunkBytes: 8 })).rejects.toThrow(/--date-order mdy/);
    // With the order given, or in one batch, it reads like the engine.
    const given = await analyzeCsvStream(file, { dateOrder: "mdy" }, { batchRows: 1, chunkBytes: 8 });
    expect(comparable(given.result)).toEqual(
      comparable(analyze(parseCsv(head + "1,1,3/4/2011,1,1\n2,2,4/25/2011,1,1\n"), { dateOrder: "mdy" })),
    );
    const oneBatch = await analyzeCsvStream(file, {});
    expect(oneBatch.result.customers[0].lastPurchase).toBe(Date.UTC(2011, 2, 4));
  });
});

describe("scripts/gen-big-csv.js", () => {
  test("two shifted copies: each copy-1 customer has its original's Recency, Frequency and Monetary", async () => {
    const { execFileSync } = await import("child_process");
    const file = path.join(dir, "two-copies.csv");
    const rows = 2 * 541_909;
    execFileSync(process.execPath, [
      path.resolve(__dirname, "../../scripts/gen-big-csv.js"),
      "--rows",
      String(rows),
      "--out",
      file,
    ]);
    const run = await analyzeCsvStream(file, {});
    expect(run.result.rowsRead).toBe(rows);
    const byId = new Map(run.result.customers.map((c) => [c.id, c]));
    expect(run.result.customers.length).toBe(2 * 4338);
    for (const c of run.result.customers) {
      if (Number(c.id) > 100_000) continue;
      const twin = byId.get(String(Number(c.id) + 100_000));
      expect(twin && [twin.recency, twin.frequency, twin.monetary]).toEqual([c.recency, c.frequency, c.monetary]);
    }
    // The first copy's metrics are the original data's.
    const original = analyze(loadOnlineRetail(), {});
    const first = original.customers.map((c) => byId.get(c.id));
    expect(first.map((c) => c && [c.recency, c.frequency, c.monetary])).toEqual(
      original.customers.map((c) => [c.recency, c.frequency, c.monetary]),
    );
  });
});
