/**
 * CSV fields that are safe to open in a spreadsheet.
 *
 * Excel, LibreOffice and Google Sheets treat a text cell whose first character is `=`, `+`, `-` or `@` as a formula
 * when they open a CSV file, and a leading tab or carriage return is trimmed away first. A customer id or a country
 * such as `=HYPERLINK("http://x","click")` or `=cmd|'/C calc'!A0` would then run on the analyst's machine ("CSV
 * injection"). Following OWASP's advice, such text is written with a leading single quote, which every spreadsheet
 * shows as plain text. Numbers (including negative ones, and text that spells a plain number such as `-2.5`) are not
 * formulas and are written as they are.
 */

/** Characters that make a spreadsheet read the text of a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Text that is a plain decimal number (`-2.5`, `+3`, `1e-7`): a spreadsheet reads it as a number, not a formula. */
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** A field needs double quotes when it holds a quote, a comma, a line break or leading/trailing space. */
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/**
 * Whether a spreadsheet opening a CSV file would read this text as a formula.
 *
 * @param text the text of one cell
 * @returns true for text starting with `=`, `+`, `-`, `@`, a tab or a carriage return, unless it is a plain number
 * @example isFormulaText("=1+1") // true
 * @example isFormulaText("-2.5") // false: a number
 */
export function isFormulaText(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

/**
 * Text that a spreadsheet shows as written: formula-leading text gets a leading single quote (OWASP's advice for
 * CSV injection); anything else is returned unchanged.
 *
 * @param text the text of one cell
 * @returns the text, with a `'` in front when it would otherwise be read as a formula
 * @example neutralizeFormula("=HYPERLINK(\"x\")") // "'=HYPERLINK(\"x\")"
 * @example neutralizeFormula("Zoë") // "Zoë"
 */
export function neutralizeFormula(text: string): string {
  return isFormulaText(text) ? "'" + text : text;
}

/**
 * One CSV field (RFC 4180): numbers in JavaScript's shortest round-trip form (non-finite numbers empty), text quoted
 * when needed and, unless `raw`, formula-leading text neutralized with a leading single quote.
 *
 * @param value a number or a text
 * @param raw true to write text exactly as it is (no formula neutralizing), for programs that read the file
 * @returns the field as it appears between commas
 * @example csvField("a,b") // "\"a,b\""
 * @example csvField("=1+1") // "'=1+1"
 * @example csvField("=1+1", true) // "=1+1"
 * @example csvField(-2.5) // "-2.5"
 */
export function csvField(value: string | number, raw = false): string {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = raw ? value : neutralizeFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
