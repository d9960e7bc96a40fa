/**
 * The Predict step on the demo's data, Online Retail (541,909 rows), in the simulated Excel on the web: the RFM run
 * first, then a prediction with the calibration end 2011-08-31, where the BG/NBD fit finds no dropout. Every
 * customer row gets the engine's figures, the sheet says "No dropout detected" in words, and no request comes near
 * Excel's limits.
 */
import { predictCustomers } from "../../src/rfm/predict";
import { runSegmentation } from "../../src/office";
import { runPrediction, type PredictionSummary } from "../../src/office/prediction";
import { loadOnlineRetail } from "../helpers/realData";
import { onlineRetailHost } from "./helpers";

const PREDICT = { calibrationEnd: "2011-08-31", unit: "week" as const, horizon: 52 };

describe("Predict on Online Retail", () => {
  const data = loadOnlineRetail();
  const host = onlineRetailHost(data);
  let summary: PredictionSummary;

  beforeAll(async () => {
    await runSegmentation({}, {}, host);
    host.resetStats();
    summary = await runPrediction({}, PREDICT, {}, host);
  }, 300_000);

  test("the holdout is the rest of the data; the fit warns in words; every customer row has the engine's figures", () => {
    // Without a holdout end the days after the calibration end up to the last purchase are the holdout.
    const reference = predictCustomers(data, { ...PREDICT, holdoutEnd: "2011-12-09" });
    expect(summary.holdoutEnd).toBe("2011-12-09");
    expect(summary.customers).toBe(reference.summary.ids.length);
    expect(summary.holdout!.actual).toBe(reference.holdout!.actual);
    expect(summary.warnings.some((w) => /^No dropout detected/.test(w))).toBe(true);
    const values = host.readSheetValues("RFM Customers");
    const h = values[0] as string[];
    const at = new Map(reference.summary.ids.map((id, i) => [id, i]));
    let predicted = 0;
    const wrong: string[] = [];
    for (const row of values.slice(1)) {
      const i = at.get(String(row[0]));
      const cells = ["P(alive)", "Expected purchases", "Expected avg value", "CLV"].map((k) => row[h.indexOf(k)]);
      if (i === undefined) {
        if (cells.some((c) => c !== "")) wrong.push(`${row[0]}: ${cells.join(", ")}`);
        continue;
      }
      predicted++;
      const m = reference.expectedAverageValue[i];
      const want = [
        reference.pAlive[i],
        reference.expectedPurchases[i],
        ...(Number.isFinite(m) ? [m, reference.clv[i]] : ["", ""]),
      ];
      if (cells.some((c, k) => c !== want[k])) wrong.push(`${row[0]}: ${cells.join(", ")} vs ${want.join(", ")}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(predicted).toBe(summary.matched);
    expect(predicted).toBe(reference.summary.ids.length);
    const sheet = host
      .readSheetValues("RFM Prediction")
      .map((r) => r.join(" | "))
      .join("\n");
    expect(sheet).toMatch(/^b \| [\d.]+ \| No dropout detected/m);
    expect(sheet).toMatch(/^No dropout detected: /m);
  });

  test("within Excel on the web's limits", () => {
    // One refused request: columns.add on a table this long is over Excel on the web's cell limit, and the columns
    // go in through the fallback (tableColumns.ts) instead.
    expect(host.stats.failedSyncs).toBe(1);
    expect(host.stats.maxRequestBytes).toBeLessThan(4_000_000);
    expect(host.stats.maxResponseBytes).toBeLessThan(4_000_000);
    expect(summary.syncs).toBeLessThan(80);
  });
});
