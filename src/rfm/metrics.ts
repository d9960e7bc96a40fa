/**
 * Per-customer Recency, Frequency and Monetary from the cleaned rows.
 *
 * Definitions:
 * - Snapshot: options.snapshot, or the latest kept timestamp + 1 day (time of day kept), as the textbook recipe's
 *   `df.InvoiceDate.max() + timedelta(days=1)`.
 * - Recency = floor((snapshot - last purchase) / 1 day): whole days, as pandas' `Timedelta.days`.
 * - Frequency = number of distinct invoices of the customer (an invoice shared by two customers counts for both);
 *   without an invoice column (order-level data), the number of rows.
 * - Monetary = sum of the row money (quantity × unit price, or the amount) with Kahan compensation, the summation
 *   pandas' `groupby(...).sum()` uses, in input row order.
 * - Customers are listed in ascending id order (numeric ids numerically; see customerId.ts). That order is also the
 *   tie order of rank(method="first").
 * - Country: the country of the customer's latest row (ties between rows at the same time: the alphabetically first
 *   country, so the result does not depend on row order).
 *
 * Pieces: `newTotals` / `accumulateRows` / `settleCountries` fold rows into per-customer running totals and
 * `metricsFromTotals` turns totals into the customer-ordered metrics; `computeMetrics` runs them on one table, and the
 * streaming reader (src/cli/stream.ts) runs them batch by batch over a file.
 *
 * Cost: one pass over the typed row arrays plus a sort of the customers; memory ~50 bytes per customer.
 *
 * Example: rows (A, 2011-01-01, inv 1, 10), (A, 2011-01-05, inv 2, 5), snapshot 2011-01-06 → A: R 1, F 2, M 15.
 */

import { RfmError } from "./errors";
import { sortCustomerOrder } from "./customerId";
import { formatTimestamp, MS_PER_DAY, parseSnapshot } from "./dates";
import type { CleanRows } from "./read";
import type { Cell } from "./types";

export interface CustomerMetrics {
  /** Canonical ids in customer order. */
  ids: string[];
  firstPurchase: Float64Array;
  lastPurchase: Float64Array;
  recency: Float64Array;
  frequency: Float64Array;
  monetary: Float64Array;
  /** Country of the last transaction per customer, when a country column was given. */
  country?: string[];
  /** Per data row: index into `ids`, -1 for excluded rows. */
  rowCustomer: Int32Array;
  snapshot: number;
  warnings: string[];
}

export interface MetricsOptions {
  snapshot?: number | string | Date;
  /** The country column (data rows, input order), when mapped. */
  country?: ArrayLike<Cell>;
}

function countryText(v: Cell): string {
  return v === null || v === undefined ? "" : String(v).trim();
}

/**
 * Running per-customer totals: first and last time, order count, Kahan sum (with its compensation), and per invoice
 * its owner. `computeMetrics` fills them from one table's rows; the streaming reader (src/cli/stream.ts) keeps one
 * set for a whole file and folds each batch in with `accumulateRows`, so both use the very same definitions.
 */
export interface CustomerTotals {
  first: Float64Array;
  last: Float64Array;
  freq: Float64Array;
  sum: Float64Array;
  comp: Float64Array;
  /** Row (in the rows last accumulated) where the customer's latest time was first reached; -1 when those rows did
   *  not raise it. */
  lastRow: Int32Array;
  /** Per invoice: the first customer seen on it (-1: none yet); other customers on the same invoice (rare) are
   *  tracked in `shared`. */
  owner: Int32Array;
  shared: Map<number, Set<number>> | null;
}

/** Empty totals for `customers` customers and `invoices` invoices. */
export function newTotals(customers: number, invoices: number): CustomerTotals {
  return {
    first: new Float64Array(customers).fill(Infinity),
    last: new Float64Array(customers).fill(-Infinity),
    freq: new Float64Array(customers),
    sum: new Float64Array(customers),
    comp: new Float64Array(customers),
    lastRow: new Int32Array(customers).fill(-1),
    owner: new Int32Array(invoices).fill(-1),
    shared: null,
  };
}

function grownFloats(a: Float64Array, n: number, fill: number): Float64Array {
  if (n <= a.length) return a;
  const b = new Float64Array(Math.max(n, a.length * 2)).fill(fill);
  b.set(a);
  return b;
}

function grownInts(a: Int32Array, n: number): Int32Array {
  if (n <= a.length) return a;
  const b = new Int32Array(Math.max(n, a.length * 2)).fill(-1);
  b.set(a);
  return b;
}

/** Makes room for customer indexes below `customers` and invoice indexes below `invoices` (capacity doubles). */
export function growTotals(t: CustomerTotals, customers: number, invoices: number): void {
  t.first = grownFloats(t.first, customers, Infinity);
  t.last = grownFloats(t.last, customers, -Infinity);
  t.freq = grownFloats(t.freq, customers, 0);
  t.sum = grownFloats(t.sum, customers, 0);
  t.comp = grownFloats(t.comp, customers, 0);
  t.lastRow = grownInts(t.lastRow, customers);
  t.owner = grownInts(t.owner, invoices);
}

/**
 * Folds rows into the totals, in row order: `customer[i]` (-1 = skip the row) and `invoice[i]` (-1 = the row is an
 * order of its own) index the totals' customers and invoices.
 */
export function accumulateRows(
  t: CustomerTotals,
  customer: Int32Array,
  time: Float64Array,
  invoice: Int32Array,
  money: Float64Array,
  n: number,
): void {
  const { first, last, freq, sum, comp, lastRow, owner } = t;
  for (let i = 0; i < n; i++) {
    const c = customer[i];
    if (c < 0) continue;
    const ti = time[i];
    if (ti < first[c]) first[c] = ti;
    if (ti > last[c]) {
      last[c] = ti;
      lastRow[c] = i;
    }
    const inv = invoice[i];
    if (inv < 0) freq[c]++;
    else {
      const o = owner[inv];
      if (o === -1) {
        owner[inv] = c;
        freq[c]++;
      } else if (o !== c) {
        // Distinct (customer, invoice) pairs: a second customer on an invoice counts it once too.
        if (t.shared === null) t.shared = new Map();
        let set = t.shared.get(inv);
        if (set === undefined) t.shared.set(inv, (set = new Set()));
        if (!set.has(c)) {
          set.add(c);
          freq[c]++;
        }
      }
    }
    // Kahan summation, as pandas' group_sum.
    const y = money[i] - comp[c];
    const s = sum[c] + y;
    comp[c] = s - sum[c] - y;
    sum[c] = s;
  }
}

/**
 * The country cell of each customer's latest row, after `accumulateRows` on the same rows (`countryAt(i)`: row i's
 * country cell, looked up only for those rows): `chosen[c]` is set from
 * the row that raised the customer's latest time, then rows at that same time with another country (rare) keep the
 * alphabetically first one, so the result does not depend on row order. For a customer whose latest time these
 * rows did not raise, `chosen[c]` (from earlier rows) competes with the rows at the same time. A separate pass is
 * cheaper than comparing country cells on every row of the main loop (all lines of an invoice share its time).
 */
export function settleCountries(
  t: CustomerTotals,
  customer: Int32Array,
  time: Float64Array,
  n: number,
  countryAt: (row: number) => Cell,
  chosen: Cell[],
): void {
  const { last, lastRow } = t;
  for (let c = 0; c < lastRow.length; c++) if (lastRow[c] >= 0) chosen[c] = countryAt(lastRow[c]);
  for (let i = 0; i < n; i++) {
    const c = customer[i];
    if (c < 0 || time[i] !== last[c] || lastRow[c] === i) continue;
    const here = countryAt(i);
    const kept = chosen[c];
    if (here !== kept && countryText(here) < countryText(kept)) chosen[c] = here;
  }
}

/** Per-customer values in customer order, before the per-row map. */
export type MetricsCore = Omit<CustomerMetrics, "rowCustomer">;

/**
 * Customers in id order with Recency, Frequency and Monetary, from totals. `present` lists the indexes of the
 * customers to report (those with kept rows; null = all `ids`); `countries` is `chosen` from `settleCountries`.
 * Snapshot: `snapshot`, or `maxTime` + 1 day. Returns the metrics and `order` (k → index into `ids`).
 */
export function metricsFromTotals(
  ids: readonly string[],
  t: CustomerTotals,
  present: readonly number[] | null,
  countries: readonly Cell[] | undefined,
  maxTime: number,
  snapshotOption: MetricsOptions["snapshot"],
): { metrics: MetricsCore; order: Int32Array } {
  const { first, last, freq, sum } = t;
  const sorted = sortCustomerOrder(present === null ? ids : present.map((c) => ids[c]));
  const N = sorted.length;
  const order = new Int32Array(N);
  const idsOut: string[] = new Array<string>(N);
  const firstPurchase = new Float64Array(N);
  const lastPurchase = new Float64Array(N);
  const recency = new Float64Array(N);
  const frequency = new Float64Array(N);
  const monetary = new Float64Array(N);
  const country: string[] | undefined = countries ? new Array<string>(N) : undefined;

  const warnings: string[] = [];
  const snapshot =
    snapshotOption === undefined || snapshotOption === null ? maxTime + MS_PER_DAY : parseSnapshot(snapshotOption);

  let future = 0;
  let firstOfAll = Infinity;
  for (let k = 0; k < N; k++) {
    const c = present === null ? sorted[k] : present[sorted[k]];
    order[k] = c;
    idsOut[k] = ids[c];
    firstPurchase[k] = first[c];
    if (first[c] < firstOfAll) firstOfAll = first[c];
    lastPurchase[k] = last[c];
    recency[k] = Math.floor((snapshot - last[c]) / MS_PER_DAY);
    if (recency[k] < 0) future++;
    frequency[k] = freq[c];
    monetary[k] = sum[c];
    if (country) country[k] = countryText((countries as readonly Cell[])[c]);
  }
  if (snapshot < firstOfAll) {
    throw new RfmError(
      "badOption",
      `The snapshot date ${formatTimestamp(snapshot)} is before the first purchase in the data ` +
        `(${formatTimestamp(firstOfAll)}): every Recency would be negative. Choose a snapshot on or after the ` +
        "first purchase, usually the day after the last one (the default).",
    );
  }
  if (future > 0) {
    warnings.push(
      `The snapshot date ${formatTimestamp(snapshot)} is before the last purchase of ${future} customer` +
        `${future > 1 ? "s" : ""}, so their Recency is negative.`,
    );
  }
  return {
    metrics: { ids: idsOut, firstPurchase, lastPurchase, recency, frequency, monetary, country, snapshot, warnings },
    order,
  };
}

function remapRows(customer: Int32Array, finalOf: Int32Array): Int32Array {
  const out = new Int32Array(customer.length);
  for (let i = 0; i < customer.length; i++) {
    const c = customer[i];
    out[i] = c < 0 ? -1 : finalOf[c];
  }
  return out;
}

export function computeMetrics(rows: CleanRows, options: MetricsOptions = {}): CustomerMetrics {
  const P = rows.customerIds.length;
  const n = rows.rowCount;
  const countryCol = options.country;
  const t = newTotals(P, rows.invoiceCount);
  accumulateRows(t, rows.customer, rows.time, rows.invoice, rows.money, n);
  let chosen: Cell[] | undefined;
  if (countryCol) {
    chosen = new Array<Cell>(P);
    settleCountries(t, rows.customer, rows.time, n, (i) => countryCol[i], chosen);
  }

  // Customers with at least one kept row, in id order.
  const present: number[] = [];
  for (let c = 0; c < P; c++) if (t.lastRow[c] >= 0) present.push(c);
  const { metrics, order } = metricsFromTotals(rows.customerIds, t, present, chosen, rows.maxTime, options.snapshot);
  const finalOf = new Int32Array(P).fill(-1);
  for (let k = 0; k < order.length; k++) finalOf[order[k]] = k;
  return { ...metrics, rowCustomer: remapRows(rows.customer, finalOf) };
}
