#!/usr/bin/env node
/**
 * The yardstick for the CLI's own CSV path: a single-purpose program that does only what the Online Retail CSV
 * needs, with none of the CLI's generality (no column plan, no type detection, no string pool, no cleaning log, no
 * scores or segments). It reads the whole file into one buffer, scans the bytes once and folds each row straight
 * into per-customer totals, then writes `CustomerID,Recency,Frequency,Monetary`.
 *
 * Usage: node scripts/bench/handwritten.js online_retail.csv out.csv
 *
 * It applies the CLI's default cleaning rules as far as this file needs them to give the same figures: rows without
 * a customer id, cancellations (invoice starting with "C"), unit prices of 0 or less, and unreadable dates are left
 * out; quantity × unit price is summed with Kahan compensation in row order; Frequency counts distinct invoices per
 * customer; Recency is whole days from the last purchase to the latest kept date + 1 day; customers in ascending
 * numeric id order. Fields are read as RFC 4180 (quoted descriptions may hold commas); the columns are found by
 * their header names. The bench (handwritten section) checks its figures against the CLI's, customer for customer.
 */
"use strict";
const fs = require("fs");

const [file, outFile] = process.argv.slice(2);
if (!file || !outFile) {
  process.stderr.write("usage: handwritten.js IN.csv OUT.csv\n");
  process.exit(2);
}
const b = fs.readFileSync(file);
const len = b.length;
const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const DAY = 86400000;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

let pos = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
const headerEnd = b.indexOf(LF, pos);
const headers = b
  .toString("utf8", pos, headerEnd)
  .replace(/\r$/, "")
  .split(",")
  .map((h) => h.trim().toLowerCase());
const col = (name) => {
  const i = headers.indexOf(name);
  if (i < 0) throw new Error(`no column ${name}`);
  return i;
};
const C_INV = col("invoiceno");
const C_QTY = col("quantity");
const C_DATE = col("invoicedate");
const C_PRICE = col("unitprice");
const C_CUST = col("customerid");
const NCOLS = headers.length;
pos = headerEnd + 1;

/** Decimal number in b[s, e) (sign, digits, one dot; exact for up to 15 digits), NaN otherwise. */
function num(s, e) {
  let i = s;
  let sign = 1;
  if (b[i] === 45) {
    sign = -1;
    i++;
  }
  let mant = 0;
  let frac = -1;
  let digits = 0;
  for (; i < e; i++) {
    const c = b[i];
    if (c >= 48 && c <= 57) {
      mant = mant * 10 + (c - 48);
      digits++;
      if (frac >= 0) frac++;
    } else if (c === 46 && frac < 0) frac = 0;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return digits === 0 ? NaN : Number(b.toString("latin1", s, e));
  return (sign * mant) / POW10[frac < 0 ? 0 : frac];
}

const d2 = (i) => (b[i] - 48) * 10 + (b[i + 1] - 48);

/** True when b[s, e) holds the same bytes as b[p, p + e - s). */
function same(s, e, p) {
  for (let i = s; i < e; i++, p++) if (b[i] !== b[p]) return false;
  return true;
}

/** `YYYY-MM-DD HH:MM:SS` in b[s, e) as wall-clock ms, NaN for any other form. */
function date(s, e) {
  if (e - s !== 19 || b[s + 4] !== 45 || b[s + 7] !== 45) return NaN;
  return Date.UTC(d2(s) * 100 + d2(s + 2), d2(s + 5) - 1, d2(s + 8), d2(s + 11), d2(s + 14), d2(s + 17));
}

// Per customer (dense index by id): last purchase, invoices, Kahan sum.
const index = new Map();
const ids = [];
let last = new Float64Array(1024).fill(-Infinity);
let freq = new Float64Array(1024);
let sum = new Float64Array(1024);
let comp = new Float64Array(1024);
function grow(a, fill) {
  const g = new Float64Array(a.length * 2).fill(fill);
  g.set(a);
  return g;
}
// Invoice → its first customer; (invoice, customer) pairs beyond that in `shared`.
const owner = new Map();
const shared = new Set();
let maxTime = -Infinity;
let lastDateStart = -1;
let lastDateLen = 0;
let lastDate = NaN;
let lastCustStart = -1;
let lastCustLen = -1;
let lastCustomer = 0;
let lastInvStart = -1;
let lastInvLen = -1;
let lastInvCustomer = -1;

const starts = new Int32Array(NCOLS);
const ends = new Int32Array(NCOLS);
while (pos < len) {
  // One record: field boundaries only.
  let f = 0;
  for (;;) {
    let s = pos;
    let e;
    if (b[pos] === QUOTE) {
      let i = pos + 1;
      for (;;) {
        i = b.indexOf(QUOTE, i);
        if (b[i + 1] === QUOTE) i += 2;
        else break;
      }
      s = pos + 1;
      e = i;
      pos = i + 1;
    } else {
      let i = pos;
      while (i < len) {
        const c = b[i];
        if (c === COMMA || c === LF || c === CR) break;
        i++;
      }
      e = i;
      pos = i;
    }
    if (f < NCOLS) {
      starts[f] = s;
      ends[f] = e;
    }
    f++;
    const c = b[pos];
    pos++;
    if (c === COMMA) continue;
    if (c === CR && b[pos] === LF) pos++;
    break;
  }
  const cs = starts[C_CUST];
  const ce = ends[C_CUST];
  if (ce === cs) continue; // no customer id
  if (b[starts[C_INV]] === 67 || b[starts[C_INV]] === 99) continue; // cancellation
  const price = num(starts[C_PRICE], ends[C_PRICE]);
  if (!(price > 0)) continue;
  const ds = starts[C_DATE];
  const dl = ends[C_DATE] - ds;
  let t;
  if (dl === lastDateLen && same(ds, ds + dl, lastDateStart)) t = lastDate;
  else {
    t = date(ds, ds + dl);
    lastDateStart = ds;
    lastDateLen = dl;
    lastDate = t;
  }
  if (t !== t) continue;
  const qty = num(starts[C_QTY], ends[C_QTY]);
  const money = qty * price;
  if (money !== money) continue;

  // The lines of one invoice repeat the customer: its index is looked up once per run of equal ids.
  let c = lastCustomer;
  if (ce - cs !== lastCustLen || !same(cs, ce, lastCustStart)) {
    const id = num(cs, ce);
    c = index.get(id);
    lastCustStart = cs;
    lastCustLen = ce - cs;
  }
  if (c === undefined) {
    const id = num(cs, ce);
    c = ids.length;
    ids.push(id);
    index.set(id, c);
    if (c >= last.length) {
      last = grow(last, -Infinity);
      freq = grow(freq, 0);
      sum = grow(sum, 0);
      comp = grow(comp, 0);
    }
  }
  lastCustomer = c;
  if (t > last[c]) last[c] = t;
  if (t > maxTime) maxTime = t;
  // An invoice's lines usually follow each other: the same invoice as the row before, for the same customer, is
  // already counted.
  const is = starts[C_INV];
  const ie = ends[C_INV];
  const again = ie - is === lastInvLen && c === lastInvCustomer && same(is, ie, lastInvStart);
  lastInvStart = is;
  lastInvLen = ie - is;
  lastInvCustomer = c;
  let inv = again ? 0 : num(is, ie);
  if (inv !== inv) inv = b.toString("latin1", is, ie); // a letter in it: keyed by its text
  const o = again ? c : owner.get(inv);
  if (o === undefined) {
    owner.set(inv, c);
    freq[c]++;
  } else if (o !== c) {
    const pair = `${inv}:${c}`;
    if (!shared.has(pair)) {
      shared.add(pair);
      freq[c]++;
    }
  }
  const y = money - comp[c];
  const s = sum[c] + y;
  comp[c] = s - sum[c] - y;
  sum[c] = s;
}

const snapshot = maxTime + DAY;
const order = ids.map((_, i) => i).sort((x, y) => ids[x] - ids[y]);
let out = "CustomerID,Recency,Frequency,Monetary\n";
for (const c of order) out += `${ids[c]},${Math.floor((snapshot - last[c]) / DAY)},${freq[c]},${sum[c]}\n`;
fs.writeFileSync(outFile, out);
