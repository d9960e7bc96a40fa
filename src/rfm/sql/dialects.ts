/**
 * The few places where DuckDB and PostgreSQL spell the same thing differently. Everything else in the generated
 * query is plain SQL both accept (CTEs, window functions, CASE, CAST, COALESCE, FLOOR, LTRIM/UPPER/SUBSTR).
 *
 * Choices that keep the SQL equal to the engine:
 * - Arithmetic on quantile positions and edges is done in IEEE doubles (DuckDB DOUBLE, PostgreSQL DOUBLE PRECISION):
 *   +, -, × and / are correctly rounded in both, as in JavaScript, so the edges match the engine bit for bit.
 * - Monetary: the engine sums row money with Kahan compensation in row order (as pandas), which lands within a unit
 *   or two in the last place of the exact total. Both dialects sum exact decimals (the row money converted from
 *   double: DuckDB to 10 decimal places, PostgreSQL to NUMERIC) and round the total once, so the same data gives the
 *   same doubles on every run and equal totals are equal. A float sum (DuckDB's `fsum`) is not enough: its result
 *   depends on the order DuckDB's threads combine their partial sums, which once moved two customers with the same
 *   total across a rank bin edge. The engine's float noise can still order two customers with the same total in
 *   cents by their last bits rather than by id; tests on Online Retail check that no score differs.
 * - Time: timestamps are wall-clock (TIMESTAMP without time zone), so a day is always 86,400,000 ms.
 * - Text order: the engine compares text ids by UTF-16 code units; PostgreSQL compares them under the "C" collation
 *   (byte order of UTF-8 = code point order; the two differ only between characters above U+FFFF and U+E000-U+FFFF).
 */

export type SqlDialect = "duckdb" | "postgres";

export interface DialectSpec {
  name: SqlDialect;
  /** Display name for comments. */
  title: string;
  double: string;
  text: string;
  bigint: string;
  /** Milliseconds since 1970-01-01 of a TIMESTAMP expression, as a number the dialect subtracts exactly. */
  epochMs(expr: string): string;
  /** True when `expr` (text) matches the POSIX/RE2 pattern (the patterns used here are valid in both). */
  matches(expr: string, pattern: string): string;
  /** Compensated (DuckDB) or exact (PostgreSQL) sum of a double expression, as a double. */
  sumMoney(expr: string): string;
  /** `expr` in code-point order for ORDER BY. */
  textOrder(expr: string): string;
}

export function quoteString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

const DUCKDB: DialectSpec = {
  name: "duckdb",
  title: "DuckDB",
  double: "DOUBLE",
  text: "VARCHAR",
  bigint: "BIGINT",
  epochMs: (e) => `epoch_ms(${e})`,
  matches: (e, p) => `regexp_full_match(${e}, ${quoteString(p)})`,
  // Exact and the same on every run (see the note at the top).
  sumMoney: (e) => `CAST(SUM(CAST(${e} AS DECIMAL(38, 10))) AS DOUBLE)`,
  textOrder: (e) => e,
};

const POSTGRES: DialectSpec = {
  name: "postgres",
  title: "PostgreSQL",
  double: "DOUBLE PRECISION",
  text: "TEXT",
  bigint: "BIGINT",
  // EXTRACT(EPOCH ...) is an exact NUMERIC for timestamps (PostgreSQL 14+); × 1000 stays exact.
  epochMs: (e) => `(EXTRACT(EPOCH FROM ${e}) * 1000)`,
  matches: (e, p) => `(${e} ~ ${quoteString(`^(?:${p})$`)})`,
  sumMoney: (e) => `CAST(SUM(CAST(${e} AS NUMERIC)) AS DOUBLE PRECISION)`,
  textOrder: (e) => `${e} COLLATE "C"`,
};

export const DIALECTS: Record<SqlDialect, DialectSpec> = { duckdb: DUCKDB, postgres: POSTGRES };
