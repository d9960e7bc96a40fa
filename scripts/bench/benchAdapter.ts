/**
 * The hook `npm run bench` calls for the adapter's figures: the whole ribbon flow (`runSegmentation`) against the
 * in-memory Excel simulation (Excel on the web limits) on a given table, first run and re-run.
 *
 * The table is loaded as a workbook holds it: the date column as Excel serial numbers (a CSV's text dates are
 * converted once, before timing). Figures per run: wall time, time inside `context.sync()` (the simulated Excel's
 * share), the rest (the add-in: reading into columns, the engine, building the writes), sync count, the largest
 * request and response, refused requests.
 *
 * Example (from a Node script that can load TypeScript, e.g. through ts-jest, or compiled as scripts/bench/adapter.js
 * does):
 *   const { benchAdapter } = require(".../scripts/bench/benchAdapter");
 *   const f = await benchAdapter(table);   // { rows, first: { elapsedMs, syncMs, adapterMs, syncs, ... }, rerun }
 * Not part of the add-in: it is here, outside src/, because it needs the simulation (the excel-sim package).
 */
import { createExcelHost } from "excel-sim";
import { parseDateCell, timestampToExcelSerial } from "../../src/rfm/dates";
import type { Cell, ColumnTable } from "../../src/rfm/types";
import { runSegmentation } from "../../src/office/run";
import type { SegmentSettings } from "../../src/office/types";

export interface AdapterRunFigures {
  elapsedMs: number;
  /** Time inside context.sync() (the host). */
  syncMs: number;
  /** elapsedMs − syncMs: the add-in's own time, engine included. */
  adapterMs: number;
  syncs: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  failedSyncs: number;
  customers: number;
}

export interface AdapterBenchFigures {
  rows: number;
  first: AdapterRunFigures;
  rerun: AdapterRunFigures;
}

/** Runs the flow twice on a fresh simulated workbook holding `table` (sheet "Online Retail"). */
export async function benchAdapter(table: ColumnTable, settings: SegmentSettings = {}): Promise<AdapterBenchFigures> {
  const dateCol = table.headers.findIndex((h) => /date/i.test(String(h)));
  const columns: ArrayLike<Cell>[] = table.columns.map((col, j) => {
    if (j !== dateCol) return col;
    const out = new Array<Cell>(col.length);
    for (let i = 0; i < col.length; i++) {
      const t = parseDateCell(col[i]);
      out[i] = Number.isNaN(t) ? col[i] : timestampToExcelSerial(t);
    }
    return out;
  });
  const rows = columns.length ? columns[0].length : 0;
  const host = createExcelHost({ syncDelay: "microtask" });
  host.loadSheet("Online Retail", { headers: table.headers, columns });
  const once = async (): Promise<AdapterRunFigures> => {
    host.resetStats();
    const s = await runSegmentation(settings, {}, host);
    const syncMs = s.syncMs ?? 0;
    return {
      elapsedMs: s.elapsedMs,
      syncMs,
      adapterMs: s.elapsedMs - syncMs,
      syncs: s.syncs,
      maxRequestBytes: host.stats.maxRequestBytes,
      maxResponseBytes: host.stats.maxResponseBytes,
      failedSyncs: host.stats.failedSyncs,
      customers: s.customers,
    };
  };
  const first = await once();
  const rerun = await once();
  return { rows, first, rerun };
}
