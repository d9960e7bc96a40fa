/**
 * Set-up shared by the Excel simulation's tests: a host with one sheet of data, and the error a batch's sync (or any
 * promise) rejects with, for tests that check codes and messages.
 *
 * Example: `const err = await failure(hostWithSheet("S", [["a"]]), (ctx) => ctx.workbook.worksheets.getItem("x"));`
 * fails the test if the sync succeeds, and otherwise gives the SimError (`err.code === "ItemNotFound"`).
 */
import { createExcelHost, type Cell, type ExcelHost, type ExcelHostOptions, type SimError } from "../src";

/** A new simulated host whose workbook holds one sheet `name` with `rows` from A1 (header row first). */
export function hostWithSheet(name: string, rows: Cell[][], options: ExcelHostOptions = {}): ExcelHost {
  const host = createExcelHost(options);
  host.loadSheet(name, rows);
  return host;
}

/** The error `p` rejects with; throws (failing the test) when `p` resolves. */
export async function rejection(p: Promise<unknown>, expected = "the promise to reject"): Promise<SimError> {
  try {
    await p;
  } catch (e) {
    return e as SimError;
  }
  throw new Error(`expected ${expected}`);
}

/** Queues `fn`'s commands in one batch and returns the error its sync rejects with. */
export function failure(host: ExcelHost, fn: (ctx: Excel.RequestContext) => void): Promise<SimError> {
  const run = host.Excel.run(async (ctx) => {
    fn(ctx);
    await ctx.sync();
  });
  return rejection(run, "the sync to fail");
}
