/**
 * RFM.SCORE: the 1..bins quantile score of each value within a population, cut the way the engine scores Recency and
 * Monetary (pandas `qcut`: numpy "linear" quantiles at k/bins, bins right-closed, the first one closed at the
 * minimum; see src/rfm/quantiles.ts). With higher_is_better = FALSE the bins count down (bins … 1), as for Recency.
 *
 * Population: numbers only; empty cells, text, and TRUE/FALSE are ignored, as Excel's PERCENTRANK ignores them, so a
 * whole column with its header can be given. A value outside the population's range has no bin in pandas (NaN):
 * that cell gets #N/A saying so. When edges coincide (many equal values), the value goes to the first bin that holds
 * it, exactly as the engine does, so some scores stay unused.
 *
 * Cost: one sort of the population (n log n) per call, then a binary search per value.
 *
 * Example: population 1, 2, 3, 4, 100 with 5 bins has edges 1, 1.8, 2.6, 3.4, 23.2, 100, so the value 3 scores 3 and
 * 50 scores 5; with higher_is_better = FALSE, 3 scores 3 and 50 scores 1.
 */
import { binOf, quantileEdges, scoreOfBin } from "../rfm";
import {
  FailedCell,
  argumentError,
  cellName,
  isBlank,
  mapShape,
  optionalBoolean,
  optionalInteger,
  shapeOf,
  show,
  toMatrix,
  type ResultCell,
} from "./args";

/** The numbers of a population range, row by row. */
function populationNumbers(m: unknown[][]): Float64Array {
  let n = 0;
  for (const row of m) for (const v of row) if (typeof v === "number" && Number.isFinite(v)) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (const row of m) for (const v of row) if (typeof v === "number" && Number.isFinite(v)) out[k++] = v;
  return out;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(10)));
}

export function scoreFormula(
  value: unknown,
  population: unknown,
  higherIsBetter: unknown,
  bins: unknown,
): ResultCell[][] {
  const values = toMatrix(value, "value");
  const pop = populationNumbers(toMatrix(population, "population"));
  const better = optionalBoolean(higherIsBetter, "higher_is_better", true);
  const nBins = optionalInteger(bins, "bins", 5, 2, 10);
  if (pop.length === 0) argumentError("population holds no numbers; give the range of values to score against.");
  const edges = quantileEdges(pop, nBins);
  const shape = shapeOf(values);
  return mapShape(shape, (i, j) => {
    const v = values[i][j];
    if (isBlank(v)) return "";
    const where = cellName("value", shape, i, j);
    if (typeof v !== "number" || !Number.isFinite(v))
      return new FailedCell(`${where} must be a number; got ${show(v)}.`);
    const bin = binOf(v, edges);
    if (bin === 0) {
      return new FailedCell(
        `${where} ${fmt(v)} is outside the population's range (${fmt(edges[0])} to ${fmt(edges[nBins])}), so it has no bin.`,
        "notAvailable",
      );
    }
    return scoreOfBin(bin, nBins, better);
  });
}
