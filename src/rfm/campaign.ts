/**
 * Campaign lists: the customers of one or more segments, with what a campaign tool needs (id, segment, R/F/M
 * values, last purchase, suggested action, and the country when the source had one), and a file name for the list.
 *
 * - Segment names are matched against the scheme's labels and display names, ignoring case, spaces, `_` and `-`
 *   (`champions`, `Champions`, `loyal customers`, `At-Risk Customers` all work); an unknown name is a badOption
 *   RfmError listing the scheme's segments.
 * - Rows keep the result's customer order (ascending id) and list every chosen segment.
 * - File name: the chosen labels joined with "+", then the date, `.csv`; characters other than letters, digits,
 *   `_`, `-` and `+` become `-` (e.g. `champions+loyal_customers_2011-12-10.csv`, `Top-Customers_2011-12-10.csv`),
 *   cut to 100 characters before the date.
 *
 * Cost: one pass over the customers.
 *
 * Example: `campaignList(result, ["champions"])` → header [CustomerID, Segment, Recency, Frequency, Monetary,
 * LastPurchase, Action, Country] and one row per champion.
 */
import { csvField } from "./csvText";
import { formatTimestamp } from "./dates";
import { RfmError } from "./errors";
import { schemeLabels, segmentInfo } from "./schemes";
import type { CustomerResult, RfmResult } from "./types";

export const CAMPAIGN_HEADERS = [
  "CustomerID",
  "Segment",
  "Recency",
  "Frequency",
  "Monetary",
  "LastPurchase",
  "Action",
] as const;

export interface CampaignList {
  /** The labels chosen, in scheme order. */
  labels: string[];
  /** CAMPAIGN_HEADERS, plus "Country" when the source had a country column. */
  headers: string[];
  /** The chosen customers (result order). */
  customers: CustomerResult[];
  /** One row per customer, aligned to `headers`; LastPurchase as `YYYY-MM-DD HH:MM:SS`. */
  rows: (string | number)[][];
}

function key(s: string): string {
  return s.toLowerCase().replace(/[\s_-]+/g, "");
}

/** Labels (scheme order, no duplicates) for user-given segment names; throws for a name the scheme lacks. */
export function resolveSegmentNames(result: Pick<RfmResult, "scheme">, names: readonly string[]): string[] {
  const labels = schemeLabels(result.scheme);
  const byKey = new Map<string, string>();
  for (const label of labels) {
    byKey.set(key(label), label);
    const info = segmentInfo(result.scheme, label);
    if (info) byKey.set(key(info.name), label);
  }
  const chosen = new Set<string>();
  for (const name of names) {
    const label = byKey.get(key(String(name)));
    if (label === undefined) {
      throw new RfmError(
        "badOption",
        `Unknown segment "${name}" for scheme ${result.scheme.id}; its segments are ${labels.join(", ")}.`,
      );
    }
    chosen.add(label);
  }
  if (chosen.size === 0) throw new RfmError("badOption", "Choose at least one segment for the campaign list.");
  return labels.filter((l) => chosen.has(l));
}

/**
 * The campaign list for segments given by label or display name (see the top of the file).
 * @param result an analysis result
 * @param names segment labels or display names (case ignored)
 * @returns the labels chosen, the customers in them and the rows to export
 * @throws RfmError("badOption") for a name the scheme does not know, or no name at all
 * @example campaignList(result, ["Champions"]).rows.length // → the champions' count
 */
export function campaignList(result: RfmResult, names: readonly string[]): CampaignList {
  const labels = resolveSegmentNames(result, names);
  const wanted = new Set(labels);
  const action = new Map(labels.map((l) => [l, segmentInfo(result.scheme, l)?.action ?? ""]));
  const withCountry = result.mapping.country !== undefined;
  const headers: string[] = [...CAMPAIGN_HEADERS];
  if (withCountry) headers.push("Country");
  const customers: CustomerResult[] = [];
  const rows: (string | number)[][] = [];
  for (const c of result.customers) {
    if (!wanted.has(c.segment)) continue;
    customers.push(c);
    const row: (string | number)[] = [
      c.id,
      c.segment,
      c.recency,
      c.frequency,
      c.monetary,
      formatTimestamp(c.lastPurchase),
      action.get(c.segment) ?? "",
    ];
    if (withCountry) row.push(c.country ?? "");
    rows.push(row);
  }
  return { labels, headers, customers, rows };
}

/**
 * A file name for a campaign list.
 * @param labels the segment labels
 * @param date a timestamp (wall clock), usually the snapshot
 * @returns e.g. `champions+loyal_customers_2011-12-10.csv`
 * @example campaignFileName(["champions"], Date.UTC(2011, 11, 10)) // → "champions_2011-12-10.csv"
 */
export function campaignFileName(labels: readonly string[], date: number): string {
  const name = labels
    .join("+")
    .replace(/[^A-Za-z0-9_+-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 100);
  return `${name || "customers"}_${formatTimestamp(date, false)}.csv`;
}

/**
 * The list as CSV text: header line, one line per customer, LF line ends. Formula-leading text (an id such as
 * `=HYPERLINK(...)`) is written with a leading single quote unless `raw` (see csvText.ts).
 * @param list a campaign list (its headers and rows)
 * @param raw true to write formula-leading text as it is
 * @returns the CSV text
 * @example campaignCsv({ headers: ["CustomerID"], rows: [["12346"]] }) // → "CustomerID\n12346\n"
 */
export function campaignCsv(list: Pick<CampaignList, "headers" | "rows">, raw = false): string {
  const field = (v: string | number): string => csvField(v, raw);
  const lines = [list.headers.map(field).join(",")];
  for (const row of list.rows) lines.push(row.map(field).join(","));
  return lines.join("\n") + "\n";
}
