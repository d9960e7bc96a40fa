/**
 * End-to-end: the Predict step in headless Chromium, on the demo page with the real Online Retail data (541,909 rows)
 * in the simulated Excel. The analyst segments the customers, sets the calibration end to 2011-08-31 (the rest of
 * the data, up to 2011-12-09, becomes the holdout) and clicks Predict. What the workbook must hold is computed here
 * in Node with the engine's `predictCustomers()` on the same cells, never copied from a run: the four columns on the
 * RFM Customers table, the "RFM Prediction" sheet tab with its holdout table, and its two charts drawn as SVG in the
 * workbook view (calibration vs holdout by frequency, cumulative purchases over time).
 *
 * The screenshot goes to test-output/e2e/9-predict.png; RFM_E2E_UPDATE_DOCS=1 copies it to docs/screenshots/ (the
 * README shows it). The demo is built only when it is not current (the pane test builds it first in the same run).
 */
import * as fs from "fs";
import * as path from "path";
import type { Browser, Locator, Page } from "playwright-core";
import { readCsvFile } from "../../src/cli/dataFiles";
import { toSheetColumns } from "../../demo/sheetData";
import { analyze } from "../../src/rfm";
import { predictCustomers, type PredictionResult } from "../../src/rfm/predict";
import {
  REPO_ROOT,
  browserSkipReason,
  buildDemo,
  launchChromium,
  screenshotPath,
  watchPage,
  type PageLog,
} from "./browser";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startServer, dataFiles } = require("../../scripts/serve.js") as {
  startServer(o: { root: string }): Promise<{ url: string; close(): Promise<void> }>;
  dataFiles(): Record<string, string>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const demo = require("../../scripts/demo.js") as { isCurrent(): boolean };

const skip = browserSkipReason();
const describeBrowser = skip ? describe.skip : describe;
if (skip) console.warn(skip);

const count = (n: number) => Math.round(n).toLocaleString("en-US");
const PREDICT = { calibrationEnd: "2011-08-31", holdoutEnd: "2011-12-09", unit: "week" as const, horizon: 52 };

describeBrowser("the Predict step in headless Chromium (demo page, Online Retail)", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let page: Page;
  let pane: Locator;
  let log: PageLog;
  let expected: PredictionResult;
  let rfmCustomers: number;

  beforeAll(async () => {
    if (!demo.isCurrent()) buildDemo();
    const file = dataFiles()["/data/online_retail.csv.gz"] ?? dataFiles()["/data/online_retail.csv"];
    expect(file).toBeDefined();
    const sheet = toSheetColumns(readCsvFile(file));
    const table = { headers: sheet.headers, columns: sheet.columns };
    rfmCustomers = analyze(table).customers.length;
    expected = predictCustomers(table, PREDICT);
    server = await startServer({ root: "dist-demo" });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    log = await watchPage(page, server.url);
    pane = page.locator("#container");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(() => {
    expect(log.errors).toEqual([]);
    expect(log.external).toEqual([]);
  });

  it("segments, then predicts: the columns, the RFM Prediction sheet and its two charts", async () => {
    await page.goto(`${server.url}demo.html`);
    await page.waitForSelector("body[data-state]", { timeout: 120_000 });
    expect(await page.evaluate(() => document.body.dataset.state)).toBe("ready");
    await pane.getByRole("button", { name: "Segment customers" }).click();
    await pane.getByText(`Segmented ${count(rfmCustomers)} customers`).waitFor({ timeout: 180_000 });

    // The step is the accordion's last item, closed until it is opened.
    await pane.getByRole("button", { name: /^Predict/ }).click();
    const section = pane.getByRole("region", { name: "Predict" });
    // The default calibration end is the data's last day, from the run.
    expect(await section.getByLabel("Calibration end").inputValue()).toBe("2011-12-09");
    await section.getByLabel("Calibration end").fill(PREDICT.calibrationEnd);
    await section.getByRole("button", { name: "Predict" }).click();
    await section.getByText(`Predicted ${count(expected.summary.ids.length)} customers`).waitFor({ timeout: 180_000 });
    const line = await section.getByRole("status", { name: "Prediction status" }).textContent();
    expect(line).toContain(`Holdout to ${PREDICT.holdoutEnd}: ${count(expected.holdout!.actual)} purchases`);
    expect(line).toContain("No dropout detected");

    const wb = await page.evaluate(() => {
      const h = window.rfmDemo.host;
      const snap = h.snapshot();
      const holdout = snap.tables.find((t) => t.sheet === "RFM Prediction")!;
      return {
        sheets: snap.sheets.map((s) => s.name),
        active: snap.activeSheet,
        customerHeaders: snap.tables.find((t) => t.sheet === "RFM Customers")!.headers,
        holdout: h.readSheetValues("RFM Prediction", holdout.address.slice(holdout.address.lastIndexOf("!") + 1)),
        charts: snap.sheets.find((s) => s.name === "RFM Prediction")!.charts.map((c) => c.chartType),
      };
    });
    expect(wb.sheets).toEqual(["Online Retail", "RFM Customers", "RFM Summary", "RFM Prediction"]);
    expect(wb.active).toBe("RFM Prediction");
    expect(wb.customerHeaders.slice(-4)).toEqual(["P(alive)", "Expected purchases", "Expected avg value", "CLV"]);
    // Frequencies, customers and actuals exactly; the expected means to 9 digits (the browser's Math may round the
    // last bits of the optimizer's steps differently).
    const rows = wb.holdout.slice(1);
    expect(rows.map((r) => [r[0], r[1], r[3]])).toEqual(
      expected.holdout!.byFrequency.map((r) => [r.frequency, r.actual, r.customers]),
    );
    rows.forEach((r, i) => expect(Number(r[2])).toBeCloseTo(expected.holdout!.byFrequency[i].expected, 9));
    expect(wb.charts).toEqual(["ColumnClustered", "Line"]);

    // The tab is there and the view draws the sheet's two charts.
    expect(await page.locator(".wb-tab", { hasText: "RFM Prediction" }).count()).toBe(1);
    await page.waitForSelector('#workbook[data-sheet="RFM Prediction"] figure.wb-chart svg >> nth=1');
    const drawn = await page.$$eval("#workbook figure.wb-chart svg", (svgs) =>
      svgs.map((s) => ({ type: s.getAttribute("data-chart-type"), categories: s.getAttribute("data-categories") })),
    );
    expect(drawn.map((d) => d.type)).toEqual(["ColumnClustered", "Line"]);
    expect(JSON.parse(drawn[0].categories!)).toEqual(expected.holdout!.byFrequency.map((r) => r.frequency));
    // The step fits a narrow pane: nothing in it reaches past the pane's right edge at 270 or 350 px.
    for (const width of [270, 350]) {
      await page.evaluate((px) => (document.getElementById("pane")!.style.width = `${px}px`), width);
      const fit = await section.evaluate((e) => {
        const pane = document.getElementById("pane")!;
        const right = Math.max(...[...e.querySelectorAll("*")].map((x) => x.getBoundingClientRect().right));
        return {
          right,
          paneRight: pane.getBoundingClientRect().right,
          scroll: pane.scrollWidth,
          client: pane.clientWidth,
        };
      });
      expect([width, fit.right]).toEqual([width, expect.any(Number)]);
      expect(fit.right).toBeLessThanOrEqual(fit.paneRight);
      expect(fit.scroll).toBeLessThanOrEqual(fit.client);
    }
    await page.evaluate(() => (document.getElementById("pane")!.style.width = ""));
    await section.evaluate((e) => e.scrollIntoView({ block: "start" }));
    await page.setViewportSize({ width: 1920, height: 1000 });
    await page.screenshot({ path: screenshotPath("9-predict.png") });
    if (process.env.RFM_E2E_UPDATE_DOCS === "1") {
      const docs = path.join(REPO_ROOT, "docs", "screenshots");
      fs.mkdirSync(docs, { recursive: true });
      fs.copyFileSync(screenshotPath("9-predict.png"), path.join(docs, "9-predict.png"));
    }
  });
});
