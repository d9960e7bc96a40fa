/**
 * The CDNOW 1/10 sample (Fader, Hardie & Lee 2005) for the golden tests, from the shared data folder beside the
 * repository; null when it is not there (the repository does not ship it: the data set carries no licence statement
 * that allows redistribution). Tests that need it skip themselves and say why.
 */
import { readCsvFile, sharedDataFile } from "../../../src/cli/dataFiles";
import type { ColumnTable } from "../../../src/rfm/types";

let cached: ColumnTable | null | undefined;

export function cdnowPath(): string | null {
  return sharedDataFile("cdnow_sample.csv");
}

export function loadCdnow(): ColumnTable | null {
  if (cached === undefined) {
    const file = cdnowPath();
    cached = file === null ? null : readCsvFile(file);
    if (file === null) console.warn("CDNOW golden tests skipped: ../shared/data/cdnow_sample.csv is not there.");
  }
  return cached;
}
