/**
 * Bench section "Launch cost": `--version` through each way of starting the CLI, whole processes under
 * /usr/bin/time, median of 7 CPU times (user + system) and wall times: Node alone (`node -e 0`, the floor),
 * `node bin/rfm.js`, the README's command (`rfm` once `npm link` has put it on the PATH, else `./bin/rfm.js`, which
 * is what the link runs), `npm run -s rfm --` and `npx rfm`. Target: the README's command costs ≤ 0.1 s more than
 * `node bin/rfm.js`.
 */
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { measure, median } = require("./measure");

const RUNS = 7;

/** `rfm` on the PATH when it is this repository's (npm link), else null. */
function linkedRfm(root) {
  const r = spawnSync("sh", ["-c", "command -v rfm"], { encoding: "utf8" });
  const found = r.status === 0 ? r.stdout.trim() : "";
  if (!found) return null;
  try {
    return fs.realpathSync(found) === fs.realpathSync(path.join(root, "bin", "rfm.js")) ? found : null;
  } catch {
    return null;
  }
}

function timeOf(args, root) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(measure(args, root));
  return { cpuMs: median(runs.map((r) => r.cpuMs)), wallMs: median(runs.map((r) => r.wallMs)) };
}

async function run(ctx) {
  if (!fs.existsSync("/usr/bin/time")) {
    console.log("  skipped: needs /usr/bin/time (GNU time) for CPU time");
    return;
  }
  const root = ctx.root;
  const linked = linkedRfm(root);
  const ways = [
    ["node -e 0 (Node's own start)", [process.execPath, "-e", "0"]],
    ["node bin/rfm.js --version", [process.execPath, "bin/rfm.js", "--version"]],
    [linked ? "rfm --version (npm link)" : "./bin/rfm.js --version", [linked || "./bin/rfm.js", "--version"]],
    ["npm run -s rfm -- --version", ["npm", "run", "-s", "rfm", "--", "--version"]],
    ["npx rfm --version", ["npx", "--no-install", "rfm", "--version"]],
  ];
  const figures = {};
  for (const [label, args] of ways) {
    const t = timeOf(args, root);
    figures[label] = t;
    ctx.line(`${label}: CPU, median of ${RUNS}`, t.cpuMs);
    ctx.line("  wall time, median", t.wallMs);
  }
  const base = figures["node bin/rfm.js --version"];
  const readme = figures[ways[2][0]];
  const extra = readme.cpuMs - base.cpuMs;
  ctx.line("README's command minus node bin/rfm.js, CPU", extra, { max: 100, label: "0.1 s" });
  ctx.line("npx minus node bin/rfm.js, CPU", figures["npx rfm --version"].cpuMs - base.cpuMs);
  ctx.figures.launch = figures;
}

module.exports = { run };
