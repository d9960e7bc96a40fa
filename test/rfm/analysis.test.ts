import { analyze, createAnalysis, planColumns, requireColumns, selectColumns } from "../../src/rfm";
import type { ColumnTable, RowTable } from "../../src/rfm";
import { smallRetailRows, toColumns } from "../fixtures/smallRetail";

/** Rows [from, to) of a column table, as one batch. */
function slice(t: ColumnTable, from: number, to: number): ColumnTable {
  return { headers: t.headers, columns: t.columns.map((c) => c.slice(from, to)) };
}

describe("createAnalysis: analyze fed in batches", () => {
  const rows: RowTable = smallRetailRows();
  const table = toColumns(rows);
  const n = rows.length - 1;

  test.each([1, 2, 5, 7, 100])("batches of %i rows give analyze's result, rowCustomer included", (size) => {
    const analysis = createAnalysis({ scheme: "tiers4" });
    for (let at = 0; at < n; at += size) analysis.add(slice(table, at, Math.min(n, at + size)));
    expect(analysis.rowsSeen).toBe(n);
    expect(analysis.finish()).toEqual(analyze(rows, { scheme: "tiers4" }));
  });

  test("keepRows false leaves rowCustomer empty and nothing else changes", () => {
    const r = createAnalysis({}, { keepRows: false })
      .add(slice(table, 0, 9))
      .add(slice(table, 9, n))
      .finish();
    const { rowCustomer, ...rest } = analyze(table);
    expect(r.rowCustomer.length).toBe(0);
    expect(rowCustomer.length).toBe(n);
    expect({ ...r, rowCustomer }).toEqual({ ...rest, rowCustomer });
  });

  test("analyze's run settings: keepRows false and timings change nothing but rowCustomer", () => {
    const timings = { cleanMs: 0, aggregateMs: 0, scoreMs: 0 };
    const r = analyze(table, { scheme: "tiers4" }, undefined, { keepRows: false, timings });
    const { rowCustomer, ...rest } = analyze(table, { scheme: "tiers4" });
    expect(r.rowCustomer.length).toBe(0);
    expect({ ...r, rowCustomer }).toEqual({ ...rest, rowCustomer });
    // Each step was timed (and only once: the steps together cannot exceed a fresh run of all of them).
    for (const ms of Object.values(timings)) expect(ms).toBeGreaterThan(0);
    const t0 = performance.now();
    analyze(table, { scheme: "tiers4" });
    const again = { cleanMs: 0, aggregateMs: 0, scoreMs: 0 };
    analyze(table, { scheme: "tiers4" }, undefined, { timings: again });
    const sum = again.cleanMs + again.aggregateMs + again.scoreMs;
    expect(sum).toBeLessThan(performance.now() - t0);
  });

  test("options are checked at once, columns at the first batch, rows at finish", () => {
    expect(() => createAnalysis({ bins: 1 })).toThrow(/bins/i);
    expect(() => createAnalysis({}).add({ headers: ["A", "B"], columns: [[1], [2]] })).toThrow(/not found/);
    expect(() => createAnalysis({}).finish()).toThrow(/no header row/);
    expect(() =>
      createAnalysis({})
        .add(slice(table, 0, 0))
        .finish(),
    ).toThrow(/no data rows/);
  });
});

describe("ColumnPlan", () => {
  test("plans once, reports what is missing without throwing, and analyze takes the plan", () => {
    const plan = planColumns(["Client", "When", "Note"]);
    expect(plan.columns).toEqual({ customer: 0 });
    expect(plan.missing).toEqual(["date", "amount"]);
    expect(plan.error?.code).toBe("missingColumn");
    expect(() => requireColumns(plan)).toThrow(plan.error);
    const ok = planColumns(["Client", "When", "Paid"], { date: "When", amount: "Paid" });
    expect(ok.missing).toEqual([]);
    expect(requireColumns(ok).money).toEqual({ source: "amount", hasInvoice: false });
  });

  test("a chosen header that does not exist is missing, even for an optional field", () => {
    const plan = planColumns(["CustomerID", "Date", "Amount"], { country: "Land" });
    expect(plan.missing).toEqual(["country"]);
    expect(plan.error?.message).toMatch(/Column "Land" \(chosen for Country\) not found/);
  });

  test("selectColumns: a narrow table of the planned columns, duplicate header texts and all", () => {
    const plan = planColumns(["Date", "Note", "Client", "Date", "Total"], { date: "Date", customer: "Client" });
    const { fields, sources, plan: narrow } = selectColumns(plan);
    expect(fields).toEqual(["customer", "date", "amount"]);
    expect(sources).toEqual([2, 0, 4]);
    expect(narrow.headers).toEqual(["Client", "Date", "Total"]);
    const table: ColumnTable = {
      headers: [...narrow.headers],
      columns: [
        ["A", "A"],
        [40544, 40548],
        [10, 5],
      ],
    };
    const r = analyze(table, {}, narrow);
    expect(r.customers.map((c) => [c.id, c.frequency, c.monetary])).toEqual([["A", 2, 15]]);
  });
});
