/**
 * The demo page's read-only view of the simulated workbook, next to the real task pane: sheet tabs, a grid of the
 * active sheet (only the rows in view are drawn, so the 541,909-row sheet scrolls freely), table and
 * conditional-format colouring, the sheet's charts drawn where the add-in placed them (charts.ts), and a strip with
 * the sheet's tables, slicers and frozen panes. A "ribbon" on top runs the add-in's ribbon command the way Excel does
 * (the function the commands bundle registered with `Office.actions.associate`).
 *
 * The view follows the workbook: it redraws (at most a few times a second) after every `context.sync()` the add-in
 * makes, so new columns, sheets and charts appear while a run is going, and it shows whichever sheet is active
 * (clicking a tab activates that sheet, as in Excel). Cells cannot be edited.
 *
 * Reads the model directly (`rfmDemo.host.workbook`, no load/sync), so viewing costs the add-in nothing.
 */
import {
  calculatedBlock,
  columnLetters,
  rowsHiddenByFilters,
  type ChartData,
  type ConditionalFormatModel,
  type SheetModel,
  type TableModel,
} from "excel-sim";
import { cellText } from "./cellText";
import { chartSvg, escapeXml } from "./charts";
import type { DemoApi } from "./host";
import { RowGeometry } from "./rowGeometry";
import { slicerElement } from "./slicers";

/* global document, window */

/** Points → CSS pixels. */
const PX = 4 / 3;
const ROW_H = 20;
const HEAD_H = 22;
/** Rows drawn above and below the visible ones. */
const OVERSCAN = 8;
/** Minimum spacing between redraws caused by syncs (ms). */
const REDRAW_MS = 250;
/** The ribbon command of the manifest's "Segment customers" button. */
const RIBBON_ACTION = "SegmentCustomers";

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function hexToRgb(hex: string): [number, number, number] {
  const h = hex.replace("#", "");
  const n = parseInt(h.length === 3 ? h.replace(/./g, "$&$&") : h, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function mix(a: string, b: string, t: number): string {
  const x = hexToRgb(a);
  const y = hexToRgb(b);
  const c = x.map((v, i) => Math.round(v + (y[i] - v) * t));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

interface ScalePoint {
  value: number;
  color: string;
}

/** A colour scale's stops on the numbers of its range (LowestValue, HighestValue, Number, Percent, Percentile). */
function scaleStops(cf: ConditionalFormatModel): ScalePoint[] | null {
  const bag = (cf.props.colorScale ?? cf.props) as {
    criteria?: Record<string, { type?: string; formula?: string; color?: string }>;
  };
  const crit = bag.criteria;
  if (!crit) return null;
  const nums: number[] = [];
  const sheet = cf.sheet;
  for (let c = cf.rect.c0; c <= cf.rect.c1; c++) {
    const store = sheet.cols[c];
    if (!store) continue;
    for (let r = cf.rect.r0; r <= cf.rect.r1; r++) {
      const v = store.get(r);
      if (typeof v === "number") nums.push(v);
    }
  }
  if (nums.length === 0) return null;
  nums.sort((a, b) => a - b);
  const pick = (p: number) => {
    const pos = (nums.length - 1) * p;
    const lo = Math.floor(pos);
    return nums[lo] + (nums[Math.min(lo + 1, nums.length - 1)] - nums[lo]) * (pos - lo);
  };
  const stops: ScalePoint[] = [];
  for (const key of ["minimum", "midpoint", "maximum"]) {
    const k = crit[key];
    if (!k || !k.color) continue;
    const f = Number(k.formula);
    let value: number;
    switch (k.type) {
      case "LowestValue":
        value = nums[0];
        break;
      case "HighestValue":
        value = nums[nums.length - 1];
        break;
      case "Percentile":
        value = pick(f / 100);
        break;
      case "Percent":
        value = nums[0] + ((nums[nums.length - 1] - nums[0]) * f) / 100;
        break;
      default:
        value = f;
    }
    if (Number.isFinite(value)) stops.push({ value, color: k.color });
  }
  return stops.length >= 2 ? stops : null;
}

function scaleColor(stops: ScalePoint[], v: number): string {
  if (v <= stops[0].value) return stops[0].color;
  for (let i = 1; i < stops.length; i++) {
    const a = stops[i - 1];
    const b = stops[i];
    if (v <= b.value) return mix(a.color, b.color, b.value === a.value ? 1 : (v - a.value) / (b.value - a.value));
  }
  return stops[stops.length - 1].color;
}

class WorkbookView {
  private readonly root: HTMLElement;
  private readonly info = el("div", "wb-info");
  private readonly grid = el("div", "wb-grid");
  private readonly corner = el("div", "wb-corner");
  private readonly colHead = el("div", "wb-colhead");
  private readonly colHeadInner = el("div", "wb-colhead-inner");
  private readonly rowHead = el("div", "wb-rowhead");
  private readonly rowHeadInner = el("div", "wb-rowhead-inner");
  private readonly body = el("div", "wb-body");
  private readonly canvas = el("div", "wb-canvas");
  private readonly rowsLayer = el("div", "wb-rows");
  private readonly chartsLayer = el("div", "wb-charts");
  private readonly slicersLayer = el("div", "wb-charts");
  private readonly tabs = el("div", "wb-tabs");
  private sheet: SheetModel | null = null;
  private colX: number[] = [0];
  private nRows = 0;
  private frozen = 0;
  private rows = new RowGeometry(0, ROW_H, new Map(), new Set());
  /** Pixels of the frozen rows (drawn in the header). */
  private frozenPx = 0;
  private scales = new Map<string, ScalePoint[] | null>();
  private scheduled = false;
  private lastDraw = 0;
  private chartKey = "";

  constructor(
    root: HTMLElement,
    private readonly api: DemoApi,
  ) {
    this.root = root;
    this.colHead.append(this.colHeadInner);
    this.rowHead.append(this.rowHeadInner);
    this.canvas.append(this.rowsLayer, this.chartsLayer, this.slicersLayer);
    this.body.append(this.canvas);
    this.grid.append(this.corner, this.colHead, this.rowHead, this.body);
    this.tabs.setAttribute("role", "tablist");
    this.tabs.setAttribute("aria-label", "Sheets");
    root.append(this.info, this.grid, this.tabs);
    this.body.addEventListener("scroll", () => {
      this.colHeadInner.style.transform = `translateX(${-this.body.scrollLeft}px)`;
      this.rowHeadInner.style.transform = `translateY(${-this.body.scrollTop}px)`;
      this.drawRows();
    });
    window.addEventListener("resize", () => this.drawRows());
    api.host.onSync(() => this.schedule());
  }

  /** Redraws soon (throttled): called after every sync of the add-in. */
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = Math.max(0, REDRAW_MS - (performance.now() - this.lastDraw));
    setTimeout(() => {
      this.scheduled = false;
      this.draw();
    }, wait);
  }

  /** Redraws everything from the model. */
  draw(): void {
    this.lastDraw = performance.now();
    const wb = this.api.host.workbook;
    const visible = wb.sheets.filter((s) => s.visibility === "Visible");
    const active = wb.activeSheet && !wb.activeSheet.deleted ? wb.activeSheet : (visible[0] ?? null);
    if (active !== this.sheet) {
      this.sheet = active;
      this.body.scrollTop = 0;
      this.body.scrollLeft = 0;
    }
    this.scales.clear();
    this.drawTabs(visible);
    this.drawInfo();
    this.layout();
    this.drawRows();
    this.drawCharts();
    this.drawSlicers();
    this.root.dataset.sheet = this.sheet?.name ?? "";
    this.root.dataset.syncs = String(this.api.host.stats.syncs);
  }

  private drawTabs(sheets: SheetModel[]): void {
    this.tabs.replaceChildren(
      ...sheets.map((s) => {
        const b = el("button", "wb-tab", s.name);
        b.type = "button";
        b.setAttribute("role", "tab");
        b.setAttribute("aria-selected", String(s === this.sheet));
        if (s.tabColor) b.style.borderTopColor = s.tabColor;
        b.addEventListener("click", () => {
          // Clicking a tab activates the sheet, as in Excel (the add-in looks at the active sheet first).
          this.api.host.workbook.activeSheet = s;
          this.draw();
        });
        return b;
      }),
    );
  }

  private drawInfo(): void {
    const s = this.sheet;
    if (!s) {
      this.info.textContent = "";
      return;
    }
    const used = s.usedRect(true);
    const parts: string[] = [`<strong>${escapeXml(s.name)}</strong>`];
    if (used) {
      parts.push(
        `${escapeXml(s.address(used).replace(/^.*!/, ""))} · ${(used.r1 + 1).toLocaleString("en-US")} rows × ${used.c1 + 1} columns`,
      );
    } else parts.push("empty");
    for (const t of s.tables()) {
      parts.push(
        `table <span class="wb-tag" data-table="${escapeXml(t.name)}">${escapeXml(t.name)}</span> ${escapeXml(s.address(t.rect).replace(/^.*!/, ""))} (${(t.rect.r1 - t.rect.r0).toLocaleString("en-US")} rows)`,
      );
    }
    const slicers = this.api.host.workbook.slicers.filter((x) => x.sheet === s);
    for (const sl of slicers) {
      const field = sl.table.columns.find((c) => c.id === sl.columnId)?.name ?? "";
      parts.push(`slicer <span class="wb-tag">${escapeXml(sl.caption || field)}</span> on ${escapeXml(field)}`);
    }
    if (s.freeze.rows || s.freeze.columns) parts.push(`frozen: ${s.freeze.rows} row(s), ${s.freeze.columns} column(s)`);
    if (s.charts.length) parts.push(`${s.charts.length} chart${s.charts.length === 1 ? "" : "s"}`);
    if (s.conditionalFormats.length) parts.push(`${s.conditionalFormats.length} conditional format(s)`);
    this.info.innerHTML = parts.join(" <span class='wb-sep'>|</span> ");
  }

  /** Column positions, sheet size, frozen rows. */
  private layout(): void {
    const s = this.sheet;
    const used = s?.usedRect(false) ?? null;
    const nCols = Math.min(200, Math.max(used ? used.c1 + 3 : 0, 12));
    this.nRows = Math.max(used ? used.r1 + 1 + 20 : 0, 60);
    this.frozen = s ? Math.min(s.freeze.rows, 5) : 0;
    this.rows = this.rowGeometry(s);
    this.frozenPx = this.rows.top(this.frozen);
    // Excel's row headings are as wide as the largest row number needs.
    const digits = String(this.nRows).length;
    this.grid.style.gridTemplateColumns = `${Math.max(26, 7 * digits + 6)}px 1fr`;
    const x = [0];
    for (let c = 0; c < nCols; c++) {
      const w = s ? s.columnWidth(c) * PX : 64;
      x.push(x[c] + Math.max(28, Math.min(480, Math.round(w))));
    }
    this.colX = x;
    const width = x[nCols];
    const headH = HEAD_H + this.frozenPx;
    this.grid.style.gridTemplateRows = `${headH}px 1fr`;
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${this.rows.total() - this.frozenPx}px`;
    this.colHeadInner.style.width = `${width}px`;
    // Column letters, then the frozen rows (drawn in the header so they stay in view).
    const head: HTMLElement[] = [];
    for (let c = 0; c < nCols; c++) {
      const h = el("div", "wb-colletter", columnLetters(c));
      h.style.left = `${x[c]}px`;
      h.style.width = `${x[c + 1] - x[c]}px`;
      head.push(h);
    }
    for (let r = 0; r < this.frozen; r++) head.push(this.rowElement(r, HEAD_H + this.rows.top(r)));
    this.colHeadInner.replaceChildren(...head);
    const cornerRows: HTMLElement[] = [];
    for (let r = 0; r < this.frozen; r++) cornerRows.push(this.rowNumber(r, HEAD_H + this.rows.top(r)));
    this.corner.replaceChildren(...cornerRows);
  }

  /** Draws the rows in view (and a few around them). */
  drawRows(): void {
    const s = this.sheet;
    const top = this.body.scrollTop;
    const height = this.body.clientHeight || 600;
    const g = this.rows;
    const first = Math.max(this.frozen, g.rowAt(top + this.frozenPx) - OVERSCAN);
    const last = Math.min(this.nRows - 1, g.rowAt(top + this.frozenPx + height) + OVERSCAN);
    const rows: HTMLElement[] = [];
    const nums: HTMLElement[] = [];
    for (let r = first; r <= last; r++) {
      if (g.height(r) === 0) continue; // hidden by a filter, as in Excel
      const y = g.top(r) - this.frozenPx;
      rows.push(s ? this.rowElement(r, y) : el("div"));
      nums.push(this.rowNumber(r, y));
    }
    this.rowsLayer.replaceChildren(...rows);
    this.rowHeadInner.style.height = `${g.total() - this.frozenPx}px`;
    this.rowHeadInner.replaceChildren(...nums);
  }

  /** Row heights in pixels from the sheet (set by hand or autofit); rows its tables' filters hide get none. */
  private rowGeometry(s: SheetModel | null): RowGeometry {
    const heights = new Map<number, number>();
    let hidden: ReadonlySet<number> = new Set<number>();
    if (s) {
      for (const [r, pt] of s.rowHeights) heights.set(r, Math.round(pt * PX));
      try {
        hidden = rowsHiddenByFilters(s);
      } catch {
        // A filter the simulation does not model hides nothing here.
      }
    }
    return new RowGeometry(this.nRows, ROW_H, heights, hidden);
  }

  /** The row's number in the row headings (blue when the row is in a filtered table, as Excel marks them). */
  private rowNumber(r: number, y: number): HTMLElement {
    const n = el("div", "wb-rownum", String(r + 1));
    n.style.top = `${y}px`;
    const h = this.rows.height(r);
    if (h !== ROW_H) {
      n.style.height = `${h}px`;
      n.style.lineHeight = `${h}px`;
    }
    return n;
  }

  private rowElement(r: number, y: number): HTMLElement {
    const s = this.sheet!;
    const row = el("div", "wb-row");
    row.style.top = `${y}px`;
    const rowH = this.rows.height(r);
    if (rowH !== ROW_H) row.style.height = `${rowH}px`;
    row.dataset.row = String(r + 1);
    const nCols = this.colX.length - 1;
    const rect = { r0: r, c0: 0, r1: r, c1: nCols - 1 };
    // Formulas the simulation can calculate show their result, as in Excel (the others their formula text).
    const shown = calculatedBlock(s, rect);
    const text = shown.text[0];
    const values = shown.values[0];
    const tables = s.tables().filter((t) => r >= t.rect.r0 && r <= t.rect.r1);
    const tableAt = (c: number) => tables.find((tb) => c >= tb.rect.c0 && c <= tb.rect.c1);
    for (let c = 0; c < nCols; c++) {
      const t = text[c];
      const style = s.styles.length ? s.cellStyle(r, c) : {};
      const table = tableAt(c);
      const fill = this.cellFill(s, r, c, values[c], style, table);
      if (t === "" && !fill && !table) continue;
      // Text runs on into empty cells to its right, as in Excel (outside tables).
      let end = c + 1;
      if (typeof values[c] === "string" && !table && !style.horizontalAlignment) {
        while (end < nCols && text[end] === "" && !tableAt(end)) end++;
        end = Math.max(c + 1, Math.min(end, c + 8));
      }
      const width = this.colX[end] - this.colX[c];
      const size = typeof style["font/size"] === "number" ? style["font/size"] : 11;
      const bold = style["font/bold"] === true || (table !== undefined && r === table.rect.r0);
      // A number too wide for its column shows as ##### in Excel (text is clipped instead).
      const drawn = cellText(t, typeof values[c] === "number", width / PX, size, bold);
      const tooWide = drawn !== t;
      const cell = el("div", "wb-cell", drawn);
      if (tooWide) cell.dataset.overflow = t;
      cell.style.left = `${this.colX[c]}px`;
      cell.style.width = `${width}px`;
      if (rowH !== ROW_H) cell.style.height = `${rowH}px`;
      if (size !== 11) cell.style.fontSize = `${size}pt`;
      // Excel puts text at the bottom of a tall cell unless told otherwise; wrapped text breaks at spaces.
      const valign = style.verticalAlignment;
      if (style.wrapText === true) cell.classList.add("wb-wrap");
      if (style.wrapText === true || rowH !== ROW_H) {
        cell.classList.add("wb-tall");
        cell.style.justifyContent = valign === "Center" ? "center" : valign === "Top" ? "flex-start" : "flex-end";
      }
      if (end > c + 1) cell.style.borderRight = "none";
      cell.dataset.col = columnLetters(c);
      if (fill) cell.style.background = fill;
      const align = style.horizontalAlignment;
      if (align === "Center") cell.style.textAlign = "center";
      else if (align === "Right" || (align !== "Left" && typeof values[c] === "number")) cell.style.textAlign = "right";
      if (bold) cell.style.fontWeight = "600";
      if (style["font/italic"] === true) cell.style.fontStyle = "italic";
      const color = style["font/color"];
      if (table && r === table.rect.r0) cell.style.color = "#fff";
      else if (typeof color === "string" && color.toUpperCase() !== "#000000") cell.style.color = color;
      if (t.length > 12) cell.title = t;
      row.append(cell);
    }
    return row;
  }

  private cellFill(
    s: SheetModel,
    r: number,
    c: number,
    v: unknown,
    style: Record<string, unknown>,
    table: TableModel | undefined,
  ): string | null {
    if (typeof v === "number") {
      for (const cf of s.conditionalFormats) {
        if (r < cf.rect.r0 || r > cf.rect.r1 || c < cf.rect.c0 || c > cf.rect.c1) continue;
        if (cf.type !== "ColorScale") continue;
        let stops = this.scales.get(cf.id);
        if (stops === undefined) {
          stops = scaleStops(cf);
          this.scales.set(cf.id, stops);
        }
        if (stops) return scaleColor(stops, v);
      }
    }
    const fill = style["fill/color"];
    if (typeof fill === "string" && fill.toUpperCase() !== "#FFFFFF") return fill;
    if (table) {
      // Table style Medium 2 look: blue header, banded rows.
      if (r === table.rect.r0 && table.showHeaders) return "#4472C4";
      if (table.showBandedRows && (r - table.rect.r0) % 2 === 1) return "#D9E1F2";
    }
    return null;
  }

  /** The sheet's slicers, where the add-in placed them; a click filters the table and redraws everything. */
  private drawSlicers(): void {
    const s = this.sheet;
    const slicers = s ? this.api.host.workbook.slicers.filter((x) => x.sheet === s) : [];
    this.slicersLayer.replaceChildren(...slicers.map((sl) => slicerElement(sl, this.frozenPx, () => this.draw())));
  }

  /** The sheet's charts, where the add-in positioned them (over cells, in points). */
  private drawCharts(): void {
    const s = this.sheet;
    const charts: ChartData[] = s ? s.charts.map((_, i) => this.api.host.chartData(s.name, i)) : [];
    const key = JSON.stringify([s?.name, charts]);
    if (key === this.chartKey) return;
    this.chartKey = key;
    this.chartsLayer.replaceChildren(
      ...charts.map((d) => {
        const box = el("figure", "wb-chart");
        // At its own size, as Excel draws it (a minimum only keeps a degenerate chart visible).
        const w = Math.max(40, Math.round(d.position.width * PX));
        const h = Math.max(40, Math.round(d.position.height * PX));
        box.style.left = `${Math.round(d.position.left * PX)}px`;
        box.style.top = `${Math.max(0, Math.round(d.position.top * PX) - this.frozenPx)}px`;
        box.style.width = `${w}px`;
        box.style.height = `${h}px`;
        box.dataset.chart = d.name;
        box.innerHTML = chartSvg(d, w, h);
        return box;
      }),
    );
  }
}

function ribbon(api: DemoApi, view: WorkbookView): void {
  const bar = document.getElementById("ribbon-buttons");
  const status = document.getElementById("ribbon-status");
  const pane = document.getElementById("pane");
  if (!bar || !status) return;
  const segment = el("button", "ribbon-button", "Segment customers");
  segment.type = "button";
  segment.title = "Runs the add-in's ribbon command (Office.actions.associate) with the workbook's saved settings";
  segment.addEventListener("click", () => {
    segment.disabled = true;
    status.textContent = "Ribbon command running…";
    api.runRibbonCommand(RIBBON_ACTION).then(
      () => {
        status.textContent = "Ribbon command completed.";
        segment.disabled = false;
        view.draw();
      },
      (e: unknown) => {
        status.textContent = `Ribbon command failed: ${e instanceof Error ? e.message : String(e)}`;
        segment.disabled = false;
      },
    );
  });
  const toggle = el("button", "ribbon-button", "RFM pane");
  toggle.type = "button";
  toggle.title = "Shows or hides the task pane (ShowTaskpane)";
  toggle.addEventListener("click", () => {
    if (pane) pane.hidden = !pane.hidden;
    api.host.taskpane.visible = !pane?.hidden;
  });
  bar.append(segment, toggle);
  // The add-in opens the pane (Office.addin.showAsTaskpane) when a ribbon run fails: show it then.
  api.host.onSync(() => {
    if (pane && pane.hidden && api.host.taskpane.visible) pane.hidden = false;
  });
}

function main(): void {
  const api = window.rfmDemo;
  const root = document.getElementById("workbook");
  const banner = document.getElementById("demo-loading");
  if (!api || !root) return;
  api.host.taskpane.visible = true;
  const view = new WorkbookView(root, api);
  ribbon(api, view);
  api.onLoadProgress = (m) => {
    if (banner) banner.textContent = m;
  };
  api.ready.then(
    (info) => {
      if (banner) {
        banner.textContent = `Loaded ${info.rows.toLocaleString("en-US")} rows into "${info.sheetName}" in ${(info.elapsedMs / 1000).toFixed(1)} s.`;
        banner.dataset.state = "ready";
      }
      document.body.dataset.state = "ready";
      view.draw();
    },
    (e: unknown) => {
      if (banner) {
        banner.textContent = e instanceof Error ? e.message : String(e);
        banner.dataset.state = "error";
      }
      document.body.dataset.state = "error";
      view.draw();
    },
  );
  view.draw();
}

main();
