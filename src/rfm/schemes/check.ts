/**
 * The scheme checker: what a scheme does to every one of the bins^3 score cells.
 *
 * Findings, for any scheme:
 * - uncovered: cells no rule matches (those customers get the fallback label);
 * - overlaps: cells two or more rules match, with all their labels in rule order;
 * - shadowed: rules that match some cells but never win one, because earlier rules match every cell they cover
 *   (first match wins, so such a rule can never label a customer);
 * - unreachable: rules that match no cell at all at the checked bin count (only when checking at a bin count other
 *   than the one the scheme is written for; see compile.ts).
 *
 * What counts as a problem (decided here, following issue 8: "a scheme marked exclusive must have neither"):
 * - exclusive scheme (a map): every uncovered cell, every overlap and every shadowed rule is a problem, `ok` is false,
 *   and `resolveScheme` refuses the scheme with these messages.
 * - ordered scheme (first match wins): overlaps are the point of ordering and uncovered cells are what the fallback
 *   is for, so neither is a problem; a shadowed rule is almost certainly a mistake, but the scheme still labels every
 *   customer, so it is reported in `notes` (a warning for the pane) and `ok` stays true.
 * Unreachable rules are always a note: the scheme still works, it just has no cell for that segment at this size.
 *
 * Cost: rules * bins^3 (at most a few thousand steps for bins = 10).
 *
 * Example: `checkScheme(BUILTIN_SCHEMES.tiers4)` → uncovered R1-2 F1-2 M1-2 (8 cells, they get "Other"), no
 * shadowed rules, ok.
 */
import type { Scheme, SchemeCheck, ScoreCell } from "../types";
import { cellAt, describeCells, describeRule } from "./cells";
import { compileSchemeTable, ruleMatches } from "./compile";
import { assertBins, fallbackOf, schemeBins, validateSchemeShape } from "./validate";

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Label used in `shadowed` / `unreachable`: the label, plus the rule number when the label is used by several
 *  rules (so "At-Risk Customers (rule 3)" is unambiguous). */
function ruleKey(scheme: Scheme, k: number): string {
  const label = scheme.rules[k].label;
  const shared = scheme.rules.filter((r) => r.label === label).length > 1;
  return shared ? `${label} (rule ${k + 1})` : label;
}

function ruleRef(scheme: Scheme, k: number): string {
  const rule = scheme.rules[k];
  return `Rule ${k + 1} ${JSON.stringify(rule.label)} (${describeRule(rule)})`;
}

/** Rules no customer can get: unreachable ones (no cell at this bin count) and shadowed ones (every cell taken
 *  by earlier rules), with their messages. */
function ruleReach(
  scheme: Scheme,
  matches: Uint8Array[],
  first: ArrayLike<number>,
  size: number,
): { shadowed: string[]; shadowMessages: string[]; unreachable: string[]; unreachableMessages: string[] } {
  const cells = size * size * size;
  const wins = new Int32Array(scheme.rules.length);
  for (let i = 0; i < cells; i++) if (first[i] >= 0) wins[first[i]]++;

  const shadowed: string[] = [];
  const shadowMessages: string[] = [];
  const unreachable: string[] = [];
  const unreachableMessages: string[] = [];
  matches.forEach((hits, k) => {
    let covers = 0;
    for (let i = 0; i < cells; i++) covers += hits[i];
    if (covers === 0) {
      unreachable.push(ruleKey(scheme, k));
      unreachableMessages.push(
        `${ruleRef(scheme, k)} matches no score cell at ${size} bins (the scheme is written for ` +
          `${schemeBins(scheme)}), so no customer gets it.`,
      );
    } else if (wins[k] === 0) {
      shadowed.push(ruleKey(scheme, k));
      const takers = new Set<number>();
      for (let i = 0; i < cells; i++) if (hits[i]) takers.add(first[i]);
      const by = [...takers]
        .sort((a, b) => a - b)
        .map((t) => `${t + 1} ${JSON.stringify(scheme.rules[t].label)}`)
        .join(", ");
      shadowMessages.push(
        `${ruleRef(scheme, k)} can never match: all ${plural(covers, "score cell")} it covers are taken by ` +
          `earlier rule${takers.size === 1 ? "" : "s"} ${by}.`,
      );
    }
  });

  return { shadowed, shadowMessages, unreachable, unreachableMessages };
}

/**
 * Checks `scheme` over all cells of `bins` bins (default: the bin count the scheme is written for).
 * Throws `RfmError("badScheme")` only for a malformed scheme (see validate.ts); coverage findings are returned.
 */
export function checkScheme(scheme: Scheme, bins?: number): SchemeCheck {
  validateSchemeShape(scheme);
  const size = bins ?? schemeBins(scheme);
  assertBins(size, "The number of score bins");
  const cells = size * size * size;
  const matches = ruleMatches(scheme, size);
  const first = compileSchemeTable(scheme, size);
  const fallback = fallbackOf(scheme);

  const count = new Uint8Array(cells);
  for (const hits of matches) for (let i = 0; i < cells; i++) count[i] += hits[i];

  const uncovered: ScoreCell[] = [];
  const overlaps: { cell: ScoreCell; labels: string[] }[] = [];
  const uncoveredSet = new Uint8Array(cells);
  // Overlapping cells grouped by which rules match them, so each group is named once with its labels.
  const overlapGroups = new Map<string, { rules: number[]; set: Uint8Array; n: number }>();
  for (let i = 0; i < cells; i++) {
    if (count[i] === 0) {
      uncovered.push(cellAt(size, i));
      uncoveredSet[i] = 1;
    } else if (count[i] > 1) {
      const rules: number[] = [];
      matches.forEach((hits, k) => {
        if (hits[i]) rules.push(k);
      });
      overlaps.push({ cell: cellAt(size, i), labels: rules.map((k) => scheme.rules[k].label) });
      const key = rules.join(",");
      let group = overlapGroups.get(key);
      if (!group) {
        group = { rules, set: new Uint8Array(cells), n: 0 };
        overlapGroups.set(key, group);
      }
      group.set[i] = 1;
      group.n++;
    }
  }

  const { shadowed, shadowMessages, unreachable, unreachableMessages } = ruleReach(scheme, matches, first, size);

  const problems: string[] = [];
  const notes: string[] = [];
  if (scheme.exclusive) {
    if (uncovered.length) {
      problems.push(
        `${plural(uncovered.length, "score cell")} match${uncovered.length === 1 ? "es" : ""} no rule ` +
          `(a map must cover every cell): ${describeCells(uncoveredSet, size)}.`,
      );
    }
    if (overlaps.length) {
      const parts = [...overlapGroups.values()].map(
        (g) =>
          `${describeCells(g.set, size)} (rules ${g.rules
            .map((k) => `${k + 1} ${JSON.stringify(scheme.rules[k].label)}`)
            .join(", ")})`,
      );
      problems.push(
        `${plural(overlaps.length, "score cell")} match${overlaps.length === 1 ? "es" : ""} more than one rule ` +
          `(a map must cover each cell once): ${parts.join("; ")}.`,
      );
    }
    problems.push(...shadowMessages);
  } else {
    if (uncovered.length) {
      notes.push(
        `${plural(uncovered.length, "score cell")} of ${cells} match${uncovered.length === 1 ? "es" : ""} no ` +
          `rule and get ${JSON.stringify(fallback)}: ${describeCells(uncoveredSet, size)}.`,
      );
    }
    notes.push(...shadowMessages);
  }
  notes.push(...unreachableMessages);

  return { uncovered, overlaps, shadowed, unreachable, ok: problems.length === 0, problems, notes };
}
