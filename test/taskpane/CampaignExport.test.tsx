/** @jest-environment jsdom */
/**
 * The pane's result actions (campaign list, compare with an earlier date, copy as SQL) with fake intents.
 */
import * as React from "react";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import {
  CampaignExport,
  downloadText,
  downloadsWork,
  type ResultActions,
} from "../../src/taskpane/components/CampaignExport";
import { OfficeActionError } from "../../src/office/types";
import type { CampaignExportResult } from "../../src/office/campaignList";
import type { CompareSummary } from "../../src/office/migrationSheet";
import { smallSummary } from "./fakes";

function setup(overrides: Partial<ResultActions> = {}) {
  const calls: { export: [string[], string][]; compare: (string | undefined)[]; sql: string[]; copied: string[] } = {
    export: [],
    compare: [],
    sql: [],
    copied: [],
  };
  const downloads: [string, string][] = [];
  const actions: ResultActions = {
    async exportCampaignList(segments, target): Promise<CampaignExportResult> {
      calls.export.push([segments, target]);
      return {
        segments,
        customers: 5,
        columns: ["CustomerID"],
        fileName: "champions_2011-12-10.csv",
        sheet: target === "sheet" ? "champions 2011-12-10" : undefined,
        csv: target === "csv" ? "CustomerID\n1\n" : undefined,
        syncs: 3,
      };
    },
    async compareSegmentation(compareTo): Promise<CompareSummary> {
      calls.compare.push(compareTo);
      return {
        sheet: "RFM Migration",
        before: "2011-09-11 12:50",
        after: "2011-12-10 12:50",
        customersBefore: 3376,
        customersAfter: 4338,
        stayed: 1389,
        moved: 1987,
        arrived: 962,
        lapsed: 0,
        flows: ["308 new customers arrived as about_to_sleep", "182 loyal_customers became champions"],
        previousSegmentSheet: "RFM Customers",
        warnings: [],
        syncs: 9,
        elapsedMs: 100,
      };
    },
    async sqlForWorkbook(dialect) {
      calls.sql.push(dialect);
      return `-- ${dialect}\nSELECT 1;\n`;
    },
    async copyText(text) {
      calls.copied.push(text);
      return true;
    },
    download: (name, text) => downloads.push([name, text]),
    ...overrides,
  };
  render(
    <FluentProvider theme={webLightTheme}>
      <CampaignExport summary={smallSummary()} actions={actions} />
    </FluentProvider>,
  );
  return { calls, downloads };
}

async function click(name: string) {
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name }));
  });
}

test("campaign list: buttons wait for a segment; sheet and CSV exports say what they did", async () => {
  const { calls, downloads } = setup();
  expect(screen.getByRole("button", { name: "New sheet" })).toHaveProperty("disabled", true);
  fireEvent.click(screen.getByRole("checkbox", { name: "Champions (5)" }));
  fireEvent.click(screen.getByRole("checkbox", { name: "At Risk (3)" }));
  await click("New sheet");
  expect(calls.export).toEqual([[["champions", "at_risk"], "sheet"]]);
  expect(
    await screen.findByText(/Wrote 5 customers of champions, at_risk to the sheet "champions 2011-12-10"/),
  ).toBeTruthy();
  fireEvent.click(screen.getByRole("checkbox", { name: "At Risk (3)" }));
  await click("Download CSV");
  expect(calls.export[1]).toEqual([["champions"], "csv"]);
  expect(downloads).toEqual([["champions_2011-12-10.csv", "CustomerID\n1\n"]]);
  expect(await screen.findByText(/Downloaded champions_2011-12-10.csv: 5 customers/)).toBeTruthy();
});

test("where downloads cannot work (Excel for Mac) the CSV goes to the clipboard, and the pane says so", async () => {
  const { calls, downloads } = setup({ canDownload: false });
  expect(screen.queryByRole("button", { name: "Download CSV" })).toBeNull();
  fireEvent.click(screen.getByRole("checkbox", { name: "Champions (5)" }));
  await click("Copy CSV");
  expect(downloads).toEqual([]);
  expect(calls.copied).toEqual(["CustomerID\n1\n"]);
  expect(
    await screen.findByText(/Copied the CSV of 5 customers to the clipboard \(Excel here cannot save downloads\)/),
  ).toBeTruthy();
  expect(screen.queryByText(/Downloaded/)).toBeNull();
});

test("without downloads or a clipboard the CSV is shown to copy by hand", async () => {
  setup({ canDownload: false, copyText: async () => false });
  fireEvent.click(screen.getByRole("checkbox", { name: "Champions (5)" }));
  await click("Copy CSV");
  expect(await screen.findByText(/clipboard is not available: copy the 5 customers below/)).toBeTruthy();
  expect((screen.getByRole("textbox", { name: "Campaign list CSV" }) as HTMLTextAreaElement).value).toBe(
    "CustomerID\n1\n",
  );
});

test("downloadsWork: not on Mac or iPad (WKWebView), elsewhere yes", () => {
  expect(downloadsWork("Mac")).toBe(false);
  expect(downloadsWork("iOS")).toBe(false);
  expect(downloadsWork("PC")).toBe(true);
  expect(downloadsWork("OfficeOnline")).toBe(true);
  expect(downloadsWork(undefined)).toBe(true);
});

test("an export error is shown as the analyst's message", async () => {
  setup({
    exportCampaignList: async () => {
      throw new OfficeActionError('Some required columns are not mapped on "Sheet1": date.');
    },
  });
  fireEvent.click(screen.getByRole("checkbox", { name: "Champions (5)" }));
  await click("New sheet");
  expect(await screen.findByText(/Some required columns are not mapped/)).toBeTruthy();
});

test("compare: empty date means the default; a date is passed as typed; the result is summarised", async () => {
  const { calls } = setup();
  await click("Compare");
  expect(calls.compare).toEqual([undefined]);
  expect(await screen.findByText(/1,389 stayed, 1,987 moved, 962 new, 0 lapsed/)).toBeTruthy();
  expect(screen.getByText(/Largest flows: 308 new customers arrived as about_to_sleep/)).toBeTruthy();
  fireEvent.change(screen.getByLabelText("Earlier date"), { target: { value: "2011-06-01" } });
  await click("Compare");
  expect(calls.compare[1]).toBe("2011-06-01");
});

test("copy as SQL: the chosen dialect, copied; without a clipboard the query is shown", async () => {
  const { calls } = setup();
  fireEvent.click(screen.getByRole("radio", { name: "PostgreSQL" }));
  await click("Copy as SQL");
  expect(calls.sql).toEqual(["postgres"]);
  expect(calls.copied).toEqual(["-- postgres\nSELECT 1;\n"]);
  expect(await screen.findByText(/Copied the PostgreSQL query/)).toBeTruthy();
});

test("copy as SQL falls back to a text box", async () => {
  setup({ copyText: async () => false });
  await click("Copy as SQL");
  expect(await screen.findByText(/clipboard is not available/)).toBeTruthy();
  expect((screen.getByLabelText("SQL query") as HTMLTextAreaElement).value).toBe("-- duckdb\nSELECT 1;\n");
});

test("downloadText clicks a link to a blob named after the file", () => {
  const created: string[] = [];
  const urlApi = URL as unknown as { createObjectURL: (b: Blob) => string; revokeObjectURL: (u: string) => void };
  urlApi.createObjectURL = () => {
    created.push("blob:1");
    return "blob:1";
  };
  urlApi.revokeObjectURL = () => undefined;
  const clicks: HTMLAnchorElement[] = [];
  const spy = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    clicks.push(this);
  });
  downloadText("champions_2011-12-10.csv", "a,b\n");
  expect(created).toEqual(["blob:1"]);
  expect(clicks).toHaveLength(1);
  expect(clicks[0].download).toBe("champions_2011-12-10.csv");
  expect(clicks[0].getAttribute("href")).toBe("blob:1");
  spy.mockRestore();
});
