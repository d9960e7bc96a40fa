/** @jest-environment jsdom */
/**
 * The pane's Predict step: it appears when the adapter offers the prediction, defaults the calibration end to the
 * data's last day (the segmentation run's snapshot − 1 day), sends the analyst's horizon, unit, holdout end and
 * discount rate, shows progress with a working Cancel, and ends with one clear result line, a cancel note or the
 * adapter's error.
 */
import * as React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import App from "../../src/taskpane/components/App";
import { lastPurchaseDay, resultLine } from "../../src/taskpane/components/PredictSection";
import type { PredictionSettings, PredictionSummary } from "../../src/office/prediction";
import { OfficeActionError, type RunOptions } from "../../src/office/types";
import { deferred, fakeActions, smallSummary } from "./fakes";

function predictionSummary(overrides: Partial<PredictionSummary> = {}): PredictionSummary {
  return {
    customers: 2357,
    matched: 2349,
    unit: "week",
    horizon: 39,
    calibrationEnd: "1997-09-30",
    holdoutEnd: "1998-06-30",
    lastDate: "1998-06-30",
    bgnbd: { r: 0.2426, alpha: 4.414, a: 0.793, b: 2.426 },
    gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 },
    holdout: { actual: 1788, expected: 1777.4 },
    warnings: [],
    outputs: {
      sheet: "RFM Prediction",
      columns: ["P(alive)", "Expected purchases", "Expected avg value", "CLV"],
      charts: 2,
    },
    syncs: 20,
    elapsedMs: 900,
    ...overrides,
  };
}

type Call = { predict: PredictionSettings; options: RunOptions };

function setup(run?: (p: PredictionSettings, o: RunOptions) => Promise<PredictionSummary>) {
  const calls: Call[] = [];
  const actions = {
    ...fakeActions(),
    runPrediction: async (_s: unknown, predict: PredictionSettings, options: RunOptions) => {
      calls.push({ predict, options });
      return run ? run(predict, options) : predictionSummary();
    },
  };
  render(
    <FluentProvider theme={webLightTheme}>
      <App actions={actions} saveDelayMs={0} />
    </FluentProvider>,
  );
  return { calls, section: () => screen.getByRole("region", { name: "Predict" }) };
}

async function segment(): Promise<void> {
  const button = await screen.findByRole("button", { name: "Segment customers" });
  await waitFor(() => expect(button).toHaveProperty("disabled", false));
  fireEvent.click(button);
  await screen.findByRole("table", { name: "Segments" });
  // The step is the accordion's last item, closed until the analyst opens it.
  expect(screen.queryByRole("region", { name: "Predict" })).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: /^Predict/ }));
  await screen.findByRole("region", { name: "Predict" });
}

test("no Predict step without the adapter's prediction", async () => {
  render(
    <FluentProvider theme={webLightTheme}>
      <App actions={fakeActions()} saveDelayMs={0} />
    </FluentProvider>,
  );
  await screen.findByRole("button", { name: "Segment customers" });
  expect(screen.queryByRole("region", { name: "Predict" })).toBeNull();
});

test("after a run the calibration end is the data's last day; the analyst's values are sent", async () => {
  const { calls, section } = setup();
  await segment();
  const s = within(section());
  // The fake run's snapshot is 2011-12-10 12:50: the last purchase was on 2011-12-09.
  expect(s.getByLabelText("Calibration end")).toHaveProperty("value", "2011-12-09");
  expect(s.getByLabelText("Horizon")).toHaveProperty("placeholder", "52");
  fireEvent.change(s.getByLabelText("Unit"), { target: { value: "month" } });
  expect(s.getByLabelText("Horizon")).toHaveProperty("placeholder", "12");
  fireEvent.change(s.getByLabelText("Horizon"), { target: { value: "6" } });
  fireEvent.change(s.getByLabelText("Holdout end"), { target: { value: "2011-12-31" } });
  fireEvent.change(s.getByLabelText("Calibration end"), { target: { value: "2011-08-31" } });
  fireEvent.change(s.getByLabelText("Discount % per month"), { target: { value: "1,5" } });
  fireEvent.click(s.getByRole("button", { name: "Predict" }));
  await within(section()).findByText(/Predicted 2,357 customers/);
  expect(calls[0].predict).toEqual({
    calibrationEnd: "2011-08-31",
    holdoutEnd: "2011-12-31",
    unit: "month",
    horizon: 6,
    discountRate: 0.015,
  });
});

test("defaults when nothing is entered: a year of the unit, no holdout end, no discount", async () => {
  const { calls, section } = setup();
  await segment();
  fireEvent.click(within(section()).getByRole("button", { name: "Predict" }));
  await within(section()).findByText(/Predicted/);
  expect(calls[0].predict).toEqual({ calibrationEnd: "2011-12-09", unit: "week", horizon: 52 });
});

test("progress, Cancel, and the cancel note", async () => {
  const held = deferred<PredictionSummary>();
  const { calls, section } = setup(() => held.promise);
  await segment();
  fireEvent.click(within(section()).getByRole("button", { name: "Predict" }));
  await waitFor(() => expect(calls).toHaveLength(1));
  act(() => calls[0].options.onProgress?.({ step: "Fitting the models", percent: 50 }));
  const s = within(section());
  expect(s.getByText("Fitting the models — 50%")).toBeTruthy();
  expect(s.getByRole("progressbar", { name: "Prediction progress" })).toBeTruthy();
  expect(s.getByRole("button", { name: "Predict" })).toHaveProperty("disabled", true);
  fireEvent.click(s.getByRole("button", { name: "Cancel prediction" }));
  expect(calls[0].options.signal?.aborted).toBe(true);
  await act(async () =>
    held.resolve(predictionSummary({ cancelled: "Cancelled before anything was written: the workbook is unchanged." })),
  );
  expect(await s.findByText(/workbook is unchanged/)).toBeTruthy();
  expect(s.queryByRole("progressbar")).toBeNull();
  expect(s.getByRole("button", { name: "Predict" })).toHaveProperty("disabled", false);
});

test("the adapter's error is shown as it is", async () => {
  const { section } = setup(async () => {
    throw new OfficeActionError('The "RFM Customers" table is gone: run "Segment customers" again, then Predict.');
  });
  await segment();
  fireEvent.click(within(section()).getByRole("button", { name: "Predict" }));
  expect(await within(section()).findByText(/table is gone: run "Segment customers" again/)).toBeTruthy();
});

test("no Predict step before a run: it acts on the run's customer table", async () => {
  setup();
  const button = await screen.findByRole("button", { name: "Segment customers" });
  await waitFor(() => expect(button).toHaveProperty("disabled", false));
  expect(screen.queryByRole("button", { name: /^Predict/ })).toBeNull();
});

test("a horizon or discount that is not a number is shown as invalid and blocks Predict", async () => {
  const { calls, section } = setup();
  await segment();
  const s = within(section());
  fireEvent.change(s.getByLabelText("Horizon"), { target: { value: "52w" } });
  expect(s.getByText("A number above 0, e.g. 52")).toBeTruthy();
  expect(s.getByRole("button", { name: "Predict" })).toHaveProperty("disabled", true);
  fireEvent.change(s.getByLabelText("Horizon"), { target: { value: "0" } });
  expect(s.getByRole("button", { name: "Predict" })).toHaveProperty("disabled", true);
  fireEvent.change(s.getByLabelText("Horizon"), { target: { value: "26" } });
  fireEvent.change(s.getByLabelText("Discount % per week"), { target: { value: "-1" } });
  expect(s.getByText("A percentage from 0 to 100, e.g. 1.5")).toBeTruthy();
  expect(s.getByRole("button", { name: "Predict" })).toHaveProperty("disabled", true);
  fireEvent.change(s.getByLabelText("Discount % per week"), { target: { value: "" } });
  fireEvent.click(s.getByRole("button", { name: "Predict" }));
  await within(section()).findByText(/Predicted/);
  expect(calls.map((c) => c.predict.horizon)).toEqual([26]);
});

test("the result line and the default day", () => {
  expect(resultLine(predictionSummary())).toBe(
    "Predicted 2,357 customers from 1997-09-30; 2,349 rows of RFM Customers got P(alive), expected purchases, " +
      "expected value and CLV over 39 weeks. Holdout to 1998-06-30: 1,788 purchases, 1,777 expected. Details and " +
      'charts: "RFM Prediction".',
  );
  expect(lastPurchaseDay(smallSummary({ snapshot: "2011-03-01 00:00" }), {})).toBe("2011-02-28");
  expect(lastPurchaseDay(smallSummary(), { snapshot: "2011-12-31" })).toBeUndefined();
});
