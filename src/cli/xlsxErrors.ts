/**
 * Messages for a file given as .xlsx that cannot be read as one: what the file is instead (a CSV renamed, an old
 * .xls, a password-protected workbook, a PDF, ...) or that the workbook is truncated or damaged.
 */
import * as fs from "fs";
import { UsageError } from "./args";

function head(file: string, length: number): Buffer {
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(length);
    const n = fs.readSync(fd, buf, 0, length, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** What the first bytes of a file that is not a zip archive look like, as "it ..." */
export function describeStart(bytes: Buffer): string {
  if (bytes.length === 0) return "the file is empty";
  const hex = bytes.subarray(0, 8).toString("hex");
  if (hex === "d0cf11e0a1b11ae1") {
    return (
      "it is an OLE2 compound file: an old .xls workbook, or an .xlsx protected with a password; " +
      "save it from Excel as .xlsx without a password, or as .csv"
    );
  }
  if (hex.startsWith("1f8b")) return "it is gzip-compressed data; name it .csv.gz if it is a compressed CSV";
  const text = bytes.toString("latin1");
  if (text.startsWith("%PDF")) return "it is a PDF document";
  const body = text.replace(/^\xef\xbb\xbf/, "").replace(/^\xff\xfe|^\xfe\xff/, "");
  if (/^\s*<(\?xml|html|!doctype|table)/i.test(body)) {
    return "it is an XML or HTML text file (perhaps a web page or an Excel 2003 XML file); save it as .xlsx or .csv";
  }
  const firstLine = body.split(/\r?\n/)[0];
  // Printable: no control characters but tab (NULs allowed: UTF-16 text has one in every other byte).
  let printable = true;
  for (let i = 0; i < firstLine.length && printable; i++) {
    const c = firstLine.charCodeAt(i);
    printable = c === 0 || c === 9 || (c >= 32 && c !== 127);
  }
  if (printable && /[,;\t|]/.test(firstLine)) {
    return "it starts like a CSV text file; rename it to .csv (or .tsv when tab-separated)";
  }
  if (printable) return "it starts like a text file; if it holds comma-separated rows, rename it to .csv";
  return `it starts with the bytes ${hex} and is not a zip archive`;
}

/** The input error for `file`, given the zip reader's reason. */
export function notAWorkbook(file: string, reason: string): UsageError {
  let start: Buffer;
  try {
    start = head(file, 512);
  } catch {
    return new UsageError(`${file}: cannot read the file.`);
  }
  if (start.length >= 4 && start.readUInt32LE(0) === 0x04034b50) {
    return new UsageError(`${file}: the workbook is truncated or damaged (zip: ${reason}); save it again from Excel.`);
  }
  return new UsageError(`${file}: not an xlsx workbook: ${describeStart(start)}.`);
}

/** A zip archive that holds no workbook part: say what it is when it is recognisable. */
export function notASpreadsheet(file: string, names: string[]): UsageError {
  let what = "a zip archive without a workbook part (xl/workbook.xml)";
  if (names.includes("word/document.xml")) what = "a Word document";
  else if (names.includes("ppt/presentation.xml")) what = "a PowerPoint presentation";
  else if (names.includes("content.xml") && names.includes("mimetype")) {
    what = "an OpenDocument file (.ods); save it as .xlsx or .csv";
  }
  return new UsageError(`${file}: not an xlsx workbook: it is ${what}.`);
}
