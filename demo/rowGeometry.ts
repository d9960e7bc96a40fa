/**
 * Where each row of a sheet is drawn, in CSS pixels: rows are the default height unless the sheet gives them
 * another (set by hand or by autofit) or a table filter hides them (height 0, as Excel hides filtered rows).
 * Only the exceptions are stored, so a 541,909-row sheet costs nothing; `top` and `rowAt` are binary searches.
 *
 * Pure: no DOM. Example: `new RowGeometry(10, 20, new Map([[2, 40]]), new Set([5]))`: row 3 (index 3) starts at
 * 80 px, row index 5 has height 0, and `rowAt(85)` is 3.
 */
export class RowGeometry {
  /** Rows whose height differs from the default, ascending. */
  private readonly rows: number[];
  /** extra[k]: sum of (height − default) over rows[0..k-1]. */
  private readonly extra: number[];
  private readonly heights: Map<number, number>;

  /**
   * @param count Rows drawn.
   * @param rowPx Default row height in pixels.
   * @param heightsPx Row index → height in pixels, for rows that are not the default.
   * @param hidden Row indexes hidden by filters (they win over a height).
   */
  constructor(
    readonly count: number,
    readonly rowPx: number,
    heightsPx: ReadonlyMap<number, number>,
    hidden: ReadonlySet<number>,
  ) {
    const h = new Map<number, number>();
    for (const [r, px] of heightsPx) if (r < count && px !== rowPx) h.set(r, px);
    for (const r of hidden) if (r < count) h.set(r, 0);
    this.heights = h;
    this.rows = [...h.keys()].sort((a, b) => a - b);
    this.extra = [0];
    for (const r of this.rows) this.extra.push(this.extra[this.extra.length - 1] + (h.get(r) as number) - rowPx);
  }

  /** Height of row r in pixels (0 when hidden). */
  height(r: number): number {
    return this.heights.get(r) ?? this.rowPx;
  }

  /** Top of row r in pixels from the top of row 0. */
  top(r: number): number {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.rows[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return r * this.rowPx + this.extra[lo];
  }

  /** Total height of all rows. */
  total(): number {
    return this.top(this.count);
  }

  /** The row drawn at y pixels (the last row when y is below them all; hidden rows are never returned). */
  rowAt(y: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.top(mid) <= y) lo = mid;
      else hi = mid - 1;
    }
    while (lo > 0 && this.height(lo) === 0) lo--;
    return Math.max(0, lo);
  }
}
