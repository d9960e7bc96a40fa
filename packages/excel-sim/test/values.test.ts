/**
 * Cell encoding and range geometry (EXCEL_FACTS §2, §3): exact 2-D shapes, null/"" semantics, how Excel types written
 * strings, text and valueTypes, addresses with quoted sheet names, range navigation.
 */
import { createExcelHost, type ExcelHost, type SimError } from "../src";
import { failure as batchFailure } from "./helpers";

async function withSheet<T>(
  fn: (ctx: Excel.RequestContext, s: Excel.Worksheet) => Promise<T>,
  host = createExcelHost(),
): Promise<T> {
  return host.Excel.run(async (ctx) => fn(ctx, ctx.workbook.worksheets.getActiveWorksheet()));
}

/** The error the sync rejects with after `fn` queued commands on the active sheet. */
function failure(host: ExcelHost, fn: (s: Excel.Worksheet) => void): Promise<SimError> {
  return batchFailure(host, (ctx) => fn(ctx.workbook.worksheets.getActiveWorksheet()));
}

describe("exact shapes", () => {
  const MSG = "The number of rows or columns in the input array doesn't match the size or dimensions of the range.";

  test.each([
    ["too few rows", "A1:B3", [[1, 2]]],
    ["too many columns", "A1:B1", [[1, 2, 3]]],
    ["ragged rows", "A1:B2", [[1, 2], [3]]],
    ["a 1-D array, even for one cell", "A1", [1]],
  ])("values: %s → InvalidArgument with Excel's message", async (_name, address, data) => {
    const host = createExcelHost();
    const err = await failure(host, (s) => {
      s.getRange(address).values = data as unknown[][];
    });
    expect(err.code).toBe("InvalidArgument");
    if (!_name.startsWith("a 1-D")) expect(err.message).toBe(MSG);
    else expect(err.debugInfo.simDetail).toContain("must be an array (one row)");
  });

  test("a scalar instead of a 2-D array is refused, for values, formulas and numberFormat", async () => {
    for (const prop of ["values", "formulas", "numberFormat"] as const) {
      const host = createExcelHost();
      const err = await failure(host, (s) => {
        (s.getRange("A1") as unknown as Record<string, unknown>)[prop] = 5;
      });
      expect(err.code).toBe("InvalidArgument");
      expect(err.debugInfo.simDetail).toContain("2-D array");
    }
  });

  test("numberFormat must match the shape too, and a rejected write changes nothing", async () => {
    const host = createExcelHost();
    host.loadSheet("Sheet1", [[1, 2]]);
    const err = await failure(host, (s) => {
      s.getRange("A1:B1").numberFormat = [["0.00"]];
    });
    expect(err.code).toBe("InvalidArgument");
    expect(host.workbook.requireSheet("Sheet1").getFormat(0, 0)).toBeUndefined();
  });

  test("a string longer than a cell holds (32,767 characters) is refused", async () => {
    const host = createExcelHost();
    const err = await failure(host, (s) => {
      s.getRange("A1").values = [["x".repeat(32768)]];
    });
    expect(err.code).toBe("InvalidArgument");
    await withSheet(async (ctx, s) => {
      s.getRange("A1").values = [["x".repeat(32767)]];
      await ctx.sync();
    }, host);
  });

  test("an object inside the array is refused with the cell named", async () => {
    const host = createExcelHost();
    const err = await failure(host, (s) => {
      s.getRange("A1:B1").values = [[1, { x: 1 }]];
    });
    expect(err.code).toBe("InvalidArgument");
    expect(err.debugInfo.simDetail).toContain("cell Sheet1!B1");
  });
});

describe("null, empty string and reads of empty cells", () => {
  test('null leaves a cell unchanged; "" clears value, formula and number format; empty cells read ""', async () => {
    const host = createExcelHost();
    await withSheet(async (ctx, s) => {
      const r = s.getRange("A1:C1");
      r.values = [[1, 2, "=A1+B1"]];
      r.numberFormat = [["0.00", "0.00", "0.00"]];
      await ctx.sync();
      r.values = [[null, "", null]];
      r.load("values,formulas,numberFormat");
      const empty = s.getRange("D1:E2");
      empty.load("values,text,valueTypes,formulas,numberFormat");
      await ctx.sync();
      expect(r.values).toEqual([[1, "", "=A1+B1"]]);
      expect(r.numberFormat).toEqual([["0.00", "General", "0.00"]]);
      expect(empty.values).toEqual([
        ["", ""],
        ["", ""],
      ]);
      expect(empty.text).toEqual([
        ["", ""],
        ["", ""],
      ]);
      expect(empty.valueTypes).toEqual([
        ["Empty", "Empty"],
        ["Empty", "Empty"],
      ]);
      expect(empty.numberFormat[0][0]).toBe("General");
      // "" also clears a formula.
      s.getRange("C1").values = [[""]];
      const f = s.getRange("C1");
      f.load("formulas");
      await ctx.sync();
      expect(f.formulas).toEqual([[""]]);
    }, host);
  });

  test("NaN and Infinity travel as JSON null, so they leave the cell unchanged", async () => {
    const host = createExcelHost();
    host.loadSheet("Sheet1", [[5, 6]]);
    await withSheet(async (ctx, s) => {
      s.getRange("A1:B1").values = [[NaN, Infinity]];
      await ctx.sync();
    }, host);
    expect(host.readSheetValues("Sheet1", "A1:B1")).toEqual([[5, 6]]);
  });
});

describe("Excel types what is written, as if typed in en-US", () => {
  test("numeric, boolean, percent, ISO date and error strings become values of their type", async () => {
    const host = createExcelHost();
    await withSheet(async (ctx, s) => {
      const r = s.getRange("A1:H1");
      r.values = [["555", "-1.5e3", "1,234", "TRUE", "12%", "2011-12-09", "#N/A", "C536379"]];
      r.load("values,valueTypes,text,numberFormat");
      await ctx.sync();
      // 2011-12-09 is serial 40886: 40544 is 2011-01-01 (Excel's documented 1 Jan 2000 = 36526 plus 4018 days), + 342.
      expect(r.values).toEqual([[555, -1500, 1234, true, 0.12, 40886, "#N/A", "C536379"]]);
      expect(r.valueTypes).toEqual([["Double", "Double", "Double", "Boolean", "Double", "Double", "Error", "String"]]);
      expect(r.text).toEqual([["555", "-1500", "1,234", "TRUE", "12%", "12/9/2011", "#N/A", "C536379"]]);
      expect(r.numberFormat[0][5]).toBe("m/d/yyyy");
    }, host);
  });

  test('en-US date shapes become dates ("Mar-24", "1-2", "3/4", "12-Jan", "3/4/2011"); "@" keeps them text', async () => {
    const host = createExcelHost();
    const year = new Date().getUTCFullYear();
    const serial = (y: number, m: number, d: number) => (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000;
    const shapes = ["Mar-24", "1-2", "3/4", "12-Jan", "3/4/2011", "24-Mar-2011", "Jan 2024", "Mar-32", "champions"];
    await withSheet(async (ctx, s) => {
      const typed = s.getRange("A1:I1");
      typed.values = [shapes];
      const kept = s.getRange("A2:I2");
      kept.numberFormat = [shapes.map(() => "@")];
      kept.values = [shapes];
      typed.load("values");
      kept.load("values");
      await ctx.sync();
      expect(typed.values).toEqual([
        [
          serial(year, 3, 24),
          serial(year, 1, 2),
          serial(year, 3, 4),
          serial(year, 1, 12),
          serial(2011, 3, 4),
          serial(2011, 3, 24),
          serial(2024, 1, 1),
          serial(1932, 3, 1),
          "champions",
        ],
      ]);
      expect(kept.values).toEqual([shapes]);
    }, host);
  });

  test('a text number format ("@") or a leading apostrophe keeps strings as text', async () => {
    const host = createExcelHost();
    await withSheet(async (ctx, s) => {
      const r = s.getRange("A1:B1");
      r.numberFormat = [["@", "General"]];
      r.values = [["00123", "'00456"]];
      r.load("values,valueTypes");
      await ctx.sync();
      expect(r.values).toEqual([["00123", "00456"]]);
      expect(r.valueTypes).toEqual([["String", "String"]]);
    }, host);
  });

  test("strings starting with = are formulas (kept as text, not evaluated); values read the formula text", async () => {
    const host = createExcelHost();
    await withSheet(async (ctx, s) => {
      const r = s.getRange("A1:B1");
      r.values = [[2, "=A1*3"]];
      r.load("formulas,values");
      await ctx.sync();
      expect(r.formulas).toEqual([[2, "=A1*3"]]);
      expect(r.values).toEqual([[2, "=A1*3"]]);
    }, host);
  });

  test("dates are serial numbers and text follows the number format", async () => {
    const host = createExcelHost();
    await withSheet(async (ctx, s) => {
      const r = s.getRange("A1:E1");
      // 36526 = 1 Jan 2000 (DATES); 40513.3513888... = 2010-12-01 08:26 (40513 = 36526 + 3987 days).
      r.values = [[36526, 40513 + (8 * 60 + 26) / 1440, 1234.5, -1234.5, 0.256]];
      r.numberFormat = [["yyyy-mm-dd", "yyyy-mm-dd hh:mm", "$#,##0.00", "#,##0.00;(#,##0.00)", "0.0%"]];
      r.load("text");
      await ctx.sync();
      expect(r.text).toEqual([["2000-01-01", "2010-12-01 08:26", "$1,234.50", "(1,234.50)", "25.6%"]]);
    }, host);
  });
});

describe("addresses and navigation", () => {
  test("addresses quote sheet names that need it", async () => {
    const host = createExcelHost();
    host.loadSheet("Online Retail", [["InvoiceNo"]]);
    await host.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Online Retail");
      const big = s.getRange("A1:H541910");
      const col = s.getRange("C:C");
      const row = s.getRange("2:3");
      const byIdx = s.getRangeByIndexes(1, 2, 3, 4);
      for (const r of [big, col, row, byIdx]) r.load("address,rowIndex,columnIndex,rowCount,columnCount");
      await ctx.sync();
      expect(big.address).toBe("'Online Retail'!A1:H541910");
      expect([big.rowCount, big.columnCount]).toEqual([541910, 8]);
      expect(col.address).toBe("'Online Retail'!C:C");
      expect(col.rowCount).toBe(1048576);
      expect(row.address).toBe("'Online Retail'!2:3");
      expect(byIdx.address).toBe("'Online Retail'!C2:F4");
      expect([byIdx.rowIndex, byIdx.columnIndex, byIdx.rowCount, byIdx.columnCount]).toEqual([1, 2, 3, 4]);
    });
  });

  test("getCell, getRow, getColumn, getOffsetRange, getResizedRange, getEntireColumn, getLastRow", async () => {
    const host = createExcelHost();
    await withSheet(async (ctx, s) => {
      const base = s.getRange("B2:D5");
      const list = [
        base.getCell(1, 2),
        base.getRow(3),
        base.getColumn(0),
        base.getOffsetRange(1, -1),
        base.getResizedRange(2, -1),
        base.getEntireColumn(),
        base.getLastRow(),
        base.getColumnsAfter(2),
        base.getBoundingRect("F9"),
        base.getIntersection("C3:Z9"),
      ];
      list.forEach((r) => r.load("address"));
      await ctx.sync();
      expect(list.map((r) => r.address)).toEqual([
        "Sheet1!D3",
        "Sheet1!B5:D5",
        "Sheet1!B2:B5",
        "Sheet1!A3:C6",
        "Sheet1!B2:C7",
        "Sheet1!B:D",
        "Sheet1!B5:D5",
        "Sheet1!E2:F5",
        "Sheet1!B2:F9",
        "Sheet1!C3:D5",
      ]);
    }, host);
  });

  test("a range that would leave the grid is InvalidArgument", async () => {
    const host = createExcelHost();
    const err = await failure(host, (s) => s.getRange("A1").getOffsetRange(-1, 0).load("address"));
    expect(err.code).toBe("InvalidArgument");
    const err2 = await failure(host, (s) => s.getRangeByIndexes(1048575, 0, 2, 1).load("address"));
    expect(err2.code).toBe("InvalidArgument");
    const err3 = await failure(host, (s) => s.getRange("Sheet9!A1").load("address"));
    expect(err3.code).toBe("InvalidArgument");
  });

  test("used range follows the cells written, with and without formats", async () => {
    const host = createExcelHost();
    await withSheet(async (ctx, s) => {
      s.getRange("B3:C4").values = [
        [1, 2],
        [3, 4],
      ];
      s.getRange("E10").numberFormat = [["0.00"]];
      const all = s.getUsedRange();
      const vals = s.getUsedRange(true);
      all.load("address");
      vals.load("address");
      await ctx.sync();
      expect(all.address).toBe("Sheet1!B3:E10");
      expect(vals.address).toBe("Sheet1!B3:C4");
    }, host);
  });
});

describe("clear, insert and delete", () => {
  test("clear(Contents) keeps formats; delete(Up) and insert(Right) shift cells", async () => {
    const host = createExcelHost();
    host.loadSheet("Sheet1", [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    await withSheet(async (ctx, s) => {
      s.getRange("A1:C1").numberFormat = [["0.00", "0.00", "0.00"]];
      s.getRange("A1").clear("Contents");
      s.getRange("B2").delete("Up");
      s.getRange("A3").insert("Right");
      await ctx.sync();
    }, host);
    expect(host.readSheetValues("Sheet1", "A1:D3")).toEqual([
      ["", 2, 3, ""],
      [4, 8, 6, ""],
      ["", 7, "", 9],
    ]);
    expect(host.workbook.requireSheet("Sheet1").getFormat(0, 0)).toBe("0.00");
  });
});

describe("formatting", () => {
  test("font, fill, alignment and column width read back; mixed values read null", async () => {
    const host = createExcelHost();
    await withSheet(async (ctx, s) => {
      const header = s.getRange("A1:C1");
      header.format.font.bold = true;
      header.format.fill.color = "#DDEBF7";
      header.format.horizontalAlignment = "Center";
      s.getRange("A1:A2").format.columnWidth = 80;
      const mixed = s.getRange("A1:A2");
      mixed.load("format/font/bold");
      header.load("format/font/bold,format/fill/color,format/horizontalAlignment");
      const width = s.getRange("A1");
      width.load("format/columnWidth");
      await ctx.sync();
      expect(header.format.font.bold).toBe(true);
      expect(header.format.fill.color).toBe("#DDEBF7");
      expect(header.format.horizontalAlignment).toBe("Center");
      expect(mixed.format.font.bold).toBeNull();
      expect(width.format.columnWidth).toBe(80);
    }, host);
  });

  test("invalid enum values for formats are refused at sync", async () => {
    const host = createExcelHost();
    const err = await failure(host, (s) => {
      s.getRange("A1").format.horizontalAlignment = "Middle" as Excel.HorizontalAlignment;
    });
    expect(err.code).toBe("InvalidArgument");
  });

  test("autofitColumns widens a column to its longest text", async () => {
    const host = createExcelHost();
    host.loadSheet("Sheet1", [["WHITE HANGING HEART T-LIGHT HOLDER"], ["x"]]);
    await withSheet(async (ctx, s) => {
      s.getRange("A1:A2").format.autofitColumns();
      s.freezePanes.freezeRows(1);
      await ctx.sync();
    }, host);
    const sheet = host.workbook.requireSheet("Sheet1");
    expect(sheet.columnWidth(0)).toBeGreaterThan(sheet.columnWidth(1) * 3);
    expect(sheet.freeze).toEqual({ rows: 1, columns: 0 });
  });
});
