#!/usr/bin/env python3
"""Independent check of the migration golden numbers in test/rfm/migration.test.ts.

Written from the definitions in the README (not from the TypeScript code), with the Python standard library only:
- cleaning: drop rows without CustomerID, invoices starting with "C", UnitPrice <= 0;
- a result "at date D" uses the rows with InvoiceDate < D and snapshot D; the latest result uses every row and
  snapshot = latest InvoiceDate + 1 day;
- Recency = whole days (floor) from the last purchase to the snapshot, Frequency = distinct invoices,
  Monetary = sum of Quantity * UnitPrice;
- R and M: quantile bins of the values (numpy's linear percentiles, bins right-closed, lowest included), R labels
  5..1; F: the same bins over rank(method="first") of Frequency, ties broken by ascending numeric CustomerID;
- rf10 segments from (R, F); tiers4 from (R, F, M), first matching rule wins.

Usage: python3 scripts/verify-migration-golden.py [path/to/online_retail.csv]
Prints the from -> to matrices that the test hard-codes.
"""

import csv
import math
import os
import sys
from datetime import datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CSV = os.path.join(HERE, "..", "..", "shared", "data", "online_retail.csv")


def load(path):
    rows = []
    with open(path, newline="", encoding="utf-8") as fh:
        r = csv.DictReader(fh)
        for row in r:
            cid = row["CustomerID"].strip()
            if cid == "":
                continue
            inv = row["InvoiceNo"].strip()
            if inv.startswith("C"):
                continue
            price = float(row["UnitPrice"])
            if price <= 0:
                continue
            qty = float(row["Quantity"])
            ts = datetime.strptime(row["InvoiceDate"], "%Y-%m-%d %H:%M:%S")
            rows.append((int(cid), inv, ts, qty * price))
    return rows


def percentile_linear(sorted_vals, p):
    """numpy.percentile(..., method="linear") on an ascending list."""
    n = len(sorted_vals)
    pos = p * (n - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, n - 1)
    frac = pos - lo
    return sorted_vals[lo] + (sorted_vals[hi] - sorted_vals[lo]) * frac


def bin_index(v, edges):
    """1-based bin of v for right-closed bins with the lowest edge included (pandas.cut include_lowest)."""
    for i in range(1, len(edges)):
        if v <= edges[i]:
            return i
    raise ValueError("value above the top edge")


def qcut(values, bins):
    s = sorted(values)
    edges = [percentile_linear(s, k / bins) for k in range(bins + 1)]
    return [bin_index(v, edges) for v in values]


RF10 = [
    ("hibernating", (1, 2), (1, 2)),
    ("at_risk", (1, 2), (3, 4)),
    ("cant_lose", (1, 2), (5, 5)),
    ("about_to_sleep", (3, 3), (1, 2)),
    ("need_attention", (3, 3), (3, 3)),
    ("loyal_customers", (3, 4), (4, 5)),
    ("promising", (4, 4), (1, 1)),
    ("new_customers", (5, 5), (1, 1)),
    ("potential_loyalists", (4, 5), (2, 3)),
    ("champions", (5, 5), (4, 5)),
]


def rf10(r, f, m):
    for label, (r0, r1), (f0, f1) in RF10:
        if r0 <= r <= r1 and f0 <= f <= f1:
            return label
    raise ValueError("rf10 gap")


def tiers4(r, f, m):
    if r >= 4 and f >= 4 and m >= 4:
        return "Top Customers"
    if r <= 2 and (f >= 3 or m >= 3):
        return "At-Risk Customers"
    if f >= 4:
        return "Loyal Customers"
    if r >= 3:
        return "Potential Customers"
    return "Other"


def segment_at(rows, cutoff, snapshot, scheme, bins=5):
    """cutoff: use rows with ts < cutoff (None = all rows). Returns {customer: segment}."""
    last = {}
    invoices = {}
    money = {}
    for cid, inv, ts, amount in rows:
        if cutoff is not None and not ts < cutoff:
            continue
        if cid not in last or ts > last[cid]:
            last[cid] = ts
        invoices.setdefault(cid, set()).add(inv)
        money[cid] = money.get(cid, 0.0) + amount
    if snapshot is None:
        snapshot = max(last.values()) + timedelta(days=1)
    ids = sorted(last)  # numeric ids, ascending: the tie order of rank(method="first")
    rec = [math.floor((snapshot - last[c]).total_seconds() / 86400) for c in ids]
    freq = [len(invoices[c]) for c in ids]
    mon = [money[c] for c in ids]
    # rank(method="first"): stable sort by frequency keeps ascending id order among ties
    order = sorted(range(len(ids)), key=lambda i: freq[i])
    rank = [0] * len(ids)
    for k, i in enumerate(order):
        rank[i] = k + 1
    rbin = qcut(rec, bins)
    fbin = qcut(rank, bins)
    mbin = qcut(mon, bins)
    out = {}
    for i, c in enumerate(ids):
        r = bins + 1 - rbin[i]
        out[c] = scheme(r, fbin[i], mbin[i])
    return out, snapshot


def matrix(before, after, labels):
    rows = labels + ["new"]
    cols = labels + ["lapsed"]
    m = {(a, b): 0 for a in rows for b in cols}
    for c, seg in after.items():
        m[(before.get(c, "new"), seg)] += 1
    for c, seg in before.items():
        if c not in after:
            m[(seg, "lapsed")] += 1
    return rows, cols, m


def show(title, before, after, labels):
    rows, cols, m = matrix(before, after, labels)
    print(title)
    print("from \\ to," + ",".join(cols))
    for a in rows:
        print(a + "," + ",".join(str(m[(a, b)]) for b in cols))
    flows = sorted(((m[(a, b)], a, b) for a in rows for b in cols if a != b and m[(a, b)] > 0), key=lambda t: -t[0])
    print("top flows:", flows[:5])
    print("customers before", len(before), "after", len(after))
    print()


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_CSV
    rows = load(path)
    print("rows kept", len(rows))
    latest, snap = segment_at(rows, None, None, rf10)
    print("latest snapshot", snap)
    d = snap - timedelta(days=90)
    earlier, _ = segment_at(rows, d, d, rf10)
    show("rf10, %s -> %s" % (d, snap), earlier, latest, [l for l, _, _ in RF10])
    d2 = datetime(2011, 6, 1)
    earlier2, _ = segment_at(rows, d2, d2, rf10)
    show("rf10, %s -> %s" % (d2, snap), earlier2, latest, [l for l, _, _ in RF10])
    t_labels = ["Top Customers", "At-Risk Customers", "Loyal Customers", "Potential Customers", "Other"]
    latest_t, _ = segment_at(rows, None, None, tiers4)
    earlier_t, _ = segment_at(rows, d, d, tiers4)
    show("tiers4, %s -> %s" % (d, snap), earlier_t, latest_t, t_labels)


if __name__ == "__main__":
    main()
