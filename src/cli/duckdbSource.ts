/**
 * The DuckDB FROM source for a CSV file: `read_csv('FILE', types = {...})`, with the customer and invoice columns
 * read as text. DuckDB's type sniffing would read a column of long ids (17-19 digits) as DOUBLE and merge ids one
 * apart, or as BIGINT and fail on the first id that is not a number; the engine keeps ids as text, and so must the
 * query for both to agree.
 */
import type { Field } from "../rfm/types";

/** A DuckDB string literal. */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** `read_csv(...)` for `file` (an absolute path), with the mapped id columns typed VARCHAR. */
export function duckdbReadCsv(file: string, mapping: Partial<Record<Field, string>>): string {
  const text = [mapping.customer, mapping.invoice].filter((c): c is string => c !== undefined);
  if (text.length === 0) return `read_csv(${literal(file)})`;
  const types = text.map((c) => `${literal(c)}: 'VARCHAR'`).join(", ");
  return `read_csv(${literal(file)}, types = {${types}})`;
}
