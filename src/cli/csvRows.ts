/**
 * `CsvRowReader`: csv.ts's parser handing each record's cells to a callback instead of storing them in columns, for
 * a reader that cleans the rows as they come (the engine's `RowCleaner`) and so keeps no column of cells.
 *
 * The cells are csv.ts's: the same record loop (`parseRecord`, here writing into one row array), the same numbers
 * from the bytes, the same string pools, the same errors with their rows and lines; only the columns the `columns`
 * option keeps are converted. A field that repeats the previous record's bytes keeps the previous cell without being
 * read again. The row array handed to `onRow` is reused for the next record: read it, do not keep it.
 *
 * @example
 *   const reader = new CsvRowReader({ columns: [0, 4] }, (cells) => cleaner.row(cells));
 *   reader.push(bytes);
 *   reader.end();
 */
import type { Cell, ColumnTable } from "../rfm/types";
import { CsvParser, fieldEnd, numberAt, sameBytes, type CsvOptions } from "./csv";

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvRowReader extends CsvParser {
  /** The current record's cells (the kept columns; the others stay undefined). */
  private cells: Cell[] = [];
  /** The current record's number cells, by column (their entry in `cells` is undefined). */
  private nums = new Float64Array(0);

  /**
   * @param options csv.ts's options (`columns`: the columns to convert; `expectedRows` is not used)
   * @param onRow called with each data record's cells, in file order (blank lines inside the data as empty cells); a
   *   cell that is a number is undefined there and its value is at its index in `numbers` (RowCleaner.row's form)
   */
  constructor(
    options: CsvOptions,
    private readonly onRow: (cells: readonly Cell[], numbers: Float64Array) => void,
  ) {
    super(options);
    // Headers given in the options were set by the parser's constructor, before this class's fields existed.
    if (this.headers !== null) this.sizeRow(this.headers.length);
  }

  protected setHeaders(headers: string[]): void {
    super.setHeaders(headers);
    // No column is stored: the cells go to onRow.
    this.builders = headers.map(() => null);
    this.sizeRow(headers.length);
  }

  private sizeRow(n: number): void {
    // Filled with text first, so that the array has the generic element kind from the start.
    this.cells = new Array<Cell>(n).fill("");
    this.nums = new Float64Array(n);
  }

  /** The rows went to `onRow`: the table has the headers and no column (and costs nothing to make). */
  takeRows(): ColumnTable {
    this.rowsInBatch = 0;
    return { headers: this.headers ?? [], columns: [] };
  }

  protected commitBlankRows(): void {
    this.prevLen.fill(-1); // the previous row is now an empty one
    const cells = this.cells;
    for (let f = 0; f < cells.length; f++) if (this.wanted[f]) cells[f] = "";
    for (; this.pendingBlank > 0; this.pendingBlank--) {
      this.onRow(cells, this.nums);
      this.rowsInBatch++;
      this.nextRow++;
    }
  }

  /** csv.ts's `parseRecord` (see there), with each kept field's cell written into `cells` and the complete record
   *  handed to `onRow`. */
  protected parseRecord(b: Uint8Array, pos: number, final: boolean, _row: number, recordLine: number): number {
    const len = b.length;
    const delim = this.delim;
    const maxStop = this.maxStop;
    const ncols = this.ncols;
    const wanted = this.wanted;
    const cells = this.cells;
    const nums = this.nums;
    const pools = this.pools;
    const prevStart = this.prevStart;
    const prevLen = this.prevLen;
    const q = this.quoted;
    let line = recordLine;
    let field = 0;
    for (;;) {
      const keep = field < ncols && wanted[field];
      let end: number;
      if (pos < len && b[pos] === QUOTE) {
        if (!this.scanQuoted(b, pos, final, line, field)) return -1;
        if (keep) {
          cells[field] = q.end === pos + 1 ? "" : pools[field].get(b, pos + 1, q.end, q.doubled);
          prevLen[field] = -1;
        }
        line += q.newlines;
        end = q.end + 1;
        if (end < len) {
          const c = b[end];
          if (c !== delim && c !== LF && c !== CR) throw this.textAfterQuote(line, field);
        }
      } else {
        // The previous record's cell stays when the bytes repeat (prevLen is -1 after a new buffer, a quoted field
        // or a blank row, so the cell is then always the previous record's).
        const plen = keep ? prevLen[field] : -1;
        const pend = pos + plen;
        let stop: number;
        if (
          plen >= 0 &&
          pend < len &&
          ((stop = b[pend]) === delim || stop === LF || stop === CR) &&
          sameBytes(b, prevStart[field], pos, plen)
        ) {
          end = pend;
          prevStart[field] = pos;
        } else {
          end = fieldEnd(b, pos, len, delim, maxStop);
          if (end >= len && !final) return -1;
          if (keep) {
            const flen = end - pos;
            const v = flen === 0 ? NaN : numberAt(b, pos, end);
            // A number goes to `nums` (in a Float64Array it needs no object of its own), its cell left undefined.
            if (v === v) {
              nums[field] = v;
              cells[field] = undefined;
            } else cells[field] = flen === 0 ? "" : pools[field].get(b, pos, end, false);
            prevStart[field] = pos;
            prevLen[field] = flen;
          }
        }
      }
      field++;

      if (end >= len) {
        pos = end;
        break;
      }
      const c = b[end];
      if (c === delim) {
        pos = end + 1;
        if (pos < len) continue;
        if (!final) return -1;
        if (field < ncols && wanted[field]) cells[field] = "";
        field++;
        break;
      }
      if (c === CR) {
        if (end + 1 >= len && !final) return -1;
        pos = end + 1 < len && b[end + 1] === LF ? end + 2 : end + 1;
      } else {
        pos = end + 1;
      }
      line++;
      break;
    }
    this.record.fields = field;
    this.record.line = line;
    // A record with another number of fields is an error (thrown by the caller): it is not handed on.
    if (field === ncols) this.onRow(cells, nums);
    return pos;
  }
}
