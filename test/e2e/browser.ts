/**
 * Browser plumbing for the end-to-end test: the demo build, Debian's Chromium driven by playwright-core (never a
 * downloaded browser), office.js served from node_modules in place of Microsoft's CDN, and a guard that records every
 * request that is not for the local server.
 *
 * Chromium: `RFM_CHROMIUM` or /usr/bin/chromium. When it is missing the test fails with the install command; only
 * outside CI may `RFM_E2E_SKIP=1` skip the browser test instead. `RFM_E2E_SKIP_BUILD=1` reuses an existing dist-demo/.
 */
import * as fs from "fs";
import * as path from "path";
import { chromium, type Browser, type Page, type Route } from "playwright-core";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const BUILD_DIR = path.join(REPO_ROOT, "dist-demo");
export const OUTPUT_DIR = path.join(REPO_ROOT, "test-output", "e2e");
export const OFFICE_JS_DIR = path.join(REPO_ROOT, "node_modules", "@microsoft", "office-js", "dist");
/** Where taskpane.html (and the manifest) load office.js from. */
export const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";

/** Flags that work on a machine with no outside network (no background fetches, no sandbox as root). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function chromiumPath(): string {
  return process.env.RFM_CHROMIUM || "/usr/bin/chromium";
}

/** Why the browser test cannot run here, or null when it can. Throws when it must run (CI) but cannot. */
export function browserSkipReason(): string | null {
  const exe = chromiumPath();
  if (fs.existsSync(exe)) return null;
  const message =
    `Chromium is not installed at ${exe}: the browser end-to-end test needs Debian's chromium ` +
    `("apt-get install -y chromium"; .ci/run does it) or RFM_CHROMIUM=/path/to/chromium.`;
  if (process.env.RFM_E2E_SKIP === "1" && !process.env.CI) return `${message} Skipped because RFM_E2E_SKIP=1.`;
  throw new Error(`${message} To skip it locally (not in CI), set RFM_E2E_SKIP=1.`);
}

/** Builds the demo page (production mode, as deployed) into dist-demo/, unless told to reuse one. */
export function buildDemo(): { ms: number; reused: boolean } {
  const t0 = Date.now();
  if (process.env.RFM_E2E_SKIP_BUILD === "1" && fs.existsSync(path.join(BUILD_DIR, "demo.html"))) {
    return { ms: 0, reused: true };
  }
  // The same build as `npm run demo` (scripts/demo.js).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const demo = require("../../scripts/demo.js") as { buildDemo(o: { quiet: boolean }): string | null };
  const failed = demo.buildDemo({ quiet: true });
  if (failed) throw new Error(`The demo build failed: ${failed}`);
  return { ms: Date.now() - t0, reused: false };
}

export function launchChromium(): Promise<Browser> {
  // Playwright starts Chromium with a new, empty profile (user data dir) of its own each time.
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

export interface PageLog {
  /** console.error messages and uncaught page errors. */
  errors: string[];
  /** Every request URL that was not for the local server, and what happened to it. */
  external: { url: string; outcome: "office.js from node_modules" | "blocked" }[];
  /** Every request URL. */
  requests: string[];
}

/**
 * Watches a page: console errors, page errors and every request. Requests for anything but `localBase` never reach
 * the network: office.js' CDN files are answered from node_modules (`officeJs`), everything else is aborted.
 * `officeJsSuffix` is appended to office.js (the test installs the simulated host right after it that way).
 */
export async function watchPage(
  page: Page,
  localBase: string,
  options: { officeJsSuffix?: string } = {},
): Promise<PageLog> {
  const log: PageLog = { errors: [], external: [], requests: [] };
  page.on("console", (m) => {
    if (m.type() === "error") log.errors.push(`console.error: ${m.text()}`);
  });
  page.on("pageerror", (e) => log.errors.push(`page error: ${e.message}`));
  page.on("request", (r) => log.requests.push(r.url()));
  await page.route(
    (url) => !url.href.startsWith(localBase),
    async (route: Route) => {
      const url = route.request().url();
      const file = url.startsWith(OFFICE_CDN) ? officeJsFile(url.slice(OFFICE_CDN.length)) : null;
      if (file) {
        log.external.push({ url, outcome: "office.js from node_modules" });
        const suffix = path.basename(file) === "office.js" ? options.officeJsSuffix : undefined;
        if (suffix) {
          const body = `${fs.readFileSync(file, "utf8")}\n;\n${suffix}`;
          return route.fulfill({ status: 200, contentType: "text/javascript", body });
        }
        return route.fulfill({ status: 200, path: file });
      }
      log.external.push({ url, outcome: "blocked" });
      return route.abort("blockedbyclient");
    },
  );
  return log;
}

/** The local copy of a file office.js loads from its CDN folder (never the *.debug.js variants), or null. */
function officeJsFile(relative: string): string | null {
  const clean = relative.split(/[?#]/)[0];
  if (clean.endsWith(".debug.js") || clean.includes("..")) return null;
  const file = path.join(OFFICE_JS_DIR, clean);
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  return path.join(OUTPUT_DIR, name);
}
