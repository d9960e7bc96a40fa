/**
 * A deliberately small formula calculator: enough of Excel's language to compute figures that summarise a table and
 * follow its filters, and an error (`SimFormulaUnsupportedError`) for anything else, so a test never reads a value
 * Excel would not show. `Range.values` still reads a formula cell as its text; calculation is asked for explicitly
 * (`calculateRange`, `host.calculate`).
 *
 * Understood:
 * - numbers, "text", TRUE/FALSE; `+ - * / ^`, unary minus, `& = <> < <= > >=` (text compares ignoring case);
 *   arrays combine element by element (same shape, or one side a single value);
 * - references: A1 and A1:B9 (with `$`, optionally `Sheet!` / `'My sheet'!`), structured references
 *   `Table[Column]`, `Table[[#Headers],[Column]]`, `Table[[#Data],[Column]]`;
 * - SUM, LARGE, SMALL, MEDIAN, IFERROR, ROW, OFFSET (also with an array of offsets, giving one reference per
 *   offset), SUMPRODUCT, SUBTOTAL (1-11 and 101-111) and AGGREGATE (1-13 with options 0-7);
 * - rows hidden by filters: a table column's Values filter (what a slicer or `applyValuesFilter` sets) hides the
 *   table rows whose shown text is not among its values. SUBTOTAL and AGGREGATE (options 1, 3, 5, 7) skip those
 *   rows, as Excel does; other filter kinds are refused. Rows hidden by hand are not modelled.
 *
 * Example: with a table T whose Segment column is filtered to "Champions", `=SUBTOTAL(103,T[Segment])` is the number
 * of champions. Cost: proportional to the cells the formula reads (and the formulas they hold, each once).
 */
import { parseA1, splitSheet, type Rect } from "./address";
import { CellError, formatCell, type Stored } from "./cellvalue";
import type { SheetModel, WorkbookModel } from "./model";

/** Thrown when a formula uses something this calculator does not model; the message names it. */
export class SimFormulaUnsupportedError extends Error {
  constructor(
    readonly formula: string,
    readonly detail: string,
  ) {
    super(`The simulation cannot calculate ${formula}: ${detail}`);
    this.name = "SimFormulaUnsupportedError";
  }
}

/** An empty cell. */
type Empty = null;
type Scalar = number | string | boolean | CellError | Empty;
interface Ref {
  kind: "ref";
  sheet: SheetModel;
  rect: Rect;
}
interface Arr {
  kind: "arr";
  rows: number;
  cols: number;
  data: Scalar[];
}
/** Several references (OFFSET with an array of offsets), as SUBTOTAL takes them. */
interface Refs {
  kind: "refs";
  rows: number;
  cols: number;
  refs: Ref[];
}
type Value = Scalar | Ref | Arr | Refs;

type Node =
  | { t: "lit"; v: Scalar }
  | { t: "ref"; ref: Ref }
  | { t: "un"; op: string; a: Node }
  | { t: "bin"; op: string; a: Node; b: Node }
  | { t: "call"; name: string; args: Node[] };

const DIV0 = new CellError("#DIV/0!");
const VALUE = new CellError("#VALUE!");
const NUM = new CellError("#NUM!");

class Unsupported extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// Parsing

const TOKEN =
  /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|("(?:[^"]|"")*")|((?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)|(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?(?![\w([]))|([A-Za-z_][\w.]*\[(?:\[[^\]]*\]|[^\]])*\])|([A-Za-z_][\w.]*)|(<>|<=|>=|[-+*/^&=<>(),]))/y;

type Token = { k: "num" | "str" | "ref" | "sref" | "name" | "op"; s: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(src);
    if (!m) throw new Unsupported(`cannot read "${src.slice(i, i + 12)}"`);
    i = TOKEN.lastIndex;
    const kinds = ["num", "str", "ref", "ref", "sref", "name", "op"] as const;
    const g = m.slice(1).findIndex((x) => x !== undefined);
    out.push({ k: kinds[g], s: m[g + 1] });
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(
    private readonly toks: Token[],
    private readonly wb: WorkbookModel,
    private readonly home: SheetModel,
  ) {}

  parse(): Node {
    const n = this.compare();
    if (this.i < this.toks.length) throw new Unsupported(`unexpected "${this.toks[this.i].s}"`);
    return n;
  }
  private peek(): Token | undefined {
    return this.toks[this.i];
  }
  private isOp(...ops: string[]): string | null {
    const t = this.peek();
    return t && t.k === "op" && ops.includes(t.s) ? t.s : null;
  }
  private expect(op: string): void {
    if (!this.isOp(op)) throw new Unsupported(`expected "${op}"`);
    this.i++;
  }
  private binary(next: () => Node, ops: string[]): Node {
    let a = next();
    for (let op = this.isOp(...ops); op; op = this.isOp(...ops)) {
      this.i++;
      a = { t: "bin", op, a, b: next() };
    }
    return a;
  }
  private compare(): Node {
    return this.binary(() => this.concat(), ["=", "<>", "<", "<=", ">", ">="]);
  }
  private concat(): Node {
    return this.binary(() => this.additive(), ["&"]);
  }
  private additive(): Node {
    return this.binary(() => this.term(), ["+", "-"]);
  }
  private term(): Node {
    return this.binary(() => this.power(), ["*", "/"]);
  }
  private power(): Node {
    return this.binary(() => this.unary(), ["^"]);
  }
  private unary(): Node {
    const op = this.isOp("-", "+");
    if (op) {
      this.i++;
      return { t: "un", op, a: this.unary() };
    }
    return this.primary();
  }
  private primary(): Node {
    const t = this.peek();
    if (!t) throw new Unsupported("the formula ends too early");
    this.i++;
    if (t.k === "num") return { t: "lit", v: Number(t.s) };
    if (t.k === "str") return { t: "lit", v: t.s.slice(1, -1).replace(/""/g, '"') };
    if (t.k === "ref") return { t: "ref", ref: this.a1(t.s) };
    if (t.k === "sref") return { t: "ref", ref: structured(this.wb, t.s) };
    if (t.k === "op" && t.s === "(") {
      const n = this.compare();
      this.expect(")");
      return n;
    }
    if (t.k === "name") {
      const name = t.s.toUpperCase();
      if (!this.isOp("(")) {
        if (name === "TRUE" || name === "FALSE") return { t: "lit", v: name === "TRUE" };
        throw new Unsupported(`the name ${t.s} (defined names are not calculated)`);
      }
      this.i++;
      const args: Node[] = [];
      if (!this.isOp(")")) {
        do args.push(this.compare());
        while (this.isOp(",") && ++this.i);
      }
      this.expect(")");
      return { t: "call", name, args };
    }
    throw new Unsupported(`unexpected "${t.s}"`);
  }
  private a1(text: string): Ref {
    const { sheet, ref } = splitSheet(text);
    const s = sheet === null ? this.home : this.wb.getSheet(sheet);
    const rect = parseA1(ref.replace(/\$/g, ""));
    if (!s || !rect) throw new Unsupported(`the reference ${text}`);
    return { kind: "ref", sheet: s, rect };
  }
}

/** `T[Col]`, `T[[#Headers],[Col]]`, `T[[#Data],[Col]]`, `T[[Col]]` as a reference. */
function structured(wb: WorkbookModel, text: string): Ref {
  const open = text.indexOf("[");
  const name = text.slice(0, open).toLowerCase();
  const t = wb.tables.find((x) => x.name.toLowerCase() === name);
  if (!t) throw new Unsupported(`there is no table "${text.slice(0, open)}"`);
  const inner = text.slice(open + 1, -1);
  const parts = inner.startsWith("[") ? inner.split(/\]\s*,\s*\[/).map((p) => p.replace(/^\[|\]$/g, "")) : [inner];
  let area = "#Data";
  let column: string | null = null;
  for (const p of parts) {
    if (p.startsWith("#")) area = p;
    else column = p.replace(/'(.)/g, "$1");
  }
  if (column === null || !/^#(Data|Headers)$/i.test(area)) throw new Unsupported(`the structured reference ${text}`);
  const j = t.columns.findIndex((c) => c.name.toLowerCase() === column!.toLowerCase());
  if (j < 0) throw new Unsupported(`table ${t.name} has no column "${column}"`);
  const c = t.rect.c0 + j;
  const headers = /^#Headers$/i.test(area);
  const rect = headers
    ? { r0: t.rect.r0, r1: t.rect.r0, c0: c, c1: c }
    : { r0: t.rect.r0 + 1, r1: t.rect.r1, c0: c, c1: c };
  return { kind: "ref", sheet: t.sheet, rect };
}

// ---------------------------------------------------------------------------------------------------------------
// Filters

/** Rows of `sheet` hidden by its tables' filters. */
function hiddenRows(wb: WorkbookModel, sheet: SheetModel): Set<number> {
  const hidden = new Set<number>();
  for (const t of wb.tables) {
    if (t.sheet !== sheet) continue;
    t.columns.forEach((col, j) => {
      if (col.filter === null) return;
      if (col.filter.filterOn !== "Values" || !Array.isArray(col.filter.values))
        throw new Unsupported(
          `the ${String(col.filter.filterOn)} filter on ${t.name}[${col.name}] (only Values filters hide rows)`,
        );
      const keep = new Set((col.filter.values as unknown[]).map((v) => String(v)));
      const store = sheet.cols[t.rect.c0 + j];
      for (let r = t.rect.r0 + 1; r <= t.rect.r1; r++) {
        const v = store?.get(r);
        const text = v === undefined ? "" : formatCell(v, store?.getFormat(r), wb.date1904);
        if (!keep.has(text) && !(text === "" && keep.has("(blank)"))) hidden.add(r);
      }
    });
  }
  return hidden;
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation

class Calc {
  private readonly hidden = new Map<SheetModel, Set<number>>();
  private readonly done = new Map<string, Scalar>();
  private readonly busy = new Set<string>();

  constructor(private readonly wb: WorkbookModel) {}

  isHidden(sheet: SheetModel, r: number): boolean {
    let h = this.hidden.get(sheet);
    if (!h) this.hidden.set(sheet, (h = hiddenRows(this.wb, sheet)));
    return h.has(r);
  }

  /** A cell's value, its formula calculated. */
  cell(sheet: SheetModel, r: number, c: number): Scalar {
    const store = sheet.cols[c];
    const f = store?.getFormula(r);
    if (f === undefined) return store?.get(r) ?? null;
    const key = `${sheet.id}|${r}|${c}`;
    const got = this.done.get(key);
    if (got !== undefined) return got;
    if (this.busy.has(key)) throw new Unsupported("a circular reference");
    this.busy.add(key);
    let v: Scalar;
    try {
      v = this.formula(f, sheet);
    } finally {
      this.busy.delete(key);
    }
    this.done.set(key, v);
    return v;
  }

  hasSubtotal(sheet: SheetModel, r: number, c: number): boolean {
    const f = sheet.cols[c]?.getFormula(r);
    return f !== undefined && /\b(SUBTOTAL|AGGREGATE)\s*\(/i.test(f);
  }

  formula(f: string, sheet: SheetModel): Scalar {
    const node = new Parser(tokenize(f.replace(/^=/, "")), this.wb, sheet).parse();
    const v = this.eval(node);
    const a = toArr(this, v);
    if (a.rows !== 1 || a.cols !== 1) throw new Unsupported("a result with several cells (spilling is not modelled)");
    return a.data[0];
  }

  eval(n: Node): Value {
    switch (n.t) {
      case "lit":
        return n.v;
      case "ref":
        return n.ref;
      case "un": {
        const a = this.eval(n.a);
        return map1(this, a, (x) => (n.op === "-" ? numOp(x, 0, (p) => -p) : numOp(x, 0, (p) => p)));
      }
      case "bin":
        return map2(this, this.eval(n.a), this.eval(n.b), (x, y) => binary(n.op, x, y));
      case "call":
        return callFunction(this, n.name, n.args);
    }
  }
}

/** A value as an array of scalars (references read, formulas calculated). */
function toArr(calc: Calc, v: Value): Arr {
  if (v === null || typeof v !== "object" || v instanceof CellError)
    return { kind: "arr", rows: 1, cols: 1, data: [v] };
  if (v.kind === "arr") return v;
  if (v.kind === "refs") {
    const data = v.refs.map((r) => {
      const one = toArr(calc, r);
      if (one.data.length !== 1) throw new Unsupported("an array of multi-cell references outside SUBTOTAL");
      return one.data[0];
    });
    return { kind: "arr", rows: v.rows, cols: v.cols, data };
  }
  const { rect, sheet } = v;
  const rows = rect.r1 - rect.r0 + 1;
  const cols = rect.c1 - rect.c0 + 1;
  const data: Scalar[] = [];
  for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) data.push(calc.cell(sheet, r, c));
  return { kind: "arr", rows, cols, data };
}

function map1(calc: Calc, a: Value, f: (x: Scalar) => Scalar): Value {
  const x = toArr(calc, a);
  if (x.data.length === 1) return f(x.data[0]);
  return { ...x, data: x.data.map(f) };
}

function map2(calc: Calc, a: Value, b: Value, f: (x: Scalar, y: Scalar) => Scalar): Value {
  const x = toArr(calc, a);
  const y = toArr(calc, b);
  if (x.data.length === 1 && y.data.length === 1) return f(x.data[0], y.data[0]);
  if (x.data.length === 1) return { ...y, data: y.data.map((v) => f(x.data[0], v)) };
  if (y.data.length === 1) return { ...x, data: x.data.map((v) => f(v, y.data[0])) };
  if (x.rows !== y.rows || x.cols !== y.cols)
    throw new Unsupported(`arrays of different shapes (${x.rows}×${x.cols} and ${y.rows}×${y.cols})`);
  return { ...x, data: x.data.map((v, i) => f(v, y.data[i])) };
}

/** A scalar as a number for arithmetic: empty is 0, TRUE 1, numeric text its number; else #VALUE!. */
function toNum(x: Scalar): number | CellError {
  if (x === null) return 0;
  if (typeof x === "number") return x;
  if (typeof x === "boolean") return x ? 1 : 0;
  if (x instanceof CellError) return x;
  const n = x.trim() === "" ? NaN : Number(x);
  return Number.isFinite(n) ? n : VALUE;
}

function numOp(x: Scalar, y: Scalar, f: (a: number, b: number) => number | CellError): Scalar {
  const a = toNum(x);
  if (a instanceof CellError) return a;
  const b = toNum(y);
  if (b instanceof CellError) return b;
  const v = f(a, b);
  return typeof v === "number" && !Number.isFinite(v) ? NUM : v;
}

function compare(x: Scalar, y: Scalar): number | CellError {
  if (x instanceof CellError) return x;
  if (y instanceof CellError) return y;
  // Empty compares as 0 with numbers, "" with text, FALSE with booleans.
  const a = x === null ? (typeof y === "string" ? "" : typeof y === "boolean" ? false : 0) : x;
  const b = y === null ? (typeof a === "string" ? "" : typeof a === "boolean" ? false : 0) : y;
  const rank = (v: number | string | boolean) => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === "string") return a.toLowerCase().localeCompare((b as string).toLowerCase());
  return Number(a) - Number(b);
}

function binary(op: string, x: Scalar, y: Scalar): Scalar {
  switch (op) {
    case "+":
      return numOp(x, y, (a, b) => a + b);
    case "-":
      return numOp(x, y, (a, b) => a - b);
    case "*":
      return numOp(x, y, (a, b) => a * b);
    case "/":
      return numOp(x, y, (a, b) => (b === 0 ? DIV0 : a / b));
    case "^":
      return numOp(x, y, (a, b) => a ** b);
    case "&":
      if (x instanceof CellError) return x;
      if (y instanceof CellError) return y;
      return `${x === null ? "" : typeof x === "boolean" ? String(x).toUpperCase() : x}${y === null ? "" : typeof y === "boolean" ? String(y).toUpperCase() : y}`;
  }
  const c = compare(x, y);
  if (c instanceof CellError) return c;
  const results: Record<string, boolean> = {
    "=": c === 0,
    "<>": c !== 0,
    "<": c < 0,
    "<=": c <= 0,
    ">": c > 0,
    ">=": c >= 0,
  };
  return results[op];
}

// ---------------------------------------------------------------------------------------------------------------
// Functions

/** Numbers of a list of values for SUM and the like: in ranges only numbers count; given directly, text numbers too. */
function numbersOf(
  calc: Calc,
  vals: Value[],
  skip: (ref: Ref, r: number, c: number) => boolean = () => false,
): number[] | CellError {
  const out: number[] = [];
  for (const v of vals) {
    if (v !== null && typeof v === "object" && !(v instanceof CellError) && v.kind === "ref") {
      const { sheet, rect } = v;
      for (let r = rect.r0; r <= rect.r1; r++)
        for (let c = rect.c0; c <= rect.c1; c++) {
          if (skip(v, r, c)) continue;
          const x = calc.cell(sheet, r, c);
          if (x instanceof CellError) return x;
          if (typeof x === "number") out.push(x);
        }
      continue;
    }
    if (v !== null && typeof v === "object" && !(v instanceof CellError) && v.kind !== "arr")
      throw new Unsupported("a list of references here");
    const a = toArr(calc, v);
    const direct = a.data.length === 1 && (v === null || typeof v !== "object" || v instanceof CellError);
    for (const x of a.data) {
      if (x instanceof CellError) return x;
      if (typeof x === "number") out.push(x);
      else if (direct) {
        const n = toNum(x);
        if (n instanceof CellError) return n;
        out.push(n);
      }
    }
  }
  return out;
}

function median(xs: number[]): number | CellError {
  if (xs.length === 0) return NUM;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function kth(xs: number[], k: number, largest: boolean): number | CellError {
  const s = [...xs].sort((a, b) => (largest ? b - a : a - b));
  const i = Math.ceil(k) - 1;
  return i >= 0 && i < s.length ? s[i] : NUM;
}

/** SUBTOTAL's and AGGREGATE's functions 1-13 over numbers (`count` counts cells, for COUNTA). */
function aggregate(fn: number, xs: number[], nonEmpty: number, k?: number): number | CellError {
  const sum = xs.reduce((a, b) => a + b, 0);
  const mean = sum / xs.length;
  const ss = xs.reduce((a, b) => a + (b - mean) ** 2, 0);
  switch (fn) {
    case 1:
      return xs.length ? mean : DIV0;
    case 2:
      return xs.length;
    case 3:
      return nonEmpty;
    case 4:
      return xs.length ? Math.max(...xs) : 0;
    case 5:
      return xs.length ? Math.min(...xs) : 0;
    case 6:
      return xs.reduce((a, b) => a * b, xs.length ? 1 : 0);
    case 7:
      return xs.length > 1 ? Math.sqrt(ss / (xs.length - 1)) : DIV0;
    case 8:
      return xs.length ? Math.sqrt(ss / xs.length) : DIV0;
    case 9:
      return sum;
    case 10:
      return xs.length > 1 ? ss / (xs.length - 1) : DIV0;
    case 11:
      return xs.length ? ss / xs.length : DIV0;
    case 12:
      return median(xs);
    case 13: {
      if (!xs.length) return new CellError("#N/A");
      const counts = new Map<number, number>();
      for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
      let best = xs[0];
      for (const x of xs) if ((counts.get(x) ?? 0) > (counts.get(best) ?? 0)) best = x;
      return (counts.get(best) ?? 0) > 1 ? best : new CellError("#N/A");
    }
    case 14:
    case 15:
      return kth(xs, k ?? NaN, fn === 14);
  }
  return VALUE;
}

interface Skips {
  hidden: boolean;
  errors: boolean;
  nested: boolean;
}

/** The cells of `ref` that count: numbers (and how many are not empty), skipping what `skips` says. */
function cellsOf(calc: Calc, ref: Ref, skips: Skips): { xs: number[]; nonEmpty: number } | CellError {
  const xs: number[] = [];
  let nonEmpty = 0;
  const { sheet, rect } = ref;
  for (let r = rect.r0; r <= rect.r1; r++) {
    if (skips.hidden && calc.isHidden(sheet, r)) continue;
    for (let c = rect.c0; c <= rect.c1; c++) {
      if (skips.nested && calc.hasSubtotal(sheet, r, c)) continue;
      const x = calc.cell(sheet, r, c);
      if (x instanceof CellError) {
        if (skips.errors) continue;
        return x;
      }
      if (x !== null && x !== "") nonEmpty++;
      if (typeof x === "number") xs.push(x);
    }
  }
  return { xs, nonEmpty };
}

function subtotal(calc: Calc, args: Node[]): Value {
  const code = toNum(toArr(calc, calc.eval(args[0])).data[0]);
  if (code instanceof CellError) return code;
  if (!((code >= 1 && code <= 11) || (code >= 101 && code <= 111)) || !Number.isInteger(code)) return VALUE;
  const fn = code % 100;
  const skips = { hidden: true, errors: false, nested: true };
  const one = (refs: Ref[]): Scalar => {
    const xs: number[] = [];
    let nonEmpty = 0;
    for (const ref of refs) {
      const got = cellsOf(calc, ref, skips);
      if (got instanceof CellError) return got;
      xs.push(...got.xs);
      nonEmpty += got.nonEmpty;
    }
    return aggregate(fn, xs, nonEmpty);
  };
  const refs = args.slice(1).map((a) => calc.eval(a));
  if (
    refs.length === 1 &&
    refs[0] !== null &&
    typeof refs[0] === "object" &&
    "kind" in refs[0] &&
    refs[0].kind === "refs"
  ) {
    const list = refs[0];
    return { kind: "arr", rows: list.rows, cols: list.cols, data: list.refs.map((r) => one([r])) };
  }
  const plain = refs.map((r) => {
    if (r === null || typeof r !== "object" || r instanceof CellError || r.kind !== "ref")
      throw new Unsupported("SUBTOTAL of something other than references");
    return r;
  });
  return one(plain);
}

function aggregateFn(calc: Calc, args: Node[]): Value {
  const [fn, opt] = args.slice(0, 2).map((a) => toNum(toArr(calc, calc.eval(a)).data[0]));
  if (fn instanceof CellError) return fn;
  if (opt instanceof CellError) return opt;
  if (!Number.isInteger(fn) || fn < 1 || fn > 15 || !Number.isInteger(opt) || opt < 0 || opt > 7) return VALUE;
  if (fn >= 14) throw new Unsupported(`AGGREGATE function ${fn} (only 1-13 are calculated)`);
  const skips = { hidden: opt % 2 === 1, errors: opt === 2 || opt === 3 || opt >= 6, nested: opt <= 3 };
  const xs: number[] = [];
  let nonEmpty = 0;
  for (const a of args.slice(2)) {
    const v = calc.eval(a);
    if (v === null || typeof v !== "object" || v instanceof CellError || v.kind !== "ref")
      throw new Unsupported("AGGREGATE of something other than references");
    const got = cellsOf(calc, v, skips);
    if (got instanceof CellError) return got;
    xs.push(...got.xs);
    nonEmpty += got.nonEmpty;
  }
  return aggregate(fn, xs, nonEmpty);
}

function asRef(v: Value, fn: string): Ref {
  if (v === null || typeof v !== "object" || v instanceof CellError || v.kind !== "ref")
    throw new Unsupported(`${fn} of something other than a reference`);
  return v;
}

function offset(calc: Calc, args: Node[]): Value {
  const base = asRef(calc.eval(args[0]), "OFFSET");
  const rows = toArr(calc, calc.eval(args[1]));
  const cols = toArr(calc, args[2] ? calc.eval(args[2]) : 0);
  const h = args[3] ? toNum(toArr(calc, calc.eval(args[3])).data[0]) : base.rect.r1 - base.rect.r0 + 1;
  const w = args[4] ? toNum(toArr(calc, calc.eval(args[4])).data[0]) : base.rect.c1 - base.rect.c0 + 1;
  if (cols.data.length !== 1) throw new Unsupported("OFFSET with an array of column offsets");
  if (h instanceof CellError || w instanceof CellError) return VALUE;
  const dc = toNum(cols.data[0]);
  if (dc instanceof CellError) return dc;
  const make = (x: Scalar): Ref | CellError => {
    const dr = toNum(x);
    if (dr instanceof CellError) return dr;
    const r0 = base.rect.r0 + Math.trunc(dr);
    const c0 = base.rect.c0 + Math.trunc(dc);
    if (r0 < 0 || c0 < 0 || h < 1 || w < 1) return new CellError("#REF!");
    return { kind: "ref", sheet: base.sheet, rect: { r0, c0, r1: r0 + Math.trunc(h) - 1, c1: c0 + Math.trunc(w) - 1 } };
  };
  if (rows.data.length === 1) return make(rows.data[0]);
  const refs = rows.data.map(make);
  const bad = refs.find((r) => r instanceof CellError);
  if (bad) throw new Unsupported("OFFSET with an array of offsets that leaves the sheet");
  return { kind: "refs", rows: rows.rows, cols: rows.cols, refs: refs as Ref[] };
}

function sumproduct(calc: Calc, args: Node[]): Scalar {
  const arrays = args.map((a) => toArr(calc, calc.eval(a)));
  const first = arrays[0];
  if (!first) return VALUE;
  if (arrays.some((a) => a.rows !== first.rows || a.cols !== first.cols)) return VALUE;
  let sum = 0;
  for (let i = 0; i < first.data.length; i++) {
    let p = 1;
    for (const a of arrays) {
      const x = a.data[i];
      if (x instanceof CellError) return x;
      p *= typeof x === "number" ? x : 0;
    }
    sum += p;
  }
  return sum;
}

function callFunction(calc: Calc, name: string, args: Node[]): Value {
  const nums = () =>
    numbersOf(
      calc,
      args.map((a) => calc.eval(a)),
    );
  switch (name) {
    case "SUBTOTAL":
      return subtotal(calc, args);
    case "AGGREGATE":
      return aggregateFn(calc, args);
    case "SUMPRODUCT":
      return sumproduct(calc, args);
    case "OFFSET":
      return offset(calc, args);
    case "IFERROR": {
      const v = calc.eval(args[0]);
      return map1(calc, v, (x) => (x instanceof CellError ? toArr(calc, calc.eval(args[1])).data[0] : x));
    }
    case "ROW": {
      const ref = args.length ? asRef(calc.eval(args[0]), "ROW") : null;
      if (!ref) throw new Unsupported("ROW() without a reference");
      const rows = ref.rect.r1 - ref.rect.r0 + 1;
      if (rows === 1) return ref.rect.r0 + 1;
      return { kind: "arr", rows, cols: 1, data: Array.from({ length: rows }, (_, i) => ref.rect.r0 + 1 + i) };
    }
    case "SUM":
    case "MEDIAN": {
      const xs = nums();
      if (xs instanceof CellError) return xs;
      return name === "SUM" ? xs.reduce((a, b) => a + b, 0) : median(xs);
    }
    case "LARGE":
    case "SMALL": {
      const xs = numbersOf(calc, [calc.eval(args[0])]);
      const k = toNum(toArr(calc, calc.eval(args[1])).data[0]);
      if (xs instanceof CellError) return xs;
      if (k instanceof CellError) return k;
      return kth(xs, k, name === "LARGE");
    }
  }
  throw new Unsupported(`the function ${name}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Entry points

/**
 * The values of `address` on `sheetName` (e.g. "A1:E5") as Excel would calculate them: plain cells as stored,
 * formula cells calculated (`SimFormulaUnsupportedError` for a formula outside what this file models).
 */
export function calculateRange(wb: WorkbookModel, sheetName: string, address: string): Stored[][] {
  const sheet = wb.requireSheet(sheetName);
  const rect = parseA1(address.replace(/\$/g, ""));
  if (!rect) throw new Error(`calculateRange: '${address}' is not an A1 address`);
  const calc = new Calc(wb);
  const out: Stored[][] = [];
  for (let r = rect.r0; r <= rect.r1; r++) {
    const row: Stored[] = [];
    for (let c = rect.c0; c <= rect.c1; c++) {
      const f = sheet.cols[c]?.getFormula(r);
      try {
        const v = calc.cell(sheet, r, c);
        row.push(v === null ? "" : v);
      } catch (e) {
        if (e instanceof Unsupported) throw new SimFormulaUnsupportedError(f ?? "", e.message);
        throw e;
      }
    }
    out.push(row);
  }
  return out;
}

/** Whether row `r` (zero-based) of the sheet is hidden by a table filter (see the file comment). */
export function rowHiddenByFilter(wb: WorkbookModel, sheetName: string, r: number): boolean {
  try {
    return new Calc(wb).isHidden(wb.requireSheet(sheetName), r);
  } catch (e) {
    if (e instanceof Unsupported) throw new SimFormulaUnsupportedError("(row visibility)", e.message);
    throw e;
  }
}

/**
 * The rows (zero-based) of a sheet that its tables' filters hide, for a chart, which plots visible cells only (Excel's
 * default), and for a viewer, which does not draw them. Cost: one read of each filtered table column. Throws `SimFormulaUnsupportedError` for a filter kind the
 * simulation cannot evaluate (see the file comment), as `rowHiddenByFilter` does.
 */
export function rowsHiddenByFilters(sheet: SheetModel): ReadonlySet<number> {
  try {
    return hiddenRows(sheet.workbook, sheet);
  } catch (e) {
    if (e instanceof Unsupported) throw new SimFormulaUnsupportedError("(row visibility)", e.message);
    throw e;
  }
}

/**
 * What a viewer shows for `rect`: `values` and `text` as `SheetModel.readBlock` reads them, except that formula
 * cells this file can calculate show their result (formatted with the cell's number format); the others keep their
 * formula text, as `Range.values` reads it. Cost: readBlock, plus the calculation of the formula cells in `rect`.
 */
export function calculatedBlock(sheet: SheetModel, rect: Rect): { values: unknown[][]; text: string[][] } {
  const values = sheet.readBlock(rect, "values");
  const text = sheet.readBlock(rect, "text") as string[][];
  let calc: Calc | null = null;
  for (let c = rect.c0; c <= rect.c1; c++) {
    const store = sheet.cols[c];
    if (!store?.formulas || store.formulas.size === 0) continue;
    for (let r = rect.r0; r <= rect.r1; r++) {
      if (store.getFormula(r) === undefined) continue;
      calc ??= new Calc(sheet.workbook);
      try {
        const v = calc.cell(sheet, r, c);
        values[r - rect.r0][c - rect.c0] = v === null ? "" : v instanceof CellError ? v.text : v;
        text[r - rect.r0][c - rect.c0] = v === null ? "" : formatCell(v, store.getFormat(r), sheet.workbook.date1904);
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
      }
    }
  }
  return { values, text };
}
