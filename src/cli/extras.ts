/**
 * The default command's "beyond one segmentation" options, applied after the analysis:
 * - `--compare-to DATE|Nd`: scores the same file as of DATE (rows dated before it, snapshot DATE; `90d` = 90 days
 *   before the snapshot) and adds a `PreviousSegment` column (`new` for customers who had not bought yet), plus the
 *   from→to matrix and the largest flows in the printed report (src/rfm/migration.ts).
 * - `--segment NAME` (repeatable): only the customers of those segments (label or display name), with an `Action`
 *   column: a campaign list (src/rfm/campaign.ts).
 * - `--value`: AverageOrderValue, AgeDays, PurchaseIntervalDays, TenureDays and HistoricalValuePerYear columns and a
 *   per-segment value table in the report (src/rfm/customerValue.ts).
 * Pure apart from the engine calls: returns columns, the customers to write and report lines; main.ts writes them.
 *
 * Cost: `--compare-to` is one more analysis of the rows before DATE; the others are one pass over the customers.
 */
import {
  analyzeAt,
  campaignList,
  compareResults,
  customerValues,
  formatTimestamp,
  MS_PER_DAY,
  parseSnapshot,
  segmentInfo,
  segmentValues,
} from "../rfm";
import type { CustomerResult, RfmOptions, RfmResult, TableInput } from "../rfm/types";
import { UsageError } from "./args";
import type { OutputColumn } from "./output";
import { textTable } from "./report";

export interface ExtraOptions {
  compareTo?: string;
  segments?: string[];
  value?: boolean;
}

export interface Extras {
  columns: OutputColumn[];
  /** The customers to write (all, or the chosen segments'). */
  customers: CustomerResult[];
  reportLines: string[];
}

/** Number formats, created on first use only (Intl's first use costs start-up time every CLI run would pay). */
function formats(): Record<"int" | "money" | "one", Intl.NumberFormat> {
  return {
    int: new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 }),
    money: new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    one: new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  };
}

/** `--compare-to` value → timestamp: `YYYY-MM-DD` (midnight starting that day) or `Nd` days before the snapshot. */
export function compareDate(value: string, snapshot: number): number {
  const days = /^(\d+)d$/i.exec(value.trim());
  if (days) return snapshot - Number(days[1]) * MS_PER_DAY;
  try {
    return parseSnapshot(value);
  } catch {
    throw new UsageError(`--compare-to takes a date YYYY-MM-DD or a number of days like 90d (got "${value}").`);
  }
}

/** The from→to matrix and flows as report lines. */
export function migrationLines(before: RfmResult, after: RfmResult): { lines: string[]; previous: (string | null)[] } {
  const { int } = formats();
  const m = compareResults(before, after);
  const lines: string[] = [
    "",
    `Migration  ${formatTimestamp(m.beforeSnapshot)} → ${formatTimestamp(m.afterSnapshot)}: ` +
      `${int.format(before.customers.length)} customers then, ${int.format(after.customers.length)} now; ` +
      `${int.format(m.stayed)} stayed, ${int.format(m.moved)} moved, ${int.format(m.arrived)} new, ` +
      `${int.format(m.lapsed)} lapsed`,
  ];
  // Keep the matrix readable: only rows and columns with customers.
  const rows = m.from.map((_, i) => i).filter((i) => m.counts[i].some((n) => n > 0));
  const cols = m.to.map((_, j) => j).filter((j) => m.counts.some((r) => r[j] > 0));
  lines.push(
    ...textTable(
      ["from \\ to", ...cols.map((j) => m.to[j])],
      rows.map((i) => [m.from[i], ...cols.map((j) => int.format(m.counts[i][j]))]),
    ),
  );
  if (m.flows.length > 0) {
    lines.push("", "Largest flows");
    for (const f of m.flows.slice(0, 10)) lines.push(`  ${f.sentence}`);
  }
  return { lines, previous: m.previousSegment };
}

/** Applies the options (see the top of the file). `table` is null for a streamed run (no rows kept). */
export function applyExtras(o: ExtraOptions, table: TableInput | null, result: RfmResult, options: RfmOptions): Extras {
  const columns: OutputColumn[] = [];
  const reportLines: string[] = [];
  let customers = result.customers;

  if (o.compareTo !== undefined) {
    if (table === null) {
      throw new UsageError("--compare-to needs the whole file in memory; it cannot be combined with --stream.");
    }
    const date = compareDate(o.compareTo, result.snapshot);
    if (date >= result.snapshot) {
      throw new UsageError(
        `--compare-to ${o.compareTo} is on or after the snapshot date ${formatTimestamp(result.snapshot)}: the ` +
          "comparison scores the customers as of an earlier day. Give a date before the snapshot, or a number of " +
          "days like 90d.",
      );
    }
    const before = analyzeAt(table, options, date);
    const { lines, previous } = migrationLines(before, result);
    const prev = new Map<CustomerResult, string>();
    result.customers.forEach((c, i) => prev.set(c, previous[i] ?? "new"));
    columns.push({ header: "PreviousSegment", value: (c) => prev.get(c) ?? "" });
    reportLines.push(...lines);
  }

  if (o.value) {
    const { int, money, one } = formats();
    const values = customerValues(result);
    const index = new Map<CustomerResult, number>();
    result.customers.forEach((c, i) => index.set(c, i));
    const at = (c: CustomerResult): number => index.get(c) as number;
    columns.push(
      { header: "AverageOrderValue", value: (c) => values.averageOrderValue[at(c)] },
      { header: "AgeDays", value: (c) => values.ageDays[at(c)] },
      // NaN (one order) is written as an empty cell.
      { header: "PurchaseIntervalDays", value: (c) => values.purchaseIntervalDays[at(c)] },
      { header: "TenureDays", value: (c) => values.tenureDays[at(c)] },
      { header: "HistoricalValuePerYear", value: (c) => values.historicalValue[at(c)] },
    );
    reportLines.push(
      "",
      "Value (AOV = Monetary / Frequency; value per year = Monetary × 365 / max(days since first purchase, 30))",
      ...textTable(
        ["Segment", "Customers", "Mean AOV", "Order value", "Mean age (d)", "Interval (d)", "Value / year"],
        segmentValues(result, values).map((s) => [
          s.label,
          int.format(s.customers),
          money.format(s.meanAverageOrderValue),
          money.format(s.orderValue),
          one.format(s.meanAgeDays),
          s.meanPurchaseIntervalDays === null ? "-" : one.format(s.meanPurchaseIntervalDays),
          money.format(s.meanHistoricalValue),
        ]),
      ),
    );
  }

  if (o.segments !== undefined && o.segments.length > 0) {
    const { int } = formats();
    const list = campaignList(result, o.segments);
    customers = list.customers;
    columns.push({ header: "Action", value: (c) => segmentInfo(result.scheme, c.segment)?.action ?? "" });
    reportLines.push(
      "",
      `Campaign list: ${int.format(customers.length)} customers of ${list.labels.join(", ")} ` +
        `(only these are written to the output file).`,
    );
  }
  return { columns, customers, reportLines };
}
