/**
 * A worker thread of the parallel CSV reader (parallel.ts). Each task is a byte range of the file that starts at a
 * record (the first range also holds the header row); the worker reads it, parses it with csv.ts's row reader
 * (csvRows.ts; only the columns the plan maps), cleans each row as it comes with the engine's `RowCleaner`, and
 * answers with the cleaned batch, its typed arrays transferred rather than copied. It does not decide anything that needs other ranges: a range that ends
 * inside a record, or whose reading depends on other ranges, or that fails, is answered as such and parallel.ts
 * decides (its start may not have been a record start at all).
 */
import * as fs from "fs";
import { parentPort, workerData } from "worker_threads";
import { RowCleaner, type CleanedBatch, type UsableColumnPlan } from "../rfm";
import type { RfmOptions } from "../rfm/types";
import { estimateRows } from "./csv";
import { CsvRowReader } from "./csvRows";

const FIRST_PUSH = 1 << 14;
const LF = 10;

/** What every task of one file shares (the worker's workerData). */
export interface WorkerSetup {
  file: string;
  /** The header texts (main thread), for the ranges after the first. */
  headers: string[];
  delimiter: string;
  options: RfmOptions;
  plan: UsableColumnPlan;
  /** Report bytes that are not UTF-8 (the encoding was not chosen: such a file is read again as Windows-1252). */
  checkUtf8: boolean;
}

/** Bytes [start, end) of the file; `last` when end is the file's end. */
export interface RangeTask {
  id: number;
  start: number;
  end: number;
  last: boolean;
}

export type RangeAnswer =
  | { id: number; kind: "batch"; batch: CleanedBatch }
  /** The range ends inside a record (or with blank lines): its end is not a record boundary. */
  | { id: number; kind: "unfinished" }
  /** The range cannot be folded in as read here (an error, bytes that are not UTF-8, a dependency on other ranges). */
  | { id: number; kind: "fallback"; reason: string };

function runTask(setup: WorkerSetup, fd: number, task: RangeTask, buf: Buffer): RangeAnswer {
  const len = task.end - task.start;
  let got = 0;
  while (got < len) {
    const n = fs.readSync(fd, buf, got, len - got, task.start + got);
    if (n === 0) break;
    got += n;
  }
  const bytes = buf.subarray(0, got);
  const used = new Set(Object.values(setup.plan.columns) as number[]);
  let invalidUtf8 = false;
  // Each record's cells go straight to the engine's row cleaner: no column of cells is stored.
  const cleaner = new RowCleaner(setup.plan, setup.options, estimateRows(bytes, bytes.length));
  const parser = new CsvRowReader(
    {
      delimiter: setup.delimiter,
      columns: (_h, i) => used.has(i),
      headers: task.start === 0 ? undefined : setup.headers,
      onInvalidUtf8: setup.checkUtf8 ? () => (invalidUtf8 = true) : undefined,
    },
    (cells, numbers) => cleaner.row(cells, numbers),
  );
  // A small first push: the parser's loop then meets a chunk's end before V8 compiles it, and the compiled loop
  // keeps that path (one large push would have it compiled without, and thrown away at the end: see csvFile.ts).
  // It ends after a line feed, so that the rest is not copied behind a carried-over record (unless that line feed
  // is inside a quoted field).
  const lf = bytes.indexOf(LF, FIRST_PUSH);
  const cut = lf < 0 ? bytes.length : lf + 1;
  parser.push(bytes.subarray(0, cut));
  if (cut < bytes.length) parser.push(bytes.subarray(cut));
  if (!task.last && parser.unfinished) return { id: task.id, kind: "unfinished" };
  parser.end();
  if (invalidUtf8) return { id: task.id, kind: "fallback", reason: "bytes that are not UTF-8" };
  const batch = cleaner.finish();
  if (batch.dependsOnOthers !== null) return { id: task.id, kind: "fallback", reason: batch.dependsOnOthers };
  return { id: task.id, kind: "batch", batch };
}

/** The buffers an answer hands over instead of copying. */
function transfers(a: RangeAnswer): ArrayBuffer[] {
  if (a.kind !== "batch") return [];
  const { rows, country } = a.batch;
  const out = [rows.customer.buffer, rows.time.buffer, rows.invoice.buffer, rows.money.buffer] as ArrayBuffer[];
  if (country !== undefined) out.push(country.codes.buffer as ArrayBuffer);
  return out;
}

if (parentPort !== null) {
  const port = parentPort;
  const setup = workerData as WorkerSetup;
  const fd = fs.openSync(setup.file, "r");
  let buf = Buffer.allocUnsafe(0);
  port.on("message", (task: RangeTask) => {
    let answer: RangeAnswer;
    try {
      if (buf.length < task.end - task.start) buf = Buffer.allocUnsafe(task.end - task.start);
      answer = runTask(setup, fd, task, buf);
    } catch (e) {
      answer = { id: task.id, kind: "fallback", reason: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(answer, transfers(answer));
  });
}
