/**
 * A scheme as a sheet range, the form analysts edit and `=RFM.SEGMENTS()` spills:
 *
 *   Segment           | R from | R to | F from | F to | M from | M to | Description | Action
 *   Top Customers     | 4      | 5    | 4      | 5    | 4      | 5    | ...         | ...
 *   Loyal Customers   |        |      | 4      | 5    |        |      | ...         | ...
 *   Other             |        |      |        |      |        |      | ...         | ...
 *
 * Reading rules (`schemeFromTable`):
 * - The first row is the header. Headers are matched ignoring case, spaces, "_" and "-"; aliases such as
 *   "Label", "R min"/"R max", "recency_lower"/"recency_upper" (the R package's names) are accepted. An optional
 *   "Name" column gives display names. Other columns are ignored, so analysts may keep notes beside the table.
 * - Range cells are whole numbers 1..bins. A blank cell (or "any", "*") leaves that end open: both blank = any score,
 *   only "from" = that score or higher, only "to" = that score or lower.
 * - Rows are rules in order (first match wins). Completely empty rows are skipped.
 * - The fallback: if the last row has all six range cells blank, it would match every remaining cell, which is
 *   exactly what the fallback does, so it is read as the fallback (its label, description and action) rather than
 *   as a rule. `schemeToTable` writes the fallback that way, so the round trip keeps it.
 * - Errors name the sheet row and column: `Row 4, "R to": expected a whole number 1..5, found "x"`.
 * The sheet form carries no id, name, bins or exclusive flag: they come from the options.
 *
 * Cost: one pass over the rows.
 */
import { RfmError } from "../errors";
import type { Cell, Scheme, SegmentRule } from "../types";
import { validateScheme } from "./resolve";
import { DEFAULT_BINS, assertBins, fallbackOf } from "./validate";

export const SCHEME_TABLE_HEADERS = [
  "Segment",
  "R from",
  "R to",
  "F from",
  "F to",
  "M from",
  "M to",
  "Description",
  "Action",
] as const;

type ColumnKey = "segment" | "name" | "rFrom" | "rTo" | "fFrom" | "fTo" | "mFrom" | "mTo" | "description" | "action";

function norm(text: string): string {
  return text.toLowerCase().replace(/[\s_\-.]+/g, "");
}

function axisAliases(letter: string, word: string, end: "from" | "to"): string[] {
  const ends = end === "from" ? ["from", "min", "lower", "low", "start"] : ["to", "max", "upper", "high", "end"];
  const out: string[] = [];
  for (const e of ends) out.push(`${letter}${e}`, `${word}${e}`, `${letter}score${e}`, `${word}score${e}`);
  return out;
}

const ALIASES: Record<ColumnKey, string[]> = {
  segment: ["segment", "label", "segmentlabel"],
  name: ["name", "displayname", "segmentname"],
  rFrom: axisAliases("r", "recency", "from"),
  rTo: axisAliases("r", "recency", "to"),
  fFrom: axisAliases("f", "frequency", "from"),
  fTo: axisAliases("f", "frequency", "to"),
  mFrom: axisAliases("m", "monetary", "from"),
  mTo: axisAliases("m", "monetary", "to"),
  description: ["description", "desc", "meaning"],
  action: ["action", "actions", "suggestedaction", "recommendedaction"],
};

const CANONICAL: Record<ColumnKey, string> = {
  segment: "Segment",
  name: "Name",
  rFrom: "R from",
  rTo: "R to",
  fFrom: "F from",
  fTo: "F to",
  mFrom: "M from",
  mTo: "M to",
  description: "Description",
  action: "Action",
};

const ALIAS_TO_KEY = new Map<string, ColumnKey>();
for (const [key, names] of Object.entries(ALIASES) as [ColumnKey, string[]][]) {
  for (const n of names) ALIAS_TO_KEY.set(n, key);
}

export interface SchemeTableOptions {
  /** Scheme id (default "custom"). */
  id?: string;
  /** Scheme display name (default "Custom scheme"). */
  name?: string;
  /** Treat the table as a map that must cover every cell once (default false: ordered, first match wins). */
  exclusive?: boolean;
  /** The bin count the ranges are written for (default 5). */
  bins?: number;
  /** Sheet row number of the header row, for messages (default 1). */
  headerRowNumber?: number;
}

function isBlank(cell: Cell): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

function showCell(cell: Cell): string {
  if (typeof cell === "string") return JSON.stringify(cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  return String(cell);
}

function text(cell: Cell): string {
  if (isBlank(cell)) return "";
  return typeof cell === "string" ? cell.trim() : typeof cell === "boolean" ? (cell ? "TRUE" : "FALSE") : String(cell);
}

/** The range column pairs: from and to key, the rule's axis, and the canonical header names. */
const PAIRS: [ColumnKey, ColumnKey, "r" | "f" | "m", string, string][] = [
  ["rFrom", "rTo", "r", "R from", "R to"],
  ["fFrom", "fTo", "f", "F from", "F to"],
  ["mFrom", "mTo", "m", "M from", "M to"],
];

/** Where each column is, found from the header row, and the header texts as written (for messages). */
interface SchemeColumns {
  col: Partial<Record<ColumnKey, number>>;
  headerText: Partial<Record<ColumnKey, string>>;
}

/** Reads the header row: each known column once, a label column, and both ends of at least one range. */
function readSchemeHeader(header: Cell[], headerRow: number): SchemeColumns {
  const col: Partial<Record<ColumnKey, number>> = {};
  const headerText: Partial<Record<ColumnKey, string>> = {};
  header.forEach((cell, c) => {
    const h = text(cell);
    if (!h) return;
    const key = ALIAS_TO_KEY.get(norm(h));
    if (!key) return;
    if (col[key] !== undefined) {
      throw new RfmError(
        "badScheme",
        `Row ${headerRow}: the columns ${JSON.stringify(headerText[key])} and ${JSON.stringify(h)} both mean ` +
          `"${CANONICAL[key]}"; keep one.`,
        { rows: [headerRow], column: h },
      );
    }
    col[key] = c;
    headerText[key] = h;
  });
  const found = header.map(text).filter(Boolean);
  if (col.segment === undefined) {
    throw new RfmError(
      "missingColumn",
      `Row ${headerRow}: no "Segment" column in the scheme range. Expected headers ` +
        `${SCHEME_TABLE_HEADERS.join(", ")}; found ${found.length ? found.map((h) => `"${h}"`).join(", ") : "none"}.`,
      { rows: [headerRow], column: "Segment" },
    );
  }
  let rangeColumns = 0;
  for (const [a, b, , an, bn] of PAIRS) {
    if ((col[a] === undefined) !== (col[b] === undefined)) {
      const has = col[a] === undefined ? headerText[b] : headerText[a];
      const missing = col[a] === undefined ? an : bn;
      throw new RfmError(
        "missingColumn",
        `Row ${headerRow}: found the column "${has}" but not "${missing}"; ranges need both ends ` +
          `(leave cells blank for "any").`,
        { rows: [headerRow], column: missing },
      );
    }
    if (col[a] !== undefined) rangeColumns++;
  }
  if (rangeColumns === 0) {
    throw new RfmError(
      "missingColumn",
      `Row ${headerRow}: the scheme range has no score columns. Expected headers ` +
        `${SCHEME_TABLE_HEADERS.join(", ")}; found ${found.map((h) => `"${h}"`).join(", ")}.`,
      { rows: [headerRow] },
    );
  }

  return { col, headerText };
}

/** One range bound cell: a whole number 1..bins, or undefined for a blank, "*" or "any" cell. */
function readBound(cell: Cell, rowNumber: number, header: string | undefined, bins: number): number | undefined {
  if (isBlank(cell)) return undefined;
  let v: number | undefined;
  if (typeof cell === "number") v = cell;
  else if (typeof cell === "string") {
    const t = cell.trim();
    if (t === "*" || t.toLowerCase() === "any") return undefined;
    if (/^[+]?\d+(\.0+)?$/.test(t)) v = Number(t);
  }
  if (v === undefined || !Number.isInteger(v) || v < 1 || v > bins) {
    throw new RfmError(
      "badScheme",
      `Row ${rowNumber}, "${header}": expected a whole number 1..${bins}, found ${showCell(cell)}.`,
      { rows: [rowNumber], column: header },
    );
  }
  return v;
}

interface ParsedRow {
  rowNumber: number;
  rule: SegmentRule;
  open: boolean; // all six range cells blank
}

/** Reads one rule per non-blank row below the header. */
function readSchemeRows(values: Cell[][], columns: SchemeColumns, headerRow: number, bins: number): ParsedRow[] {
  const { col, headerText } = columns;
  const get = (row: Cell[], key: ColumnKey): Cell => (col[key] === undefined ? "" : row[col[key] as number]);
  const parsed: ParsedRow[] = [];
  for (let i = 1; i < values.length; i++) {
    const row = values[i] ?? [];
    const rowNumber = headerRow + i;
    const used = (Object.values(col) as number[]).some((c) => !isBlank(row[c]));
    if (!used) continue;
    const label = text(get(row, "segment"));
    if (!label) {
      throw new RfmError(
        "badScheme",
        `Row ${rowNumber}, "${headerText.segment}": expected a segment label, found an empty cell.`,
        { rows: [rowNumber], column: headerText.segment },
      );
    }
    const rule: SegmentRule = { label, description: text(get(row, "description")), action: text(get(row, "action")) };
    const name = text(get(row, "name"));
    if (name && name !== label) rule.name = name;
    let open = true;
    for (const [a, b, axis] of PAIRS) {
      if (col[a] === undefined) continue;
      const from = readBound(get(row, a), rowNumber, headerText[a], bins);
      const to = readBound(get(row, b), rowNumber, headerText[b], bins);
      if (from === undefined && to === undefined) continue;
      open = false;
      const lo = from ?? 1;
      const hi = to ?? bins;
      if (lo > hi) {
        throw new RfmError(
          "badScheme",
          `Row ${rowNumber}, "${headerText[b]}": ${hi} is less than "${headerText[a]}" ${lo}; ` +
            `a range goes from the lower score to the higher.`,
          { rows: [rowNumber], column: headerText[b] },
        );
      }
      rule[axis] = [lo, hi];
    }
    parsed.push({ rowNumber, rule, open });
  }
  if (parsed.length === 0) {
    throw new RfmError("emptyTable", `The scheme range has a header row but no rules below it.`, {
      rows: [headerRow],
    });
  }

  return parsed;
}

/** The scheme from its rows: a last row without ranges is the fallback; then the scheme's own checks, with the
 *  sheet rows named. */
function assembleScheme(parsed: ParsedRow[], columns: SchemeColumns, opts: SchemeTableOptions, bins: number): Scheme {
  const { headerText } = columns;
  const scheme: Scheme = {
    id: opts.id ?? "custom",
    name: opts.name ?? "Custom scheme",
    rules: [],
    exclusive: opts.exclusive ?? false,
    bins,
  };
  const last = parsed[parsed.length - 1];
  if (last.open) {
    if (parsed.length === 1) {
      throw new RfmError(
        "badScheme",
        `Row ${last.rowNumber}: the only rule has no score ranges, so it is read as the fallback label ` +
          `for unmatched customers; add at least one rule with ranges above it.`,
        { rows: [last.rowNumber] },
      );
    }
    parsed.pop();
    scheme.fallback = last.rule.label;
    if (last.rule.description) scheme.fallbackDescription = last.rule.description;
    if (last.rule.action) scheme.fallbackAction = last.rule.action;
  }
  scheme.rules = parsed.map((p) => p.rule);

  // Name the sheet row for problems the row-by-row reading cannot see (a rule using the fallback's label).
  const fallback = fallbackOf(scheme);
  const clash = parsed.find((p) => p.rule.label === fallback);
  if (clash) {
    throw new RfmError(
      "badScheme",
      `Row ${clash.rowNumber}, "${headerText.segment}": ${JSON.stringify(fallback)} is the fallback label ` +
        `for unmatched customers (the last row, or the default); give this rule another label.`,
      { rows: [clash.rowNumber], column: headerText.segment },
    );
  }
  try {
    return validateScheme(scheme);
  } catch (e) {
    // Coverage problems name rules by number; tell the analyst where rule 1 sits on the sheet.
    if (e instanceof RfmError && e.code === "badScheme") {
      const where = parsed.map((p, i) => `rule ${i + 1} is row ${p.rowNumber}`).slice(0, 3);
      throw new RfmError(
        "badScheme",
        `${e.message} (Rules are counted from the top: ${where.join(", ")}${parsed.length > 3 ? ", ..." : ""}.)`,
        {
          rows: parsed.map((p) => p.rowNumber).slice(0, 20),
        },
      );
    }
    throw e;
  }
}

/**
 * A scheme from a sheet range in the layout above (Segment, R from, R to, F from, F to, M from, M to, Description,
 * Action columns).
 * @param values the range's values, header row first
 * @param opts bin count the ranges are written for, header row number for messages, id and name
 * @returns the validated scheme
 * @throws RfmError("badScheme") naming the sheet row and column of the first problem
 * @example schemeFromTable(schemeToTable(resolveScheme("tiers4"))).rules.length // → 5
 */
export function schemeFromTable(values: Cell[][], opts: SchemeTableOptions = {}): Scheme {
  const bins = opts.bins ?? DEFAULT_BINS;
  assertBins(bins, "The scheme's bin count");
  const headerRow = opts.headerRowNumber ?? 1;
  if (!Array.isArray(values) || values.length === 0 || !Array.isArray(values[0])) {
    throw new RfmError(
      "emptyTable",
      `The scheme range is empty: expected a header row (${SCHEME_TABLE_HEADERS.join(", ")}) and one row per rule.`,
    );
  }
  const columns = readSchemeHeader(values[0], headerRow);
  return assembleScheme(readSchemeRows(values, columns, headerRow, bins), columns, opts, bins);
}

export interface SchemeToTableOptions {
  /** Add a "Name" column after "Segment" with the display names (default false: the nine standard columns). */
  includeName?: boolean;
}

/**
 * The sheet layout of a scheme: the header row, one row per rule, and for an ordered scheme (or any scheme with
 * an explicit fallback) a last row with the fallback label and blank ranges. Omitted ranges are blank cells ("").
 * @param scheme the scheme
 * @param opts `includeName` adds a Name column
 * @returns rows of cells, header first, that schemeFromTable reads back
 * @example schemeToTable(resolveScheme("tiers4"))[0] // → ["Segment", "R from", "R to", ..., "Description", "Action"]
 */
export function schemeToTable(scheme: Scheme, opts: SchemeToTableOptions = {}): (string | number)[][] {
  const withName = opts.includeName === true;
  const head: string[] = [...SCHEME_TABLE_HEADERS];
  if (withName) head.splice(1, 0, "Name");
  const rows: (string | number)[][] = [head];
  const line = (label: string, name: string, rule: Partial<SegmentRule>, description: string, action: string) => {
    const row: (string | number)[] = [label];
    if (withName) row.push(name);
    for (const axis of ["r", "f", "m"] as const) {
      const range = rule[axis];
      row.push(range ? range[0] : "", range ? range[1] : "");
    }
    row.push(description, action);
    rows.push(row);
  };
  for (const rule of scheme.rules) line(rule.label, rule.name ?? rule.label, rule, rule.description, rule.action);
  const explicitFallback =
    scheme.fallback !== undefined || scheme.fallbackDescription !== undefined || scheme.fallbackAction !== undefined;
  if (!scheme.exclusive || explicitFallback) {
    const label = fallbackOf(scheme);
    line(label, label, {}, scheme.fallbackDescription ?? "", scheme.fallbackAction ?? "");
  }
  return rows;
}
