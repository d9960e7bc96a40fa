/**
 * Shared by scripts/start.js and scripts/stop.js (`npm start` / `npm stop`).
 *
 * Where Excel desktop exists (Windows, macOS) they hand over to office-addin-debugging, as Microsoft's templates do:
 * `start` runs the dev server (`npm run dev-server`) and sideloads manifest.xml into Excel; `stop` unloads it and
 * ends the dev server. Elsewhere (Linux, containers, CI) office-addin-debugging can only say "platform not
 * supported", so the scripts print how to sideload into Excel on the web instead and exit 0. An explicit
 * `npm start -- web --document <workbook URL>` is passed through on any platform (office-addin-debugging's own
 * Excel-on-the-web sideloading).
 *
 * Example: planFor("start", "linux", []) → { kind: "instructions" };
 *          planFor("start", "win32", []) → { kind: "run", args: ["start", "<repo>/manifest.xml", "desktop"] }
 */
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const DESKTOP_PLATFORMS = ["win32", "darwin"];

/**
 * What to do for `command` ("start" | "stop") on `platform` with the extra command-line `args`.
 * @returns {{ kind: "run", args: string[] } | { kind: "instructions" }}
 */
function planFor(command, platform, args) {
  const first = args[0];
  const target = first === "web" || first === "desktop" ? first : undefined;
  const rest = target ? args.slice(1) : args;
  if (target === "web" && (command === "stop" || rest.includes("--document"))) {
    return { kind: "run", args: [command, MANIFEST, "web", ...rest] };
  }
  if (DESKTOP_PLATFORMS.includes(platform) && target !== "web") {
    return { kind: "run", args: [command, MANIFEST, "desktop", ...rest] };
  }
  return { kind: "instructions" };
}

/** The office-addin-debugging command-line entry, or null when the package is not installed. */
function debuggingCli() {
  try {
    const pkgFile = require.resolve("office-addin-debugging/package.json", { paths: [ROOT] });
    const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8"));
    const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin && pkg.bin["office-addin-debugging"];
    return bin ? path.join(path.dirname(pkgFile), bin) : null;
  } catch {
    return null;
  }
}

function sideloadInstructions(command, platform) {
  const where = platform === "linux" ? "Linux" : platform;
  if (command === "stop") {
    return [
      `Nothing to stop: on ${where} \`npm start\` does not sideload the add-in into Excel.`,
      "",
      "  - Stop the dev server with Ctrl+C in the terminal running `npm run dev-server`.",
      "  - To remove an add-in uploaded to Excel on the web, clear the browser's cache and reload the workbook",
      "    (Microsoft's documented way to remove a sideloaded add-in from Office on the web).",
      "  - If you started a web session with `npm start -- web --document <url>`, run `npm stop -- web`.",
    ].join("\n");
  }
  return [
    `Excel desktop is not available on ${where}, so \`npm start\` cannot sideload the add-in here.`,
    "Try it in Excel on the web instead:",
    "",
    "  1. Start the dev server and keep it running (it serves https://localhost:3000):",
    "       npm run dev-server",
    "     First time only, create the localhost certificate:  npx office-addin-dev-certs install",
    "     If your browser does not trust it yet, open https://localhost:3000/taskpane.html once and accept it.",
    "  2. Open a workbook with transactions in Excel on the web (https://www.office.com > Excel).",
    "  3. Upload the manifest: Insert > Add-ins > Upload My Add-in (newer menus: Home > Add-ins >",
    "     More Add-ins > My Add-ins > Upload My Add-in), choose manifest.xml from this folder, then Upload.",
    '  4. The Home tab shows the "RFM" group: "Segment customers" runs with the saved settings,',
    '     "RFM pane" opens the task pane.',
    "",
    "Or let office-addin-debugging sideload into a workbook stored in OneDrive or SharePoint:",
    "       npm start -- web --document <URL of the workbook>",
    "",
    "On Windows or macOS with Excel installed, `npm start` sideloads into Excel desktop and `npm stop` unloads it.",
    "Check the manifest offline any time with: npm run validate",
  ].join("\n");
}

/** Runs `command` for this machine; returns the exit code. */
function run(command, argv = process.argv.slice(2), platform = process.platform, log = console) {
  const plan = planFor(command, platform, argv);
  if (plan.kind === "instructions") {
    log.log(sideloadInstructions(command, platform));
    return 0;
  }
  const cli = debuggingCli();
  if (!cli) {
    log.error("office-addin-debugging is not installed. Run `npm install` first.");
    log.log("");
    log.log(sideloadInstructions(command, platform));
    return 1;
  }
  const result = spawnSync(process.execPath, [cli, ...plan.args], { cwd: ROOT, stdio: "inherit" });
  if (result.error) {
    log.error(`Could not run office-addin-debugging: ${result.error.message}`);
    return 1;
  }
  return result.status === null ? 1 : result.status;
}

module.exports = { planFor, run, sideloadInstructions, debuggingCli, MANIFEST };
