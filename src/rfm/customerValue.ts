/**
 * Historical value figures per customer and per segment, computed from an RFM result (no extra pass over rows).
 *
 * Definitions (a day is 86,400,000 ms of wall-clock time; "days" are whole days, rounded down, like Recency):
 * - Average order value (AOV) = Monetary / Frequency: revenue per distinct invoice.
 * - Customer age (days) = floor((last purchase − first purchase) / 1 day): how long the customer has been buying,
 *   0 for a customer with purchases on a single day.
 * - Purchase interval (days) = age / (Frequency − 1): the mean gap between consecutive orders. Not defined for a
 *   one-order customer (NaN in the typed array, null in `customerValue()` and empty in exports).
 * - Tenure (days) = floor((snapshot − first purchase) / 1 day): days since the first purchase, as of the snapshot.
 *   Unlike age it keeps counting after the last purchase, so a customer who stopped buying loses value per year.
 * - Historical customer value (per year) = Monetary × 365 / max(tenure, 30): revenue per year of tenure (a year is
 *   365 days). Tenure is floored at 30 days so that a customer who first bought a few days before the snapshot is not
 *   annualised from a few days (£50 spent two days ago counts as £50 per 30 days = £608 per year, not £9,125). It is
 *   a historical rate, not a prediction.
 *
 * Per segment (in `result.segments` order): customers, mean AOV (mean of the customers' AOVs), order value (the
 * segment's revenue / its orders: what an average order in the segment is worth), mean age, mean purchase interval
 * over the customers with two or more orders (null when there are none, with `repeatCustomers` saying how many
 * there are), mean tenure and mean historical value.
 *
 * Cost: one pass over the customers into five Float64Arrays; the segment figures are one more pass.
 *
 * Example: first purchase 2011-01-01, last 2011-03-02, snapshot 2011-04-01, Frequency 3, Monetary 300 → AOV 100,
 * age 60, interval 30, tenure 90, historical value 300 × 365 / 90 = 1,216.67 per year.
 */
import { MS_PER_DAY } from "./dates";
import type { RfmResult } from "./types";

/** Days in the year of the historical value. */
export const DAYS_PER_YEAR = 365;
/** Shortest tenure the historical value divides by (about a month). */
export const MIN_TENURE_DAYS = 30;

export interface CustomerValues {
  /** Aligned to `result.customers`. */
  averageOrderValue: Float64Array;
  ageDays: Float64Array;
  /** NaN for a customer with one order. */
  purchaseIntervalDays: Float64Array;
  tenureDays: Float64Array;
  historicalValue: Float64Array;
}

export interface CustomerValue {
  averageOrderValue: number;
  ageDays: number;
  /** null for a customer with one order. */
  purchaseIntervalDays: number | null;
  tenureDays: number;
  historicalValue: number;
}

export interface SegmentValue {
  label: string;
  customers: number;
  meanAverageOrderValue: number;
  /** Segment revenue / segment orders. */
  orderValue: number;
  meanAgeDays: number;
  /** Customers with two or more orders (the ones that have a purchase interval). */
  repeatCustomers: number;
  /** Mean over the repeat customers; null when the segment has none. */
  meanPurchaseIntervalDays: number | null;
  meanTenureDays: number;
  meanHistoricalValue: number;
}

/** AOV, age, purchase interval, tenure and historical value of one customer (see the top of the file). */
export function valueOfCustomer(
  c: { firstPurchase: number; lastPurchase: number; frequency: number; monetary: number },
  snapshot: number,
): CustomerValue {
  const ageDays = Math.floor((c.lastPurchase - c.firstPurchase) / MS_PER_DAY);
  const tenureDays = Math.floor((snapshot - c.firstPurchase) / MS_PER_DAY);
  return {
    averageOrderValue: c.monetary / c.frequency,
    ageDays,
    purchaseIntervalDays: c.frequency > 1 ? ageDays / (c.frequency - 1) : null,
    tenureDays,
    historicalValue: (c.monetary * DAYS_PER_YEAR) / Math.max(tenureDays, MIN_TENURE_DAYS),
  };
}

/**
 * The five customer value figures (see the top of the file) for every customer of a result.
 * @param result an analysis result
 * @returns typed arrays aligned to `result.customers`
 * @example customerValues(result).averageOrderValue[0] // → the first customer's Monetary / Frequency
 */
export function customerValues(result: RfmResult): CustomerValues {
  const n = result.customers.length;
  const out: CustomerValues = {
    averageOrderValue: new Float64Array(n),
    ageDays: new Float64Array(n),
    purchaseIntervalDays: new Float64Array(n),
    tenureDays: new Float64Array(n),
    historicalValue: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const v = valueOfCustomer(result.customers[i], result.snapshot);
    out.averageOrderValue[i] = v.averageOrderValue;
    out.ageDays[i] = v.ageDays;
    out.purchaseIntervalDays[i] = v.purchaseIntervalDays === null ? NaN : v.purchaseIntervalDays;
    out.tenureDays[i] = v.tenureDays;
    out.historicalValue[i] = v.historicalValue;
  }
  return out;
}

/** Customer i's figures with null for a missing purchase interval. */
export function customerValue(values: CustomerValues, i: number): CustomerValue {
  const interval = values.purchaseIntervalDays[i];
  return {
    averageOrderValue: values.averageOrderValue[i],
    ageDays: values.ageDays[i],
    purchaseIntervalDays: Number.isNaN(interval) ? null : interval,
    tenureDays: values.tenureDays[i],
    historicalValue: values.historicalValue[i],
  };
}

/**
 * Per-segment value figures, in `result.segments` order (segments without customers are not listed there).
 * @param result an analysis result
 * @param values customerValues(result), when already computed
 * @returns one entry per segment
 * @example segmentValues(result)[0].label // → result.segments[0].label
 */
export function segmentValues(result: RfmResult, values: CustomerValues = customerValues(result)): SegmentValue[] {
  const index = new Map<string, number>();
  result.segments.forEach((s, i) => index.set(s.label, i));
  const L = result.segments.length;
  const count = new Float64Array(L);
  const revenue = new Float64Array(L);
  const orders = new Float64Array(L);
  const sumAov = new Float64Array(L);
  const sumAge = new Float64Array(L);
  const repeat = new Float64Array(L);
  const sumInterval = new Float64Array(L);
  const sumTenure = new Float64Array(L);
  const sumValue = new Float64Array(L);
  const customers = result.customers;
  for (let i = 0; i < customers.length; i++) {
    const s = index.get(customers[i].segment);
    if (s === undefined) continue; // cannot happen for an engine result: every label it uses is summarised
    count[s]++;
    revenue[s] += customers[i].monetary;
    orders[s] += customers[i].frequency;
    sumAov[s] += values.averageOrderValue[i];
    sumAge[s] += values.ageDays[i];
    const interval = values.purchaseIntervalDays[i];
    if (interval === interval) {
      repeat[s]++;
      sumInterval[s] += interval;
    }
    sumTenure[s] += values.tenureDays[i];
    sumValue[s] += values.historicalValue[i];
  }
  return result.segments.map((seg, s) => {
    const n = count[s];
    const mean = (x: number): number => (n > 0 ? x / n : 0);
    return {
      label: seg.label,
      customers: n,
      meanAverageOrderValue: mean(sumAov[s]),
      orderValue: orders[s] > 0 ? revenue[s] / orders[s] : 0,
      meanAgeDays: mean(sumAge[s]),
      repeatCustomers: repeat[s],
      meanPurchaseIntervalDays: repeat[s] > 0 ? sumInterval[s] / repeat[s] : null,
      meanTenureDays: mean(sumTenure[s]),
      meanHistoricalValue: mean(sumValue[s]),
    };
  });
}
