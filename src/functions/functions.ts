/**
 * The RFM custom functions (namespace `RFM`, declared in the manifest): thin adapters from Excel's arguments to the
 * engine in src/rfm. Each doc comment is Excel's help text; `custom-functions-metadata-plugin` turns the tags into
 * functions.json at build time and appends the `CustomFunctions.associate` calls to this module.
 *
 * Every parameter that can take a range is a matrix (`unknown[][]`): a single value arrives as a 1×1 matrix, and
 * every result is a matrix, so a single answer is a 1×1 result and a range of inputs spills a range of answers.
 * Problems come back as #VALUE! (or #N/A for a customer or segment that is not there) with a message; see
 * docs/formulas.md for the reference with examples.
 */
import { runFormula } from "./excel";
import * as formulas from "./formulas";
import { ensureCustomFunctionsGlobal } from "./runtime";
// The prediction functions (RFM.FIT, RFM.PALIVE, …) live in their own module with their own associate calls.
import "./predict";

// Must run before the associate calls the build appends at the end of this module (outside Excel there is no
// runtime to receive them).
ensureCustomFunctionsGlobal();

/**
 * The segment label for R, F (and M) scores, e.g. champions for R 5, F 5. Ranges of scores spill one label per cell.
 * @customfunction SEGMENT SEGMENT
 * @param r Recency score(s), whole numbers 1..bins (a cell or a range).
 * @param f Frequency score(s), same size as r or a single cell.
 * @param [m] Monetary score(s), same size as r or a single cell; needed by schemes with M ranges (tiers4, r-rfm).
 * @param [scheme] Scheme id (rf10 default, tiers4, r-rfm) or a rules range laid out like =RFM.SEGMENTS().
 * @returns Segment labels, one per score cell.
 */
export function segment(r: unknown[][], f: unknown[][], m?: unknown[][], scheme?: unknown[][]): unknown[][] {
  return runFormula(() => formulas.segmentFormula(r, f, m, scheme));
}

/**
 * The suggested action for a segment label (or display name) of the scheme.
 * @customfunction ACTION ACTION
 * @param segment Segment label(s), e.g. champions or a range of labels.
 * @param [scheme] Scheme id (rf10 default, tiers4, r-rfm) or a rules range laid out like =RFM.SEGMENTS().
 * @returns The action text, one per label.
 */
export function action(segment: unknown[][], scheme?: unknown[][]): unknown[][] {
  return runFormula(() => formulas.actionFormula(segment, scheme));
}

/**
 * The 1..bins quantile score of a value within a population, with the engine's binning rules (pandas qcut).
 * @customfunction SCORE SCORE
 * @param value The value(s) to score (a cell or a range).
 * @param population The values the bins are cut from (empty and text cells are ignored).
 * @param [higher_is_better] TRUE (default) gives the highest values the top score; use FALSE for recency in days.
 * @param [bins] Number of bins, 2..10 (default 5).
 * @returns Scores 1..bins, one per value.
 */
export function score(
  value: unknown[][],
  population: unknown[][],
  higher_is_better?: unknown,
  bins?: unknown,
): unknown[][] {
  return runFormula(() => formulas.scoreFormula(value, population, higher_is_better, bins));
}

/**
 * Days from a customer's last purchase to the snapshot date. Skips rows without a customer or with an unreadable date.
 * @customfunction RECENCY RECENCY
 * @param customer Customer id(s) to look up.
 * @param customers The transactions' customer id column.
 * @param dates The transactions' date column (Excel dates or date text), same length as customers.
 * @param [snapshot] Analysis date; default: the latest date in dates plus one day.
 * @returns Recency in days, one per customer.
 */
export function recency(
  customer: unknown[][],
  customers: unknown[][],
  dates: unknown[][],
  snapshot?: unknown,
): unknown[][] {
  return runFormula(() => formulas.recencyFormula(customer, customers, dates, snapshot));
}

/**
 * Number of distinct orders of a customer. Skips rows without a customer and cancelled invoices (ids starting with C).
 * @customfunction FREQUENCY FREQUENCY
 * @param customer Customer id(s) to look up.
 * @param customers The transactions' customer id column.
 * @param [invoices] Invoice/order id column, same length; omit for order-level data (each row is one order).
 * @returns Frequency (orders), one per customer.
 */
export function frequency(customer: unknown[][], customers: unknown[][], invoices?: unknown[][]): unknown[][] {
  return runFormula(() => formulas.frequencyFormula(customer, customers, invoices));
}

/**
 * Total spend of a customer (quantity × price, or order amounts). Skips rows without a customer, price or amount ≤ 0, and cancelled invoices when given.
 * @customfunction MONETARY MONETARY
 * @param customer Customer id(s) to look up.
 * @param customers The transactions' customer id column.
 * @param quantities Quantity column, or the order amount column when prices is omitted (order-level data).
 * @param [prices] Unit price column, same length; omit when quantities holds order amounts.
 * @param [invoices] Invoice id column, to drop cancelled invoices (ids starting with C).
 * @returns Monetary value, one per customer.
 */
export function monetary(
  customer: unknown[][],
  customers: unknown[][],
  quantities: unknown[][],
  prices?: unknown[][],
  invoices?: unknown[][],
): unknown[][] {
  return runFormula(() => formulas.monetaryFormula(customer, customers, quantities, prices, invoices));
}

/**
 * The whole RFM analysis as a spilled customer table with a header row. Drops rows without a customer, cancelled invoices, price ≤ 0 and bad dates.
 * @customfunction TABLE TABLE
 * @param customers Customer id column.
 * @param invoices Invoice/order id column, same length; "" for order-level data without order ids.
 * @param dates Date column (Excel dates or date text).
 * @param quantities Quantity column, or the order amount column when prices is omitted (order-level data).
 * @param [prices] Unit price column; omit when quantities holds order amounts.
 * @param [scheme] Scheme id (rf10 default, tiers4; r-rfm also applies the R rfm package's scoring) or a rules range.
 * @param [snapshot] Analysis date; default: the latest purchase plus one day.
 * @returns The customer table, one row per customer after a header row.
 */
export function table(
  customers: unknown[][],
  invoices: unknown[][],
  dates: unknown[][],
  quantities: unknown[][],
  prices?: unknown[][],
  scheme?: unknown[][],
  snapshot?: unknown,
): unknown[][] {
  return runFormula(() => formulas.tableFormula(customers, invoices, dates, quantities, prices, scheme, snapshot));
}

/**
 * Spills a scheme's rules as an editable table (Segment, R from … M to, Description, Action) to copy, edit and pass as a scheme.
 * @customfunction SEGMENTS SEGMENTS
 * @param [scheme] Scheme id (rf10 default, tiers4, r-rfm) or a rules range to check and normalise.
 * @returns The scheme's rules table with a header row.
 */
export function segments(scheme?: unknown[][]): unknown[][] {
  return runFormula(() => formulas.segmentsFormula(scheme));
}
