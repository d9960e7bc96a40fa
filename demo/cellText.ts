/**
 * What Excel draws for a cell's formatted text in a column `widthPt` points wide: a number that does not fit shows
 * as a row of # signs filling the cell (Excel never shows part of a number); text is drawn whole and clipped (or
 * runs on into empty cells), so it is returned unchanged. Measured with the Calibri widths the simulation's autofit
 * uses, so a column autofit sized never shows #####.
 *
 * Pure. Example: `cellText("£8,911,407.90", true, 40)` → "#######"; `cellText("Champions", false, 10)` → "Champions".
 */
import { CELL_PADDING, textWidth } from "excel-sim";

export function cellText(text: string, isNumber: boolean, widthPt: number, size = 11, bold = false): string {
  if (!isNumber || text === "" || textWidth(text, size, bold) + CELL_PADDING <= widthPt) return text;
  return "#".repeat(Math.max(1, Math.floor((widthPt - CELL_PADDING) / textWidth("#", size, bold))));
}
