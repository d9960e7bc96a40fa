/**
 * The text the CLI prints after a run: source summary, exclusions log, warnings, segment summary table, snapshot
 * and timings. Pure: takes the result and figures, returns lines.
 *
 * @example (abridged)
 *   Source    online_retail.csv (CSV, 47.2 MB): 541,909 rows read, 397,884 used, 4,338 customers
 *   Snapshot  2011-12-10 12:50:00 (latest invoice + 1 day)
 *   ...
 *   Segment              Customers   Share      Revenue  Rev. share  Mean R  Mean F    Mean M
 *   champions                  ...
 */
import { FIELD_NAMES, formatTimestamp } from "../rfm";
import type { Field, RfmResult } from "../rfm/types";
import type { InputInfo } from "./readInput";

export interface Timings {
  readMs: number;
  analyzeMs: number;
  writeMs: number;
  totalMs: number;
}

export interface ReportContext {
  input: InputInfo;
  /** Output file written, "-" for standard output, or undefined when none. */
  out?: string;
  snapshotGiven: boolean;
  timings: Timings;
  /** Customers written when fewer than all (e.g. --segment); default all. */
  written?: number;
  /** More sections (migration, value, campaign list: extras.ts), printed after the segment summary. */
  extraLines?: string[];
}

/** Thousands separators without Intl (whose first use is slow, and start-up pays it). */
function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Fixed decimals with thousands separators: fixed(8911407.9, 2) → "8,911,407.90". */
export function fixed(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return String(x);
  const s = Math.abs(x).toFixed(decimals);
  const dot = s.indexOf(".");
  const intPart = dot < 0 ? s : s.slice(0, dot);
  const sign = x < 0 && Number(s) !== 0 ? "-" : "";
  return sign + group(intPart) + (dot < 0 ? "" : s.slice(dot));
}

const int = { format: (x: number): string => fixed(x, 0) };
const money = { format: (x: number): string => fixed(x, 2) };
const one = { format: (x: number): string => fixed(x, 1) };

function pct(x: number): string {
  return `${one.format(x * 100)}%`;
}

function size(bytes: number): string {
  if (bytes >= 1e6) return `${one.format(bytes / 1e6)} MB`;
  if (bytes >= 1e3) return `${one.format(bytes / 1e3)} kB`;
  return `${bytes} B`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** A plain text table: the first column (and those listed in `left`) left-aligned, the others right-aligned. */
export function textTable(header: string[], rows: string[][], left: number[] = [0], indent = "  "): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const fmt = (r: string[]): string =>
    indent + r.map((cell, c) => (left.includes(c) ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  return [fmt(header), ...rows.map(fmt)].map((l) => l.trimEnd());
}

/** The "Source" line of a report: file, kind and size (and whether it is the bundled data). */
export function sourceLine(input: InputInfo): string {
  const kind = input.format === "xlsx" ? `Excel, sheet "${input.sheetName}"` : input.compressed ? "gzipped CSV" : "CSV";
  const bundled = input.embedded ? ", bundled Online Retail data" : "";
  return `Source     ${input.file} (${kind}, ${size(input.bytes)}${bundled})`;
}

export function reportLines(result: RfmResult, ctx: ReportContext): string[] {
  const { input } = ctx;
  const lines: string[] = [];
  lines.push(sourceLine(input));
  lines.push(
    `Rows       ${int.format(result.rowsRead)} read, ${int.format(result.rowsUsed)} used → ${int.format(result.customers.length)} customers`,
  );
  const mapped = (Object.keys(result.mapping) as Field[])
    .filter((f) => result.mapping[f] !== undefined)
    .map((f) => `${FIELD_NAMES[f]} = ${result.headers[result.mapping[f] as number]}`);
  lines.push(`Columns    ${mapped.join(", ")}`);
  lines.push(`Snapshot   ${formatTimestamp(result.snapshot)}${ctx.snapshotGiven ? "" : " (latest purchase + 1 day)"}`);
  lines.push(
    `Scoring    ${result.scoring}, ${result.bins} bins; scheme ${result.scheme.id} (${result.scheme.name}); ` +
      `total revenue ${money.format(result.totalRevenue)}`,
  );

  const excl = result.exclusions.filter((e) => e.count > 0);
  lines.push("", "Excluded rows");
  if (excl.length === 0) lines.push("  none");
  else {
    lines.push(
      ...textTable(
        ["Rule", "Rows", "Example rows"],
        excl.map((e) => [
          e.description,
          int.format(e.count),
          e.exampleRows.slice(0, 5).join(", ") + (e.count > 5 ? ", …" : ""),
        ]),
        [0, 2],
      ),
    );
  }

  const warnings = [...(input.warnings ?? []), ...result.warnings];
  if (warnings.length > 0) {
    lines.push("", "Warnings");
    for (const w of warnings) lines.push(`  - ${w}`);
  }

  lines.push("", "Segments");
  lines.push(
    ...textTable(
      ["Segment", "Customers", "Share", "Revenue", "Rev. share", "Mean R", "Mean F", "Mean M"],
      result.segments.map((s) => [
        s.label,
        int.format(s.customers),
        pct(s.customerShare),
        money.format(s.revenue),
        pct(s.revenueShare),
        one.format(s.meanRecency),
        one.format(s.meanFrequency),
        money.format(s.meanMonetary),
      ]),
    ),
  );

  if (ctx.extraLines) lines.push(...ctx.extraLines);

  const t = ctx.timings;
  lines.push("");
  const wrote =
    ctx.out === undefined
      ? "No output file (add --out customers.csv to write one row per customer)."
      : ctx.out === "-"
        ? `Wrote ${int.format(ctx.written ?? result.customers.length)} customers to standard output.`
        : `Wrote ${int.format(ctx.written ?? result.customers.length)} customers to ${ctx.out}.`;
  lines.push(wrote);
  lines.push(
    `Time       ${seconds(t.totalMs)} (read ${seconds(t.readMs)}, analyze ${seconds(t.analyzeMs)}, write ${seconds(t.writeMs)})`,
  );
  return lines;
}
