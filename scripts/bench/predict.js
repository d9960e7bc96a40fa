/**
 * Bench section "Prediction (BG/NBD + Gamma-Gamma)": engine time of `predictCustomers` (lib/rfm/predict: calibration
 * summary from the parsed table, both fits from several starting points, per-customer P(alive), expected purchases,
 * expected average value and CLV, the holdout check and the tracking series).
 *
 * - CDNOW sample (../shared/data/cdnow_sample.csv; skipped with a note when absent): calibration end 1997-09-30,
 *   holdout end 1998-06-30, weeks, as in the papers. First run (cold JIT, what a one-off command pays) and median of
 *   warm runs, with the split into calibration summary and fit + predictions. Target ≤ 150 ms.
 * - The same sample replicated 10 times with shifted customer ids (23,570 customers, 69,190 rows). Target ≤ 600 ms.
 * - Online Retail (the parsed table of the main sections), calibration end 2011-08-31, holdout end 2011-12-09: engine
 *   time and whether the BG/NBD fit ran onto the boundary (no dropout), for information.
 * - `rfm predict` end to end on the Online Retail CSV (wall time, median of 3), when the CLI has the command. Target
 *   ≤ 1.5 s.
 */
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const zlib = require("zlib");

const CDNOW = { calibrationEnd: "1997-09-30", holdoutEnd: "1998-06-30", unit: "week" };
const RETAIL = { calibrationEnd: "2011-08-31", holdoutEnd: "2011-12-09", unit: "week" };

/** The CDNOW table `copies` times, customer ids shifted by 100,000 per copy (CDNOW ids are 1..23,570 at most). */
function replicate(table, copies) {
  const idColumn = table.headers.indexOf("CustomerID");
  const columns = table.columns.map(() => []);
  for (let k = 0; k < copies; k++) {
    for (let i = 0; i < table.columns[0].length; i++) {
      for (let c = 0; c < columns.length; c++) {
        const v = table.columns[c][i];
        columns[c].push(c === idColumn ? String(Number(v) + k * 100000) : v);
      }
    }
  }
  return { headers: table.headers, columns };
}

/** First run (cold), then two unmeasured runs so that the optimizing compiler has finished, then the median. */
function measure(ctx, label, fn, target) {
  const first = ctx.time(fn);
  ctx.line(`${label}, first run`, first.ms);
  fn();
  fn();
  const warm = ctx.median(fn);
  ctx.line(`${label}, median (warm)`, warm.ms, target);
  // CPU time of this process is steadier than wall time on a busy machine (other processes do not count).
  ctx.line("  CPU time, median (warm)", cpuMedian(fn));
  return { first: first.ms, median: warm.ms, value: first.value };
}

function cpuMedian(fn, runs = 5) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t);
    times.push((d.user + d.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[runs >> 1];
}

async function run(ctx) {
  const { predictCustomers, summarizeCalibration, predictFromSummary } = ctx.lib("rfm/predict");
  const { readCsvFile, sharedDataFile } = ctx.lib("cli/dataFiles");
  const figures = (ctx.figures.predict = {});

  const cdnowFile = sharedDataFile("cdnow_sample.csv");
  if (cdnowFile === null) {
    ctx.line("CDNOW sample", "skipped: ../shared/data/cdnow_sample.csv is not there");
  } else {
    const cdnow = readCsvFile(cdnowFile);
    const small = measure(ctx, "CDNOW 2,357 customers: fit + predict", () => predictCustomers(cdnow, CDNOW), {
      max: 150,
      label: "150 ms",
    });
    const summary = ctx.median(() => summarizeCalibration(cdnow, CDNOW));
    const s = summarizeCalibration(cdnow, CDNOW);
    const fit = ctx.median(() => predictFromSummary(s));
    ctx.line("  of which calibration summary, median", summary.ms);
    ctx.line("  of which fits + predictions, median", fit.ms);
    const r = small.value;
    ctx.line(
      "  BG/NBD r, alpha, a, b",
      [r.bgnbd.params.r, r.bgnbd.params.alpha, r.bgnbd.params.a, r.bgnbd.params.b].map((v) => v.toFixed(4)).join(" "),
    );
    ctx.line("  likelihood evaluations (BG/NBD, Gamma-Gamma)", `${r.bgnbd.evaluations}, ${r.gammaGamma.evaluations}`);
    figures.cdnowFirstMs = small.first;
    figures.cdnowMedianMs = small.median;

    const big = replicate(cdnow, 10);
    const large = measure(ctx, "CDNOW × 10, 23,570 customers", () => predictCustomers(big, CDNOW), {
      max: 600,
      label: "600 ms",
    });
    ctx.line("  customers", large.value.summary.ids.length.toLocaleString("en-US"));
    figures.bigFirstMs = large.first;
    figures.bigMedianMs = large.median;
  }

  const retail = measure(ctx, "Online Retail (engine, from the parsed table)", () =>
    predictCustomers(ctx.table, RETAIL),
  );
  const rr = retail.value;
  ctx.line("  customers in the model", rr.summary.ids.length.toLocaleString("en-US"));
  ctx.line("  BG/NBD on the boundary (no dropout)", rr.bgnbd.noDropout ? "yes (warned)" : "no");
  figures.retailFirstMs = retail.first;
  figures.retailMedianMs = retail.median;

  cli(ctx, figures);
}

/** `rfm predict` end to end, when the command exists. */
function cli(ctx, figures) {
  const bin = path.join(ctx.root, "bin", "rfm.js");
  const help = spawnSync(process.execPath, [bin, "predict", "--help"], { encoding: "utf8" });
  if (help.status !== 0 || !/calibration-end/.test(help.stdout + help.stderr)) {
    ctx.line("rfm predict end to end", "skipped: the CLI has no predict command yet");
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-bench-predict-"));
  try {
    let csv = ctx.dataFile;
    if (/\.gz$/i.test(csv)) {
      csv = path.join(tmp, "online_retail.csv");
      fs.writeFileSync(csv, zlib.gunzipSync(fs.readFileSync(ctx.dataFile)));
    }
    const out = path.join(tmp, "customers.csv");
    const args = [bin, "predict", csv, "--calibration-end", RETAIL.calibrationEnd, "--out", out];
    const walls = [];
    for (let i = 0; i < 3; i++) {
      const t = ctx.time(() => spawnSync(process.execPath, args, { encoding: "utf8" }));
      if (t.value.status !== 0) throw new Error(`rfm predict failed (${t.value.status}): ${t.value.stderr}`);
      walls.push(t.ms);
    }
    walls.sort((a, b) => a - b);
    ctx.line("rfm predict on the Online Retail CSV, wall, median of 3", walls[1], { max: 1500, label: "1.5 s" });
    figures.cliWallMedianMs = walls[1];
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

module.exports = { run };
