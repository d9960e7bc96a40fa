/**
 * End-to-end: the built add-in in headless Chromium, against the in-memory Excel simulation holding the real
 * Online Retail data (541,909 rows), clicked through as an analyst would.
 *
 * The page is demo.html from the production build (`webpack --mode production --env demo`): the simulated host
 * (demo-host.js: Excel, Office, CustomFunctions, the data loaded into the sheet "Online Retail") first, then the
 * add-in's own bundles (functions.js, commands.js, taskpane.js — the files taskpane.html loads), then the
 * read-only workbook view. What the add-in must produce is computed here in Node with the engine's `analyze()` on the
 * same cell values (the same file, parsed by the same CSV reader, dates as Excel serials), never copied from a run.
 * A last block opens taskpane.html itself, as shipped, with office.js answered from node_modules instead of the CDN.
 *
 * Every page is watched: no console error, no page error, and no request leaves 127.0.0.1 (office.js' CDN URLs are
 * answered from local files, its telemetry page is blocked; demo.html makes no outside request at all).
 * Screenshots go to test-output/e2e/ (not committed); docs/screenshots/ holds a committed set (RFM_E2E_UPDATE_DOCS=1
 * copies the new ones there).
 *
 * Steps: load, pane run, tiers4 re-run, ribbon command, cancel, custom functions, the result sections on a new rf10 run
 * (compare with the default earlier date → RFM Migration sheet and Previous segment column, checked against the
 * engine's `compareResults`; campaign list of the champions to a new sheet and as a CSV download; Copy as SQL for
 * both dialects, checked against `generateSql`), missing-customer error, taskpane.html.
 * Run: `npm run test:e2e` (builds the demo first; the timings of the build and of the steps are printed at the end).
 */
import * as fs from "fs";
import * as path from "path";
import type { Browser, Locator, Page } from "playwright-core";
import { readCsvFile } from "../../src/cli/dataFiles";
import { toSheetColumns } from "../../demo/sheetData";
import { analyze, analyzeAt, compareResults, listSchemes, nameMigration } from "../../src/rfm";
import { generateSql, type SqlDialect } from "../../src/rfm/sql";
import type { ColumnTable, RfmResult } from "../../src/rfm/types";
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
  startServer(o: { root: string; mounts?: { prefix: string; dir: string }[] }): Promise<{
    url: string;
    requests: { path: string; status: number }[];
    close(): Promise<void>;
  }>;
  dataFiles(): Record<string, string>;
};

const skip = browserSkipReason();
const describeBrowser = skip ? describe.skip : describe;
if (skip) console.warn(skip);

const SCHEMES = new Map(listSchemes().map((s) => [s.id, s]));
const MS_PER_DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const RESULT_COLUMNS = ["R", "F", "M", "RFM", "Segment"];
const CUSTOMER_HEADERS = [
  "CustomerID",
  "Last purchase",
  "Recency",
  "Frequency",
  "Monetary",
  "R",
  "F",
  "M",
  "RFM",
  "Score",
  "Segment",
  "Avg order value",
  "Age (days)",
  "Purchase interval (days)",
  "Tenure (days)",
  "Value per year",
  "Country",
];

/** What the engine finds on the cells the page loads, per scheme. */
interface Expected {
  result: RfmResult;
  /** Segment label → number of source rows carrying it. */
  rowSegments: Record<string, number>;
  sums: { r: number; f: number; m: number };
}

function expectedFor(result: RfmResult): Expected {
  const rowSegments: Record<string, number> = {};
  const sums = { r: 0, f: 0, m: 0 };
  for (const idx of result.rowCustomer) {
    if (idx < 0) continue;
    const c = result.customers[idx];
    rowSegments[c.segment] = (rowSegments[c.segment] ?? 0) + 1;
    sums.r += c.r;
    sums.f += c.f;
    sums.m += c.m;
  }
  return { result, rowSegments, sums };
}

const count = (n: number) => n.toLocaleString("en-US");
/** `yyyy-mm-dd hh:mm` of a wall-clock timestamp (the engine keeps wall-clock time in UTC fields). */
const minute = (t: number) => new Date(t).toISOString().slice(0, 16).replace("T", " ");

/** In the page: a digest of the five result columns of the source sheet (reading 2.7M cells over the wire is not). */
function sourceDigest(page: Page, sheetName: string) {
  return page.evaluate((name) => {
    const s = window.rfmDemo.host.workbook.getSheet(name)!;
    const used = s.usedRect(true)!;
    const headers: unknown[] = [];
    for (let c = 0; c <= used.c1; c++) headers.push(s.getValue(0, c));
    const first = headers.indexOf("R");
    const segments: Record<string, number> = {};
    const sums = { r: 0, f: 0, m: 0 };
    let filled = 0;
    let inconsistent = 0;
    for (let r = 1; r <= used.r1; r++) {
      const vals = [0, 1, 2, 3, 4].map((k) => s.getValue(r, first + k));
      const empty = vals.map((v) => v === undefined || v === "");
      if (empty.every((e) => e)) continue;
      if (empty.some((e) => e)) inconsistent++;
      filled++;
      sums.r += Number(vals[0]);
      sums.f += Number(vals[1]);
      sums.m += Number(vals[2]);
      const seg = String(vals[4]);
      segments[seg] = (segments[seg] ?? 0) + 1;
    }
    return { headers, rows: used.r1, filled, inconsistent, sums, segments };
  }, sheetName);
}

function workbookState(page: Page) {
  return page.evaluate(() => {
    const h = window.rfmDemo.host;
    const snap = h.snapshot();
    const customers = h.readSheetValues("RFM Customers");
    const summary = snap.sheets.find((s) => s.name === "RFM Summary");
    return {
      sheets: snap.sheets.map((s) => s.name),
      activeSheet: snap.activeSheet,
      tables: snap.tables,
      slicers: snap.slicers,
      customers,
      charts: summary ? summary.charts : [],
      customersFreeze: snap.sheets.find((s) => s.name === "RFM Customers")?.freeze,
      colorScales: snap.sheets
        .find((s) => s.name === "RFM Customers")
        ?.conditionalFormats.filter((c) => c.type === "ColorScale")
        .map((c) => c.address),
      segmentsTable: snap.tables.find((t) => t.sheet === "RFM Summary")
        ? h.readSheetValues("RFM Summary", snap.tables.find((t) => t.sheet === "RFM Summary")!.address)
        : [],
      stats: { syncs: h.stats.syncs, maxRequestBytes: h.stats.maxRequestBytes, limit: h.limits.requestBytes },
    };
  });
}

/** The RFM Migration sheet (its matrix table, color scales and charts) and the customer sheet, from the page. */
function migrationState(page: Page) {
  return page.evaluate(() => {
    const h = window.rfmDemo.host;
    const snap = h.snapshot();
    const sheet = snap.sheets.find((s) => s.name === "RFM Migration");
    // The matrix is the sheet's table whose first header is the "from \ to" corner.
    const matrix = snap.tables.find((t) => t.sheet === "RFM Migration" && t.headers[0] === "From \\ To");
    const local = (address: string) => address.slice(address.lastIndexOf("!") + 1);
    return {
      sheets: snap.sheets.map((s) => s.name),
      matrixAddress: matrix ? local(matrix.address) : "",
      matrix: matrix ? h.readSheetValues("RFM Migration", local(matrix.address)) : [],
      colorScales: (sheet?.conditionalFormats ?? [])
        .filter((c) => c.type === "ColorScale")
        .map((c) => local(c.address)),
      charts: sheet?.charts ?? [],
      customerTable: snap.tables.find((t) => t.sheet === "RFM Customers"),
      customers: h.readSheetValues("RFM Customers"),
    };
  });
}

/** Checks the workbook against the engine's result for one scheme. */
/**
 * The workbook view of the sheet in view, drawn as Excel would: numbers too wide for their column (shown as #####),
 * wrapped text cut off by its row's height, formulas shown as text, and the right edges of the view and of its
 * charts and slicers.
 */
async function drawnAsExcel(page: Page): Promise<{ problems: string[]; right: number; objects: number }> {
  return page.evaluate(() => {
    const body = document.querySelector("#workbook .wb-body")!.getBoundingClientRect();
    const boxes = [...document.querySelectorAll("#workbook figure.wb-chart, #workbook figure.wb-slicer")];
    const at = (c: HTMLElement) => `${c.dataset.col}${c.parentElement?.dataset.row}`;
    const hashes = [...document.querySelectorAll<HTMLElement>("#workbook .wb-cell[data-overflow]")].map(
      (c) => `${at(c)} shows ##### for ${c.dataset.overflow}`,
    );
    const cutOff = [...document.querySelectorAll<HTMLElement>("#workbook .wb-cell.wb-wrap")]
      .filter((c) => c.scrollHeight > c.clientHeight + 1)
      .map((c) => `${at(c)} is cut off: ${c.textContent}`);
    // A cell showing "=..." is a formula Excel keeps as text (a text-formatted cell), or one the simulation cannot
    // calculate: either way not what Excel would show.
    const formulaText = [...document.querySelectorAll<HTMLElement>("#workbook .wb-cell")]
      .filter((c) => c.textContent?.startsWith("="))
      .map((c) => `${at(c)} shows its formula: ${c.textContent?.slice(0, 40)}`);
    return {
      problems: [...hashes, ...cutOff, ...formulaText],
      right: body.right,
      objects: Math.max(0, ...boxes.map((b) => b.getBoundingClientRect().right)),
    };
  });
}

async function expectOutputs(page: Page, exp: Expected): Promise<void> {
  const res = exp.result;
  const digest = await sourceDigest(page, "Online Retail");
  // The five columns sit right of the data (A:H), exactly once, even after several runs.
  expect(digest.headers).toEqual([...res.headers, ...RESULT_COLUMNS]);
  expect(digest.rows).toBe(res.rowsRead);
  expect(digest.inconsistent).toBe(0);
  expect(digest.filled).toBe(res.rowsUsed);
  expect(digest.segments).toEqual(exp.rowSegments);
  expect(digest.sums).toEqual(exp.sums);

  const wb = await workbookState(page);
  expect(wb.sheets).toEqual(["Online Retail", "RFM Dashboard", "RFM Customers", "RFM Summary"]);
  expect(wb.stats.maxRequestBytes).toBeLessThanOrEqual(wb.stats.limit);

  // RFM Customers: one table, one row per customer, every cell as the engine computed it.
  const table = wb.tables.find((t) => t.sheet === "RFM Customers")!;
  expect(table.headers).toEqual(CUSTOMER_HEADERS);
  expect(table.rowCount).toBe(res.customers.length);
  expect(wb.customersFreeze?.rows).toBe(1);
  expect(wb.colorScales?.length).toBe(3);
  // The customer sheet's Segment slicer, then the dashboard's Segment and Country slicers.
  expect(wb.slicers.map((s) => [s.table, s.field])).toEqual([
    [table.name, "Segment"],
    [table.name, "Segment"],
    [table.name, "Country"],
  ]);
  const rows = wb.customers.slice(1);
  expect(wb.customers[0]).toEqual(CUSTOMER_HEADERS);
  expect(rows).toHaveLength(res.customers.length);
  const byId = new Map(res.customers.map((c) => [c.id, c]));
  const mismatches: string[] = [];
  for (const row of rows) {
    const c = byId.get(String(row[0]));
    if (!c) {
      mismatches.push(`unknown customer ${String(row[0])}`);
      continue;
    }
    byId.delete(c.id);
    const lastSerial = (c.lastPurchase - EPOCH_1900) / MS_PER_DAY;
    const ok =
      Math.abs(Number(row[1]) - lastSerial) < 1e-6 &&
      row[2] === c.recency &&
      row[3] === c.frequency &&
      Math.abs(Number(row[4]) - c.monetary) <= 1e-9 * Math.max(1, Math.abs(c.monetary)) &&
      row[5] === c.r &&
      row[6] === c.f &&
      row[7] === c.m &&
      String(row[8]) === c.rfm &&
      row[9] === c.score &&
      row[10] === res.segments.find((sg) => sg.label === c.segment)?.name;
    if (!ok) mismatches.push(`${c.id}: sheet ${JSON.stringify(row)} vs engine ${JSON.stringify(c)}`);
  }
  expect(mismatches.slice(0, 5)).toEqual([]);
  expect(byId.size).toBe(0);
  // Sorted by score, best first.
  const scores = rows.map((r) => Number(r[9]));
  expect(scores.every((s, i) => i === 0 || scores[i - 1] >= s)).toBe(true);

  // RFM Summary: the segment table and the three charts bound to it.
  const segRows = wb.segmentsTable.slice(1);
  expect(segRows.map((r) => [r[0], r[1]])).toEqual(res.segments.map((s) => [s.name, s.customers]));
  segRows.forEach((r, i) => expect(Number(r[3])).toBeCloseTo(res.segments[i].revenue, 6));
  expect(wb.charts.map((c) => c.chartType)).toEqual(["BarClustered", "Doughnut", "ColumnClustered"]);
  const [bar, doughnut, grid] = wb.charts;
  expect(bar.categories).toEqual(res.segments.map((s) => s.name));
  expect(bar.series[0].values).toEqual(res.segments.map((s) => s.customers));
  expect(doughnut.categories).toEqual(res.segments.map((s) => s.name));
  doughnut.series[0].values.forEach((v, i) => expect(v).toBeCloseTo(res.segments[i].revenueShare, 9));
  // R×F grid: category "R=x", series "F=y", value = customers with those scores.
  const rf = new Map<string, number>();
  for (const c of res.customers) rf.set(`${c.r},${c.f}`, (rf.get(`${c.r},${c.f}`) ?? 0) + 1);
  expect(grid.series).toHaveLength(res.bins);
  for (const s of grid.series) {
    const f = Number(/(\d+)\s*$/.exec(s.name)?.[1]);
    s.values.forEach((v, i) => {
      const r = Number(/(\d+)\s*$/.exec(String(grid.categories[i]))?.[1]);
      expect([`R${r} F${f}`, v]).toEqual([`R${r} F${f}`, rf.get(`${r},${f}`) ?? 0]);
    });
  }
}

/** Starts recording what the progress display shows (step text and the bar's value) until `stopProgress`. */
function recordProgress(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as { __progress: string[]; __progressObserver?: MutationObserver };
    w.__progress = [];
    const note = () => {
      const bar = document.querySelector('#container [role="progressbar"]');
      const text = bar?.getAttribute("aria-valuetext");
      if (text && w.__progress[w.__progress.length - 1] !== text) w.__progress.push(text);
    };
    w.__progressObserver = new MutationObserver(note);
    w.__progressObserver.observe(document.getElementById("container")!, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
}

function stopProgress(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __progress: string[]; __progressObserver?: MutationObserver };
    w.__progressObserver?.disconnect();
    return w.__progress;
  });
}

function percents(progress: string[]): number[] {
  return progress.map((p) => Number(/(\d+)%\s*$/.exec(p)?.[1]));
}

async function chooseScheme(page: Page, pane: Locator, id: string): Promise<void> {
  await pane.getByRole("combobox", { name: "Scheme" }).click();
  await page.getByRole("option", { name: SCHEMES.get(id)!.name }).click();
  expect(await shown(pane.getByRole("combobox", { name: "Scheme" }))).toBe(SCHEMES.get(id)!.name);
}

/** The text a Fluent Dropdown (a button with role combobox) shows. */
async function shown(dropdown: Locator): Promise<string> {
  return ((await dropdown.textContent()) ?? "").trim();
}

/** Opens the pane's accordion item with this title (its header's name starts with the title). */
/** Opens (or closes) an accordion panel and waits until its header says so. */
async function expand(pane: Locator, title: string, open = true): Promise<void> {
  const header = pane.getByRole("button", { name: new RegExp(`^${title}`) });
  const want = String(open);
  if ((await header.getAttribute("aria-expanded")) !== want) await header.click();
  await header.and(pane.locator(`[aria-expanded="${want}"]`)).waitFor({ timeout: 10_000 });
  if (!open) {
    // A closing panel stays in the page until its collapse motion ends; meanwhile it must be out of the Tab order.
    // (`has` is matched inside the item, so the header is found from the page, not from the pane.)
    const panel = pane
      .locator(".fui-AccordionItem", { has: pane.page().getByRole("button", { name: new RegExp(`^${title}`) }) })
      .locator(".fui-AccordionPanel");
    const closing = await panel.evaluateAll((els) => els.map((el) => el.hasAttribute("inert")));
    expect({ title, closingPanelInert: closing }).toEqual({ title, closingPanelInert: closing.map(() => true) });
    await panel.waitFor({ state: "detached", timeout: 10_000 });
  }
}

/** Excel's default task pane widths: Mac, Windows, the web. */
const PANE_WIDTHS = [270, 320, 350];

interface PaneLayout {
  scrollWidth: number;
  clientWidth: number;
  /** Pairs of visible controls whose boxes overlap (by their text or name). */
  overlaps: string[];
  /** The Run button's box lies inside the pane's visible area. */
  runVisible: boolean;
  /** Controls reaching past the pane's right edge. */
  outside: string[];
}

/** Measures the pane as it is drawn: widths, the visible controls' boxes, and where the Run button is. */
async function paneLayout(page: Page): Promise<PaneLayout> {
  return page.evaluate(() => {
    const pane = document.getElementById("pane")!;
    const view = pane.getBoundingClientRect();
    const selector = 'button, [role="combobox"], input, [role="switch"], h1, h2, h3, [role="progressbar"], a, table';
    const visible = [...pane.querySelectorAll<HTMLElement>(selector)].filter((e) => {
      const r = e.getBoundingClientRect();
      const st = getComputedStyle(e);
      return r.width > 0 && r.height > 0 && st.visibility !== "hidden" && st.opacity !== "0";
    });
    const name = (e: HTMLElement) =>
      `${e.tagName.toLowerCase()}:${(e.getAttribute("aria-label") ?? e.textContent ?? "").trim().slice(0, 30)}`;
    const overlaps: string[] = [];
    for (let i = 0; i < visible.length; i++) {
      for (let j = i + 1; j < visible.length; j++) {
        const a = visible[i];
        const b = visible[j];
        if (a.contains(b) || b.contains(a)) continue;
        // The footer stays on top on purpose: the rest of the pane scrolls under it.
        if (!!a.closest("footer") !== !!b.closest("footer")) continue;
        // A Fluent switch or checkbox: the input is drawn under its own indicator and label on purpose.
        if (a.parentElement === b.parentElement && (a.tagName === "INPUT" || b.tagName === "INPUT")) continue;
        const p = a.getBoundingClientRect();
        const q = b.getBoundingClientRect();
        const x = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        const y = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (x > 1 && y > 1) overlaps.push(`${name(a)} / ${name(b)}`);
      }
    }
    const outside = visible.filter((e) => e.getBoundingClientRect().right > view.right + 0.5).map(name);
    const run = [...pane.querySelectorAll("button")].find((b) => b.textContent?.trim() === "Segment customers")!;
    const rb = run.getBoundingClientRect();
    const runVisible = rb.top >= view.top && rb.bottom <= view.bottom && rb.left >= view.left && rb.right <= view.right;
    return { scrollWidth: pane.scrollWidth, clientWidth: pane.clientWidth, overlaps, runVisible, outside };
  });
}

/** One focus stop on the way to Run: what it is, and whether a person operates it (not a scroll container). */
interface TabStop {
  what: string;
  control: boolean;
}

/**
 * The focus stops from the top of the pane until the Run button has the focus (at most `limit`; the last stop is Run
 * when it was reached). Chromium also stops on scroll containers whose content overflows, which depends on the fonts
 * a machine has, so each stop says whether it is a control.
 */
async function tabsToRun(page: Page, limit = 40): Promise<{ stops: TabStop[]; reached: boolean }> {
  await page.evaluate(() => {
    const pane = document.getElementById("pane")!;
    pane.scrollTop = 0;
    (document.activeElement as HTMLElement | null)?.blur();
    // Start before the pane's first control, as when the pane gets the focus from Excel.
    const start = document.createElement("span");
    start.tabIndex = -1;
    start.id = "e2e-tab-start";
    document.getElementById("container")!.prepend(start);
    start.focus();
  });
  const stops: TabStop[] = [];
  let reached = false;
  for (let n = 1; n <= limit && !reached; n++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const text = el?.textContent?.trim() ?? "";
      const role = el?.getAttribute("role") ?? "";
      const control =
        !!el &&
        (/^(button|input|select|textarea|a)$/i.test(el.tagName) ||
          /^(button|combobox|checkbox|switch|radio|tab|link|slider|spinbutton|textbox|menuitem)$/.test(role));
      const name = el?.getAttribute("aria-label") ?? text.slice(0, 40);
      return {
        what: `${el?.tagName.toLowerCase() ?? "none"}${role ? `[${role}]` : ""} "${name}"`,
        control,
        onRun: text === "Segment customers",
      };
    });
    stops.push({ what: stop.what, control: stop.control });
    reached = stop.onRun;
  }
  await page.evaluate(() => document.getElementById("e2e-tab-start")?.remove());
  return { stops, reached };
}

/** Checks the pane at Excel's three default widths; returns to the demo's 320 px. */
async function checkPaneWidths(page: Page, what: string, shot?: (width: number) => string): Promise<void> {
  for (const width of PANE_WIDTHS) {
    await page.evaluate((w) => (document.getElementById("pane")!.style.width = `${w}px`), width);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.evaluate(() => (document.getElementById("pane")!.scrollTop = 0));
    const layout = await paneLayout(page);
    const where = `${what} at ${width} px`;
    expect({ where, overlaps: layout.overlaps }).toEqual({ where, overlaps: [] });
    expect({ where, outside: layout.outside }).toEqual({ where, outside: [] });
    expect({ where, horizontalScroll: layout.scrollWidth > layout.clientWidth }).toEqual({
      where,
      horizontalScroll: false,
    });
    expect({ where, runVisible: layout.runVisible }).toEqual({ where, runVisible: true });
    // A headline figure (customers, revenue, rows used) is on one line, never broken inside a number.
    const broken = await page.evaluate(() =>
      [...document.querySelectorAll('#container [aria-label="Headline figures"] dd')]
        .filter((dd) => {
          const range = document.createRange();
          range.selectNodeContents(dd);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
        })
        .map((dd) => dd.textContent),
    );
    expect({ where, broken }).toEqual({ where, broken: [] });
    if (shot) await page.screenshot({ path: screenshotPath(shot(width)) });
  }
  await page.evaluate(() => (document.getElementById("pane")!.style.width = ""));
}

describeBrowser("the add-in in headless Chromium (demo page, Online Retail, simulated Excel)", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let page: Page;
  let pane: Locator;
  let log: PageLog;
  const expected: Record<string, Expected> = {};
  /** The cells the page loads, as the engine reads them. */
  let table: ColumnTable;
  const timings: Record<string, number> = {};
  const logs: PageLog[] = [];

  beforeAll(async () => {
    const build = buildDemo();
    timings.buildMs = build.ms;
    // The same file the server gives the page, read and converted the same way.
    const file = dataFiles()["/data/online_retail.csv.gz"] ?? dataFiles()["/data/online_retail.csv"];
    expect(file).toBeDefined();
    const sheet = toSheetColumns(readCsvFile(file));
    table = { headers: sheet.headers, columns: sheet.columns };
    expected.rf10 = expectedFor(analyze(table));
    expected.tiers4 = expectedFor(analyze(table, { scheme: "tiers4" }));
    server = await startServer({
      root: "dist-demo",
      mounts: [{ prefix: "/fixtures/", dir: "test/fixtures/cli" }],
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    log = await watchPage(page, server.url);
    logs.push(log);
    pane = page.locator("#container");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (Object.keys(timings).length) console.log(`e2e timings (ms): ${JSON.stringify(timings)}`);
  });

  afterEach(() => {
    // Checked after every step so a failure names the step that caused it.
    for (const l of logs) {
      expect(l.errors).toEqual([]);
      expect(
        l.external.filter((x) => x.outcome !== "office.js from node_modules" && !/telemetry/i.test(x.url)),
      ).toEqual([]);
    }
  });

  it("opens with the real data in the sheet and the pane showing what it found", async () => {
    const t0 = Date.now();
    await page.goto(`${server.url}demo.html`);
    await page.waitForSelector("body[data-state]", { timeout: 120_000 });
    expect(await page.evaluate(() => document.body.dataset.state)).toBe("ready");
    const load = await page.evaluate(() => window.rfmDemo.load!);
    timings.loadMs = Date.now() - t0;
    timings.pageDataLoadMs = load.elapsedMs;
    expect(load.rows).toBe(expected.rf10.result.rowsRead);
    expect(load.rows).toBe(541_909);
    expect(load.headers).toEqual(expected.rf10.result.headers);
    await pane.getByText(`${count(load.rows)} rows`).waitFor();
    expect(await pane.getByText(`${count(load.rows)} rows`).textContent()).toContain("Online Retail");
    // The workbook view draws cells in the bundled Carlito (Calibri's metrics), so text takes the room it takes in
    // Excel on any machine; the font files come from the page's own server.
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.family.replace(/"/g, "") === "Carlito").map((f) => f.status);
    });
    expect(fonts).toContain("loaded");
    expect(
      await page.evaluate(() => getComputedStyle(document.querySelector("#workbook .wb-grid")!).fontFamily),
    ).toMatch(/^Carlito/);
    await page.screenshot({ path: screenshotPath("1-pane-before.png") });
    await expand(pane, "Columns");
    expect(await shown(pane.getByRole("combobox", { name: "Customer" }))).toBe("CustomerID");
    expect(await shown(pane.getByRole("combobox", { name: "Date" }))).toBe("InvoiceDate");
  });

  it("fits Excel's pane widths (270, 320, 350 px): no overlap, no sideways scroll, Run in view and a few Tabs away", async () => {
    // Every panel open: the most the pane shows before a run.
    for (const title of ["Columns", "Segments", "Scoring", "Cleaning"]) await expand(pane, title);
    await checkPaneWidths(page, "all panels open", (w) => `pane-${w}-open.png`);
    // As the pane opens (the common case: the data was found, the Segments panel open), Run is a few Tabs away.
    for (const title of ["Columns", "Scoring", "Cleaning"]) await expand(pane, title, false);
    await checkPaneWidths(page, "as opened");
    const { stops, reached } = await tabsToRun(page);
    console.log(`Tab stops to Run (${stops.length}): ${stops.map((s) => s.what).join(" | ")}`);
    expect(reached).toBe(true);
    // The four panel headers, the scheme picker and Run; a scroll container on the way is not a control.
    expect(stops.filter((s) => s.control).length).toBeLessThanOrEqual(6);
  });

  it("segments the customers with one click: progress, new columns, customer sheet, summary and charts", async () => {
    await recordProgress(page);
    const t0 = Date.now();
    await pane.getByRole("button", { name: "Segment customers" }).click();
    await pane.getByRole("progressbar", { name: "Progress" }).waitFor();
    // The "during" picture is best taken mid-run, once the new columns are being written; a run that is faster
    // than that still gets its picture (the assertions below do not depend on it).
    await page
      .waitForFunction(
        () => {
          const t = document.querySelector('#container [role="progressbar"]')?.getAttribute("aria-valuetext") ?? "";
          return Number(/(\d+)%/.exec(t)?.[1] ?? 0) >= 40 || !t;
        },
        null,
        { polling: "raf", timeout: 60_000 },
      )
      .catch(() => undefined);
    // ... and once the workbook view has drawn the first new column.
    await page
      .locator('#workbook .wb-row[data-row="1"] .wb-cell[data-col="I"]', { hasText: "R" })
      .waitFor({ timeout: 5_000 })
      .catch(() => undefined);
    await page.screenshot({ path: screenshotPath("2-pane-during.png") });
    await pane.getByText(`Segmented ${count(expected.rf10.result.customers.length)} customers`).waitFor({
      timeout: 180_000,
    });
    timings.runMs = Date.now() - t0;
    const progress = await stopProgress(page);
    // The display moved through several steps, forward only, and went away when the run finished.
    const p = percents(progress);
    expect(new Set(p).size).toBeGreaterThanOrEqual(3);
    expect(p.every((v, i) => i === 0 || v >= p[i - 1])).toBe(true);
    expect(Math.max(...p)).toBeGreaterThanOrEqual(90);
    expect(new Set(progress.map((x) => x.replace(/,?\s*\d+%$/, ""))).size).toBeGreaterThanOrEqual(3);
    expect(await pane.getByRole("progressbar").count()).toBe(0);

    await expectOutputs(page, expected.rf10);

    // The pane's summary: the same segments and counts, with their actions.
    const status = pane.getByRole("status", { name: "Status" });
    const result = pane.getByRole("region", { name: "Result" });
    await expect(result.textContent()).resolves.toContain(
      `Used ${count(expected.rf10.result.rowsUsed)} of ${count(expected.rf10.result.rowsRead)} rows from Online Retail`,
    );
    // The focus moved to the result, and the status says it once.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Result");
    expect(await pane.locator('[aria-live], [role="status"], [role="alert"], [role="log"]').count()).toBe(1);
    const tableRows = pane.getByRole("table", { name: "Segments" }).getByRole("row");
    expect(await tableRows.count()).toBe(expected.rf10.result.segments.length + 1);
    for (const [i, s] of expected.rf10.result.segments.entries()) {
      const cells = await tableRows
        .nth(i + 1)
        .getByRole("cell")
        .allTextContents();
      expect(cells[0]).toContain(s.name);
      expect(cells[0]).toContain(s.action);
      expect(cells[1].startsWith(count(s.customers))).toBe(true);
    }
    timings.syncs = await page.evaluate(() => window.rfmDemo.host.stats.syncs);
    console.log(`progress shown: ${progress.join(" | ")}`);

    // The run leaves the dashboard in view (the sheet an analyst presents): its revenue chart and, on a host with
    // ExcelApi 1.9, the two histograms, the box & whisker and the treemap, drawn.
    const drawnCharts = () =>
      page.$$eval("#workbook figure.wb-chart svg", (svgs) =>
        svgs.map((s) => ({ type: s.getAttribute("data-chart-type"), categories: s.getAttribute("data-categories") })),
      );
    await page.waitForSelector('#workbook[data-sheet="RFM Dashboard"] figure.wb-chart >> nth=4');
    const byRevenue = [...expected.rf10.result.segments].sort(
      (a, b) => b.revenue - a.revenue || a.label.localeCompare(b.label),
    );
    const onDashboard = await drawnCharts();
    expect(onDashboard.map((d) => d.type)).toEqual([
      "ColumnClustered",
      "Histogram",
      "Histogram",
      "Boxwhisker",
      "Treemap",
    ]);
    expect(JSON.parse(onDashboard[4].categories!)).toEqual(byRevenue.map((s) => s.name));
    // The pane scrolled to its outcome: the message, then the segment table.
    await status.evaluate((e) => e.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: screenshotPath("3-pane-after.png") });
    await checkPaneWidths(page, "the result view");
    // The result's links select each new sheet.
    await result.getByRole("button", { name: "Go to RFM Customers" }).click();
    await page.waitForSelector('#workbook[data-sheet="RFM Customers"]');
    await result.getByRole("button", { name: "Go to RFM Summary" }).click();
    // The summary sheet with its three charts drawn.
    await page.waitForSelector('#workbook[data-sheet="RFM Summary"] figure.wb-chart >> nth=2');
    const drawn = await drawnCharts();
    expect(drawn.map((d) => d.type)).toEqual(["BarClustered", "Doughnut", "ColumnClustered"]);
    expect(JSON.parse(drawn[0].categories!)).toEqual(expected.rf10.result.segments.map((s) => s.name));
    await result.getByRole("button", { name: "Go to RFM Dashboard" }).click();
    await page.waitForSelector('#workbook[data-sheet="RFM Dashboard"]');
    await result.getByRole("button", { name: "Go to RFM Summary" }).click();
    await page.waitForSelector('#workbook[data-sheet="RFM Summary"]');
    await page.setViewportSize({ width: 1920, height: 1000 });
    expect((await drawnAsExcel(page)).problems).toEqual([]);
    await page.screenshot({ path: screenshotPath("4-summary-sheet.png") });
    await page.locator(".wb-tab", { hasText: "RFM Customers" }).click();
    await page.waitForSelector('#workbook[data-sheet="RFM Customers"]');
    expect((await drawnAsExcel(page)).problems).toEqual([]);
    await page.screenshot({ path: screenshotPath("5-customers-sheet.png") });
    await page.locator(".wb-tab", { hasText: "Online Retail" }).click();
    await page.waitForSelector('#workbook[data-sheet="Online Retail"]');
    expect((await drawnAsExcel(page)).problems).toEqual([]);
    await page.setViewportSize({ width: 1600, height: 900 });
  });

  it("filters the dashboard with its Segment slicer: the KPI cells and the revenue chart follow", async () => {
    const res = expected.rf10.result;
    const nameOf = new Map(res.segments.map((s) => [s.label, s.name]));
    const byRevenue = [...res.segments].sort((a, b) => b.revenue - a.revenue || a.label.localeCompare(b.label));
    /** The five headline figures for the customers of `keep` (names), computed here from the engine's customers. */
    const figures = (keep: string[]) => {
      const shown = res.customers.filter((c) => keep.includes(nameOf.get(c.segment)!));
      const revenue = shown.reduce((a, c) => a + c.monetary, 0);
      const orders = shown.reduce((a, c) => a + c.frequency, 0);
      const perSegment = byRevenue.map((sg) =>
        shown.filter((c) => c.segment === sg.label).reduce((a, c) => a + c.monetary, 0),
      );
      const top = [...perSegment].sort((a, b) => b - a);
      const rec = shown.map((c) => c.recency).sort((a, b) => a - b);
      const mid = rec.length >> 1;
      const median = rec.length % 2 ? rec[mid] : (rec[mid - 1] + rec[mid]) / 2;
      return { kpis: [shown.length, revenue, revenue / orders, (top[0] + top[1]) / revenue, median], perSegment };
    };
    /** The KPI row as the workbook view shows it (row 5, A-E), read back as numbers. */
    const shownKpis = async () => {
      const texts = await page.$$eval('#workbook .wb-row[data-row="5"] .wb-cell', (cells) =>
        ["A", "B", "C", "D", "E"].map((col) => cells.find((c) => c.dataset.col === col)?.textContent ?? ""),
      );
      return texts.map((t) => Number(t.replace(/[^\d.-]/g, "")) / (t.endsWith("%") ? 100 : 1));
    };
    // Customers, revenue and median recency are shown without decimals, the order value with two, the share with one.
    const tolerance = [0.5, 0.5, 0.005, 0.0005, 0.5];
    const expectKpis = async (want: number[]) => {
      const got = await shownKpis();
      got.forEach((v, i) => expect([i, Math.abs(v - want[i]) <= tolerance[i]]).toEqual([i, true]));
    };
    const revenueChart = async () =>
      JSON.parse((await page.locator("#workbook figure.wb-chart svg").first().getAttribute("data-series"))!) as {
        name: string;
        values: (number | null)[];
      }[];

    await page.locator(".wb-tab", { hasText: "RFM Dashboard" }).click();
    await page.waitForSelector('#workbook[data-sheet="RFM Dashboard"] figure.wb-slicer[data-caption="Segment"]');
    const all = figures(res.segments.map((s) => s.name));
    await expectKpis(all.kpis);
    expect(await page.locator('#workbook figure.wb-slicer[data-caption="Country"]').count()).toBe(1);

    // Click one segment, then Ctrl+click two more, as in Excel.
    const slicer = page.locator('#workbook figure.wb-slicer[data-caption="Segment"]');
    const picked = [byRevenue[1].name, byRevenue[3].name, byRevenue[5].name];
    const item = (name: string) => slicer.locator(".wb-slicer-item", { hasText: new RegExp(`^${name}$`) });
    await item(picked[0]).click();
    await item(picked[1]).click({ modifiers: ["Control"] });
    await item(picked[2]).click({ modifiers: ["Control"] });
    expect(await slicer.locator('.wb-slicer-item[aria-pressed="true"]').allTextContents()).toEqual(
      expect.arrayContaining(picked),
    );
    expect(await slicer.locator('.wb-slicer-item[aria-pressed="true"]').count()).toBe(3);
    const some = figures(picked);
    expect(some.kpis[0]).toBeLessThan(all.kpis[0]);
    await expectKpis(some.kpis);
    // The revenue chart is bound to the formula cells: only the picked segments keep their bars.
    const series = await revenueChart();
    expect(series.map((x) => x.name)).toEqual(byRevenue.map((s) => s.name));
    series.forEach((x, i) => expect(x.values[0]).toBeCloseTo(some.perSegment[i], 6));
    await page.setViewportSize({ width: 1366, height: 768 });
    // At 1366 x 768 with the pane open, as Excel at 100 %: the dashboard's columns, slicers and charts end inside the
    // view (nothing to the right), no number shows as #####, no wrapped text is cut off.
    const view = await drawnAsExcel(page);
    expect(view.objects).toBeLessThanOrEqual(view.right);
    expect(view.problems).toEqual([]);
    await page.screenshot({ path: screenshotPath("0-dashboard.png") });
    // Below: the distributions (histograms, box & whisker, treemap), side by side without overlapping.
    await page.locator("#workbook .wb-body").evaluate((b) => (b.scrollTop = b.scrollHeight));
    const boxes = await page.$$eval("#workbook figure.wb-chart", (figs) =>
      figs.map((f) => {
        const r = f.getBoundingClientRect();
        return {
          type: f.querySelector("svg")?.getAttribute("data-chart-type"),
          l: r.left,
          r: r.right,
          t: r.top,
          b: r.bottom,
        };
      }),
    );
    const overlaps = boxes.flatMap((a, i) =>
      boxes
        .slice(i + 1)
        .filter((b) => a.l < b.r - 1 && b.l < a.r - 1 && a.t < b.b - 1 && b.t < a.b - 1)
        .map((b) => `${a.type} overlaps ${b.type}`),
    );
    expect(overlaps).toEqual([]);
    await page.locator("#workbook .wb-body").evaluate((b) => {
      const histogram = [...b.querySelectorAll<HTMLElement>("figure.wb-chart")].find(
        (f) => f.querySelector("svg")?.getAttribute("data-chart-type") === "Histogram",
      );
      b.scrollTop = Math.max(0, (histogram?.offsetTop ?? 0) - 60);
    });
    await page.waitForTimeout(300);
    expect((await drawnAsExcel(page)).problems).toEqual([]);
    await page.screenshot({ path: screenshotPath("0-dashboard-distributions.png") });
    await page.locator("#workbook .wb-body").evaluate((b) => (b.scrollTop = 0));
    await page.setViewportSize({ width: 1600, height: 900 });

    // The slicer filters the customer table: its sheet shows only the picked segments' rows, as Excel hides them.
    await page.locator(".wb-tab", { hasText: "RFM Customers" }).click();
    await page.waitForSelector('#workbook[data-sheet="RFM Customers"]');
    const segmentCol = await page.$$eval(
      '#workbook .wb-row[data-row="1"] .wb-cell',
      (cells) => cells.find((c) => c.textContent === "Segment")?.dataset.col,
    );
    const shownSegments = await page.$$eval(`#workbook .wb-rows .wb-row .wb-cell[data-col="${segmentCol}"]`, (cells) =>
      cells.map((c) => c.textContent ?? ""),
    );
    expect(shownSegments.length).toBeGreaterThan(10);
    expect(shownSegments.filter((t) => t !== "Segment" && !picked.includes(t))).toEqual([]);
    await page.locator(".wb-tab", { hasText: "RFM Dashboard" }).click();
    await page.waitForSelector('#workbook[data-sheet="RFM Dashboard"] figure.wb-slicer[data-caption="Segment"]');

    await slicer.getByRole("button", { name: "Clear filter (Segment)" }).click();
    await expectKpis(all.kpis);
    expect(await slicer.locator('.wb-slicer-item[aria-pressed="false"]').count()).toBe(0);
  });

  it("re-runs with the tiers4 scheme and replaces the outputs instead of adding to them", async () => {
    await chooseScheme(page, pane, "tiers4");
    const before = await page.evaluate(() => window.rfmDemo.host.snapshot().sheets.length);
    await pane.getByRole("button", { name: "Segment customers" }).click();
    await pane.getByText(/Segmented [\d,]+ customers/).waitFor({ state: "detached", timeout: 10_000 });
    await pane.getByText("scheme tiers4").waitFor({ timeout: 180_000 });
    const tiers4 = expected.tiers4;
    await expectOutputs(page, tiers4);
    expect(await page.evaluate(() => window.rfmDemo.host.snapshot().sheets.length)).toBe(before);
    // Only tiers4 labels are left anywhere.
    const labels = new Set(SCHEMES.get("tiers4")!.rules.map((r) => r.label));
    if (SCHEMES.get("tiers4")!.fallback) labels.add(SCHEMES.get("tiers4")!.fallback!);
    for (const l of Object.keys(tiers4.rowSegments)) expect(labels.has(l)).toBe(true);
    const digest = await sourceDigest(page, "Online Retail");
    for (const l of Object.keys(digest.segments)) expect(labels.has(l)).toBe(true);
  });

  it("runs the ribbon command registered with Office.actions.associate, with the workbook's saved settings", async () => {
    const actions = await page.evaluate(() => [...window.rfmDemo.host.actions.keys()]);
    expect(actions).toEqual(["SegmentCustomers"]);
    // Count only the ribbon run's round trips.
    await page.evaluate(() => window.rfmDemo.host.resetStats());
    // The demo's ribbon button calls the registered function with an event, as Excel does.
    await page.locator("#ribbon").getByRole("button", { name: "Segment customers" }).click();
    await page.locator("#ribbon-status").getByText("Ribbon command completed.").waitFor({ timeout: 180_000 });
    // The pane (same runtime) shows the ribbon's run.
    await pane
      .getByText(`Ribbon button: Segmented ${count(expected.tiers4.result.customers.length)} customers`)
      .waitFor();
    expect(await page.evaluate(() => window.rfmDemo.host.stats.syncs)).toBeGreaterThan(10);
    // The saved settings (scheme tiers4, chosen in the pane) were used.
    await expectOutputs(page, expected.tiers4);
    // Through the registry directly: the function calls event.completed() exactly once.
    const r = await page.evaluate(() => window.rfmDemo.runRibbonCommand("SegmentCustomers"));
    expect(r).toEqual({ completedCalls: 1 });
  });

  it("cancels a run from the pane and leaves a complete, consistent workbook", async () => {
    await pane.getByRole("button", { name: "Segment customers" }).click();
    await pane.getByRole("progressbar", { name: "Progress" }).waitFor();
    await pane.getByRole("button", { name: "Cancel" }).click();
    const status = pane.getByRole("status", { name: "Status" });
    await status.getByText("Cancelled", { exact: true }).waitFor({ timeout: 60_000 });
    // The pane says what was left; the button is back.
    expect(await status.textContent()).toMatch(/Cancelled.+(unchanged|complete)/);
    expect(await pane.getByRole("button", { name: "Segment customers" }).isEnabled()).toBe(true);
    // Whatever step the cancel landed in, the outputs are whole: those of the last finished run (same settings).
    await expectOutputs(page, expected.tiers4);
  });

  it("runs the custom functions bundle: RFM.SEGMENT against the customer sheet, RFM.TABLE on the whole sheet", async () => {
    const ids = await page.evaluate(() => [...window.rfmDemo.customFunctions.keys()].sort());
    expect(ids).toEqual(expect.arrayContaining(["SEGMENT", "TABLE"]));
    // =RFM.SEGMENT(R, F, M, "tiers4") over the customer sheet's score columns spills the Segment column.
    const seg = await page.evaluate(() => {
      const d = window.rfmDemo;
      const rows = d.host.readSheetValues("RFM Customers").slice(1);
      const col = (j: number) => rows.map((r) => [r[j]]);
      const out = d.callFunction("SEGMENT", col(5), col(6), col(7), [["tiers4"]]) as unknown[][];
      return { out: out.map((r) => r[0]), want: rows.map((r) => r[10]) };
    });
    expect(seg.out).toHaveLength(expected.tiers4.result.customers.length);
    expect(seg.out).toEqual(seg.want);
    // A bad score is an Excel error value with a message, not an exception.
    const bad = await page.evaluate(() => {
      const v = (window.rfmDemo.callFunction("SEGMENT", [[7]], [[1]]) as unknown[][])[0][0] as {
        code?: string;
        message?: string;
      };
      return { code: v.code, message: v.message };
    });
    expect(bad.code).toBe("#VALUE!");
    expect(bad.message).toMatch(/7/);
    // =RFM.TABLE(customers, invoices, dates, quantities, prices) over all 541,909 rows.
    const t = await page.evaluate(() => {
      const s = window.rfmDemo.host.workbook.getSheet("Online Retail")!;
      const n = s.usedRect(true)!.r1;
      const col = (c: number) => {
        const out: unknown[][] = new Array(n);
        for (let r = 1; r <= n; r++) out[r - 1] = [s.getValue(r, c) ?? ""];
        return out;
      };
      const table = window.rfmDemo.callFunction("TABLE", col(6), col(0), col(4), col(3), col(5)) as unknown[][];
      return table;
    });
    // One row per customer after a header row, each as the engine computes it (default scheme rf10).
    const res = expected.rf10.result;
    expect(t).toHaveLength(res.customers.length + 1);
    expect(t[0]).toEqual(expect.arrayContaining(["Segment"]));
    const byId = new Map(res.customers.map((c) => [c.id, c]));
    const wrong = t.slice(1).filter((row) => {
      const c = byId.get(String(row[0]));
      return (
        !c ||
        row[1] !== c.recency ||
        row[2] !== c.frequency ||
        Math.abs(Number(row[3]) - c.monetary) > 1e-9 * Math.max(1, c.monetary) ||
        row[4] !== c.r ||
        row[5] !== c.f ||
        row[6] !== c.m ||
        String(row[7]) !== c.rfm ||
        row[8] !== c.segment
      );
    });
    expect(wrong.slice(0, 3)).toEqual([]);
    expect(new Set(t.slice(1).map((r) => String(r[0]))).size).toBe(res.customers.length);
  });

  // The result sections under the segment table (issue 7): compare with an earlier date, campaign list, Copy as SQL.
  // Run from the pane on the default scheme, so the sections show that run's segments.
  it("compares with the default earlier date: RFM Migration sheet (matrix, color scale, chart), Previous segment column", async () => {
    await chooseScheme(page, pane, "rf10");
    await pane.getByRole("button", { name: "Segment customers" }).click();
    await pane.getByText("scheme rf10").waitFor({ timeout: 180_000 });
    await expectOutputs(page, expected.rf10);

    // In Node: the engine at the later snapshot and at 90 days before it (rows dated before that moment only).
    const after = expected.rf10.result;
    const earlier = after.snapshot - 90 * MS_PER_DAY;
    const t0 = Date.now();
    const ids = compareResults(analyzeAt(table, {}, earlier), after);
    timings.migrationEngineMs = Date.now() - t0;
    // What a person reads shows the scheme's display names.
    const displayName = new Map(after.scheme.rules.map((r) => [r.label, r.name ?? r.label]));
    const m = nameMigration(ids, (label) => displayName.get(label) ?? label);
    expect(m.arrived).toBeGreaterThan(0);
    expect(m.moved).toBeGreaterThan(0);

    const section = pane.getByRole("region", { name: "Compare with an earlier date" });
    // No date typed: the pane's default (90 days before the snapshot).
    expect(await section.getByLabel("Earlier date").inputValue()).toBe("");
    const t1 = Date.now();
    await section.getByRole("button", { name: "Compare" }).click();
    await section.getByText(/stayed, [\d,]+ moved/).waitFor({ timeout: 120_000 });
    timings.compareMs = Date.now() - t1;
    const message = (await section.textContent()) ?? "";
    expect(message).toContain(
      `${minute(earlier)} → ${minute(after.snapshot)}: ${count(m.stayed)} stayed, ${count(m.moved)} moved, ` +
        `${count(m.arrived)} new, ${count(m.lapsed)} lapsed. See the sheet "RFM Migration" and the Previous ` +
        `segment column on "RFM Customers".`,
    );
    expect(message).toContain(
      `Largest flows: ${m.flows
        .slice(0, 3)
        .map((f) => f.sentence)
        .join("; ")}.`,
    );

    const wb = await migrationState(page);
    expect(wb.sheets).toEqual(["Online Retail", "RFM Dashboard", "RFM Customers", "RFM Summary", "RFM Migration"]);
    // The matrix table: header row (segments now, then lapsed), one row per earlier segment, then new.
    expect(wb.matrix).toEqual([["From \\ To", ...m.to], ...m.from.map((label, i) => [label, ...m.counts[i]])]);
    // The color scale covers exactly the counts: below the header row, right of the row labels.
    const a1 = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(wb.matrixAddress)!;
    expect(a1).not.toBeNull();
    expect(wb.colorScales).toEqual([`B${Number(a1[2]) + 1}:${a1[3]}${a1[4]}`]);
    // One native chart: the largest flows (at most ten), bound to the flows table.
    const shown = m.flows.slice(0, 10);
    expect(wb.charts.map((c) => c.chartType)).toEqual(["BarClustered"]);
    expect(wb.charts[0].categories).toEqual(shown.map((f) => `${f.from} → ${f.to}`));
    expect(wb.charts[0].series[0].values).toEqual(shown.map((f) => f.customers));

    // The customer table gained the Previous segment column, matched by CustomerID ("new" without an earlier
    // purchase), and kept everything else.
    expect(wb.customerTable?.headers).toEqual([...CUSTOMER_HEADERS, "Previous segment"]);
    expect(wb.customerTable?.rowCount).toBe(after.customers.length);
    expect(wb.customers[0]).toEqual([...CUSTOMER_HEADERS, "Previous segment"]);
    // Both columns by display name.
    const nameOf = new Map(after.segments.map((sg) => [sg.label, sg.name]));
    const prev = new Map(
      after.customers.map((c, i) => {
        const p = m.previousSegment[i];
        return [c.id, [nameOf.get(c.segment), p === null ? m.newLabel : nameOf.get(p)]];
      }),
    );
    const wrong: string[] = [];
    for (const row of wb.customers.slice(1)) {
      const want = prev.get(String(row[0]));
      if (!want || row[10] !== want[0] || row[CUSTOMER_HEADERS.length] !== want[1])
        wrong.push(`${String(row[0])}: ${JSON.stringify(row.slice(10))} vs ${JSON.stringify(want)}`);
      prev.delete(String(row[0]));
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(prev.size).toBe(0);
    const newOnSheet = wb.customers.slice(1).filter((r) => r[CUSTOMER_HEADERS.length] === m.newLabel).length;
    expect(newOnSheet).toBe(m.arrived);

    // The workbook view draws the sheet and its chart (wide enough for the chart, which sits right of the matrix).
    await page.setViewportSize({ width: 2240, height: 1000 });
    await page.locator(".wb-tab", { hasText: "RFM Migration" }).click();
    await page.waitForSelector('#workbook[data-sheet="RFM Migration"] figure.wb-chart svg');
    const drawn = await page.$$eval("#workbook figure.wb-chart svg", (svgs) =>
      svgs.map((s) => ({ type: s.getAttribute("data-chart-type"), categories: s.getAttribute("data-categories") })),
    );
    expect(drawn.map((d) => d.type)).toEqual(["BarClustered"]);
    expect(JSON.parse(drawn[0].categories!)).toEqual(shown.map((f) => `${f.from} → ${f.to}`));
    await section.evaluate((e) => e.scrollIntoView({ block: "start" }));
    expect((await drawnAsExcel(page)).problems).toEqual([]);
    await page.screenshot({ path: screenshotPath("7-migration-sheet.png") });
    await page.setViewportSize({ width: 1600, height: 900 });
  });

  it("exports the champions as a campaign list to a new sheet and as a CSV download", async () => {
    const res = expected.rf10.result;
    const seg = res.segments.find((s) => s.label === "champions")!;
    expect(seg).toBeDefined();
    const champions = res.customers.filter((c) => c.segment === "champions");
    expect(champions).toHaveLength(seg.customers);
    const action = SCHEMES.get("rf10")!.rules.find((r) => r.label === "champions")!.action;
    expect(action).toBeTruthy();
    // The snapshot's calendar date (wall-clock milliseconds, so the UTC fields are the wall-clock ones).
    const date = new Date(res.snapshot).toISOString().slice(0, 10);
    const headers = ["CustomerID", "Segment", "Recency", "Frequency", "Monetary", "LastPurchase", "Action", "Country"];

    const section = pane.getByRole("region", { name: "Campaign list" });
    await section.getByRole("checkbox", { name: `${seg.name} (${count(seg.customers)})` }).check();
    // New sheet: an Excel table named after the segment and the date.
    const sheetName = `champions ${date}`;
    const t0 = Date.now();
    await section.getByRole("button", { name: "New sheet" }).click();
    await section
      .getByText(`Wrote ${count(seg.customers)} customers of champions to the sheet "${sheetName}".`)
      .waitFor({ timeout: 120_000 });
    timings.campaignSheetMs = Date.now() - t0;
    const wb = await page.evaluate((name) => {
      const h = window.rfmDemo.host;
      const snap = h.snapshot();
      return {
        sheets: snap.sheets.map((s) => s.name),
        active: snap.activeSheet,
        tables: snap.tables.filter((t) => t.sheet === name),
        values: h.readSheetValues(name),
      };
    }, sheetName);
    expect(wb.sheets).toContain(sheetName);
    expect(wb.active).toBe(sheetName);
    expect(wb.tables.map((t) => [t.headers, t.rowCount])).toEqual([[headers, seg.customers]]);
    expect(wb.values[0]).toEqual(headers);
    // One row per champion, in the result's order, each as the engine computed it.
    const rows = wb.values.slice(1);
    expect(rows.map((r) => String(r[0]))).toEqual(champions.map((c) => c.id));
    const wrong = rows.filter((r, i) => {
      const c = champions[i];
      return !(
        r[0] === Number(c.id) &&
        r[1] === "champions" &&
        r[2] === c.recency &&
        r[3] === c.frequency &&
        Math.abs(Number(r[4]) - c.monetary) <= 1e-9 * Math.max(1, Math.abs(c.monetary)) &&
        Math.abs(Number(r[5]) - (c.lastPurchase - EPOCH_1900) / MS_PER_DAY) < 1e-6 &&
        r[6] === action &&
        r[7] === c.country
      );
    });
    expect(wrong.slice(0, 3)).toEqual([]);
    expect(new Set(rows.map((r) => r[7])).size).toBeGreaterThan(1);

    await page.setViewportSize({ width: 1920, height: 1000 });
    await page.waitForSelector(`#workbook[data-sheet="${sheetName}"]`);
    await section.evaluate((e) => e.scrollIntoView({ block: "start" }));
    expect((await drawnAsExcel(page)).problems).toEqual([]);
    await page.screenshot({ path: screenshotPath("8-campaign-list.png") });
    await page.setViewportSize({ width: 1600, height: 900 });

    // Download CSV: the browser saves a file named after the segment and the date.
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 120_000 }),
      section.getByRole("button", { name: "Download CSV" }).click(),
    ]);
    const fileName = `champions_${date}.csv`;
    expect(download.suggestedFilename()).toBe(fileName);
    await section.getByText(`Downloaded ${fileName}: ${count(seg.customers)} customers.`).waitFor();
    const bytes = fs.readFileSync(await download.path());
    // UTF-8 with a byte-order mark (Excel reads it as UTF-8), then header and one line per champion.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").split("\n");
    expect(lines.pop()).toBe("");
    expect(lines[0]).toBe(headers.join(","));
    expect(lines).toHaveLength(seg.customers + 1);
    expect(lines.slice(1).map((l) => l.slice(0, l.indexOf(",")))).toEqual(champions.map((c) => c.id));
    expect(lines.slice(1).every((l) => l.includes(",champions,"))).toBe(true);
  });

  it("copies the segmentation as SQL for DuckDB and PostgreSQL, or shows it when the clipboard is refused", async () => {
    const res = expected.rf10.result;
    // The query for the pane's settings (scheme rf10, defaults otherwise) over the detected columns, by name.
    const mapping = Object.fromEntries(Object.entries(res.mapping).map(([field, i]) => [field, res.headers[i]]));
    const want = (dialect: SqlDialect) => generateSql(dialect, { table: "transactions", mapping, scheme: "rf10" });
    const section = pane.getByRole("region", { name: "Copy as SQL" });
    expect(want("duckdb")).not.toBe(want("postgres"));
    // clipboard-read lets the test read back what the pane copied.
    await page
      .context()
      .grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(server.url).origin });
    for (const [dialect, label] of [
      ["duckdb", "DuckDB"],
      ["postgres", "PostgreSQL"],
    ] as const) {
      await section.getByRole("radio", { name: label }).check();
      await section.getByRole("button", { name: "Copy as SQL" }).click();
      await section.getByText(`Copied the ${label} query. It reads a table named transactions.`).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(want(dialect));
    }
    // Some Office hosts have no clipboard API (headless Chromium lets a focused page write even without the
    // permission, so a refusal cannot be provoked here): without navigator.clipboard the pane shows the query.
    await page.evaluate(() => {
      Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true });
    });
    await section.getByRole("button", { name: "Copy as SQL" }).click();
    await section.getByText("The clipboard is not available here: copy the query below.").waitFor();
    expect(await section.getByRole("textbox", { name: "SQL query" }).inputValue()).toBe(want("postgres"));
  });

  it("shows a clear message for a sheet without a customer column", async () => {
    const p2 = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const log2 = await watchPage(p2, server.url);
    logs.push(log2);
    await p2.goto(`${server.url}demo.html?data=fixtures/no-customer.csv&sheet=Sales`);
    await p2.waitForSelector("body[data-state=ready]", { timeout: 60_000 });
    const pane2 = p2.locator("#container");
    // The pane found the sheet but asks for the customer column.
    await pane2.getByText("Sheet Sales", { exact: false }).waitFor();
    // The Columns panel opened by itself on the field to choose; Run says why it cannot start.
    expect(await shown(pane2.getByRole("combobox", { name: "Customer" }))).toBe("Choose a column");
    const run = pane2.getByRole("button", { name: "Segment customers" });
    expect(await run.getAttribute("aria-disabled")).toBe("true");
    await pane2.getByText("Choose a column for Customer (under Columns).").waitFor();
    await run.click({ force: true });
    expect(await pane2.getByRole("progressbar").count()).toBe(0);
    await p2.screenshot({ path: screenshotPath("6-error-no-customer.png") });
    // Nothing was written.
    const sheets = await p2.evaluate(() => window.rfmDemo.host.snapshot().sheets.map((s) => [s.name, s.usedRange]));
    expect(sheets).toEqual([["Sales", "Sales!A1:E2"]]);
    await p2.close();
  });

  it("loads taskpane.html as shipped, with office.js from node_modules and the simulated host right after it", async () => {
    const p3 = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    // Excel on the web would supply the host; here the simulated one is appended to office.js, so it is in place
    // before the add-in's deferred bundles run.
    const hostJs = fs.readFileSync(path.join(REPO_ROOT, "dist-demo", "demo-host.js"), "utf8");
    const log3 = await watchPage(p3, server.url, { officeJsSuffix: hostJs });
    logs.push(log3);
    await p3.goto(`${server.url}taskpane.html`);
    const pane3 = p3.locator("#container");
    // When the page never gets there, say what it showed and what it logged, not only that the wait ran out.
    await pane3
      .getByText(`${count(expected.rf10.result.rowsRead)} rows`)
      .waitFor({ timeout: 120_000 })
      .catch(async (e: Error) => {
        const shown = await p3.evaluate(() => document.body.innerText.slice(0, 600)).catch(() => "(page gone)");
        throw new Error(
          `${e.message}\npane showed: ${shown}\nerrors: ${JSON.stringify(log3.errors)}\n` +
            `requests: ${log3.requests.length}, external: ${JSON.stringify(log3.external)}`,
        );
      });
    await pane3.getByRole("button", { name: "Segment customers" }).click();
    await pane3
      .getByText(`Segmented ${count(expected.rf10.result.customers.length)} customers`)
      .waitFor({ timeout: 180_000 });
    await expectOutputs(p3, expected.rf10);
    // office.js came from node_modules; only its telemetry page was refused.
    expect(log3.external.some((x) => x.url.endsWith("/office.js") && x.outcome === "office.js from node_modules")).toBe(
      true,
    );
    expect(log3.external.filter((x) => x.outcome === "blocked").every((x) => /telemetry/i.test(x.url))).toBe(true);
    await p3.close();
  });

  it("made no request beyond 127.0.0.1 from the demo pages", () => {
    // demo.html loads no office.js: every request of the first two pages went to the local server.
    for (const l of logs.slice(0, 2)) {
      expect(l.external).toEqual([]);
      expect(l.requests.every((u) => u.startsWith(server.url))).toBe(true);
    }
    expect(server.requests.filter((r) => r.status !== 200)).toEqual([]);
    if (process.env.RFM_E2E_UPDATE_DOCS === "1") {
      const docs = path.join(REPO_ROOT, "docs", "screenshots");
      fs.mkdirSync(docs, { recursive: true });
      for (const f of [
        "0-dashboard.png",
        "0-dashboard-distributions.png",
        "1-pane-before.png",
        "2-pane-during.png",
        "3-pane-after.png",
        "4-summary-sheet.png",
        "5-customers-sheet.png",
        "7-migration-sheet.png",
        "8-campaign-list.png",
      ]) {
        fs.copyFileSync(screenshotPath(f), path.join(docs, f));
      }
    }
  });
});
