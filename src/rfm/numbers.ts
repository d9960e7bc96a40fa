/**
 * Numbers written as people format them: `1,234.50`, `£5`, `€7`, `(5.00)`, `1 000`, `7,5` in a European file.
 *
 * Rules, applied to text that is not already a plain number:
 * - Surrounding spaces and one currency sign or code (`$ £ € ¥ ₹ ₩ ₽ ₺ ₪ ₫ ¢`, `CHF`, `EUR`, `USD`, `GBP`, `kr`) before
 *   or after the digits are ignored; a sign may stand before or after the currency (`-£5`, `£-5`).
 * - Accounting negatives: `(5.00)` is -5.
 * - Thousands separators: with a decimal point, `,` (in groups of three), spaces (also no-break and thin spaces) and
 *   `'`; with a decimal comma, `.` (in groups of three), spaces and `'`.
 * - Anything else (words, two decimal marks, badly grouped digits such as `1,23,4`) is not a number (NaN).
 *
 * The decimal mark is decided from the data (`detectDecimalMark`): a comma is the decimal mark only when some cell
 * can only be read that way (`7,5`, `1.234,50`) and none can only be read with a point (`7.5`, `1,234.50`). Cells that
 * both readings accept (`1,234`) do not decide, and then the point wins.
 */

/** The character that separates the whole part from the fraction. */
export type DecimalMark = "." | ",";

const CURRENCY = /^(?:[$£€¥₹₩₽₺₪₫¢]|CHF|EUR|USD|GBP|kr)/i;
const CURRENCY_END = /(?:[$£€¥₹₩₽₺₪₫¢]|CHF|EUR|USD|GBP|kr)$/i;
/** Spaces used between groups of digits: space, no-break space, narrow no-break space, thin space. */
const GROUP_SPACES = /[ \u00a0\u202f\u2009]/g;
const POINT_NUMBER = /^\d{1,3}(?:([,' ])\d{3})?(?:\1\d{3})*(?:\.\d*)?$|^\d+(?:\.\d*)?$|^\.\d+$/;
const COMMA_NUMBER = /^\d{1,3}(?:([.' ])\d{3})?(?:\1\d{3})*(?:,\d*)?$|^\d+(?:,\d*)?$|^,\d+$/;

/** Strips currency, sign and accounting parentheses; returns the sign and the bare digits, or null. */
function unwrap(text: string): { negative: boolean; body: string } | null {
  let s = text.trim();
  let negative = false;
  if (s.length > 2 && s.charCodeAt(0) === 40 /* ( */ && s.charCodeAt(s.length - 1) === 41 /* ) */) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  let signed = false;
  for (let pass = 0; pass < 2; pass++) {
    if (!signed && (s.startsWith("-") || s.startsWith("+"))) {
      if (s[0] === "-") negative = !negative;
      signed = true;
      s = s.slice(1).trim();
    }
    const head = CURRENCY.exec(s);
    if (head) s = s.slice(head[0].length).trim();
  }
  const tail = CURRENCY_END.exec(s);
  if (tail) s = s.slice(0, s.length - tail[0].length).trim();
  if (s.endsWith("-") && !signed && !negative) {
    negative = true;
    s = s.slice(0, -1).trim();
  }
  if (s === "" || !/^[\d.,' \u00a0\u202f\u2009]+$/.test(s)) return null;
  return { negative, body: s.replace(GROUP_SPACES, " ") };
}

/**
 * Reads a formatted number.
 *
 * @param text the cell text
 * @param decimal the decimal mark of the data
 * @returns the number, or NaN when the text is not a number under the rules above
 * @example parseFormattedNumber("1,234.50", ".") // 1234.5
 * @example parseFormattedNumber("(5.00)", ".") // -5
 * @example parseFormattedNumber("1.234,50", ",") // 1234.5
 * @example parseFormattedNumber("£5", ".") // 5
 */
export function parseFormattedNumber(text: string, decimal: DecimalMark): number {
  const u = unwrap(text);
  if (u === null) return NaN;
  let digits: string;
  if (decimal === ".") {
    if (!POINT_NUMBER.test(u.body)) return NaN;
    digits = u.body.replace(/[,' ]/g, "");
  } else {
    if (!COMMA_NUMBER.test(u.body)) return NaN;
    digits = u.body.replace(/[.' ]/g, "").replace(",", ".");
  }
  const v = Number(digits);
  return u.negative ? -v : v;
}

/**
 * Which decimal mark a text cell can be read with.
 *
 * @param text the cell text
 * @returns "." or "," when only that reading works, "both" when both do, null when neither does
 */
export function decimalEvidence(text: string): DecimalMark | "both" | null {
  const point = !Number.isNaN(parseFormattedNumber(text, "."));
  const comma = !Number.isNaN(parseFormattedNumber(text, ","));
  if (point && comma) {
    // "1,234" or "1.234" (point and comma readings differ) and "1234" (they agree) both pass: neither decides.
    return "both";
  }
  return point ? "." : comma ? "," : null;
}

/**
 * The decimal mark of the number columns: "," only when some text cell can only be read with a decimal comma and
 * no cell can only be read with a point.
 *
 * @param columns the number columns (quantity, unit price, amount), as cells
 * @param limit how many text cells to look at per column (the first ones)
 * @returns the decimal mark to read the text cells with
 * @example detectDecimalMark([["7,5", "12,99", 3]]) // ","
 * @example detectDecimalMark([["1,234.50", "7"]]) // "."
 */
export function detectDecimalMark(columns: readonly ArrayLike<unknown>[], limit = 10000): DecimalMark {
  let comma = 0;
  for (const col of columns) {
    let seen = 0;
    for (let i = 0; i < col.length && seen < limit; i++) {
      const v = col[i];
      if (typeof v !== "string" || v === "") continue;
      seen++;
      // "7.5" or "1,234.50" can only be read with a point, and settles it; "1,234" and "1234" decide nothing.
      const e = decimalEvidence(v);
      if (e === ".") return ".";
      if (e === ",") comma++;
    }
  }
  return comma > 0 ? "," : ".";
}
