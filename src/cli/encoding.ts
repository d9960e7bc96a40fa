/**
 * Text encodings of CSV input. The parser (csv.ts) reads UTF-8 bytes; other encodings are converted to UTF-8 first.
 *
 * - A UTF-16 byte-order mark (FF FE little-endian, FE FF big-endian) decides UTF-16: Excel's "Unicode Text" .txt
 *   is UTF-16 LE with tabs between the fields.
 * - Otherwise UTF-8; when the bytes are not valid UTF-8 the caller reads them again as Windows-1252 (the usual
 *   encoding of files saved by Excel on Windows "CSV" without UTF-8), so `Zoë` and `Zoé` stay two names instead of
 *   both becoming `Zo�`.
 * - `--encoding` chooses one of ENCODINGS and turns the detection off.
 *
 * No Node imports: TextDecoder and TextEncoder only.
 */

/** The encodings `--encoding` accepts. `latin1` is read as Windows-1252, as browsers and TextDecoder do. */
export const ENCODINGS = ["utf8", "utf16le", "utf16be", "windows-1252", "latin1"] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** TextDecoder labels. */
const LABEL: Record<Encoding, string> = {
  utf8: "utf-8",
  utf16le: "utf-16le",
  utf16be: "utf-16be",
  "windows-1252": "windows-1252",
  latin1: "latin1",
};

/** Display names for messages. */
export const ENCODING_NAME: Record<Encoding, string> = {
  utf8: "UTF-8",
  utf16le: "UTF-16 LE",
  utf16be: "UTF-16 BE",
  "windows-1252": "Windows-1252",
  latin1: "Latin-1",
};

/** The `--encoding` value as an Encoding (`utf-8`, `UTF16LE`, `cp1252` ... accepted), or null when unknown. */
export function encodingOption(value: string): Encoding | null {
  const v = value.trim().toLowerCase().replace(/[-_ ]/g, "");
  if (v === "utf8") return "utf8";
  if (v === "utf16le" || v === "utf16") return "utf16le";
  if (v === "utf16be") return "utf16be";
  if (v === "windows1252" || v === "cp1252") return "windows-1252";
  if (v === "latin1" || v === "iso88591") return "latin1";
  return null;
}

/** The encoding a byte-order mark at the start of `head` announces, or null (no mark, or UTF-8's). */
export function bomEncoding(head: Uint8Array): "utf16le" | "utf16be" | null {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return "utf16le";
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return "utf16be";
  return null;
}

/** Whether a decoded header line is tab-separated (more tabs than commas and semicolons): Excel's Unicode Text. */
export function looksTabSeparated(text: string): boolean {
  const line = text.slice(0, text.search(/\r|\n|$/));
  const count = (c: string): number => line.split(c).length - 1;
  return count("\t") > 0 && count("\t") >= count(",") && count("\t") >= count(";");
}

/**
 * Windows-1252's characters for the bytes 0x80-0x9F, where it differs from ISO-8859-1 (the five bytes it leaves
 * undefined keep their ISO-8859-1 code points, as the WHATWG encoding standard has it).
 */
const CP1252_80_9F = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

/**
 * Decoded single-byte text with bytes 0x80-0x9F as Windows-1252 has them. Node 20's TextDecoder decodes the label
 * "windows-1252" as ISO-8859-1, so € „ “ ” ’ – — ™ would come out as invisible control characters; after a decoder
 * that maps them correctly this changes nothing.
 */
function fixCp1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]);
}

/** Whether the encoding is read as Windows-1252. */
function isCp1252(encoding: Encoding): boolean {
  return encoding === "windows-1252" || encoding === "latin1";
}

/** The text of `bytes` in `encoding` (a byte-order mark dropped). */
export function decodeText(bytes: Uint8Array, encoding: Encoding): string {
  const text = new TextDecoder(LABEL[encoding]).decode(bytes);
  return isCp1252(encoding) ? fixCp1252(text) : text;
}

/** `bytes` in `encoding`, as UTF-8 bytes for the parser. */
export function toUtf8(bytes: Uint8Array, encoding: Encoding): Uint8Array {
  if (encoding === "utf8") return bytes;
  return new TextEncoder().encode(decodeText(bytes, encoding));
}

/**
 * A converter for chunked input (the streaming reader): `push` each chunk, get its UTF-8 bytes (a character split
 * across chunks comes out with the next one); `end` returns what is left.
 */
export function utf8Converter(encoding: Encoding): { push(chunk: Uint8Array): Uint8Array; end(): Uint8Array } {
  const decoder = new TextDecoder(LABEL[encoding]);
  const encoder = new TextEncoder();
  const fix = isCp1252(encoding) ? fixCp1252 : (t: string): string => t;
  return {
    push: (chunk) => encoder.encode(fix(decoder.decode(chunk, { stream: true }))),
    end: () => encoder.encode(fix(decoder.decode())),
  };
}

/** The report's warning for a file that is not valid UTF-8 and was read as Windows-1252. */
export function invalidUtf8Warning(shown: string, line: number): string {
  return (
    `${shown} is not valid UTF-8 (first at line ${line}), so it was read as Windows-1252 (accented letters such ` +
    "as é and ë kept apart). If the names look wrong, give the file's encoding with --encoding."
  );
}
