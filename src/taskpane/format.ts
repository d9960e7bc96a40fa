/**
 * Number and date formatting for the pane (en-US, like the add-in's texts). Example: `count(4338)` → "4,338",
 * `share(0.1234)` → "12.3%", `money(1234.5, "£")` → "£1,234.50".
 */
const INT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const MONEY = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const SHARE = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function count(n: number): string {
  return INT.format(n);
}

export function share(fraction: number): string {
  return SHARE.format(fraction);
}

/** Two decimals after the currency sign (the workbook's, e.g. "£"; "" for none). */
export function money(n: number, symbol = ""): string {
  return n < 0 ? `-${symbol}${MONEY.format(-n)}` : `${symbol}${MONEY.format(n)}`;
}

/** "1 customer" / "2 customers". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${count(n)} ${n === 1 ? word : many}`;
}
