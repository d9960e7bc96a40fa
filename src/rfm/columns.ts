/**
 * Finding the engine's fields among a sheet's headers.
 *
 * Matching: a header and an alias match when they are equal after lower-casing and dropping everything that is not a
 * letter or digit ("Customer ID", "customer_id" and "CustomerID" are all `customerid`). Each field tries its aliases
 * in order and takes the first header that matches; a header serves one field only. An explicit `mapping`
 * (field → header name, matched exactly first, then loosely) wins over the aliases. A mapping entry that is present
 * but empty (`""`, blank or `null`) switches the field off: the aliases are not tried for it, so an analyst can drop
 * a "Total" column the aliases would take as Amount, or a Country column they do not want carried. Switching off a
 * field the shape rule needs is a missingColumn error that says so. An absent key (or `undefined`) still uses the
 * aliases.
 *
 * Shape rule: `customer` and `date` are always required. The money side is either line-level (`quantity` and
 * `unitPrice`, and then `invoice` is required to count orders) or order-level (`amount`, `invoice` optional: without
 * it each row is one order). Which one is used is the MonetarySource (see `resolveMoney`):
 * - `auto` (default): the amount column when one is mapped, otherwise quantity × unit price. When both are there the
 *   engine says so in the result's warnings, so the analyst can pick `lines` instead.
 * - `amount`: the amount column (an error if there is none).
 * - `lines`: quantity × unit price (an error if either column is missing).
 *
 * Example: `resolveColumns(["InvoiceNo","StockCode","Quantity","InvoiceDate","UnitPrice","CustomerID"])`
 *   → `{ invoice: 0, quantity: 2, date: 3, unitPrice: 4, customer: 5 }`;
 *   `resolveColumns(["CustomerID","InvoiceDate","InvoiceNo","Quantity","UnitPrice","Total"], { amount: "" })`
 *   → no `amount`: Monetary is Quantity × Unit price although "Total" matches an Amount alias.
 * Cost: O(headers × aliases), once per table.
 */

import { RfmError } from "./errors";
import type { ColumnMapping, Field, MonetarySource } from "./types";

/** Human names of the fields, used in messages and by the doors' mapping dropdowns. */
export const FIELD_NAMES: Record<Field, string> = {
  customer: "Customer ID",
  invoice: "Invoice",
  date: "Invoice date",
  quantity: "Quantity",
  unitPrice: "Unit price",
  amount: "Amount",
  country: "Country",
};

/** Aliases per field in the spelling shown to users; matching uses `normalizeHeader` of each. First match wins. */
export const FIELD_ALIASES: Record<Field, readonly string[]> = {
  customer: [
    "CustomerID",
    "Customer ID",
    "customer_id",
    "Customer",
    "Customer No",
    "Customer Number",
    "Customer Code",
    "Cust ID",
    "Client ID",
    "Client",
    "Client No",
    "Customer Name",
    "Buyer ID",
    "User ID",
    "Member ID",
    "Account ID",
  ],
  invoice: [
    "InvoiceNo",
    "Invoice",
    "invoice_no",
    "Invoice ID",
    "Invoice Number",
    "order_id",
    "Order ID",
    "Order No",
    "Order Number",
    "Order",
    "Transaction ID",
    "Transaction No",
    "Transaction",
    "Receipt No",
    "Receipt ID",
    "Bill No",
  ],
  date: [
    "InvoiceDate",
    "Invoice Date",
    "Date",
    "order_date",
    "Order Date",
    "Purchase Date",
    "Transaction Date",
    "Sale Date",
    "Invoice DateTime",
    "Order DateTime",
    "DateTime",
    "Timestamp",
    "Created At",
  ],
  quantity: ["Quantity", "Qty", "Units", "Quantity Ordered", "Qty Ordered"],
  unitPrice: ["UnitPrice", "Unit Price", "unit_price", "Price", "Price Each", "Item Price", "Price Per Unit"],
  amount: [
    "Amount",
    "Revenue",
    "Sales",
    "Total",
    "order_value",
    "Order Value",
    "Order Total",
    "Total Amount",
    "Total Price",
    "Sale Amount",
    "Sales Amount",
    "Net Sales",
    "Spend",
    "Monetary",
    "Value",
  ],
  country: ["Country", "Country Name", "Country Code"],
};

const FIELD_ORDER: Field[] = ["customer", "invoice", "date", "quantity", "unitPrice", "amount", "country"];

/** A header without a unit note: "Total (EUR)", "Sales [£]", "Revenue in USD", "£ Amount" → the bare name, which
 *  the aliases are then tried on too (a unit says what the numbers are, not which field they are). */
export function headerWithoutUnit(h: unknown): string {
  return String(h ?? "")
    .replace(/\s*[([][^)\]]*[)\]]\s*$/u, "")
    .replace(/(?:\s*[$£€¥₹₩₽₺₪₫¢]|\s+(?:in\s+)?(?:CHF|EUR|USD|GBP|kr))\s*$/iu, "")
    .replace(/^\s*[$£€¥₹₩₽₺₪₫¢]\s*/u, "")
    .trim();
}

/** Lower-case letters and digits only: "Customer ID" → "customerid". */
export function normalizeHeader(h: unknown): string {
  return String(h ?? "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

function headerText(h: unknown): string {
  return String(h ?? "").trim();
}

function listHeaders(headers: readonly unknown[]): string {
  const shown = headers.map(headerText).filter((h) => h !== "");
  if (shown.length === 0) return "(none: the header row is empty)";
  const head = shown.slice(0, 30).join(", ");
  return shown.length > 30 ? `${head}, … (${shown.length} in all)` : head;
}

function missingColumn(field: Field, headers: readonly unknown[], why = "", off?: ReadonlySet<Field>): RfmError {
  if (off?.has(field)) {
    return new RfmError(
      "missingColumn",
      `Column "${FIELD_NAMES[field]}" is switched off in the column mapping (mapped to none), but it is required` +
        `${why}. Choose a column for it. Headers found: ${listHeaders(headers)}.`,
      { column: FIELD_NAMES[field] },
    );
  }
  const looked = FIELD_ALIASES[field].slice(0, 6).join(", ");
  return new RfmError(
    "missingColumn",
    `Column "${FIELD_NAMES[field]}" not found${why} (looked for ${looked} …). Headers found: ${listHeaders(headers)}.`,
    { column: FIELD_NAMES[field] },
  );
}

export interface ResolveOptions {
  /** Decides which money columns are required (default `auto`). */
  monetarySource?: MonetarySource;
}

/**
 * Fields whose mapping entry is present but empty (`""`, blank or `null`): deliberately not mapped.
 * @param mapping field → header name, as in RfmOptions.mapping
 * @returns the switched-off fields
 * @example switchedOffFields({ amount: "", customer: "Client" }) // → Set { "amount" }
 */
export function switchedOffFields(mapping?: Partial<Record<Field, string | null>>): Set<Field> {
  const off = new Set<Field>();
  if (!mapping) return off;
  for (const field of FIELD_ORDER) {
    if (!Object.prototype.hasOwnProperty.call(mapping, field)) continue;
    const name = mapping[field];
    if (name === null || (name !== undefined && String(name).trim() === "")) off.add(field);
  }
  return off;
}

/**
 * The columns of one header row, planned once: which column is which field, how Monetary is computed, and what is
 * missing. Every door plans with `planColumns` and passes the plan on (analyze, createAnalysis, analyzeAt), so the
 * rules run once per header row and a door never has to re-create them.
 */
export interface ColumnPlan {
  /** The header texts the plan was made for (column indexes below refer to them). */
  headers: readonly string[];
  /** Field → column index, for every field found, also when the plan is not usable. */
  columns: ColumnMapping;
  /** Fields the data cannot be analysed without, by the shape rule, then fields whose chosen header does not
   *  exist; empty when the plan is usable. What a pane lists as "map these". */
  missing: Field[];
  /** The error analyze throws for this plan (missingColumn, the first problem in the rules' order); absent when
   *  the plan is usable. */
  error?: RfmError;
  /** How Monetary is computed; absent when the plan is not usable. */
  money?: MoneyPlan;
}

/** A plan without problems: what analyze works from. */
export type UsableColumnPlan = ColumnPlan & { money: MoneyPlan; error?: undefined };

/**
 * Required fields not mapped, by the shape rule (see the top of the file), in the rule's order.
 * @param map field → column index (a ColumnPlan's `columns`, or a door's own partial mapping)
 * @param source the monetary source, which decides the money columns required (default `auto`)
 * @returns the missing fields; empty when the mapping can be analysed
 * @example missingFields({ customer: 0, date: 1 }) // → ["amount"]
 */
export function missingFields(map: ColumnMapping, source: MonetarySource = "auto"): Field[] {
  const out: Field[] = [];
  if (map.customer === undefined) out.push("customer");
  if (map.date === undefined) out.push("date");
  const useAmount = source === "amount" || (source === "auto" && map.amount !== undefined);
  if (useAmount) {
    if (map.amount === undefined) out.push("amount");
  } else if (source === "auto" && map.quantity === undefined && map.unitPrice === undefined) {
    out.push("amount");
  } else {
    if (map.quantity === undefined) out.push("quantity");
    if (map.unitPrice === undefined) out.push("unitPrice");
    if (map.invoice === undefined) out.push("invoice");
  }
  return out;
}

/**
 * Plans the columns of a header row: the explicit mapping first (exact header text, then loosely), then the aliases
 * for the fields left, then the shape rule. Never throws: problems are in `missing` and `error`.
 * @param headers the header row's cells
 * @param mapping field → header name; "" (or null) switches a field off, an absent key leaves it to the aliases
 * @param options `monetarySource` decides which money columns are required (default `auto`)
 * @returns the plan; `requireColumns(plan)` throws its error
 * @example planColumns(["Client", "Date", "Total"]).columns // → { customer: 0, date: 1, amount: 2 }
 */
export function planColumns(
  headers: readonly unknown[],
  mapping?: Partial<Record<Field, string | null>>,
  options: ResolveOptions = {},
): ColumnPlan {
  const source = options.monetarySource ?? "auto";
  const texts = headers.map((h) => String(h ?? ""));
  const normalized = headers.map(normalizeHeader);
  const bare = headers.map((h) => normalizeHeader(headerWithoutUnit(h)));
  const used = new Set<number>();
  const columns: ColumnMapping = {};
  const off = switchedOffFields(mapping);
  let error: RfmError | undefined;
  const notFound: Field[] = [];

  // Explicit mapping first, so that aliases never steal a header the user assigned.
  if (mapping) {
    for (const field of FIELD_ORDER) {
      const name = mapping[field];
      if (name === undefined || name === null || String(name).trim() === "") continue;
      let idx = headers.findIndex((h) => headerText(h) === String(name).trim());
      if (idx < 0) idx = normalized.indexOf(normalizeHeader(name));
      if (idx < 0) {
        // A choice that does not exist stays missing: it is never replaced by an alias.
        notFound.push(field);
        error ??= new RfmError(
          "missingColumn",
          `Column "${name}" (chosen for ${FIELD_NAMES[field]}) not found. Headers found: ${listHeaders(headers)}.`,
          { column: String(name) },
        );
        continue;
      }
      columns[field] = idx;
      used.add(idx);
    }
  }
  for (const field of FIELD_ORDER) {
    if (columns[field] !== undefined || off.has(field) || notFound.includes(field)) continue;
    for (const alias of FIELD_ALIASES[field]) {
      const a = normalizeHeader(alias);
      let idx = normalized.findIndex((h, i) => h === a && !used.has(i));
      if (idx < 0) idx = bare.findIndex((h, i) => h === a && h !== normalized[i] && !used.has(i));
      if (idx >= 0) {
        columns[field] = idx;
        used.add(idx);
        break;
      }
    }
  }

  const missing = missingFields(columns, source);
  for (const f of notFound) if (!missing.includes(f)) missing.push(f);
  let money: MoneyPlan | undefined;
  if (error === undefined) {
    if (columns.customer === undefined) error = missingColumn("customer", headers, "", off);
    else if (columns.date === undefined) error = missingColumn("date", headers, "", off);
    else {
      try {
        money = resolveMoney(columns, headers, source, off);
      } catch (e) {
        if (!(e instanceof RfmError)) throw e;
        error = e;
      }
    }
  }
  const plan: ColumnPlan = { headers: texts, columns, missing };
  if (error !== undefined) plan.error = error;
  else if (money !== undefined) plan.money = money;
  return plan;
}

/**
 * The plan, checked: throws the plan's error.
 * @param plan from planColumns
 * @returns the same plan, typed as usable
 * @throws RfmError("missingColumn") naming the missing field, the aliases tried and the headers found; for a chosen
 *   header that does not exist, that header; for a required field switched off, that it is switched off
 * @example requireColumns(planColumns(["CustomerID", "InvoiceDate", "Amount"])).money.source // → "amount"
 */
export function requireColumns(plan: ColumnPlan): UsableColumnPlan {
  if (plan.error !== undefined) throw plan.error;
  if (plan.money === undefined) throw new RfmError("missingColumn", "The column plan has no money plan.");
  return plan as UsableColumnPlan;
}

/**
 * The plan for a table that holds only the planned fields' columns, in field order (customer, invoice, date,
 * quantity, unitPrice, amount, country): what a door that reads just those columns passes on with them. Header
 * texts stay as they are, duplicates included: the plan refers to columns by index.
 * @param plan from planColumns
 * @returns `fields[j]` is the field of the narrow table's column j, `sources[j]` that column's index in
 *   `plan.headers`, and `plan` the plan over the narrow table
 * @example selectColumns(planColumns(["Note", "CustomerID", "Date", "Amount"])).sources // → [1, 2, 3]
 */
export function selectColumns(plan: ColumnPlan): { fields: Field[]; sources: number[]; plan: ColumnPlan } {
  const fields = FIELD_ORDER.filter((f) => plan.columns[f] !== undefined);
  const sources = fields.map((f) => plan.columns[f] as number);
  const columns: ColumnMapping = {};
  fields.forEach((f, j) => (columns[f] = j));
  const narrow: ColumnPlan = { ...plan, headers: sources.map((i) => plan.headers[i]), columns };
  return { fields, sources, plan: narrow };
}

/**
 * Maps fields to column indexes and checks the shape rule: `requireColumns(planColumns(...)).columns`.
 * Throws RfmError("missingColumn") as requireColumns.
 */
export function resolveColumns(
  headers: readonly unknown[],
  mapping?: Partial<Record<Field, string>>,
  options: ResolveOptions = {},
): ColumnMapping {
  return requireColumns(planColumns(headers, mapping, options)).columns;
}

/** How Monetary is computed for a resolved mapping. */
export interface MoneyPlan {
  /** `amount`: sum of the amount column; `lines`: sum of quantity × unit price. */
  source: "amount" | "lines";
  /** Distinct invoices count orders (true), or each row is one order (false: order-level data without an id). */
  hasInvoice: boolean;
  /** Set when auto had a choice (both an amount column and quantity + unit price): the warning to show. */
  note?: string;
}

/**
 * Applies the shape rule to a mapping. `auto` = amount when an amount column is mapped, else lines.
 * Throws missingColumn naming what the chosen source needs; `off` (fields switched off in the mapping) makes that
 * message say the field was switched off rather than not found.
 */
export function resolveMoney(
  mapping: ColumnMapping,
  headers: readonly unknown[],
  source: MonetarySource,
  off?: ReadonlySet<Field>,
): MoneyPlan {
  const hasAmount = mapping.amount !== undefined;
  const hasLines = mapping.quantity !== undefined && mapping.unitPrice !== undefined;
  const hasInvoice = mapping.invoice !== undefined;
  let chosen: "amount" | "lines";
  if (source === "amount") {
    if (!hasAmount) throw missingColumn("amount", headers, " (Monetary is set to sum an amount column)", off);
    chosen = "amount";
  } else if (source === "lines") {
    chosen = "lines";
  } else {
    chosen = hasAmount ? "amount" : "lines";
  }
  if (chosen === "lines") {
    if (source === "auto" && mapping.quantity === undefined && mapping.unitPrice === undefined) {
      const looked = off?.has("amount")
        ? "switched off in the column mapping"
        : `looked for ${FIELD_ALIASES.amount.slice(0, 6).join(", ")} …`;
      throw new RfmError(
        "missingColumn",
        `No money column found: map an amount column (${looked}) ` +
          `or Quantity and Unit price columns. Headers found: ${listHeaders(headers)}.`,
        { column: FIELD_NAMES.amount },
      );
    }
    const why =
      source === "lines" ? " (Monetary is set to Quantity × Unit price)" : " (needed for Quantity × Unit price)";
    if (mapping.quantity === undefined) throw missingColumn("quantity", headers, why, off);
    if (mapping.unitPrice === undefined) throw missingColumn("unitPrice", headers, why, off);
    if (!hasInvoice) throw missingColumn("invoice", headers, " (line-level data needs it to count orders)", off);
  }
  const plan: MoneyPlan = { source: chosen, hasInvoice };
  if (source === "auto" && hasAmount && hasLines) {
    plan.note =
      `Both an amount column ("${headerText(headers[mapping.amount as number])}") and Quantity × Unit price are ` +
      `available; Monetary sums the amount column (monetary source "auto"). Choose "lines" to use Quantity × Unit price.`;
  }
  return plan;
}
