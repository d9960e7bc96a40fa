/**
 * SQL that reproduces the engine (cleaning, metrics, scores, scheme) for DuckDB and PostgreSQL: see generate.ts.
 */
export { commentText, generateSql, quoteIdent } from "./generate";
export type { SqlOptions } from "./generate";
export { DIALECTS } from "./dialects";
export type { SqlDialect } from "./dialects";
