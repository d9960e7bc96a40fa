/**
 * The real data sets for tests, loaded once per test process (jest runs each test file in its own module registry,
 * so "once" means once per file).
 *
 * - `loadOnlineRetail()`: UCI Online Retail, 541,909 rows × 8 columns (InvoiceNo, StockCode, Description, Quantity,
 *   InvoiceDate, UnitPrice, CustomerID, Country), from `../shared/data/online_retail.csv` beside the repository when
 *   present, else from the repository's own `data/online_retail.csv.gz`. Dates are text `YYYY-MM-DD HH:MM:SS`;
 *   CustomerID is a number or "" when missing; InvoiceNo is a number, or text like "C536379" for cancellations.
 * - `loadOrders()`: R `rfm` package's order data (customer_id, order_date, revenue; 4,906 rows, 995 customers), or
 *   `null` when the shared folder is not there (the repository does not ship it). Tests that need it skip themselves:
 *
 *     const orders = loadOrders();
 *     (orders ? describe : describe.skip)("order-level data", () => { ... });
 *
 * The tables are shared between the tests of a file: do not modify them.
 */
import type { ColumnTable } from "../../src/rfm/types";
import {
  onlineRetailPath,
  ordersPath,
  readCsvFile,
  sharedDataDir as locateSharedDataDir,
  onlineRetailXlsxPath,
} from "../../src/cli/dataFiles";

let onlineRetail: ColumnTable | undefined;
let orders: ColumnTable | null | undefined;

/** `../shared/data` relative to the repository root, or null when absent. */
export function sharedDataDir(): string | null {
  return locateSharedDataDir();
}

/** The file `loadOnlineRetail()` reads (shared CSV or the embedded .csv.gz). */
export function onlineRetailSource(): string {
  return onlineRetailPath();
}

/** The Online Retail .xlsx from the shared folder, or null (the repository does not ship it). */
export function onlineRetailXlsx(): string | null {
  return onlineRetailXlsxPath();
}

/** The order-level CSV from the shared folder, or null. */
export function ordersSource(): string | null {
  return ordersPath();
}

export function loadOnlineRetail(): ColumnTable {
  if (onlineRetail === undefined) onlineRetail = readCsvFile(onlineRetailPath());
  return onlineRetail;
}

export function loadOrders(): ColumnTable | null {
  if (orders === undefined) {
    const file = ordersPath();
    orders = file === null ? null : readCsvFile(file);
  }
  return orders;
}
