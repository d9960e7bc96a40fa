/**
 * SVG renderings of the simulated workbook's charts for the demo viewer: what a chart shows (type, title, categories,
 * series values as `chartData()` derives them from the chart's source cells), not Excel's exact look.
 *
 * - Bar* (horizontal bars), Column* and Line* (vertical grouped bars; a line for Line*), Pie / Doughnut (slices with
 *   percentages), XYScatter (points); any other type is drawn as grouped columns with its type named in the caption.
 * - Excel's statistical charts as Excel draws them by default (figures from stats.ts): Histogram (automatic bins by
 *   Scott's rule, touching bars, "[a, b]" / "(b, c]" labels), Boxwhisker (exclusive-median quartiles, box Q1-Q3,
 *   median line, mean marker, whiskers within 1.5 × IQR, outlier points; a linear axis as Excel's, with the figures
 *   listed beside the box because skewed data squeezes it), Treemap (squarified rectangles by value, in the
 *   points' colours where set, labelled).
 *   They plot the visible rows only, as `chartData()` derives them.
 * - Every chart element carries `data-*` attributes (type, categories, series; bins, quartiles, rectangles) so a
 *   test can read what is drawn.
 *
 * Pure string building (no DOM access): `chartSvg(data, width, height)` returns the markup.
 */
import { textWidth, type ChartData } from "excel-sim";
import { boxStats, histogramBins, squarify, type BoxStats } from "./stats";

/** Office's default series colours (Office theme accents 1–6), then a few more. */
export const PALETTE = [
  "#4472C4",
  "#ED7D31",
  "#A5A5A5",
  "#FFC000",
  "#5B9BD5",
  "#70AD47",
  "#264478",
  "#9E480E",
  "#636363",
  "#997300",
  "#255E91",
  "#43682B",
];

/** A point's colour: set on the point itself, else the palette's colour for its position (Excel's "vary colours"). */
function pointColor(s: ChartData["series"][number] | undefined, i: number): string {
  return s?.pointColors?.[i] ?? PALETTE[i % PALETTE.length];
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return "";
  const a = Math.abs(v);
  if (a >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${(v / 1e3).toFixed(0)}k`;
  if (Number.isInteger(v)) return v.toLocaleString("en-US");
  return a < 1 ? v.toFixed(2) : v.toFixed(1);
}

function label(c: string | number): string {
  return typeof c === "number" ? fmt(c) : c;
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** The kind of drawing for an Excel chart type. */
export function chartKind(
  type: string,
): "bar" | "column" | "line" | "pie" | "scatter" | "histogram" | "boxwhisker" | "treemap" {
  if (/^Histogram$/i.test(type)) return "histogram";
  if (/^Boxwhisker$/i.test(type)) return "boxwhisker";
  if (/^Treemap$/i.test(type)) return "treemap";
  if (/^Bar/i.test(type)) return "bar";
  if (/^(Pie|Doughnut)/i.test(type)) return "pie";
  if (/^XYScatter/i.test(type)) return "scatter";
  if (/^Line/i.test(type)) return "line";
  return "column";
}

function nice(max: number): number {
  if (max <= 0) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(max)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

function legend(data: ChartData, x: number, y: number, width: number): string {
  if (!data.legend.visible || data.series.length < 2) return "";
  const per = Math.max(60, Math.floor(width / data.series.length));
  return data.series
    .map((s, i) => {
      const lx = x + i * per;
      const color = s.color ?? PALETTE[i % PALETTE.length];
      return `<rect x="${lx}" y="${y - 8}" width="9" height="9" fill="${color}"/><text x="${lx + 12}" y="${y}" font-size="10">${escapeXml(clip(s.name, 14))}</text>`;
    })
    .join("");
}

function barsSvg(data: ChartData, w: number, h: number, horizontal: boolean, line: boolean): string {
  const cats = data.categories.length ? data.categories : (data.series[0]?.values.map((_, i) => i + 1) ?? []);
  const values = data.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = nice(Math.max(0, ...values));
  const top = 34;
  const bottom = data.series.length > 1 && data.legend.visible ? 36 : 22;
  const parts: string[] = [];
  if (horizontal) {
    // Room for the longest category label (up to 45 % of the width), as Excel sizes its category axis.
    const labelPx = (t: string) => textWidth(t, 7.5) * (4 / 3);
    const left = Math.round(Math.min(w * 0.45, Math.max(40, ...cats.map((c) => labelPx(label(c)) + 10))));
    const fits = (t: string) => {
      let out = t;
      while (out.length > 1 && labelPx(out) + 10 > left) out = out.slice(0, -1);
      return out === t ? t : `${out.slice(0, -1)}…`;
    };
    const plotW = w - left - 40;
    const plotH = h - top - bottom;
    const band = plotH / Math.max(1, cats.length);
    const barH = (band * 0.7) / Math.max(1, data.series.length);
    cats.forEach((c, i) => {
      const y0 = top + i * band;
      parts.push(
        `<text x="${left - 6}" y="${y0 + band / 2 + 4}" font-size="10" text-anchor="end">${escapeXml(fits(label(c)))}</text>`,
      );
      data.series.forEach((s, k) => {
        const v = s.values[i] ?? 0;
        const bw = (Math.max(0, v) / max) * plotW;
        const y = y0 + band * 0.15 + k * barH;
        const color = s.color ?? PALETTE[k % PALETTE.length];
        parts.push(
          `<rect class="bar" x="${left}" y="${y.toFixed(1)}" width="${bw.toFixed(1)}" height="${barH.toFixed(1)}" fill="${color}"><title>${escapeXml(`${label(c)}: ${fmt(v)}`)}</title></rect>`,
        );
        parts.push(`<text x="${left + bw + 3}" y="${(y + barH / 2 + 3).toFixed(1)}" font-size="9">${fmt(v)}</text>`);
      });
    });
    parts.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#888"/>`);
  } else {
    const left = 44;
    const plotW = w - left - 12;
    const plotH = h - top - bottom - 14;
    const band = plotW / Math.max(1, cats.length);
    const barW = (band * 0.75) / Math.max(1, data.series.length);
    for (let t = 0; t <= 4; t++) {
      const v = (max * t) / 4;
      const y = top + plotH - (plotH * t) / 4;
      parts.push(`<line x1="${left}" y1="${y}" x2="${left + plotW}" y2="${y}" stroke="#e3e3e3"/>`);
      parts.push(`<text x="${left - 4}" y="${y + 3}" font-size="9" text-anchor="end">${fmt(v)}</text>`);
    }
    cats.forEach((c, i) => {
      const x0 = left + i * band;
      parts.push(
        `<text x="${x0 + band / 2}" y="${top + plotH + 12}" font-size="9" text-anchor="middle">${escapeXml(clip(label(c), Math.max(3, Math.floor(band / 6))))}</text>`,
      );
      if (line) return;
      data.series.forEach((s, k) => {
        const v = s.values[i] ?? 0;
        const bh = (Math.max(0, v) / max) * plotH;
        const color = s.color ?? PALETTE[k % PALETTE.length];
        parts.push(
          `<rect class="bar" x="${(x0 + band * 0.125 + k * barW).toFixed(1)}" y="${(top + plotH - bh).toFixed(1)}" width="${barW.toFixed(1)}" height="${bh.toFixed(1)}" fill="${color}"><title>${escapeXml(`${s.name} · ${label(c)}: ${fmt(v)}`)}</title></rect>`,
        );
      });
    });
    if (line) {
      data.series.forEach((s, k) => {
        const pts = s.values
          .map((v, i) =>
            v === null ? null : `${left + i * band + band / 2},${top + plotH - (Math.max(0, v) / max) * plotH}`,
          )
          .filter((p): p is string => p !== null)
          .join(" ");
        parts.push(
          `<polyline points="${pts}" fill="none" stroke="${s.color ?? PALETTE[k % PALETTE.length]}" stroke-width="2"/>`,
        );
      });
    }
    parts.push(`<line x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}" stroke="#888"/>`);
  }
  parts.push(legend(data, 12, h - 8, w - 24));
  return parts.join("");
}

function pieSvg(data: ChartData, w: number, h: number, doughnut: boolean): string {
  const s = data.series[0];
  if (!s) return "";
  const vals = s.values.map((v) => (v !== null && v > 0 ? v : 0));
  const total = vals.reduce((a, b) => a + b, 0);
  const top = 30;
  const r = Math.max(20, Math.min((h - top - 10) / 2, w * 0.28));
  const cx = 14 + r;
  const cy = top + (h - top) / 2;
  const parts: string[] = [];
  let angle = -Math.PI / 2;
  vals.forEach((v, i) => {
    if (total <= 0 || v <= 0) return;
    const a = (v / total) * Math.PI * 2;
    const color = pointColor(s, i);
    const x1 = cx + r * Math.cos(angle);
    const y1 = cy + r * Math.sin(angle);
    const x2 = cx + r * Math.cos(angle + a);
    const y2 = cy + r * Math.sin(angle + a);
    const large = a > Math.PI ? 1 : 0;
    const name = label(data.categories[i] ?? `${i + 1}`);
    const d =
      a >= Math.PI * 2 - 1e-9
        ? `M ${cx - r} ${cy} a ${r} ${r} 0 1 0 ${2 * r} 0 a ${r} ${r} 0 1 0 ${-2 * r} 0`
        : `M ${cx} ${cy} L ${x1.toFixed(2)} ${y1.toFixed(2)} A ${r} ${r} 0 ${large} 1 ${x2.toFixed(2)} ${y2.toFixed(2)} Z`;
    parts.push(
      `<path class="slice" d="${d}" fill="${color}" stroke="#fff" stroke-width="1"><title>${escapeXml(`${name}: ${fmt(v)} (${((v / total) * 100).toFixed(1)}%)`)}</title></path>`,
    );
    angle += a;
  });
  if (doughnut) parts.push(`<circle cx="${cx}" cy="${cy}" r="${(r * 0.5).toFixed(1)}" fill="#fff"/>`);
  // Legend with shares on the right.
  const lx = cx + r + 16;
  const rows = Math.max(1, vals.length);
  const step = Math.min(16, (h - top - 6) / rows);
  vals.forEach((v, i) => {
    const y = top + 6 + i * step;
    const name = label(data.categories[i] ?? `${i + 1}`);
    const pct = total > 0 ? ((v / total) * 100).toFixed(1) : "0.0";
    parts.push(
      `<rect x="${lx}" y="${y}" width="9" height="9" fill="${pointColor(s, i)}"/><text x="${lx + 13}" y="${y + 8}" font-size="10">${escapeXml(clip(name, 22))} ${pct}%</text>`,
    );
  });
  return parts.join("");
}

function scatterSvg(data: ChartData, w: number, h: number): string {
  const xs = data.categories.map((c) => (typeof c === "number" ? c : Number(c)));
  const top = 30;
  const left = 44;
  const plotW = w - left - 12;
  const plotH = h - top - 30;
  const ys = data.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const xmax = nice(Math.max(0, ...xs.filter(Number.isFinite)));
  const ymax = nice(Math.max(0, ...ys));
  const parts: string[] = [
    `<line x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}" stroke="#888"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#888"/>`,
    `<text x="${left - 4}" y="${top + 4}" font-size="9" text-anchor="end">${fmt(ymax)}</text>`,
    `<text x="${left + plotW}" y="${top + plotH + 12}" font-size="9" text-anchor="end">${fmt(xmax)}</text>`,
  ];
  data.series.forEach((s, k) => {
    s.values.forEach((v, i) => {
      const x = xs[i];
      if (v === null || !Number.isFinite(x)) return;
      parts.push(
        `<circle class="point" cx="${(left + (x / xmax) * plotW).toFixed(1)}" cy="${(top + plotH - (v / ymax) * plotH).toFixed(1)}" r="2" fill="${s.color ?? PALETTE[k % PALETTE.length]}" fill-opacity="0.6"/>`,
      );
    });
  });
  return parts.join("");
}

/** The numbers a statistical chart plots: its first series' cells that hold numbers. */
function plotted(data: ChartData): number[] {
  return (data.series[0]?.values ?? []).filter((v): v is number => v !== null && Number.isFinite(v));
}

/** A figure for a reader: thousands separators, decimals only for small numbers, k/M above 10,000. */
function figure(v: number): string {
  if (Math.abs(v) >= 1e4) return fmt(v);
  return v.toLocaleString("en-US", { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : 2 });
}

/** Horizontal gridlines and their labels for a value axis from `lo` to `hi`. */
function valueGrid(lo: number, hi: number, left: number, top: number, plotW: number, plotH: number): string {
  const parts: string[] = [];
  for (let t = 0; t <= 4; t++) {
    const v = lo + ((hi - lo) * t) / 4;
    const y = top + plotH - (plotH * t) / 4;
    parts.push(`<line x1="${left}" y1="${y}" x2="${left + plotW}" y2="${y}" stroke="#e3e3e3"/>`);
    parts.push(`<text x="${left - 4}" y="${y + 3}" font-size="9" text-anchor="end">${fmt(v)}</text>`);
  }
  return parts.join("");
}

/** Black or white, whichever reads better on `hex` (#RRGGBB). */
function inkOn(hex: string): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return "#000";
  const [r, g, b] = m.slice(1).map((x) => parseInt(x, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.55 ? "#000" : "#fff";
}

/** Excel's histogram: automatic bins, bars touching, each bin's interval as its label (rotated, thinned out). */
function histogramSvg(data: ChartData, w: number, h: number): string {
  const bins = histogramBins(plotted(data));
  const color = data.series[0]?.color ?? PALETTE[0];
  const top = 34;
  const left = 44;
  const charW = 4.6;
  const longest = Math.max(0, ...bins.map((b) => b.label.length));
  const bottom = Math.min(h * 0.36, 12 + longest * charW);
  const plotW = w - left - 10;
  const plotH = h - top - bottom;
  const max = nice(Math.max(0, ...bins.map((b) => b.count)));
  const bw = plotW / Math.max(1, bins.length);
  const every = Math.max(1, Math.ceil(11 / bw));
  const fits = Math.max(3, Math.floor((bottom - 12) / charW));
  const parts: string[] = [valueGrid(0, max, left, top, plotW, plotH)];
  bins.forEach((b, i) => {
    const x = left + i * bw;
    const bh = (b.count / max) * plotH;
    const edge = bw >= 4 ? ` stroke="#fff" stroke-width="0.5"` : "";
    parts.push(
      `<rect class="bin" data-lo="${b.lo}" data-hi="${b.hi}" data-count="${b.count}" data-label="${escapeXml(b.label)}" x="${x.toFixed(2)}" y="${(top + plotH - bh).toFixed(2)}" width="${bw.toFixed(2)}" height="${bh.toFixed(2)}" fill="${color}"${edge}><title>${escapeXml(`${b.label}: ${b.count.toLocaleString("en-US")}`)}</title></rect>`,
    );
    if (i % every !== 0) return;
    const lx = (x + bw / 2).toFixed(1);
    const ly = top + plotH + 4;
    parts.push(
      `<text x="${lx}" y="${ly}" font-size="8" text-anchor="end" dominant-baseline="middle" transform="rotate(-90 ${lx} ${ly})">${escapeXml(clip(b.label, fits))}</text>`,
    );
  });
  parts.push(`<line x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}" stroke="#888"/>`);
  const summary = bins.map((b) => ({ lo: b.lo, hi: b.hi, count: b.count, label: b.label }));
  return `<g class="histogram" data-bins="${escapeXml(JSON.stringify(summary))}">${parts.join("")}</g>`;
}

/** The value range of a box & whisker axis: from 0 (or below, for negative values) to a round top. */
function boxRange(stats: BoxStats[]): [number, number] {
  const all = stats.flatMap((b) => [b.low, b.high, b.mean, ...b.outliers]);
  const lo = Math.min(0, ...all);
  return [lo < 0 ? -nice(-lo) : 0, nice(Math.max(0, ...all))];
}

/** One box: whiskers with caps, the Q1-Q3 box, the median line, the mean marker, the outlier points. */
function boxSvg(b: BoxStats, name: string, color: string, cx: number, bw: number, y: (v: number) => number): string {
  const half = bw / 2;
  const cap = bw / 4;
  const yq3 = y(b.q3);
  const boxH = Math.max(1, y(b.q1) - yq3);
  const ym = y(b.mean);
  const attrs = [
    `data-series="${escapeXml(name)}"`,
    `data-n="${b.n}"`,
    `data-q1="${b.q1}"`,
    `data-median="${b.median}"`,
    `data-q3="${b.q3}"`,
    `data-mean="${b.mean}"`,
    `data-low="${b.low}"`,
    `data-high="${b.high}"`,
    `data-outliers="${b.outliers.length}"`,
  ].join(" ");
  const line = (x1: number, y1: number, x2: number, y2: number, stroke = "#404040") =>
    `<line x1="${x1.toFixed(2)}" y1="${y1.toFixed(2)}" x2="${x2.toFixed(2)}" y2="${y2.toFixed(2)}" stroke="${stroke}"/>`;
  return (
    `<g class="box" ${attrs}>` +
    line(cx, y(b.high), cx, yq3) +
    line(cx, y(b.q1), cx, y(b.low)) +
    line(cx - cap, y(b.high), cx + cap, y(b.high)) +
    line(cx - cap, y(b.low), cx + cap, y(b.low)) +
    `<rect class="iqr" x="${(cx - half).toFixed(2)}" y="${yq3.toFixed(2)}" width="${bw.toFixed(2)}" height="${boxH.toFixed(2)}" fill="${color}" stroke="#404040" stroke-width="0.75"><title>${escapeXml(`${name}: Q1 ${figure(b.q1)}, median ${figure(b.median)}, Q3 ${figure(b.q3)}`)}</title></rect>` +
    `<line class="median" x1="${(cx - half).toFixed(2)}" y1="${y(b.median).toFixed(2)}" x2="${(cx + half).toFixed(2)}" y2="${y(b.median).toFixed(2)}" stroke="#1f1f1f" stroke-width="1.5"/>` +
    `<path class="mean" d="M ${cx - 3} ${(ym - 3).toFixed(2)} l 6 6 m 0 -6 l -6 6" stroke="#1f1f1f" stroke-width="1.2"/>` +
    b.outliers
      .map(
        (v) =>
          `<circle class="outlier" cx="${cx.toFixed(2)}" cy="${y(v).toFixed(2)}" r="2" fill="none" stroke="${color}"/>`,
      )
      .join("") +
    `</g>`
  );
}

/** The box's figures as text beside it: skewed data squeezes the box on a linear axis, the numbers stay readable. */
function boxFigures(b: BoxStats, x: number, top: number): string {
  const rows: [string, number | string][] = [
    ["n", b.n.toLocaleString("en-US")],
    ["Whisker ↑", b.high],
    ["Q3", b.q3],
    ["Median", b.median],
    ["Q1", b.q1],
    ["Whisker ↓", b.low],
    ["Mean ×", b.mean],
    ["Outliers", b.outliers.length.toLocaleString("en-US")],
  ];
  if (b.outliers.length) rows.push(["Largest", b.outliers[b.outliers.length - 1]]);
  return rows
    .map(
      ([k, v], i) =>
        `<text class="figure" x="${x}" y="${top + 10 + i * 12}" font-size="9"><tspan fill="#555">${escapeXml(k)}</tspan> ${escapeXml(typeof v === "number" ? figure(v) : v)}</text>`,
    )
    .join("");
}

/** Excel's box & whisker: one box per series on a linear value axis, the figures listed for a single series. */
function boxWhiskerSvg(data: ChartData, w: number, h: number): string {
  const boxes = data.series
    .map((s, k) => ({ s, k, b: boxStats(s.values.filter((v): v is number => v !== null && Number.isFinite(v))) }))
    .filter((x): x is { s: ChartData["series"][number]; k: number; b: BoxStats } => x.b !== null);
  if (!boxes.length) return "";
  const top = 34;
  const left = 44;
  const panel = boxes.length === 1 ? Math.min(110, Math.floor(w * 0.42)) : 0;
  const plotW = w - left - 10 - panel;
  const plotH = h - top - 24;
  const [lo, hi] = boxRange(boxes.map((x) => x.b));
  const y = (v: number) => top + plotH - ((v - lo) / (hi - lo || 1)) * plotH;
  const band = plotW / boxes.length;
  const parts = [valueGrid(lo, hi, left, top, plotW, plotH)];
  boxes.forEach(({ s, k, b }, i) => {
    const cx = left + band * (i + 0.5);
    parts.push(boxSvg(b, s.name, s.color ?? PALETTE[k % PALETTE.length], cx, Math.min(60, band * 0.5), y));
    parts.push(
      `<text x="${cx}" y="${top + plotH + 12}" font-size="9" text-anchor="middle">${escapeXml(clip(s.name, 18))}</text>`,
    );
  });
  parts.push(`<line x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}" stroke="#888"/>`);
  if (panel) parts.push(boxFigures(boxes[0].b, left + plotW + 8, top));
  return parts.join("");
}

/** Excel's treemap: one rectangle per category, area by value, in the points' colours (else the theme's in order),
 *  labelled with the category's name and, where it fits, its value. */
function treemapSvg(data: ChartData, w: number, h: number): string {
  const s = data.series[0];
  if (!s) return "";
  const box = { x: 4, y: 28, w: w - 8, h: h - 28 - 14 };
  const rects = squarify(
    s.values.map((v) => v ?? 0),
    box,
  );
  const parts: string[] = [];
  rects.forEach((r, i) => {
    if (!r) return;
    const name = label(data.categories[i] ?? `${i + 1}`);
    const v = s.values[i] ?? 0;
    const color = pointColor(s, i);
    const ink = inkOn(color);
    parts.push(
      `<rect class="tile" data-category="${escapeXml(name)}" data-value="${v}" data-area="${r.w * r.h}" x="${r.x.toFixed(2)}" y="${r.y.toFixed(2)}" width="${r.w.toFixed(2)}" height="${r.h.toFixed(2)}" fill="${color}" stroke="#fff" stroke-width="1"><title>${escapeXml(`${name}: ${figure(v)}`)}</title></rect>`,
    );
    const chars = Math.floor((r.w - 6) / 5.2);
    if (chars < 3 || r.h < 14) return;
    parts.push(
      `<text x="${(r.x + 3).toFixed(1)}" y="${(r.y + 12).toFixed(1)}" font-size="9" fill="${ink}">${escapeXml(clip(name, chars))}</text>`,
    );
    const value = figure(v);
    if (r.h >= 26 && value.length <= chars)
      parts.push(
        `<text x="${(r.x + 3).toFixed(1)}" y="${(r.y + 23).toFixed(1)}" font-size="9" fill="${ink}">${escapeXml(value)}</text>`,
      );
  });
  return `<g class="treemap" data-plot-area="${box.w * box.h}">${parts.join("")}</g>`;
}

/** The SVG markup for one chart. */
export function chartSvg(data: ChartData, width: number, height: number): string {
  const kind = chartKind(data.chartType);
  let body: string;
  if (kind === "pie") body = pieSvg(data, width, height, /doughnut/i.test(data.chartType));
  else if (kind === "scatter") body = scatterSvg(data, width, height);
  else if (kind === "histogram") body = histogramSvg(data, width, height);
  else if (kind === "boxwhisker") body = boxWhiskerSvg(data, width, height);
  else if (kind === "treemap") body = treemapSvg(data, width, height);
  else body = barsSvg(data, width, height, kind === "bar", kind === "line");
  const title = data.title || data.name;
  const attrs = [
    `data-chart-type="${escapeXml(data.chartType)}"`,
    `data-chart-name="${escapeXml(data.name)}"`,
    `data-categories="${escapeXml(JSON.stringify(data.categories))}"`,
    `data-series="${escapeXml(JSON.stringify(data.series.map((s) => ({ name: s.name, values: s.values }))))}"`,
    `data-hidden-rows="${data.hiddenRows}"`,
  ].join(" ");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" ${attrs} width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Carlito, Calibri, sans-serif" role="img" aria-label="${escapeXml(`${data.chartType} chart: ${title}`)}">` +
    `<rect width="${width}" height="${height}" fill="#fff" stroke="#c8c8c8"/>` +
    `<text x="${width / 2}" y="18" font-size="12" font-weight="600" text-anchor="middle">${escapeXml(clip(title, Math.min(60, Math.floor((width - 8) / 6.8))))}</text>` +
    `<text x="${width - 6}" y="${height - 4}" font-size="9" fill="#777" text-anchor="end">${escapeXml(data.chartType)}</text>` +
    body +
    `</svg>`
  );
}
