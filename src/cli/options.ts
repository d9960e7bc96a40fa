/**
 * From the command line's options to the engine's: the one place the CLI's commands (analyze, sql) build
 * RfmOptions, and where `--scheme` is loaded.
 */
import * as fs from "fs";
import { normalizeOptions, schemeFromJson } from "../rfm";
import type { RfmOptions, Scheme } from "../rfm/types";
import { UsageError, type CliOptions } from "./args";

/** What the input file tells the engine beyond the options (readInput.ts InputInfo has these fields). */
export interface InputFacts {
  /** Sheet row number of the header row (1 for CSV). */
  headerRow: number;
  /** The workbook uses the 1904 date system. */
  date1904: boolean;
}

/** `--scheme`: a built-in id is passed through (the engine rejects unknown ids); a .json path is read here. */
export function loadSchemeOption(value: string): string | Scheme {
  const looksLikeFile = /\.json$/i.test(value) || value.includes("/") || value.includes("\\");
  if (!looksLikeFile) return value;
  let text: string;
  try {
    text = fs.readFileSync(value, "utf8");
  } catch {
    throw new UsageError(`Scheme file not found: ${value}`);
  }
  return schemeFromJson(text);
}

/**
 * CLI options → engine options, through the engine's normalizeOptions (the one rule every door shares: options not
 * given are left out, so the engine's defaults and presets apply). `input` adds what the file says (header row,
 * date system; absent when the file is not read yet, or not at all); `scheme` is the loaded `--scheme` (see
 * loadSchemeOption).
 */
export function rfmOptionsFromCli(o: CliOptions, input?: InputFacts, scheme?: string | Scheme): RfmOptions {
  return normalizeOptions({
    mapping: o.mapping,
    cleaning: o.cleaning,
    preset: o.preset,
    scoring: o.scoring,
    bins: o.bins,
    cutPoints: o.cuts,
    scheme,
    snapshot: o.snapshot,
    monetarySource: o.monetarySource,
    dateOrder: o.dateOrder,
    decimalMark: o.decimalMark,
    dateSystem: o.dateSystem ?? (input?.date1904 ? "1904" : undefined),
    headerRowNumber: input && input.headerRow !== 1 ? input.headerRow : undefined,
  });
}
