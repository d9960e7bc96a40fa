#!/usr/bin/env node
/**
 * `npm run demo`: the add-in without Excel. Builds the demo page when needed (webpack --env demo into dist-demo/),
 * serves it on 127.0.0.1 and prints its address; open it in a browser and click through the real task pane next to a
 * read-only view of a simulated workbook holding the Online Retail data (541,909 rows). Runs until Ctrl+C.
 *
 * Options:
 *   --port N      port to listen on (default 8080; 0 picks a free one)
 *   --rebuild     build even if dist-demo/ looks current
 *   --no-build    never build (fails if there is no dist-demo/demo.html)
 *
 * "Current" means the last successful build (the stamp file dist-demo/.built, written after it) is newer than every
 * file under src/, demo/, packages/ and assets/, webpack.config.js, manifest.xml and package-lock.json. (demo.html's own
 * date does not tell: webpack leaves an output file untouched when its content did not change.)
 * The browser end-to-end test builds through `buildDemo()` too.
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { startServer } = require("./serve");

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "dist-demo");
const PAGE = path.join(OUT, "demo.html");
const STAMP = path.join(OUT, ".built");

function newestInput() {
  let newest = 0;
  const visit = (p) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const f of fs.readdirSync(p)) visit(path.join(p, f));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ["src", "demo", "packages", "assets", "webpack.config.js", "package-lock.json", "manifest.xml"]) {
    const full = path.join(ROOT, p);
    if (fs.existsSync(full)) visit(full);
  }
  return newest;
}

/** Builds dist-demo/ (production mode, as deployed). Returns null on success, else webpack's output tail. */
function buildDemo(options = { quiet: false }) {
  const cli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
  const r = spawnSync(process.execPath, [cli, "--mode", "production", "--env", "demo", "--output-path", OUT], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", options.quiet ? "pipe" : "inherit"],
  });
  if (r.status !== 0) return `webpack exit ${r.status}:\n${`${r.stdout || ""}${r.stderr || ""}`.slice(-4000)}`;
  fs.writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  return null;
}

/** True when dist-demo/ was built after the last change to its inputs. */
function isCurrent() {
  return fs.existsSync(PAGE) && fs.existsSync(STAMP) && fs.statSync(STAMP).mtimeMs >= newestInput();
}

async function main() {
  const args = process.argv.slice(2);
  const unknown = args.filter((a, i) => !["--port", "--rebuild", "--no-build"].includes(a) && args[i - 1] !== "--port");
  if (unknown.length) {
    console.error(`demo: unknown option ${unknown[0]} (options: --port N, --rebuild, --no-build)`);
    process.exit(2);
  }
  const at = args.indexOf("--port");
  const port = at >= 0 ? Number(args[at + 1]) : 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`demo: --port needs a port number 0..65535 (got ${args[at + 1]})`);
    process.exit(2);
  }
  const exists = fs.existsSync(PAGE);
  if (args.includes("--no-build")) {
    if (!exists) {
      console.error("demo: dist-demo/demo.html does not exist; run without --no-build to build it.");
      process.exit(1);
    }
  } else if (args.includes("--rebuild") || !isCurrent()) {
    console.log("Building the demo page (webpack --mode production --env demo → dist-demo/) …");
    const failed = buildDemo();
    if (failed) {
      console.error(`demo: the build failed (${failed.split("\n")[0]}).`);
      process.exit(1);
    }
  }
  let server;
  try {
    server = await startServer({ root: OUT, port });
  } catch (e) {
    console.error(`demo: cannot listen on 127.0.0.1:${port} (${e.code || e.message}); try --port 0 for a free port.`);
    process.exit(1);
  }
  console.log(`RFM add-in demo: ${server.url}demo.html`);
  console.log("(the real task pane against a simulated Excel workbook with the Online Retail data; Ctrl+C stops)");
  const stop = () => server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

module.exports = { buildDemo, isCurrent, OUT };

if (require.main === module) main();
