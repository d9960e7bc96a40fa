/** @jest-environment jsdom */
/**
 * The task pane with fake Office actions (plain async functions): what it shows, what it passes to the adapter,
 * progress, cancel, errors, the replace question, settings persistence and ribbon-run results.
 */
import * as React from "react";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import App from "../../src/taskpane/components/App";
import type { PaneActions } from "../../src/taskpane/actions";
import { OfficeActionError, type Progress, type RunOptions, type RunSummary } from "../../src/office/types";
import { RfmError } from "../../src/rfm";
import { getLastRun, publishLastRun, resetLastRun, subscribeLastRun } from "../../src/office/lastRun";
import { missingFields, partialMapping } from "../../src/office/source";
import type { Field } from "../../src/rfm/types";
import { deferred, fakeActions, ONLINE_RETAIL_HEADERS, onlineRetailSource, smallSummary } from "./fakes";

function renderPane(actions: PaneActions, props: Partial<React.ComponentProps<typeof App>> = {}) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App actions={actions} saveDelayMs={5} {...props} />
    </FluentProvider>,
  );
}

/** Waits until the pane has loaded the settings and shown the detected source, then opens every options panel. */
async function ready() {
  await screen.findByText("541,909 rows", { exact: false });
  expand("Columns", "Segments", "Scoring", "Cleaning");
}

/** Opens the accordion items with these titles (their headers' names start with the title). */
function expand(...titles: string[]) {
  for (const title of titles) {
    const header = screen.getByRole("button", { name: new RegExp(`^${title}`) });
    if (header.getAttribute("aria-expanded") !== "true") fireEvent.click(header);
  }
}

/** Waits until no detection is in flight (a mapping change detects again). */
async function settled() {
  await waitFor(() => expect(screen.queryByText("Looking for transactions…")).toBeNull());
}

async function choose(comboboxName: string, optionName: string) {
  fireEvent.click(screen.getByRole("combobox", { name: comboboxName }));
  const option = await screen.findByRole("option", { name: optionName });
  // Async act: a mapping change starts a detection whose answer arrives in later microtasks.
  await act(async () => {
    fireEvent.click(option);
  });
}

function status(): HTMLElement {
  return screen.getByRole("status", { name: "Status" });
}

describe("what was found", () => {
  it("shows the sheet, the row count and one dropdown per field with the mapped column", async () => {
    const actions = fakeActions();
    renderPane(actions);
    await ready();
    expect(screen.getByText("Online Retail")).toBeTruthy();
    expect(screen.getByText("('Online Retail'!A1:H541910)", { exact: false })).toBeTruthy();
    const expected: Record<string, string> = {
      Customer: "CustomerID",
      Invoice: "InvoiceNo",
      Date: "InvoiceDate",
      Quantity: "Quantity",
      "Unit price": "UnitPrice",
      Amount: "(none)",
      Country: "Country",
    };
    for (const [label, header] of Object.entries(expected)) {
      expect(screen.getByRole("combobox", { name: label }).textContent).toBe(header);
    }
    // The detection ran with the saved settings (none here).
    expect(actions.calls.detect).toEqual([{}]);
  });

  it("offers every header for a field, and (none) only for optional fields", async () => {
    renderPane(fakeActions());
    await ready();
    fireEvent.click(screen.getByRole("combobox", { name: "Customer" }));
    const customerOptions = (await screen.findAllByRole("option")).map((o) => o.textContent);
    expect(customerOptions).toEqual(onlineRetailSource().headers);
    fireEvent.keyDown(screen.getByRole("combobox", { name: "Customer" }), { key: "Escape" });
    await waitFor(() => expect(screen.queryAllByRole("option")).toHaveLength(0));
    fireEvent.click(screen.getByRole("combobox", { name: "Country" }));
    const countryOptions = (await screen.findAllByRole("option")).map((o) => o.textContent);
    expect(countryOptions).toEqual(["(none)", ...onlineRetailSource().headers]);
  });

  it("names the required fields that have no column", async () => {
    const source = onlineRetailSource({
      headers: ["Client", "Day", "Total"],
      mapping: { amount: "Total" },
      missing: ["customer", "date"],
    });
    renderPane(fakeActions({ source }));
    expect(await screen.findByText("Choose the columns for")).toBeTruthy();
    expect(screen.getByText("Customer, Date")).toBeTruthy();
    // No column yet: the dropdown shows its placeholder, not a header.
    expect(screen.getByRole("combobox", { name: "Customer" }).textContent).toBe("Choose a column");
  });

  it("a mapping correction is saved and detected again with the new mapping", async () => {
    // The fake adapter resolves the mapping like the real one: the analyst's choice wins.
    const actions = fakeActions({
      source: (s) => {
        const base = onlineRetailSource();
        return { ...base, mapping: { ...base.mapping, ...s.mapping } };
      },
    });
    renderPane(actions);
    await ready();
    await choose("Customer", "Description");
    await waitFor(() => expect(actions.calls.save.at(-1)).toEqual({ mapping: { customer: "Description" } }));
    await waitFor(() => expect(actions.calls.detect.at(-1)).toEqual({ mapping: { customer: "Description" } }));
    await settled();
    expect(screen.getByRole("combobox", { name: "Customer" }).textContent).toBe("Description");
  });

  it('"(none)" saves "" for the field, and the next detection shows it switched off', async () => {
    // The fake detection uses the adapter's own resolution (partialMapping, missingFields) on a sheet whose "Total"
    // column the aliases take as Amount.
    const headers = [...ONLINE_RETAIL_HEADERS, "Total"];
    const actions = fakeActions({
      source: (s) => {
        const map = partialMapping(headers, s.mapping);
        const mapping: Partial<Record<Field, string>> = {};
        for (const [f, i] of Object.entries(map) as [Field, number][]) mapping[f] = headers[i];
        return onlineRetailSource({ headers, mapping, missing: missingFields(map, s.monetarySource) });
      },
    });
    renderPane(actions);
    await ready();
    expect(screen.getByRole("combobox", { name: "Amount" }).textContent).toBe("Total");
    await choose("Amount", "(none)");
    await waitFor(() => expect(actions.calls.save.at(-1)).toEqual({ mapping: { amount: "" } }));
    await waitFor(() => expect(actions.calls.detect.at(-1)).toEqual({ mapping: { amount: "" } }));
    await settled();
    expect(screen.getByRole("combobox", { name: "Amount" }).textContent).toBe("(none)");
    // Optional and off: not reported as missing (Quantity × Unit price is complete).
    expect(screen.queryByText("Choose the columns for")).toBeNull();

    await choose("Country", "(none)");
    await waitFor(() => expect(actions.calls.save.at(-1)).toEqual({ mapping: { amount: "", country: "" } }));
    await waitFor(() => expect(actions.calls.detect.at(-1)).toEqual({ mapping: { amount: "", country: "" } }));
    await settled();
    expect(screen.getByRole("combobox", { name: "Country" }).textContent).toBe("(none)");
    expect(screen.getByRole("combobox", { name: "Amount" }).textContent).toBe("(none)");
    // A field switched off can be mapped again by choosing a header.
    await choose("Amount", "Total");
    await waitFor(() => expect(actions.calls.detect.at(-1)).toEqual({ mapping: { amount: "Total", country: "" } }));
    await settled();
    expect(screen.getByRole("combobox", { name: "Amount" }).textContent).toBe("Total");
  });

  it("a detection error is shown with the adapter's message", async () => {
    const actions = fakeActions({ detectError: new OfficeActionError('The sheet "Sheet1" is empty.') });
    renderPane(actions);
    expect(await screen.findByText("No transactions found")).toBeTruthy();
    expect(screen.getByText('The sheet "Sheet1" is empty.')).toBeTruthy();
  });
});

describe("settings", () => {
  it("shows the saved settings and the engine's cleaning defaults", async () => {
    renderPane(fakeActions({ saved: { scheme: "tiers4", bins: 4, snapshot: "2011-12-01" } }));
    await ready();
    expect(screen.getByRole("combobox", { name: "Scheme" }).textContent).toBe("Four tiers (first match wins)");
    expect((screen.getByRole("spinbutton", { name: "Bins" }) as HTMLInputElement).value).toBe("4");
    expect((screen.getByLabelText("Snapshot date") as HTMLInputElement).value).toBe("2011-12-01");
    const checked = (name: string) => (screen.getByRole("switch", { name }) as HTMLInputElement).checked;
    expect(checked("Drop rows without a customer")).toBe(true);
    expect(checked("Drop cancelled invoices (numbers starting with C)")).toBe(true);
    expect(checked("Drop rows with a negative quantity")).toBe(false);
    expect(checked("Drop rows with a price of 0 or less")).toBe(true);
    expect(checked("Drop rows with unreadable dates")).toBe(true);
  });

  it("saves each change to the workbook, keeping the earlier ones", async () => {
    const actions = fakeActions({ saved: { bins: 4 } });
    renderPane(actions);
    await ready();
    fireEvent.click(screen.getByRole("switch", { name: "Drop rows with a negative quantity" }));
    await waitFor(() =>
      expect(actions.calls.save.at(-1)).toEqual({ bins: 4, cleaning: { dropNegativeQuantity: true } }),
    );
    await choose("Scheme", "Four tiers (first match wins)");
    await waitFor(() =>
      expect(actions.calls.save.at(-1)).toEqual({
        bins: 4,
        cleaning: { dropNegativeQuantity: true },
        scheme: "tiers4",
      }),
    );
    fireEvent.change(screen.getByLabelText("Snapshot date"), { target: { value: "2011-11-30" } });
    await waitFor(() => expect(actions.calls.save.at(-1)?.snapshot).toBe("2011-11-30"));
    // Clearing the date goes back to the default (no snapshot setting).
    fireEvent.change(screen.getByLabelText("Snapshot date"), { target: { value: "" } });
    await waitFor(() => expect(actions.calls.save.at(-1)).not.toHaveProperty("snapshot"));
  });

  it("rejects bins outside 2..10 with a message and does not save them", async () => {
    const actions = fakeActions();
    renderPane(actions);
    await ready();
    const bins = screen.getByRole("spinbutton", { name: "Bins" });
    fireEvent.change(bins, { target: { value: "11" } });
    expect(await screen.findByText("Bins must be a whole number from 2 to 10.")).toBeTruthy();
    fireEvent.change(bins, { target: { value: "3" } });
    await waitFor(() => expect(actions.calls.save.at(-1)).toEqual({ bins: 3 }));
    expect(actions.calls.save.some((s) => s.bins === 11)).toBe(false);
    expect(screen.queryByText("Bins must be a whole number from 2 to 10.")).toBeNull();
  });

  it("custom scheme: asks for the rules range and checks it with readCustomScheme", async () => {
    const actions = fakeActions();
    const asked: [string, number | undefined][] = [];
    actions.readCustomScheme = async (address, bins) => {
      asked.push([address, bins]);
      if (address === "Bad!A1") throw new OfficeActionError("Segments!A1 has no Label column.");
      return {
        id: "custom",
        name: "Our tiers",
        rules: [{ label: "vip", description: "", action: "" }],
        exclusive: false,
      };
    };
    actions.loadSettings = async () => ({ bins: 4 });
    renderPane(actions);
    await ready();
    await choose("Scheme", "Custom rules from a sheet range");
    const range = screen.getByRole("textbox", { name: "Rules range" });
    fireEvent.change(range, { target: { value: "Segments!A1:I12" } });
    fireEvent.click(screen.getByRole("button", { name: "Check rules" }));
    expect(await screen.findByText('"Our tiers": 1 rules.')).toBeTruthy();
    // The rules are checked against the chosen bin count.
    expect(asked).toEqual([["Segments!A1:I12", 4]]);
    fireEvent.change(range, { target: { value: "Bad!A1" } });
    fireEvent.click(screen.getByRole("button", { name: "Check rules" }));
    expect(await screen.findByText("Segments!A1 has no Label column.")).toBeTruthy();
    await waitFor(() =>
      expect(actions.calls.save.at(-1)).toEqual({ bins: 4, scheme: "custom", customSchemeAddress: "Bad!A1" }),
    );
  });
});

describe("running", () => {
  it('"Segment customers" calls runSegmentation with the chosen settings', async () => {
    const actions = fakeActions({ saved: { bins: 4 } });
    renderPane(actions);
    await ready();
    await choose("Scheme", "Four tiers (first match wins)");
    fireEvent.click(screen.getByRole("switch", { name: "Drop rows with a negative quantity" }));
    fireEvent.change(screen.getByLabelText("Snapshot date"), { target: { value: "2011-12-10" } });
    await choose("Unit price", "Quantity");
    await settled();
    fireEvent.click(screen.getByRole("button", { name: "Segment customers" }));
    await waitFor(() => expect(actions.calls.run).toHaveLength(1));
    expect(actions.calls.run[0].settings).toEqual({
      bins: 4,
      scheme: "tiers4",
      cleaning: { dropNegativeQuantity: true },
      snapshot: "2011-12-10",
      mapping: { unitPrice: "Quantity" },
    });
    const o = actions.calls.run[0].options;
    expect(typeof o.onProgress).toBe("function");
    expect(o.signal).toBeInstanceOf(AbortSignal);
    expect(typeof o.confirmReplace).toBe("function");
    // The settings were saved before the run (the ribbon button runs with the saved ones).
    expect(actions.calls.save.at(-1)).toEqual(actions.calls.run[0].settings);
  });

  it("shows the step and percent while running, then the summary", async () => {
    const gate = deferred<RunSummary>();
    let report!: (p: Progress) => void;
    const actions = fakeActions({
      run: (_s, o) => {
        report = o.onProgress!;
        return gate.promise;
      },
    });
    renderPane(actions);
    await ready();
    fireEvent.click(screen.getByRole("button", { name: "Segment customers" }));
    const bar = await screen.findByRole("progressbar", { name: "Progress" });
    expect((screen.getByRole("button", { name: "Segment customers" }) as HTMLButtonElement).disabled).toBe(true);
    act(() => report({ step: "Reading rows", percent: 12.4 }));
    expect(screen.getByText("Reading rows — 12%")).toBeTruthy();
    expect(bar.getAttribute("aria-valuenow")).toBe("0.12");
    act(() => report({ step: "Writing columns", percent: 70 }));
    expect(screen.getByText("Writing columns — 70%")).toBeTruthy();
    expect(screen.getByRole("progressbar", { name: "Progress" }).getAttribute("aria-valuenow")).toBe("0.7");
    await act(async () => gate.resolve(smallSummary()));
    expect(screen.queryByRole("progressbar", { name: "Progress" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Cancel" })).toBeNull();
    const s = within(status());
    expect(s.getByText("Segmented 10 customers")).toBeTruthy();
    expect(s.getByText(/Wrote RFM Customers, RFM Summary, 5 columns on Online Retail, 3 charts\./)).toBeTruthy();
    // The details are in the result view, which gets the focus.
    const result = screen.getByRole("region", { name: "Result" });
    expect(
      within(result).getByText(/Used 900 of 1,000 rows from Online Retail; snapshot 2011-12-10 12:50; scheme rf10\./),
    ).toBeTruthy();
    expect(document.activeElement).toBe(within(result).getByRole("heading", { name: "Result" }));
  });

  it("the result view shows the headline figures and links that select each new sheet", async () => {
    const selected: string[] = [];
    const actions = fakeActions();
    actions.selectSheet = async (name) => void selected.push(name);
    renderPane(actions);
    await ready();
    fireEvent.click(screen.getByRole("button", { name: "Segment customers" }));
    const result = await screen.findByRole("region", { name: "Result" });
    const figures = within(result).getByLabelText("Headline figures");
    expect(figures.textContent).toMatch(/^Customers10Revenue/);
    fireEvent.click(within(result).getByRole("button", { name: "Go to RFM Summary" }));
    fireEvent.click(within(result).getByRole("button", { name: "Go to Online Retail" }));
    await waitFor(() => expect(selected).toEqual(["RFM Summary", "Online Retail"]));
  });

  it("Run is disabled with a visible reason while a required field has no column or bins are invalid", async () => {
    const source = onlineRetailSource({ missing: ["customer"], mapping: { date: "InvoiceDate" } });
    const actions = fakeActions({ source });
    renderPane(actions);
    await screen.findByText("Choose the columns for");
    const runButton = screen.getByRole("button", { name: "Segment customers" });
    expect(runButton.getAttribute("aria-disabled")).toBe("true");
    expect(screen.getByText("Choose a column for Customer (under Columns).")).toBeTruthy();
    expect(runButton.getAttribute("aria-describedby")).toBe("rfm-run-reason");
    // The Columns panel opened by itself, with the dropdown to fix.
    expect(screen.getByRole("combobox", { name: "Customer" })).toBeTruthy();
    fireEvent.click(runButton);
    expect(actions.calls.run).toHaveLength(0);
  });

  it("an invalid bins value blocks Run and stays shown, never silently replaced", async () => {
    const actions = fakeActions({ saved: { bins: 4 } });
    renderPane(actions);
    await ready();
    fireEvent.change(screen.getByRole("spinbutton", { name: "Bins" }), { target: { value: "12" } });
    expect(await screen.findByText("Bins must be a whole number from 2 to 10.")).toBeTruthy();
    expect(screen.getByText("Bins must be a whole number from 2 to 10. (under Scoring)")).toBeTruthy();
    // Closing and opening the panel keeps what was typed.
    fireEvent.click(screen.getByRole("button", { name: /^Scoring/ }));
    expect(screen.getByRole("button", { name: /^Scoring.*Bins: invalid/ })).toBeTruthy();
    expand("Scoring");
    expect((screen.getByRole("spinbutton", { name: "Bins" }) as HTMLInputElement).value).toBe("12");
    fireEvent.click(screen.getByRole("button", { name: "Segment customers" }));
    expect(actions.calls.run).toHaveLength(0);
  });

  it("shows the per-segment table, the rows left out and the warnings", async () => {
    const extras = jest.fn((summary: RunSummary) => <p>Campaign lists for {summary.segments.length} segments</p>);
    renderPane(fakeActions(), { renderResultExtras: extras });
    await ready();
    fireEvent.click(screen.getByRole("button", { name: "Segment customers" }));
    const table = await screen.findByRole("table", { name: "Segments" });
    const rows = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole("cell")
          .map((c) => c.textContent),
      );
    // Shares as percentages with one decimal: 5/10 customers (under the count), 800/1000 revenue, ...
    expect(rows).toEqual([
      ["ChampionsReward them", "550.0%", "80.0%"],
      ["At RiskSend a win-back offer", "330.0%", "15.0%"],
      ["HibernatingLet go", "220.0%", "5.0%"],
    ]);
    const left = screen.getByRole("list", { name: "Rows left out" });
    // A rule that removed nothing is not listed.
    expect(
      within(left)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Rows without a customer id: 80 (rows 5, 9, 12, …)", "Cancelled invoices: 20 (rows 30, …)"]);
    expect(within(screen.getByRole("list", { name: "Warnings" })).getByText(/Both an amount column/)).toBeTruthy();
    expect(screen.getByText("Campaign lists for 3 segments")).toBeTruthy();
    expect(extras).toHaveBeenCalledWith(expect.objectContaining({ customers: 10 }));
  });

  it("Cancel aborts the run's signal and the pane says it was cancelled", async () => {
    let signal!: AbortSignal;
    const actions = fakeActions({
      run: (_s, o) =>
        new Promise<RunSummary>((_resolve, reject) => {
          signal = o.signal!;
          // Like the adapter: it stops at the next chunk boundary once the signal is aborted.
          signal.addEventListener("abort", () => {
            const e = new Error("Cancelled");
            e.name = "AbortError";
            reject(e);
          });
        }),
    });
    renderPane(actions);
    await ready();
    fireEvent.click(screen.getByRole("button", { name: "Segment customers" }));
    const cancel = await screen.findByRole("button", { name: "Cancel" });
    expect(signal.aborted).toBe(false);
    fireEvent.click(cancel);
    expect(signal.aborted).toBe(true);
    const s = within(status());
    expect(await s.findByText("Cancelled")).toBeTruthy();
    expect(s.getByText("The run was stopped before it finished.")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Segment customers" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("a run that ends early reports what it left (summary.cancelled)", async () => {
    const actions = fakeActions({
      run: async () => smallSummary({ cancelled: "The new columns were removed; RFM Customers was not written." }),
    });
    renderPane(actions);
    await ready();
    fireEvent.click(screen.getByRole("button", { name: "Segment customers" }));
    const s = within(status());
    expect(await s.findByText("The new columns were removed; RFM Customers was not written.")).toBeTruthy();
    expect(s.getByText("Cancelled")).toBeTruthy();
  });

  it("an error shows the analyst's message, with details on request", async () => {
    const cause = new RfmError("badDate", "Column InvoiceDate: 3 dates could not be read (rows 7, 9, 15).", {
      rows: [7, 9, 15],
      column: "InvoiceDate",
    });
    const actions = fakeActions({
      run: async () => {
        throw new OfficeActionError(cause.message, { cause, details: "badDate" });
      },
    });
    renderPane(actions);
    await ready();
    fireEvent.click(screen.getByRole("button", { name: "Segment customers" }));
    const s = within(status());
    expect(await s.findByText("Could not segment customers")).toBeTruthy();
    expect(s.getByText("Column InvoiceDate: 3 dates could not be read (rows 7, 9, 15).")).toBeTruthy();
    expect(screen.queryByLabelText("Error details")).toBeNull();
    fireEvent.click(s.getByRole("button", { name: "Show details" }));
    const details = screen.getByLabelText("Error details").textContent;
    expect(details).toContain("Error code: badDate");
    expect(details).toContain("Column: InvoiceDate");
    expect(details).toContain("Rows: 7, 9, 15");
    fireEvent.click(s.getByRole("button", { name: "Hide details" }));
    expect(screen.queryByLabelText("Error details")).toBeNull();
  });

  it("the adapter's replace question opens a dialog; the answer resolves its promise", async () => {
    const answers: boolean[] = [];
    const actions = fakeActions({
      run: async (_s, o: RunOptions) => {
        // Like the adapter: one question per edited output sheet, one after the other.
        answers.push(await o.confirmReplace!('The sheet "RFM Customers" was edited after the last run. Replace it?'));
        answers.push(await o.confirmReplace!('The sheet "RFM Summary" was renamed. Replace it?'));
        return smallSummary();
      },
    });
    renderPane(actions);
    await ready();

    fireEvent.click(screen.getByRole("button", { name: "Segment customers" }));
    let dialog = await screen.findByRole("dialog", { name: "Replace the earlier output?" });
    expect(
      within(dialog).getByText('The sheet "RFM Customers" was edited after the last run. Replace it?'),
    ).toBeTruthy();
    // The safe answer has the focus; the run waits for an answer.
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Keep" })));
    expect(answers).toEqual([]);
    fireEvent.click(within(dialog).getByRole("button", { name: "Replace" }));
    await waitFor(() => expect(answers).toEqual([true]));

    dialog = await screen.findByRole("dialog", { name: "Replace the earlier output?" });
    expect(within(dialog).getByText('The sheet "RFM Summary" was renamed. Replace it?')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Keep" }));
    await waitFor(() => expect(answers).toEqual([true, false]));
    expect(await within(status()).findByText("Segmented 10 customers")).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
    // The pane is usable again (nothing left hidden or disabled by the dialog).
    expect((screen.getByRole("button", { name: "Segment customers" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("Cancel while the question is open answers it with Keep and aborts", async () => {
    let answer: boolean | undefined;
    let signal!: AbortSignal;
    const actions = fakeActions({
      run: async (_s, o: RunOptions) => {
        signal = o.signal!;
        answer = await o.confirmReplace!("Replace it?");
        const e = new Error("Cancelled");
        e.name = "AbortError";
        if (signal.aborted) throw e;
        return smallSummary();
      },
    });
    renderPane(actions);
    await ready();
    fireEvent.click(screen.getByRole("button", { name: "Segment customers" }));
    await screen.findByRole("dialog");
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(answer).toBe(false));
    expect(signal.aborted).toBe(true);
    expect(await within(status()).findByText("Cancelled")).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});

describe("ribbon runs (shared runtime store)", () => {
  afterEach(() => resetLastRun());
  const store = { get: getLastRun, subscribe: subscribeLastRun };

  it("shows a ribbon error that happened before the pane opened", async () => {
    publishLastRun({ status: "error", origin: "ribbon", at: 1, message: "The column CustomerID is missing." });
    renderPane(fakeActions(), { lastRun: store });
    const s = within(status());
    expect(await s.findByText("Ribbon button: Could not segment customers")).toBeTruthy();
    expect(s.getByText("The column CustomerID is missing.")).toBeTruthy();
  });

  it("follows a ribbon run while the pane is open and blocks a second run meanwhile", async () => {
    renderPane(fakeActions(), { lastRun: store });
    await ready();
    act(() => publishLastRun({ status: "running", origin: "ribbon", at: 2 }));
    expect(within(status()).getByText("Ribbon button: Segmenting customers…")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Segment customers" }) as HTMLButtonElement).disabled).toBe(true);
    act(() => publishLastRun({ status: "done", origin: "ribbon", at: 3, summary: smallSummary({ customers: 4338 }) }));
    expect(within(status()).getByText("Ribbon button: Segmented 4,338 customers")).toBeTruthy();
    expect(screen.getByRole("table", { name: "Segments" })).toBeTruthy();
    expect((screen.getByRole("button", { name: "Segment customers" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("publishes the pane's own run to the store, so a ribbon click meanwhile is refused", async () => {
    const gate = deferred<RunSummary>();
    const seen: string[] = [];
    subscribeLastRun((st) => seen.push(st.status === "idle" ? "idle" : `${st.origin}:${st.status}`));
    renderPane(fakeActions({ run: () => gate.promise }), { lastRun: { ...store, publish: publishLastRun } });
    await ready();
    fireEvent.click(screen.getByRole("button", { name: "Segment customers" }));
    await screen.findByRole("button", { name: "Cancel" });
    expect(getLastRun()).toMatchObject({ status: "running", origin: "pane" });
    await act(async () => gate.resolve(smallSummary()));
    expect(getLastRun()).toMatchObject({ status: "done", origin: "pane", summary: { customers: 10 } });
    expect(seen).toEqual(["pane:running", "pane:done"]);
    // The pane does not show its own run twice.
    expect(within(status()).getAllByText("Segmented 10 customers")).toHaveLength(1);
  });

  it("ignores the pane's own runs published to the store", async () => {
    renderPane(fakeActions(), { lastRun: store });
    await ready();
    act(() => publishLastRun({ status: "error", origin: "pane", at: 4, message: "pane error" }));
    expect(within(status()).queryByText("pane error")).toBeNull();
  });
});
