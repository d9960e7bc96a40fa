/**
 * Segment schemes: the built-ins, validation and the coverage checker, the compiled O(1) lookup, and the sheet and
 * JSON forms. See each file's top comment for the definitions; the short version:
 * - a scheme is an ordered list of rules (label + inclusive R/F/M ranges); the first matching rule wins and an
 *   unmatched score cell gets the fallback label ("Others" by default);
 * - an `exclusive` scheme is a map that must cover each of the bins^3 cells exactly once, checked on use;
 * - ranges are written for `scheme.bins` (default 5) and are rescaled by bin midpoints for other bin counts.
 */
export { BUILTIN_SCHEMES, DEFAULT_SCHEME_ID, listSchemes } from "./builtin";
export { checkScheme } from "./check";
export { axisMap, compileScheme, compileSchemeTable, compileSegments, schemeLabels } from "./compile";
export type { CompiledSegments } from "./compile";
export { describeCells, formatCell } from "./cells";
export { fallbackLabel, knownSchemeIds, resolveScheme, segmentInfo, segmentLabel, validateScheme } from "./resolve";
export type { SegmentInfo } from "./resolve";
export { SCHEME_TABLE_HEADERS, schemeFromTable, schemeToTable } from "./sheetTable";
export type { SchemeTableOptions, SchemeToTableOptions } from "./sheetTable";
export { schemeFromJson, schemeToJson } from "./json";
export { DEFAULT_BINS, DEFAULT_FALLBACK, schemeBins } from "./validate";
