/**
 * Naming score cells for messages: turns a set of (R, F, M) cells into a short list of boxes such as
 * "R1 F2 (any M)" or "R1-2 F1-2 M1-2", so that a checker message names every cell without listing 125 of them.
 *
 * Cells live in a flat array indexed ((r - 1) * bins + (f - 1)) * bins + (m - 1), the same layout as the compiled
 * lookup table. Compression is greedy: from the first unused cell (R, then F, then M ascending) grow the box along
 * M, then F, then R while every cell inside is in the set. The boxes are disjoint and cover the set exactly.
 * Cost: O(bins^3 * bins) at most, i.e. trivial for bins <= 10.
 */
import type { ScoreCell, SegmentRule } from "../types";

export interface CellBox {
  r: [number, number];
  f: [number, number];
  m: [number, number];
}

export function cellIndex(bins: number, r: number, f: number, m: number): number {
  return ((r - 1) * bins + (f - 1)) * bins + (m - 1);
}

export function cellAt(bins: number, index: number): ScoreCell {
  const m = (index % bins) + 1;
  const f = (Math.floor(index / bins) % bins) + 1;
  const r = Math.floor(index / (bins * bins)) + 1;
  return { r, f, m };
}

/** Splits the cells whose flag is set into disjoint boxes (see the top of the file). */
export function compressCells(inSet: ArrayLike<boolean | number>, bins: number): CellBox[] {
  const used = new Uint8Array(bins * bins * bins);
  const take = (r: number, f: number, m: number): boolean => {
    const i = cellIndex(bins, r, f, m);
    return Boolean(inSet[i]) && used[i] === 0;
  };
  const boxes: CellBox[] = [];
  for (let r = 1; r <= bins; r++) {
    for (let f = 1; f <= bins; f++) {
      for (let m = 1; m <= bins; m++) {
        if (!take(r, f, m)) continue;
        let m2 = m;
        while (m2 < bins && take(r, f, m2 + 1)) m2++;
        let f2 = f;
        const rowFree = (rr: number, ff: number): boolean => {
          for (let mm = m; mm <= m2; mm++) if (!take(rr, ff, mm)) return false;
          return true;
        };
        while (f2 < bins && rowFree(r, f2 + 1)) f2++;
        let r2 = r;
        const planeFree = (rr: number): boolean => {
          for (let ff = f; ff <= f2; ff++) if (!rowFree(rr, ff)) return false;
          return true;
        };
        while (r2 < bins && planeFree(r2 + 1)) r2++;
        for (let rr = r; rr <= r2; rr++)
          for (let ff = f; ff <= f2; ff++) for (let mm = m; mm <= m2; mm++) used[cellIndex(bins, rr, ff, mm)] = 1;
        boxes.push({ r: [r, r2], f: [f, f2], m: [m, m2] });
      }
    }
  }
  return boxes;
}

function part(axis: string, range: [number, number]): string {
  return range[0] === range[1] ? `${axis}${range[0]}` : `${axis}${range[0]}-${range[1]}`;
}

/** "R1 F2 M3", "R1-2 F3 (any M)", "(any R, any F) M5", "every cell". An axis spanning 1..bins is "any". */
export function formatBox(box: CellBox, bins: number): string {
  const shown: string[] = [];
  const any: string[] = [];
  for (const [axis, range] of [
    ["R", box.r],
    ["F", box.f],
    ["M", box.m],
  ] as const) {
    if (range[0] === 1 && range[1] === bins) any.push(`any ${axis}`);
    else shown.push(part(axis, range));
  }
  if (shown.length === 0) return "every cell";
  return any.length ? `${shown.join(" ")} (${any.join(", ")})` : shown.join(" ");
}

export function formatCell(cell: ScoreCell): string {
  return `R${cell.r} F${cell.f} M${cell.m}`;
}

/** Names a set of cells in at most `limit` boxes, then "and N more cells". */
export function describeCells(inSet: ArrayLike<boolean | number>, bins: number, limit = 8): string {
  const boxes = compressCells(inSet, bins);
  const shown = boxes.slice(0, limit).map((b) => formatBox(b, bins));
  if (boxes.length > limit) {
    let rest = 0;
    for (const b of boxes.slice(limit)) {
      rest += (b.r[1] - b.r[0] + 1) * (b.f[1] - b.f[0] + 1) * (b.m[1] - b.m[0] + 1);
    }
    shown.push(`and ${rest} more cell${rest === 1 ? "" : "s"}`);
  }
  return shown.join("; ");
}

/** A rule's ranges as written, e.g. "R4-5 F4-5 M4-5"; an omitted axis is left out ("R1-2 M3-5"). */
export function describeRule(rule: SegmentRule): string {
  const parts: string[] = [];
  if (rule.r) parts.push(part("R", rule.r));
  if (rule.f) parts.push(part("F", rule.f));
  if (rule.m) parts.push(part("M", rule.m));
  return parts.length ? parts.join(" ") : "any score";
}
