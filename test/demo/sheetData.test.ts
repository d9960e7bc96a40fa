/**
 * The demo's conversion of parsed CSV columns into what Excel holds once the workbook is open: ISO date-time text
 * becomes 1900-system date serials with a date format; other columns stay as parsed. Serials below are worked out by
 * hand: 2010-01-01 is serial 40179 (Excel's own figure), and December 1 is 334 days later (31+28+31+30+31+30+31+31+
 * 30+31+30), so 2010-12-01 is 40513; 08:26 adds (8×60+26)/1440 of a day.
 */
import { DATE_FORMAT, DATE_TIME_FORMAT, isoToSerial, toSheetColumns } from "../../demo/sheetData";
import { loadOnlineRetail } from "../helpers/realData";

describe("isoToSerial", () => {
  it("gives Excel's serials for dates and times", () => {
    expect(isoToSerial("2010-01-01")).toBe(40179);
    expect(isoToSerial("2010-12-01")).toBe(40513);
    expect(isoToSerial("2010-12-01 08:26:00")).toBeCloseTo(40513 + 506 / 1440, 12);
    expect(isoToSerial("2011-12-09 12:50:00")).toBeCloseTo(40886 + 770 / 1440, 12);
    expect(isoToSerial("1900-03-01")).toBe(61);
  });

  it("rejects text that is not a real date", () => {
    for (const t of ["2011-02-30", "2011-13-01", "12/1/2010 8:26", "2010-12-01 8:26", "", "C536379", "1900-01-01"]) {
      expect(isoToSerial(t)).toBeNaN();
    }
  });
});

describe("toSheetColumns", () => {
  it("converts a column of ISO date-times, keeps empty cells empty and the other columns as they are", () => {
    const out = toSheetColumns({
      headers: ["InvoiceNo", "InvoiceDate", "Day", "Note"],
      columns: [
        [536365, "C536379", 536366],
        ["2010-12-01 08:26:00", "", "2010-12-02 00:00:00"],
        ["2010-12-01", "2010-12-02", "2010-12-03"],
        ["2010-12-01", "soon", "x"],
      ],
    });
    expect(out.headers).toEqual(["InvoiceNo", "InvoiceDate", "Day", "Note"]);
    expect(out.columns[0]).toEqual([536365, "C536379", 536366]);
    expect(out.columns[1][0]).toBeCloseTo(40513 + 506 / 1440, 12);
    expect(out.columns[1][1]).toBe("");
    expect(out.columns[1][2]).toBe(40514);
    expect(out.columns[2]).toEqual([40513, 40514, 40515]);
    // One cell that is not a date keeps the whole column as text, as Excel keeps such text.
    expect(out.columns[3]).toEqual(["2010-12-01", "soon", "x"]);
    expect(out.numberFormats).toEqual({ InvoiceDate: DATE_TIME_FORMAT, Day: DATE_FORMAT });
  });

  it("on the Online Retail data: only InvoiceDate changes, every row becomes a serial within the data's year", () => {
    const table = loadOnlineRetail();
    const out = toSheetColumns(table);
    expect(out.numberFormats).toEqual({ InvoiceDate: DATE_TIME_FORMAT });
    const j = table.headers.indexOf("InvoiceDate");
    out.columns.forEach((col, k) => {
      if (k !== j) expect(col).toBe(table.columns[k]);
    });
    const dates = out.columns[j] as number[];
    expect(dates).toHaveLength(541_909);
    // 2010-12-01 00:00 (40513) to 2011-12-10 00:00 (40887): the span of the data.
    expect(dates.every((d) => typeof d === "number" && d >= 40513 && d < 40887)).toBe(true);
    // Spot check against the text, row by row through the first invoices.
    for (let i = 0; i < 1000; i++) expect(dates[i]).toBe(isoToSerial(String(table.columns[j][i])));
  });
});
