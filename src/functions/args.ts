/**
 * Argument readers for the RFM custom functions: turn what Excel passes into checked values or an `RfmError` whose
 * message names the argument, the cell and what was expected.
 *
 * What Excel passes (see the functions' metadata): every parameter that can take a range is declared as a matrix, so
 * a range arrives as `unknown[][]` (rows of cells) and a single value typed into the formula arrives as a 1×1 matrix.
 * An omitted optional parameter arrives as `null` (older hosts: `undefined`). Empty cells arrive as `""` (or `null`).
 * Dates arrive as serial numbers; they are passed through as cells for the engine's date handling.
 *
 * Cost: every reader is one pass over its argument; `column` allocates one flat array per column (541,909 cells for a
 * full Online Retail column), never a row-major copy of the table.
 *
 * Example: `column([[12346], [""], [12347]], "customers")` → `[12346, "", 12347]`;
 * `column([[1, 2], [3, 4]], "customers")` throws "customers must be a single column or a single row of cells; got a
 * range of 2 rows × 2 columns."
 */
import { RfmError, type Cell } from "../rfm";

/** A 2-D array as Excel passes a range (rows of cells). */
export type Matrix = unknown[][];

/** A problem with one cell of a per-cell result: the adapter turns it into a `CustomFunctions.Error` inside the
 *  returned matrix, so that one bad score does not blank the whole spilled range. `kind` picks the Excel error:
 *  `value` → #VALUE!, `notAvailable` → #N/A (a lookup that found nothing). */
export class FailedCell {
  constructor(
    readonly message: string,
    readonly kind: "value" | "notAvailable" = "value",
  ) {}
}

/** One cell of a per-cell result. */
export type ResultCell = string | number | boolean | FailedCell;

/** Throws the error every door understands; `badOption` is the engine's code for a bad setting or argument. */
export function argumentError(message: string): never {
  throw new RfmError("badOption", message);
}

/** True for what Excel passes for an omitted optional argument or an empty cell. */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** True when an optional argument was omitted or given as one empty cell. */
export function isOmitted(arg: unknown): boolean {
  if (isBlank(arg)) return true;
  if (Array.isArray(arg) && arg.length === 1 && Array.isArray(arg[0]) && arg[0].length === 1) return isBlank(arg[0][0]);
  return false;
}

/** The argument as a rectangular matrix: a scalar becomes 1×1, a 1-D array one row. Rejects ragged or empty arrays. */
export function toMatrix(arg: unknown, name: string): Matrix {
  if (!Array.isArray(arg)) return [[arg]];
  if (arg.length === 0) argumentError(`${name} is an empty range; expected at least one cell.`);
  if (!Array.isArray(arg[0])) return [arg as unknown[]];
  const width = (arg[0] as unknown[]).length;
  for (let i = 0; i < arg.length; i++) {
    const row = arg[i] as unknown;
    if (!Array.isArray(row) || row.length !== width) {
      argumentError(`${name} is not a rectangular range (row ${i + 1} has a different number of cells than row 1).`);
    }
  }
  if (width === 0) argumentError(`${name} is an empty range; expected at least one cell.`);
  return arg as Matrix;
}

export interface Shape {
  rows: number;
  cols: number;
}

export function shapeOf(m: Matrix): Shape {
  return { rows: m.length, cols: m[0].length };
}

export function describeShape(s: Shape): string {
  return `${s.rows} ${s.rows === 1 ? "row" : "rows"} × ${s.cols} ${s.cols === 1 ? "column" : "columns"}`;
}

/**
 * The common shape of per-cell arguments: each one is either a single cell (used for every result cell) or a range
 * of the same shape as the others. Example: r = A2:A100, f = B2:B100, m = 3 → 99 × 1.
 */
export function commonShape(args: { name: string; m: Matrix }[]): Shape {
  let shape: Shape = { rows: 1, cols: 1 };
  let from = "";
  for (const { name, m } of args) {
    const s = shapeOf(m);
    if (s.rows === 1 && s.cols === 1) continue;
    if (from === "") {
      shape = s;
      from = name;
    } else if (s.rows !== shape.rows || s.cols !== shape.cols) {
      argumentError(
        `${name} (${describeShape(s)}) and ${from} (${describeShape(shape)}) must have the same size, or one of them must be a single cell.`,
      );
    }
  }
  return shape;
}

/** The cell of `m` for result position (i, j), repeating a single cell over the whole result. */
export function cellAt(m: Matrix, i: number, j: number): unknown {
  return m.length === 1 && m[0].length === 1 ? m[0][0] : m[i][j];
}

/** "row 3" for a column range, "column 3" for a row range, "row 3, column 2" otherwise (1-based, within the range). */
export function cellPosition(shape: Shape, i: number, j: number): string {
  if (shape.rows === 1 && shape.cols === 1) return "";
  if (shape.cols === 1) return `row ${i + 1}`;
  if (shape.rows === 1) return `column ${j + 1}`;
  return `row ${i + 1}, column ${j + 1}`;
}

/** "r" or "r (row 3)" for messages. */
export function cellName(name: string, shape: Shape, i: number, j: number): string {
  const pos = cellPosition(shape, i, j);
  return pos ? `${name} (${pos} of the range)` : name;
}

/** Renders a cell value for a message: text in quotes, numbers as they are. */
export function show(value: unknown): string {
  if (typeof value === "string") return `"${value.length > 40 ? value.slice(0, 40) + "…" : value}"`;
  if (value === null || value === undefined) return "an empty cell";
  if (typeof value === "object") return "an error value";
  return String(value);
}

/**
 * A transaction column: a range one cell wide (N×1) or one cell high (1×N), flattened to N cells in order.
 * Cells that are not plain values (an Excel error passed through) are rejected with their position, because the
 * engine could only misread them.
 */
export function column(arg: unknown, name: string): Cell[] {
  const m = toMatrix(arg, name);
  const s = shapeOf(m);
  if (s.cols !== 1 && s.rows !== 1) {
    return argumentError(
      `${name} must be a single column or a single row of cells; got a range of ${describeShape(s)}.`,
    );
  }
  const byRow = s.cols === 1;
  const n = byRow ? s.rows : s.cols;
  const out = new Array<Cell>(n);
  const first = m[0];
  // One pass: copy and reject non-values (this runs over 541,909 cells per column for a full data set).
  for (let i = 0; i < n; i++) {
    const v = byRow ? m[i][0] : first[i];
    if (v !== null && typeof v === "object") {
      argumentError(
        `${name} holds an error value at ${byRow ? "row" : "column"} ${i + 1} of the range; fix or remove it.`,
      );
    }
    out[i] = v as Cell;
  }
  return out;
}

/** Checks that transaction columns line up (same number of cells). */
export function sameLength(cols: { name: string; cells: Cell[] }[]): number {
  const n = cols[0].cells.length;
  for (const c of cols) {
    if (c.cells.length !== n) {
      argumentError(
        `${c.name} has ${c.cells.length} cells but ${cols[0].name} has ${n}; the transaction columns must cover the same rows.`,
      );
    }
  }
  return n;
}

/** A single value from a scalar argument (or a 1×1 range); rejects larger ranges. */
export function scalar(arg: unknown, name: string): unknown {
  if (!Array.isArray(arg)) return arg;
  const m = toMatrix(arg, name);
  const s = shapeOf(m);
  if (s.rows !== 1 || s.cols !== 1)
    argumentError(`${name} must be a single value; got a range of ${describeShape(s)}.`);
  return m[0][0];
}

/** A number typed in the formula or in a cell; numeric text ("5", " 5 ") counts. Returns undefined otherwise. */
export function asNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** An optional TRUE/FALSE argument (also 1/0 and the text TRUE/FALSE). */
export function optionalBoolean(arg: unknown, name: string, fallback: boolean): boolean {
  if (isOmitted(arg)) return fallback;
  const v = scalar(arg, name);
  if (typeof v === "boolean") return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === "string") {
    const t = v.trim().toUpperCase();
    if (t === "TRUE") return true;
    if (t === "FALSE") return false;
  }
  return argumentError(`${name} must be TRUE or FALSE; got ${show(v)}.`);
}

/** An optional whole number within [min, max]. */
export function optionalInteger(arg: unknown, name: string, fallback: number, min: number, max: number): number {
  if (isOmitted(arg)) return fallback;
  const v = scalar(arg, name);
  const n = asNumber(v);
  if (n === undefined || !Number.isInteger(n) || n < min || n > max) {
    argumentError(`${name} must be a whole number from ${min} to ${max}; got ${show(v)}.`);
  }
  return n as number;
}

/**
 * Reads one score cell: a whole number 1..bins (numeric text allowed). Returns null for an empty cell (the result
 * cell stays empty) and a FailedCell naming the cell otherwise.
 */
export function readScore(value: unknown, bins: number, where: string): number | null | FailedCell {
  if (isBlank(value)) return null;
  const n = asNumber(value);
  if (n === undefined || !Number.isInteger(n) || n < 1 || n > bins) {
    return new FailedCell(`${where} must be a whole score from 1 to ${bins}; got ${show(value)}.`);
  }
  return n;
}

/** Builds a result matrix of the given shape, one call per cell. */
export function mapShape(shape: Shape, fn: (i: number, j: number) => ResultCell): ResultCell[][] {
  const out: ResultCell[][] = new Array(shape.rows);
  for (let i = 0; i < shape.rows; i++) {
    const row: ResultCell[] = new Array(shape.cols);
    for (let j = 0; j < shape.cols; j++) row[j] = fn(i, j);
    out[i] = row;
  }
  return out;
}
