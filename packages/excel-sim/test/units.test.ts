/**
 * Building blocks of the simulation: payload sizing equals the real JSON size, A1 addresses round-trip, date serials
 * follow Excel's 1900 system, number formats display as Excel documents them, typed input parsing.
 */
import fc from "fast-check";
import {
  columnIndex,
  columnLetters,
  dateToSerial,
  formatCell,
  jsonBytes,
  MAX_COLUMNS,
  MAX_ROWS,
  parseA1,
  serialToParts,
} from "../src";
import { formatRect } from "../src/address";
import { CellError, fixedDecimal, parseInput } from "../src/cellvalue";

describe("jsonBytes", () => {
  test("equals the UTF-8 length of JSON.stringify for any JSON value (unicode, escapes, doubles, nesting)", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        expect(jsonBytes(v)).toBe(Buffer.byteLength(JSON.stringify(v), "utf8"));
      }),
      { numRuns: 2000 },
    );
  });

  test("strings with control characters, lone surrogates and astral characters; doubles of every size", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: "binary" }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null))),
        (row) => {
          expect(jsonBytes([row])).toBe(Buffer.byteLength(JSON.stringify([row]), "utf8"));
        },
      ),
      { numRuns: 2000 },
    );
    for (const s of ['\u0000\u0008\t\n\u001f"\\', "\ud800", "x\udc00y", "😀", "\u2028", "é€"]) {
      expect(jsonBytes(s)).toBe(Buffer.byteLength(JSON.stringify(s), "utf8"));
    }
  });
});

describe("A1 addresses", () => {
  test("column letters and indexes are inverse over the whole grid; XFD is the last column", () => {
    for (let c = 0; c < MAX_COLUMNS; c++) expect(columnIndex(columnLetters(c))).toBe(c);
    expect(columnLetters(0)).toBe("A");
    expect(columnLetters(25)).toBe("Z");
    expect(columnLetters(26)).toBe("AA");
    expect(columnLetters(MAX_COLUMNS - 1)).toBe("XFD");
  });

  test("formatRect and parseA1 round-trip any rectangle", () => {
    const rect = fc
      .tuple(fc.nat(MAX_ROWS - 1), fc.nat(MAX_ROWS - 1), fc.nat(MAX_COLUMNS - 1), fc.nat(MAX_COLUMNS - 1))
      .map(([a, b, c, d]) => ({ r0: Math.min(a, b), r1: Math.max(a, b), c0: Math.min(c, d), c1: Math.max(c, d) }));
    fc.assert(fc.property(rect, (r) => expect(parseA1(formatRect(r))).toEqual(r)));
  });

  test("absolute references, whole rows and columns; junk is rejected", () => {
    expect(parseA1("$B$2:$c$10")).toEqual({ r0: 1, c0: 1, r1: 9, c1: 2 });
    expect(parseA1("C:A")).toEqual({ r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: 2 });
    expect(parseA1("5:3")).toEqual({ r0: 2, c0: 0, r1: 4, c1: MAX_COLUMNS - 1 });
    for (const bad of ["", "A", "1", "A0", "XFE1", "A1048577", "A1:B", "A1:B2:C3", "Sheet1"])
      expect(parseA1(bad)).toBeNull();
  });
});

describe("date serials (1900 system)", () => {
  test("documented anchors: 1 = 1900-01-01, 60 = the phantom 1900-02-29, 61 = 1900-03-01, 36526 = 2000-01-01", () => {
    expect(dateToSerial(1900, 1, 1)).toBe(1);
    expect(dateToSerial(1900, 2, 28)).toBe(59);
    expect(dateToSerial(1900, 3, 1)).toBe(61);
    expect(dateToSerial(2000, 1, 1)).toBe(36526);
    expect(serialToParts(60)).toMatchObject({ y: 1900, m: 2, d: 29 });
    expect(dateToSerial(2011, 12, 9, 12, 0, 0)).toBe(40886.5);
  });

  test("serial → parts → serial round-trips for every day from 1900 to 2100 (and times to the second)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 73415 }), fc.integer({ min: 0, max: 86399 }), (day, sec) => {
        const serial = day + sec / 86400;
        const p = serialToParts(serial);
        if (day === 60) return; // no real calendar date
        expect(dateToSerial(p.y, p.m, p.d, p.hh, p.mi, p.ss)).toBeCloseTo(serial, 9);
      }),
    );
  });
});

describe("formatCell (Range.text)", () => {
  test.each<[number | string | boolean, string, string]>([
    [0.1 + 0.2, "General", "0.3"],
    [1 / 3, "General", "0.333333333"],
    [123456789012, "General", "1.23457E+11"],
    [-1234.5, "General", "-1234.5"],
    [1234567.891, "#,##0.00", "1,234,567.89"],
    [2.555, "0.00", "2.56"], // Excel rounds the decimal value, not the binary one
    [0.5, "0%", "50%"],
    [-5, "$#,##0.00_);($#,##0.00)", "($5.00)"],
    [5, "$#,##0.00_);($#,##0.00)", "$5.00 "],
    [1500000, '#,##0,"K"', "1,500K"],
    [0, '0.00;-0.00;"zero"', "zero"],
    [60, "m/d/yyyy", "2/29/1900"],
    [36526.5, "yyyy-mm-dd hh:mm:ss", "2000-01-01 12:00:00"],
    [36526, "d-mmm-yy", "1-Jan-00"],
    [36526, "dddd", "Saturday"],
    [0.75, "h:mm AM/PM", "6:00 PM"],
    [36526, "[$-409]mmmm d, yyyy", "January 1, 2000"],
    ["text", "0.00", "text"],
    [true, "General", "TRUE"],
  ])("%p with %p → %p", (v, fmt, text) => {
    expect(formatCell(v, fmt)).toBe(text);
  });

  test("fixedDecimal rounds half away from zero on 15 significant digits", () => {
    expect(fixedDecimal(0.05, 1)).toBe("0.1");
    expect(fixedDecimal(9.96, 1)).toBe("10.0");
    expect(fixedDecimal(1.005, 2)).toBe("1.01");
    expect(fixedDecimal(42, 0)).toBe("42");
    expect(fixedDecimal(0, 2)).toBe("0.00");
  });
});

describe("parseInput (what Excel stores for a written value)", () => {
  test.each<[unknown, unknown]>([
    ["1,234", { kind: "value", value: 1234, format: "#,##0" }],
    ["1e3", { kind: "value", value: 1000 }],
    ["+5", { kind: "value", value: 5 }],
    ["-abc", { kind: "formula", formula: "=-abc" }],
    ["'0123", { kind: "value", value: "0123" }],
    ["true", { kind: "value", value: true }],
    ["2011-02-29", { kind: "value", value: "2011-02-29" }], // not a date: stays text
    ["12:30", { kind: "value", value: 0.5208333333333334, format: "h:mm" }],
    ["#DIV/0!", { kind: "value", value: new CellError("#DIV/0!") }],
    ["", { kind: "clear" }],
    [null, { kind: "skip" }],
    [NaN, { kind: "skip" }],
  ])("%p → %p", (input, expected) => {
    expect(parseInput(input, false)).toEqual(expected);
  });

  test("with a text format nothing is converted", () => {
    expect(parseInput("555", true)).toEqual({ kind: "value", value: "555" });
    expect(parseInput("=A1", true)).toEqual({ kind: "value", value: "=A1" });
  });
});
