/**
 * Compiles a scheme into a lookup table over every score cell, so that labelling a customer is one array read.
 *
 * Definition: for a cell (r, f, m) the table holds the index of the first rule (list order) whose ranges all contain
 * the cell, or -1 when none does (the customer gets the fallback label). An omitted range matches every score.
 *
 * Other bin counts. A scheme's ranges are written for `scheme.bins` (default 5) bins. When the analysis uses
 * another count T, each analysis score t is mapped to the scheme score whose bin contains the middle of t's bin
 * on the 0..1 scale: s(t) = ceil((t - 1/2) / T * S) (ties, only possible when S is even, go towards the middle).
 * A rule then matches score t exactly when s(t) lies in its range. Because every analysis cell maps to exactly one
 * scheme cell, a map without gaps or overlaps stays a map at every bin count: nothing is lost or doubly covered.
 * Going up from 5 to 10 bins, a range a..b becomes (2a - 1)..2b (R4-5 → R7-10). Going down, a narrow range can fall
 * between two coarse bins and then matches nothing (rf10's `promising` R4 F1 has no cell at 3 bins); `checkScheme`
 * lists such rules as `unreachable`.
 *
 * Cost: bins^3 * rules steps once per (scheme, bins), cached per scheme object (schemes are treated as immutable);
 * then O(1) per customer. For bins = 10 the table is 1,000 Int16 entries.
 *
 * Example: `compileScheme(BUILTIN_SCHEMES.rf10, 5)(5, 5, 1)` is 9 (champions, the tenth rule).
 */
import { RfmError } from "../errors";
import type { Scheme } from "../types";
import { assertBins, fallbackOf, schemeBins, validateSchemeShape } from "./validate";

/** For target bin count `bins`, entry t (1..bins) is the scheme score (1..schemeBins) that analysis score t reads as. */
export function axisMap(bins: number, schemeBinCount: number): Uint8Array {
  const map = new Uint8Array(bins + 1);
  for (let t = 1; t <= bins; t++) {
    if (bins === schemeBinCount) {
      map[t] = t;
      continue;
    }
    // middle of bin t on 0..1 is (2t - 1) / (2 * bins); its scheme bin is ceil of that times S.
    const num = (2 * t - 1) * schemeBinCount;
    const den = 2 * bins;
    let s = Math.ceil(num / den);
    if (num % den === 0 && 2 * t - 1 < bins) s += 1; // exactly on a boundary in the lower half: go up (to the middle)
    map[t] = Math.min(Math.max(s, 1), schemeBinCount);
  }
  return map;
}

const tableCache = new WeakMap<Scheme, Map<number, Int16Array>>();

/** The first-match table (see the top of the file), indexed ((r - 1) * bins + (f - 1)) * bins + (m - 1). */
export function compileSchemeTable(scheme: Scheme, bins: number): Int16Array {
  assertBins(bins, "The number of score bins");
  let perBins = tableCache.get(scheme);
  const cached = perBins?.get(bins);
  if (cached) return cached;
  validateSchemeShape(scheme);

  const map = axisMap(bins, schemeBins(scheme));
  const rules = scheme.rules;
  const table = new Int16Array(bins * bins * bins).fill(-1);
  let i = 0;
  for (let r = 1; r <= bins; r++) {
    const sr = map[r];
    for (let f = 1; f <= bins; f++) {
      const sf = map[f];
      for (let m = 1; m <= bins; m++, i++) {
        const sm = map[m];
        for (let k = 0; k < rules.length; k++) {
          const rule = rules[k];
          if (rule.r && (sr < rule.r[0] || sr > rule.r[1])) continue;
          if (rule.f && (sf < rule.f[0] || sf > rule.f[1])) continue;
          if (rule.m && (sm < rule.m[0] || sm > rule.m[1])) continue;
          table[i] = k;
          break;
        }
      }
    }
  }
  if (!perBins) {
    perBins = new Map();
    tableCache.set(scheme, perBins);
  }
  perBins.set(bins, table);
  return table;
}

/** Every rule's matches at `bins` (not just the first match): used by the checker. Row k is rule k's cells. */
export function ruleMatches(scheme: Scheme, bins: number): Uint8Array[] {
  const map = axisMap(bins, schemeBins(scheme));
  return scheme.rules.map((rule) => {
    const hits = new Uint8Array(bins * bins * bins);
    let i = 0;
    for (let r = 1; r <= bins; r++)
      for (let f = 1; f <= bins; f++)
        for (let m = 1; m <= bins; m++, i++) {
          const sr = map[r];
          const sf = map[f];
          const sm = map[m];
          hits[i] =
            (!rule.r || (sr >= rule.r[0] && sr <= rule.r[1])) &&
            (!rule.f || (sf >= rule.f[0] && sf <= rule.f[1])) &&
            (!rule.m || (sm >= rule.m[0] && sm <= rule.m[1]))
              ? 1
              : 0;
        }
    return hits;
  });
}

function scoreError(bins: number, r: number, f: number, m: number): RfmError {
  return new RfmError(
    "badNumber",
    `Scores must be whole numbers 1..${bins}, found R=${String(r)}, F=${String(f)}, M=${String(m)}.`,
  );
}

/**
 * Returns a function giving the index of the first matching rule for scores (r, f, m) in 1..bins, or -1 for the
 * fallback. Scores outside 1..bins (or not whole) throw: they mean a bug upstream, not a customer to hide.
 */
export function compileScheme(scheme: Scheme, bins: number): (r: number, f: number, m: number) => number {
  const table = compileSchemeTable(scheme, bins);
  return (r: number, f: number, m: number): number => {
    const rr = r - 1;
    const ff = f - 1;
    const mm = m - 1;
    // `x >>> 0 < bins` is false for negatives (they wrap to huge numbers); `| 0` catches fractions and NaN.
    if (rr >>> 0 >= bins || ff >>> 0 >= bins || mm >>> 0 >= bins || (r | 0) !== r || (f | 0) !== f || (m | 0) !== m) {
      throw scoreError(bins, r, f, m);
    }
    return table[(rr * bins + ff) * bins + mm];
  };
}

/** The scheme's distinct labels in rule order, the fallback last. This is the order of the segment summary. */
export function schemeLabels(scheme: Scheme): string[] {
  const seen = new Set<string>();
  for (const rule of scheme.rules) seen.add(rule.label);
  seen.add(fallbackOf(scheme));
  return [...seen];
}

export interface CompiledSegments {
  /** Distinct labels in rule order, the fallback last (`schemeLabels`). */
  labels: string[];
  /** Cell → index into `labels`, same layout as `compileSchemeTable`. */
  table: Uint16Array;
  /** Index into `labels` for scores (r, f, m); throws on scores outside 1..bins. */
  lookup: (r: number, f: number, m: number) => number;
}

/**
 * Like `compileScheme`, but straight to label indices: rules sharing a label give the same index and the fallback
 * is `labels.length - 1`. This is what the engine needs to count customers per segment without string work.
 */
export function compileSegments(scheme: Scheme, bins: number): CompiledSegments {
  const ruleTable = compileSchemeTable(scheme, bins);
  const labels = schemeLabels(scheme);
  const ruleToLabel = scheme.rules.map((rule) => labels.indexOf(rule.label));
  const fallbackIndex = labels.length - 1;
  const table = new Uint16Array(ruleTable.length);
  for (let i = 0; i < ruleTable.length; i++) {
    const k = ruleTable[i];
    table[i] = k < 0 ? fallbackIndex : ruleToLabel[k];
  }
  const byRule = compileScheme(scheme, bins);
  return {
    labels,
    table,
    lookup: (r, f, m) => {
      const k = byRule(r, f, m);
      return k < 0 ? fallbackIndex : ruleToLabel[k];
    },
  };
}
