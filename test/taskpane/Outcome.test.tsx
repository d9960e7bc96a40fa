/** @jest-environment jsdom */
/**
 * The run's result in the pane: the segment table shows each segment's average order value when the run reports it
 * (a finished run does), in the workbook's currency, and stays as it was for a summary without it.
 */
import * as React from "react";
import { render, screen, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { ResultDetails } from "../../src/taskpane/components/Outcome";
import { money } from "../../src/taskpane/format";
import type { RunSummary } from "../../src/office/types";
import { smallSummary } from "./fakes";

function rowsOf(summary: RunSummary): string[][] {
  render(
    <FluentProvider theme={webLightTheme}>
      <ResultDetails summary={summary} />
    </FluentProvider>,
  );
  return within(screen.getByRole("table", { name: "Segments" }))
    .getAllByRole("row")
    .slice(1)
    .map((r) =>
      within(r)
        .getAllByRole("cell")
        .map((c) => c.textContent ?? ""),
    );
}

test("each segment's average order value under its action", () => {
  // The fake's segments: revenue / (customers × mean frequency) = 800 / 45, 150 / 12, 50 / 2.
  const rows = rowsOf(smallSummary({ orderValues: [800 / 45, 150 / 12, 50 / 2], currencySymbol: "£" }));
  expect(rows.map((r) => r[0])).toEqual([
    "ChampionsReward themAverage order £17.78",
    "At RiskSend a win-back offerAverage order £12.50",
    "HibernatingLet goAverage order £25.00",
  ]);
  // Customers with their share under them in one cell (the pane is too narrow for a column each), then revenue share.
  expect(rows.map((r) => r.slice(1))).toEqual([
    ["5" + "50.0%", "80.0%"],
    ["3" + "30.0%", "15.0%"],
    ["2" + "20.0%", "5.0%"],
  ]);
});

test("without order values the table shows the actions only", () => {
  const rows = rowsOf(smallSummary());
  expect(rows.map((r) => r[0])).toEqual(["ChampionsReward them", "At RiskSend a win-back offer", "HibernatingLet go"]);
});

test("money: thousands separators, two decimals, the sign before the currency", () => {
  expect(money(1234.5, "£")).toBe("£1,234.50");
  expect(money(0.005)).toBe("0.01");
  expect(money(-12, "$")).toBe("-$12.00");
});
