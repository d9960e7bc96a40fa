/**
 * SVG renderings of the simulated workbook's charts for the demo viewer: what a chart shows (type, title, categories,
 * series values as `chartData()` derives them from the chart's source cells), not Excel's exact look.
 *
 * - Bar* (horizontal bars), Column* and Line* (vertical grouped bars; a line for Line*), Pie / Doughnut (slices with
 *   percentages), XYScatter (points); any other type is drawn as grouped columns with its type named in the caption.
 * - Every chart element carries `data-*` attributes (type, categories, series) so a test can read what is drawn.
 *
 * Pure string building (no DOM access): `chartSvg(data, width, height)` returns the markup.
 */
import type { ChartData } from "excel-sim";

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
export function chartKind(type: string): "bar" | "column" | "line" | "pie" | "scatter" {
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
    const left = 110;
    const plotW = w - left - 40;
    const plotH = h - top - bottom;
    const band = plotH / Math.max(1, cats.length);
    const barH = (band * 0.7) / Math.max(1, data.series.length);
    cats.forEach((c, i) => {
      const y0 = top + i * band;
      parts.push(
        `<text x="${left - 6}" y="${y0 + band / 2 + 4}" font-size="10" text-anchor="end">${escapeXml(clip(label(c), 18))}</text>`,
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
    const color = PALETTE[i % PALETTE.length];
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
      `<rect x="${lx}" y="${y}" width="9" height="9" fill="${PALETTE[i % PALETTE.length]}"/><text x="${lx + 13}" y="${y + 8}" font-size="10">${escapeXml(clip(name, 22))} ${pct}%</text>`,
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

/** The SVG markup for one chart. */
export function chartSvg(data: ChartData, width: number, height: number): string {
  const kind = chartKind(data.chartType);
  let body: string;
  if (kind === "pie") body = pieSvg(data, width, height, /doughnut/i.test(data.chartType));
  else if (kind === "scatter") body = scatterSvg(data, width, height);
  else body = barsSvg(data, width, height, kind === "bar", kind === "line");
  const title = data.title || data.name;
  const attrs = [
    `data-chart-type="${escapeXml(data.chartType)}"`,
    `data-chart-name="${escapeXml(data.name)}"`,
    `data-categories="${escapeXml(JSON.stringify(data.categories))}"`,
    `data-series="${escapeXml(JSON.stringify(data.series.map((s) => ({ name: s.name, values: s.values }))))}"`,
  ].join(" ");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" ${attrs} width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Segoe UI, Arial, sans-serif" role="img" aria-label="${escapeXml(`${data.chartType} chart: ${title}`)}">` +
    `<rect width="${width}" height="${height}" fill="#fff" stroke="#c8c8c8"/>` +
    `<text x="${width / 2}" y="18" font-size="12" font-weight="600" text-anchor="middle">${escapeXml(clip(title, 60))}</text>` +
    `<text x="${width - 6}" y="${height - 4}" font-size="9" fill="#777" text-anchor="end">${escapeXml(data.chartType)}</text>` +
    body +
    `</svg>`
  );
}
