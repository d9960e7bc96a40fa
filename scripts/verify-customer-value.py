#!/usr/bin/env python3
"""Independent check of the customer value golden numbers in test/rfm/customerValue.test.ts.

Standard library only, written from the README definitions (not from the TypeScript code): cleaning and rf10
segments as in verify-migration-golden.py (imported from it); then per customer
  AOV = Monetary / Frequency; age = floor((last - first) / 1 day); interval = age / (Frequency - 1) (none for one
  order); tenure = floor((snapshot - first) / 1 day); value = Monetary * 365 / max(tenure, 30)
and per rf10 segment the means (interval over customers with two or more orders) and revenue / orders.

Usage: python3 scripts/verify-customer-value.py [path/to/online_retail.csv]
"""
import importlib.util
import math
import os
import sys
from datetime import timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("golden", os.path.join(HERE, "verify-migration-golden.py"))
golden = importlib.util.module_from_spec(spec)
spec.loader.exec_module(golden)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else golden.DEFAULT_CSV
    rows = golden.load(path)
    seg, snapshot = golden.segment_at(rows, None, None, golden.rf10)
    first, last, invoices, money = {}, {}, {}, {}
    for cid, inv, ts, amount in rows:
        first[cid] = min(first.get(cid, ts), ts)
        last[cid] = max(last.get(cid, ts), ts)
        invoices.setdefault(cid, set()).add(inv)
        money[cid] = money.get(cid, 0.0) + amount
    day = timedelta(days=1)
    fig = {}
    for c in first:
        f = len(invoices[c])
        age = math.floor((last[c] - first[c]) / day)
        tenure = math.floor((snapshot - first[c]) / day)
        fig[c] = dict(
            aov=money[c] / f,
            age=age,
            interval=age / (f - 1) if f > 1 else None,
            tenure=tenure,
            value=money[c] * 365 / max(tenure, 30),
            f=f,
            m=money[c],
        )
    for c in (12346, 12347, 12748, 17850, 18287):
        print(c, seg[c], {k: (round(v, 6) if isinstance(v, float) else v) for k, v in fig[c].items()})
    print()
    for label, _, _ in golden.RF10:
        cs = [c for c in fig if seg[c] == label]
        rep = [fig[c]["interval"] for c in cs if fig[c]["interval"] is not None]
        print(
            label,
            len(cs),
            "meanAOV %.6f" % (sum(fig[c]["aov"] for c in cs) / len(cs)),
            "orderValue %.6f" % (sum(fig[c]["m"] for c in cs) / sum(fig[c]["f"] for c in cs)),
            "meanAge %.6f" % (sum(fig[c]["age"] for c in cs) / len(cs)),
            "repeat", len(rep),
            "meanInterval %.6f" % (sum(rep) / len(rep)) if rep else "meanInterval None",
            "meanTenure %.6f" % (sum(fig[c]["tenure"] for c in cs) / len(cs)),
            "meanValue %.6f" % (sum(fig[c]["value"] for c in cs) / len(cs)),
        )


if __name__ == "__main__":
    main()
