/**
 * Fetches a transactions CSV (plain, or gzipped: `.gz`) in the browser and loads it into a simulated sheet, the way
 * Excel shows the workbook once it is open (dates as date serials with a date format; see sheetData.ts).
 *
 * Bytes stream from `fetch` through the browser's `DecompressionStream("gzip")` into the CLI's incremental CSV parser
 * (src/cli/csv.ts, which reads Uint8Array chunks and decodes text with TextDecoder, so it needs no Node Buffer), so the
 * 47 MB text is never held as one string (the browser end-to-end test prints how long the Online Retail data takes
 * to load).
 *
 * Example: `await loadCsvIntoSheet(host, ["data/online_retail.csv.gz", "data/online_retail.csv"], "Online Retail")`.
 */
import { CsvParser } from "../src/cli/csv";
import type { ExcelHost, SheetModel } from "excel-sim";
import { toSheetColumns } from "./sheetData";

export interface DataLoadInfo {
  /** The URL that answered. */
  url: string;
  sheetName: string;
  headers: string[];
  /** Data rows (without the header row). */
  rows: number;
  /** Bytes received (compressed when gzipped). */
  bytes: number;
  /** Columns shown as dates (header → number format). */
  dateColumns: Record<string, string>;
  elapsedMs: number;
}

export type LoadProgress = (message: string) => void;

async function fetchFirst(urls: readonly string[]): Promise<Response> {
  const failures: string[] = [];
  for (const url of urls) {
    let res: Response;
    try {
      res = await fetch(url);
    } catch (e) {
      failures.push(`${url}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    if (res.ok && res.body) return res;
    failures.push(`${url}: HTTP ${res.status}`);
  }
  throw new Error(`The transactions file could not be loaded (${failures.join("; ")}).`);
}

/** Reads the whole response into the parser, chunk by chunk. */
async function parseResponse(res: Response, onProgress: LoadProgress): Promise<{ parser: CsvParser; bytes: number }> {
  const gz = /\.gz(?:$|\?)/i.test(new URL(res.url, location.href).pathname);
  let received = 0;
  // Count the bytes that arrive (before decompression) for the progress text.
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      received += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  let stream: ReadableStream<Uint8Array> = res.body!.pipeThrough(counter);
  if (gz)
    stream = stream.pipeThrough(new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>);
  const parser = new CsvParser();
  const reader = stream.getReader();
  let lastReport = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.push(value);
    const now = performance.now();
    if (now - lastReport > 250) {
      lastReport = now;
      onProgress(`Reading transactions… ${(received / 1e6).toFixed(1)} MB`);
    }
  }
  return { parser, bytes: received };
}

/** Column widths from the header and the first rows' text, as a saved workbook would have them (points). */
function fitColumns(sheet: SheetModel): void {
  const used = sheet.usedRect(true);
  if (!used) return;
  const rows = sheet.readBlock({ r0: used.r0, c0: used.c0, r1: Math.min(used.r1, used.r0 + 200), c1: used.c1 }, "text");
  for (let j = 0; j <= used.c1 - used.c0; j++) {
    let chars = 0;
    for (const row of rows) chars = Math.max(chars, String(row[j] ?? "").length);
    sheet.columnWidths.set(used.c0 + j, Math.max(40, Math.min(240, Math.round(chars * 5.6 + 10))));
  }
}

export async function loadCsvIntoSheet(
  host: ExcelHost,
  urls: readonly string[],
  sheetName: string,
  onProgress: LoadProgress = () => undefined,
): Promise<DataLoadInfo> {
  const t0 = performance.now();
  onProgress("Fetching transactions…");
  const res = await fetchFirst(urls);
  const { parser, bytes } = await parseResponse(res, onProgress);
  const table = parser.end();
  if (table.headers.length === 0) throw new Error(`${res.url} is empty: it has no header row.`);
  onProgress(`Filling the sheet "${sheetName}"…`);
  const sheet = toSheetColumns(table);
  const model = host.loadSheet(
    sheetName,
    { headers: sheet.headers, columns: sheet.columns },
    { numberFormats: sheet.numberFormats },
  );
  fitColumns(model);
  return {
    url: res.url,
    sheetName,
    headers: sheet.headers,
    rows: sheet.columns.length ? sheet.columns[0].length : 0,
    bytes,
    dateColumns: sheet.numberFormats,
    elapsedMs: Math.round(performance.now() - t0),
  };
}
