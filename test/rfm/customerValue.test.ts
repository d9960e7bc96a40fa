/**
 * Customer value figures: AOV, age, purchase interval, tenure, historical value per year, and per-segment means.
 */
import { analyze } from "../../src/rfm/analyze";
import {
  customerValue,
  customerValues,
  MIN_TENURE_DAYS,
  segmentValues,
  valueOfCustomer,
} from "../../src/rfm/customerValue";
import { loadOnlineRetail } from "../helpers/realData";
import type { ColumnTable, RfmOptions, RowTable, Scheme } from "../../src/rfm/types";

const day = (y: number, m: number, d: number, h = 0): number => Date.UTC(y, m - 1, d, h);

describe("valueOfCustomer", () => {
  test("the worked example of the definition", () => {
    const v = valueOfCustomer(
      { firstPurchase: day(2011, 1, 1), lastPurchase: day(2011, 3, 2), frequency: 3, monetary: 300 },
      day(2011, 4, 1),
    );
    expect(v.averageOrderValue).toBe(100);
    expect(v.ageDays).toBe(60); // 31 (Jan) + 28 (Feb) + 1
    expect(v.purchaseIntervalDays).toBe(30); // 60 / (3 - 1)
    expect(v.tenureDays).toBe(90); // 31 + 28 + 31
    expect(v.historicalValue).toBeCloseTo((300 * 365) / 90, 10);
  });

  test("one order: no purchase interval, age 0", () => {
    const v = valueOfCustomer(
      { firstPurchase: day(2011, 1, 1, 10), lastPurchase: day(2011, 1, 1, 10), frequency: 1, monetary: 40 },
      day(2011, 12, 1),
    );
    expect(v.ageDays).toBe(0);
    expect(v.purchaseIntervalDays).toBeNull();
    expect(v.averageOrderValue).toBe(40);
  });

  test("ages and tenures are whole days rounded down", () => {
    const v = valueOfCustomer(
      { firstPurchase: day(2011, 1, 1, 18), lastPurchase: day(2011, 1, 3, 6), frequency: 2, monetary: 10 },
      day(2011, 3, 2, 17),
    );
    expect(v.ageDays).toBe(1); // 1.5 days
    expect(v.purchaseIntervalDays).toBe(1);
    expect(v.tenureDays).toBe(59); // 59.96 days
  });

  test("a customer younger than 30 days is annualised from 30 days", () => {
    const v = valueOfCustomer(
      { firstPurchase: day(2011, 12, 8), lastPurchase: day(2011, 12, 8), frequency: 1, monetary: 50 },
      day(2011, 12, 10),
    );
    expect(v.tenureDays).toBe(2);
    expect(v.historicalValue).toBeCloseTo((50 * 365) / MIN_TENURE_DAYS, 10); // 608.33, not 50 × 365 / 2
  });
});

// Three customers scored with fixed cut-points into two segments by Frequency: "repeat" (F2: 2+ orders), "once".
const BY_ORDERS: Scheme = {
  id: "by-orders",
  name: "By orders",
  exclusive: true,
  bins: 2,
  rules: [
    { label: "repeat", f: [2, 2], description: "", action: "" },
    { label: "once", f: [1, 1], description: "", action: "" },
  ],
};
const OPTIONS: RfmOptions = {
  scheme: BY_ORDERS,
  bins: 2,
  scoring: "fixed",
  cutPoints: { recency: [30], frequency: [1], monetary: [100] },
};
const ROWS: RowTable = [
  ["CustomerID", "InvoiceNo", "InvoiceDate", "Quantity", "UnitPrice"],
  ["A", "1", "2011-01-01 00:00:00", 1, 100],
  ["A", "2", "2011-01-21 00:00:00", 2, 50],
  ["A", "3", "2011-02-10 00:00:00", 1, 100], // A: 3 orders, 300, age 40, interval 20
  ["B", "4", "2011-01-11 00:00:00", 1, 60],
  ["B", "5", "2011-01-31 00:00:00", 1, 40], // B: 2 orders, 100, age 20, interval 20
  ["C", "6", "2011-02-05 00:00:00", 1, 30], // C: 1 order, 30
];

describe("customerValues and segmentValues on a hand-made table", () => {
  // snapshot = latest (2011-02-10) + 1 day = 2011-02-11
  const result = analyze(ROWS, OPTIONS);
  const values = customerValues(result);

  test("per customer", () => {
    expect(result.customers.map((c) => c.id)).toEqual(["A", "B", "C"]);
    expect(Array.from(values.averageOrderValue)).toEqual([100, 50, 30]);
    expect(Array.from(values.ageDays)).toEqual([40, 20, 0]);
    expect(Array.from(values.purchaseIntervalDays)).toEqual([20, 20, NaN]);
    expect(Array.from(values.tenureDays)).toEqual([41, 31, 6]);
    expect(customerValue(values, 2).purchaseIntervalDays).toBeNull();
    // A: 300 × 365 / 41; B: 100 × 365 / 31; C: 30 × 365 / 30 (tenure 6 < 30)
    expect(values.historicalValue[0]).toBeCloseTo(2670.7317073, 6);
    expect(values.historicalValue[1]).toBeCloseTo(1177.4193548, 6);
    expect(values.historicalValue[2]).toBeCloseTo(365, 10);
  });

  test("per segment", () => {
    const seg = segmentValues(result, values);
    expect(seg.map((s) => s.label)).toEqual(["repeat", "once"]);
    const [repeat, once] = seg;
    expect(repeat).toMatchObject({ customers: 2, meanAverageOrderValue: 75, meanAgeDays: 30, repeatCustomers: 2 });
    expect(repeat.orderValue).toBe(80); // (300 + 100) / (3 + 2)
    expect(repeat.meanPurchaseIntervalDays).toBe(20);
    expect(repeat.meanTenureDays).toBe(36);
    expect(repeat.meanHistoricalValue).toBeCloseTo((2670.7317073 + 1177.4193548) / 2, 5);
    expect(once).toMatchObject({ customers: 1, orderValue: 30, repeatCustomers: 0, meanPurchaseIntervalDays: null });
  });
});

// Golden figures on the real data, from scripts/verify-customer-value.py (an independent Python implementation of
// the README definitions, standard library only). Spot checks by hand: 12346 bought once (one invoice of
// 74,215 × 1.04 = 77,183.60) on 2011-01-18 10:01; the snapshot is 2011-12-10 12:50, 326 days later, so the value is
// 77,183.60 × 365 / 326 = 86,417.22 per year. 12347: 7 invoices, 4,310.00, first 2010-12-07 14:57, last
// 2011-12-07 15:52 → age 365, interval 365 / 6 = 60.83.
describe("customer value on Online Retail (golden)", () => {
  let table: ColumnTable;
  beforeAll(() => {
    table = loadOnlineRetail();
  });

  test("customers and rf10 segments", () => {
    const result = analyze(table, {});
    const values = customerValues(result);
    const at = (id: string): ReturnType<typeof customerValue> =>
      customerValue(
        values,
        result.customers.findIndex((c) => c.id === id),
      );
    const expected: [string, number, number, number | null, number, number][] = [
      // id, AOV, age, interval, tenure, value per year
      ["12346", 77183.6, 0, null, 326, 86417.220859],
      ["12347", 615.714286, 365, 60.833333, 367, 4286.512262],
      ["12748", 161.338421, 372, 1.788462, 374, 32908.292647],
      ["17850", 158.565, 1, 0.030303, 374, 5261.475],
      ["18287", 612.426667, 158, 79.0, 202, 3319.837624],
    ];
    for (const [id, aov, age, interval, tenure, value] of expected) {
      const v = at(id);
      expect(v.averageOrderValue).toBeCloseTo(aov, 5);
      expect(v.ageDays).toBe(age);
      if (interval === null) expect(v.purchaseIntervalDays).toBeNull();
      else expect(v.purchaseIntervalDays).toBeCloseTo(interval, 5);
      expect(v.tenureDays).toBe(tenure);
      expect(v.historicalValue).toBeCloseTo(value, 5);
    }

    const seg = new Map(segmentValues(result, values).map((s) => [s.label, s]));
    // label, customers, mean AOV, order value, mean age, repeat customers, mean interval, mean tenure, mean value
    const golden: [string, number, number, number, number, number, number | null, number, number][] = [
      ["hibernating", 1065, 439.788058, 442.803557, 9.355869, 108, 92.259259, 227.302347, 954.390396],
      ["at_risk", 580, 370.456326, 375.902306, 124.936207, 580, 74.631063, 280.506897, 1510.327791],
      ["cant_lose", 63, 345.69708, 333.632235, 189.253968, 63, 30.042116, 322.174603, 3331.938452],
      ["about_to_sleep", 351, 393.629715, 396.648505, 21.031339, 57, 129.508772, 74.618234, 2616.411533],
      ["need_attention", 186, 370.121864, 381.977159, 148.962366, 186, 120.462366, 202.526882, 2495.182969],
      ["loyal_customers", 827, 402.138998, 442.33434, 248.500605, 827, 58.920406, 282.47763, 3874.226229],
      ["promising", 99, 355.351313, 355.351313, 0, 0, null, 23.444444, 4230.212291],
      ["new_customers", 42, 388.212857, 388.212857, 0, 0, null, 6.857143, 4723.256429],
      ["potential_loyalists", 492, 508.109214, 514.836694, 112.296748, 391, 117.36445, 129.784553, 4085.101937],
      ["champions", 633, 430.134906, 552.439954, 277.546603, 633, 41.818579, 283.902054, 8755.965497],
    ];
    for (const [label, n, aov, ov, age, rep, interval, tenure, value] of golden) {
      const s = seg.get(label);
      expect(s).toBeDefined();
      if (!s) continue;
      expect(s.customers).toBe(n);
      expect(s.meanAverageOrderValue).toBeCloseTo(aov, 5);
      expect(s.orderValue).toBeCloseTo(ov, 5);
      expect(s.meanAgeDays).toBeCloseTo(age, 5);
      expect(s.repeatCustomers).toBe(rep);
      if (interval === null) expect(s.meanPurchaseIntervalDays).toBeNull();
      else expect(s.meanPurchaseIntervalDays).toBeCloseTo(interval, 5);
      expect(s.meanTenureDays).toBeCloseTo(tenure, 5);
      expect(s.meanHistoricalValue).toBeCloseTo(value, 5);
    }
  });
});
