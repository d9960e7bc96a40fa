/**
 * Which output sheets a run may replace, and under which names it writes.
 *
 * The add-in owns exactly what `rfm.outputs` (see settings.ts) records. For each output role ("customers",
 * "summary", and any later writer's role):
 * - recorded and unchanged (same name, same fingerprint): replaced without asking;
 * - recorded but renamed, or edited (its values' fingerprint differs): `confirmReplace(question)`; true replaces it,
 *   false keeps it as the analyst's own sheet (dropped from the record) and the new output goes to a free name;
 *   without a `confirmReplace` callback the run stops before writing anything;
 * - recorded but deleted by the analyst: written anew;
 * - a sheet with the output's name that the add-in did not create is never touched: the output goes to
 *   "RFM Customers (2)" (or the next free number).
 *
 * Fingerprint: the used range's address plus a 32-bit FNV-1a hash of its values, read back after writing. It costs
 * one read of the output sheet (a few hundred KB for 4,000 customers) per run and catches any edited, added or cleared
 * value; formatting changes (column widths, colors) do not count as edits.
 */
import { isPayloadLimitError } from "./errors";
import { readRowChunks, Session, type XlCell } from "./io";
import type { OutputSheetRecord, OutputsMarker } from "./settings";
import { OfficeActionError } from "./types";

/** Cells above which the fingerprint is read in chunks rather than with the used range in one request. */
const DIRECT_READ_CELLS = 200_000;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** FNV-1a over the cells: numbers by their 64 bits, text by its UTF-16 code units, each cell tagged with its type
 *  (so 1 and "1" differ) and each row closed (so [[1,2]] and [[1],[2]] differ). */
export function hashValues(rows: readonly (readonly unknown[])[], seed = 0x811c9dc5): number {
  let h = seed | 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let j = 0; j < row.length; j++) {
      const v = row[j];
      if (typeof v === "number") {
        f64[0] = v;
        h = Math.imul(h ^ 1, 0x01000193);
        h = Math.imul(h ^ (u32[0] | 0), 0x01000193);
        h = Math.imul(h ^ (u32[1] | 0), 0x01000193);
      } else if (typeof v === "boolean") {
        h = Math.imul(h ^ (v ? 2 : 3), 0x01000193);
      } else {
        const str = v === null || v === undefined ? "" : String(v);
        h = Math.imul(h ^ 4, 0x01000193);
        for (let i = 0; i < str.length; i++) h = Math.imul(h ^ str.charCodeAt(i), 0x01000193);
      }
    }
    h = Math.imul(h ^ 5, 0x01000193);
  }
  return h >>> 0;
}

/** Fingerprints of several sheets (by name), reading their used ranges (values only). */
export async function fingerprintSheets(s: Session, names: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (names.length === 0) return out;
  const sheets = names.map((n) => s.context.workbook.worksheets.getItem(n));
  const used = sheets.map((w) =>
    w.getUsedRangeOrNullObject(true).load("address,rowIndex,columnIndex,rowCount,columnCount"),
  );
  await s.sync();
  const direct: { name: string; range: Excel.Range; address: string }[] = [];
  const large: number[] = [];
  used.forEach((u, k) => {
    if (u.isNullObject) {
      out.set(names[k], "empty");
      return;
    }
    if (u.rowCount * u.columnCount <= DIRECT_READ_CELLS) {
      const r = sheets[k].getRangeByIndexes(u.rowIndex, u.columnIndex, u.rowCount, u.columnCount).load("values");
      direct.push({ name: names[k], range: r, address: u.address });
    } else large.push(k);
  });
  if (direct.length) {
    try {
      await s.sync();
      for (const d of direct) out.set(d.name, `${d.address}|${hashValues(d.range.values as XlCell[][])}`);
    } catch (e) {
      // Too large for one response after all (long texts): read those in chunks like the big ones.
      if (!isPayloadLimitError(e)) throw e;
      for (const d of direct) large.push(names.indexOf(d.name));
    }
  }
  for (const k of large) {
    const u = used[k];
    let h = 0x811c9dc5;
    await readRowChunks(
      s,
      sheets[k],
      u.rowIndex,
      u.rowCount,
      [{ start: u.columnIndex, count: u.columnCount }],
      (chunk) => {
        h = hashValues(chunk.values[0], h);
      },
      undefined,
      "checking the output sheets",
    );
    out.set(names[k], `${u.address}|${h}`);
  }
  return out;
}

export interface SheetPlan {
  role: string;
  /** Name the new sheet gets. */
  name: string;
  /** The add-in's earlier sheet to delete first (its current name), if any. */
  replace?: string;
  /** Tab position of the replaced sheet: the new one takes its place. */
  position?: number;
  /** Table names on the replaced sheet (free to reuse). */
  replacedTables: string[];
  /** Set when the analyst kept an edited or renamed sheet: said in the summary's warnings. */
  note?: string;
}

export interface OutputsPlan {
  sheets: Map<string, SheetPlan>;
  /** Names of all tables in the workbook (table names are workbook-wide). */
  tableNames: string[];
  /** The marker minus the sheets that are no longer the add-in's (the analyst chose to keep them). */
  marker: OutputsMarker;
  warnings: string[];
}

/** "RFM Customers", else "RFM Customers (2)", "(3)", …, never a name in `taken` (case-insensitive, like Excel). */
export function freeSheetName(base: string, taken: Iterable<string>): string {
  const lower = new Set([...taken].map((n) => n.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let k = 2; ; k++) {
    const name = `${base} (${k})`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/**
 * Decides, per role (`roles`: role → base sheet name), what to replace and where to write. Reads the workbook's
 * sheets and the fingerprints of the recorded ones; may ask `confirm`. Writes nothing.
 */
export async function planOutputs(
  s: Session,
  roles: ReadonlyArray<{ role: string; baseName: string }>,
  marker: OutputsMarker,
  confirm: ((question: string) => Promise<boolean>) | undefined,
): Promise<OutputsPlan> {
  const sheets = s.context.workbook.worksheets;
  sheets.load("items/name,items/id,items/position");
  const tables = s.context.workbook.tables;
  tables.load("items/name");
  await s.sync();
  const tableNames = tables.items.map((t) => t.name);
  const byId = new Map(sheets.items.map((w) => [w.id, w.name]));
  const positionOf = new Map(sheets.items.map((w) => [w.name, w.position]));
  const names = sheets.items.map((w) => w.name);
  const kept: OutputSheetRecord[] = [];
  const warnings: string[] = [];

  // Recorded sheets that still exist under their recorded id, or (interrupted run) under their recorded name.
  const current = new Map<string, { rec: OutputSheetRecord; name: string }>();
  for (const rec of marker.sheets) {
    let name = rec.id ? byId.get(rec.id) : undefined;
    if (!rec.id && names.includes(rec.name)) name = rec.name;
    if (name !== undefined) current.set(rec.role, { rec, name });
  }
  const toCheck = [...current.values()].filter((c) => c.rec.fingerprint !== "pending" && c.name === c.rec.name);
  const prints = await fingerprintSheets(
    s,
    toCheck.map((c) => c.name),
  );

  const taken = new Set(names);
  const plans = new Map<string, SheetPlan>();
  for (const { role, baseName } of roles) {
    const cur = current.get(role);
    let replace: string | undefined;
    let note: string | undefined;
    if (cur) {
      const renamed = cur.name !== cur.rec.name;
      const edited = !renamed && cur.rec.fingerprint !== "pending" && prints.get(cur.name) !== cur.rec.fingerprint;
      if (renamed || edited) {
        const question = renamed
          ? `The sheet "${cur.name}" was created by the RFM add-in as "${cur.rec.name}" and has been renamed since. ` +
            `Replace it with the new results? (No keeps it as your sheet and writes the results to a new sheet.)`
          : `The sheet "${cur.name}" was created by the RFM add-in and has been edited since. Replace it with the ` +
            `new results? (No keeps it as your sheet and writes the results to a new sheet.)`;
        if (!confirm) {
          throw new OfficeActionError(
            `The sheet "${cur.name}" was ${renamed ? "renamed" : "edited"} after the RFM add-in created it, so it was ` +
              "left alone and nothing was changed. Run from the RFM pane to choose whether to replace it, or rename " +
              "or delete the sheet and run again.",
          );
        }
        if (await confirm(question)) replace = cur.name;
        else {
          note = `Kept your ${renamed ? "renamed" : "edited"} sheet "${cur.name}"; the new results are on another sheet.`;
          warnings.push(note);
        }
      } else replace = cur.name;
      if (replace) kept.push(cur.rec);
    }
    if (replace) taken.delete(replace);
    const name = freeSheetName(baseName, taken);
    taken.add(name);
    plans.set(role, {
      role,
      name,
      replace,
      position: replace ? positionOf.get(replace) : undefined,
      replacedTables: replace ? (cur?.rec.tables ?? []) : [],
      note,
    });
  }
  // Records of roles not planned this time stay as they are; records the analyst chose to keep are dropped.
  const plannedRoles = new Set(roles.map((r) => r.role));
  const next: OutputsMarker = {
    ...marker,
    sheets: marker.sheets.filter((r) => !plannedRoles.has(r.role) || kept.includes(r)),
  };
  return { sheets: plans, tableNames, marker: next, warnings };
}

/** Replaces (or adds) a sheet's record in the marker. */
export function withSheet(marker: OutputsMarker, rec: OutputSheetRecord): OutputsMarker {
  return { ...marker, sheets: [...marker.sheets.filter((r) => r.role !== rec.role), rec] };
}

/** `base`, else `base_2`, `base_3`, … : a table name no table outside the replaced sheets uses. */
export function freeTableName(base: string, taken: readonly string[], freed: readonly string[]): string {
  const lower = new Set(taken.filter((t) => !freed.includes(t)).map((t) => t.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let k = 2; ; k++) if (!lower.has(`${base}_${k}`.toLowerCase())) return `${base}_${k}`;
}
