/**
 * The RFM custom functions as plain functions of Excel's arguments: they check the arguments, call the engine and
 * return a result matrix whose cells may be `FailedCell`s. functions.ts wraps each one for Excel (excel.ts turns
 * errors into `CustomFunctions.Error`); tests call these or the wrappers directly.
 *
 * Error policy: a malformed argument (wrong size, unknown scheme, a score outside 1..bins, an unreadable date) is
 * #VALUE! for the whole formula when it concerns the whole argument, or for the one result cell when it concerns one
 * input cell of a spilled range. A well-formed look-up that finds nothing (a customer not in the data, a segment
 * label not in the scheme) is #N/A in that cell, as with Excel's own look-ups. Empty input cells give empty results.
 *
 * Example: `segmentFormula([[5], [1]], [[5], [1]], null, null)` → `[["champions"], ["hibernating"]]`.
 */
import {
  excelSerialToTimestamp,
  fallbackLabel,
  parseSnapshot,
  schemeBins,
  schemeToTable,
  segmentInfo,
  segmentLabel,
  type CustomerResult,
  type Scheme,
} from "../rfm";
import {
  FailedCell,
  argumentError,
  cellAt,
  cellName,
  column,
  commonShape,
  isBlank,
  isOmitted,
  mapShape,
  readScore,
  sameLength,
  scalar,
  shapeOf,
  show,
  toMatrix,
  type ResultCell,
} from "./args";
import { readScheme, usesMonetary } from "./schemeArg";
import { customerIndex, findCustomer, analyzeColumns, type TransactionColumns } from "./transactions";

export { scoreFormula } from "./score";

/** RFM.SEGMENT: a label per (r, f, m) cell; single cells repeat over ranges. */
export function segmentFormula(r: unknown, f: unknown, m: unknown, scheme: unknown): ResultCell[][] {
  const s = readScheme(scheme);
  const rm = toMatrix(r, "r");
  const fm = toMatrix(f, "f");
  const needM = usesMonetary(s);
  if (needM && isOmitted(m)) {
    argumentError(`Scheme ${s.id} has rules on M (monetary), so give the M scores as the third argument.`);
  }
  const mm = isOmitted(m) ? [[1]] : toMatrix(m, "m");
  const shape = commonShape([
    { name: "r", m: rm },
    { name: "f", m: fm },
    { name: "m", m: mm },
  ]);
  const bins = schemeBins(s);
  return mapShape(shape, (i, j) => {
    const rv = readScore(cellAt(rm, i, j), bins, cellName("r", shapeOf(rm), i, j));
    const fv = readScore(cellAt(fm, i, j), bins, cellName("f", shapeOf(fm), i, j));
    // Without M scores (rf10 ignores M) any valid score gives the same label.
    const mv = needM ? readScore(cellAt(mm, i, j), bins, cellName("m", shapeOf(mm), i, j)) : 1;
    if (rv instanceof FailedCell) return rv;
    if (fv instanceof FailedCell) return fv;
    if (mv instanceof FailedCell) return mv;
    if (rv === null || fv === null || mv === null) return "";
    return segmentLabel(s, rv, fv, mv);
  });
}

/** The scheme's segment for a label: the label itself, else a display name, compared ignoring case and spaces. */
function findSegment(s: Scheme, text: string): ReturnType<typeof segmentInfo> {
  const exact = segmentInfo(s, text);
  if (exact) return exact;
  const key = text.trim().toLowerCase();
  const fallback = fallbackLabel(s);
  for (const rule of s.rules) {
    if (rule.label.toLowerCase() === key || (rule.name ?? "").toLowerCase() === key) return segmentInfo(s, rule.label);
  }
  return fallback.toLowerCase() === key ? segmentInfo(s, fallback) : undefined;
}

function segmentList(s: Scheme): string {
  const labels = [...new Set([...s.rules.map((r) => r.label), fallbackLabel(s)])];
  return labels.join(", ");
}

/** RFM.ACTION: the suggested action per segment label. */
export function actionFormula(segment: unknown, scheme: unknown): ResultCell[][] {
  const s = readScheme(scheme);
  const labels = toMatrix(segment, "segment");
  const shape = shapeOf(labels);
  return mapShape(shape, (i, j) => {
    const v = labels[i][j];
    if (isBlank(v)) return "";
    if (typeof v !== "string") {
      return new FailedCell(`${cellName("segment", shape, i, j)} must be a segment label (text); got ${show(v)}.`);
    }
    const info = findSegment(s, v);
    if (!info) {
      return new FailedCell(
        `Segment ${show(v)} is not in scheme ${s.id}; its segments are ${segmentList(s)}.`,
        "notAvailable",
      );
    }
    return info.action;
  });
}

/** RFM.SEGMENTS: the scheme as the editable rules table. */
export function segmentsFormula(scheme: unknown): ResultCell[][] {
  return schemeToTable(readScheme(scheme));
}

/**
 * The snapshot argument: an Excel date (serial number, 1900 system) or date text (YYYY-MM-DD). Returns the
 * wall-clock timestamp, or undefined when omitted (the engine's default: latest purchase + 1 day).
 */
export function readSnapshot(arg: unknown): number | undefined {
  if (isOmitted(arg)) return undefined;
  const v = scalar(arg, "snapshot");
  if (typeof v === "number") {
    const t = excelSerialToTimestamp(v);
    if (!Number.isFinite(t)) argumentError(`snapshot must be a date; got the number ${v}, which is not an Excel date.`);
    return t;
  }
  if (typeof v === "string") return parseSnapshot(v);
  return argumentError(`snapshot must be a date (a date cell or text like 2011-12-10); got ${show(v)}.`);
}

/** Optional transaction column: undefined when omitted or given as one empty cell. */
function optionalColumn(arg: unknown, name: string): ReturnType<typeof column> | undefined {
  return isOmitted(arg) ? undefined : column(arg, name);
}

/** Looks up one metric per customer cell. */
function metricFormula(
  customer: unknown,
  cols: TransactionColumns,
  names: { name: string; cells: ReturnType<typeof column> | undefined }[],
  snapshot: number | undefined,
  pick: (c: CustomerResult) => number,
): ResultCell[][] {
  sameLength(names.filter((c) => c.cells !== undefined) as { name: string; cells: ReturnType<typeof column> }[]);
  const wanted = toMatrix(customer, "customer");
  const shape = shapeOf(wanted);
  const index = customerIndex(cols, snapshot);
  return mapShape(shape, (i, j) => {
    const c = findCustomer(index, wanted[i][j], cellName("customer", shape, i, j));
    return c === "" || c instanceof FailedCell ? c : pick(c);
  });
}

/** RFM.RECENCY: whole days from the last purchase to the snapshot. */
export function recencyFormula(
  customer: unknown,
  customers: unknown,
  dates: unknown,
  snapshot: unknown,
): ResultCell[][] {
  const cust = column(customers, "customers");
  const dt = column(dates, "dates");
  return metricFormula(
    customer,
    { customers: cust, dates: dt },
    [
      { name: "customers", cells: cust },
      { name: "dates", cells: dt },
    ],
    readSnapshot(snapshot),
    (c) => c.recency,
  );
}

/** RFM.FREQUENCY: distinct invoices (or rows, without invoices). */
export function frequencyFormula(customer: unknown, customers: unknown, invoices: unknown): ResultCell[][] {
  const cust = column(customers, "customers");
  const inv = optionalColumn(invoices, "invoices");
  return metricFormula(
    customer,
    { customers: cust, invoices: inv },
    [
      { name: "customers", cells: cust },
      { name: "invoices", cells: inv },
    ],
    undefined,
    (c) => c.frequency,
  );
}

/** RFM.MONETARY: sum of quantity × price, or of the amounts. */
export function monetaryFormula(
  customer: unknown,
  customers: unknown,
  quantities: unknown,
  prices: unknown,
  invoices: unknown,
): ResultCell[][] {
  const cust = column(customers, "customers");
  const qty = column(quantities, "quantities");
  const pr = optionalColumn(prices, "prices");
  const inv = optionalColumn(invoices, "invoices");
  const cols: TransactionColumns = pr
    ? { customers: cust, quantities: qty, prices: pr }
    : { customers: cust, amounts: qty };
  if (inv) cols.invoices = inv;
  return metricFormula(
    customer,
    cols,
    [
      { name: "customers", cells: cust },
      { name: "quantities", cells: qty },
      { name: "prices", cells: pr },
      { name: "invoices", cells: inv },
    ],
    undefined,
    (c) => c.monetary,
  );
}

export const TABLE_HEADERS = ["CustomerID", "Recency", "Frequency", "Monetary", "R", "F", "M", "RFM", "Segment"];

/** A canonical id as the cell Excel should show: a number when it reads back as the same text (12346), else text
 *  ("007", "Brion Stark"), so that look-ups against the source column keep working. */
export function idCell(id: string): string | number {
  const n = Number(id);
  return id !== "" && Number.isFinite(n) && String(n) === id ? n : id;
}

/** RFM.TABLE: the whole analysis as one table with a header row. */
export function tableFormula(
  customers: unknown,
  invoices: unknown,
  dates: unknown,
  quantities: unknown,
  prices: unknown,
  scheme: unknown,
  snapshot: unknown,
): ResultCell[][] {
  const cust = column(customers, "customers");
  const inv = optionalColumn(invoices, "invoices");
  const dt = column(dates, "dates");
  const qty = column(quantities, "quantities");
  const pr = optionalColumn(prices, "prices");
  sameLength(
    [
      { name: "customers", cells: cust },
      { name: "invoices", cells: inv },
      { name: "dates", cells: dt },
      { name: "quantities", cells: qty },
      { name: "prices", cells: pr },
    ].filter((c) => c.cells !== undefined) as { name: string; cells: ReturnType<typeof column> }[],
  );
  const cols: TransactionColumns = pr
    ? { customers: cust, dates: dt, quantities: qty, prices: pr }
    : { customers: cust, dates: dt, amounts: qty };
  if (inv) cols.invoices = inv;
  else if (pr) {
    argumentError(
      "invoices is empty, but line-level data (quantities and prices) needs invoice numbers to count orders.",
    );
  }
  // "r-rfm" as a scheme id means the R package's whole recipe (its scoring and its segment table).
  const schemeText = isOmitted(scheme) ? undefined : scalarText(scheme);
  const rRfm = schemeText !== undefined && schemeText.trim().toLowerCase() === "r-rfm";
  const result = analyzeColumns(cols, {
    snapshot: readSnapshot(snapshot),
    scheme: rRfm ? undefined : readScheme(scheme),
    preset: rRfm ? "r-rfm" : undefined,
  });
  const out: ResultCell[][] = new Array(result.customers.length + 1);
  out[0] = TABLE_HEADERS;
  for (let k = 0; k < result.customers.length; k++) {
    const c = result.customers[k];
    out[k + 1] = [idCell(c.id), c.recency, c.frequency, c.monetary, c.r, c.f, c.m, c.rfm, c.segment];
  }
  return out;
}

/** The text of a 1×1 argument, or undefined for a range or a non-text value. */
function scalarText(arg: unknown): string | undefined {
  const m = toMatrix(arg, "scheme");
  return m.length === 1 && m[0].length === 1 && typeof m[0][0] === "string" ? m[0][0] : undefined;
}
