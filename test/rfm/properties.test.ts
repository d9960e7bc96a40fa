/**
 * Properties of analyze() over random line-level tables (fast-check). Money is a whole number of quarters (exact in
 * binary floating point), so sums do not depend on the order of addition and re-ordering rows must change nothing.
 */
import fc from "fast-check";
import { analyze } from "../../src/rfm/analyze";
import { schemeLabels, resolveScheme } from "../../src/rfm/schemes";
import type { Cell, ColumnTable, RfmOptions, RfmResult, RowTable, ScoringMethod } from "../../src/rfm/types";

const HEADER = ["InvoiceNo", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID"];
const BASE = Date.UTC(2011, 0, 1);

const customerCell = fc.oneof(
  fc.integer({ min: 10000, max: 10030 }),
  fc.integer({ min: 10000, max: 10030 }).map((n) => `${n}.0`),
  fc.constantFrom("A1", "b2", "Zed", "007", ""),
);
const dateCell = fc.integer({ min: 0, max: 400 * 24 * 60 }).chain((minutes) =>
  fc.constantFrom<Cell>(
    new Date(BASE + minutes * 60000).toISOString().slice(0, 19).replace("T", " "),
    // the same instant as an Excel serial (1900 system); whole minutes are exact after rounding to the ms
    minutes / 1440 + 40544,
  ),
);
const row = fc.tuple(
  fc.oneof(
    fc.integer({ min: 1, max: 60 }),
    fc.integer({ min: 1, max: 60 }).map((n) => `C${n}`),
  ),
  fc.integer({ min: -3, max: 20 }),
  dateCell,
  fc.integer({ min: 0, max: 40 }).map((q) => q / 4),
  customerCell,
);
const rowsArb = fc.array(row, { minLength: 1, maxLength: 80 }).map((rows): RowTable => [HEADER, ...(rows as Cell[][])]);
const optionsArb = fc.record({
  bins: fc.integer({ min: 2, max: 10 }),
  scoring: fc.constantFrom<ScoringMethod>("quantile", "rank", "r-rfm"),
  scheme: fc.constantFrom("rf10", "tiers4", "r-rfm"),
});

/** analyze, or null when the random table leaves no customer (that error is tested elsewhere). */
function run(rows: RowTable | ColumnTable, options: RfmOptions): RfmResult | null {
  try {
    return analyze(rows, options);
  } catch (e) {
    if ((e as { code?: string }).code === "noCustomers") return null;
    throw e;
  }
}

function shuffle<T>(items: T[], seed: number): T[] {
  const a = items.slice();
  let s = seed >>> 0 || 1;
  for (let i = a.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

describe("analyze properties", () => {
  test("scores are whole numbers in 1..bins and the code and sum agree with them", () => {
    fc.assert(
      fc.property(rowsArb, optionsArb, (rows, options) => {
        const r = run(rows, options);
        if (!r) return;
        for (const c of r.customers) {
          for (const s of [c.r, c.f, c.m]) {
            expect(Number.isInteger(s) && s >= 1 && s <= options.bins).toBe(true);
          }
          expect(c.score).toBe(c.r + c.f + c.m);
          expect(c.rfm).toBe(options.bins === 10 ? `${c.r}-${c.f}-${c.m}` : `${c.r}${c.f}${c.m}`);
        }
      }),
      { numRuns: 150 },
    );
  });

  test("monotonic: more money never a lower M, more orders never a lower F, more recent never a lower R", () => {
    fc.assert(
      fc.property(rowsArb, optionsArb, (rows, options) => {
        const r = run(rows, options);
        if (!r) return;
        const cs = r.customers;
        for (const a of cs) {
          for (const b of cs) {
            if (a.monetary > b.monetary) expect(a.m).toBeGreaterThanOrEqual(b.m);
            if (a.frequency > b.frequency) expect(a.f).toBeGreaterThanOrEqual(b.f);
            if (a.recency < b.recency) expect(a.r).toBeGreaterThanOrEqual(b.r);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  test("every customer gets exactly one segment of the scheme, and the summary adds up", () => {
    fc.assert(
      fc.property(rowsArb, optionsArb, (rows, options) => {
        const r = run(rows, options);
        if (!r) return;
        const labels = schemeLabels(resolveScheme(options.scheme));
        for (const c of r.customers) expect(labels).toContain(c.segment);
        expect(r.segments.reduce((s, x) => s + x.customers, 0)).toBe(r.customers.length);
        for (const seg of r.segments) {
          expect(seg.customers).toBe(r.customers.filter((c) => c.segment === seg.label).length);
        }
        // summary order follows the scheme's label order
        const order = r.segments.map((s) => labels.indexOf(s.label));
        expect(order).toEqual([...order].sort((x, y) => x - y));
      }),
      { numRuns: 150 },
    );
  });

  test("re-ordering the rows changes nothing", () => {
    fc.assert(
      fc.property(rowsArb, optionsArb, fc.integer(), (rows, options, seed) => {
        const a = run(rows, options);
        const perm = shuffle(
          rows.slice(1).map((_, i) => i),
          seed,
        );
        const shuffled: RowTable = [rows[0], ...perm.map((i) => rows[i + 1])];
        const b = run(shuffled, options);
        if (!a || !b) {
          expect(a).toBe(b);
          return;
        }
        expect(b.customers).toEqual(a.customers);
        expect(b.segments).toEqual(a.segments);
        expect(b.edges).toEqual(a.edges);
        expect(b.snapshot).toBe(a.snapshot);
        expect(b.exclusions.map((e) => [e.rule, e.count])).toEqual(a.exclusions.map((e) => [e.rule, e.count]));
        // row k of the shuffled table is row perm[k] of the original
        perm.forEach((orig, k) => expect(b.rowCustomer[k]).toBe(a.rowCustomer[orig]));
      }),
      { numRuns: 150 },
    );
  });

  test("row-major and column-major input give the same result", () => {
    fc.assert(
      fc.property(rowsArb, optionsArb, (rows, options) => {
        const cols: ColumnTable = { headers: HEADER, columns: HEADER.map((_, c) => rows.slice(1).map((r) => r[c])) };
        const a = run(rows, options);
        const b = run(cols, options);
        if (!a || !b) {
          expect(a).toBe(b);
          return;
        }
        expect(b.customers).toEqual(a.customers);
        expect(b.segments).toEqual(a.segments);
        expect(Array.from(b.rowCustomer)).toEqual(Array.from(a.rowCustomer));
        expect(b.exclusions).toEqual(a.exclusions);
      }),
      { numRuns: 100 },
    );
  });

  test("frequencies add up to the distinct (customer, invoice) pairs of the kept rows", () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const r = run(rows, {});
        if (!r) return;
        const pairs = new Set<string>();
        rows.slice(1).forEach((row, i) => {
          const c = r.rowCustomer[i];
          if (c >= 0) pairs.add(`${c}|${String(row[0])}`);
        });
        expect(r.customers.reduce((s, c) => s + c.frequency, 0)).toBe(pairs.size);
      }),
      { numRuns: 100 },
    );
  });
});
