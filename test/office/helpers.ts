/**
 * Shared set-up for the adapter tests: a simulated Excel host holding a transactions sheet, and readers for what the
 * adapter wrote. Syncs resolve on microtasks (no timers) so the tests stay quick.
 */
import { createExcelHost, type ExcelHost, type ExcelHostOptions } from "excel-sim";
import { OUTPUTS_KEY, parseMarker, type OutputsMarker } from "../../src/office/settings";
import { parseSnapshot, timestampToExcelSerial, type Cell, type ColumnTable } from "../../src/rfm";
import { SMALL_RETAIL } from "../fixtures/office/smallRetail";
import { loadOnlineRetail } from "../helpers/realData";

export type Row = (string | number | boolean)[];

export function newHost(options: ExcelHostOptions = {}): ExcelHost {
  return createExcelHost({ syncDelay: "microtask", ...options });
}

/** A host whose active sheet "Online Retail" holds `rows` (default: the small fixture). */
export function retailHost(rows: Row[] = SMALL_RETAIL, options: ExcelHostOptions = {}): ExcelHost {
  const host = newHost(options);
  host.loadSheet("Online Retail", rows);
  host.resetStats();
  return host;
}

/** The real data's columns as a workbook holds them: InvoiceDate as Excel serial numbers, the rest as parsed. */
export function onlineRetailSheetColumns(data: ColumnTable): Cell[][] {
  const dateCol = data.headers.indexOf("InvoiceDate");
  return data.columns.map((col, j) =>
    j === dateCol ? Array.from(col, (v) => timestampToExcelSerial(parseSnapshot(String(v)))) : Array.from(col),
  );
}

/** A host whose sheet "Online Retail" holds the real data (541,909 rows), InvoiceDate as Excel serial numbers as a
 *  workbook stores dates (`columns`, when the caller already converted them). */
export function onlineRetailHost(
  data: ColumnTable = loadOnlineRetail(),
  columns: Cell[][] = onlineRetailSheetColumns(data),
): ExcelHost {
  const host = newHost();
  host.loadSheet("Online Retail", { headers: data.headers, columns: columns as never });
  host.resetStats();
  return host;
}

export function marker(host: ExcelHost): OutputsMarker {
  return parseMarker(host.workbook.settings.get(OUTPUTS_KEY));
}

export function sheetNames(host: ExcelHost): string[] {
  return host.workbook.sheets.map((s) => s.name);
}

/** Values and number formats of a block, for before/after comparisons of the user's cells. */
export function cells(host: ExcelHost, sheet: string, address: string): { values: unknown[][]; formats: unknown[][] } {
  const wb = host.workbook;
  const s = wb.requireSheet(sheet);
  const rect = parseRect(address);
  return { values: s.readBlock(rect, "values"), formats: s.readBlock(rect, "numberFormat") };
}

function parseRect(address: string): { r0: number; c0: number; r1: number; c1: number } {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(address);
  if (!m) throw new Error(`bad address ${address}`);
  const col = (s: string) => [...s].reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { r0: Number(m[2]) - 1, c0: col(m[1]), r1: Number(m[4]) - 1, c1: col(m[3]) };
}

/** Everything a re-run must reproduce: every sheet's values and formats, tables, charts, formats, slicers; sheet
 *  ids, chart names and fingerprints (which change when a sheet is recreated) are left out. */
export function workbookState(host: ExcelHost, skipCellsOf: string[] = []): unknown {
  const snap = host.snapshot();
  const m = marker(host);
  return {
    active: snap.activeSheet,
    sheets: snap.sheets.map((s) => ({
      name: s.name,
      usedRange: s.usedRange,
      freeze: s.freeze,
      tables: s.tables,
      charts: s.charts.map((c) => ({ ...c, name: undefined, sheet: undefined })),
      conditionalFormats: s.conditionalFormats.map((c) => ({ type: c.type, address: c.address, props: c.props })),
      values: s.usedRange && !skipCellsOf.includes(s.name) ? host.readSheetValues(s.name) : [],
      formats:
        s.usedRange && !skipCellsOf.includes(s.name)
          ? host.workbook
              .requireSheet(s.name)
              .readBlock(host.workbook.requireSheet(s.name).usedRect(false)!, "numberFormat")
          : [],
    })),
    tables: snap.tables.map((t) => ({ ...t, id: undefined })),
    slicers: snap.slicers,
    marker: {
      sheets: m.sheets.map((r) => ({ role: r.role, name: r.name, tables: r.tables })),
      source: m.source,
      slicers: m.slicers,
    },
  };
}
