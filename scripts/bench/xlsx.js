/**
 * Bench section "Excel workbook (.xlsx)": the Online Retail workbook (../shared/data/online_retail.xlsx, skipped
 * when absent) read and segmented by the CLI (`node bin/rfm.js FILE.xlsx --out TMP -q`), against exceljs' streaming
 * reader only iterating the rows (styles ignored, shared strings cached: the least exceljs can do), in the same run.
 * Whole processes under /usr/bin/time: CPU time (user + system) and peak RSS; the ratio of CPU times is the figure
 * (a loaded machine stretches wall time far more than CPU time). Targets: CLI ≤ 1/3 of exceljs, ≤ 250 MB.
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { measure } = require("./measure");

const EXCELJS_READ = `
const ExcelJS = require(process.argv[1]);
(async () => {
  const r = new ExcelJS.stream.xlsx.WorkbookReader(process.argv[2], { worksheets: "emit", sharedStrings: "cache",
    hyperlinks: "ignore", styles: "ignore", entries: "ignore" });
  let rows = 0;
  for await (const ws of r) for await (const row of ws) rows += row ? 1 : 0;
  process.stdout.write(String(rows));
})();`;

async function run(ctx) {
  const { sharedDataFile } = ctx.lib("cli/dataFiles");
  const book = sharedDataFile("online_retail.xlsx");
  if (!book) {
    console.log("  skipped: online_retail.xlsx is not in ../shared/data");
    return;
  }
  if (!fs.existsSync("/usr/bin/time")) {
    console.log("  skipped: needs /usr/bin/time (GNU time) for CPU time and peak RSS");
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-bench-xlsx-"));
  try {
    const exceljs = require.resolve("exceljs", { paths: [ctx.root] });
    const out = path.join(tmp, "customers.csv");
    const cli = [process.execPath, path.join(ctx.root, "bin", "rfm.js"), book, "--out", out, "-q"];
    // Interleaved, so that a change in the machine's load falls on both.
    const ours = [measure(cli, ctx.root)];
    const theirs = [measure([process.execPath, "-e", EXCELJS_READ, exceljs, book], ctx.root)];
    ours.push(measure(cli, ctx.root));
    const best = (xs, key) => Math.min(...xs.map((x) => x[key]));
    const cpu = best(ours, "cpuMs");
    const ejCpu = best(theirs, "cpuMs");
    ctx.line("rfm FILE.xlsx (read + segment): CPU, best of 2", cpu);
    ctx.line("  wall time, best of 2", best(ours, "wallMs"));
    ctx.line("  peak RSS", `${best(ours, "rssMB").toFixed(0)} MB`, {
      max: 250,
      label: "250 MB",
      value: best(ours, "rssMB"),
    });
    ctx.line("exceljs streaming read, rows only: CPU", ejCpu);
    ctx.line("  wall time", theirs[0].wallMs);
    ctx.line("  peak RSS", `${theirs[0].rssMB.toFixed(0)} MB`);
    const ratio = cpu / ejCpu;
    ctx.line("CLI / exceljs, CPU time", ratio.toFixed(2), { max: 1 / 3, label: "0.33", value: ratio });
    ctx.figures.xlsx = {
      cliCpuMs: cpu,
      cliWallMs: best(ours, "wallMs"),
      cliPeakRssMB: best(ours, "rssMB"),
      exceljsCpuMs: ejCpu,
      exceljsWallMs: theirs[0].wallMs,
      exceljsPeakRssMB: theirs[0].rssMB,
      ratio,
    };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

module.exports = { run };
