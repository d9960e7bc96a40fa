/**
 * The demo page runs the CLI's CSV reader in a browser, where there is no Node Buffer: with the Buffer global taken
 * away, the reader must produce exactly what it produces in Node from Buffers, on hand-made edge cases (quotes, UTF-8
 * split across chunks, a byte-order mark) and on the whole Online Retail file fed in 64 KB chunks of plain Uint8Arrays
 * as the page's DecompressionStream delivers them.
 */
import * as fs from "fs";
import * as zlib from "zlib";
import { CsvParser } from "../../src/cli/csv";
import type { ColumnTable } from "../../src/rfm/types";
import { loadOnlineRetail, onlineRetailSource } from "../helpers/realData";

/** Runs fn as in a browser: no Buffer global while it runs. */
function asInBrowser<T>(fn: () => T): T {
  const g = globalThis as { Buffer?: unknown };
  const nodeBuffer = g.Buffer;
  delete g.Buffer;
  try {
    expect(g.Buffer).toBeUndefined();
    return fn();
  } finally {
    g.Buffer = nodeBuffer;
  }
}

/** Parses the chunks: in Node, each passed as a Buffer; as in a browser, each a plain Uint8Array with no Buffer. */
function parseChunks(chunks: Uint8Array[], browser: boolean): ColumnTable {
  if (!browser) {
    const p = new CsvParser();
    for (const c of chunks) p.push(Buffer.from(c));
    return p.end();
  }
  // Each push in its own call without Buffer, as the page does between awaits.
  const p = asInBrowser(() => new CsvParser());
  for (const c of chunks) asInBrowser(() => p.push(c));
  return asInBrowser(() => p.end());
}

function split(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.slice(i, i + size));
  return out;
}

describe("the CSV reader without Node's Buffer gives what it gives with Node's Buffer", () => {
  it("on edge cases split at every byte", () => {
    const text = '\uFEFFInvoice,Name,Amount\r\n1,"Smith, J",2.50\r\n"2","Zoë ""Z""",-3\r\n\r\nC7,日本,.5\n';
    const bytes = new TextEncoder().encode(text);
    const node = parseChunks(split(bytes, 1), false);
    expect(parseChunks(split(bytes, 1), true)).toEqual(node);
    expect(parseChunks([bytes], true)).toEqual(node);
    expect(node.columns[1]).toEqual(["Smith, J", 'Zoë "Z"', "", "日本"]);
  });

  it("on the whole Online Retail file in 64 KB chunks", () => {
    const file = onlineRetailSource();
    const raw = fs.readFileSync(file);
    const bytes = new Uint8Array(/\.gz$/i.test(file) ? zlib.gunzipSync(raw) : raw);
    const browser = parseChunks(split(bytes, 65536), true);
    const node = loadOnlineRetail();
    expect(browser.headers).toEqual(node.headers);
    expect(browser.columns).toHaveLength(node.columns.length);
    browser.columns.forEach((col, j) => {
      expect(col).toHaveLength(541_909);
      // A plain loop: Jest's deep equality on 541,909-element arrays is far slower.
      const want = node.columns[j];
      const diff: string[] = [];
      for (let i = 0; i < col.length && diff.length < 3; i++) {
        if (!Object.is(col[i], want[i]))
          diff.push(`row ${i + 2}: ${JSON.stringify(col[i])} vs ${JSON.stringify(want[i])}`);
      }
      expect(diff).toEqual([]);
    });
  });
});
