/**
 * Far-off purchase dates: one typo like 2099 moves the snapshot (the latest date + 1 day) and so every customer's
 * Recency. The rows are kept (the date is readable), but a warning names them:
 * - dates after today (the machine's clock, as a calendar day);
 * - dates more than a year after 99.9% of the kept rows (the 99.9th percentile by day), so a future-dated typo is
 *   seen in old data too.
 *
 * Cost: one Map entry per distinct day of the kept rows (count and first row number), filled batch by batch; the
 * percentile is taken once at the end, over the sorted days.
 */
import { MS_PER_DAY, formatTimestamp } from "./dates";

/** Rows named in a warning. */
const EXAMPLES = 3;
/** Share of the rows that may lie before the far-off ones. */
const BULK_SHARE = 0.999;

interface DayCount {
  count: number;
  /** Sheet row numbers of the day's first rows, at most EXAMPLES. */
  rows: number[];
}

export class DateSpread {
  private readonly days = new Map<number, DayCount>();

  /** Counts the kept rows (customer ≥ 0) of a batch; `firstRow` is the sheet row number of row 0. */
  add(time: Float64Array, customer: Int32Array, n: number, firstRow: number): void {
    const days = this.days;
    let lastDay = NaN;
    let entry: DayCount | undefined;
    for (let i = 0; i < n; i++) {
      if (customer[i] < 0) continue;
      const day = Math.floor(time[i] / MS_PER_DAY);
      if (day !== lastDay) {
        lastDay = day;
        entry = days.get(day);
        if (entry === undefined) days.set(day, (entry = { count: 0, rows: [] }));
      }
      const e = entry as DayCount;
      e.count++;
      if (e.rows.length < EXAMPLES) e.rows.push(firstRow + i);
    }
  }

  /** The warnings: rows dated after `today` (a wall-clock timestamp), and rows far after the bulk of the data. */
  warnings(today: number): string[] {
    const sorted = [...this.days.keys()].sort((a, b) => a - b);
    if (sorted.length === 0) return [];
    const todayDay = Math.floor(today / MS_PER_DAY);
    const out: string[] = [];
    const future = sorted.filter((d) => d > todayDay);
    if (future.length > 0) {
      out.push(this.sentence(future, `dated after today (${formatTimestamp(todayDay * MS_PER_DAY, false)})`));
    }
    const bulkEnd = this.percentileDay(sorted);
    const far = sorted.filter((d) => d > bulkEnd + 365 && d <= todayDay);
    if (far.length > 0) {
      out.push(
        this.sentence(
          far,
          `dated more than a year after ${formatTimestamp(bulkEnd * MS_PER_DAY, false)}, when 99.9% of the data ends`,
        ),
      );
    }
    return out;
  }

  /** The day by which BULK_SHARE of the kept rows are dated. */
  private percentileDay(sorted: readonly number[]): number {
    let kept = 0;
    for (const d of sorted) kept += (this.days.get(d) as DayCount).count;
    const want = Math.ceil(kept * BULK_SHARE);
    let seen = 0;
    for (const d of sorted) {
      seen += (this.days.get(d) as DayCount).count;
      if (seen >= want) return d;
    }
    return sorted[sorted.length - 1];
  }

  private sentence(days: readonly number[], what: string): string {
    let count = 0;
    const rows: number[] = [];
    for (const d of days) {
      const e = this.days.get(d) as DayCount;
      count += e.count;
      for (const r of e.rows) if (rows.length < EXAMPLES) rows.push(r);
    }
    rows.sort((a, b) => a - b);
    const latest = formatTimestamp(days[days.length - 1] * MS_PER_DAY, false);
    return (
      `${count} row${count > 1 ? "s are" : " is"} ${what} (row${rows.length > 1 ? "s" : ""} ${rows.join(", ")}; ` +
      `latest ${latest}): they move the snapshot and every Recency. Check them for typos, or set the snapshot date.`
    );
  }
}
