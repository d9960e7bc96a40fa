/**
 * Autofit as Excel does it: text measured in Calibri's widths (the bundled Carlito metrics), per cell font size and
 * weight, formula cells by their result; row heights from font size and wrapped lines.
 */
import { execFileSync } from "child_process";
import * as path from "path";
import { CELL_PADDING, createExcelHost, lineHeight, textWidth, wrappedLines } from "../src";

const ROOT = path.join(__dirname, "..", "..", "..");

async function fit(rows: (string | number)[][], queue: (s: Excel.Worksheet) => void) {
  const host = createExcelHost();
  host.loadSheet("Sheet1", rows);
  await host.Excel.run(async (ctx) => {
    queue(ctx.workbook.worksheets.getItem("Sheet1"));
    await ctx.sync();
  });
  return host.workbook.requireSheet("Sheet1");
}

/** Autofit rounds up to whole pixels (0.75 pt): never narrower than the text, at most a pixel wider. */
function expectFit(width: number, text: number): void {
  expect(width).toBeGreaterThanOrEqual(text + CELL_PADDING);
  expect(width).toBeLessThan(text + CELL_PADDING + 0.75);
}

describe("text measure", () => {
  test("Calibri 11's digits are its widest-common width, about 7.4 px; narrow letters are narrower", () => {
    const digit = textWidth("0");
    expect(digit * (4 / 3)).toBeGreaterThan(7);
    expect(digit * (4 / 3)).toBeLessThan(7.6);
    for (const d of "123456789") expect(textWidth(d)).toBeCloseTo(digit, 6);
    expect(textWidth("i")).toBeLessThan(digit / 1.5);
    expect(textWidth("W")).toBeGreaterThan(digit * 1.5);
  });

  test("width scales with size and bold is wider", () => {
    const s = "Average order value";
    expect(textWidth(s, 22)).toBeCloseTo(2 * textWidth(s, 11), 6);
    expect(textWidth(s, 11, true)).toBeGreaterThan(textWidth(s, 11));
  });

  test("line heights are Excel's for common sizes (points, whole pixels)", () => {
    expect(lineHeight(11)).toBe(15);
    expect(lineHeight(16)).toBe(21);
    expect(lineHeight(9)).toBe(12.75);
    expect((lineHeight(14) / 0.75) % 1).toBe(0);
  });

  test("wrapping breaks at spaces and at line breaks; a long word stays whole", () => {
    const w = textWidth("Potential") + 1;
    expect(wrappedLines("Potential Loyalists", w)).toEqual(["Potential", "Loyalists"]);
    expect(wrappedLines("Champions\n1,234 · 5.0%", 500)).toEqual(["Champions", "1,234 · 5.0%"]);
    expect(wrappedLines("Supercalifragilistic", 10)).toEqual(["Supercalifragilistic"]);
  });

  test("the generated metrics match the bundled font", () => {
    expect(() => execFileSync("node", [path.join(ROOT, "scripts", "font-metrics.js"), "--check"])).not.toThrow();
  });
});

describe("autofitColumns", () => {
  test("a column fits its widest displayed text plus padding, in its own font", async () => {
    const long = "WHITE HANGING HEART T-LIGHT HOLDER";
    const sheet = await fit(
      [
        [long, "x"],
        ["short", "y"],
      ],
      (s) => {
        s.getRange("B1").format.font.size = 16;
        s.getRange("A1:B2").format.autofitColumns();
      },
    );
    expectFit(sheet.columnWidth(0), textWidth(long));
    expectFit(sheet.columnWidth(1), textWidth("x", 16));
  });

  test("formula cells count by their formatted result, not their formula text", async () => {
    const sheet = await fit([[8911407.9], [1]], (s) => {
      s.getRange("B1").formulas = [["=SUM(A1:A2)"]];
      s.getRange("B1").numberFormat = [["£#,##0.00"]];
      s.getRange("B1").format.font.bold = true;
      s.getRange("B1").format.autofitColumns();
    });
    expectFit(sheet.columnWidth(1), textWidth("£8,911,408.90", 11, true));
  });

  test("a cell with line breaks counts by its longest line", async () => {
    const sheet = await fit([["Potential Loyalists\n99 · 1.2%"]], (s) => s.getRange("A1").format.autofitColumns());
    expectFit(sheet.columnWidth(0), textWidth("Potential Loyalists"));
  });

  test("an empty column keeps its width", async () => {
    const sheet = await fit([["a"]], (s) => {
      s.getRange("C1").format.columnWidth = 30;
      s.getRange("C1:D1").format.autofitColumns();
    });
    expect(sheet.columnWidth(2)).toBe(30);
    expect(sheet.columnWidth(3)).toBe(48);
  });
});

describe("autofitRows", () => {
  test("a wrapped cell gets one line height per wrapped line; large text gets a taller line; others the default", async () => {
    const sheet = await fit([["Top 2 segments' revenue share"], ["Title"], ["plain"]], (s) => {
      s.getRange("A1").format.columnWidth = 60;
      s.getRange("A1").format.wrapText = true;
      s.getRange("A2").format.font.size = 16;
      s.getRange("A1:A3").format.autofitRows();
    });
    const lines = wrappedLines("Top 2 segments' revenue share", 60 - CELL_PADDING).length;
    expect(lines).toBeGreaterThan(1);
    expect(sheet.rowHeight(0)).toBe(lines * 15);
    expect(sheet.rowHeight(1)).toBe(21);
    expect(sheet.rowHeight(2)).toBe(15);
  });
});
