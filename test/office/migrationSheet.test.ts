/**
 * compareSegmentation in the in-memory Excel simulation: the "RFM Migration" sheet (matrix table with a color
 * scale, flows table, bar chart of the flows), the "Previous segment" column of the customer table, the outputs
 * record, and the golden matrix on the real data.
 */
import { runSegmentation } from "../../src/office";
import {
  compareSegmentation,
  FLOWS_TABLE,
  MIGRATION_SHEET,
  MIGRATION_TABLE,
  PREVIOUS_SEGMENT_HEADER,
} from "../../src/office/migrationSheet";
import { analyze, analyzeAt, compareResults, nameMigration } from "../../src/rfm";
import { SMALL_RETAIL } from "../fixtures/office/smallRetail";
import { loadOnlineRetail } from "../helpers/realData";
import { marker, newHost, retailHost } from "./helpers";

/** The matrix block of the sheet (header row + rows) as written. */
function matrixOnSheet(host: ReturnType<typeof retailHost>): unknown[][] {
  const t = host.snapshot().tables.find((x) => x.name === MIGRATION_TABLE);
  if (!t) throw new Error("no migration table");
  return host.readSheetValues(MIGRATION_SHEET, t.address.split("!").pop());
}

describe("compareSegmentation on the small fixture", () => {
  test("writes the matrix, flows, chart and the Previous segment column", async () => {
    const host = retailHost();
    await runSegmentation({}, {}, host);
    const summary = await compareSegmentation({}, { compareTo: "2011-06-01" }, host);

    // What the engine says for the same rows (the Excel side must show exactly this).
    const engineTable = SMALL_RETAIL as (string | number)[][];
    const after = analyze(engineTable, {});
    const before = analyzeAt(engineTable, {}, "2011-06-01");
    const ids = compareResults(before, after);
    // The sheet shows display names (the scheme's), as the other sheets do.
    const displayName = new Map(after.scheme.rules.map((r) => [r.label, r.name ?? r.label]));
    const m = nameMigration(ids, (label) => displayName.get(label) ?? label);
    expect(m.to).not.toEqual(ids.to);
    expect(m.to).toContain("Hibernating");

    expect(summary.sheet).toBe(MIGRATION_SHEET);
    expect(summary.before).toBe("2011-06-01 00:00");
    expect([summary.stayed, summary.moved, summary.arrived, summary.lapsed]).toEqual([m.stayed, m.moved, m.arrived, 0]);
    expect(summary.customersAfter).toBe(after.customers.length);
    const matrix = matrixOnSheet(host);
    expect(matrix[0]).toEqual(["From \\ To", ...m.to]);
    expect(matrix.slice(1)).toEqual(m.from.map((label, i) => [label, ...m.counts[i]]));

    const snap = host.snapshot();
    const sheet = snap.sheets.find((s) => s.name === MIGRATION_SHEET);
    expect(sheet?.tables).toEqual([MIGRATION_TABLE, FLOWS_TABLE]);
    const scale = sheet?.conditionalFormats.find((c) => c.type === "ColorScale");
    expect(scale).toBeDefined();
    // The color scale covers exactly the counts (below the header, right of the row labels).
    const t = snap.tables.find((x) => x.name === MIGRATION_TABLE);
    expect(t?.rowCount).toBe(m.from.length);
    expect(sheet?.charts).toHaveLength(1);
    const chart = host.chartData(MIGRATION_SHEET, 0);
    expect(chart.chartType).toBe("BarClustered");
    const shown = m.flows.slice(0, 10);
    expect(chart.categories).toEqual(shown.map((f) => `${f.from} → ${f.to}`));
    expect(chart.series[0].values).toEqual(shown.map((f) => f.customers));
    expect(summary.flows).toEqual(shown.map((f) => f.sentence));

    // Previous segment, matched by CustomerID on the (best-first sorted) customer table.
    expect(summary.previousSegmentSheet).toBe("RFM Customers");
    const cust = host.readSheetValues("RFM Customers");
    const header = cust[0] as string[];
    const idCol = header.indexOf("CustomerID");
    const prevCol = header.indexOf(PREVIOUS_SEGMENT_HEADER);
    expect(prevCol).toBe(header.length - 1);
    // By display name, as the Segment column beside it.
    const nameOf = new Map(after.segments.map((sg) => [sg.label, sg.name]));
    const expected = new Map(
      after.customers.map((c, i) => [c.id, m.previousSegment[i] === null ? "New" : nameOf.get(m.previousSegment[i]!)]),
    );
    for (const row of cust.slice(1)) expect(row[prevCol]).toBe(expected.get(String(row[idCol])));
    expect(cust.slice(1).some((row) => row[prevCol] === "New")).toBe(true);

    // The record knows the new sheet, and the customer sheet is still the add-in's: a new run replaces both
    // without asking (no confirmReplace given, which would throw for an edited sheet).
    const rec = marker(host);
    expect(rec.sheets.map((r) => r.role).sort()).toEqual(["customers", "dashboard", "migration", "summary"]);
    await expect(runSegmentation({}, {}, host)).resolves.toBeDefined();
    // A second comparison replaces the sheet and rewrites the column (no duplicates).
    await runSegmentation({}, {}, host);
    await compareSegmentation({}, { compareTo: "2011-06-01" }, host);
    const names = host.workbook.sheets.map((s) => s.name);
    expect(names.filter((n) => n.startsWith(MIGRATION_SHEET))).toEqual([MIGRATION_SHEET]);
    const header2 = host.readSheetValues("RFM Customers")[0] as string[];
    expect(header2.filter((h) => h === PREVIOUS_SEGMENT_HEADER)).toHaveLength(1);
  });

  test("without a customer sheet only the migration sheet is written", async () => {
    const host = retailHost();
    const summary = await compareSegmentation({}, { compareTo: "2011-06-01" }, host);
    expect(summary.previousSegmentSheet).toBeUndefined();
    const names = host.workbook.sheets.map((s) => s.name);
    expect(names).toContain(MIGRATION_SHEET);
    expect(names).not.toContain("RFM Customers");
  });

  test("a date before every transaction is a clear error", async () => {
    const host = retailHost();
    await expect(compareSegmentation({}, { compareTo: "2000-01-01" }, host)).rejects.toThrow(
      /No transaction is dated before 2000-01-01/,
    );
  });
});

describe("compareSegmentation on Online Retail (golden)", () => {
  test("default dates: the rf10 matrix of test/rfm/migration.test.ts", async () => {
    const data = loadOnlineRetail();
    const host = newHost();
    host.loadSheet("Online Retail", data);
    const summary = await compareSegmentation({}, {}, host);
    expect(summary.before).toBe("2011-09-11 12:50");
    expect(summary.after).toBe("2011-12-10 12:50");
    expect([summary.customersBefore, summary.customersAfter]).toEqual([3376, 4338]);
    const matrix = matrixOnSheet(host);
    // Rows hibernating … champions, new; columns the same … lapsed (checked by scripts/verify-migration-golden.py).
    expect(matrix.slice(1).map((r) => r.slice(1))).toEqual([
      [605, 26, 0, 25, 70, 29, 0, 0, 118, 26, 0],
      [46, 180, 0, 0, 15, 108, 0, 0, 12, 50, 0],
      [0, 8, 9, 0, 0, 13, 0, 0, 0, 8, 0],
      [123, 1, 0, 8, 14, 22, 0, 0, 29, 16, 0],
      [22, 75, 0, 0, 13, 38, 0, 0, 12, 17, 0],
      [0, 148, 34, 0, 0, 316, 0, 0, 0, 182, 0],
      [40, 1, 0, 6, 6, 3, 0, 0, 16, 3, 0],
      [28, 1, 0, 4, 3, 2, 0, 0, 15, 5, 0],
      [94, 71, 0, 0, 26, 80, 0, 0, 27, 32, 0],
      [0, 67, 20, 0, 0, 177, 0, 0, 0, 231, 0],
      [107, 2, 0, 308, 39, 39, 99, 42, 263, 63, 0],
    ]);
    expect(summary.flows[0]).toBe("308 new customers arrived as About to Sleep");
    expect(matrix[0].slice(1, 4)).toEqual(["Hibernating", "At Risk", "Can't Lose Them"]);
    expect(matrix.map((r) => r[0]).slice(-1)).toEqual(["New"]);
    expect(matrix[0].slice(-1)).toEqual(["Lapsed"]);
  });
});
