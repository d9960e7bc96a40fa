/**
 * `analyze(table, options)`: transactions in, RFM scores and segments out. The one entry point every door calls.
 *
 * Steps: map the columns (columns.ts) → one pass that reads and cleans the rows into typed arrays (read.ts) →
 * per-customer Recency / Frequency / Monetary (metrics.ts) → 1..bins scores (score.ts) → segments from the scheme's
 * compiled lookup table (schemes/) → per-segment summary (summary.ts). The last three steps are `scoreCustomers`,
 * which the streaming reader (src/cli/stream.ts) calls on the metrics it aggregates batch by batch.
 *
 * Presets set scoring, scheme and money source together; explicit options win:
 * - `pandas` (default): scoring `quantile`, scheme `rf10`, monetary source `auto` (amount column if mapped, else
 *   quantity × unit price).
 * - `r-rfm`: scoring `r-rfm`, scheme `r-rfm`, and Monetary sums the amount column (the R package works on order
 *   amounts); on line-level data without an amount column it falls back to quantity × unit price rather than fail.
 *
 * Errors (RfmError): emptyTable (no header row or no data rows), missingColumn, badOption, unknownScheme/badScheme,
 * badDate (mixed day/month orders, or unreadable dates with dropUnparsableDates off), noCustomers (every row
 * excluded; the message lists what removed them).
 *
 * Cost: dominated by the one pass over the rows (about 2 Map lookups and one date parse per row); customers and
 * segments are small (`npm run bench`, section "Engine", measures it on the Online Retail data).
 *
 * Example: analyze([["CustomerID","InvoiceNo","InvoiceDate","Quantity","UnitPrice"], [12346, 1, "2011-01-18", 1, 5]])
 *   → one customer "12346": Recency 1, Frequency 1, Monetary 5.
 */

import { resolveColumns, resolveMoney } from "./columns";
import { RfmError } from "./errors";
import { computeMetrics } from "./metrics";
import { readRows, viewTable } from "./read";
import { compileSegments, resolveScheme, type CompiledSegments } from "./schemes";
import { checkBins, checkCutPoints, scoreMetrics } from "./score";
import { summarizeSegments } from "./summary";
import type {
  CustomerResult,
  CutPoints,
  MonetarySource,
  RfmOptions,
  RfmResult,
  Scheme,
  ScoreEdges,
  ScoringMethod,
  SegmentSummary,
  TableInput,
} from "./types";

const SCORINGS: readonly ScoringMethod[] = ["quantile", "rank", "fixed", "r-rfm"];
const SOURCES: readonly MonetarySource[] = ["auto", "amount", "lines"];

function badOption(what: string, value: unknown, allowed: readonly string[]): RfmError {
  return new RfmError("badOption", `Unknown ${what} ${JSON.stringify(value)}; use one of ${allowed.join(", ")}.`);
}

/** Options after the preset: every choice the engine makes, checked before the rows are read. */
export interface ResolvedOptions {
  scoring: ScoringMethod;
  scheme: string | RfmOptions["scheme"];
  monetarySource: MonetarySource;
  bins: number;
}

/** Applies the preset and checks every option (throws badOption); the streaming reader resolves options with it too. */
export function resolveOptions(options: RfmOptions): ResolvedOptions {
  const preset = options.preset ?? "pandas";
  if (preset !== "pandas" && preset !== "r-rfm") throw badOption("preset", preset, ["pandas", "r-rfm"]);
  const scoring = options.scoring ?? (preset === "r-rfm" ? "r-rfm" : "quantile");
  if (!SCORINGS.includes(scoring)) throw badOption("scoring method", scoring, SCORINGS);
  // The r-rfm preset prefers the amount column, which `auto` already does; `auto` also lets line-level data work.
  const monetarySource = options.monetarySource ?? "auto";
  if (!SOURCES.includes(monetarySource)) throw badOption("monetary source", monetarySource, SOURCES);
  const bins = checkBins(options.bins ?? 5);
  if (scoring === "fixed") {
    checkCutPoints(options.cutPoints?.recency, bins, "recency");
    checkCutPoints(options.cutPoints?.frequency, bins, "frequency");
    checkCutPoints(options.cutPoints?.monetary, bins, "monetary");
  }
  const hr = options.headerRowNumber;
  if (hr !== undefined && (!Number.isInteger(hr) || hr < 1)) {
    throw new RfmError("badOption", `The header row number must be a whole number from 1, found ${String(hr)}.`);
  }
  return { scoring, scheme: options.scheme ?? (preset === "r-rfm" ? "r-rfm" : undefined), monetarySource, bins };
}

/** The RFM code: "545", or "10-4-5" style when bins = 10 (two-digit scores). */
export function rfmCode(r: number, f: number, m: number, bins: number): string {
  return bins >= 10 ? `${r}-${f}-${m}` : `${r}${f}${m}`;
}

/** What `scoreCustomers` needs per customer, in customer order (computeMetrics' output has it). */
export interface CustomerValues {
  ids: readonly string[];
  firstPurchase: ArrayLike<number>;
  lastPurchase: ArrayLike<number>;
  recency: Float64Array;
  frequency: Float64Array;
  monetary: Float64Array;
  /** Country of the latest purchase, when a country column was mapped. */
  country?: readonly string[];
}

export interface ScoreCustomersOptions {
  scheme: Scheme;
  scoring: ScoringMethod;
  bins: number;
  cutPoints?: CutPoints;
  /** `compileSegments(scheme, bins)` when the caller compiled it already (to fail on a bad scheme before reading). */
  compiled?: CompiledSegments;
}

/** The scored part of an RfmResult. `warnings` are the scoring's only (coinciding quantile edges). */
export interface ScoredCustomers {
  customers: CustomerResult[];
  segments: SegmentSummary[];
  edges: ScoreEdges;
  warnings: string[];
  totalRevenue: number;
}

/**
 * Per-customer metrics → scores, RFM codes, segments and the per-segment summary: the end of `analyze()`, shared
 * with the streaming reader (src/cli/stream.ts), which gets its metrics batch by batch.
 * Cost: three sorts of the customers (scoring), then one pass; one CustomerResult object per customer.
 */
export function scoreCustomers(metrics: CustomerValues, options: ScoreCustomersOptions): ScoredCustomers {
  const b = options.bins;
  const segmentsOf = options.compiled ?? compileSegments(options.scheme, b);
  const scores = scoreMetrics(
    { recency: metrics.recency, frequency: metrics.frequency, monetary: metrics.monetary },
    { scoring: options.scoring, bins: b, cutPoints: options.cutPoints },
  );

  const N = metrics.ids.length;
  const segment = new Uint16Array(N);
  const customers: CustomerResult[] = new Array<CustomerResult>(N);
  const table3 = segmentsOf.table;
  let totalRevenue = 0;
  for (let k = 0; k < N; k++) {
    const r = scores.r[k];
    const f = scores.f[k];
    const m = scores.m[k];
    const s = table3[((r - 1) * b + (f - 1)) * b + (m - 1)];
    segment[k] = s;
    totalRevenue += metrics.monetary[k];
    const c: CustomerResult = {
      id: metrics.ids[k],
      firstPurchase: metrics.firstPurchase[k],
      lastPurchase: metrics.lastPurchase[k],
      recency: metrics.recency[k],
      frequency: metrics.frequency[k],
      monetary: metrics.monetary[k],
      r,
      f,
      m,
      rfm: rfmCode(r, f, m, b),
      score: r + f + m,
      segment: segmentsOf.labels[s],
    };
    if (metrics.country) c.country = metrics.country[k];
    customers[k] = c;
  }

  const segments = summarizeSegments(options.scheme, segmentsOf.labels, {
    segment,
    recency: metrics.recency,
    frequency: metrics.frequency,
    monetary: metrics.monetary,
  });
  return { customers, segments, edges: scores.edges, warnings: scores.warnings, totalRevenue };
}

export function analyze(table: TableInput, options: RfmOptions = {}): RfmResult {
  const opts = resolveOptions(options);
  const scheme = resolveScheme(opts.scheme);
  const compiled = compileSegments(scheme, opts.bins);

  const view = viewTable(table);
  if (view.rowCount === 0) throw new RfmError("emptyTable", "The table has a header row but no data rows.");
  const mapping = resolveColumns(view.headers, options.mapping, { monetarySource: opts.monetarySource });
  const plan = resolveMoney(mapping, view.headers, opts.monetarySource);

  const rows = readRows(view, mapping, plan, options);
  const blankRows = rows.exclusions.find((e) => e.rule === "emptyRow")?.count ?? 0;
  if (blankRows === rows.rowCount)
    throw new RfmError("emptyTable", "The table has a header row but every data row is empty.");
  if (rows.keptCount === 0) {
    const removed = rows.exclusions
      .filter((e) => e.count > 0)
      .map(
        (e) =>
          `${e.description}: ${e.count} (e.g. row${e.exampleRows.length > 1 ? "s" : ""} ${e.exampleRows.slice(0, 3).join(", ")})`,
      )
      .join("; ");
    throw new RfmError(
      "noCustomers",
      `No customers left after cleaning: all ${rows.rowCount} data rows were excluded. ${removed}.`,
      { rows: rows.exclusions.flatMap((e) => e.exampleRows).slice(0, 20) },
    );
  }

  const metrics = computeMetrics(rows, {
    snapshot: options.snapshot,
    country: mapping.country !== undefined ? view.column(mapping.country) : undefined,
  });
  const scored = scoreCustomers(metrics, {
    scheme,
    scoring: opts.scoring,
    bins: opts.bins,
    cutPoints: options.cutPoints,
    compiled,
  });

  return {
    customers: scored.customers,
    segments: scored.segments,
    edges: scored.edges,
    exclusions: rows.exclusions,
    warnings: [...rows.warnings, ...metrics.warnings, ...scored.warnings],
    snapshot: metrics.snapshot,
    mapping,
    headers: view.headers,
    rowsRead: rows.rowCount,
    rowsUsed: rows.keptCount,
    rowCustomer: metrics.rowCustomer,
    scheme,
    bins: opts.bins,
    scoring: opts.scoring,
    totalRevenue: scored.totalRevenue,
  };
}
