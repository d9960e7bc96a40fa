/**
 * The CLI's own .xlsx reader (src/cli/xlsx.ts) against exceljs, cell for cell: on workbooks built here with exceljs
 * (shared and inline strings, rich text, formulas with cached values, number and date formats, the 1904 date
 * system, empty and hidden sheets, error cells), on a hand-written workbook with what exceljs does not write
 * (namespace prefixes, phonetic runs, cells without references, ISO date cells, cached booleans and errors), and on
 * the real Online Retail workbook when it is there. Then what a file that is not a workbook (or a workbook the
 * reader cannot start on) gives: exit 2 and a message saying what the file is or which sheets there are.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { zipSync, strToU8 } from "fflate";
import { runMain } from "../helpers/cli";
import { readXlsx, scanCells } from "../../src/cli/xlsx";
import type { Cell } from "../../src/rfm/types";

const REAL = path.resolve(__dirname, "../../../shared/data/online_retail.xlsx");

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-xlsx-"));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface Ours {
  value: Cell;
  date: boolean;
}

/** Our reader's non-empty cells of a sheet, by "row:column" (1-based, as exceljs numbers them). */
async function ours(file: string, sheet: string): Promise<{ cells: Map<string, Ours>; date1904: boolean }> {
  const raw: [string, Cell, number][] = [];
  let row = 0;
  const info = await scanCells(file, sheet, {
    row: (r) => void (row = r),
    wants: () => true,
    cell: (c, v, s) => void raw.push([`${row}:${c + 1}`, v, s]),
  });
  const cells = new Map<string, Ours>();
  for (const [k, v, s] of raw) cells.set(k, { value: v, date: typeof v === "number" && info.isDate[s] === true });
  return { cells, date1904: info.date1904 };
}

/** An exceljs value as Range.values gives it (dates as serial numbers), or undefined for an empty cell. */
function expected(v: unknown, date1904: boolean): Ours | undefined {
  if (v === null || v === undefined || v === "") return undefined;
  if (v instanceof Date) return { value: v.getTime() / 86400000 + 25569 - (date1904 ? 1462 : 0), date: true };
  if (typeof v !== "object") return { value: v as Cell, date: false };
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) {
    return { value: (o.richText as { text: string }[]).map((r) => r.text).join(""), date: false };
  }
  if ("formula" in o || "sharedFormula" in o) return expected(o.result, date1904);
  if (typeof o.error === "string") return { value: o.error, date: false };
  throw new Error(`unexpected exceljs value ${JSON.stringify(v)}`);
}

/** exceljs' streaming reader over one sheet (styles loaded, so date-formatted numbers come back as Dates). */
async function eachExcelJsRow(
  file: string,
  sheet: string | null,
  fn: (row: number, values: unknown[]) => void,
): Promise<void> {
  // exceljs' streaming reader fails ("reading 'sheets'") when a zip lists a worksheet before workbook.xml, which
  // its own writer sometimes does; small workbooks are read whole instead, the real one streamed.
  if (fs.statSync(file).size < 4_000_000) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = sheet === null ? wb.worksheets[0] : wb.getWorksheet(sheet);
    ws?.eachRow((row, n) => fn(n, row.values as unknown[]));
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  let first = true;
  for await (const ws of reader as unknown as AsyncIterable<AsyncIterable<ExcelJS.Row> & { name: string }>) {
    const pick = sheet === null ? first : ws.name === sheet;
    first = false;
    if (!pick) {
      for await (const _row of ws) void _row;
      continue;
    }
    for await (const row of ws) fn(row.number, row.values as unknown[]);
  }
}

/** Cell-for-cell differences between our reader and exceljs on one sheet (empty when they agree). */
async function differences(file: string, sheet: string): Promise<string[]> {
  const mine = await ours(file, sheet);
  const diffs: string[] = [];
  const seen = new Set<string>();
  await eachExcelJsRow(file, sheet, (r, values) => {
    for (let c = 1; c < values.length; c++) {
      const e = expected(values[c], mine.date1904);
      if (e === undefined) continue;
      const key = `${r}:${c}`;
      seen.add(key);
      const got = mine.cells.get(key);
      const same =
        got !== undefined &&
        got.date === e.date &&
        (e.date ? Math.abs((got.value as number) - (e.value as number)) < 1e-8 : Object.is(got.value, e.value));
      if (!same) diffs.push(`${key}: ours ${JSON.stringify(got)}, exceljs ${JSON.stringify(e)}`);
    }
  });
  for (const key of mine.cells.keys()) if (!seen.has(key)) diffs.push(`${key}: only ours has it`);
  return diffs;
}

function utc(y: number, m: number, d: number, h = 0, mi = 0, s = 0): Date {
  // exceljs stores the wall clock in a Date's UTC fields
  return new Date(Date.UTC(y, m - 1, d, h, mi, s));
}

/** Rows with every kind of cell exceljs writes: the same for the shared-string and the inline-string workbooks. */
function fillData(ws: ExcelJS.Worksheet): void {
  ws.addRow(["Id", "Name", "When", "Amount", "Flag", "Formula", "Text formula", "Err"]);
  ws.addRow([
    17850,
    "Zoë & <Co> \"quoted\" 'single'",
    utc(2011, 12, 9, 12, 50),
    12.5,
    true,
    { formula: "D2*2", result: 25 },
    { formula: 'B2&"!"', result: "Zoë!" },
    { error: "#N/A" },
  ]);
  ws.getRow(5).values = [2, "😀 emoji and é in a longer text", utc(1900, 3, 1), 0.1, false, 1e-7, -0.5, "#DIV/0!"];
  ws.getRow(6).values = [
    "  spaced  ",
    "short é",
    utc(2024, 2, 29, 23, 59, 59),
    123456789012345680,
    0,
    "",
    3.14159,
    "x",
  ];
  ws.getCell("AA7").value = "far column";
  ws.getCell("C8").value = utc(1999, 12, 31, 6);
  ws.getCell("A9").value = "tab\there";
  const formats: [string, string][] = [
    ["C2", "yyyy-mm-dd hh:mm"],
    ["C5", "d/m/yy"],
    ["C6", "[$-409]d-mmm-yy;@"],
    ["C8", "[h]:mm:ss"],
    ["D2", "#,##0.00"],
    ["D5", "0.00%"],
    ["D6", '0.00 "days"'],
    ["G5", "[Red]0.00"],
  ];
  for (const [ref, fmt] of formats) ws.getCell(ref).numFmt = fmt;
}

async function sharedBook(file: string, date1904: boolean): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = date1904;
  fillData(wb.addWorksheet("Data"));
  const rich = wb.addWorksheet("Rich");
  rich.addRow(["Rich"]);
  rich.addRow([{ richText: [{ text: "Bold", font: { bold: true } }, { text: " and plain" }] }]);
  wb.addWorksheet("Empty");
  const hidden = wb.addWorksheet("Notes", { state: "hidden" });
  hidden.addRow(["a note"]);
  await wb.xlsx.writeFile(file);
}

async function inlineBook(file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet("Data");
  fillData(ws as unknown as ExcelJS.Worksheet);
  ws.commit();
  const rich = wb.addWorksheet("Rich");
  rich.addRow(["Rich"]).commit();
  rich.addRow([{ richText: [{ text: "Bold", font: { bold: true } }, { text: " and plain" }] }]).commit();
  rich.commit();
  await wb.commit();
}

describe("cell for cell against exceljs", () => {
  test("shared strings, number and date formats, formulas, errors, a far column", async () => {
    const file = path.join(tmp, "shared.xlsx");
    await sharedBook(file, false);
    expect(await differences(file, "Data")).toEqual([]);
    expect(await differences(file, "Rich")).toEqual([]);
    expect((await ours(file, "Rich")).cells.get("2:1")?.value).toBe("Bold and plain");
    expect(await differences(file, "Notes")).toEqual([]);
    expect((await ours(file, "Empty")).cells.size).toBe(0);
    // the rows above, checked by value too (not only as exceljs reads them)
    const data = (await ours(file, "Data")).cells;
    expect(data.get("2:2")?.value).toBe("Zoë & <Co> \"quoted\" 'single'");
    expect(data.get("5:2")?.value).toBe("😀 emoji and é in a longer text");
    expect(data.get("2:3")).toEqual({ value: 40886 + 770 / 1440, date: true });
    expect(data.get("2:8")?.value).toBe("#N/A");
    expect(data.get("7:27")?.value).toBe("far column");
    expect(data.get("6:4")).toEqual({ value: 123456789012345680, date: false });
  });

  test("the 1904 date system: flagged, serial numbers counted from 1904", async () => {
    const file = path.join(tmp, "d1904.xlsx");
    await sharedBook(file, true);
    expect(await differences(file, "Data")).toEqual([]);
    const r = await ours(file, "Data");
    expect(r.date1904).toBe(true);
    expect(r.cells.get("2:3")?.value).toBeCloseTo(40886 - 1462 + 770 / 1440, 9);
    expect((await readXlsx(file, { sheet: "Data" })).date1904).toBe(true);
  });

  test("inline strings (exceljs' streaming writer), rich text runs joined", async () => {
    const file = path.join(tmp, "inline.xlsx");
    await inlineBook(file);
    expect(await differences(file, "Data")).toEqual([]);
    // exceljs' reader keeps only the last run of an inline rich text; Excel shows all runs
    expect((await ours(file, "Rich")).cells.get("2:1")?.value).toBe("Bold and plain");
  });

  test("readXlsx: header row, gaps as empty rows, kept columns only, date columns", async () => {
    const file = path.join(tmp, "shared.xlsx");
    const r = await readXlsx(file, { sheet: "data", columns: (h) => h !== "Name" });
    expect(r.sheetName).toBe("Data");
    expect(r.headerRow).toBe(1);
    expect(r.table.headers).toEqual(["Id", "Name", "When", "Amount", "Flag", "Formula", "Text formula", "Err"]);
    expect(r.table.columns[0]).toEqual([17850, "", "", 2, "  spaced  ", "", "", "tab\there"]);
    expect(r.table.columns[1]).toEqual(new Array(8));
    expect(r.table.columns[4]).toEqual([true, "", "", false, 0, "", "", ""]);
    expect(r.dateColumns).toEqual([false, false, true, false, false, false, false, false]);
  });
});

/** A workbook written by hand: the parts as strings. */
function handBook(file: string, sheetXml: string, extra: Record<string, string> = {}): void {
  const parts: Record<string, string> = {
    "_rels/.rels":
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" ' +
      'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml":
      '<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<x:sheets><x:sheet name="Hand &amp; made" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>',
    "xl/_rels/workbook.xml.rels":
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' +
      "</Relationships>",
    "xl/sharedStrings.xml":
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si>' +
      '<si><r><t xml:space="preserve">two </t></r><r><rPr><b/></rPr><t>runs</t></r></si><si><t>line_x000D_break</t></si><si/></sst>',
    ...extra,
  };
  const files: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(parts)) files[name] = strToU8(text);
  files["xl/worksheets/sheet1.xml"] = strToU8(sheetXml);
  fs.writeFileSync(file, zipSync(files));
}

test("what exceljs does not write: prefixes, phonetic runs, cells without r, ISO dates, cached booleans and errors", async () => {
  const file = path.join(tmp, "hand.xlsx");
  handBook(
    file,
    '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
      '<x:row r="1"><x:c t="inlineStr"><x:is><x:t>Id</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Name</x:t></x:is></x:c></x:row>' +
      '<x:row><x:c><x:v>1</x:v></x:c><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c></x:row>' +
      '<x:row r="4"><x:c r="A4" t="b"><x:f>TRUE()</x:f><x:v>1</x:v></x:c><x:c r="B4" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c>' +
      '<x:c r="C4" t="d"><x:v>2011-12-09T12:50:00</x:v></x:c><x:c r="D4" t="str"><x:f>"a"</x:f><x:v>a &amp;&#x20AC;</x:v></x:c>' +
      '<x:c r="E4" s="0"/><x:c r="F4" t="s"><x:v>3</x:v></x:c></x:row><x:row r="6"/>' +
      '<!-- <x:c r="A7"><x:v>99</x:v></x:c> --></x:sheetData></x:worksheet>',
  );
  const cells = (await ours(file, "Hand & made")).cells;
  expect([...cells.entries()]).toEqual([
    ["1:1", { value: "Id", date: false }],
    ["1:2", { value: "Name", date: false }],
    ["2:1", { value: 1, date: false }],
    ["2:2", { value: "漢字", date: false }],
    ["2:3", { value: "two runs", date: false }],
    ["2:4", { value: "line\rbreak", date: false }],
    ["4:1", { value: true, date: false }],
    ["4:2", { value: "#DIV/0!", date: false }],
    ["4:3", { value: 40886 + 770 / 1440, date: false }],
    ["4:4", { value: "a &€", date: false }],
  ]);
  const r = await readXlsx(file);
  expect(r.sheetName).toBe("Hand & made");
  expect(r.table.columns[0]).toEqual([1, "", true, "", ""]);
});

const realTest = fs.existsSync(REAL) ? test : test.skip;
realTest(
  "the real Online Retail workbook: every cell as exceljs reads it",
  async () => {
    // Columns first (a Map of 4 million cells would not fit a test worker), then exceljs row by row.
    const values: Cell[][] = [];
    const styles: Uint16Array[] = [];
    const rows = 541910;
    let row = 0;
    const info = await scanCells(REAL, "Online Retail", {
      row: (r) => void (row = r),
      wants: () => true,
      cell: (c, v, s) => {
        while (values.length <= c) {
          values.push(new Array<Cell>(rows + 1));
          styles.push(new Uint16Array(rows + 1));
        }
        values[c][row] = v;
        styles[c][row] = s;
      },
    });
    let diffs = 0;
    let cells = 0;
    const examples: string[] = [];
    await eachExcelJsRow(REAL, null, (r, vs) => {
      for (let c = 1; c < Math.max(vs.length, values.length + 1); c++) {
        const e = expected(vs[c], false);
        const got = values[c - 1]?.[r];
        const date = typeof got === "number" && info.isDate[styles[c - 1][r]] === true;
        if (e === undefined && got === undefined) continue;
        cells++;
        const same =
          e !== undefined &&
          got !== undefined &&
          e.date === date &&
          (e.date ? Math.abs((got as number) - (e.value as number)) < 1e-8 : Object.is(got, e.value));
        if (!same && diffs++ < 5) examples.push(`${r}:${c} ours ${JSON.stringify(got)} exceljs ${JSON.stringify(e)}`);
      }
    });
    expect(examples).toEqual([]);
    expect(diffs).toBe(0);
    expect(cells).toBeGreaterThan(4_000_000);
  },
  600_000,
);

/** Runs the CLI in this process; returns its exit status and output. */
async function cli(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await runMain(argv);
  return { status: code, stdout, stderr };
}

async function expectRefused(file: string, pattern: RegExp, ...more: string[]): Promise<void> {
  const out = path.join(tmp, "never.csv");
  const r = await cli(file, "--out", out, ...more);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.status).toBe(2);
  expect(fs.existsSync(out)).toBe(false);
}

describe("a file that is not a readable workbook: exit 2, saying what it is", () => {
  let good: Buffer;
  beforeAll(async () => {
    const file = path.join(tmp, "good.xlsx");
    await sharedBook(file, false);
    good = fs.readFileSync(file);
  });

  const write = (name: string, bytes: Buffer | string): string => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, bytes);
    return file;
  };

  test("a CSV renamed to .xlsx", async () => {
    const file = write("renamed.xlsx", "CustomerID,InvoiceDate,Amount\n1,2011-01-01,5\n");
    await expectRefused(
      file,
      /renamed\.xlsx: not an xlsx workbook: it starts like a CSV text file; rename it to \.csv/,
    );
  });

  test("truncated", async () => {
    const file = write("truncated.xlsx", good.subarray(0, Math.floor(good.length * 0.6)));
    await expectRefused(file, /truncated\.xlsx: the workbook is truncated or damaged \(zip: .+\)/);
  });

  test("damaged inside the sheet's compressed data", async () => {
    const bytes = Buffer.from(good);
    const at = bytes.indexOf("xl/worksheets/sheet1.xml");
    for (let i = at + 60; i < at + 90; i++) bytes[i] ^= 0x55;
    await expectRefused(
      write("damaged.xlsx", bytes),
      /damaged\.xlsx: the workbook is truncated or damaged \(zip: .+\)/,
    );
  });

  test("empty, an old .xls (or password-protected) file, a zip of something else", async () => {
    await expectRefused(write("empty.xlsx", ""), /not an xlsx workbook: the file is empty/);
    const ole = Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(504)]);
    await expectRefused(write("old.xlsx", ole), /not an xlsx workbook: it is an OLE2 compound file: an old \.xls/);
    const zip = Buffer.from(zipSync({ "notes.txt": strToU8("hello") }));
    await expectRefused(write("other.xlsx", zip), /not an xlsx workbook: it is a zip archive without a workbook part/);
  });
});

describe("a first sheet that cannot be the data: the sheets listed, --sheet suggested", () => {
  let file: string;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const secret = wb.addWorksheet("Secret", { state: "hidden" });
    secret.addRow(["CustomerID", "InvoiceDate", "Amount"]);
    secret.addRow([1, utc(2011, 1, 1), 5]);
    const sales = wb.addWorksheet("Sales");
    sales.addRow(["CustomerID", "InvoiceDate", "Amount"]);
    sales.addRow([7, utc(2011, 1, 1), 5]);
    sales.addRow([8, utc(2011, 2, 1), 9]);
    file = path.join(tmp, "hidden-first.xlsx");
    await wb.xlsx.writeFile(file);
    const blank = new ExcelJS.Workbook();
    blank.addWorksheet("Blank");
    blank.addWorksheet("Sales").addRows(sales.getSheetValues().slice(1) as unknown[][]);
    await blank.xlsx.writeFile(path.join(tmp, "blank-first.xlsx"));
  });

  test("hidden", async () => {
    await expectRefused(
      file,
      /the first sheet "Secret" is hidden\. The workbook's sheets are "Secret" \(hidden\), "Sales"; choose one with --sheet, e\.g\. --sheet "Sales"\./,
    );
    const r = await cli(file, "--sheet", "Sales", "--out", "-", "-q");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n").filter((l) => /^[78],/.test(l))).toHaveLength(2);
  });

  test("empty", async () => {
    await expectRefused(
      path.join(tmp, "blank-first.xlsx"),
      /Sheet "Blank" is empty: no header row and no data\. The workbook's sheets are "Blank", "Sales"; choose one with --sheet, e\.g\. --sheet "Sales"\./,
    );
  });
});
