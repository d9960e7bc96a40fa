/**
 * Golden figures on the real data. Every number below was computed independently of the engine by
 * test/fixtures/verify_engine_golden.py (Python standard library: csv rows in file order, the definitions,
 * numpy's percentile formula and pandas.cut re-implemented by hand; run
 * `python3 test/fixtures/verify_engine_golden.py ../shared/data/online_retail.csv ../shared/data/rfm_data_orders.csv`),
 * and agrees with the known facts about the data set (135,080 rows without CustomerID).
 */
import { analyze } from "../../src/rfm/analyze";
import type { RfmResult } from "../../src/rfm/types";
import { loadOnlineRetail, loadOrders } from "../helpers/realData";

describe("Online Retail, default options", () => {
  let result: RfmResult;
  beforeAll(() => {
    result = analyze(loadOnlineRetail());
  });

  test("cleaning counts and example rows (sheet rows, header = 1)", () => {
    expect(result.rowsRead).toBe(541909);
    expect(result.exclusions.map((e) => [e.rule, e.count])).toEqual([
      ["missingCustomer", 135080],
      ["cancelledInvoice", 8905],
      ["nonPositivePrice", 40],
      ["unparsableDate", 0],
    ]);
    expect(result.exclusions[0].exampleRows.slice(0, 3)).toEqual([624, 1445, 1446]);
    expect(result.exclusions[1].exampleRows.slice(0, 4)).toEqual([143, 156, 237, 238]);
    expect(result.exclusions[2].exampleRows.slice(0, 3)).toEqual([9304, 33578, 40091]);
    expect(result.exclusions[0].exampleRows).toHaveLength(20);
    expect(result.rowsUsed).toBe(397884);
  });

  test("customers and snapshot", () => {
    // 4,338: the textbook count. (Dropping only missing ids and Quantity <= 0, as many tutorials do, leaves 4,339:
    // customer 13256's only row, sheet row 502124, has a unit price of 0.)
    expect(result.customers).toHaveLength(4338);
    expect(result.snapshot).toBe(Date.UTC(2011, 11, 10, 12, 50));
    expect(result.customers[0].id).toBe("12346");
    expect(result.customers[4337].id).toBe("18287");
  });

  test("hand-checked customers", () => {
    const pick = (id: string) => {
      const c = result.customers.find((x) => x.id === id);
      return c && [c.recency, c.frequency, c.monetary, c.r, c.f, c.m, c.segment];
    };
    expect(pick("12346")).toEqual([326, 1, 77183.6, 1, 1, 5, "hibernating"]);
    expect(pick("12347")).toEqual([2, 7, 4310, 5, 5, 5, "champions"]);
    expect(pick("17850")).toEqual([372, 34, 5391.21, 1, 5, 5, "cant_lose"]);
    expect(pick("18287")).toEqual([43, 3, 1837.28, 3, 4, 4, "loyal_customers"]);
  });

  test("quantile edges equal the independent numpy-formula computation bit for bit", () => {
    expect(result.edges.recency).toEqual([1, 13.400000000000091, 33, 72, 179, 374]);
    expect(result.edges.frequency).toEqual([
      1, 868.4000000000001, 1735.8000000000002, 2603.2000000000003, 3470.6000000000004, 4338,
    ]);
    expect(result.edges.monetary).toEqual([
      3.75, 250.19400000000002, 490.0960000000001, 942.2760000000001, 2058.426000000001, 280206.02,
    ]);
    // The warnings: the two cleaning rules that leave out over 1% of the rows, and rank scoring of Frequency
    // splitting the customers with equal purchase counts by id.
    expect(result.warnings).toEqual([
      "Left out 135080 of 541909 rows (24.9%): Rows without a customer id (for example rows 624, 1445, 1446).",
      'Left out 8905 of 541909 rows (1.6%): Cancellations (invoice number starting with "C") (for example rows 143, 156, 237).',
      "3008 customers share a Frequency value with others but got different scores (Frequency 1, 2, 3, ...): " +
        'rank scoring breaks ties by customer order, as pandas\' rank(method="first") does, so equal customers can ' +
        "land in different segments.",
    ]);
  });

  test("segment sizes (rf10)", () => {
    expect(Object.fromEntries(result.segments.map((s) => [s.label, s.customers]))).toEqual({
      hibernating: 1065,
      at_risk: 580,
      cant_lose: 63,
      about_to_sleep: 351,
      need_attention: 186,
      loyal_customers: 827,
      promising: 99,
      new_customers: 42,
      potential_loyalists: 492,
      champions: 633,
    });
    expect(result.totalRevenue).toBeCloseTo(8911407.904, 4);
  });

  test("rowCustomer: excluded rows -1, kept rows point at their customer", () => {
    let kept = 0;
    for (const c of result.rowCustomer) if (c >= 0) kept++;
    expect(kept).toBe(397884);
    // sheet row 2 (data row 0) is invoice 536365 of customer 17850; row 624 has no customer.
    expect(result.customers[result.rowCustomer[0]].id).toBe("17850");
    expect(result.rowCustomer[624 - 2]).toBe(-1);
  });
});

describe("Online Retail, other cleaning", () => {
  test("dropping negative quantities too changes nothing here: every negative quantity is a C invoice", () => {
    const r = analyze(loadOnlineRetail(), { cleaning: { dropNegativeQuantity: true } });
    expect(r.exclusions.find((e) => e.rule === "negativeQuantity")?.count).toBe(0);
    expect(r.customers).toHaveLength(4338);
  });
});

const orders = loadOrders();
(orders ? describe : describe.skip)("order-level data (R rfm's rfm_data_orders)", () => {
  test("995 customers, 4,906 orders, revenue 464,158", () => {
    const r = analyze(orders!, { snapshot: "2006-12-31" });
    expect(r.mapping).toEqual({ customer: 0, date: 1, amount: 2 });
    expect(r.customers).toHaveLength(995);
    expect(r.customers.reduce((s, c) => s + c.frequency, 0)).toBe(4906);
    expect(r.totalRevenue).toBe(464158);
    expect(r.rowsUsed).toBe(4906);
    // Checked by hand in the CSV: 6 orders, 472 in all, last on 2006-06-09 → 205 days before 2006-12-31.
    const abbey = r.customers.find((c) => c.id === "Abbey O'Reilly");
    expect([abbey?.frequency, abbey?.monetary, abbey?.recency]).toEqual([6, 472, 205]);
    // Text ids sort by code units: "Abbey O'Reilly" < "Add Senger" < "Aden Lesch".
    expect(r.customers.slice(0, 3).map((c) => c.id)).toEqual(["Abbey O'Reilly", "Add Senger", "Aden Lesch"]);
  });
});
