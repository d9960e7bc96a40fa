/**
 * The 1904 date system (Excel's "Use 1904 date system", common in older Mac workbooks): the same serial is a date
 * 1,462 days later. No released API reads the setting, so the add-in takes the pane's choice or probes how Excel
 * shows the date cells; every date it reads or writes then uses that system.
 */
import { exportCampaignList } from "../../src/office/campaignList";
import { dateSystemFromText } from "../../src/office/dateSystem";
import { runSegmentation } from "../../src/office";
import { analyze } from "../../src/rfm";
import { SMALL_RETAIL } from "../fixtures/office/smallRetail";
import { newHost } from "./helpers";

const DATE_COL = 4; // InvoiceDate
const SHIFT = 1462;
const expected = analyze(SMALL_RETAIL);

/** The fixture with its dates shown as dates; as a 1904 workbook holds it: the same days, serials 1,462 lower. */
function hostWith(date1904: boolean) {
  const rows = SMALL_RETAIL.map((r, i) =>
    i === 0 || !date1904 ? r : r.map((v, j) => (j === DATE_COL ? (v as number) - SHIFT : v)),
  );
  const host = newHost({ date1904 });
  host.loadSheet("Online Retail", rows, { numberFormats: { InvoiceDate: "m/d/yyyy h:mm" } });
  return host;
}

test("the year in a date cell's text tells the system", () => {
  expect(dateSystemFromText(40886, "12/9/2011")).toBe("1900");
  expect(dateSystemFromText(40886 - SHIFT, "12/9/2011")).toBe("1904");
  expect(dateSystemFromText(40886 - SHIFT, "09.12.11")).toBe("1904");
  expect(dateSystemFromText(40886, "40886")).toBeUndefined();
});

test("a 1904 workbook is detected: the snapshot and the segments are those of the real dates", async () => {
  const host = hostWith(true);
  const summary = await runSegmentation({}, {}, host);
  const refHost = hostWith(false);
  const ref = await runSegmentation({}, {}, refHost);
  expect(summary.snapshot).toBe(ref.snapshot);
  expect(summary.segments).toEqual(ref.segments);
  // Dates written back (Last purchase on RFM Customers) are 1904 serials: the same days.
  const header = host.readSheetValues("RFM Customers", "A1:Z1")[0];
  const col = header.indexOf("Last purchase");
  expect(col).toBeGreaterThanOrEqual(0);
  const written = host.readSheetValues("RFM Customers", "A2:Z11").map((r) => (r[col] as number) + SHIFT);
  expect(written).toEqual(refHost.readSheetValues("RFM Customers", "A2:Z11").map((r) => r[col]));
});

test("the pane's choice wins over the probe", async () => {
  // Told "1900", the add-in reads the 1904 serials as dates four years earlier.
  const chosen = await runSegmentation({ dateSystem: "1900" }, {}, hostWith(true));
  const ref = await runSegmentation({}, {}, hostWith(false));
  expect(Number(chosen.snapshot.slice(0, 4))).toBe(Number(ref.snapshot.slice(0, 4)) - 4);
});

test("the campaign list's Last purchase is a 1904 serial in a 1904 workbook", async () => {
  const host = hostWith(true);
  const label = expected.customers[0].segment;
  const out = await exportCampaignList({}, { segments: [label], target: "sheet" }, host);
  const hostRef = hostWith(false);
  const ref = await exportCampaignList({}, { segments: [label], target: "sheet" }, hostRef);
  const got = host.readSheetValues(out.sheet!, "F2:F3").map((r) => (r[0] as number) + SHIFT);
  expect(got).toEqual(hostRef.readSheetValues(ref.sheet!, "F2:F3").map((r) => r[0]));
});
