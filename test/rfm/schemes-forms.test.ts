/**
 * The two written forms of a scheme: the sheet range (what analysts edit, what =RFM.SEGMENTS() spills) and the
 * JSON file (the CLI's --scheme file.json). Round trips, the reading rules, and error messages that say where.
 */
import * as fs from "fs";
import * as path from "path";
import {
  BUILTIN_SCHEMES,
  SCHEME_TABLE_HEADERS,
  checkScheme,
  listSchemes,
  schemeFromJson,
  schemeFromTable,
  schemeToJson,
  schemeToTable,
  segmentInfo,
  segmentLabel,
} from "../../src/rfm/schemes";
import { RfmError } from "../../src/rfm/errors";
import { thrownBy } from "../helpers/errors";
import type { Cell, Scheme } from "../../src/rfm/types";

const fixture = (name: string) => fs.readFileSync(path.resolve(__dirname, "../fixtures/schemes", name), "utf8");

const HEAD: Cell[] = [...SCHEME_TABLE_HEADERS];

function messageOf(fn: () => unknown): string {
  return thrownBy(fn, RfmError).message;
}

/** Same segment for every cell, plus same labels/texts: what "the same scheme" means to a user. */
function expectSameBehaviour(a: Scheme, b: Scheme) {
  for (let r = 1; r <= 5; r++)
    for (let f = 1; f <= 5; f++)
      for (let m = 1; m <= 5; m++) expect(segmentLabel(b, r, f, m)).toBe(segmentLabel(a, r, f, m));
}

describe("schemeToTable", () => {
  test("tiers4 spills the nine standard columns, blanks for any, and the fallback as the last row", () => {
    const t = schemeToTable(BUILTIN_SCHEMES.tiers4);
    expect(t[0]).toEqual(["Segment", "R from", "R to", "F from", "F to", "M from", "M to", "Description", "Action"]);
    expect(t.map((row) => row.slice(0, 7))).toEqual([
      ["Segment", "R from", "R to", "F from", "F to", "M from", "M to"],
      ["Top Customers", 4, 5, 4, 5, 4, 5],
      ["At-Risk Customers", 1, 2, 3, 5, "", ""],
      ["At-Risk Customers", 1, 2, "", "", 3, 5],
      ["Loyal Customers", "", "", 4, 5, "", ""],
      ["Potential Customers", 3, 5, "", "", "", ""],
      ["Other", "", "", "", "", "", ""],
    ]);
    expect(t[6][7]).toBe(BUILTIN_SCHEMES.tiers4.fallbackDescription);
    expect(t.every((row) => row.length === 9)).toBe(true);
  });

  test("rf10 (an exclusive map without explicit fallback) has no fallback row; includeName adds display names", () => {
    const t = schemeToTable(BUILTIN_SCHEMES.rf10);
    expect(t).toHaveLength(11);
    expect(t[10][0]).toBe("champions");
    const named = schemeToTable(BUILTIN_SCHEMES.rf10, { includeName: true });
    expect(named[0].slice(0, 3)).toEqual(["Segment", "Name", "R from"]);
    expect(named[10].slice(0, 2)).toEqual(["champions", "Champions"]);
  });
});

describe("schemeFromTable", () => {
  test.each(listSchemes().map((s) => [s.id, s] as const))("round trip of %s keeps every rule and text", (_id, s) => {
    const back = schemeFromTable(schemeToTable(s, { includeName: true }), {
      id: s.id,
      name: s.name,
      exclusive: s.exclusive,
    });
    const expected: Scheme = JSON.parse(JSON.stringify(s));
    if (!s.exclusive) expected.fallback = s.fallback ?? "Others";
    expect(back).toEqual(expected);
    expectSameBehaviour(s, back);
  });

  test("half-open ranges, aliases, 'any', extra columns and empty rows", () => {
    const values: Cell[][] = [
      ["Label", "recency_lower", "recency_upper", "F min", "F max", "Notes", "Action"],
      ["Recent", 4, "", "", "", "my note", "Say hi"],
      ["", "", "", "", "", "", ""],
      ["Old", "", 2, "any", "*", "", ""],
      ["Catch-all", "", "", "", "", "", "Ignore"],
    ];
    const s = schemeFromTable(values, { id: "mine" });
    expect(s.id).toBe("mine");
    expect(s.exclusive).toBe(false);
    expect(s.rules).toEqual([
      { label: "Recent", r: [4, 5], description: "", action: "Say hi" },
      { label: "Old", r: [1, 2], description: "", action: "" },
    ]);
    expect(s.fallback).toBe("Catch-all");
    expect(s.fallbackAction).toBe("Ignore");
    expect(segmentLabel(s, 3, 5, 5)).toBe("Catch-all");
    expect(segmentInfo(s, "Catch-all")?.action).toBe("Ignore");
  });

  test("numbers written as text are read; whole-number floats too", () => {
    const s = schemeFromTable([
      HEAD,
      ["A", "1", " 2 ", 3.0, 5, "", "", "d", "a"],
      ["B", "", "", "", "", "", "", "", ""],
    ]);
    expect(s.rules[0]).toMatchObject({ r: [1, 2], f: [3, 5] });
  });

  test.each([
    [
      "a word in a range cell",
      [HEAD, ["A", 1, 2, "", "", "", "", "", ""], ["B", 1, "x", "", "", "", "", "", ""]],
      'Row 3, "R to": expected a whole number 1..5, found "x".',
    ],
    [
      "a score above the bins",
      [HEAD, ["A", 1, 2, 3, 6, "", "", "", ""]],
      'Row 2, "F to": expected a whole number 1..5, found 6.',
    ],
    [
      "a fraction",
      [HEAD, ["A", "", "", "", "", 1.5, 2, "", ""]],
      'Row 2, "M from": expected a whole number 1..5, found 1.5.',
    ],
    [
      "a boolean",
      [HEAD, ["A", true, 2, "", "", "", "", "", ""]],
      'Row 2, "R from": expected a whole number 1..5, found TRUE.',
    ],
    [
      "from above to",
      [HEAD, ["A", 4, 2, "", "", "", "", "", ""]],
      'Row 2, "R to": 2 is less than "R from" 4; a range goes from the lower score to the higher.',
    ],
    [
      "a rule without label",
      [HEAD, ["A", 4, 5, "", "", "", "", "", ""], ["", 1, 2, "", "", "", "", "x", ""]],
      'Row 3, "Segment": expected a segment label, found an empty cell.',
    ],
    [
      "no Segment column",
      [
        ["Name", "R from", "R to"],
        ["A", 1, 2],
      ],
      'Row 1: no "Segment" column in the scheme range. Expected headers Segment, R from, R to, F from, F to, M from, M to, Description, Action; found "Name", "R from", "R to".',
    ],
    [
      "half a range pair",
      [
        ["Segment", "R from", "F from", "F to"],
        ["A", 1, 2, 3],
      ],
      'Row 1: found the column "R from" but not "R to"; ranges need both ends (leave cells blank for "any").',
    ],
    [
      "two columns for one field",
      [
        ["Segment", "R from", "R min", "R to"],
        ["A", 1, 1, 2],
      ],
      'Row 1: the columns "R from" and "R min" both mean "R from"; keep one.',
    ],
    ["header only", [HEAD], "The scheme range has a header row but no rules below it."],
    ["nothing", [], "The scheme range is empty"],
    [
      "a rule using the fallback's label",
      [HEAD, ["Others", 1, 2, "", "", "", "", "", ""], ["B", 3, 5, "", "", "", "", "", ""]],
      'Row 2, "Segment": "Others" is the fallback label for unmatched customers (the last row, or the default); give this rule another label.',
    ],
  ] as [string, Cell[][], string][])("error: %s", (_name, values, message) => {
    expect(messageOf(() => schemeFromTable(values))).toContain(message);
  });

  test("row numbers follow headerRowNumber, and bins changes the allowed range", () => {
    const values: Cell[][] = [HEAD, ["A", 1, 3, "", "", "", "", "", ""], ["B", 1, 7, "", "", "", "", "", ""]];
    expect(messageOf(() => schemeFromTable(values, { headerRowNumber: 4 }))).toBe(
      'Row 6, "R to": expected a whole number 1..5, found 7.',
    );
    const ten = schemeFromTable(values, { bins: 10 });
    expect(ten.bins).toBe(10);
    expect(ten.rules[1].r).toEqual([1, 7]);
  });

  test("an exclusive table with a gap is refused, naming the cells and where rules sit on the sheet", () => {
    const values: Cell[][] = [HEAD, ["lapsed", 1, 2, "", "", "", "", "", ""], ["recent", 4, 5, "", "", "", "", "", ""]];
    const message = messageOf(() => schemeFromTable(values, { id: "halves", exclusive: true }));
    expect(message).toBe(
      'Scheme "halves" is marked exclusive (a map), but 25 score cells match no rule (a map must cover every cell): ' +
        "R3 (any F, any M). (Rules are counted from the top: rule 1 is row 2, rule 2 is row 3.)",
    );
  });

  test("an ordered table with a shadowed rule is accepted; the checker reports it", () => {
    const s = schemeFromTable([
      HEAD,
      ["Frequent", "", "", 3, 5, "", "", "", ""],
      ["Very frequent", "", "", 5, 5, "", "", "", ""],
      ["Rest", "", "", "", "", "", "", "", ""],
    ]);
    expect(checkScheme(s).shadowed).toEqual(["Very frequent"]);
  });
});

describe("schemeFromJson", () => {
  test("the VIP fixture: defaults, single-number ranges, null = any", () => {
    const s = schemeFromJson(fixture("vip-ordered.json"));
    expect(s).toEqual({
      id: "vip",
      name: "VIP tiers",
      exclusive: false,
      bins: 5,
      fallback: "Everyone else",
      fallbackDescription: "Customers no rule picks out.",
      rules: [
        {
          label: "VIP",
          name: "Very important",
          r: [4, 5],
          f: [4, 5],
          m: [5, 5],
          description: "Recent, frequent, top spend.",
          action: "Call them.",
        },
        { label: "Big spenders", m: [4, 5], description: "High spend, any recency.", action: "Premium offers." },
        { label: "Recent", r: [5, 5], description: "Bought in the latest bin.", action: "" },
      ],
    });
    expect(segmentLabel(s, 5, 5, 5)).toBe("VIP");
    expect(segmentLabel(s, 5, 1, 1)).toBe("Recent");
    expect(segmentLabel(s, 1, 1, 1)).toBe("Everyone else");
  });

  test.each(listSchemes().map((s) => [s.id, s] as const))("round trip of %s", (_id, s) => {
    expect(schemeFromJson(schemeToJson(s))).toEqual(JSON.parse(JSON.stringify(s)));
  });

  test("the exclusive fixture with a gap names the cells", () => {
    expect(messageOf(() => schemeFromJson(fixture("exclusive-gap.json")))).toBe(
      'Scheme file: Scheme "halves" is marked exclusive (a map), but 25 score cells match no rule ' +
        "(a map must cover every cell): R3 (any F, any M).",
    );
  });

  test.each([
    [
      "syntax error, with line and column",
      '{\n  "rules": [\n    { "label": "A", }\n  ]\n}',
      /^Scheme file is not valid JSON at line 3, column 21: /,
    ],
    [
      "not an object",
      "[1, 2]",
      'Scheme file: expected a JSON object with "rules" (and optionally id, name, exclusive, bins, fallback), found a list.',
    ],
    ["no rules", '{"id": "x"}', "Scheme file, rules: expected a non-empty list of rules, found undefined."],
    [
      "unknown top-level key",
      '{"rulse": []}',
      'Scheme file, top level: unknown key "rulse" (known keys: id, name, exclusive, bins, fallback, fallbackDescription, fallbackAction, rules).',
    ],
    [
      "unknown rule key",
      '{"rules": [{"lable": "A"}]}',
      'Scheme file, rules[0]: unknown key "lable" (known keys: label, name, r, f, m, description, action).',
    ],
    [
      "missing label",
      '{"rules": [{"r": [1, 2]}]}',
      "Scheme file, rules[0].label: expected a non-empty label, found undefined.",
    ],
    [
      "bad range",
      '{"rules": [{"label": "A"}, {"label": "B", "f": [0, 3]}]}',
      'Scheme file, rules[1].f ("B"): expected [from, to] with whole numbers 1..5 and from <= to (or one whole number), found [0,3].',
    ],
    [
      "range above bins",
      '{"bins": 3, "rules": [{"label": "A", "m": 4}]}',
      'Scheme file, rules[0].m ("A"): expected [from, to] with whole numbers 1..3 and from <= to (or one whole number), found 4.',
    ],
    [
      "bad bins",
      '{"bins": 12, "rules": [{"label": "A"}]}',
      "Scheme file, bins: expected a whole number from 2 to 10, found 12.",
    ],
    [
      "exclusive not boolean",
      '{"exclusive": "yes", "rules": [{"label": "A"}]}',
      'Scheme file, exclusive: expected true or false, found "yes".',
    ],
    [
      "description not text",
      '{"rules": [{"label": "A", "description": 5}]}',
      "Scheme file, rules[0].description: expected text, found 5.",
    ],
  ] as [string, string, string | RegExp][])("error: %s", (_name, text, message) => {
    const got = messageOf(() => schemeFromJson(text));
    if (typeof message === "string") expect(got).toBe(message);
    else expect(got).toMatch(message);
  });
});
