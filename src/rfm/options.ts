/**
 * `normalizeOptions(settings)`: the one way a door's settings become RfmOptions. Every door (CLI, `rfm sql`, task
 * pane and ribbon command, custom functions) collects settings in its own shape, where "not set" is spelled
 * differently: a flag not given (undefined), an empty box in the pane (""), a JSON null. This function drops every
 * unset value, so the engine's defaults and presets apply to it, and keeps every set value as it is; it checks
 * nothing (analyze's resolveOptions does, with the engine's messages).
 *
 * Rules:
 * - undefined, null and "" mean "not set" for every field (a blank snapshot after trimming too);
 * - mapping and cleaning are left out when they have no entries; a mapping entry "" (or null) stays "" because it
 *   switches the field off (see RfmOptions.mapping);
 * - cutPoints are kept only with scoring "fixed", the one scoring that reads them.
 *
 * Example: `normalizeOptions({ snapshot: " ", bins: 10, scheme: "", mapping: { country: "" } })`
 *   → `{ bins: 10, mapping: { country: "" } }`.
 */
import { RfmError } from "./errors";
import { checkBins, checkCutPoints } from "./score";
import type {
  CleaningOptions,
  CutPoints,
  DateOrder,
  Field,
  MonetarySource,
  RfmOptions,
  Scheme,
  ScoringMethod,
} from "./types";

/** RfmOptions as a door may hold them: every field may also be null or "" for "not set". */
export interface OptionSettings {
  mapping?: Partial<Record<Field, string | null>> | null;
  headerRowNumber?: number | null;
  dateSystem?: "1900" | "1904" | "" | null;
  dateOrder?: DateOrder | "" | null;
  decimalMark?: "." | "," | "auto" | "" | null;
  cleaning?: Partial<CleaningOptions> | null;
  monetarySource?: MonetarySource | "" | null;
  snapshot?: number | string | Date | null;
  bins?: number | null;
  scoring?: ScoringMethod | "" | null;
  cutPoints?: CutPoints | null;
  scheme?: string | Scheme | null;
  preset?: "pandas" | "r-rfm" | "" | null;
}

function isSet<T>(v: T | "" | null | undefined): v is T {
  return v !== undefined && v !== null && v !== "";
}

/**
 * A door's settings → the RfmOptions for analyze (and for generateSql, whose options extend them).
 * @param settings the door's settings; unknown keys are ignored
 * @returns options holding only the settings that are set
 */
export function normalizeOptions(settings: OptionSettings): RfmOptions {
  const o: RfmOptions = {};
  if (settings.mapping) {
    const mapping: Partial<Record<Field, string>> = {};
    let any = false;
    for (const [field, name] of Object.entries(settings.mapping) as [Field, string | null | undefined][]) {
      if (name === undefined) continue;
      mapping[field] = name ?? "";
      any = true;
    }
    if (any) o.mapping = mapping;
  }
  if (isSet(settings.headerRowNumber)) o.headerRowNumber = settings.headerRowNumber;
  if (isSet(settings.dateSystem)) o.dateSystem = settings.dateSystem;
  if (isSet(settings.dateOrder)) o.dateOrder = settings.dateOrder;
  if (isSet(settings.decimalMark)) o.decimalMark = settings.decimalMark;
  if (settings.cleaning) {
    const cleaning: Partial<CleaningOptions> = {};
    for (const [rule, on] of Object.entries(settings.cleaning) as [keyof CleaningOptions, boolean | undefined][]) {
      if (on !== undefined && on !== null) cleaning[rule] = on;
    }
    if (Object.keys(cleaning).length > 0) o.cleaning = cleaning;
  }
  if (isSet(settings.monetarySource)) o.monetarySource = settings.monetarySource;
  const snapshot = typeof settings.snapshot === "string" ? settings.snapshot.trim() : settings.snapshot;
  if (isSet(snapshot)) o.snapshot = snapshot;
  if (isSet(settings.bins)) o.bins = settings.bins;
  if (isSet(settings.scoring)) o.scoring = settings.scoring;
  if (settings.scoring === "fixed" && isSet(settings.cutPoints)) o.cutPoints = settings.cutPoints;
  if (isSet(settings.scheme)) o.scheme = settings.scheme;
  if (isSet(settings.preset)) o.preset = settings.preset;
  return o;
}

const SCORINGS: readonly ScoringMethod[] = ["quantile", "rank", "fixed", "r-rfm"];
const SOURCES: readonly MonetarySource[] = ["auto", "amount", "lines"];

function badOption(what: string, value: unknown, allowed: readonly string[]): RfmError {
  return new RfmError("badOption", `Unknown ${what} ${JSON.stringify(value)}; use one of ${allowed.join(", ")}.`);
}

/** Options after the preset: every choice the engine makes, checked before the rows are read. */
export interface ResolvedOptions {
  scoring: ScoringMethod;
  scheme: string | RfmOptions["scheme"];
  monetarySource: MonetarySource;
  bins: number;
}

/** Applies the preset and checks every option (throws badOption); the streaming reader resolves options with it too. */
export function resolveOptions(options: RfmOptions): ResolvedOptions {
  const preset = options.preset ?? "pandas";
  if (preset !== "pandas" && preset !== "r-rfm") throw badOption("preset", preset, ["pandas", "r-rfm"]);
  const scoring = options.scoring ?? (preset === "r-rfm" ? "r-rfm" : "quantile");
  if (!SCORINGS.includes(scoring)) throw badOption("scoring method", scoring, SCORINGS);
  // The r-rfm preset prefers the amount column, which `auto` already does; `auto` also lets line-level data work.
  const monetarySource = options.monetarySource ?? "auto";
  if (!SOURCES.includes(monetarySource)) throw badOption("monetary source", monetarySource, SOURCES);
  const bins = checkBins(options.bins ?? 5);
  if (scoring === "fixed") {
    checkCutPoints(options.cutPoints?.recency, bins, "recency");
    checkCutPoints(options.cutPoints?.frequency, bins, "frequency");
    checkCutPoints(options.cutPoints?.monetary, bins, "monetary");
  }
  const hr = options.headerRowNumber;
  if (hr !== undefined && (!Number.isInteger(hr) || hr < 1)) {
    throw new RfmError("badOption", `The header row number must be a whole number from 1, found ${String(hr)}.`);
  }
  return { scoring, scheme: options.scheme ?? (preset === "r-rfm" ? "r-rfm" : undefined), monetarySource, bins };
}
