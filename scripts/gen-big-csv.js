#!/usr/bin/env node
/**
 * Writes a large transactions CSV (default 10,000,000 data rows) built from the real Online Retail data, for the
 * streaming benchmark and for trying the CLI on a file Excel cannot open.
 *
 * How: the 541,909 real rows are repeated as often as needed (the last copy cut short); copy k (k = 0, 1, ...) adds
 * k × 100,000 to every CustomerID (ids 12346..18287 become 112346..118287 in copy 1, so copies never share a
 * customer) and k × 1,000,000 to the number of every InvoiceNo, keeping a letter prefix (C536379 → C1536379).
 * Dates, products, quantities, prices and countries are unchanged, so every customer of copy k has exactly the
 * Recency, Frequency and Monetary of its original (their scores can differ a little, since the quantile edges are
 * computed over all copies). Rows without a customer id stay without one.
 *
 * Usage: node scripts/gen-big-csv.js [--rows N] [--out FILE]
 *   default FILE: <system temp folder>/rfm-big-<N>.csv. Prints the path, rows and size. Cost: one pass over the
 *   real data per copy, written through a stream in 4 MB blocks (about 1.1 GB for 10M rows).
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const zlib = require("zlib");

const ROOT = path.resolve(__dirname, "..");

function sourceText() {
  const shared = path.resolve(ROOT, "..", "shared", "data", "online_retail.csv");
  if (fs.existsSync(shared)) return fs.readFileSync(shared, "utf8");
  return zlib.gunzipSync(fs.readFileSync(path.join(ROOT, "data", "online_retail.csv.gz"))).toString("utf8");
}

function parseArgs(argv) {
  const out = { rows: 10_000_000, out: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--rows") out.rows = Number(argv[++i]);
    else if (a === "--out") out.out = argv[++i];
    else if (a === "--help" || a === "-h") {
      process.stdout.write("Usage: node scripts/gen-big-csv.js [--rows N] [--out FILE]\n");
      process.exit(0);
    } else {
      process.stderr.write(`gen-big-csv: unknown argument ${a}\n`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(out.rows) || out.rows < 1) {
    process.stderr.write("gen-big-csv: --rows must be a positive whole number\n");
    process.exit(2);
  }
  if (out.out === null) out.out = path.join(os.tmpdir(), `rfm-big-${out.rows}.csv`);
  return out;
}

/**
 * Splits a data line into [InvoiceNo, middle, CustomerID, Country]. InvoiceNo is the first field (never quoted in
 * this file); CustomerID and Country are the last two (never quoted: checked here, the line is rejected otherwise).
 */
function splitLine(line) {
  const first = line.indexOf(",");
  const lastComma = line.lastIndexOf(",");
  const prevComma = line.lastIndexOf(",", lastComma - 1);
  const tail = line.slice(prevComma + 1);
  if (first < 0 || prevComma <= first || tail.includes('"')) throw new Error(`unexpected line shape: ${line}`);
  return [
    line.slice(0, first),
    line.slice(first, prevComma + 1),
    line.slice(prevComma + 1, lastComma),
    line.slice(lastComma),
  ];
}

function shiftInvoice(invoice, k) {
  if (k === 0) return invoice;
  const m = /^([A-Za-z]*)(\d+)$/.exec(invoice);
  if (!m) return `${invoice}-${k}`;
  return m[1] + String(Number(m[2]) + k * 1_000_000);
}

async function main() {
  const { rows, out } = parseArgs(process.argv.slice(2));
  const text = sourceText();
  const lines = text.split(/\r?\n/);
  const header = lines[0];
  const data = lines.slice(1).filter((l) => l !== "");
  const parts = data.map(splitLine);
  const stream = fs.createWriteStream(out);
  const write = (chunk) =>
    new Promise((resolve, reject) => {
      stream.write(chunk, (err) => (err ? reject(err) : resolve()));
    });
  await write(header + "\n");
  let written = 0;
  let block = [];
  let blockBytes = 0;
  for (let k = 0; written < rows; k++) {
    for (let i = 0; i < parts.length && written < rows; i++) {
      const [inv, middle, cust, country] = parts[i];
      const id = cust === "" ? "" : String(Number(cust) + k * 100_000);
      const line = shiftInvoice(inv, k) + middle + id + country;
      block.push(line);
      blockBytes += line.length + 1;
      written++;
      if (blockBytes >= 4 << 20) {
        await write(block.join("\n") + "\n");
        block = [];
        blockBytes = 0;
      }
    }
  }
  if (block.length > 0) await write(block.join("\n") + "\n");
  await new Promise((resolve, reject) => stream.end((err) => (err ? reject(err) : resolve())));
  const size = fs.statSync(out).size;
  process.stdout.write(`${out}\n${written} rows, ${(size / 1e6).toFixed(0)} MB\n`);
}

main().catch((e) => {
  process.stderr.write(`gen-big-csv: ${e.message}\n`);
  process.exit(1);
});
