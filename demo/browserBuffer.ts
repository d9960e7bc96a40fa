/**
 * Just enough of Node's `Buffer` for the CSV reader (src/cli/csv.ts) to run in a browser, so that the demo page parses
 * the Online Retail file with the very parser the CLI and the tests use (no second CSV reader to keep in step).
 *
 * The reader calls `Buffer.from` (text, a view of an ArrayBuffer, or a copy), `Buffer.isBuffer`, `Buffer.concat`, and
 * on instances `subarray`, `indexOf`, `copy` and `toString("latin1" | "utf8", start, end)`. `BufferStandIn` has the
 * static members; its buffers are `BrowserBuffer`, a `Uint8Array` subclass whose `subarray` keeps the subclass through
 * the typed-array species rule.
 *
 * The global is installed only around synchronous calls into the parser (`withBuffer`) and removed afterwards, so no
 * other script on the page (React, Fluent UI, the add-in bundles) ever sees a `Buffer` that is not Node's.
 * Cost: `toString` decodes through one shared TextDecoder (UTF-8) or `String.fromCharCode` over the bytes (latin1,
 * used by the reader only for pure-ASCII fields); the reader's string pools keep the decoding to distinct values.
 *
 * Example: `withBuffer(() => parser.push(chunk))`.
 */

const utf8 = new TextDecoder("utf-8");
const encoder = new TextEncoder();

/** Chunk size for `String.fromCharCode.apply` (stays well below argument-count limits). */
const CHAR_CHUNK = 8192;

/** Instances: the reader's byte buffers (`subarray` of one is one too). */
export class BrowserBuffer extends Uint8Array {
  /** Copies bytes [sourceStart, sourceEnd) into target at targetStart; returns the number of bytes copied. */
  copy(target: Uint8Array, targetStart = 0, sourceStart = 0, sourceEnd = this.length): number {
    const end = Math.min(sourceEnd, this.length, sourceStart + (target.length - targetStart));
    if (end <= sourceStart) return 0;
    target.set(this.subarray(sourceStart, end), targetStart);
    return end - sourceStart;
  }

  toString(encoding = "utf8", start = 0, end = this.length): string {
    const part = this.subarray(start, end);
    if (encoding === "latin1" || encoding === "binary" || encoding === "ascii") {
      let s = "";
      for (let i = 0; i < part.length; i += CHAR_CHUNK) {
        s += String.fromCharCode.apply(null, part.subarray(i, i + CHAR_CHUNK) as unknown as number[]);
      }
      return s;
    }
    if (encoding === "utf8" || encoding === "utf-8") return utf8.decode(part);
    throw new Error(`BrowserBuffer.toString: unsupported encoding ${encoding}`);
  }
}

function bufferFrom(
  source: string | ArrayBufferLike | ArrayLike<number>,
  encodingOrOffset?: string | number,
  length?: number,
): BrowserBuffer {
  if (typeof source === "string") {
    if (encodingOrOffset !== undefined && encodingOrOffset !== "utf8" && encodingOrOffset !== "utf-8") {
      throw new Error(`Buffer.from: only utf8 text is supported here (got ${String(encodingOrOffset)})`);
    }
    const bytes = encoder.encode(source);
    return new BrowserBuffer(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  if (
    source instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer !== "undefined" && source instanceof SharedArrayBuffer)
  ) {
    // A view on the same memory, like Node's Buffer.from(arrayBuffer, byteOffset, length).
    const offset = typeof encodingOrOffset === "number" ? encodingOrOffset : 0;
    return new BrowserBuffer(source as ArrayBuffer, offset, length ?? source.byteLength - offset);
  }
  // Array-likes and typed arrays are copied, as Node does.
  const copy = new BrowserBuffer((source as ArrayLike<number>).length);
  copy.set(source as ArrayLike<number>);
  return copy;
}

/** The static side of the stand-in: what the reader calls as `Buffer.*`. */
export const BufferStandIn = {
  from: bufferFrom,
  isBuffer(value: unknown): value is BrowserBuffer {
    return value instanceof BrowserBuffer;
  },
  concat(list: readonly Uint8Array[], totalLength?: number): BrowserBuffer {
    const total = totalLength ?? list.reduce((n, b) => n + b.length, 0);
    const out = new BrowserBuffer(total);
    let at = 0;
    for (const b of list) {
      if (at >= total) break;
      const part = b.length > total - at ? b.subarray(0, total - at) : b;
      out.set(part, at);
      at += part.length;
    }
    return out;
  },
};

/**
 * Runs `fn` with `globalThis.Buffer` set to `BufferStandIn` (only when the page has no Buffer of its own), then puts
 * the global back as it was. `fn` must be synchronous: the global must not outlive the call.
 */
export function withBuffer<T>(fn: () => T): T {
  const g = globalThis as { Buffer?: unknown };
  if (g.Buffer !== undefined) return fn();
  g.Buffer = BufferStandIn;
  try {
    return fn();
  } finally {
    delete g.Buffer;
  }
}
