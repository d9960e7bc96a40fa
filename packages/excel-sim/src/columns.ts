/**
 * One worksheet column's cells, stored by row index without per-cell objects.
 *
 * A column starts numeric (a growable Float64Array, NaN = empty), which keeps 541,909 quantities, prices or dates at
 * 8 bytes each; the first string, boolean or error written turns it into a generic array (numbers stay unboxed where
 * the engine allows). Formulas (rare) live in a Map by row; number formats in a sparse array (undefined = General).
 *
 * Cost: get/set O(1) amortized; bounds O(1) in the usual case (scans from the ends until a non-empty cell);
 * splice (insert/delete rows) O(rows stored). Example: `c.set(0, 5); c.get(0)` → 5; `c.get(1)` → undefined.
 */
import { ArrayOf, isFiniteNumber, max, min } from "./fast";
import { MAX_ROWS } from "./address";
import type { Stored } from "./cellvalue";

const EMPTY = NaN;

export class ColumnStore {
  /** Numeric mode storage (NaN = empty); null in generic mode or before the first write. */
  num: Float64Array | null = null;
  /** Generic mode storage; null in numeric mode. */
  gen: (Stored | undefined)[] | null = null;
  /** Rows [0, len) may hold values. */
  len = 0;
  formulas: Map<number, string> | null = null;
  formats: (string | undefined)[] | null = null;

  get(r: number): Stored | undefined {
    if (r >= this.len) return undefined;
    if (this.num) {
      const x = this.num[r];
      return x === x ? x : undefined;
    }
    return this.gen ? this.gen[r] : undefined;
  }

  private growNum(n: number): void {
    const cur = this.num as Float64Array;
    if (n <= cur.length) return;
    let cap = max(1024, cur.length * 2);
    while (cap < n) cap *= 2;
    if (cap > MAX_ROWS) cap = MAX_ROWS;
    const next = new Float64Array(cap);
    next.set(cur);
    next.fill(EMPTY, cur.length);
    this.num = next;
  }

  private toGeneric(): void {
    const g: (Stored | undefined)[] = new ArrayOf(this.len);
    const num = this.num;
    if (num) {
      for (let i = 0; i < this.len; i++) {
        const x = num[i];
        g[i] = x === x ? x : undefined;
      }
    }
    this.gen = g;
    this.num = null;
  }

  set(r: number, v: Stored | undefined): void {
    if (v === undefined) {
      if (r < this.len) {
        if (this.num) this.num[r] = EMPTY;
        else if (this.gen) this.gen[r] = undefined;
      }
      return;
    }
    if (!this.num && !this.gen) {
      if (typeof v === "number") {
        this.num = new Float64Array(0);
      } else this.gen = [];
    }
    if (this.num) {
      if (typeof v === "number") {
        if (r >= this.num.length) this.growNum(r + 1);
        this.num[r] = v;
        if (r >= this.len) this.len = r + 1;
        return;
      }
      this.toGeneric();
    }
    const g = this.gen as (Stored | undefined)[];
    // Keep the array dense (holes make V8 switch to slow dictionary storage).
    while (g.length < r) g.push(undefined);
    g[r] = v;
    if (r >= this.len) this.len = r + 1;
  }

  /** Loads a whole column at once (used by `loadSheet`): numbers-only columns go to a Float64Array. */
  setAll(values: ArrayLike<unknown>, r0: number, toStored: (v: unknown) => Stored | undefined): void {
    const n = values.length;
    let allNumeric = true;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v !== null && v !== undefined && v !== "" && typeof v !== "number") {
        allNumeric = false;
        break;
      }
    }
    if (allNumeric && !this.gen && this.len === 0) {
      const arr = new Float64Array(r0 + n);
      arr.fill(EMPTY, 0, r0);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        arr[r0 + i] = typeof v === "number" && isFiniteNumber(v) ? v : EMPTY;
      }
      this.num = arr;
      this.len = r0 + n;
      return;
    }
    if (!this.num && !this.gen && this.len === 0) {
      // Empty column: build the generic array in one go.
      const g: (Stored | undefined)[] = new ArrayOf(r0 + n);
      for (let i = 0; i < r0; i++) g[i] = undefined;
      let last = -1;
      for (let i = 0; i < n; i++) {
        const v = toStored(values[i]);
        g[r0 + i] = v;
        if (v !== undefined) last = r0 + i;
      }
      this.gen = g;
      this.len = max(last + 1, 0);
      return;
    }
    for (let i = 0; i < n; i++) this.set(r0 + i, toStored(values[i]));
  }

  getFormula(r: number): string | undefined {
    return this.formulas ? this.formulas.get(r) : undefined;
  }

  setFormula(r: number, f: string | undefined): void {
    if (f === undefined) {
      if (this.formulas) this.formulas.delete(r);
      return;
    }
    if (!this.formulas) this.formulas = new Map();
    this.formulas.set(r, f);
  }

  getFormat(r: number): string | undefined {
    return this.formats && r < this.formats.length ? this.formats[r] : undefined;
  }

  setFormat(r: number, f: string | undefined): void {
    if (f === undefined || f === "General") {
      if (this.formats && r < this.formats.length) this.formats[r] = undefined;
      return;
    }
    if (!this.formats) this.formats = [];
    const fm = this.formats;
    while (fm.length < r) fm.push(undefined);
    fm[r] = f;
  }

  /** Whether row r holds a value or formula. */
  hasValue(r: number): boolean {
    return this.get(r) !== undefined || (this.formulas !== null && this.formulas.has(r));
  }

  /** First and last rows holding a value (or, unless valuesOnly, a number format); null when none. */
  bounds(valuesOnly: boolean): { first: number; last: number } | null {
    let first = -1;
    let last = -1;
    const n = this.len;
    if (this.num) {
      const a = this.num;
      for (let i = 0; i < n; i++)
        if (a[i] === a[i]) {
          first = i;
          break;
        }
      for (let i = n - 1; i >= 0; i--)
        if (a[i] === a[i]) {
          last = i;
          break;
        }
    } else if (this.gen) {
      const a = this.gen;
      for (let i = 0; i < n; i++)
        if (a[i] !== undefined) {
          first = i;
          break;
        }
      for (let i = n - 1; i >= 0; i--)
        if (a[i] !== undefined) {
          last = i;
          break;
        }
    }
    if (this.formulas) {
      for (const r of this.formulas.keys()) {
        if (first < 0 || r < first) first = r;
        if (r > last) last = r;
      }
    }
    if (!valuesOnly && this.formats) {
      const a = this.formats;
      for (let i = 0; i < a.length; i++)
        if (a[i] !== undefined) {
          if (first < 0 || i < first) first = i;
          break;
        }
      for (let i = a.length - 1; i >= 0; i--)
        if (a[i] !== undefined) {
          if (i > last) last = i;
          break;
        }
    }
    return first < 0 ? null : { first, last };
  }

  isEmpty(): boolean {
    return this.bounds(false) === null;
  }

  /** Removes rows [r, r+n) and moves the rows below up. */
  deleteRows(r: number, n: number): void {
    if (r < this.len) {
      if (this.num) {
        const a = this.num;
        a.copyWithin(r, min(r + n, this.len), this.len);
        a.fill(EMPTY, max(r, this.len - n), this.len);
      } else if (this.gen) this.gen.splice(r, n);
      this.len = max(r, this.len - n);
    }
    if (this.formats && r < this.formats.length) this.formats.splice(r, n);
    if (this.formulas) this.formulas = shiftMap(this.formulas, r, -n);
  }

  /** Inserts n empty rows at r, moving the rows below down (rows pushed past the grid are lost). */
  insertRows(r: number, n: number): void {
    if (r < this.len) {
      const newLen = min(MAX_ROWS, this.len + n);
      if (this.num) {
        this.growNum(newLen);
        const a = this.num as Float64Array;
        a.copyWithin(r + n, r, newLen - n);
        a.fill(EMPTY, r, min(r + n, newLen));
      } else if (this.gen) {
        insertHoles(this.gen, r, n);
      }
      this.len = newLen;
    }
    if (this.formats && r < this.formats.length) {
      insertHoles(this.formats, r, n);
    }
    if (this.formulas) this.formulas = shiftMap(this.formulas, r, n);
  }

  /** Approximate memory held, for diagnostics. */
  bytes(): number {
    return (
      (this.num ? this.num.byteLength : 0) +
      (this.gen ? this.gen.length * 8 : 0) +
      (this.formats ? this.formats.length * 8 : 0)
    );
  }
}

/** Inserts n undefined entries at r (no spread: n can be in the hundreds of thousands), capped at the grid. */
function insertHoles<T>(arr: (T | undefined)[], r: number, n: number): void {
  const old = arr.length;
  const next = min(MAX_ROWS, old + n);
  arr.length = next;
  for (let i = next - 1; i >= r + n; i--) arr[i] = arr[i - n];
  for (let i = r; i < min(r + n, next); i++) arr[i] = undefined;
}

function shiftMap(m: Map<number, string>, from: number, delta: number): Map<number, string> {
  const out = new Map<number, string>();
  for (const [r, f] of m) {
    if (r < from) out.set(r, f);
    else if (delta < 0 && r < from - delta)
      continue; // deleted
    else if (r + delta < MAX_ROWS) out.set(r + delta, f);
  }
  return out;
}
