/**
 * A scheme as a JSON file, for the CLI's `--scheme file.json`. The format is the `Scheme` type itself:
 *
 *   {
 *     "id": "vip", "name": "VIP tiers", "exclusive": false, "bins": 5,
 *     "fallback": "Others", "fallbackDescription": "...", "fallbackAction": "...",
 *     "rules": [
 *       { "label": "VIP", "r": [4, 5], "f": [4, 5], "m": [5, 5], "description": "...", "action": "..." },
 *       { "label": "Recent", "r": 5, "description": "..." }
 *     ]
 *   }
 *
 * Only "rules" is required. Defaults: id "custom", name = id, exclusive false, bins 5, description and action "".
 * A range is [from, to] or a single whole number (= [n, n]); omitted or null = any score. Unknown keys are errors
 * (a typo such as "lable" should not silently drop a field). Errors say where: `Scheme file, rules[2].r: ...`;
 * JSON syntax errors give the line and column. After reading, the scheme is validated like any other
 * (`resolveScheme`): an exclusive scheme with gaps or overlaps is refused with the cells named.
 *
 * Cost: JSON.parse plus one check of bins^3 cells.
 */
import { RfmError } from "../errors";
import type { Scheme, SegmentRule } from "../types";
import { validateScheme } from "./resolve";

const TOP_KEYS = ["id", "name", "exclusive", "bins", "fallback", "fallbackDescription", "fallbackAction", "rules"];
const RULE_KEYS = ["label", "name", "r", "f", "m", "description", "action"];

function fail(path: string, message: string): never {
  throw new RfmError("badScheme", `Scheme file, ${path}: ${message}`);
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

function optionalString(obj: Record<string, unknown>, key: string, path: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") fail(`${path}${key}`, `expected text, found ${show(v)}.`);
  return v;
}

function checkKeys(obj: Record<string, unknown>, allowed: string[], path: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      fail(`${path || "top level"}`, `unknown key ${JSON.stringify(key)} (known keys: ${allowed.join(", ")}).`);
    }
  }
}

function readRange(v: unknown, path: string, bins: number): [number, number] | undefined {
  if (v === undefined || v === null) return undefined;
  const whole = (x: unknown): x is number => typeof x === "number" && Number.isInteger(x) && x >= 1 && x <= bins;
  if (whole(v)) return [v, v];
  if (Array.isArray(v) && v.length === 2 && whole(v[0]) && whole(v[1]) && v[0] <= v[1]) return [v[0], v[1]];
  return fail(
    path,
    `expected [from, to] with whole numbers 1..${bins} and from <= to (or one whole number), found ${show(v)}.`,
  );
}

/**
 * A scheme from its JSON text (the `--scheme file.json` form; see the top of the file).
 * @param text JSON text of a scheme object
 * @returns the validated scheme
 * @throws RfmError("badScheme") naming the JSON path of the first problem, or saying the text is not JSON
 * @example schemeFromJson('{"id":"x","name":"X","exclusive":false,"rules":[{"label":"all","description":"","action":""}]}')
 */
export function schemeFromJson(text: string): Scheme {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(message);
    const where = pos ? ` at ${lineColumn(text, Number(pos[1]))}` : "";
    throw new RfmError("badScheme", `Scheme file is not valid JSON${where}: ${message}`);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new RfmError(
      "badScheme",
      `Scheme file: expected a JSON object with "rules" (and optionally id, name, exclusive, bins, fallback), ` +
        `found ${Array.isArray(data) ? "a list" : show(data)}.`,
    );
  }
  const obj = data as Record<string, unknown>;
  checkKeys(obj, TOP_KEYS, "");

  const bins = obj.bins === undefined || obj.bins === null ? 5 : obj.bins;
  if (typeof bins !== "number" || !Number.isInteger(bins) || bins < 2 || bins > 10) {
    fail("bins", `expected a whole number from 2 to 10, found ${show(bins)}.`);
  }
  if (obj.exclusive !== undefined && typeof obj.exclusive !== "boolean") {
    fail("exclusive", `expected true or false, found ${show(obj.exclusive)}.`);
  }
  const id = optionalString(obj, "id", "") ?? "custom";
  if (!Array.isArray(obj.rules) || obj.rules.length === 0) {
    fail("rules", `expected a non-empty list of rules, found ${show(obj.rules)}.`);
  }

  const rules: SegmentRule[] = obj.rules.map((raw: unknown, i: number) => {
    const path = `rules[${i}]`;
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      fail(path, `expected an object with "label" and ranges, found ${show(raw)}.`);
    }
    const r = raw as Record<string, unknown>;
    checkKeys(r, RULE_KEYS, path);
    const label = optionalString(r, "label", `${path}.`);
    if (!label || !label.trim()) fail(`${path}.label`, `expected a non-empty label, found ${show(r.label)}.`);
    const rule: SegmentRule = {
      label,
      description: optionalString(r, "description", `${path}.`) ?? "",
      action: optionalString(r, "action", `${path}.`) ?? "",
    };
    const name = optionalString(r, "name", `${path}.`);
    if (name !== undefined) rule.name = name;
    for (const axis of ["r", "f", "m"] as const) {
      const range = readRange(r[axis], `${path}.${axis} (${JSON.stringify(label)})`, bins);
      if (range) rule[axis] = range;
    }
    return rule;
  });

  const scheme: Scheme = {
    id,
    name: optionalString(obj, "name", "") ?? id,
    rules,
    exclusive: obj.exclusive === true,
    bins,
  };
  for (const key of ["fallback", "fallbackDescription", "fallbackAction"] as const) {
    const v = optionalString(obj, key, "");
    if (v !== undefined) scheme[key] = v;
  }
  try {
    return validateScheme(scheme);
  } catch (e) {
    if (e instanceof RfmError) throw new RfmError(e.code, `Scheme file: ${e.message}`);
    throw e;
  }
}

/** The JSON form of a scheme (what `schemeFromJson` reads back). */
export function schemeToJson(scheme: Scheme): string {
  return JSON.stringify(scheme, null, 2);
}
