/**
 * One SQL query that reproduces the engine over a transactions table: the same cleaning, the same metrics, the same
 * scores (same quantile arithmetic and tie rule) and the chosen scheme, for DuckDB or PostgreSQL.
 *
 * What the query does, step by step (CTE names in brackets):
 * 1. [src] reads the mapped columns. Customer and invoice ids are text, trimmed, with a numeric id's zero fraction
 *    removed (`12346.0` → `12346`, as the engine's customerId.ts does); the date column is CAST to TIMESTAMP (so it
 *    must be a TIMESTAMP, a DATE, or ISO text `YYYY-MM-DD HH:MM:SS`); money is quantity × unit price in doubles, or
 *    the amount.
 * 2. [clean] keeps the rows the engine keeps: a customer id (option dropMissingCustomer; off → rows without one form
 *    one customer with the empty id), no invoice starting with "C"/"c" (dropCancelledInvoices), quantity ≥ 0
 *    (dropNegativeQuantity, off by default), unit price (or amount) > 0 (dropNonPositivePrice), a date, an invoice id
 *    when invoices count orders, and numbers that are present. (A database has already refused unreadable dates and
 *    numbers at load time, so "unparsable" means NULL here.)
 * 3. [snap] snapshot = the given one, or MAX(timestamp) + 1 day.
 * 4. [cust] per customer: first and last purchase, Frequency = COUNT(DISTINCT invoice) (rows when there is no
 *    invoice column), Monetary = compensated/exact sum of money; Recency = FLOOR((snapshot − last) / 1 day).
 * 5. [ranked] rank(method="first") = ROW_NUMBER() ordered by the value, then by customer id in the engine's order
 *    (numeric ids first, numerically, then text ids in code-point order).
 * 6. [sorted, pos, edges] quantile edges computed exactly as quantiles.ts (numpy "linear" with pandas' q × 100 / 100
 *    round trip and numpy's two-sided lerp) or rBins.ts (R type 7, breaks = quantile + 1): the probabilities are
 *    computed here in JavaScript and written as exact double literals; the position (n − 1) × q, its floor and the
 *    interpolation run in SQL doubles, whose +, −, × are correctly rounded like JavaScript's. (PERCENTILE_CONT uses
 *    a one-sided lerp, which can differ in the last bit and put a value sitting on an edge in the other bin.)
 * 7. [scored] bin = 1 + number of inner edges below the value (pandas.cut right-closed, lowest included; for r-rfm
 *    1 + number of breaks ≤ the value, left-closed), R reversed (bins + 1 − bin).
 * 8. the segment: a CASE over the scheme's rules in order (first match wins), ranges rescaled to the bin count as
 *    compile.ts does, ELSE the fallback.
 * Output columns: customer_id, first_purchase, last_purchase, recency, frequency, monetary, r, f, m, rfm, score,
 * segment; one row per customer, in the engine's customer order.
 *
 * Cost of the query: one scan of the table, one GROUP BY customer, three window sorts over customers.
 * Cost of generating it: O(rules + bins).
 *
 * Example: `generateSql("duckdb", { table: "sales", mapping: { customer: "CustomerID", invoice: "InvoiceNo",
 * date: "InvoiceDate", quantity: "Quantity", unitPrice: "UnitPrice" } })` → a `WITH src AS (...) ... SELECT ...`
 * query scoring rf10 with 5 bins.
 */
import { resolveMoney } from "../columns";
import { formatTimestamp, parseSnapshot } from "../dates";
import { NULL_LIKE_IDS } from "../customerId";
import { EXCEL_ERROR_VALUES } from "../excelErrors";
import { RfmError } from "../errors";
import { DEFAULT_CLEANING } from "../read";
import { qcutProbabilities } from "../quantiles";
import { axisMap, resolveScheme, schemeBins } from "../schemes";
import { fallbackLabel } from "../schemes";
import { checkBins, checkCutPoints } from "../score";
import type {
  CleaningOptions,
  ColumnMapping,
  CutPoints,
  Field,
  RfmOptions,
  Scheme,
  ScoringMethod,
  SegmentRule,
} from "../types";
import { DIALECTS, quoteString, type DialectSpec, type SqlDialect } from "./dialects";

export type { SqlDialect } from "./dialects";

/**
 * The engine's options (RfmOptions, e.g. from normalizeOptions) plus where the transactions are. The mapping is
 * required: a query has no header row to guess from. headerRowNumber, dateSystem and dateOrder do not apply (the
 * database has typed the dates already) and are ignored.
 */
export interface SqlOptions extends RfmOptions {
  /** Table (or view) name; `schema.table` is split at dots and each part quoted. Ignored when `from` is given. */
  table?: string;
  /** A raw FROM source instead of a table name, e.g. `read_csv('sales.csv')` in DuckDB. Not quoted. */
  from?: string;
  /** Field → column name. `customer` and `date` are required; then `quantity` + `unitPrice` + `invoice`
   *  (line-level) or `amount` (order-level, `invoice` optional), as the engine's shape rule. */
  mapping: Partial<Record<Field, string>>;
}

/** The fields whose columns the query reads, in a fixed order (used to build a header list for resolveMoney). */
const FIELDS: Field[] = ["customer", "invoice", "date", "quantity", "unitPrice", "amount", "country"];

export function quoteIdent(name: string): string {
  if (name === "") throw new RfmError("badOption", "A column or table name for the SQL query is empty.");
  return `"${name.replace(/"/g, '""')}"`;
}

/** Every character that ends a `--` comment line in some SQL parser: line feed, carriage return, vertical tab, form
 *  feed, NEL and the Unicode line and paragraph separators. */
const LINE_BREAKS = /[\n\r\v\f\u0085\u2028\u2029]+/g;

/**
 * Text placed inside a `--` comment: line breaks become spaces, so a scheme name such as
 * `"x\nDROP TABLE important;\n--"` stays inside its comment line instead of becoming a statement.
 */
export function commentText(text: string): string {
  return text.replace(LINE_BREAKS, " ");
}

function quoteTable(name: string): string {
  const parts = name.split(".").map((p) => p.trim());
  if (parts.some((p) => p === "")) {
    throw new RfmError(
      "badOption",
      `The table name ${JSON.stringify(name)} has an empty part; write it as table or schema.table.`,
    );
  }
  return parts.map(quoteIdent).join(".");
}

/** JavaScript's shortest round-trip text of a double, read back exactly by the database's text → double cast. */
function doubleLiteral(d: DialectSpec, x: number): string {
  if (!Number.isFinite(x)) throw new RfmError("badOption", `A number in the SQL query is not finite: ${x}.`);
  return `CAST('${String(x)}' AS ${d.double})`;
}

function timestampLiteral(ms: number): string {
  const base = formatTimestamp(ms);
  const frac = ((ms % 1000) + 1000) % 1000;
  return `TIMESTAMP '${base}${frac ? `.${String(frac).padStart(3, "0")}` : ""}'`;
}

/** Canonical id text (customerId.ts) of an already trimmed, empty-as-NULL text `t`: numeric text loses a leading
 *  "+" and a zero fraction ("12346.0" → "12346", "-0" → "0"); other text stays as it is. */
function canonicalId(d: DialectSpec, t: string): string {
  return (
    `CASE WHEN ${d.matches(t, "-0(\\.0*)?")} THEN '0' ` +
    `WHEN ${d.matches(t, "[+-]?[0-9]+(\\.0*)?")} THEN regexp_replace(regexp_replace(${t}, '\\..*$', ''), '^\\+', '') ` +
    `ELSE ${t} END`
  );
}

/** Trimmed text of a column, NULL when empty. */
function trimmedText(d: DialectSpec, column: string): string {
  return `NULLIF(TRIM(CAST(${column} AS ${d.text})), '')`;
}

/** Excel's error values (excelErrors.ts), lower case. */
const EXCEL_ERROR_IDS = EXCEL_ERROR_VALUES.map((v) => v.toLowerCase());

/** Trimmed id text, NULL when empty or null-like (`N/A`, `nan`, an Excel error code ...), as the engine reads ids. */
function idText(d: DialectSpec, column: string): string {
  const t = trimmedText(d, column);
  const spellings = [...NULL_LIKE_IDS, ...EXCEL_ERROR_IDS].map(quoteString).join(", ");
  return `CASE WHEN LOWER(${t}) IN (${spellings}) THEN NULL ELSE ${t} END`;
}

/** Columns that give the engine's customer order (customerId.ts compareCustomerIds): numeric ids first. */
function idKeyColumns(d: DialectSpec, id: string): string[] {
  const numeric = d.matches(id, "-?[0-9]+(\\.[0-9]+)?(e[+-][0-9]+)?");
  return [
    `CASE WHEN ${numeric} THEN 0 ELSE 1 END AS id_kind`,
    `CASE WHEN ${numeric} THEN CAST(${id} AS ${d.double}) END AS id_value`,
  ];
}

/** numpy's `_lerp(a, b, t)`, the engine's `lerp` (quantiles.ts). */
function lerpSql(a: string, b: string, t: string): string {
  return `CASE WHEN ${t} >= 0.5 THEN ${b} - (${b} - ${a}) * (1 - ${t}) ELSE ${a} + (${b} - ${a}) * ${t} END`;
}

interface ResolvedSqlOptions {
  d: DialectSpec;
  source: string;
  columns: Partial<Record<Field, string>>;
  money: "amount" | "lines";
  hasInvoice: boolean;
  cleaning: CleaningOptions;
  bins: number;
  scoring: ScoringMethod;
  cutPoints?: CutPoints;
  scheme: Scheme;
  snapshot?: number;
}

function resolveOptions(dialect: SqlDialect, options: SqlOptions): ResolvedSqlOptions {
  const d = DIALECTS[dialect];
  if (!d) {
    throw new RfmError("badOption", `Unknown SQL dialect ${JSON.stringify(dialect)}; use duckdb or postgres.`);
  }
  if (!options || typeof options !== "object" || !options.mapping) {
    throw new RfmError("badOption", "SQL options need a mapping from fields to column names.");
  }
  let source: string;
  if (options.from !== undefined && options.from.trim() !== "") source = options.from.trim();
  else if (options.table !== undefined && options.table.trim() !== "") source = quoteTable(options.table.trim());
  else throw new RfmError("badOption", "Name the transactions table for the SQL query (option table).");

  // Reuse the engine's shape rule: build a header list from the mapped names and resolve the money plan on it.
  const headers: string[] = [];
  const mapping: ColumnMapping = {};
  const columns: Partial<Record<Field, string>> = {};
  for (const f of FIELDS) {
    const name = options.mapping[f];
    if (name === undefined || name === null || String(name).trim() === "") continue;
    mapping[f] = headers.length;
    headers.push(String(name));
    columns[f] = quoteIdent(String(name));
  }
  for (const f of ["customer", "date"] as Field[]) {
    if (columns[f] === undefined) {
      throw new RfmError("missingColumn", `The SQL query needs the ${f} column name (mapping.${f}).`, { column: f });
    }
  }
  const preset = options.preset ?? "pandas";
  if (preset !== "pandas" && preset !== "r-rfm") {
    throw new RfmError("badOption", `Unknown preset ${JSON.stringify(preset)}; use pandas or r-rfm.`);
  }
  const rPreset = preset === "r-rfm";
  // As analyze.ts: the r-rfm preset keeps monetary source `auto` (the amount column when there is one).
  const plan = resolveMoney(mapping, headers, options.monetarySource ?? "auto");
  const bins = checkBins(options.bins ?? 5);
  const scoring = options.scoring ?? (rPreset ? "r-rfm" : "quantile");
  if (!["quantile", "rank", "fixed", "r-rfm"].includes(scoring)) {
    throw new RfmError(
      "badOption",
      `Unknown scoring method "${String(scoring)}"; use one of quantile, rank, fixed, r-rfm.`,
    );
  }
  if (scoring === "fixed") {
    for (const metric of ["recency", "frequency", "monetary"] as const) {
      checkCutPoints(options.cutPoints?.[metric], bins, metric);
    }
  }
  const scheme = resolveScheme(options.scheme ?? (rPreset ? "r-rfm" : undefined));
  const snapshot =
    options.snapshot === undefined || options.snapshot === null ? undefined : parseSnapshot(options.snapshot);
  return {
    d,
    source,
    columns,
    money: plan.source,
    hasInvoice: plan.hasInvoice,
    cleaning: { ...DEFAULT_CLEANING, ...(options.cleaning ?? {}) },
    bins,
    scoring,
    cutPoints: options.cutPoints,
    scheme,
    snapshot,
  };
}

/** The rule's condition over analysis scores r, f, m (ranges rescaled from the scheme's bin count), or null when
 *  the rule matches no cell at this bin count. */
function ruleCondition(rule: SegmentRule, map: Uint8Array, bins: number): string | null {
  const parts: string[] = [];
  for (const axis of ["r", "f", "m"] as const) {
    const range = rule[axis];
    if (!range) continue;
    let lo = 0;
    let hi = 0;
    for (let t = 1; t <= bins; t++) {
      if (map[t] >= range[0] && map[t] <= range[1]) {
        if (lo === 0) lo = t;
        hi = t;
      }
    }
    if (lo === 0) return null;
    if (lo === 1 && hi === bins) continue;
    parts.push(lo === hi ? `${axis} = ${lo}` : `${axis} BETWEEN ${lo} AND ${hi}`);
  }
  return parts.length === 0 ? "TRUE" : parts.join(" AND ");
}

function segmentCase(scheme: Scheme, bins: number): string {
  const map = axisMap(bins, schemeBins(scheme));
  const lines: string[] = [];
  for (const rule of scheme.rules) {
    const cond = ruleCondition(rule, map, bins);
    if (cond === null) continue; // no cell at this bin count (checkScheme calls it unreachable)
    lines.push(`    WHEN ${cond} THEN ${quoteString(rule.label)}`);
    if (cond === "TRUE") break; // later rules can never match
  }
  return `CASE\n${lines.join("\n")}\n    ELSE ${quoteString(fallbackLabel(scheme))}\n  END`;
}

type MetricKey = "R" | "F" | "M";

/** The column of edge k of metric m in [edge_row]: r1, f2 ... */
function edgeName(m: MetricKey, k: number): string {
  return `${m.toLowerCase()}${k}`;
}

/**
 * Generates the query (see the top of the file). Throws RfmError for a missing column name, an unknown dialect,
 * scheme or scoring method, bad bins or cut-points.
 */
/** Steps 1 of the query: the [raw] columns (id texts trimmed once) and the [src] columns (canonical ids, money). */
function sourceColumns(o: ResolvedSqlOptions): { rawCols: string[]; srcCols: string[] } {
  const { d, columns: c, cleaning } = o;
  const D = d.double;
  const lines = o.money === "lines";
  const rawCols: string[] = [`${idText(d, c.customer as string)} AS customer_text`];
  const srcCols: string[] = [
    cleaning.dropMissingCustomer
      ? `${canonicalId(d, "customer_text")} AS customer_id`
      : `COALESCE(${canonicalId(d, "customer_text")}, '') AS customer_id`,
  ];
  if (c.invoice !== undefined) {
    rawCols.push(`CAST(${c.invoice} AS ${d.text}) AS invoice_text`);
    rawCols.push(`${trimmedText(d, c.invoice)} AS invoice_trimmed`);
    srcCols.push("invoice_text", `${canonicalId(d, "invoice_trimmed")} AS invoice`);
  }
  rawCols.push(`CAST(${c.date} AS TIMESTAMP) AS ts`);
  srcCols.push("ts");
  if (c.quantity !== undefined) {
    rawCols.push(`CAST(${c.quantity} AS ${D}) AS quantity`);
    srcCols.push("quantity");
  }
  rawCols.push(`CAST(${lines ? c.unitPrice : c.amount} AS ${D}) AS price`);
  srcCols.push("price", lines ? "quantity * price AS money" : "price AS money");

  return { rawCols, srcCols };
}

/** Step 2 of the query: the [clean] conditions, one per cleaning rule in effect. */
function cleaningConditions(o: ResolvedSqlOptions): string[] {
  const { columns: c, cleaning } = o;
  const lines = o.money === "lines";
  const countInvoices = o.hasInvoice && c.invoice !== undefined;
  // The kept set does not depend on the order the engine applies its rules in.
  const where: string[] = [];
  if (cleaning.dropMissingCustomer) where.push("customer_id IS NOT NULL -- rows without a customer id");
  if (cleaning.dropCancelledInvoices && c.invoice !== undefined) {
    where.push(
      "(invoice_text IS NULL OR UPPER(SUBSTR(LTRIM(invoice_text), 1, 1)) <> 'C') -- cancellations (invoice starting with C)",
    );
  }
  if (cleaning.dropNegativeQuantity && c.quantity !== undefined) {
    where.push("NOT (quantity < 0) -- negative quantities");
  }
  if (cleaning.dropNonPositivePrice) {
    where.push(`NOT (price <= 0) -- ${lines ? "unit price" : "amount"} of 0 or less`);
  }
  where.push("ts IS NOT NULL -- dates that cannot be read");
  if (countInvoices) where.push("invoice IS NOT NULL -- rows without an invoice number");
  where.push("money IS NOT NULL -- empty or non-numeric quantity, price or amount");

  return where;
}

/** Step 5 of the query: the rank columns (rank(method="first"), ties by customer order) and what each metric's
 *  bins are computed over. */
function rankColumns(scoring: ScoringMethod, order: string): { rankCols: string[]; over: Record<MetricKey, string> } {
  const rankCols: string[] = [];
  const rankOf = (metric: string): string => `ROW_NUMBER() OVER (ORDER BY ${metric}, ${order})`;
  // What each metric's bins are computed over.
  const over: Record<MetricKey, string> = { R: "recency", F: "frequency", M: "monetary" };
  if (scoring === "quantile" || scoring === "rank") {
    rankCols.push(`${rankOf("frequency")} AS frequency_rank`);
    over.F = "frequency_rank";
    if (scoring === "rank") {
      rankCols.push(`${rankOf("recency")} AS recency_rank`, `${rankOf("monetary")} AS monetary_rank`);
      over.R = "recency_rank";
      over.M = "monetary_rank";
    }
  }

  return { rankCols, over };
}

/** Step 6 of the query: the CTEs that end in [edge_row], one row with every metric's inner edges. */
function edgeCtes(o: ResolvedSqlOptions, over: Record<MetricKey, string>, inner: number[]): string[] {
  const { d, bins, scoring } = o;
  const D = d.double;
  const ctes: string[] = [];
  let edgeSelect: string;
  if (scoring === "fixed") {
    const cuts = o.cutPoints as Required<CutPoints>;
    const names: Record<MetricKey, number[]> = { R: cuts.recency, F: cuts.frequency, M: cuts.monetary };
    edgeSelect = (["R", "F", "M"] as MetricKey[])
      .flatMap((m) => inner.map((k) => `${doubleLiteral(d, names[m][k - 1])} AS ${edgeName(m, k)}`))
      .join(",\n    ");
    ctes.push(`edge_row AS (\n  SELECT\n    ${edgeSelect}\n)`);
  } else {
    // probabilities, computed as the engine does and written as exact doubles
    const probs =
      scoring === "r-rfm"
        ? inner.map((k) => k * (1 / bins)) // R: seq(0, 1, length.out = bins + 1)
        : inner.map((k) => (qcutProbabilities(bins)[k] * 100) / 100); // pandas q × 100 / 100 round trip
    const values = inner.map((k, i) => `(${k}, ${doubleLiteral(d, probs[i])})`).join(", ");
    ctes.push(`probs (k, q) AS (\n  VALUES ${values}\n)`);
    ctes.push(
      `sorted AS (\n` +
        (["R", "F", "M"] as MetricKey[])
          .map(
            (m) =>
              `  SELECT '${m}' AS metric, CAST(${over[m]} AS ${D}) AS v, ` +
              `ROW_NUMBER() OVER (ORDER BY ${over[m]}) - 1 AS i FROM ranked`,
          )
          .join("\n  UNION ALL\n") +
        `\n)`,
    );
    if (scoring === "r-rfm") {
      // rBins.ts rQuantilesType7: index = 1 + (n - 1) × p (1-based), h = index - floor(index);
      // q = (1 - h) × x[lo] + h × x[lo + 1] unless h = 0 or the neighbours are equal; break = q + 1.
      ctes.push(
        `pos AS (\n  SELECT k, CAST(FLOOR(idx) AS ${d.bigint}) - 1 AS lo, idx - FLOOR(idx) AS h\n` +
          `  FROM (SELECT k, 1 + CAST(GREATEST(n - 1, 0) AS ${D}) * q AS idx FROM probs CROSS JOIN (SELECT COUNT(*) AS n FROM ranked) cnt) x\n)`,
      );
      ctes.push(
        `edges AS (\n  SELECT s.metric, p.k,\n` +
          `    CASE WHEN p.h > 0 AND b.v IS NOT NULL AND b.v <> a.v THEN (1 - p.h) * a.v + p.h * b.v ELSE a.v END + 1 AS edge\n` +
          `  FROM pos p\n  CROSS JOIN (VALUES ('R'), ('F'), ('M')) s (metric)\n` +
          `  JOIN sorted a ON a.metric = s.metric AND a.i = p.lo\n` +
          `  LEFT JOIN sorted b ON b.metric = s.metric AND b.i = p.lo + 1\n)`,
      );
    } else {
      // quantiles.ts percentileSorted: virtual = (n - 1) × q, lo = floor, t = virtual - lo, numpy's lerp.
      ctes.push(
        `pos AS (\n  SELECT k, CAST(FLOOR(vi) AS ${d.bigint}) AS lo, vi - FLOOR(vi) AS t\n` +
          `  FROM (SELECT k, CAST(n - 1 AS ${D}) * q AS vi FROM probs CROSS JOIN (SELECT COUNT(*) AS n FROM ranked) cnt) x\n)`,
      );
      ctes.push(
        `edges AS (\n  SELECT s.metric, p.k,\n` +
          `    ${lerpSql("a.v", "COALESCE(b.v, a.v)", "p.t")} AS edge\n` +
          `  FROM pos p\n  CROSS JOIN (VALUES ('R'), ('F'), ('M')) s (metric)\n` +
          `  JOIN sorted a ON a.metric = s.metric AND a.i = p.lo\n` +
          `  LEFT JOIN sorted b ON b.metric = s.metric AND b.i = p.lo + 1\n)`,
      );
    }
    edgeSelect = (["R", "F", "M"] as MetricKey[])
      .flatMap((m) =>
        inner.map((k) => `MAX(CASE WHEN metric = '${m}' AND k = ${k} THEN edge END) AS ${edgeName(m, k)}`),
      )
      .join(",\n    ");
    ctes.push(`edge_row AS (\n  SELECT\n    ${edgeSelect}\n  FROM edges\n)`);
  }

  return ctes;
}

export function generateSql(dialect: SqlDialect, options: SqlOptions): string {
  const o = resolveOptions(dialect, options);
  const { d, columns: c, bins, scoring } = o;
  const D = d.double;
  const countInvoices = o.hasInvoice && c.invoice !== undefined;
  const { rawCols, srcCols } = sourceColumns(o);
  const where = cleaningConditions(o);

  // 3.-4. snapshot and metrics
  const snap =
    o.snapshot === undefined
      ? "SELECT MAX(ts) + INTERVAL '1 day' AS snapshot FROM clean"
      : `SELECT ${timestampLiteral(o.snapshot)} AS snapshot`;
  const frequency = countInvoices ? "COUNT(DISTINCT invoice)" : "COUNT(*)";
  const recency = `CAST(FLOOR(CAST(${d.epochMs("s.snapshot")} - ${d.epochMs("c.last_purchase")} AS ${D}) / 86400000) AS ${d.bigint})`;

  const order = "id_kind, id_value, " + d.textOrder("customer_id");
  const { rankCols, over } = rankColumns(scoring, order);
  const inner: number[] = [];
  for (let k = 1; k < bins; k++) inner.push(k);
  const ctes = edgeCtes(o, over, inner);

  // 7. bins → scores
  const cmp = scoring === "r-rfm" ? ">=" : ">";
  const binExpr = (m: MetricKey): string =>
    `1 + ${inner.map((k) => `CAST(x.${over[m]} ${cmp} e.${edgeName(m, k)} AS INTEGER)`).join(" + ")}`;
  const scoredCols = [`${bins + 1} - (${binExpr("R")}) AS r`, `${binExpr("F")} AS f`, `${binExpr("M")} AS m`];

  // 8. output
  const sep = bins === 10 ? " || '-' || " : " || ";
  const rfmCode = `CAST(r AS ${d.text})${sep}CAST(f AS ${d.text})${sep}CAST(m AS ${d.text})`;

  const scheme = o.scheme;
  const header = [
    `-- RFM segmentation (${d.title}): scheme ${commentText(scheme.id)} (${commentText(scheme.name)}), ${bins} bins, ${scoring} scoring.`,
    `-- Generated from the same rules as the add-in's engine; one row per customer in the engine's order.`,
    `-- Snapshot: ${o.snapshot === undefined ? "latest purchase + 1 day" : formatTimestamp(o.snapshot)}.`,
  ];
  const body = [
    `raw AS (\n  SELECT\n    ${rawCols.join(",\n    ")}\n  FROM ${o.source}\n)`,
    `src AS (\n  SELECT\n    ${srcCols.join(",\n    ")}\n  FROM raw\n)`,
    `clean AS (\n  SELECT * FROM src\n  WHERE ${where.join("\n    AND ")}\n)`,
    `snap AS (\n  ${snap}\n)`,
    `cust AS (\n  SELECT customer_id, MIN(ts) AS first_purchase, MAX(ts) AS last_purchase,\n` +
      `    ${frequency} AS frequency, ${d.sumMoney("money")} AS monetary\n  FROM clean\n  GROUP BY customer_id\n)`,
    `metrics AS (\n  SELECT c.*, ${recency} AS recency,\n    ${idKeyColumns(d, "c.customer_id").join(",\n    ")}\n` +
      `  FROM cust c CROSS JOIN snap s\n)`,
    `ranked AS (\n  SELECT metrics.*${rankCols.length ? ",\n    " + rankCols.join(",\n    ") : ""}\n  FROM metrics\n)`,
    ...ctes,
    `scored AS (\n  SELECT x.*,\n    ${scoredCols.join(",\n    ")}\n  FROM ranked x CROSS JOIN edge_row e\n)`,
  ];
  const select =
    `SELECT customer_id, first_purchase, last_purchase, recency, frequency, monetary, r, f, m,\n` +
    `  ${rfmCode} AS rfm,\n  r + f + m AS score,\n  ${segmentCase(scheme, bins)} AS segment\n` +
    `FROM scored\nORDER BY ${order}`;
  return `${header.join("\n")}\nWITH\n${body.join(",\n")}\n${select};\n`;
}
