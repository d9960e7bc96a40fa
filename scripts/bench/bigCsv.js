/**
 * A large transactions CSV made from the real Online Retail file, for the speed sections: copy k of the data rows
 * has its customer ids shifted by k × 100,000 and its invoice numbers by k × 1,000,000 (prefix letters such as the
 * "C" of cancellations kept), so each copy adds new customers and invoices with the same dates, quantities and
 * prices. Rows are taken in file order, copy after copy, until `rows` data rows are written.
 */
"use strict";
const fs = require("fs");

/** Shifts the number in `field` (after any leading letters) by `by`; empty and non-numeric fields stay as they are. */
function shifted(field, by) {
  const m = /^([A-Za-z]*)(\d+)$/.exec(field);
  return m === null || by === 0 ? field : m[1] + String(Number(m[2]) + by);
}

/**
 * Writes `rows` data rows to `dest` (with the header row). Expects the Online Retail column order
 * (InvoiceNo first, CustomerID and Country last, and no delimiter in those three).
 */
function writeBigCsv(src, dest, rows) {
  const text = fs.readFileSync(src, "utf8");
  const nl = text.indexOf("\n");
  const header = text.slice(0, nl + 1);
  const lines = text.slice(nl + 1).split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const fd = fs.openSync(dest, "w");
  try {
    fs.writeSync(fd, header);
    let written = 0;
    for (let k = 0; written < rows; k++) {
      const parts = [];
      for (let i = 0; i < lines.length && written < rows; i++, written++) {
        const line = lines[i];
        const first = line.indexOf(",");
        const last = line.lastIndexOf(",");
        const beforeLast = line.lastIndexOf(",", last - 1);
        const invoice = shifted(line.slice(0, first), k * 1_000_000);
        const customer = shifted(line.slice(beforeLast + 1, last), k * 100_000);
        parts.push(invoice + line.slice(first, beforeLast + 1) + customer + line.slice(last));
        if (parts.length === 50_000) {
          fs.writeSync(fd, parts.join("\n") + "\n");
          parts.length = 0;
        }
      }
      if (parts.length > 0) fs.writeSync(fd, parts.join("\n") + "\n");
    }
  } finally {
    fs.closeSync(fd);
  }
}

module.exports = { writeBigCsv };
