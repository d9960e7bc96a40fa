/**
 * Web limits on the real Online Retail data (541,909 rows): a 5 MB request and response limit and the 5,000,000-cell
 * read cap (EXCEL_FACTS §1). The sizes the tests rely on are measured independently with JSON.stringify.
 */
import { createExcelHost, readColumn, SimError } from "../src";
import { loadOnlineRetail } from "../../../test/helpers/realData";

const data = loadOnlineRetail();
const N = data.columns[0].length;
const LIMIT = 5_000_000;

function utf8Json(v: unknown): number {
  return Buffer.byteLength(JSON.stringify(v), "utf8");
}

/** The 5 columns the tests write: rows [from, to) of Quantity, UnitPrice, CustomerID, Country, StockCode. */
function block(from: number, to: number): unknown[][] {
  const pick = ["Quantity", "UnitPrice", "CustomerID", "Country", "StockCode"].map(
    (h) => data.columns[data.headers.indexOf(h)],
  );
  const out: unknown[][] = [];
  for (let i = from; i < to; i++) out.push(pick.map((c) => c[i] ?? ""));
  return out;
}

// Jest runs test files in a vm context where global lookups like Array.isArray are slow: keep a local copy.
const isArray = Array.isArray;

/** Cells that differ between two equally long arrays (flat or 2-D); Jest's toEqual is too slow for 4 million cells. */
function differences(a: unknown[], b: unknown[]): number {
  if (a.length !== b.length) return Math.max(a.length, b.length);
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (isArray(x) && isArray(y)) n += differences(x, y);
    else if (x !== y) n++;
  }
  return n;
}

function freshHost() {
  const host = createExcelHost();
  host.loadSheet("Online Retail", { headers: data.headers, columns: data.columns });
  host.resetStats();
  return host;
}

test("the preloaded sheet holds all 541,909 rows", () => {
  expect(N).toBe(541909);
  const host = freshHost();
  const sheet = host.workbook.requireSheet("Online Retail");
  expect(sheet.address(sheet.usedRect(true)!)).toBe("'Online Retail'!A1:H541910");
  expect(host.readSheetValues("Online Retail", "A2:H2")).toEqual([
    [536365, "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 6, "2010-12-01 08:26:00", 2.55, 17850, "United Kingdom"],
  ]);
});

describe("request payload", () => {
  test("writing 541,909 × 5 cells in one request is rejected whole; in blocks of 50,000 rows it passes", async () => {
    const host = freshHost();
    const all = block(0, N);
    expect(utf8Json(all)).toBeGreaterThan(LIMIT); // the premise, measured independently
    let err: SimError | undefined;
    await host.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Online Retail");
      s.getRange(`I2:M${N + 1}`).values = all;
      try {
        await ctx.sync();
      } catch (e) {
        err = e as SimError;
      }
    });
    expect(err?.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(err?.name).toBe("RichApi.Error");
    expect(host.stats.perSync[0].requestBytes).toBeGreaterThanOrEqual(utf8Json(all));
    expect(host.readSheetValues("Online Retail", "I2:M2")).toEqual([["", "", "", "", ""]]); // nothing applied

    host.resetStats();
    const rows = 50_000;
    await host.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Online Retail");
      for (let from = 0; from < N; from += rows) {
        const to = Math.min(N, from + rows);
        s.getRangeByIndexes(1 + from, 8, to - from, 5).values = block(from, to);
        await ctx.sync();
      }
    });
    expect(host.stats.syncs).toBe(Math.ceil(N / rows));
    expect(host.stats.failedSyncs).toBe(0);
    expect(host.stats.maxRequestBytes).toBeLessThanOrEqual(LIMIT);
    expect(host.stats.cellsWritten).toBe(N * 5);
    // Every written cell is there (CustomerID blanks stay blank: "" clears).
    const wb = host.workbook;
    const col = (h: string) => data.columns[data.headers.indexOf(h)].map((v) => v ?? "");
    expect(differences(readColumn(wb, "Online Retail", 8, 1), col("Quantity"))).toBe(0);
    expect(differences(readColumn(wb, "Online Retail", 11, 1), col("Country"))).toBe(0);
    expect(differences(readColumn(wb, "Online Retail", 10, 1), col("CustomerID"))).toBe(0);
    expect(readColumn(wb, "Online Retail", 10, 1)).toHaveLength(N);
  });

  test("the request grows with the number of commands and objects, not only with values", async () => {
    const host = freshHost();
    let err: SimError | undefined;
    await host.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Online Retail");
      // One proxy and one command per cell: tiny values, but 30,000 of each.
      for (let i = 0; i < 30_000; i++) s.getCell(i + 1, 9).values = [[1]];
      try {
        await ctx.sync();
      } catch (e) {
        err = e as SimError;
      }
    });
    expect(utf8Json(Array.from({ length: 30_000 }, () => [[1]]))).toBeLessThan(LIMIT / 10);
    expect(err?.code).toBe("RequestPayloadSizeLimitExceeded");
  });

  test("limits are configurable; the desktop platform has no payload limit", async () => {
    const small = createExcelHost({ limits: { requestBytes: 2_000 } });
    await expect(
      small.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().getRange("A1:A100").values = Array.from({ length: 100 }, () => [
          "some text",
        ]);
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });

    const desktop = createExcelHost({ platform: "PC" });
    desktop.loadSheet("Online Retail", { headers: data.headers, columns: data.columns });
    await desktop.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Online Retail").getRange(`I2:M${N + 1}`).values = block(0, N);
      await ctx.sync();
    });
    expect(desktop.stats.maxRequestBytes).toBeGreaterThan(LIMIT);
  });
});

describe("response payload and the 5M-cell cap", () => {
  test("reading all 541,909 × 8 cells at once exceeds the response limit; blocks of 20,000 rows pass", async () => {
    const host = freshHost();
    const rows = data.columns[0].map((_, i) => data.columns.map((c) => c[i] ?? ""));
    expect(N * 8).toBeLessThan(5_000_000); // the cell cap is not what stops it
    expect(utf8Json(rows)).toBeGreaterThan(LIMIT);
    await expect(
      host.Excel.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem("Online Retail").getRange(`A2:H${N + 1}`);
        r.load("values");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });

    host.resetStats();
    const got: unknown[][] = [];
    await host.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Online Retail");
      for (let from = 0; from < N; from += 20_000) {
        const r = s.getRangeByIndexes(1 + from, 0, Math.min(20_000, N - from), 8);
        r.load("values");
        await ctx.sync();
        for (const row of r.values) got.push(row);
      }
    });
    expect(host.stats.maxResponseBytes).toBeLessThanOrEqual(LIMIT);
    expect(host.stats.cellsRead).toBe(N * 8);
    expect(got).toHaveLength(N);
    expect(differences(got, rows)).toBe(0);
    expect(got[N - 1]).toEqual(rows[N - 1]);
  });

  test("a read of more than 5,000,000 cells fails with RangeExceedsLimit on every platform; exactly 5,000,000 passes", async () => {
    const host = createExcelHost({ platform: "PC" });
    await expect(
      host.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().getRangeByIndexes(0, 0, 1000, 5001).load("values");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "RangeExceedsLimit" });
    const n = await host.Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getActiveWorksheet().getRangeByIndexes(0, 0, 1000, 5000);
      r.load("values");
      await ctx.sync();
      return r.values.length * r.values[0].length;
    });
    expect(n).toBe(5_000_000);
  });

  test('with oversizedRead "null" a read over the cap syncs and reads null, as Excel may do', async () => {
    const host = createExcelHost({ platform: "PC", oversizedRead: "null" });
    const got = await host.Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      const big = sheet.getRangeByIndexes(0, 0, 1000, 5001).load("values,rowCount");
      const small = sheet.getRangeByIndexes(0, 0, 2, 2).load("values");
      await ctx.sync();
      return { big: big.values as unknown, rows: big.rowCount, small: small.values };
    });
    expect(got).toEqual({
      big: null,
      rows: 1000,
      small: [
        ["", ""],
        ["", ""],
      ],
    });
    expect(host.stats.cellsRead).toBe(4);
  });

  test("address and counts of a huge range are cheap to load (no cells read)", async () => {
    const host = freshHost();
    await host.Excel.run(async (ctx) => {
      const used = ctx.workbook.worksheets.getItem("Online Retail").getUsedRange(true);
      used.load("address,rowCount,columnCount");
      await ctx.sync();
      expect(used.address).toBe("'Online Retail'!A1:H541910");
      expect(used.rowCount).toBe(541910);
    });
    expect(host.stats.cellsRead).toBe(0);
    expect(host.stats.maxResponseBytes).toBeLessThan(1000);
  });
});
