/**
 * Segment migration: where customers moved between two RFM results of the same customers at two dates.
 *
 * Definition (`compareResults(before, after)`):
 * - Customers are matched by id (`CustomerResult.id`, already canonical: `12346` and `12346.0` are one customer).
 * - The matrix has one row per "from" segment and one column per "to" segment: the scheme's rule labels in scheme
 *   order (every label, even when no customer has it, so the matrix has the same shape at every date), then the
 *   fallback label when some customer has it, then any other label found in either result (only when the two
 *   results used different schemes). Row `new` counts customers present after but absent before (their first
 *   purchase falls between the dates); column `lapsed` counts customers present before but absent after (possible
 *   only when the later result was computed on other rows, e.g. a different file or a cleaning change, because a
 *   later date sees every earlier transaction). `counts[i][j]` is the number of customers in `from[i]` before and
 *   `to[j]` after; the cell `new` × `lapsed` is always 0.
 * - `flows`: the off-diagonal non-zero cells (customers who changed segment, arrived or lapsed), largest first (ties
 *   in matrix order), each with a sentence such as "112 loyal_customers became at_risk".
 * - `previousSegment[i]`: the segment of `after.customers[i]` in `before`, or null when the customer is new.
 *
 * Scores at an earlier date D (`analyzeAt(table, options, D)`): the engine run on the transactions dated strictly
 * before D (timestamp < D, so `2011-09-01` means "as the data stood at midnight starting 1 September": every
 * purchase up to 2011-08-31 23:59:59), with snapshot D. The same rule describes the ordinary result too: with the
 * default snapshot (latest purchase + 1 day) every row is before it. Rows whose date cannot be read cannot be placed
 * in time and are left out of the earlier result (the later result reports them as usual).
 * Default comparison date (`defaultCompareDate`): the later result's snapshot minus 90 days, time of day kept (for
 * Online Retail: 2011-12-10 12:50 → 2011-09-11 12:50).
 *
 * Cost: one Map of the earlier customers' ids (O(n_before)), one lookup per later customer; the matrix is
 * (segments + 1)². No per-customer objects besides the Map entries.
 *
 * Example: before = {A: champions, B: at_risk}, after = {A: at_risk, C: new_customers} →
 * counts[champions][at_risk] = 1, counts[new][new_customers] = 1, counts[at_risk][lapsed] = 1, previousSegment =
 * ["champions", null]; flows: "1 champions became at_risk", "1 at_risk lapsed", "1 new customer arrived as
 * new_customers" (ties keep matrix order).
 */
import { analyze } from "./analyze";
import { planColumns, requireColumns, type ColumnPlan } from "./columns";
import { detectDateOrder, formatTimestamp, MS_PER_DAY, parseDateCell, parseFixedIso, parseSnapshot } from "./dates";
import { RfmError } from "./errors";
import { viewTable, type TableView } from "./read";
import type { Cell, ColumnTable, ExclusionEntry, RfmOptions, RfmResult, Scheme, TableInput } from "./types";

/** Row label for customers absent from the earlier result. */
export const NEW_LABEL = "new";
/** Column label for customers absent from the later result. */
export const LAPSED_LABEL = "lapsed";

export interface MigrationFlow {
  from: string;
  to: string;
  customers: number;
  /** e.g. "112 loyal_customers became at_risk", "308 new customers arrived as about_to_sleep",
   *  "5 champions lapsed (absent from the later result)". */
  sentence: string;
}

export interface Migration {
  /** Row labels: segments, then the `new` row (its label is `newLabel`). */
  from: string[];
  /** Column labels: segments, then the `lapsed` column (its label is `lapsedLabel`). */
  to: string[];
  /** counts[i][j]: customers in from[i] at the earlier date and in to[j] at the later date. */
  counts: number[][];
  /** The segment labels shared by rows and columns (from and to without the new/lapsed entries). */
  segments: string[];
  /** The labels used for the extra row and column: "new" and "lapsed", or "(new)" / "(lapsed)" if a segment is
   *  itself called "new" or "lapsed". */
  newLabel: string;
  lapsedLabel: string;
  /** Off-diagonal non-zero cells, largest first. */
  flows: MigrationFlow[];
  /** Aligned to `after.customers`: the earlier segment, or null for a customer absent before. */
  previousSegment: (string | null)[];
  /** Customers in the same segment at both dates. */
  stayed: number;
  /** Customers present at both dates in different segments. */
  moved: number;
  /** Customers only in the later result. */
  arrived: number;
  /** Customers only in the earlier result. */
  lapsed: number;
  beforeSnapshot: number;
  afterSnapshot: number;
}

function schemeOrder(scheme: Scheme | undefined): { rules: string[]; fallback: string | undefined } {
  if (!scheme) return { rules: [], fallback: undefined };
  const rules: string[] = [];
  for (const rule of scheme.rules) if (!rules.includes(rule.label)) rules.push(rule.label);
  return { rules, fallback: scheme.fallback ?? "Others" };
}

/** Segment labels in matrix order (see the top of the file). */
function segmentOrder(before: RfmResult, after: RfmResult): string[] {
  const seen = new Set<string>();
  for (const c of before.customers) seen.add(c.segment);
  for (const c of after.customers) seen.add(c.segment);
  const out: string[] = [];
  const add = (label: string): void => {
    if (!out.includes(label)) out.push(label);
  };
  const a = schemeOrder(after.scheme);
  const b = schemeOrder(before.scheme);
  for (const label of a.rules) add(label);
  for (const label of b.rules) add(label);
  for (const fb of [a.fallback, b.fallback]) if (fb !== undefined && seen.has(fb)) add(fb);
  for (const label of seen) add(label); // labels no scheme declares: only for hand-built results
  return out;
}

function sentence(count: number, from: string, to: string, isNew: boolean, isLapsed: boolean): string {
  if (isNew) return `${count} new customer${count === 1 ? "" : "s"} arrived as ${to}`;
  if (isLapsed) return `${count} ${from} lapsed (absent from the later result)`;
  return `${count} ${from} became ${to}`;
}

/**
 * Where customers moved between two results of the same customers (see the top of the file).
 * @param before the earlier result (e.g. analyzeAt)
 * @param after the later result
 * @returns the from → to matrix, the flows largest first, and each later customer's previous segment
 * @example compareResults(analyzeAt(t, {}, "2011-09-01"), analyze(t)).flows[0].sentence
 *   // → e.g. "112 loyal_customers became at_risk"
 */
export function compareResults(before: RfmResult, after: RfmResult): Migration {
  const segments = segmentOrder(before, after);
  const newLabel = segments.includes(NEW_LABEL) ? `(${NEW_LABEL})` : NEW_LABEL;
  const lapsedLabel = segments.includes(LAPSED_LABEL) ? `(${LAPSED_LABEL})` : LAPSED_LABEL;
  const k = segments.length;
  const index = new Map<string, number>();
  segments.forEach((s, i) => index.set(s, i));

  // counts as a flat (k + 1) × (k + 1) Int32Array: row k is "new", column k is "lapsed".
  const w = k + 1;
  const flat = new Int32Array(w * w);
  const beforeIndex = new Map<string, number>();
  const beforeCustomers = before.customers;
  for (let i = 0; i < beforeCustomers.length; i++) beforeIndex.set(beforeCustomers[i].id, i);
  const seenBefore = new Uint8Array(beforeCustomers.length);

  const previousSegment: (string | null)[] = new Array(after.customers.length);
  let stayed = 0;
  let moved = 0;
  let arrived = 0;
  for (let i = 0; i < after.customers.length; i++) {
    const c = after.customers[i];
    const to = index.get(c.segment) as number;
    const j = beforeIndex.get(c.id);
    if (j === undefined) {
      previousSegment[i] = null;
      flat[k * w + to]++;
      arrived++;
      continue;
    }
    seenBefore[j] = 1;
    const prev = beforeCustomers[j].segment;
    previousSegment[i] = prev;
    const from = index.get(prev) as number;
    flat[from * w + to]++;
    if (from === to) stayed++;
    else moved++;
  }
  let lapsed = 0;
  for (let j = 0; j < beforeCustomers.length; j++) {
    if (seenBefore[j]) continue;
    flat[(index.get(beforeCustomers[j].segment) as number) * w + k]++;
    lapsed++;
  }

  const from = [...segments, newLabel];
  const to = [...segments, lapsedLabel];
  const counts: number[][] = [];
  for (let r = 0; r < w; r++) counts.push(Array.from(flat.subarray(r * w, (r + 1) * w)));

  const flows: MigrationFlow[] = [];
  for (let r = 0; r < w; r++) {
    for (let c = 0; c < w; c++) {
      const n = flat[r * w + c];
      if (n === 0 || (r === c && r < k)) continue;
      flows.push({ from: from[r], to: to[c], customers: n, sentence: sentence(n, from[r], to[c], r === k, c === k) });
    }
  }
  // Array.prototype.sort is stable: equal counts keep matrix (row, then column) order.
  flows.sort((a, b) => b.customers - a.customers);

  return {
    from,
    to,
    counts,
    segments,
    newLabel,
    lapsedLabel,
    flows,
    previousSegment,
    stayed,
    moved,
    arrived,
    lapsed,
    beforeSnapshot: before.snapshot,
    afterSnapshot: after.snapshot,
  };
}

/** Days between the default comparison date and the later snapshot. */
export const DEFAULT_COMPARE_DAYS = 90;

/**
 * The default earlier date for a comparison.
 * @param after the later result
 * @param days days before its snapshot (default 90)
 * @returns `after.snapshot` minus `days` days, time of day kept
 * @example formatTimestamp(defaultCompareDate(analyze(onlineRetail))) // → "2011-09-11 12:50:00"
 */
export function defaultCompareDate(after: RfmResult, days = DEFAULT_COMPARE_DAYS): number {
  return after.snapshot - days * MS_PER_DAY;
}

/**
 * The RFM result as of date D: `analyze` over the rows dated strictly before D, with snapshot D (see the top of the
 * file). Options are the same as `analyze`'s; `options.snapshot` is replaced by D; `columnPlan` is the table's
 * column plan when the caller has one. Exclusion example rows and
 * `rowCustomer` refer to the original table's rows; an `afterDate` entry in the exclusions log counts the rows left
 * out for being dated D or later.
 *
 * Cost: one date parse per row (the fixed ISO form is parsed without allocation), a filtered copy of the mapped
 * columns, then one `analyze` of the kept rows.
 *
 * Throws RfmError("noCustomers") when no transaction is dated before D, plus anything `analyze` throws.
 */
export function analyzeAt(
  table: TableInput,
  options: RfmOptions,
  date: number | string | Date,
  columnPlan?: ColumnPlan,
): RfmResult {
  const cutoff = parseSnapshot(date);
  const view = viewTable(table);
  const plan = requireColumns(
    columnPlan ?? planColumns(view.headers, options.mapping, { monetarySource: options.monetarySource ?? "auto" }),
  );
  const firstRow = (options.headerRowNumber ?? 1) + 1;
  const split = rowsBefore(view, plan.columns.date as number, options, cutoff, firstRow);
  const { kept, k } = split;

  // Column-major copy of the mapped columns' kept rows (unmapped columns stay empty: the engine never reads them).
  const used = new Set<number>(Object.values(plan.columns) as number[]);
  const columns: Cell[][] = view.headers.map((_, c) => {
    if (!used.has(c)) return [];
    const src = view.column(c);
    const out = new Array<Cell>(k);
    for (let j = 0; j < k; j++) out[j] = src[kept[j]];
    return out;
  });
  const subset: ColumnTable = { headers: view.headers, columns };
  const result = analyze(subset, { ...options, snapshot: cutoff, dateOrder: split.dateOrder }, plan);

  const n = view.rowCount;
  const rowCustomer = new Int32Array(n).fill(-1);
  for (let j = 0; j < k; j++) rowCustomer[kept[j]] = result.rowCustomer[j];
  const exclusions = exclusionsAt(result.exclusions, split, cutoff, firstRow);
  return { ...result, exclusions, rowCustomer, rowsRead: n };
}

/** analyzeAt's split of the rows at the cutoff: `kept[0..k)` are the rows dated before it. */
interface RowsBefore {
  kept: Int32Array;
  k: number;
  later: number;
  laterRows: number[];
  unreadable: number;
  unreadableRows: number[];
  /** The day/month order the whole column was read with (so the subset is read the same way). */
  dateOrder: "auto" | "dmy" | "mdy";
}

/** Reads the date column and splits the rows at `cutoff`; throws noCustomers when no row is dated before it. */
function rowsBefore(
  view: TableView,
  dateIndex: number,
  options: RfmOptions,
  cutoff: number,
  firstRow: number,
): RowsBefore {
  const dateCol = view.column(dateIndex);
  // Read dates the way the full run does: decide an `auto` day/month order on the whole column, not on the subset.
  let dateOrder = options.dateOrder ?? "auto";
  if (dateOrder === "auto") {
    const det = detectDateOrder(dateCol, firstRow, view.headers[dateIndex] || "date");
    if (det.evidence !== "none") dateOrder = det.order;
  }
  const readOrder = dateOrder === "mdy" ? "mdy" : "dmy";
  const dateSystem = options.dateSystem ?? "1900";

  const n = view.rowCount;
  const kept = new Int32Array(n);
  let k = 0;
  let later = 0;
  let unreadable = 0;
  const laterRows: number[] = [];
  const unreadableRows: number[] = [];
  let earliest = Infinity;
  for (let i = 0; i < n; i++) {
    const v = dateCol[i];
    let t = typeof v === "string" ? parseFixedIso(v) : NaN;
    if (t !== t) t = parseDateCell(v as Cell, { dateOrder: readOrder, dateSystem });
    if (t !== t) {
      if (v !== "" && v !== null && v !== undefined) {
        if (unreadableRows.length < 20) unreadableRows.push(firstRow + i);
        unreadable++;
      }
      continue;
    }
    if (t < earliest) earliest = t;
    if (t < cutoff) kept[k++] = i;
    else {
      if (laterRows.length < 20) laterRows.push(firstRow + i);
      later++;
    }
  }
  if (k === 0) {
    throw new RfmError(
      "noCustomers",
      `No transaction is dated before ${formatTimestamp(cutoff)}` +
        (earliest < Infinity
          ? `: the earliest date in column "${view.headers[dateIndex]}" is ${formatTimestamp(earliest)}.`
          : "."),
      { column: view.headers[dateIndex] },
    );
  }
  return { kept, k, later, laterRows, unreadable, unreadableRows, dateOrder };
}

/** The subset's exclusions with the original table's row numbers, plus the unreadable and later rows. */
function exclusionsAt(
  subsetExclusions: ExclusionEntry[],
  split: RowsBefore,
  cutoff: number,
  firstRow: number,
): ExclusionEntry[] {
  const { kept, unreadable, unreadableRows } = split;
  // Sheet row numbers back to the original table: subset row j is original row kept[j].
  const toOriginal = (row: number): number => firstRow + kept[row - firstRow];
  const exclusions: ExclusionEntry[] = subsetExclusions.map((e) => ({
    ...e,
    exampleRows: e.exampleRows.map(toOriginal),
  }));
  if (unreadable > 0) {
    const entry = exclusions.find((e) => e.rule === "unparsableDate");
    if (entry) {
      entry.count += unreadable;
      entry.exampleRows = [...entry.exampleRows, ...unreadableRows].sort((a, b) => a - b).slice(0, 20);
    } else {
      exclusions.push({
        rule: "unparsableDate",
        description: "Rows whose date cannot be read",
        count: unreadable,
        exampleRows: unreadableRows,
      });
    }
  }
  exclusions.push({
    rule: "afterDate",
    description: `Rows dated ${formatTimestamp(cutoff)} or later (after the comparison date)`,
    count: split.later,
    exampleRows: split.laterRows,
  });
  return exclusions;
}

/** Both results and the migration between them: `after` = analyze(table, options); `before` = analyzeAt the given
 *  date, or `defaultCompareDate(after)`. */
export function migrationOverTime(
  table: TableInput,
  options: RfmOptions = {},
  compareTo?: number | string | Date,
): { before: RfmResult; after: RfmResult; migration: Migration } {
  const after = analyze(table, options);
  const date = compareTo === undefined || compareTo === null ? defaultCompareDate(after) : compareTo;
  const before = analyzeAt(table, options, date);
  return { before, after, migration: compareResults(before, after) };
}

/** Display names of the `new` row and the `lapsed` column (see nameMigration). */
export const NEW_NAME = "New";
export const LAPSED_NAME = "Lapsed";

/**
 * The same migration with the segment labels a person reads replaced by display names: the matrix's row and column
 * labels and each flow's labels and sentence. `segments` and `previousSegment` keep the ids (what a machine reads).
 * The `new` row and the `lapsed` column become "New" and "Lapsed" (in parentheses if a segment already has that
 * name), and `newLabel` / `lapsedLabel` follow, so that a reader of the result finds them.
 * @param m a result of compareResults
 * @param name a segment label's display name (return the label itself when there is none)
 * @returns a new Migration; `m` is not changed
 * @example nameMigration(m, (l) => (l === "at_risk" ? "At Risk" : l)).flows[0].sentence // → "112 Loyal Customers became At Risk"
 */
export function nameMigration(m: Migration, name: (label: string) => string): Migration {
  const k = m.segments.length;
  const names = m.segments.map(name);
  const free = (n: string) => (names.includes(n) ? `(${n})` : n);
  const newLabel = free(NEW_NAME);
  const lapsedLabel = free(LAPSED_NAME);
  const from = [...names, newLabel];
  const to = [...names, lapsedLabel];
  const row = new Map(m.from.map((label, i) => [label, i]));
  const col = new Map(m.to.map((label, j) => [label, j]));
  const flows = m.flows.map((f) => {
    const r = row.get(f.from) as number;
    const c = col.get(f.to) as number;
    return { ...f, from: from[r], to: to[c], sentence: sentence(f.customers, from[r], to[c], r === k, c === k) };
  });
  return { ...m, from, to, flows, newLabel, lapsedLabel };
}
