/**
 * Segment schemes: built-in content, resolution and validation, the checker and the compiled lookup.
 * The checker's findings are compared with a naive loop written here (independent of check.ts / compile.ts), and
 * the concrete cells are also asserted from reasoning about the rules (see the comments).
 */
import fc from "fast-check";
import {
  BUILTIN_SCHEMES,
  axisMap,
  checkScheme,
  compileScheme,
  compileSchemeTable,
  compileSegments,
  fallbackLabel,
  listSchemes,
  resolveScheme,
  schemeLabels,
  segmentInfo,
  segmentLabel,
} from "../../src/rfm/schemes";
import { RfmError } from "../../src/rfm/errors";
import type { Scheme, ScoreCell, SegmentRule } from "../../src/rfm/types";

type Range = [number, number];

/** Naive reference: every rule matching a cell, in order (ranges taken literally at the scheme's own bins). */
function naiveMatches(scheme: Scheme, r: number, f: number, m: number): number[] {
  const inR = (x: number, range?: Range) => !range || (x >= range[0] && x <= range[1]);
  const out: number[] = [];
  scheme.rules.forEach((rule, k) => {
    if (inR(r, rule.r) && inR(f, rule.f) && inR(m, rule.m)) out.push(k);
  });
  return out;
}

function allCells(bins: number): ScoreCell[] {
  const cells: ScoreCell[] = [];
  for (let r = 1; r <= bins; r++)
    for (let f = 1; f <= bins; f++) for (let m = 1; m <= bins; m++) cells.push({ r, f, m });
  return cells;
}

function naiveCheck(scheme: Scheme) {
  const bins = scheme.bins ?? 5;
  const uncovered: ScoreCell[] = [];
  const overlaps: { cell: ScoreCell; labels: string[] }[] = [];
  const wins = scheme.rules.map(() => 0);
  const covers = scheme.rules.map(() => 0);
  for (const c of allCells(bins)) {
    const hit = naiveMatches(scheme, c.r, c.f, c.m);
    hit.forEach((k) => covers[k]++);
    if (hit.length === 0) uncovered.push(c);
    else wins[hit[0]]++;
    if (hit.length > 1) overlaps.push({ cell: c, labels: hit.map((k) => scheme.rules[k].label) });
  }
  const shadowed = scheme.rules.filter((_, k) => covers[k] > 0 && wins[k] === 0).map((r) => r.label);
  return { uncovered, overlaps, shadowed };
}

function rule(label: string, r?: Range, f?: Range, m?: Range): SegmentRule {
  const out: SegmentRule = { label, description: `${label} description`, action: `${label} action` };
  if (r) out.r = r;
  if (f) out.f = f;
  if (m) out.m = m;
  return out;
}

function scheme(id: string, rules: SegmentRule[], exclusive: boolean, extra: Partial<Scheme> = {}): Scheme {
  return { id, name: id, rules, exclusive, ...extra };
}

describe("built-in schemes", () => {
  test("ids, order and the default", () => {
    expect(Object.keys(BUILTIN_SCHEMES).sort()).toEqual(["r-rfm", "rf10", "tiers4"]);
    expect(listSchemes().map((s) => s.id)).toEqual(["rf10", "tiers4", "r-rfm"]);
    expect(resolveScheme(undefined)).toBe(BUILTIN_SCHEMES.rf10);
    for (const s of listSchemes()) {
      expect(s.bins).toBe(5);
      for (const r of s.rules) {
        expect(r.description.length).toBeGreaterThan(10);
        expect(r.action.length).toBeGreaterThan(10);
      }
    }
  });

  test("rf10 is exactly the issue's R x F map, M omitted", () => {
    const s = BUILTIN_SCHEMES.rf10;
    expect(s.exclusive).toBe(true);
    expect(s.rules.map((r) => [r.label, r.r, r.f, r.m])).toEqual([
      ["hibernating", [1, 2], [1, 2], undefined],
      ["at_risk", [1, 2], [3, 4], undefined],
      ["cant_lose", [1, 2], [5, 5], undefined],
      ["about_to_sleep", [3, 3], [1, 2], undefined],
      ["need_attention", [3, 3], [3, 3], undefined],
      ["loyal_customers", [3, 4], [4, 5], undefined],
      ["promising", [4, 4], [1, 1], undefined],
      ["new_customers", [5, 5], [1, 1], undefined],
      ["potential_loyalists", [4, 5], [2, 3], undefined],
      ["champions", [5, 5], [4, 5], undefined],
    ]);
    expect(s.rules.find((r) => r.label === "champions")?.name).toBe("Champions");
  });

  test("tiers4: ordered, At-Risk as two rules with the same label, fallback Other", () => {
    const s = BUILTIN_SCHEMES.tiers4;
    expect(s.exclusive).toBe(false);
    expect(fallbackLabel(s)).toBe("Other");
    expect(s.rules.map((r) => [r.label, r.r, r.f, r.m])).toEqual([
      ["Top Customers", [4, 5], [4, 5], [4, 5]],
      ["At-Risk Customers", [1, 2], [3, 5], undefined],
      ["At-Risk Customers", [1, 2], undefined, [3, 5]],
      ["Loyal Customers", undefined, [4, 5], undefined],
      ["Potential Customers", [3, 5], undefined, undefined],
    ]);
  });

  test("r-rfm is the R package's documented table (its lower/upper vectors), in order, fallback Others", () => {
    // Transcribed from the rfm package's rfm_segment() example.
    const names = [
      "Champions",
      "Potential Loyalist",
      "Loyal Customers",
      "Promising",
      "New Customers",
      "Can't Lose Them",
      "At Risk",
      "Need Attention",
      "About To Sleep",
      "Lost",
    ];
    const rl = [5, 3, 2, 3, 4, 1, 1, 1, 2, 1];
    const ru = [5, 5, 4, 4, 5, 2, 2, 3, 3, 1];
    const fl = [5, 3, 2, 1, 1, 3, 2, 3, 1, 1];
    const fu = [5, 5, 4, 3, 3, 4, 5, 5, 3, 5];
    const ml = [5, 2, 2, 3, 1, 4, 4, 3, 1, 1];
    const mu = [5, 5, 4, 5, 5, 5, 5, 5, 4, 5];
    const s = BUILTIN_SCHEMES["r-rfm"];
    expect(s.exclusive).toBe(false);
    expect(fallbackLabel(s)).toBe("Others");
    expect(s.rules.map((r) => [r.label, r.r, r.f, r.m])).toEqual(
      names.map((n, i) => [n, [rl[i], ru[i]], [fl[i], fu[i]], [ml[i], mu[i]]]),
    );
  });

  test("built-ins are frozen", () => {
    expect(Object.isFrozen(BUILTIN_SCHEMES.rf10)).toBe(true);
    expect(Object.isFrozen(BUILTIN_SCHEMES.rf10.rules[0])).toBe(true);
    expect(Object.isFrozen(BUILTIN_SCHEMES.rf10.rules[0].r)).toBe(true);
  });
});

describe("checkScheme on the built-ins", () => {
  test("rf10: no gaps, no overlaps, no shadowed rules", () => {
    const c = checkScheme(BUILTIN_SCHEMES.rf10);
    expect(c).toEqual({
      uncovered: [],
      overlaps: [],
      shadowed: [],
      unreachable: [],
      ok: true,
      problems: [],
      notes: [],
    });
    // and the naive loop agrees that every cell is matched exactly once
    for (const cell of allCells(5)) expect(naiveMatches(BUILTIN_SCHEMES.rf10, cell.r, cell.f, cell.m)).toHaveLength(1);
  });

  test("tiers4: the 8 cells R1-2 F1-2 M1-2 get Other; nothing shadowed", () => {
    // Reasoning: rules 2-3 take every R1-2 cell with F>=3 or M>=3; Loyal takes F4-5; Potential takes R3-5.
    // Left: R1-2 with F<=2 and M<=2, i.e. 2 x 2 x 2 cells. Every rule wins some cell: Top R4-5 F4-5 M4-5,
    // At-Risk #2 R1-2 F1-2 M3-5, Loyal R3 F4-5 and R4-5 F4-5 M1-3, Potential R3-5 F1-3.
    const s = BUILTIN_SCHEMES.tiers4;
    const c = checkScheme(s);
    const expected: ScoreCell[] = [];
    for (const r of [1, 2]) for (const f of [1, 2]) for (const m of [1, 2]) expected.push({ r, f, m });
    expect(c.uncovered).toEqual(expected);
    expect(c.shadowed).toEqual([]);
    expect(c.ok).toBe(true);
    expect(c.problems).toEqual([]);
    expect(c.notes).toEqual(['8 score cells of 125 match no rule and get "Other": R1-2 F1-2 M1-2.']);
    const naive = naiveCheck(s);
    expect(c.uncovered).toEqual(naive.uncovered);
    expect(c.overlaps).toEqual(naive.overlaps);
    expect(c.shadowed).toEqual(naive.shadowed);
  });

  test("r-rfm: 10 cells get Others; no rule is shadowed", () => {
    // Checked by hand against the table: e.g. R2 F1 M5 — Potential Loyalist needs F>=3, Loyal M<=4, Promising
    // R>=3, New R>=4, Can't Lose/At Risk F>=2..3, Need Attention F>=3, About To Sleep M<=4, Lost R=1 → none.
    // R2-5 F4-5 M1: everything with F4-5 needs M>=2 (Potential Loyalist, Loyal, At Risk ...) or F<=3 → none.
    const s = BUILTIN_SCHEMES["r-rfm"];
    const c = checkScheme(s);
    const expected: ScoreCell[] = [{ r: 2, f: 1, m: 5 }];
    for (const r of [2, 3, 4, 5]) for (const f of [4, 5]) expected.push({ r, f, m: 1 });
    expected.push({ r: 2, f: 5, m: 2 });
    const key = (x: ScoreCell) => x.r * 100 + x.f * 10 + x.m;
    expect(c.uncovered.map(key).sort()).toEqual(expected.map(key).sort());
    expect(c.shadowed).toEqual([]);
    expect(c.ok).toBe(true);
    expect(c.notes).toEqual([
      '10 score cells of 125 match no rule and get "Others": R2 F1 M5; R2-5 F4-5 M1; R2 F5 M2.',
    ]);
    const naive = naiveCheck(s);
    expect(c.uncovered).toEqual(naive.uncovered);
    expect(c.overlaps).toEqual(naive.overlaps);
    expect(c.shadowed).toEqual(naive.shadowed);
    // Champions' single cell R5 F5 M5 is also inside Potential Loyalist: order matters, and overlaps are fine here.
    expect(c.overlaps.find((o) => o.cell.r === 5 && o.cell.f === 5 && o.cell.m === 5)?.labels).toEqual([
      "Champions",
      "Potential Loyalist",
    ]);
  });
});

describe("checkScheme findings", () => {
  test("a shadowed rule in an ordered scheme is reported (a note, the scheme still works)", () => {
    // "Frequent" (F4-5) is entirely inside "Top" (F3-5) which comes first.
    const s = scheme(
      "shadow",
      [rule("Top", undefined, [3, 5]), rule("Frequent", undefined, [4, 5]), rule("Rest", [1, 5])],
      false,
    );
    const c = checkScheme(s);
    expect(c.shadowed).toEqual(["Frequent"]);
    expect(c.ok).toBe(true);
    expect(c.problems).toEqual([]);
    expect(c.notes).toEqual([
      'Rule 2 "Frequent" (F4-5) can never match: all 50 score cells it covers are taken by earlier rule 1 "Top".',
    ]);
    expect(naiveCheck(s).shadowed).toEqual(["Frequent"]);
    expect(c.uncovered).toEqual([]); // Rest covers R1-5
  });

  test("a rule shadowed by two earlier rules together names both", () => {
    const s = scheme("pair", [rule("Low", [1, 2]), rule("High", [3, 5]), rule("Any F5", undefined, [5, 5])], false);
    const c = checkScheme(s);
    expect(c.shadowed).toEqual(["Any F5"]);
    expect(c.notes?.[0]).toContain('taken by earlier rules 1 "Low", 2 "High"');
  });

  test("an exclusive scheme with a gap: not ok, the problem names the cells", () => {
    const rules = BUILTIN_SCHEMES.rf10.rules.filter((r) => r.label !== "need_attention");
    const s = scheme("gap", rules, true);
    const c = checkScheme(s);
    expect(c.ok).toBe(false);
    expect(c.uncovered).toHaveLength(5); // R3 F3 with each M
    expect(c.uncovered.every((x) => x.r === 3 && x.f === 3)).toBe(true);
    expect(c.problems).toEqual(["5 score cells match no rule (a map must cover every cell): R3 F3 (any M)."]);
    expect(() => resolveScheme(s)).toThrow(RfmError);
    expect(() => resolveScheme(s)).toThrow(
      'Scheme "gap" is marked exclusive (a map), but 5 score cells match no rule (a map must cover every cell): ' +
        "R3 F3 (any M).",
    );
  });

  test("an exclusive scheme with an overlap: the problem names the cells and the rules", () => {
    // promising widened to R3-4 F1 overlaps about_to_sleep (R3 F1-2) on R3 F1.
    const rules = BUILTIN_SCHEMES.rf10.rules.map((r) => (r.label === "promising" ? { ...r, r: [3, 4] as Range } : r));
    const s = scheme("overlap", rules, true);
    const c = checkScheme(s);
    expect(c.ok).toBe(false);
    expect(c.overlaps).toHaveLength(5);
    expect(c.overlaps[0]).toEqual({ cell: { r: 3, f: 1, m: 1 }, labels: ["about_to_sleep", "promising"] });
    expect(c.problems).toEqual([
      '5 score cells match more than one rule (a map must cover each cell once): R3 F1 (any M) (rules 4 "about_to_sleep", 7 "promising").',
    ]);
    let message = "";
    try {
      resolveScheme(s);
    } catch (e) {
      message = (e as RfmError).message;
      expect((e as RfmError).code).toBe("badScheme");
    }
    expect(message).toContain("R3 F1 (any M)");
    expect(message).toContain('"about_to_sleep"');
  });

  test("an exclusive scheme with a shadowed rule is a problem", () => {
    const s = scheme("dup", [rule("All", [1, 5]), rule("Also", [5, 5])], true);
    const c = checkScheme(s);
    expect(c.ok).toBe(false);
    expect(c.shadowed).toEqual(["Also"]);
    expect(c.problems).toHaveLength(2); // the overlap and the shadowed rule
    expect(c.problems[1]).toContain('Rule 2 "Also" (R5) can never match');
  });

  test("many scattered gaps are summarised, not listed one by one", () => {
    // Only cells with r + f + m even are covered (one rule per cell). An odd sum needs three odd scores
    // (3 x 3 x 3 = 27) or one odd and two even (3 x 3 x 2 x 2 = 36): 63 scattered gaps.
    const rules: SegmentRule[] = allCells(5)
      .filter((c) => (c.r + c.f + c.m) % 2 === 0)
      .map((c) => rule(`c${c.r}${c.f}${c.m}`, [c.r, c.r], [c.f, c.f], [c.m, c.m]));
    const c = checkScheme(scheme("checker", rules, true));
    expect(c.uncovered).toHaveLength(63);
    expect(c.problems[0]).toBe(
      "63 score cells match no rule (a map must cover every cell): R1 F1 M1; R1 F1 M3; R1 F1 M5; R1 F2 M2; " +
        "R1 F2 M4; R1 F3 M1; R1 F3 M3; R1 F3 M5; and 55 more cells.",
    );
  });

  test("shared labels are told apart in `shadowed`", () => {
    const s = scheme("shared", [rule("A", [1, 3]), rule("A", [1, 2]), rule("B", [4, 5])], false);
    expect(checkScheme(s).shadowed).toEqual(["A (rule 2)"]);
  });
});

describe("other bin counts (ranges rescaled by bin midpoints)", () => {
  test("axis map 5 → 10 doubles every range; 5 → 3 keeps 1, 3, 5", () => {
    expect(Array.from(axisMap(10, 5)).slice(1)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(Array.from(axisMap(3, 5)).slice(1)).toEqual([1, 3, 5]);
    expect(Array.from(axisMap(5, 5)).slice(1)).toEqual([1, 2, 3, 4, 5]);
    // midpoint of bin t of T on the 5-bin scale: T = 4 → .125, .375, .625, .875 → x5 = .625, 1.875, 3.125, 4.375
    expect(Array.from(axisMap(4, 5)).slice(1)).toEqual([1, 2, 4, 5]);
    // ties (even scheme bins) go towards the middle: 4 → 2 maps 1 → 2 and 2 → 3
    expect(Array.from(axisMap(2, 4)).slice(1)).toEqual([2, 3]);
  });

  test("rf10 at 10 bins is still a complete map; R7-8 F1-2 is promising", () => {
    const c = checkScheme(BUILTIN_SCHEMES.rf10, 10);
    expect(c.ok).toBe(true);
    expect(c.uncovered).toEqual([]);
    expect(c.overlaps).toEqual([]);
    expect(segmentLabel(BUILTIN_SCHEMES.rf10, 7, 2, 1, 10)).toBe("promising");
    expect(segmentLabel(BUILTIN_SCHEMES.rf10, 9, 1, 10, 10)).toBe("new_customers");
    expect(segmentLabel(BUILTIN_SCHEMES.rf10, 10, 7, 3, 10)).toBe("champions");
    expect(segmentLabel(BUILTIN_SCHEMES.rf10, 6, 6, 3, 10)).toBe("need_attention"); // R3 F3
    expect(segmentLabel(BUILTIN_SCHEMES.rf10, 6, 7, 3, 10)).toBe("loyal_customers"); // R3 F4
  });

  test("rf10 at 3 bins: promising (R4 F1) has no cell, reported as unreachable, not a problem", () => {
    const c = checkScheme(BUILTIN_SCHEMES.rf10, 3);
    expect(c.ok).toBe(true);
    expect(c.uncovered).toEqual([]);
    expect(c.unreachable).toEqual(["promising"]);
    expect(c.shadowed).toEqual([]);
    expect(c.notes).toEqual([
      'Rule 7 "promising" (R4 F1) matches no score cell at 3 bins (the scheme is written for 5), so no customer gets it.',
    ]);
  });

  test("compiled at T bins = compiled at 5 bins after mapping each score (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10 }), fc.constantFrom(...listSchemes()), (bins, s) => {
        const map = axisMap(bins, 5);
        const atT = compileScheme(s, bins);
        const at5 = compileScheme(s, 5);
        for (const c of allCells(bins)) expect(atT(c.r, c.f, c.m)).toBe(at5(map[c.r], map[c.f], map[c.m]));
      }),
      { numRuns: 30 },
    );
  });
});

describe("compileScheme", () => {
  test("first match, -1 for the fallback, same as the naive loop for every built-in", () => {
    for (const s of listSchemes()) {
      const lookup = compileScheme(s, 5);
      for (const c of allCells(5)) {
        const naive = naiveMatches(s, c.r, c.f, c.m);
        expect(lookup(c.r, c.f, c.m)).toBe(naive.length ? naive[0] : -1);
      }
    }
    expect(compileScheme(BUILTIN_SCHEMES.rf10, 5)(5, 5, 1)).toBe(9);
    expect(compileScheme(BUILTIN_SCHEMES.tiers4, 5)(1, 1, 1)).toBe(-1);
    expect(compileSchemeTable(BUILTIN_SCHEMES.tiers4, 5)).toBeInstanceOf(Int16Array);
  });

  test("scores outside 1..bins throw instead of silently falling back", () => {
    const lookup = compileScheme(BUILTIN_SCHEMES.rf10, 5);
    expect(() => lookup(0, 1, 1)).toThrow("Scores must be whole numbers 1..5, found R=0, F=1, M=1.");
    expect(() => lookup(6, 1, 1)).toThrow(RfmError);
    expect(() => lookup(2.5, 1, 1)).toThrow(RfmError);
    expect(() => lookup(NaN, 1, 1)).toThrow(RfmError);
    expect(() => compileScheme(BUILTIN_SCHEMES.rf10, 11)).toThrow(/2 to 10, found 11/);
  });

  test("random ordered schemes: compiled lookup = naive first match; checker = naive checker", () => {
    const range = fc
      .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
      .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as Range);
    const ruleArb = fc.record({
      label: fc.constantFrom("A", "B", "C", "D", "E"),
      r: fc.option(range, { nil: undefined }),
      f: fc.option(range, { nil: undefined }),
      m: fc.option(range, { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(ruleArb, { minLength: 1, maxLength: 8 }), fc.boolean(), (raw, exclusive) => {
        const s = scheme(
          "random",
          raw.map((x) => rule(x.label, x.r, x.f, x.m)),
          exclusive,
        );
        const lookup = compileScheme(s, 5);
        for (const c of allCells(5)) {
          const naive = naiveMatches(s, c.r, c.f, c.m);
          expect(lookup(c.r, c.f, c.m)).toBe(naive.length ? naive[0] : -1);
        }
        const c = checkScheme(s);
        const n = naiveCheck(s);
        expect(c.uncovered).toEqual(n.uncovered);
        expect(c.overlaps).toEqual(n.overlaps);
        expect(c.shadowed.map((x) => x.replace(/ \(rule \d+\)$/, ""))).toEqual(n.shadowed);
        const clean = n.uncovered.length === 0 && n.overlaps.length === 0 && n.shadowed.length === 0;
        expect(c.ok).toBe(exclusive ? clean : true);
      }),
      { numRuns: 300 },
    );
  });

  test("compileSegments maps rules sharing a label to one index, fallback last", () => {
    const seg = compileSegments(BUILTIN_SCHEMES.tiers4, 5);
    expect(seg.labels).toEqual([
      "Top Customers",
      "At-Risk Customers",
      "Loyal Customers",
      "Potential Customers",
      "Other",
    ]);
    expect(schemeLabels(BUILTIN_SCHEMES.tiers4)).toEqual(seg.labels);
    expect(seg.lookup(1, 4, 1)).toBe(1); // rule 2
    expect(seg.lookup(1, 1, 4)).toBe(1); // rule 3, same label
    expect(seg.lookup(1, 1, 1)).toBe(4); // Other
    expect(seg.lookup(5, 5, 5)).toBe(0);
    for (const c of allCells(5)) {
      expect(seg.labels[seg.table[((c.r - 1) * 5 + (c.f - 1)) * 5 + (c.m - 1)]]).toBe(
        segmentLabel(BUILTIN_SCHEMES.tiers4, c.r, c.f, c.m),
      );
    }
  });
});

describe("resolveScheme and validation", () => {
  test("ids are matched ignoring case and spaces; unknown ids are named", () => {
    expect(resolveScheme("TIERS4")).toBe(BUILTIN_SCHEMES.tiers4);
    expect(resolveScheme(" r-rfm ")).toBe(BUILTIN_SCHEMES["r-rfm"]);
    expect(() => resolveScheme("x")).toThrow('Unknown scheme "x". Known schemes: rf10, tiers4, r-rfm');
    try {
      resolveScheme("nope");
    } catch (e) {
      expect((e as RfmError).code).toBe("unknownScheme");
    }
  });

  test("a valid scheme object is returned as is", () => {
    const s = scheme("mine", [rule("Best", [5, 5], [5, 5]), rule("Rest", [1, 5])], false);
    expect(resolveScheme(s)).toBe(s);
  });

  test.each([
    [
      "empty label",
      scheme("s", [rule("ok", [1, 2]), rule("  ", [3, 5])], false),
      'Scheme "s", rule 2, field "label": expected a non-empty label, found "  ".',
    ],
    [
      "range below 1",
      scheme("s", [rule("low", [0, 3])], false),
      'Scheme "s", rule 1 ("low"), field "r": expected [from, to] with whole numbers 1..5 and from <= to, found [0,3].',
    ],
    [
      "from > to",
      scheme("s", [rule("a"), rule("b", undefined, [4, 2])], false),
      'Scheme "s", rule 2 ("b"), field "f": expected [from, to] with whole numbers 1..5 and from <= to, found [4,2].',
    ],
    [
      "fractional bound",
      scheme("s", [rule("a", undefined, undefined, [1, 2.5])], false),
      'Scheme "s", rule 1 ("a"), field "m": expected [from, to] with whole numbers 1..5 and from <= to, found [1,2.5].',
    ],
    [
      "above the scheme's own bins",
      scheme("s", [rule("a", [1, 4])], false, { bins: 3 }),
      'Scheme "s", rule 1 ("a"), field "r": expected [from, to] with whole numbers 1..3 and from <= to, found [1,4].',
    ],
    ["no rules", scheme("s", [], false), 'Scheme "s" has no rules: give at least one segment rule.'],
    [
      "rule labelled like the fallback",
      scheme("s", [rule("Others", [1, 2])], false),
      'Scheme "s", rule 1 ("Others"), field "label": "Others" is the fallback label for unmatched scores; give the rule another label or change the fallback.',
    ],
  ])("%s", (_name, s, message) => {
    expect(() => resolveScheme(s)).toThrow(message);
    try {
      resolveScheme(s);
    } catch (e) {
      expect((e as RfmError).code).toBe("badScheme");
    }
  });
});

describe("labels and segment information", () => {
  test("segmentLabel, fallbackLabel, segmentInfo", () => {
    expect(segmentLabel(BUILTIN_SCHEMES.rf10, 1, 1, 5)).toBe("hibernating");
    expect(segmentLabel(BUILTIN_SCHEMES.tiers4, 1, 1, 3)).toBe("At-Risk Customers");
    expect(segmentLabel(BUILTIN_SCHEMES.tiers4, 2, 2, 2)).toBe("Other");
    expect(segmentLabel(BUILTIN_SCHEMES["r-rfm"], 5, 5, 5)).toBe("Champions");
    expect(segmentLabel(BUILTIN_SCHEMES["r-rfm"], 2, 1, 5)).toBe("Others");
    expect(fallbackLabel(BUILTIN_SCHEMES.rf10)).toBe("Others");
    const info = segmentInfo(BUILTIN_SCHEMES.rf10, "cant_lose");
    expect(info?.name).toBe("Can't Lose Them");
    expect(info?.description).toMatch(/frequent/);
    const fb = segmentInfo(BUILTIN_SCHEMES.tiers4, "Other");
    expect(fb).toEqual({
      label: "Other",
      name: "Other",
      description: BUILTIN_SCHEMES.tiers4.fallbackDescription,
      action: BUILTIN_SCHEMES.tiers4.fallbackAction,
    });
    expect(segmentInfo(BUILTIN_SCHEMES.rf10, "Others")?.description).toMatch(/match none/);
    expect(segmentInfo(BUILTIN_SCHEMES.rf10, "nobody")).toBeUndefined();
  });
});
