/**
 * The "RFM Customers" sheet: one Excel table, one row per scored customer, best first (score descending, then
 * monetary descending, then the engine's customer order), with the header frozen, color scales on R, F and M and a
 * slicer on Segment (ExcelApi 1.10; when missing or failing, the table's filter buttons and a warning instead).
 *
 * Columns are data (`CUSTOMER_COLUMNS`): header, number format and value per customer, so later features (previous
 * segment, value per customer) add columns without a new writer. Dates are written as Excel serials with a date
 * format; ids that are plain integers as numbers, any other id as text (text format set before the values).
 *
 * Cost: values in chunks (≈ 4,300 customers fit one request), then one request for the table and formats, one for
 * the slicer. Example: customer 12346 with last purchase 2011-01-18 10:01 → serial 40561.4173… shown 2011-01-18.
 */
import { timestampToExcelSerial, type CustomerResult, type RfmResult } from "../rfm";
import { excelWouldConvert, FORMAT, rfmCell } from "./cells";
import { apiSupported } from "./host";
import { formatColumn, planChunks, Session, writeRows, type XlCell } from "./io";
import type { SheetPlan } from "./outputs";
import { queueSaveMarker, type OutputsMarker } from "./settings";
import { withSheet } from "./outputs";
import { columnLetters } from "./source";

/** What every column of an output table may depend on besides the customer. */
export interface WriteEnv {
  dateSystem: "1900" | "1904";
  /** Number format for money. */
  currency: string;
  /** All ids are plain integers (written as numbers). */
  numericIds: boolean;
  /** Display name of a segment label ("champions" → "Champions"); the label itself when absent. */
  segmentName?: (label: string) => string;
}

export interface CustomerColumnSpec {
  header: string;
  format: (env: WriteEnv) => string;
  value: (c: CustomerResult, env: WriteEnv) => XlCell;
  /** Gets a red-yellow-green color scale. */
  colorScale?: boolean;
  /** Column whose text must be protected from Excel's type guessing ("@" before the values). */
  text?: (env: WriteEnv) => boolean;
}

export const CUSTOMER_COLUMNS: readonly CustomerColumnSpec[] = [
  {
    header: "CustomerID",
    format: (env) => (env.numericIds ? FORMAT.integer : FORMAT.text),
    value: (c, env) => (env.numericIds ? Number(c.id) : c.id),
    text: (env) => !env.numericIds,
  },
  {
    header: "Last purchase",
    format: () => FORMAT.date,
    value: (c, env) => timestampToExcelSerial(c.lastPurchase, env.dateSystem),
  },
  { header: "Recency", format: () => FORMAT.integer, value: (c) => c.recency },
  { header: "Frequency", format: () => FORMAT.integer, value: (c) => c.frequency },
  { header: "Monetary", format: (env) => env.currency, value: (c) => c.monetary },
  { header: "R", format: () => FORMAT.integer, value: (c) => c.r, colorScale: true },
  { header: "F", format: () => FORMAT.integer, value: (c) => c.f, colorScale: true },
  { header: "M", format: () => FORMAT.integer, value: (c) => c.m, colorScale: true },
  { header: "RFM", format: () => FORMAT.general, value: (c) => rfmCell(c.rfm) },
  { header: "Score", format: () => FORMAT.integer, value: (c) => c.score },
  // The display name: the table, its filter and its slicer are read by people.
  {
    header: "Segment",
    format: () => FORMAT.general,
    value: (c, env) => (env.segmentName ? env.segmentName(c.segment) : c.segment),
  },
];

/** Country of the customer's last purchase: after the other columns, when the source has a country column. */
export const COUNTRY_COLUMN: CustomerColumnSpec = {
  header: "Country",
  format: () => FORMAT.text,
  value: (c) => c.country ?? "",
  text: () => true,
};

/** Customer indexes best first: score desc, monetary desc, then the engine's (id) order. */
export function customerOrder(customers: readonly CustomerResult[]): Int32Array {
  const idx = Int32Array.from(customers.keys());
  idx.sort((a, b) => {
    const ca = customers[a];
    const cb = customers[b];
    return cb.score - ca.score || cb.monetary - ca.monetary || a - b;
  });
  return idx;
}

/** Queues a 3-color scale (low red, high green) on a range. */
export function addColorScale(range: Excel.Range): void {
  const cf = range.conditionalFormats.add("ColorScale");
  cf.colorScale.criteria = {
    minimum: { type: "LowestValue", color: "#F8696B" },
    midpoint: { type: "Percentile", formula: "50", color: "#FFEB84" },
    maximum: { type: "HighestValue", color: "#63BE7B" },
  };
}

export interface SheetWriteResult {
  name: string;
  /** The new sheet (its `id` is loaded). */
  sheet: Excel.Worksheet;
  tables: string[];
  charts: number;
  warnings: string[];
  slicers: string[];
  marker: OutputsMarker;
}

/** Queues deleting the replaced sheet and adding the new one; records it as "pending" in the marker. */
export function startSheet(
  s: Session,
  plan: SheetPlan,
  marker: OutputsMarker,
  tables: string[],
): { sheet: Excel.Worksheet; marker: OutputsMarker } {
  const sheets = s.context.workbook.worksheets;
  if (plan.replace) sheets.getItem(plan.replace).delete();
  const sheet = sheets.add(plan.name);
  // The new sheet takes the old one's tab position, so a re-run does not reorder the analyst's tabs.
  if (plan.position !== undefined) sheet.position = plan.position;
  sheet.load("id,name");
  const m = withSheet(marker, { role: plan.role, id: "", name: plan.name, fingerprint: "pending", tables });
  return { sheet, marker: m };
}

/** Writes the "RFM Customers" sheet (see the file comment): values, formats, the table, then the slicer. */
export async function writeCustomersSheet(
  s: Session,
  plan: SheetPlan,
  result: RfmResult,
  env: WriteEnv,
  tableName: string,
  marker: OutputsMarker,
  onProgress: (fraction: number) => void,
  specs: readonly CustomerColumnSpec[] = CUSTOMER_COLUMNS,
): Promise<SheetWriteResult> {
  const customers = result.customers;
  const n = customers.length;
  const w = specs.length;
  const warnings: string[] = [];

  // Slicers from an earlier run sit on the replaced sheet and filter its table: deleting the sheet removes them
  // (a slicer cannot outlive its table), so only the record is reset here.
  const canSlice = apiSupported(s.host, "1.10");
  let m: OutputsMarker = { ...marker, slicers: plan.replace ? [] : marker.slicers };
  const started = startSheet(s, plan, m, [tableName]);
  const sheet = started.sheet;
  m = started.marker;
  queueSaveMarker(s.context, m);
  sheet.getRangeByIndexes(0, 0, 1, w).values = [specs.map((c) => c.header)];
  // Its own request: a chunk that Excel refuses as too large is retried smaller, and must not take the sheet's
  // creation down with it.
  await s.sync();

  await writeCustomerRows(s, sheet, customers, specs, env, (d) => onProgress((0.7 * d) / Math.max(1, n)));
  await writeNumberFormats(
    s,
    sheet,
    n,
    specs.map((c) => c.format(env)),
  );

  const table = sheet.tables.add(`A1:${columnLetters(w - 1)}${Math.max(2, n + 1)}`, true);
  table.name = tableName;
  table.style = "TableStyleMedium2";
  if (n > 0) {
    specs.forEach((c, j) => {
      if (c.colorScale) addColorScale(sheet.getRangeByIndexes(1, j, n, 1));
    });
  }
  sheet.freezePanes.freezeRows(1);
  // Every row: a wider figure further down would show as ##### in a column fitted to the first rows only.
  sheet.getRangeByIndexes(0, 0, n + 1, w).format.autofitColumns();
  // Range.left is ExcelApi 1.10, like slicers: only needed (and loaded) when a slicer will be placed.
  const anchor = canSlice ? sheet.getRangeByIndexes(0, w + 1, 1, 1).load("left") : undefined;
  s.suspendScreen();
  await s.sync();
  onProgress(0.85);

  let slicers: string[] = [];
  const segCol = specs.findIndex((c) => c.header === "Segment");
  if (segCol >= 0 && n > 0) {
    if (!canSlice) {
      warnings.push(
        "This version of Excel has no slicers (they need the Excel JavaScript API 1.10); use the filter button on " +
          "the Segment column of the RFM Customers table instead.",
      );
    } else {
      const name = await addSegmentSlicer(s, sheet, table, specs[segCol].header, anchor, warnings);
      if (name) {
        slicers = [name];
        m = { ...m, slicers: [...m.slicers, name] };
      }
    }
  }
  onProgress(1);
  return { name: plan.name, sheet, tables: [tableName], charts: 0, warnings, slicers, marker: m };
}

/** The customer rows below the header, best first, in chunks; text columns get "@" before their values. */
async function writeCustomerRows(
  s: Session,
  sheet: Excel.Worksheet,
  customers: readonly CustomerResult[],
  specs: readonly CustomerColumnSpec[],
  env: WriteEnv,
  afterChunk: (rowsDone: number) => void,
): Promise<void> {
  const n = customers.length;
  const w = specs.length;
  const order = customerOrder(customers);
  const textCols: number[] = [];
  specs.forEach((c, j) => {
    if (c.text?.(env)) textCols.push(j);
  });
  // Segment labels or other text Excel would reinterpret get the text format too.
  const sample = customers.length ? specs.map((c) => c.value(customers[0], env)) : [];
  specs.forEach((c, j) => {
    if (typeof sample[j] === "string" && !textCols.includes(j)) {
      if (customers.some((cu) => excelWouldConvert(String(c.value(cu, env))))) textCols.push(j);
    }
  });
  const rowBytes = (i: number): number => {
    const c = customers[order[i]];
    return 16 * w + c.id.length + c.rfm.length + 2 * c.segment.length + (c.country?.length ?? 0) + textCols.length * 6;
  };
  await writeRows(
    s,
    sheet,
    1,
    0,
    w,
    n,
    rowBytes,
    (from, to) => {
      const values = new Array<XlCell[]>(to - from);
      for (let i = from; i < to; i++) {
        const c = customers[order[i]];
        const row = new Array<XlCell>(w);
        for (let j = 0; j < w; j++) row[j] = specs[j].value(c, env);
        values[i - from] = row;
      }
      return {
        values,
        formats: textCols.map((column) => ({ column, numberFormat: formatColumn(to - from, FORMAT.text) })),
      };
    },
    {
      doing: "writing the RFM Customers sheet",
      afterChunk,
      // A sheet is written whole or not at all: Cancel is honoured before and after it.
      cancellable: false,
    },
  );
}

/** Number formats after the values, in chunks of rows like the values; the last chunk goes with the next sync. */
async function writeNumberFormats(s: Session, sheet: Excel.Worksheet, n: number, formats: string[]): Promise<void> {
  const w = formats.length;
  const fmtBytes = formats.reduce((a, f) => a + f.length + 3, 2);
  const starts = planChunks(n, w, () => fmtBytes);
  for (let k = 0; k + 1 < starts.length; k++) {
    const from = starts[k];
    const rows = starts[k + 1] - from;
    const block = new Array<string[]>(rows);
    for (let i = 0; i < rows; i++) block[i] = formats.slice();
    sheet.getRangeByIndexes(1 + from, 0, rows, w).numberFormat = block;
    if (k + 2 < starts.length) await s.sync();
  }
}

/** The Segment slicer right of the table; on failure the table's filter buttons and a warning. Returns its name. */
async function addSegmentSlicer(
  s: Session,
  sheet: Excel.Worksheet,
  table: Excel.Table,
  header: string,
  anchor: Excel.Range | undefined,
  warnings: string[],
): Promise<string | undefined> {
  try {
    const slicer = s.context.workbook.slicers.add(table, header, sheet);
    slicer.caption = "Segment";
    slicer.left = anchor ? anchor.left : 0;
    slicer.top = 0;
    slicer.load("name");
    await s.sync();
    return slicer.name;
  } catch (e) {
    table.showFilterButton = true;
    await s.sync().catch(() => undefined);
    const reason = e instanceof Error ? e.message : String(e);
    warnings.push(
      `Excel could not add the Segment slicer (${reason}); use the filter button on the Segment column of the ` +
        "RFM Customers table instead.",
    );
    return undefined;
  }
}
