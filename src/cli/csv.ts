/**
 * An RFC 4180 CSV reader that builds the engine's column-major input (`ColumnTable`) in one pass over the bytes.
 *
 * Rules:
 * - Fields are separated by `,` (or `options.delimiter`); records end with LF, CRLF or a lone CR.
 * - A field that starts with `"` is quoted: it may hold delimiters, line breaks and doubled quotes (`""` → `"`).
 *   A quoted field always stays a string (`"00123"` keeps its zeros).
 * - An unquoted field that is a plain decimal number (`12`, `-3`, `2.55`, `.5`; no exponent, no thousands separator,
 *   no leading zero before another digit, at most 15 significant digits before the dot) becomes a number; anything else (`85123A`,
 *   `C536379`, `2010-12-01 08:26:00`, `0123`, `12345678901234567`) stays text, so long ids keep every digit. An empty field is `""`, the way Excel's `Range.values` shows an empty cell.
 * - A UTF-8 byte-order mark is dropped. The first record is the header row (always text).
 * - A blank line inside the data is a row of empty cells (as Excel would show it); blank lines at the end are ignored.
 * - A record with more or fewer fields than the header, an unterminated quote, or text after a closing quote is a
 *   `CsvError` naming the sheet row (header = row 1), the file line and the column. A double quote inside an
 *   unquoted field (`12" ruler`) is kept as a literal character, as Excel and pandas do.
 *
 * Cost: one pass over the UTF-8 bytes (never decoded as a whole), no per-row objects. A plain number is converted
 * from the bytes (exact: a mantissa of at most 15 digits divided by an exact power of ten rounds correctly). Text
 * goes through a per-column pool keyed by the raw bytes, so each distinct text is decoded once: transaction files
 * repeat the same dates, countries and codes hundreds of thousands of times; a field that repeats the previous row's
 * bytes reuses its cell without being scanned or converted again. A column of numbers only stays an unboxed number
 * array (see ColumnBuilder); `npm run bench`, section "CSV parse", measures it on the Online Retail file (cold and
 * warm, all columns and the ones the engine maps). `options.columns` skips the columns nobody reads (they come
 * back as arrays of `undefined` of the right length, so column indices and row counts do not change).
 *
 * `CsvParser` is the incremental form: `push()` byte (or text) chunks of any size, `takeRows()` to drain the rows
 * parsed so far (for streaming files larger than memory), `end()` to finish. `parseCsv()` and `parseCsvBuffer()` wrap
 * it; csvFile.ts reads a file in chunks through `readFrom()`. Bytes are plain `Uint8Array`s (a Node Buffer is one, so
 * Node callers pass Buffers as they are) and text is decoded with `TextDecoder`: no Node imports and no `Buffer`, so
 * the demo page parses CSV in the browser with this file. UTF-8 is decoded as Node's Buffer decodes it (an invalid
 * byte becomes U+FFFD).
 *
 * @example
 *   parseCsv('id,name,amount\n1,"Smith, J",2.50\n')
 *   // → { headers: ["id", "name", "amount"], columns: [[1], ["Smith, J"], [2.5]] }
 */
import type { Cell, ColumnTable } from "../rfm/types";

export interface CsvOptions {
  /** Field separator, one character (default `,`). */
  delimiter?: string;
  /** Which columns to materialise, by header name or zero-based index. Default: all. Columns left out are returned
   *  as arrays of `undefined` with the right length, so indices and row counts stay the same. */
  columns?: ReadonlyArray<string | number> | ((header: string, index: number, headers: readonly string[]) => boolean);
  /** Expected number of data rows, to size the column arrays once (`parseCsvBuffer` counts line feeds for it). */
  expectedRows?: number;
  /** Called once, with the file line, for the first field whose bytes are not valid UTF-8 (they are decoded with
   *  U+FFFD; the caller may read the file again in another encoding). */
  onInvalidUtf8?: (line: number) => void;
  /** The header texts, when the input is a later part of a file whose header row was read elsewhere (a range of
   *  the file parsed in a worker thread): the input holds data rows only, and no byte-order mark is looked for. Row
   *  and line numbers in errors then count from the input's start (row 2, line 1). */
  headers?: readonly string[];
}

/** A malformed CSV file. `row` is the sheet row number (header = 1), `line` the 1-based line in the file. */
export class CsvError extends Error {
  readonly row: number;
  readonly line: number;
  constructor(message: string, row: number, line: number) {
    super(message);
    this.name = "CsvError";
    this.row = row;
    this.line = line;
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** Exact powers of ten (10^0..10^22 are exactly representable as doubles). */
const POW10: number[] = [];
for (let i = 0, p = 1; i <= 22; i++, p *= 10) POW10.push(p);

/**
 * The value of b[start, end) when it is a plain decimal number (optional sign, digits with at most one dot, at least
 * one digit, no leading zero before another digit), else NaN. Exact: a mantissa of at most 15 digits is below 2^53
 * and 10^k (k ≤ 22) is exact, so one division rounds correctly; longer numbers go through `Number()`.
 */
export function numberAt(b: Uint8Array, start: number, end: number): number {
  let i = start;
  let c = b[i];
  // The sign goes into every digit step (mant = mant × 10 ± digit), so no operation at the end depends on the sign:
  // a `-v` or `v !== 0` there is first compiled for the small integers seen early (quantities like -1) and throws
  // the compiled parser away when the first negative decimal (a price) arrives. "-0" and "-0.0" still give 0.
  const sign = c === MINUS ? -1 : 1;
  if (sign < 0 || c === PLUS) i++;
  if (i === end) return NaN;
  // "0123" looks like a code (zip code, product code), not a quantity: keep it as text.
  if (b[i] === ZERO && i + 1 < end && b[i + 1] !== DOT) return NaN;
  let mant = 0;
  let digits = 0;
  let significant = 0; // of the integer part
  let frac = 0;
  let dot = false;
  for (; i < end; i++) {
    c = b[i];
    if (c >= ZERO && c <= NINE) {
      mant = mant * 10 + sign * (c - ZERO);
      digits++;
      if (!dot && (significant > 0 || c !== ZERO)) significant++;
      if (dot) frac++;
    } else if (c === DOT && !dot) {
      dot = true;
    } else {
      return NaN;
    }
  }
  if (digits === 0) return NaN;
  // An integer part of more than 15 significant digits does not survive a double (17-19 digit ids and invoice
  // numbers one apart would merge): such a field stays text, exactly as written. Long fractions (0.1 + 0.2 as a
  // program prints it) are numbers.
  if (significant > 15) return NaN;
  if (digits > 15 || frac > 22) {
    let t = "";
    for (let k = start; k < end; k++) t += String.fromCharCode(b[k]);
    return Number(t);
  }
  return frac === 0 ? mant : mant / POW10[frac];
}

/**
 * End of an unquoted field starting at `i`: the index of the next delimiter, LF or CR (or `len`). The hot loop is
 * kept in this small function on purpose: V8 optimises a small function after a few hundred calls, while the
 * large record loop around it runs unoptimised for the first megabyte or two of a file.
 * One comparison for most bytes: the stop bytes are all ≤ maxStop (letters and digits are above it).
 */
export function fieldEnd(b: Uint8Array, i: number, len: number, delim: number, maxStop: number): number {
  for (; i < len; i++) {
    const c = b[i];
    if (c <= maxStop && (c === delim || c === LF || c === CR)) break;
  }
  return i;
}

/** True when b[a, a + n) and b[c, c + n) hold the same bytes. */
export function sameBytes(b: Uint8Array, a: number, c: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (b[a + k] !== b[c + k]) return false;
  return true;
}

/** Distinct strings a column's pool remembers; past this, new values are decoded each time (a column of unique
 *  values gains nothing from a pool). */
const POOL_MAX_ENTRIES = 1 << 18;

/**
 * Per-column string pool keyed by the field's raw bytes. Real transaction files repeat the same few thousand texts
 * (dates, countries, product codes) hundreds of thousands of times; decoding each distinct byte sequence once and
 * handing out the same string avoids millions of small allocations (time and memory).
 */
export class StringPool {
  private keys: (string | undefined)[] = [];
  private hashes = new Int32Array(0);
  private offs = new Int32Array(0);
  private lens = new Int32Array(0);
  private arena = new Uint8Array(1 << 12);
  private used = 0;
  private count = 0;
  private mask = 0;

  constructor(private readonly check: Utf8Check) {
    this.alloc(1 << 10);
  }

  private alloc(cap: number): void {
    this.keys = new Array<string | undefined>(cap).fill(undefined);
    this.hashes = new Int32Array(cap);
    this.offs = new Int32Array(cap);
    this.lens = new Int32Array(cap);
    this.mask = cap - 1;
  }

  /** The string for bytes b[start, end) (with `""` read as `"` when `doubledQuotes`). */
  get(b: Uint8Array, start: number, end: number, doubledQuotes: boolean): string {
    const len = end - start;
    let hash = FNV_OFFSET;
    let bits = 0;
    for (let j = start; j < end; j++) {
      const c = b[j];
      hash = Math.imul(hash ^ c, FNV_PRIME);
      bits |= c;
    }
    const mask = this.mask;
    const keys = this.keys;
    let idx = (hash ^ (hash >>> 15)) & mask;
    for (;;) {
      const k = keys[idx];
      if (k === undefined) break;
      if (this.hashes[idx] === hash && this.lens[idx] === len) {
        const arena = this.arena;
        let o = this.offs[idx];
        let j = start;
        while (j < end && arena[o] === b[j]) {
          o++;
          j++;
        }
        if (j === end) return k;
      }
      idx = (idx + 1) & mask;
    }
    const text = decode(b, start, end, bits < 128, doubledQuotes);
    if (bits >= 128 && !this.check.off) checkUtf8(b, start, end, text, this.check);
    if (this.count < POOL_MAX_ENTRIES) {
      if (this.used + len > this.arena.length) {
        const bigger = new Uint8Array(Math.max(this.arena.length * 2, this.used + len));
        bigger.set(this.arena.subarray(0, this.used));
        this.arena = bigger;
      }
      // A plain loop: fields are short, and a call to copy them costs more than the bytes.
      const arena = this.arena;
      for (let j = start, o = this.used; j < end; j++, o++) arena[o] = b[j];
      keys[idx] = text;
      this.hashes[idx] = hash;
      this.offs[idx] = this.used;
      this.lens[idx] = len;
      this.used += len;
      this.count++;
      if (this.count * 2 > keys.length) this.grow();
    }
    return text;
  }

  private grow(): void {
    const { keys, hashes, offs, lens } = this;
    this.alloc(keys.length * 2);
    const mask = this.mask;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k === undefined) continue;
      let idx = (hashes[i] ^ (hashes[i] >>> 15)) & mask;
      while (this.keys[idx] !== undefined) idx = (idx + 1) & mask;
      this.keys[idx] = k;
      this.hashes[idx] = hashes[i];
      this.offs[idx] = offs[i];
      this.lens[idx] = lens[i];
    }
  }
}

/** UTF-8 as Node's Buffer decodes it: invalid bytes become U+FFFD, and a U+FEFF inside the data is kept (the file's
 *  byte-order mark is dropped before any field is decoded). */
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/** Shared by a parser's pools: `bad` is set by the first field whose bytes are not valid UTF-8 (the parser reports
 *  its line, then sets `off`: only the first one is looked for). */
interface Utf8Check {
  bad: boolean;
  off: boolean;
}

const utf8Fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Sets `check.bad` when b[start, end), decoded as `text`, holds invalid UTF-8 (a U+FFFD the bytes do not spell). */
function checkUtf8(b: Uint8Array, start: number, end: number, text: string, check: Utf8Check): void {
  if (!text.includes("\uFFFD")) return;
  try {
    utf8Fatal.decode(b.subarray(start, end));
  } catch {
    check.bad = true;
  }
}

function decode(b: Uint8Array, start: number, end: number, ascii: boolean, doubledQuotes: boolean): string {
  const text = ascii ? asciiText(b, start, end) : utf8.decode(b.subarray(start, end));
  return doubledQuotes ? text.replace(/""/g, '"') : text;
}

/** ASCII fields up to this many bytes are turned into text by `asciiText`'s loop, longer ones by the TextDecoder. */
const SHORT_FIELD = 12;

/** The text of ASCII bytes b[start, end). A short field (a product code, a country) is joined from char codes, which
 *  costs less than a TextDecoder call; past a dozen characters, joining builds a chain of string pieces instead of
 *  one flat string, and the TextDecoder is the cheaper way. */
function asciiText(b: Uint8Array, start: number, end: number): string {
  if (end - start > SHORT_FIELD) return utf8.decode(b.subarray(start, end));
  let text = "";
  for (let k = start; k < end; k++) text += String.fromCharCode(b[k]);
  return text;
}

/**
 * The bytes of a chunk as a plain Uint8Array. A Node Buffer (a Uint8Array subclass) is viewed, not copied: with one
 * kind of array the parser's byte reads stay monomorphic whichever kind the caller passes. Text is encoded as UTF-8.
 */
function bytesOf(chunk: Uint8Array | string): Uint8Array {
  if (typeof chunk === "string") return new TextEncoder().encode(chunk);
  return chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * One stored column while its rows are parsed. A column holds numbers only until its first text cell: until then its
 * cells are written through the parser's number-only store, so V8 keeps the array an unboxed int/double array; the
 * first text cell turns it (once) into a generic array, written through the other stores. With every column written
 * through one array store, V8 makes all of them generic arrays, where each non-integer number (every unit price) is a
 * separate heap object to allocate and garbage-collect. The two kinds of array are created in separate functions for
 * the same reason (V8 gives new arrays the element kind that earlier arrays from the same place ended with).
 */
class ColumnBuilder {
  /** True while every cell so far is a number. */
  numeric = true;
  /** Allocated by the first cell, as a number array or a generic one. */
  cells: Cell[] | null = null;

  /** Rows the next array allocated is sized for. */
  private capacity = -1;

  constructor(capacity: number) {
    this.capacity = capacity; // a second store: see the note on CsvParser.growAt
  }

  /** The number array, allocated on the first cell. */
  numbers(): Cell[] {
    return (this.cells = numberArray(this.capacity));
  }

  /** The cells as a generic array (converted on the first text cell; `row` cells written so far). */
  textCells(row: number): Cell[] {
    if (!this.numeric) return this.cells as Cell[];
    const cells = textArray(Math.max(this.capacity, row + 1));
    const nums = this.cells;
    if (nums !== null) for (let i = 0; i < row; i++) cells[i] = nums[i];
    this.numeric = false;
    this.cells = cells;
    return cells;
  }

  /** Moves the `row` cells written so far into arrays with room for `capacity` rows, keeping their kind. */
  grow(row: number, capacity: number): void {
    this.capacity = capacity;
    const old = this.cells;
    if (old === null) return;
    if (this.numeric) {
      const cells = numberArray(capacity);
      for (let i = 0; i < row; i++) cells[i] = old[i];
      this.cells = cells;
    } else {
      const cells = textArray(capacity);
      for (let i = 0; i < row; i++) cells[i] = old[i];
      this.cells = cells;
    }
  }

  /** The first `n` cells; the builder starts a new batch with room for `capacity` rows. */
  take(n: number, capacity: number): Cell[] {
    const cells = this.cells ?? [];
    cells.length = n; // drop the unused part of a pre-sized array (and cells of an unfinished record)
    this.numeric = true;
    this.cells = null;
    this.capacity = capacity;
    return cells;
  }
}

/** Rows the column arrays hold at first. A column's kind (numbers only, or text) is usually settled within its first
 *  few thousand rows, so the arrays for the whole expected size are allocated once, of the right kind, after them. */
const FIRST_ROWS = 4096;

function numberArray(capacity: number): Cell[] {
  return new Array<Cell>(capacity);
}

function textArray(capacity: number): Cell[] {
  return new Array<Cell>(capacity);
}

/**
 * Incremental CSV parser over UTF-8 bytes. Feed chunks with `push()` (bytes or text, split anywhere, even inside a
 * quoted field or a multi-byte character); complete records go straight into the column arrays, and an incomplete
 * record at the end of a chunk is carried over to the next one.
 */
export class CsvParser {
  protected readonly delim: number;
  /** The largest of the bytes that end an unquoted field (the delimiter, LF, CR): see fieldEnd. */
  protected readonly maxStop: number;
  private readonly columnsOption: CsvOptions["columns"];
  private readonly onInvalidUtf8: CsvOptions["onInvalidUtf8"];
  private readonly utf8Check: Utf8Check;
  private expectedRows: number;
  /** Bytes carried over to the next push (an unfinished record): `carryLen` bytes at the start of `carry`, which
   *  grows by doubling, so a record longer than many chunks (an unterminated quote) costs its size once, not once
   *  per chunk. */
  private carry = new Uint8Array(0);
  private carryLen = 0;
  /** Where an unfinished quoted field's scan stopped, so the next chunk resumes it instead of scanning it again from
   *  the opening quote (`at`: index of that quote in the bytes parsed next; -1: none). */
  private readonly resume = { at: -1, upTo: 0, doubled: false, newlines: 0 };
  private started = false;
  private finished = false;
  private headersValue: string[] | null = null;
  protected ncols = 0;
  protected wanted: boolean[] = [];
  protected pools: StringPool[] = [];
  /** Per column: where the last converted field's bytes are in the current buffer (-1: none), for the repeat check. */
  protected prevStart = new Int32Array(0);
  protected prevLen = new Int32Array(0);
  /** Per column: its builder, or null when the column is not stored. */
  protected builders: (ColumnBuilder | null)[] = [];
  protected rowsInBatch = 0;
  /** Blank lines seen but not yet committed: they become empty rows only if a non-blank record follows. */
  protected pendingBlank = 0;
  /** Sheet row number of the next record (header = 1). */
  protected nextRow = 1;
  /** 1-based file line where the carried-over bytes start. */
  private line = 1;

  constructor(options: CsvOptions = {}) {
    const d = options.delimiter ?? ",";
    if (d.length !== 1 || d.charCodeAt(0) > 127 || d === '"' || d === "\n" || d === "\r") {
      throw new CsvError(
        `The CSV delimiter must be one ASCII character other than a quote or line break (got "${d}").`,
        0,
        0,
      );
    }
    this.delim = d.charCodeAt(0);
    this.maxStop = Math.max(this.delim, CR);
    this.columnsOption = options.columns;
    this.onInvalidUtf8 = options.onInvalidUtf8;
    this.utf8Check = { bad: false, off: options.onInvalidUtf8 === undefined };
    this.expectedRows = Math.max(0, Math.floor(options.expectedRows ?? 0));
    if (options.headers !== undefined) {
      this.started = true;
      this.setHeaders([...options.headers]);
      this.nextRow = 2;
    }
  }

  /** True when the rows pushed so far are not all complete: the bytes end inside a record (an open quoted field,
   *  say), or with blank lines, which become rows only if a record follows. */
  get unfinished(): boolean {
    return this.carryLen > 0 || this.pendingBlank > 0;
  }

  /** Header names, once the first record has been parsed. */
  get headers(): string[] | null {
    return this.headersValue;
  }

  /** Data rows parsed so far and not yet taken. */
  get pendingRows(): number {
    return this.rowsInBatch;
  }

  push(chunk: Uint8Array | string): void {
    if (this.finished) throw new Error("CsvParser.push() after end()");
    let b = bytesOf(chunk);
    if (this.carryLen > 0) b = this.appendCarry(b);
    this.carryLen = 0;
    if (!this.started) {
      if (b.length < 3 && b.length > 0 && b[0] === 0xef) {
        this.keepCarry(b, 0); // wait for the whole byte-order mark
        return;
      }
      if (b.length === 0) return;
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
      this.started = true;
    }
    const used = this.parse(b, false);
    this.shiftResume(used);
    // Copy the tail so the caller's chunk can be released.
    if (used < b.length) this.keepCarry(b, used);
  }

  /** The carried-over bytes followed by `b` (in `carry`, grown by doubling when full). */
  private appendCarry(b: Uint8Array): Uint8Array {
    const need = this.carryLen + b.length;
    if (need > this.carry.length) {
      const bigger = new Uint8Array(Math.max(need, this.carry.length * 2));
      bigger.set(this.carry.subarray(0, this.carryLen));
      this.carry = bigger;
    }
    this.carry.set(b, this.carryLen);
    return this.carry.subarray(0, need);
  }

  /** Carries b[from, end) over to the next push (`b` may be a view of `carry` itself). */
  private keepCarry(b: Uint8Array, from: number): void {
    const n = b.length - from;
    if (b.buffer === this.carry.buffer) {
      const at = b.byteOffset - this.carry.byteOffset + from;
      if (at !== 0) this.carry.copyWithin(0, at, at + n);
    } else {
      if (n > this.carry.length) this.carry = new Uint8Array(Math.max(n, this.carry.length * 2));
      this.carry.set(b.subarray(from));
    }
    this.carryLen = n;
  }

  /** The bytes parsed next start `consumed` bytes later than the ones just parsed. */
  private shiftResume(consumed: number): void {
    const r = this.resume;
    if (r.at >= 0) {
      r.at -= consumed;
      r.upTo -= consumed;
    }
  }

  /** Set by `readFrom`: the next bytes of the input once the current ones are parsed. */
  private source: ((consumed: number) => Uint8Array) | null = null;
  /** True once `source` has returned the input's last bytes. */
  private sourceDone = false;

  /**
   * Parses an input given as functions: `first` is its first bytes; `next(consumed)` returns the bytes from
   * `consumed` on (of the bytes it returned last, or of `first`) followed by more input, and `done()` says whether
   * those were the last. The records are parsed in one loop; then `end()`. For `parseCsvFile`; not mixed with push().
   */
  readFrom(first: Uint8Array, next: (consumed: number) => Uint8Array, done: () => boolean): void {
    if (this.started || this.carryLen > 0) throw new Error("CsvParser.readFrom() after push()");
    this.started = true;
    // A byte-order mark is skipped: parse() counts from after it until the first call of the source.
    let offset = first.length >= 3 && first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf ? 3 : 0;
    this.source = (consumed: number): Uint8Array => {
      this.shiftResume(consumed);
      const b = bytesOf(next(consumed + offset));
      offset = 0;
      this.sourceDone = done();
      return b;
    };
    this.sourceDone = done();
    const start = bytesOf(first);
    let consumed = this.parse(offset === 0 ? start : start.subarray(offset), this.sourceDone);
    // parse() returns before the input's end only while the header row is incomplete.
    while (!this.sourceDone) consumed = this.parse(this.source(consumed), this.sourceDone);
  }

  /** Finishes the input: the bytes carried over are the last record. Returns the rows not yet taken. */
  end(): ColumnTable {
    if (!this.finished) {
      this.finished = true;
      let b: Uint8Array | null = this.carry.subarray(0, this.carryLen);
      this.carryLen = 0;
      if (b.length > 0) {
        if (!this.started && b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
        this.started = true;
        this.parse(b, true);
      }
      this.pendingBlank = 0; // blank lines at the end of the file are not rows
    }
    return this.takeRows();
  }

  /** Returns the rows parsed so far as a ColumnTable and starts a new batch (for streaming). */
  takeRows(): ColumnTable {
    const headers = this.headersValue ?? [];
    const n = this.rowsInBatch;
    this.growAt = FIRST_ROWS;
    const columns: Cell[][] = this.builders.map((cb) => {
      if (cb !== null) return cb.take(n, FIRST_ROWS);
      // A skipped column: reads give undefined. Setting the length allocates nothing (a pre-sized array would
      // allocate and clear 8 bytes per row for a column nobody reads).
      const skipped: Cell[] = [];
      skipped.length = n;
      return skipped;
    });
    this.expectedRows = 0;
    this.rowsInBatch = 0;
    return { headers, columns };
  }

  protected setHeaders(headers: string[]): void {
    this.headersValue = headers;
    this.ncols = headers.length;
    const opt = this.columnsOption;
    if (opt === undefined) {
      this.wanted = headers.map(() => true);
    } else if (typeof opt === "function") {
      this.wanted = headers.map((h, i) => opt(h, i, headers));
    } else {
      this.wanted = headers.map((h, i) => opt.includes(h) || opt.includes(i));
    }
    // Cells are written by row index into pre-sized arrays: FIRST_ROWS rows, then the expected size (growColumns).
    this.growAt = Math.min(FIRST_ROWS, Math.max(this.expectedRows, 1));
    this.builders = headers.map((_, i) => (this.wanted[i] ? new ColumnBuilder(this.growAt) : null));
    this.pools = headers.map(() => new StringPool(this.utf8Check));
    this.prevStart = new Int32Array(headers.length);
    this.prevLen = new Int32Array(headers.length).fill(-1);
  }

  /** Row index at which the column arrays are full (see FIRST_ROWS); growColumns makes room beyond it. */
  private growAt = -1;

  /** Room for more rows: the expected size when it is larger, else twice as many. */
  private growColumns(row: number): void {
    const capacity = Math.max(this.expectedRows, 2 * row, FIRST_ROWS);
    for (const cb of this.builders) if (cb !== null) cb.grow(row, capacity);
    this.growAt = capacity;
  }

  private fieldError(what: string, advice: string, line: number, field: number): CsvError {
    return new CsvError(
      `${what} in row ${this.nextRow} (line ${line}), column ${field + 1}${this.columnName(field)}: ${advice}`,
      this.nextRow,
      line,
    );
  }

  private columnName(field: number): string {
    const h = this.headersValue;
    return h !== null && field < h.length ? ` ("${h[field]}")` : "";
  }

  /**
   * Parses the complete records of `b` and returns the number of bytes consumed. When not `final`, a record that
   * runs to the end of `b` without a line break is left for the next chunk.
   *
   * Kept small on purpose (the fields of a record are parsed by `parseRecord`, rare paths live in other methods): V8
   * compiles a small function while the first megabyte is parsed, so the compiled loop is ready sooner.
   */
  private parse(b: Uint8Array, final: boolean): number {
    let len = b.length;
    let pos = 0;
    // Offsets into an earlier buffer mean nothing here.
    this.prevLen.fill(-1);
    if (this.headersValue === null) {
      pos = this.parseHeader(b, final);
      if (this.headersValue === null) return pos; // the header row is not complete yet
    }
    const record = this.record;
    let line = this.line;
    // True when the bytes from `pos` on may continue in the next chunk (a record or a CRLF cut by the chunk's end).
    let stalled = false;
    for (;;) {
      if (stalled || pos >= len) {
        if (final || this.source === null) break; // push(): the caller keeps the rest for the next chunk
        // parseCsvFile: the source moves the bytes from `pos` on to the start of its buffer and reads more after
        // them; the loop goes on over the new bytes. One call (one compiled loop) for the whole file instead of one
        // per chunk, and this place runs at every chunk's end, so it is known to the compiled loop.
        b = this.source(pos);
        len = b.length;
        final = this.sourceDone;
        pos = 0;
        stalled = false;
        this.prevLen.fill(-1); // offsets into the old bytes mean nothing now
        continue;
      }
      // A line with nothing on it.
      const c0 = b[pos];
      if (c0 === LF || c0 === CR) {
        if (c0 === CR) {
          if (pos + 1 >= len && !final) {
            stalled = true; // maybe CRLF split across chunks
            continue;
          }
          if (pos + 1 < len && b[pos + 1] === LF) pos++;
        }
        pos++;
        line++;
        this.pendingBlank++;
        continue;
      }
      if (this.pendingBlank > 0) this.commitBlankRows();
      const row = this.rowsInBatch;
      if (row >= this.growAt) this.growColumns(row);
      const next = this.parseRecord(b, pos, final, row, line);
      if (next < 0) {
        // This record is parsed again from its start when more bytes arrive; its cells here are overwritten then (or
        // cut off by takeRows), since the row count does not move.
        stalled = true;
        continue;
      }
      if (record.fields !== this.ncols) throw this.raggedRow(record.fields, line);
      if (this.utf8Check.bad) this.invalidUtf8(line);
      pos = next;
      line = record.line;
      this.rowsInBatch++;
      this.nextRow++;
    }
    this.line = line;
    return stalled ? pos : len;
  }

  /** Scratch result of `parseRecord`: the record's number of fields and the file line after it. */
  protected readonly record = { fields: 0, line: 0 };

  /**
   * Parses the record that starts at `pos` (not a blank line) on file line `recordLine` into row `row` of the
   * columns. Returns the position after its line break (or the input's end), with `record.fields` and `record.line`
   * set; or -1 when the record may continue in the next chunk.
   */
  protected parseRecord(b: Uint8Array, pos: number, final: boolean, row: number, recordLine: number): number {
    const len = b.length;
    const delim = this.delim;
    const maxStop = this.maxStop;
    const ncols = this.ncols;
    const builders = this.builders;
    const pools = this.pools;
    const prevStart = this.prevStart;
    const prevLen = this.prevLen;
    const q = this.quoted;
    let line = recordLine;
    let field = 0;
    for (;;) {
      const cb = field < ncols ? builders[field] : null;
      let end: number;
      if (pos < len && b[pos] === QUOTE) {
        if (!this.scanQuoted(b, pos, final, line, field)) return -1; // continues in the next chunk
        if (cb !== null) {
          cb.textCells(row)[row] = q.end === pos + 1 ? "" : pools[field].get(b, pos + 1, q.end, q.doubled);
          prevLen[field] = -1; // the repeat check compares unquoted bytes only
        }
        line += q.newlines;
        end = q.end + 1;
        if (end < len) {
          const c = b[end];
          if (c !== delim && c !== LF && c !== CR) throw this.textAfterQuote(line, field);
        }
      } else {
        // Unquoted. A stored field that repeats the previous row's field byte for byte, followed by a delimiter or
        // line break (consecutive lines of one invoice repeat its number, date, customer and country), reuses the
        // previous cell without scanning or converting it again. Otherwise a tight scan finds the delimiter or line
        // end; a plain number is converted, and text goes through the string pool.
        // A stray quote inside an unquoted field is kept as a literal character, as Excel does.
        const plen = cb !== null && row > 0 ? prevLen[field] : -1;
        const pend = pos + plen;
        let stop: number;
        if (
          plen >= 0 &&
          pend < len &&
          ((stop = b[pend]) === delim || stop === LF || stop === CR) &&
          sameBytes(b, prevStart[field], pos, plen)
        ) {
          end = pend;
          // Two stores, so that number columns and generic columns never share one (see ColumnBuilder).
          const cells = (cb as ColumnBuilder).cells as Cell[];
          if ((cb as ColumnBuilder).numeric) cells[row] = cells[row - 1];
          else cells[row] = cells[row - 1];
          prevStart[field] = pos;
        } else {
          end = fieldEnd(b, pos, len, delim, maxStop);
          if (end >= len && !final) return -1; // the line may continue in the next chunk
          if (cb !== null) {
            const flen = end - pos;
            const v = flen === 0 ? NaN : numberAt(b, pos, end);
            // NaN never comes out of a plain number, so it is the "this is text" answer.
            if (v === v) {
              if (cb.numeric)
                (cb.cells ?? cb.numbers())[row] = v; // the number-only store (see ColumnBuilder)
              else (cb.cells as Cell[])[row] = v;
            } else {
              cb.textCells(row)[row] = flen === 0 ? "" : pools[field].get(b, pos, end, false);
            }
            prevStart[field] = pos;
            prevLen[field] = flen;
          }
        }
      }
      field++;

      // After the field: a delimiter, a line break or the end of the input (only when final: no last line break).
      if (end >= len) {
        pos = end;
        break;
      }
      const c = b[end];
      if (c === delim) {
        pos = end + 1;
        if (pos < len) continue;
        if (!final) return -1;
        // A delimiter at the very end of the input: one more, empty, field.
        const last = field < ncols ? builders[field] : null;
        if (last !== null) last.textCells(row)[row] = "";
        field++;
        break;
      }
      if (c === CR) {
        if (end + 1 >= len && !final) return -1;
        pos = end + 1 < len && b[end + 1] === LF ? end + 2 : end + 1;
      } else {
        pos = end + 1;
      }
      line++;
      break;
    }
    this.record.fields = field;
    this.record.line = line;
    return pos;
  }

  /** Scratch result of `scanQuoted` (one object per parser, so the hot loop allocates nothing). */
  protected readonly quoted = { end: 0, doubled: false, newlines: 0 };

  /**
   * Scans the quoted field whose opening quote is at `pos`: sets `quoted.end` (index of the closing quote),
   * `quoted.doubled` (whether it holds `""`) and `quoted.newlines`. Returns false when the field runs past the end of
   * a non-final chunk (remembering how far it got in `resume`); throws when it runs past the end of the input.
   * `quoteLine` is the file line of the opening quote.
   */
  protected scanQuoted(b: Uint8Array, pos: number, final: boolean, quoteLine: number, field: number): boolean {
    const len = b.length;
    let i = pos + 1;
    let doubled = false;
    let nl = 0;
    const r = this.resume;
    if (r.at === pos) {
      i = r.upTo;
      doubled = r.doubled;
      nl = r.newlines;
    }
    r.at = -1;
    while (i < len) {
      const c = b[i];
      if (c === QUOTE) {
        if (i + 1 < len && b[i + 1] === QUOTE) {
          doubled = true;
          i += 2;
          continue;
        }
        // Maybe the first half of a doubled quote split across chunks.
        if (i + 1 >= len && !final) return this.suspendQuoted(pos, i, doubled, nl);
        this.quoted.end = i;
        this.quoted.doubled = doubled;
        this.quoted.newlines = nl;
        return true;
      }
      if (c === LF) nl++;
      else if (c === CR && (i + 1 >= len || b[i + 1] !== LF)) nl++;
      i++;
    }
    if (!final) {
      // A CR at the end was counted as a line break; it is looked at again with the byte after it (CRLF is one).
      if (b[len - 1] === CR && i - 1 > pos) return this.suspendQuoted(pos, len - 1, doubled, nl - 1);
      return this.suspendQuoted(pos, i, doubled, nl);
    }
    throw this.fieldError(
      "Unterminated quoted field",
      `the double quote that opens this field on line ${quoteLine} is never closed: the file ends first. ` +
        "Close the quote, or save the file again from the program that wrote it.",
      quoteLine,
      field,
    );
  }

  /** Remembers where the scan of the quoted field at `pos` stopped (index `upTo`), and returns false. */
  private suspendQuoted(pos: number, upTo: number, doubled: boolean, newlines: number): boolean {
    const r = this.resume;
    r.at = pos;
    r.upTo = upTo;
    r.doubled = doubled;
    r.newlines = newlines;
    return false;
  }

  /**
   * Parses the header record at the start of `b` (blank lines before it are skipped). Returns the bytes consumed;
   * `headersValue` stays null when the record is not complete in a non-final chunk.
   */
  private parseHeader(b: Uint8Array, final: boolean): number {
    const len = b.length;
    const delim = this.delim;
    const maxStop = Math.max(delim, CR);
    let pos = 0;
    let line = this.line;
    // Blank lines before the header.
    while (pos < len && (b[pos] === LF || b[pos] === CR)) {
      if (b[pos] === CR) {
        if (pos + 1 >= len && !final) return pos;
        if (pos + 1 < len && b[pos + 1] === LF) pos++;
      }
      pos++;
      line++;
    }
    if (pos >= len) {
      this.line = line;
      return pos;
    }
    const start = pos;
    const startLine = line;
    const headers: string[] = [];
    for (;;) {
      let end: number;
      if (pos < len && b[pos] === QUOTE) {
        if (!this.scanQuoted(b, pos, final, line, headers.length)) break;
        headers.push(decode(b, pos + 1, this.quoted.end, false, this.quoted.doubled));
        line += this.quoted.newlines;
        end = this.quoted.end + 1;
        if (end < len && b[end] !== delim && b[end] !== LF && b[end] !== CR) {
          throw this.textAfterQuote(line, headers.length - 1);
        }
      } else {
        end = fieldEnd(b, pos, len, delim, maxStop);
        if (end >= len && !final) break;
        headers.push(decode(b, pos, end, false, false));
      }
      if (end >= len) {
        pos = end;
        return this.headerDone(headers, pos, line);
      }
      const c = b[end];
      if (c === delim) {
        pos = end + 1;
        if (pos >= len) {
          if (!final) break;
          headers.push("");
          return this.headerDone(headers, pos, line);
        }
        continue;
      }
      if (c === CR) {
        if (end + 1 >= len && !final) break;
        pos = end + 1 < len && b[end + 1] === LF ? end + 2 : end + 1;
      } else {
        pos = end + 1;
      }
      return this.headerDone(headers, pos, line + 1);
    }
    this.line = startLine;
    return start;
  }

  /** Reports the first invalid UTF-8 (found in the record on `line`) and stops looking. */
  private invalidUtf8(line: number): void {
    this.utf8Check.bad = false;
    this.utf8Check.off = true;
    this.onInvalidUtf8?.(line);
  }

  private headerDone(headers: string[], pos: number, line: number): number {
    const first = this.line;
    if (!this.utf8Check.off) {
      for (const h of headers) if (h.includes("\uFFFD")) this.utf8Check.bad = true;
    }
    // Reported before the header row is handed on: its names are wrong, and a column plan made on them would fail
    // on a name the file's own encoding gives right (`--map unitPrice=Stückpreis` on a Windows-1252 file).
    if (this.utf8Check.bad) this.invalidUtf8(first);
    this.setHeaders(headers);
    this.nextRow++;
    this.line = line;
    return pos;
  }

  protected textAfterQuote(line: number, field: number): CsvError {
    return this.fieldError(
      "Unexpected text after a closing quote",
      `a quoted field must be followed by "${String.fromCharCode(this.delim)}" or a line break.`,
      line,
      field,
    );
  }

  private raggedRow(fields: number, line: number): CsvError {
    const n = this.ncols;
    return new CsvError(
      `Row ${this.nextRow} (line ${line}) has ${fields} field${fields === 1 ? "" : "s"}, but the header row has ${n}: ` +
        `check for a missing or extra "${String.fromCharCode(this.delim)}", or an unquoted field that contains one.`,
      this.nextRow,
      line,
    );
  }

  protected commitBlankRows(): void {
    this.prevLen.fill(-1); // the previous row is now an empty one
    for (; this.pendingBlank > 0; this.pendingBlank--) {
      for (const cb of this.builders) if (cb !== null) cb.textCells(this.rowsInBatch)[this.rowsInBatch] = "";
      this.rowsInBatch++;
      this.nextRow++;
    }
  }
}

/** Throws the "empty file" CsvError when no header row was parsed. */
export function requireHeader(p: CsvParser): void {
  if (p.headers === null) throw new CsvError("The CSV file is empty: it has no header row.", 1, 1);
}

/** Bytes sampled by `estimateRows`. */
const ROW_SAMPLE_BYTES = 1 << 18;

/**
 * The number of rows to size the column arrays for: the line feeds in the first 256 KiB of `head` (the start of the
 * input), scaled to the input's `total` bytes, plus 2 %. Only a size hint: a low estimate costs one array growth, a
 * high one is trimmed when the rows are taken. Counting every line feed of a large file takes one native search per
 * line, a pass over the whole input.
 */
export function estimateRows(head: Uint8Array, total: number): number {
  const sample = Math.min(head.length, ROW_SAMPLE_BYTES);
  let lines = 0;
  for (let i = head.indexOf(LF); i !== -1 && i < sample; i = head.indexOf(LF, i + 1)) lines++;
  if (sample >= total) return lines + 1;
  // At least one byte per line besides the line feed, so a strange sample cannot ask for more rows than that.
  return Math.min(Math.ceil(((lines + 1) * total * 1.02) / Math.max(sample, 1)), Math.ceil(total / 2) + 1);
}

/** Parses a whole CSV text. */
export function parseCsv(text: string, options: CsvOptions = {}): ColumnTable {
  return parseCsvBuffer(bytesOf(text), options);
}

/** Parses CSV bytes (UTF-8, with or without a byte-order mark). */
export function parseCsvBuffer(buf: Uint8Array, options: CsvOptions = {}): ColumnTable {
  const b = bytesOf(buf);
  const p = new CsvParser({ expectedRows: estimateRows(b, b.length), ...options });
  p.push(b);
  const table = p.end();
  requireHeader(p);
  return table;
}
