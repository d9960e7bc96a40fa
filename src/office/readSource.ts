/**
 * What every scoring intent (run, campaign list, comparison) does between finding the data and the engine: read the
 * mapped columns into a column table with the mapping the engine options take (`normalizeOptions`), and read the
 * scheme a "custom" setting points to.
 *
 * Cost: one chunked read of the mapped columns only (io.ts sizes the chunks); a custom scheme costs one or two
 * requests for its range.
 */
import {
  selectColumns,
  switchedOffFields,
  type Cell,
  type ColumnPlan,
  type ColumnTable,
  type Field,
  type Scheme,
} from "../rfm";
import { columnRuns, readRowChunks, Session } from "./io";
import { readSchemeIn } from "./scheme";
import { withRowCount, type LocatedSource } from "./source";
import { OfficeActionError, type SegmentSettings } from "./types";

/** Reads the mapped columns of the source into a column-major table with only those columns, and the mapping of
 *  the engine's fields to that table's headers (what `normalizeOptions` takes as the settings' mapping), and the
 *  engine's column plan for that table (what analyze takes, so the columns are not planned again). */
export async function readSource(
  s: Session,
  src: LocatedSource,
  settings: SegmentSettings,
  onProgress: (fraction: number) => void,
): Promise<{ table: ColumnTable; mapping: Partial<Record<Field, string>>; columns: ColumnPlan }> {
  // The narrow table holds the planned fields' columns only, in field order; `plan` is the engine's plan for it.
  const { fields, plan } = selectColumns(src.columns);
  const cols = fields.map((f) => src.fieldColumns[f] as number);
  const runs = columnRuns(cols);
  // Per field: which run it is in and its offset inside the run.
  const where = cols.map((c) => {
    const k = runs.findIndex((r) => c >= r.start && c < r.start + r.count);
    return { run: k, at: c - runs[k].start };
  });
  const n = src.rowCount;
  const columns: Cell[][] = fields.map(() => new Array<Cell>(n));
  const sheet = s.context.workbook.worksheets.getItem(src.info.sheetName);
  await readRowChunks(
    s,
    sheet,
    src.headerRow + 1,
    n,
    runs,
    (chunk) => {
      for (let j = 0; j < fields.length; j++) {
        const vals = chunk.values[where[j].run];
        const at = where[j].at;
        const col = columns[j];
        const off = chunk.offset;
        for (let i = 0; i < chunk.rows; i++) col[off + i] = vals[i][at];
      }
    },
    (done) => onProgress(done / Math.max(1, n)),
    "reading the transactions",
  );
  // Trailing rows whose mapped cells are all empty are not data: the used range can reach below the data when the
  // add-in's own columns from an earlier run are longer than today's data.
  let rows = n;
  while (rows > 0 && columns.every((col) => isEmpty(col[rows - 1]))) rows--;
  if (rows < n) {
    for (const col of columns) col.length = rows;
    withRowCount(src, rows);
  }
  const headers = [...plan.headers];
  // Fields the analyst switched off ("(none)", saved as "") go to the engine as "" too: not mapped, never aliased.
  const mapping: Partial<Record<Field, string>> = {};
  for (const f of switchedOffFields(settings.mapping)) mapping[f] = "";
  fields.forEach((f, j) => (mapping[f] = headers[j]));
  return { table: { headers, columns }, mapping, columns: plan };
}

function isEmpty(v: Cell): boolean {
  return v === "" || v === null || v === undefined;
}

/** The scheme the settings ask for: a built-in id, the custom rules read from their range, or undefined (default). */
export async function schemeFor(s: Session, settings: SegmentSettings): Promise<string | Scheme | undefined> {
  if (settings.scheme !== "custom") return settings.scheme || undefined;
  if (!settings.customSchemeAddress) {
    throw new OfficeActionError(
      'The scheme is set to "custom" but no range with the rules is given. Enter it in the pane (e.g. Segments!A1:I12).',
    );
  }
  return readSchemeIn(s, settings.customSchemeAddress, settings.bins);
}
