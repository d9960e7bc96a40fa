/**
 * The dashboard's formulas: every figure is computed by Excel from the RFM Customers table, with functions that
 * skip the rows its filters (and so its slicers) hide, so the dashboard follows whatever the analyst filters.
 *
 * - Whole-table figures: SUBTOTAL(103, …) counts visible customers, SUBTOTAL(109, …) sums visible values,
 *   AGGREGATE(12, 5, …) is the median of visible values (12 = MEDIAN, 5 = ignore hidden rows).
 * - Per segment (or per score): SUBTOTAL cannot take a condition, so each row's visibility is taken as
 *   SUBTOTAL(103, OFFSET(header, n, 0)) over every row n of the column (1 when row n is visible, 0 when filtered
 *   out) and multiplied by the condition inside SUMPRODUCT. Works in every Excel version the add-in supports.
 *
 * Example (table "RFMCustomers", segment name in A9): customers of that segment still visible =
 * `=SUMPRODUCT(SUBTOTAL(103,OFFSET(RFMCustomers[[#Headers],[Segment]],ROW(RFMCustomers[Segment])-
 * ROW(RFMCustomers[[#Headers],[Segment]]),0))*(RFMCustomers[Segment]=$A9))`.
 */

/** A structured reference to one column of the table: `T[Column]`. */
export function col(table: string, column: string): string {
  return `${table}[${column}]`;
}

/** 1 per visible row of the table, 0 per filtered-out row (an array, for SUMPRODUCT). */
export function visibleRows(table: string): string {
  const header = `${table}[[#Headers],[Segment]]`;
  return `SUBTOTAL(103,OFFSET(${header},ROW(${col(table, "Segment")})-ROW(${header}),0))`;
}

export interface KpiFormulas {
  customers: string;
  revenue: string;
  orderValue: string;
  topTwoShare: string;
  medianRecency: string;
}

/** The five headline figures. `revenueCells` is the dashboard's per-segment revenue column (e.g. "$B$9:$B$18"),
 *  which already follows the filters; `segments` how many rows it has. */
export function kpiFormulas(table: string, revenueCells: string, segments: number): KpiFormulas {
  const top = segments >= 2 ? `LARGE(${revenueCells},1)+LARGE(${revenueCells},2)` : `SUM(${revenueCells})`;
  return {
    customers: `=SUBTOTAL(103,${col(table, "CustomerID")})`,
    revenue: `=SUBTOTAL(109,${col(table, "Monetary")})`,
    orderValue: `=IFERROR(SUBTOTAL(109,${col(table, "Monetary")})/SUBTOTAL(109,${col(table, "Frequency")}),0)`,
    topTwoShare: `=IFERROR((${top})/SUM(${revenueCells}),0)`,
    medianRecency: `=IFERROR(AGGREGATE(12,5,${col(table, "Recency")}),"")`,
  };
}

/** Visible customers whose `column` equals the cell `key` (an address such as "$A9" or a number). */
export function countWhere(table: string, column: string, key: string): string {
  return `=SUMPRODUCT(${visibleRows(table)}*(${col(table, column)}=${key}))`;
}

/** Sum of `sumColumn` over the visible customers whose `column` equals `key`. */
export function sumWhere(table: string, column: string, key: string, sumColumn: string): string {
  return `=SUMPRODUCT(${visibleRows(table)}*(${col(table, column)}=${key})*${col(table, sumColumn)})`;
}

/** `cell` as a share of the column total `range`; 0 while everything is filtered out. */
export function shareOf(cell: string, range: string): string {
  return `=IFERROR(${cell}/SUM(${range}),0)`;
}
