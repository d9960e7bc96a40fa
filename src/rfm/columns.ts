/**
 * Finding the engine's fields among a sheet's headers.
 *
 * Matching: a header and an alias match when they are equal after lower-casing and dropping everything that is not a
 * letter or digit ("Customer ID", "customer_id" and "CustomerID" are all `customerid`). Each field tries its aliases
 * in order and takes the first header that matches; a header serves one field only. An explicit `mapping`
 * (field → header name, matched exactly first, then loosely) wins over the aliases.
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
 *   → `{ invoice: 0, quantity: 2, date: 3, unitPrice: 4, customer: 5 }`.
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

function missing(field: Field, headers: readonly unknown[], why = ""): RfmError {
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
 * Maps fields to column indexes and checks the shape rule. Throws RfmError("missingColumn") naming the missing
 * field, the aliases tried and the headers found; an explicit mapping to a header that does not exist is the same
 * error naming that header.
 */
export function resolveColumns(
  headers: readonly unknown[],
  mapping?: Partial<Record<Field, string>>,
  options: ResolveOptions = {},
): ColumnMapping {
  const normalized = headers.map(normalizeHeader);
  const used = new Set<number>();
  const result: ColumnMapping = {};

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
    if (result[field] !== undefined) continue;
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

  if (result.customer === undefined) throw missing("customer", headers);
  if (result.date === undefined) throw missing("date", headers);
  resolveMoney(result, headers, options.monetarySource ?? "auto");
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
 * Throws missingColumn naming what the chosen source needs.
 */
export function resolveMoney(mapping: ColumnMapping, headers: readonly unknown[], source: MonetarySource): MoneyPlan {
  const hasAmount = mapping.amount !== undefined;
  const hasLines = mapping.quantity !== undefined && mapping.unitPrice !== undefined;
  const hasInvoice = mapping.invoice !== undefined;
  let chosen: "amount" | "lines";
  if (source === "amount") {
    if (!hasAmount) throw missing("amount", headers, " (Monetary is set to sum an amount column)");
    chosen = "amount";
  } else if (source === "lines") {
    chosen = "lines";
  } else {
    chosen = hasAmount ? "amount" : "lines";
  }
  if (chosen === "lines") {
    if (source === "auto" && mapping.quantity === undefined && mapping.unitPrice === undefined) {
      throw new RfmError(
        "missingColumn",
        `No money column found: map an amount column (looked for ${FIELD_ALIASES.amount.slice(0, 6).join(", ")} …) ` +
          `or Quantity and Unit price columns. Headers found: ${listHeaders(headers)}.`,
        { column: FIELD_NAMES.amount },
      );
    }
    const why =
      source === "lines" ? " (Monetary is set to Quantity × Unit price)" : " (needed for Quantity × Unit price)";
    if (mapping.quantity === undefined) throw missing("quantity", headers, why);
    if (mapping.unitPrice === undefined) throw missing("unitPrice", headers, why);
    if (!hasInvoice) throw missing("invoice", headers, " (line-level data needs it to count orders)");
  }
  const plan: MoneyPlan = { source: chosen, hasInvoice };
  if (source === "auto" && hasAmount && hasLines) {
    plan.note =
      `Both an amount column ("${headerText(headers[mapping.amount as number])}") and Quantity × Unit price are ` +
      `available; Monetary sums the amount column (monetary source "auto"). Choose "lines" to use Quantity × Unit price.`;
  }
  return plan;
}
