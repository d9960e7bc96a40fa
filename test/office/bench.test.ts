/** The bench hook runs the real flow on a small table and reports consistent figures. */
import { benchAdapter } from "../../scripts/bench/benchAdapter";
import { SMALL_RETAIL } from "../fixtures/office/smallRetail";

test("benchAdapter: two runs, figures add up", async () => {
  const [headers, ...rows] = SMALL_RETAIL;
  const table = { headers: headers.map(String), columns: headers.map((_, j) => rows.map((r) => r[j])) };
  const f = await benchAdapter(table);
  expect(f.rows).toBe(23);
  for (const run of [f.first, f.rerun]) {
    expect(run.customers).toBe(10);
    expect(run.syncs).toBeGreaterThan(5);
    expect(run.failedSyncs).toBe(0);
    expect(run.adapterMs).toBeCloseTo(run.elapsedMs - run.syncMs, 6);
    expect(run.maxRequestBytes).toBeGreaterThan(0);
  }
});
