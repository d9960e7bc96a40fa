/**
 * The Buffer stand-in the demo page uses to run the CLI's CSV reader in a browser: with Node's Buffer taken away and
 * the stand-in in its place, the reader must produce exactly what it produces with Node's Buffer, on hand-made edge
 * cases (quotes, UTF-8 split across chunks, a byte-order mark) and on the whole Online Retail file fed in 64 KB chunks
 * as the page's DecompressionStream delivers them.
 */
import * as fs from "fs";
import * as zlib from "zlib";
import { CsvParser } from "../../src/cli/csv";
import { BrowserBuffer, BufferStandIn, withBuffer } from "../../demo/browserBuffer";
import type { ColumnTable } from "../../src/rfm/types";
import { loadOnlineRetail, onlineRetailSource } from "../helpers/realData";

/** Runs fn as in a browser: no Node Buffer global, the stand-in installed by withBuffer. */
function asInBrowser<T>(fn: () => T): T {
  const g = globalThis as { Buffer?: unknown };
  const nodeBuffer = g.Buffer;
  delete g.Buffer;
  try {
    return withBuffer(() => {
      expect(g.Buffer).toBe(BufferStandIn);
      return fn();
    });
  } finally {
    expect(g.Buffer).toBeUndefined(); // withBuffer removed it again
    g.Buffer = nodeBuffer;
  }
}

function parseChunks(chunks: Uint8Array[], browser: boolean): ColumnTable {
  const run = () => {
    const p = new CsvParser();
    for (const c of chunks) p.push(c);
    return p.end();
  };
  if (!browser) return run();
  // Each push in its own withBuffer call, as the page does between awaits.
  const p = asInBrowser(() => new CsvParser());
  for (const c of chunks) asInBrowser(() => p.push(c));
  return asInBrowser(() => p.end());
}

function split(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.slice(i, i + size));
  return out;
}

describe("BrowserBuffer", () => {
  it("decodes latin1 and UTF-8 slices and copies like Node's Buffer", () => {
    const text = 'id,name\n1,"Zoë ""Z"" Ünal"\n';
    const bytes = new TextEncoder().encode(text);
    const b = BufferStandIn.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const n = Buffer.from(bytes);
    expect(b).toBeInstanceOf(BrowserBuffer);
    expect(b.subarray(3)).toBeInstanceOf(BrowserBuffer);
    expect(b.toString("utf8", 10, 26)).toBe(n.toString("utf8", 10, 26));
    expect(b.toString("latin1", 0, 7)).toBe("id,name");
    expect(BufferStandIn.concat([b.subarray(0, 3), b.subarray(3)]).toString()).toBe(text);
    const target = new Uint8Array(5);
    expect(b.copy(target, 1, 0, 10)).toBe(4);
    expect([...target]).toEqual([0, 105, 100, 44, 110]);
    expect(BufferStandIn.isBuffer(b)).toBe(true);
    expect(BufferStandIn.isBuffer(bytes)).toBe(false);
    expect(BufferStandIn.from("é").length).toBe(2);
  });

  it("leaves a page's own Buffer alone", () => {
    expect(withBuffer(() => (globalThis as { Buffer?: unknown }).Buffer)).toBe(Buffer);
  });
});

describe("the CSV reader with the stand-in gives what it gives with Node's Buffer", () => {
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
