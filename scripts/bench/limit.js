/**
 * Bench section "CSV against a hand-written program": the CLI (`rfm FILE --out c.csv -q`) against handwritten.js, a
 * single-purpose Node program that computes the same Recency, Frequency and Monetary for the Online Retail CSV and
 * nothing else (the limit of what this file's reading can cost in Node). Whole processes under /usr/bin/time, paired
 * runs (CLI, program, CLI, ... interleaved so that a change in the machine's load falls on both), medians of wall
 * time and of CPU time (user + system). Printed as the ratio limit/CLI (1 would be as fast as the program); target
 * >= 0.75 on the Online Retail file.
 *
 * Honesty check: the program's per-customer figures must equal the CLI's (same customers, same Recency, Frequency
 * and Monetary written the same way); the section fails otherwise.
 *
 * Where the rest goes: one more CLI run with `--stats`, whose phases (start-up and module loading, file reading,
 * parsing, cleaning, aggregating, scoring, writing; see the CLI's report.ts) are printed as measured inside it.
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { measure, median } = require("./measure");

const RUNS = 7;

/** CustomerID → "Recency,Frequency,Monetary" from a customers CSV (the first four columns, unquoted ids). */
function figures(file) {
  const lines = fs.readFileSync(file, "utf8").trim().split("\n");
  const head = lines[0].split(",").slice(0, 4).join(",");
  if (head !== "CustomerID,Recency,Frequency,Monetary") throw new Error(`${file}: unexpected header ${head}`);
  const out = new Map();
  for (const l of lines.slice(1)) {
    const f = l.split(",", 4);
    out.set(f[0], f.slice(1).join(","));
  }
  return out;
}

/** Compares the two outputs; returns a one-line verdict, throws when they differ. */
function check(cliFile, limitFile) {
  const ours = figures(cliFile);
  const theirs = figures(limitFile);
  const differ = [];
  for (const [id, f] of ours) if (theirs.get(id) !== f) differ.push(id);
  for (const id of theirs.keys()) if (!ours.has(id)) differ.push(id);
  if (differ.length > 0) {
    const id = differ[0];
    throw new Error(
      `the hand-written program's figures differ from the CLI's for ${differ.length} customers ` +
        `(e.g. ${id}: CLI ${ours.get(id)}, program ${theirs.get(id)})`,
    );
  }
  return `${ours.size} of ${ours.size} customers equal`;
}

async function run(ctx) {
  if (!fs.existsSync("/usr/bin/time")) {
    console.log("  skipped: needs /usr/bin/time (GNU time) for CPU time and peak RSS");
    return;
  }
  const { sharedDataFile } = ctx.lib("cli/dataFiles");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-bench-limit-"));
  try {
    let file = sharedDataFile("online_retail.csv");
    if (!file) {
      file = path.join(tmp, "online_retail.csv");
      fs.writeFileSync(file, require("zlib").gunzipSync(fs.readFileSync(ctx.dataFile)));
    }
    const cliOut = path.join(tmp, "cli.csv");
    const limitOut = path.join(tmp, "limit.csv");
    const bin = path.join(ctx.root, "bin", "rfm.js");
    const ways = {
      cli: [process.execPath, bin, file, "--out", cliOut, "-q"],
      limit: [process.execPath, path.join(__dirname, "handwritten.js"), file, limitOut],
    };
    const got = { cli: [], limit: [] };
    for (let i = 0; i < RUNS; i++) for (const k of Object.keys(ways)) got[k].push(measure(ways[k], ctx.root));
    const med = (k, key) => median(got[k].map((r) => r[key]));
    ctx.line("same figures as the CLI", check(cliOut, limitOut));
    console.log(
      `  ${path.basename(file)} (${(fs.statSync(file).size / 1e6).toFixed(0)} MB), median of ${RUNS} paired runs:`,
    );
    for (const [k, label] of [
      ["cli", "rfm FILE --out c.csv -q"],
      ["limit", "hand-written program (the limit)"],
    ]) {
      ctx.line(`  ${label}: wall`, med(k, "wallMs"));
      ctx.line("    CPU (user + system)", med(k, "cpuMs"));
      ctx.line("    peak RSS", `${med(k, "rssMB").toFixed(0)} MB`);
    }
    const wall = med("limit", "wallMs") / med("cli", "wallMs");
    const cpu = med("limit", "cpuMs") / med("cli", "cpuMs");
    const mark = (r) => `(target ≥ 0.75: ${r >= 0.75 ? "ok" : "UNDER"})`;
    console.log(`  ${"  limit/CLI, wall".padEnd(44)} ${wall.toFixed(2).padStart(10)}  ${mark(wall)}`);
    console.log(`  ${"  limit/CLI, CPU".padEnd(44)} ${cpu.toFixed(2).padStart(10)}  ${mark(cpu)}`);

    // Where the CLI's time goes, as it measures itself (one more run; wall-clock phases inside the process).
    const r = measure([...ways.cli, "--stats"], ctx.root);
    const s = /rfm-stats (\{.*\})/.exec(r.stderr);
    const stats = s ? JSON.parse(s[1]) : null;
    if (stats && stats.phases) {
      // The CSV is read in one pass: each row is cleaned as it is parsed, so "parse" holds the per-row cleaning
      // and "clean" only the rules applied at the end (the exclusions log, the warnings).
      console.log("  the CLI's phases (one more run, --stats; parse includes each row's cleaning):");
      for (const [name, ms] of Object.entries(stats.phases)) ctx.line(`    ${name}`, ms);
      ctx.line("    total (process start to end of write)", stats.totalMs);
    }
    ctx.figures.limit = {
      cli: { wallMs: med("cli", "wallMs"), cpuMs: med("cli", "cpuMs"), rssMB: med("cli", "rssMB") },
      limit: { wallMs: med("limit", "wallMs"), cpuMs: med("limit", "cpuMs"), rssMB: med("limit", "rssMB") },
      wallRatio: wall,
      cpuRatio: cpu,
      phases: stats ? stats.phases : null,
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

module.exports = { run };
