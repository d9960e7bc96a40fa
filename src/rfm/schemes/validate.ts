/**
 * Shape checks for a scheme object, shared by `resolveScheme`, the compiler, the checker and the two parsers.
 * They reject what would make the cell arithmetic meaningless (a range outside 1..bins, from > to, a non-integer
 * bound, an empty label) with an `RfmError("badScheme")` naming the scheme, the rule (number and label) and the
 * field. Coverage (gaps, overlaps, shadowed rules) is the checker's job, not this file's.
 *
 * Rules that share a label are allowed on purpose: a segment defined by an OR of boxes (tiers4's "At-Risk
 * Customers" is R<=2 and (F>=3 or M>=3)) is written as several rules with the same label. The first rule with a
 * label provides its display name, description and action.
 *
 * Cost: O(rules).
 */
import { RfmError } from "../errors";
import type { Scheme, SegmentRule } from "../types";

export const DEFAULT_BINS = 5;
export const MIN_BINS = 2;
export const MAX_BINS = 10;
export const DEFAULT_FALLBACK = "Others";

/**
 * The bin count a scheme's ranges are written for.
 * @param scheme the scheme
 * @returns `scheme.bins`, or 5
 * @example schemeBins(resolveScheme("rf10")) // → 5
 */
export function schemeBins(scheme: Scheme): number {
  return scheme.bins ?? DEFAULT_BINS;
}

export function fallbackOf(scheme: Scheme): string {
  return scheme.fallback ?? DEFAULT_FALLBACK;
}

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "nothing";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function isWholeBinCount(bins: unknown): bins is number {
  return typeof bins === "number" && Number.isInteger(bins) && bins >= MIN_BINS && bins <= MAX_BINS;
}

/** Throws unless `bins` is a whole number 2..10; `what` says where the number came from. */
export function assertBins(bins: unknown, what: string): asserts bins is number {
  if (!isWholeBinCount(bins)) {
    throw new RfmError(
      "badOption",
      `${what} must be a whole number from ${MIN_BINS} to ${MAX_BINS}, found ${show(bins)}.`,
    );
  }
}

function ruleName(scheme: Scheme, index: number, rule: SegmentRule | undefined): string {
  const label = rule && typeof rule.label === "string" && rule.label.trim() ? ` (${JSON.stringify(rule.label)})` : "";
  return `Scheme ${JSON.stringify(String(scheme.id))}, rule ${index + 1}${label}`;
}

/** Validates everything but coverage; throws `RfmError("badScheme")` naming the rule and field. */
export function validateSchemeShape(scheme: Scheme): void {
  if (scheme === null || typeof scheme !== "object") {
    throw new RfmError("badScheme", `A scheme must be an object with id, name and rules, found ${show(scheme)}.`);
  }
  const sid = `Scheme ${JSON.stringify(String(scheme.id))}`;
  if (typeof scheme.id !== "string" || scheme.id.trim() === "") {
    throw new RfmError("badScheme", `A scheme needs a non-empty "id", found ${show(scheme.id)}.`);
  }
  if (typeof scheme.name !== "string") {
    throw new RfmError("badScheme", `${sid}: "name" must be text, found ${show(scheme.name)}.`);
  }
  if (typeof scheme.exclusive !== "boolean") {
    throw new RfmError("badScheme", `${sid}: "exclusive" must be true or false, found ${show(scheme.exclusive)}.`);
  }
  if (scheme.bins !== undefined && !isWholeBinCount(scheme.bins)) {
    throw new RfmError(
      "badScheme",
      `${sid}: "bins" must be a whole number from ${MIN_BINS} to ${MAX_BINS}, found ${show(scheme.bins)}.`,
    );
  }
  const bins = schemeBins(scheme);
  if (!Array.isArray(scheme.rules) || scheme.rules.length === 0) {
    throw new RfmError("badScheme", `${sid} has no rules: give at least one segment rule.`);
  }
  if (scheme.fallback !== undefined && (typeof scheme.fallback !== "string" || scheme.fallback.trim() === "")) {
    throw new RfmError("badScheme", `${sid}: "fallback" must be a non-empty label, found ${show(scheme.fallback)}.`);
  }
  for (const key of ["fallbackDescription", "fallbackAction"] as const) {
    if (scheme[key] !== undefined && typeof scheme[key] !== "string") {
      throw new RfmError("badScheme", `${sid}: "${key}" must be text, found ${show(scheme[key])}.`);
    }
  }
  const fallback = fallbackOf(scheme);
  scheme.rules.forEach((rule, i) => {
    const where = ruleName(scheme, i, rule);
    if (rule === null || typeof rule !== "object") {
      throw new RfmError("badScheme", `${where}: a rule must be an object with a label, found ${show(rule)}.`);
    }
    if (typeof rule.label !== "string" || rule.label.trim() === "") {
      throw new RfmError(
        "badScheme",
        `${where}, field "label": expected a non-empty label, found ${show(rule.label)}.`,
      );
    }
    if (rule.label === fallback) {
      throw new RfmError(
        "badScheme",
        `${where}, field "label": ${JSON.stringify(fallback)} is the fallback label for unmatched scores; ` +
          `give the rule another label or change the fallback.`,
      );
    }
    if (rule.name !== undefined && typeof rule.name !== "string") {
      throw new RfmError("badScheme", `${where}, field "name": expected text, found ${show(rule.name)}.`);
    }
    for (const key of ["description", "action"] as const) {
      if (typeof rule[key] !== "string") {
        throw new RfmError("badScheme", `${where}, field "${key}": expected text, found ${show(rule[key])}.`);
      }
    }
    for (const axis of ["r", "f", "m"] as const) {
      const range = rule[axis];
      if (range === undefined) continue;
      const good =
        Array.isArray(range) &&
        range.length === 2 &&
        range.every((v) => typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= bins) &&
        range[0] <= range[1];
      if (!good) {
        throw new RfmError(
          "badScheme",
          `${where}, field "${axis}": expected [from, to] with whole numbers 1..${bins} and from <= to, ` +
            `found ${show(range)}.`,
        );
      }
    }
  });
}
