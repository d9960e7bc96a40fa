/**
 * From what a user or option gives (an id, a scheme object, nothing) to a scheme the engine can trust, and the
 * small look-ups every door needs (a customer's label, a segment's display name, description and action).
 *
 * `resolveScheme` accepts: undefined → rf10; a built-in id (case and surrounding spaces ignored); a scheme object,
 * which is validated (shape, then for an exclusive scheme coverage at its own bin count) and returned as is.
 * Cost: one check of bins^3 cells per new scheme object; built-ins and objects already resolved are remembered.
 *
 * Example: `segmentLabel(resolveScheme("tiers4"), 1, 1, 3)` is "At-Risk Customers".
 */
import { RfmError } from "../errors";
import type { Scheme } from "../types";
import { BUILTIN_SCHEMES, DEFAULT_SCHEME_ID } from "./builtin";
import { checkScheme } from "./check";
import { compileScheme } from "./compile";
import { fallbackOf, schemeBins, validateSchemeShape } from "./validate";

const resolved = new WeakSet<Scheme>();

export function knownSchemeIds(): string[] {
  return Object.keys(BUILTIN_SCHEMES);
}

/** Validates a scheme object: shape errors and, for an exclusive scheme, gaps / overlaps / shadowed rules. */
export function validateScheme(scheme: Scheme): Scheme {
  if (resolved.has(scheme)) return scheme;
  validateSchemeShape(scheme);
  if (scheme.exclusive) {
    const check = checkScheme(scheme, schemeBins(scheme));
    if (!check.ok) {
      throw new RfmError(
        "badScheme",
        `Scheme ${JSON.stringify(scheme.id)} is marked exclusive (a map), but ${check.problems.join(" ")}`,
      );
    }
  }
  resolved.add(scheme);
  return scheme;
}

/**
 * A scheme option → a checked scheme.
 * @param scheme a built-in id (`rf10`, `tiers4`, `r-rfm`; case and spaces ignored), a scheme object, or undefined
 *   for the default (rf10)
 * @returns the scheme (a scheme object is validated once and then remembered)
 * @throws RfmError("unknownScheme") for an unknown id; ("badScheme") for an invalid scheme object
 * @example resolveScheme("tiers4").rules.length // → 5
 */
export function resolveScheme(scheme: string | Scheme | undefined): Scheme {
  if (scheme === undefined || scheme === null) return BUILTIN_SCHEMES[DEFAULT_SCHEME_ID];
  if (typeof scheme === "string") {
    const id = scheme.trim().toLowerCase();
    const found = Object.prototype.hasOwnProperty.call(BUILTIN_SCHEMES, id) ? BUILTIN_SCHEMES[id] : undefined;
    if (!found) {
      throw new RfmError("unknownScheme", `Unknown scheme "${scheme}". Known schemes: ${knownSchemeIds().join(", ")}`);
    }
    return found;
  }
  return validateScheme(scheme);
}

/**
 * The label for score cells no rule matches.
 * @param scheme the scheme
 * @returns `scheme.fallback`, or "Others"
 * @example fallbackLabel(resolveScheme("rf10")) // → "Others"
 */
export function fallbackLabel(scheme: Scheme): string {
  return fallbackOf(scheme);
}

/**
 * The segment label for scores (r, f, m).
 * @param scheme the scheme
 * @param r Recency score
 * @param f Frequency score
 * @param m Monetary score
 * @param bins the analysis bin count (default: the scheme's own)
 * @returns the first matching rule's label, or the fallback label
 * @example segmentLabel(resolveScheme("rf10"), 5, 5, 5) // → "champions"
 */
export function segmentLabel(scheme: Scheme, r: number, f: number, m: number, bins?: number): string {
  const k = compileScheme(scheme, bins ?? schemeBins(scheme))(r, f, m);
  return k < 0 ? fallbackOf(scheme) : scheme.rules[k].label;
}

export interface SegmentInfo {
  label: string;
  name: string;
  description: string;
  action: string;
}

const DEFAULT_FALLBACK_DESCRIPTION = "Customers whose scores match none of the scheme's rules.";
const DEFAULT_FALLBACK_ACTION = "Review the group; if it is large, add a rule for it.";

/**
 * Display name, description and action for a label of the scheme (the first rule with that label), or for the
 * fallback label.
 * @param scheme the scheme
 * @param label a segment label
 * @returns the segment's texts; undefined for a label the scheme does not use
 * @example segmentInfo(resolveScheme("rf10"), "champions")?.name // → "Champions"
 */
export function segmentInfo(scheme: Scheme, label: string): SegmentInfo | undefined {
  const rule = scheme.rules.find((r) => r.label === label);
  if (rule) {
    return { label, name: rule.name ?? rule.label, description: rule.description, action: rule.action };
  }
  if (label === fallbackOf(scheme)) {
    return {
      label,
      name: label,
      description: scheme.fallbackDescription ?? DEFAULT_FALLBACK_DESCRIPTION,
      action: scheme.fallbackAction ?? DEFAULT_FALLBACK_ACTION,
    };
  }
  return undefined;
}
