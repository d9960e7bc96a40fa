/**
 * One colour per segment, the same on every sheet and chart the add-in writes (dashboard fills, segment map, chart
 * series), so "Champions" is the same green everywhere.
 *
 * The colours are Paul Tol's "muted" qualitative scheme (designed to stay distinct for the common forms of colour
 * blindness), then Okabe-Ito's for schemes with more segments. A segment's colour follows its position in its
 * scheme's rule list (labels repeated by several rules count once), not its rank by size, so it does not change when
 * the data changes. The built-in rf10 order (hibernating … champions) runs from grey and reds through sand and
 * teal to green, which reads as "worse to better". The fallback segment ("Others") is always grey.
 */
import type { Scheme } from "../rfm/types";

export const SEGMENT_PALETTE = [
  "#DDDDDD", // pale grey
  "#CC6677", // rose
  "#882255", // wine
  "#DDCC77", // sand
  "#999933", // olive
  "#44AA99", // teal
  "#88CCEE", // cyan
  "#332288", // indigo
  "#AA4499", // purple
  "#117733", // green
  "#E69F00", // Okabe-Ito orange
  "#56B4E9", // sky blue
  "#0072B2", // blue
  "#D55E00", // vermillion
  "#CC79A7", // reddish purple
  "#F0E442", // yellow
] as const;

export const FALLBACK_COLOR = "#BBBBBB";

/** Segment label → colour (`#RRGGBB`) for every label of the scheme and its fallback. */
export function segmentColors(scheme: Scheme): Map<string, string> {
  const out = new Map<string, string>();
  for (const rule of scheme.rules) {
    if (!out.has(rule.label)) out.set(rule.label, SEGMENT_PALETTE[out.size % SEGMENT_PALETTE.length]);
  }
  const fallback = scheme.fallback ?? "Others";
  if (!out.has(fallback)) out.set(fallback, FALLBACK_COLOR);
  return out;
}

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function textColorOn(hex: string): string {
  const channel = (i: number): number => {
    const v = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const lum = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  // Contrast with black (lum + 0.05) / 0.05 against white 1.05 / (lum + 0.05): equal at lum ≈ 0.179.
  return lum > 0.179 ? "#000000" : "#FFFFFF";
}
