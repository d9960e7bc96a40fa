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

function missing(field: Field, headers: readonly unknown[], why = "", off?: ReadonlySet<Field>): RfmError {
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

/** Fields whose mapping entry is present but empty (`""`, blank or `null`): deliberately not mapped. */
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
 * Maps fields to column indexes and checks the shape rule. Throws RfmError("missingColumn") naming the missing
 * field, the aliases tried and the headers found; an explicit mapping to a header that does not exist is the same
 * error naming that header; a required field switched off (empty mapping entry) is the same error saying so.
 */
export function resolveColumns(
  headers: readonly unknown[],
  mapping?: Partial<Record<Field, string>>,
  options: ResolveOptions = {},
): ColumnMapping {
  const normalized = headers.map(normalizeHeader);
  const used = new Set<number>();
  const result: ColumnMapping = {};
  const off = switchedOffFields(mapping);

  // Explicit mapping first, so that aliases never steal a header the user assigned.
  if (mapping) {
    for (const field of FIELD_ORDER) {
      const name = mapping[field];
      if (name === undefined || name === null || String(name).trim() === "") continue;
      let idx = headers.findIndex((h) => headerText(h) === String(name).trim());
      if (idx < 0) idx = normalized.indexOf(normalizeHeader(name));
      if (idx < 0) {
        throw new RfmError(
          "missingColumn",
          `Column "${name}" (chosen for ${FIELD_NAMES[field]}) not found. Headers found: ${listHeaders(headers)}.`,
          { column: String(name) },
        );
      }
      result[field] = idx;
      used.add(idx);
    }
  }
  for (const field of FIELD_ORDER) {
    if (result[field] !== undefined || off.has(field)) continue;
    for (const alias of FIELD_ALIASES[field]) {
      const a = normalizeHeader(alias);
      const idx = normalized.findIndex((h, i) => h === a && !used.has(i));
      if (idx >= 0) {
        result[field] = idx;
        used.add(idx);
        break;
      }
    }
  }

  if (result.customer === undefined) throw missing("customer", headers, "", off);
  if (result.date === undefined) throw missing("date", headers, "", off);
  resolveMoney(result, headers, options.monetarySource ?? "auto", off);
  return result;
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
    if (!hasAmount) throw missing("amount", headers, " (Monetary is set to sum an amount column)", off);
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
    if (mapping.quantity === undefined) throw missing("quantity", headers, why, off);
    if (mapping.unitPrice === undefined) throw missing("unitPrice", headers, why, off);
    if (!hasInvoice) throw missing("invoice", headers, " (line-level data needs it to count orders)", off);
  }
  const plan: MoneyPlan = { source: chosen, hasInvoice };
  if (source === "auto" && hasAmount && hasLines) {
    plan.note =
      `Both an amount column ("${headerText(headers[mapping.amount as number])}") and Quantity × Unit price are ` +
      `available; Monetary sums the amount column (monetary source "auto"). Choose "lines" to use Quantity × Unit price.`;
  }
  return plan;
}
