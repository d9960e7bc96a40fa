#!/usr/bin/env node
/**
 * `npm run bench`: speed and memory on the real data, measured the way a user runs it (the compiled lib/, built
 * here first with `tsc -p tsconfig.cli.json`, exactly as `npm install` builds it).
 *
 * Data: ../shared/data/online_retail.csv beside the repository when present, else the bundled
 * data/online_retail.csv.gz (gunzipped in memory; the CLI section then writes it to a temporary .csv so that the
 * end-to-end figure is for a plain CSV either way).
 *
 * Sections (each prints label, figure and target):
 *   1. CSV parse: first run in this process (cold JIT, what the CLI pays) and median of warm runs; all 8 columns and
 *      the 6 the engine maps.
 *   2. Engine: analyze() on the parsed table (rows → segments), first run and median of warm runs.
 *   3. CLI end to end: `node bin/rfm.js <csv> --out <tmp>` spawned, wall time median of 3; peak RSS of that process
 *      from /usr/bin/time when present, else from the CLI's own `--stats` (process.resourceUsage().maxRSS).
 *   4+. Optional sections in scripts/bench/<name>.js, run when the file exists and skipped with a note otherwise.
 *      A section module exports `async function run(ctx)` and prints through `ctx.line(label, ms|text, target?)`;
 *      `ctx` also has `root`, `dataFile`, `table` (the parsed ColumnTable), `lib(name)` (require from lib/),
 *      `median(fn, runs)` and `time(fn)`. Planned: adapter (Excel simulation: time and sync count), functions
 *      (RFM.TABLE custom function: engine time), streaming (large generated CSV: rows/s and peak memory), duckdb (the
 *      CLI against DuckDB's SQL on the real CSV and on 5,000,000 rows made from it: ratios and peak RSS), limit (the
 *      CLI against a hand-written program for the Online Retail CSV, same figures checked; the CLI's phases), predict
 *      (BG/NBD + Gamma-Gamma on the CDNOW sample, on 23,570 customers and on Online Retail; `rfm predict` end to end
 *      when the CLI has it), xlsx (the Online Retail workbook: the CLI against exceljs' streaming reader, CPU time and
 *      peak RSS), launch (`--version` by each way of starting the CLI).
 *
 * Targets: printed next to the figures they apply to (the `target` argument of each `line` call below).
 * Options: --no-build (use lib/ as it is), --runs N (warm runs, default 7), --json FILE (write the figures),
 * --only NAME,NAME (of the optional sections, only these; sections 1-3 always run).
 */
"use strict";
const { execFileSync, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { median } = require("./bench/measure");
const zlib = require("zlib");

const ROOT = path.resolve(__dirname, "..");
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const valueOf = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt;
};
const RUNS = Math.max(1, Number(valueOf("--runs", "7")));
const figures = {};

/** Optional sections, in order; each is scripts/bench/<name>.js. */
const OPTIONAL_SECTIONS = [
  { name: "adapter", title: "Excel adapter (in-memory Excel simulation)" },
  { name: "functions", title: "Custom functions (RFM.TABLE)" },
  { name: "streaming", title: "Streaming a large CSV" },
  { name: "duckdb", title: "CSV against DuckDB: whole processes, paired runs" },
  { name: "limit", title: "CSV against a hand-written single-purpose program: whole processes, paired runs" },
  { name: "predict", title: "Prediction (BG/NBD + Gamma-Gamma): fit + predict engine time" },
  { name: "xlsx", title: "Excel workbook (.xlsx): read + segment, against exceljs in the same run" },
  { name: "launch", title: "Launch cost (--version), whole processes" },
];

function time(fn) {
  const t = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

/** Runs fn `runs` times; returns the median time in ms (and all times). */
function medianOf(fn, runs = RUNS) {
  const times = [];
  for (let i = 0; i < runs; i++) times.push(time(fn).ms);
  return { ms: median(times), times };
}

function fmtMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

/** Prints one aligned line; `target` is { max, unit } for a pass/over note. */
function line(label, value, target) {
  const shown = typeof value === "number" ? fmtMs(value) : String(value);
  let note = "";
  if (target) {
    const v = typeof target.value === "number" ? target.value : value;
    note = v <= target.max ? `  (target ≤ ${target.label}: ok)` : `  (target ≤ ${target.label}: OVER)`;
  }
  console.log(`  ${label.padEnd(44)} ${shown.padStart(10)}${note}`);
}

function heading(title) {
  console.log(`\n${title}`);
}

function build() {
  if (flag("--no-build")) return;
  const t0 = process.hrtime.bigint();
  try {
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.cli.json"], {
      cwd: ROOT,
      stdio: "inherit",
    });
  } catch {
    // tsc still emits JavaScript when it reports type errors; measure that unless nothing was built.
    if (!fs.existsSync(path.join(ROOT, "lib", "cli", "main.js"))) throw new Error("tsc -p tsconfig.cli.json failed");
    console.log("tsc reported type errors (above); measuring the JavaScript it emitted anyway");
  }
  console.log(`Built lib/ in ${fmtMs(Number(process.hrtime.bigint() - t0) / 1e6)}`);
}

function lib(name) {
  return require(path.join(ROOT, "lib", name));
}

function main() {
  build();
  const { sharedDataFile, EMBEDDED_ONLINE_RETAIL } = lib("cli/dataFiles");
  const { parseCsvBuffer } = lib("cli/csv");
  const { analyze, planColumns } = lib("rfm");

  const shared = sharedDataFile("online_retail.csv");
  const dataFile = shared || EMBEDDED_ONLINE_RETAIL;
  const raw = fs.readFileSync(dataFile);
  const bytes = shared ? raw : zlib.gunzipSync(raw);
  const cpu = os.cpus()[0] ? os.cpus()[0].model.trim() : "unknown CPU";
  console.log(
    `Data: ${path.basename(dataFile)}${shared ? " (shared copy)" : " (bundled, gunzipped in memory)"}, ` +
      `${(bytes.length / 1e6).toFixed(1)} MB`,
  );
  console.log(
    `Machine: ${os.cpus().length} × ${cpu}, Node ${process.version}, load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );

  // 1. Parse
  heading("1. CSV parse (bytes → ColumnTable)");
  const first = time(() => parseCsvBuffer(bytes));
  const table = first.value;
  const rows = table.columns[0].length;
  line(`all ${table.headers.length} columns, first run`, first.ms);
  const warm = medianOf(() => parseCsvBuffer(bytes));
  line(`all ${table.headers.length} columns, median of ${RUNS}`, warm.ms);
  const mapped = new Set(Object.values(planColumns(table.headers).columns));
  const pick = { columns: (_h, i) => mapped.has(i) };
  const sub = medianOf(() => parseCsvBuffer(bytes, pick));
  line(`the ${mapped.size} mapped columns (as the CLI), median`, sub.ms);
  line("rows", rows.toLocaleString("en-US"));
  figures.parseFirstMs = first.ms;
  figures.parseMedianMs = warm.ms;
  figures.parseMappedMedianMs = sub.ms;

  // 2. Engine
  heading("2. Engine: analyze() on the parsed table (rows → segments)");
  const e1 = time(() => analyze(table));
  const result = e1.value;
  line("first run", e1.ms);
  const engine = medianOf(() => analyze(table));
  line(`median of ${RUNS}`, engine.ms, { max: 120, label: "120 ms" });
  line("customers", result.customers.length.toLocaleString("en-US"));
  figures.engineFirstMs = e1.ms;
  figures.engineMedianMs = engine.ms;

  // 3. CLI end to end
  heading("3. CLI end to end: node bin/rfm.js <csv> --out <tmp>");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-bench-"));
  try {
    let csv = dataFile;
    if (!shared) {
      csv = path.join(tmp, "online_retail.csv");
      fs.writeFileSync(csv, bytes);
    }
    const out = path.join(tmp, "customers.csv");
    const gnuTime = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
    const walls = [];
    const cpus = [];
    const rss = [];
    let stats = null;
    for (let i = 0; i < 3; i++) {
      const args = [path.join(ROOT, "bin", "rfm.js"), csv, "--out", out, "--quiet", "--stats"];
      const t = time(() =>
        gnuTime
          ? spawnSync(gnuTime, ["-f", "rfm-time-maxrss-kb %M cpu-s %U %S", process.execPath, ...args], {
              encoding: "utf8",
            })
          : spawnSync(process.execPath, args, { encoding: "utf8" }),
      );
      const r = t.value;
      if (r.status !== 0) throw new Error(`CLI failed (${r.status}): ${r.stderr}`);
      walls.push(t.ms);
      const s = /rfm-stats (\{.*\})/.exec(r.stderr);
      if (s) stats = JSON.parse(s[1]);
      const m = /rfm-time-maxrss-kb (\d+) cpu-s ([\d.]+) ([\d.]+)/.exec(r.stderr);
      rss.push(m ? Number(m[1]) / 1024 : stats ? stats.maxRssMB : NaN);
      if (m) cpus.push((Number(m[2]) + Number(m[3])) * 1000);
    }
    const wall = median(walls);
    line("wall time, median of 3", wall, { max: 600, label: "0.6 s" });
    // CPU time (all threads: JIT compiler and GC included) is steadier than wall time on a busy machine.
    if (cpus.length > 0) line("CPU time user + system, median of 3", median(cpus));
    if (stats) {
      // A CSV read in one pass (or streamed, or in parallel) is cleaned and aggregated while it is parsed: the
      // analysis is then inside the read figure, and the analyze figure is what is left (none).
      line("  of which read + parse (+ analysis in one pass)", stats.readMs);
      line("  of which analysis after the read", stats.analyzeMs);
      line("  of which write (last run)", stats.writeMs);
    }
    const peak = Math.max(...rss);
    line(`peak RSS (${gnuTime ? "/usr/bin/time" : "process.resourceUsage"}), max of 3`, `${peak.toFixed(0)} MB`, {
      max: 400,
      label: "400 MB",
      value: peak,
    });
    figures.cliWallMedianMs = wall;
    if (cpus.length > 0) figures.cliCpuMedianMs = median(cpus);
    figures.cliPeakRssMB = peak;
    figures.cliStats = stats;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  return { table, result, dataFile: shared ? dataFile : EMBEDDED_ONLINE_RETAIL };
}

async function optionalSections(base) {
  let n = 4;
  const only = valueOf("--only", null);
  for (const section of OPTIONAL_SECTIONS) {
    if (only !== null && !only.split(",").includes(section.name)) {
      n++;
      continue;
    }
    heading(`${n++}. ${section.title}`);
    const file = path.join(__dirname, "bench", `${section.name}.js`);
    if (!fs.existsSync(file)) {
      console.log(`  skipped: scripts/bench/${section.name}.js is not there yet`);
      continue;
    }
    const ctx = {
      root: ROOT,
      dataFile: base.dataFile,
      table: base.table,
      lib,
      time,
      median: (fn, runs) => medianOf(fn, runs),
      line,
      figures,
    };
    try {
      await require(file).run(ctx);
    } catch (e) {
      console.log(`  failed: ${e && e.message ? e.message : e}`);
      process.exitCode = 1;
    }
  }
}

(async () => {
  const base = main();
  await optionalSections(base);
  const json = valueOf("--json", null);
  if (json) fs.writeFileSync(json, JSON.stringify(figures, null, 2) + "\n");
})().catch((e) => {
  console.error(`bench: ${e && e.stack ? e.stack : e}`);
  process.exitCode = 1;
});
