import {
  daysFromCivil,
  detectDateOrder,
  excelSerialToTimestamp,
  formatTimestamp,
  formatWithDate,
  parseDateCell,
  parseDateText,
  parseFixedIso,
  parseSnapshot,
  timestampToExcelSerial,
  wallClock,
} from "../../src/rfm/dates";
import { RfmError } from "../../src/rfm/errors";

const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number => Date.UTC(y, mo - 1, d, h, mi, s);

describe("calendar arithmetic", () => {
  test("daysFromCivil agrees with Date.UTC over leap years and centuries", () => {
    for (const [y, m, d] of [
      [1970, 1, 1],
      [1900, 2, 28],
      [1900, 3, 1],
      [2000, 2, 29],
      [2011, 12, 9],
      [1600, 3, 1],
      [9999, 12, 31],
    ]) {
      expect(daysFromCivil(y, m, d) * 86400000).toBe(utc(y, m, d));
    }
  });
  test("wallClock rejects impossible dates and times", () => {
    expect(wallClock(2011, 2, 29)).toBeNaN();
    expect(wallClock(2012, 2, 29)).toBe(utc(2012, 2, 29));
    expect(wallClock(1900, 2, 29)).toBeNaN();
    expect(wallClock(2011, 4, 31)).toBeNaN();
    expect(wallClock(2011, 13, 1)).toBeNaN();
    expect(wallClock(2011, 1, 1, 24, 0)).toBeNaN();
    expect(wallClock(2011, 1, 1, 23, 60)).toBeNaN();
  });
});

describe("Excel serials", () => {
  test("1900 system: known serials (2000-01-01 = 36526, 2011-12-09 = 40886)", () => {
    expect(excelSerialToTimestamp(36526)).toBe(utc(2000, 1, 1));
    expect(excelSerialToTimestamp(40886)).toBe(utc(2011, 12, 9));
    // 12:50 is 770 minutes = 770/1440 of a day; the fraction is rounded to the millisecond.
    expect(excelSerialToTimestamp(40886 + 770 / 1440)).toBe(utc(2011, 12, 9, 12, 50));
    expect(excelSerialToTimestamp(40886.5347222222)).toBe(utc(2011, 12, 9, 12, 50));
  });
  test("1900 system: the fake 1900-02-29 (serial 60) and the days before it", () => {
    expect(excelSerialToTimestamp(1)).toBe(utc(1900, 1, 1));
    expect(excelSerialToTimestamp(59)).toBe(utc(1900, 2, 28));
    expect(excelSerialToTimestamp(60)).toBe(utc(1900, 3, 1));
    expect(excelSerialToTimestamp(61)).toBe(utc(1900, 3, 1));
    expect(excelSerialToTimestamp(62)).toBe(utc(1900, 3, 2));
    expect(excelSerialToTimestamp(0)).toBe(utc(1899, 12, 31));
    expect(excelSerialToTimestamp(59.5)).toBe(utc(1900, 2, 28, 12));
  });
  test("1904 system: serial 0 is 1904-01-01 and 2000-01-01 is 35064", () => {
    expect(excelSerialToTimestamp(0, "1904")).toBe(utc(1904, 1, 1));
    expect(excelSerialToTimestamp(35064, "1904")).toBe(utc(2000, 1, 1));
    expect(excelSerialToTimestamp(35064.25, "1904")).toBe(utc(2000, 1, 1, 6));
  });
  test("out-of-range serials are unreadable", () => {
    expect(excelSerialToTimestamp(-1)).toBeNaN();
    expect(excelSerialToTimestamp(2958466)).toBeNaN();
    expect(excelSerialToTimestamp(20111209)).toBeNaN();
    expect(excelSerialToTimestamp(NaN)).toBeNaN();
  });
  test("timestampToExcelSerial inverts both systems", () => {
    for (const s of [1, 59, 61, 36526, 40886.5]) expect(timestampToExcelSerial(excelSerialToTimestamp(s))).toBe(s);
    expect(timestampToExcelSerial(utc(2000, 1, 1), "1904")).toBe(35064);
  });
});

describe("text dates", () => {
  test("fixed ISO fast path", () => {
    expect(parseFixedIso("2011-12-09 12:50:00")).toBe(utc(2011, 12, 9, 12, 50));
    expect(parseFixedIso("2011-12-09T12:50:07")).toBe(utc(2011, 12, 9, 12, 50, 7));
    expect(parseFixedIso("2011-12-09 12:50")).toBeNaN(); // another shape: not the fast path
    expect(parseFixedIso("2011-13-09 12:50:00")).toBeNaN();
    expect(parseFixedIso("2011-1a-09 12:50:00")).toBeNaN();
    expect(parseFixedIso("2011-02-29 00:00:00")).toBeNaN();
  });
  test("ISO variants", () => {
    expect(parseDateText("2011-12-09")).toBe(utc(2011, 12, 9));
    expect(parseDateText("2011-12-09T12:50")).toBe(utc(2011, 12, 9, 12, 50));
    expect(parseDateText(" 2011-12-09 12:50:00 ")).toBe(utc(2011, 12, 9, 12, 50));
    expect(parseDateText("2011/12/9 8:05")).toBe(utc(2011, 12, 9, 8, 5));
    expect(parseDateText("2011-12-09T12:50:00.250Z")).toBe(utc(2011, 12, 9, 12, 50) + 250);
    expect(parseDateText("2011-12-09T12:50:00+01:00")).toBe(utc(2011, 12, 9, 12, 50));
  });
  test("day/month text in both orders, with times and AM/PM", () => {
    expect(parseDateText("9/12/2011 12:50", "dmy")).toBe(utc(2011, 12, 9, 12, 50));
    expect(parseDateText("9/12/2011 12:50", "mdy")).toBe(utc(2011, 9, 12, 12, 50));
    expect(parseDateText("09.12.2011", "dmy")).toBe(utc(2011, 12, 9));
    expect(parseDateText("12/1/2010 8:26", "mdy")).toBe(utc(2010, 12, 1, 8, 26));
    expect(parseDateText("1/12/2010 1:05 PM", "dmy")).toBe(utc(2010, 12, 1, 13, 5));
    expect(parseDateText("1/12/2010 12:05 am", "dmy")).toBe(utc(2010, 12, 1, 0, 5));
    expect(parseDateText("1-12-10", "dmy")).toBe(utc(2010, 12, 1));
    expect(parseDateText("1-12-45", "dmy")).toBe(utc(1945, 12, 1));
  });
  test("month names", () => {
    expect(parseDateText("9 Dec 2011")).toBe(utc(2011, 12, 9));
    expect(parseDateText("09-Dec-2011 12:50")).toBe(utc(2011, 12, 9, 12, 50));
    expect(parseDateText("Dec 9, 2011")).toBe(utc(2011, 12, 9));
    expect(parseDateText("September 30 2011")).toBe(utc(2011, 9, 30));
    expect(parseDateText("9 Decembre 2011")).toBeNaN();
  });
  test("unreadable text", () => {
    for (const s of ["", "   ", "hello", "31/04/2011", "13/13/2011", "2011-02-29", "9/12/2011 25:00", "40886"]) {
      expect(parseDateText(s, "dmy")).toBeNaN();
    }
    expect(parseDateText("13/1/2011", "mdy")).toBeNaN();
  });
  test("parseDateCell dispatches by type", () => {
    expect(parseDateCell(40886)).toBe(utc(2011, 12, 9));
    expect(parseDateCell(35064, { dateSystem: "1904" })).toBe(utc(2000, 1, 1));
    expect(parseDateCell("3/4/2011", { dateOrder: "mdy" })).toBe(utc(2011, 3, 4));
    expect(parseDateCell(new Date("2011-12-09T12:50:00Z"))).toBe(utc(2011, 12, 9, 12, 50));
    expect(parseDateCell(true)).toBeNaN();
    expect(parseDateCell(null)).toBeNaN();
    expect(parseDateCell(new Date("nope"))).toBeNaN();
  });
  test("formatTimestamp", () => {
    expect(formatTimestamp(utc(2011, 12, 9, 12, 50))).toBe("2011-12-09 12:50:00");
    expect(formatTimestamp(utc(2011, 12, 9, 12, 50), false)).toBe("2011-12-09");
  });
  test("formatTimestamp's arithmetic writes what a Date object says, value for value", () => {
    // Seeded, so a failure repeats: xorshift over the years 1000..9999, with fractions and the edges of days,
    // leap days, centuries and the range itself.
    let seed = 0x2545f491;
    const next = (): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 2 ** 32;
    };
    const lo = utc(1000, 1, 1);
    const hi = utc(10000, 1, 1);
    const values = [lo, lo + 0.5, hi - 1, hi - 0.5, hi, lo - 1, -0.5, 0, -1, NaN, Infinity, -Infinity, 8.64e15];
    for (const y of [1600, 1700, 1900, 2000, 2011, 2024, 2100, 9999]) {
      for (const [m, d] of [
        [2, 28],
        [2, 29],
        [3, 1],
        [12, 31],
        [1, 1],
      ]) {
        const t = utc(y, m, d);
        values.push(t, t - 1, t + 1, t + 86399999, t - 0.25);
      }
    }
    for (let i = 0; i < 50000; i++) values.push(lo + next() * (hi - lo), Math.floor(lo + next() * (hi - lo)));
    for (const v of values) {
      expect(formatTimestamp(v)).toBe(formatWithDate(v));
      expect(formatTimestamp(v, false)).toBe(formatWithDate(v, false));
    }
  });
});

describe("date order detection", () => {
  test("a first part above 12 means day first", () => {
    const d = detectDateOrder(["1/2/2011", "3/4/2011", "25/4/2011"]);
    expect(d).toEqual({ order: "dmy", evidence: "dmy", sawDayMonthText: true });
  });
  test("a second part above 12 means month first", () => {
    expect(detectDateOrder(["1/2/2011", "12/31/2011 10:00"]).order).toBe("mdy");
  });
  test("no evidence: dmy, marked as assumed", () => {
    expect(detectDateOrder(["1/2/2011", "3/4/2011"])).toEqual({
      order: "dmy",
      evidence: "none",
      sawDayMonthText: true,
    });
    expect(detectDateOrder(["2011-12-09 12:50:00", 40886, ""]).sawDayMonthText).toBe(false);
  });
  test("both kinds is an error naming a row of each (sheet rows)", () => {
    let err: unknown;
    try {
      detectDateOrder(["1/2/2011", "25/4/2011", "4/25/2011"], 2, "InvoiceDate");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RfmError);
    expect((err as RfmError).code).toBe("badDate");
    expect((err as RfmError).rows).toEqual([3, 4]);
    expect((err as RfmError).message).toContain('row 3 has "25/4/2011"');
    expect((err as RfmError).message).toContain('row 4 has "4/25/2011"');
    expect((err as RfmError).column).toBe("InvoiceDate");
  });
});

describe("snapshot option", () => {
  test("number, ISO text and Date", () => {
    expect(parseSnapshot(utc(2006, 12, 31))).toBe(utc(2006, 12, 31));
    expect(parseSnapshot("2006-12-31")).toBe(utc(2006, 12, 31));
    expect(parseSnapshot(new Date("2006-12-31"))).toBe(utc(2006, 12, 31));
  });
  test("unreadable snapshot is a badOption error", () => {
    expect(() => parseSnapshot("yesterday")).toThrow(/Snapshot date "yesterday" cannot be read/);
    expect(() => parseSnapshot(NaN)).toThrow(RfmError);
  });
});
