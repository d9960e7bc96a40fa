/**
 * `rfm predict` through `main()`: the published CDNOW fits (Fader, Hardie & Lee 2005) from the command line, the
 * per-customer CSV at full precision, the boundary fit on the bundled Online Retail data, and the inputs where
 * nothing can be fitted (exit status 2).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runMain } from "../helpers/cli";
import { parseCsv } from "../../src/cli/csv";
import { readCsvFile } from "../../src/cli/dataFiles";
import { customerValue, predictCustomers } from "../../src/rfm/predict";
import { cdnowPath } from "../rfm/predict/cdnow";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-predict-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (...argv: string[]) => runMain(["predict", ...argv]);

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

interface Json {
  customers: number;
  unit: string;
  bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number; noDropout: boolean };
  gammaGamma: { p: number; q: number; gamma: number; logLikelihood: number; customers: number } | null;
  holdout?: {
    actual: number;
    expected: number;
    length: number;
    byFrequency: { frequency: string; customers: number; actual: number; expected: number }[];
  };
  cleaning: { rowsRead: number; dropped: { rule: string; rows: number }[]; zeroValuePurchases: number };
  warnings: string[];
}

const cdnow = cdnowPath();
if (cdnow === null) console.warn("rfm predict CDNOW tests skipped: ../shared/data/cdnow_sample.csv is not there.");

(cdnow ? describe : describe.skip)("CDNOW sample: the published fits from the command line", () => {
  const CAL = ["--calibration-end", "1997-09-30", "--unit", "week"];

  test("--json: BG/NBD r 0.2426, alpha 4.414, a 0.793, b 2.426, LL -9582.4; Gamma-Gamma 6.25, 3.74, 15.44 on 946", async () => {
    const r = await run(cdnow as string, ...CAL, "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    expect(j.customers).toBe(2357);
    expect(j.unit).toBe("week");
    expect(j.bgnbd.r).toBeCloseTo(0.2426, 3);
    expect(j.bgnbd.alpha).toBeCloseTo(4.414, 2);
    expect(j.bgnbd.a).toBeCloseTo(0.793, 3);
    expect(j.bgnbd.b).toBeCloseTo(2.426, 2);
    expect(j.bgnbd.logLikelihood).toBeCloseTo(-9582.4, 1);
    expect(j.bgnbd.noDropout).toBe(false);
    expect(j.gammaGamma).not.toBeNull();
    expect(j.gammaGamma?.p).toBeCloseTo(6.25, 2);
    expect(j.gammaGamma?.q).toBeCloseTo(3.74, 2);
    expect(j.gammaGamma?.gamma).toBeCloseTo(15.44, 2);
    expect(j.gammaGamma?.customers).toBe(946);
    expect(j.holdout).toBeUndefined();
    expect(j.cleaning.rowsRead).toBe(6919);
    expect(j.cleaning.zeroValuePurchases).toBeGreaterThanOrEqual(8);
    expect(j.warnings).toEqual([]);
  });

  test("--holdout-end: totals and the calibration-vs-holdout table by frequency 0..7+", async () => {
    const r = await run(cdnow as string, ...CAL, "--holdout-end", "1998-06-30", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    const h = j.holdout;
    if (!h) throw new Error("no holdout in the JSON");
    expect(h.length).toBe(39);
    expect(h.byFrequency.map((f) => f.frequency)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    expect(h.byFrequency.reduce((n, f) => n + f.customers, 0)).toBe(2357);
    // The table's means times its counts add up to the totals.
    const actual = h.byFrequency.reduce((n, f) => n + f.actual * f.customers, 0);
    const expected = h.byFrequency.reduce((n, f) => n + f.expected * f.customers, 0);
    expect(actual).toBeCloseTo(h.actual, 6);
    expect(expected).toBeCloseTo(h.expected, 6);
    expect(Number.isInteger(h.actual)).toBe(true);
    expect(h.expected).toBeGreaterThan(0);
  });

  test("--out: 2,357 rows at full precision, the engine's numbers; empty value and CLV without a repeat purchase", async () => {
    const out = path.join(dir, "cdnow-customers.csv");
    const r = await run(cdnow as string, ...CAL, "--holdout-end", "1998-06-30", "--out", out, "--quiet");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const text = fs.readFileSync(out, "utf8");
    const lines = text.trimEnd().split("\n");
    expect(lines[0].split(",").slice(0, 8)).toEqual([
      "CustomerID",
      "x",
      "t_x",
      "T",
      "PAlive",
      "ExpectedPurchases",
      "ExpectedAvgValue",
      "CLV",
    ]);
    expect(lines).toHaveLength(2358);

    const engine = predictCustomers(readCsvFile(cdnow as string), {
      calibrationEnd: "1997-09-30",
      holdoutEnd: "1998-06-30",
      unit: "week",
    });
    const fields = lines.slice(1).map((l) => l.split(","));
    fields.forEach((f, i) => {
      expect(f[0]).toBe(engine.summary.ids[i]);
      expect(Number(f[1])).toBe(engine.summary.x[i]);
      expect(Number(f[2])).toBe(engine.summary.tx[i]);
      expect(Number(f[3])).toBe(engine.summary.T[i]);
      expect(Number(f[4])).toBe(engine.pAlive[i]);
      expect(Number(f[5])).toBe(engine.expectedPurchases[i]);
      if (engine.summary.x[i] === 0) expect([f[6], f[7]]).toEqual(["", ""]);
      else {
        expect(Number(f[6])).toBe(engine.expectedAverageValue[i]);
        expect(Number(f[7])).toBe(engine.clv[i]);
      }
    });
    // Customer 1 of the paper: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in the next 39 weeks.
    const one = fields.find((f) => f[0] === "1") as string[];
    expect(Number(one[2])).toBe(213 / 7);
    expect(Number(one[3])).toBe(272 / 7);
    expect(Number(one[5])).toBeCloseTo(1.226, 3);
  });

  test("--discount-rate: per period, compounding, as the engine's customerValue", async () => {
    const out = path.join(dir, "cdnow-discounted.csv");
    const r = await run(cdnow as string, ...CAL, "--horizon", "52", "--discount-rate", "0.01", "--out", out, "-q");
    expect(r.code).toBe(0);
    const t = parseCsv(fs.readFileSync(out, "utf8"));
    const i = t.columns[0].findIndex((id) => String(id) === "1");
    const [x, tx, T, , expected, value, clv] = t.columns.slice(1).map((c) => c[i] as number);
    const engine = predictCustomers(readCsvFile(cdnow as string), { calibrationEnd: "1997-09-30", unit: "week" });
    expect(clv).toBe(customerValue(engine.bgnbd.params, x, tx, T, 52, value, 0.01));
    expect(clv).toBeLessThan(expected * value);
    expect(clv).toBeGreaterThan((expected * value) / 1.01 ** 52);
  });

  test("the summary explains the parameters, the cleaning and the holdout check", async () => {
    const r = await run(cdnow as string, ...CAL, "--holdout-end", "1998-06-30");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/r = 0\.2426, alpha = 4\.414/);
    expect(r.stdout).toMatch(/mean a\/\(a\+b\) = 24\.6%/);
    expect(r.stdout).toMatch(/on 946 customers with repeat purchases of positive value/);
    expect(r.stdout).toMatch(/8 purchases worth 0 kept as purchases/);
    expect(r.stdout).toMatch(/Holdout check 1997-10-01 to 1998-06-30 \(39 weeks\)/);
    expect(r.stdout).toMatch(/\n {2}7\+ +64 /);
    expect(r.stdout).toMatch(/No output file/);
  });
});

describe("the bundled Online Retail data", () => {
  test("a boundary fit: finite parameters and predictions, 'no dropout detected' in words", async () => {
    const out = path.join(dir, "retail-predict.csv");
    const r = await run("--calibration-end", "2011-08-31", "--holdout-end", "2011-12-09", "--out", out);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no dropout detected: /);
    expect(r.stdout).toMatch(/Dropped: Rows without a customer id: 135,080\./);
    expect(r.stdout).toMatch(/Dropped: Cancellations \(invoice number starting with "C"\): 8,905\./);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
    const t = parseCsv(fs.readFileSync(out, "utf8"));
    expect(t.headers).toContain("HoldoutPurchases");
    const n = t.columns[0].length;
    expect(n).toBeGreaterThan(3000);
    for (let c = 1; c <= 5; c++) for (const v of t.columns[c]) expect(Number.isFinite(v)).toBe(true);
    for (const v of t.columns[4]) expect(v as number).toBeLessThanOrEqual(1);

    const j = JSON.parse((await run("--calibration-end", "2011-08-31", "--json")).stdout) as Json;
    expect(j.customers).toBe(n);
    expect(j.bgnbd.noDropout).toBe(true);
    for (const v of Object.values(j.bgnbd)) if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
    expect(j.gammaGamma?.customers).toBeGreaterThan(0);
    expect(j.warnings.some((w) => /^No dropout detected/.test(w))).toBe(true);
  });
});

describe("hostile files: the reading options of the RFM run apply to rfm predict too", () => {
  /** 120 customers with 1-6 purchases over two years (a fixed pseudo-random sequence), ids with non-ASCII letters
   *  and one that Excel would run as a formula; amounts with cents. */
  function purchases(): { id: string; date: string; amount: number }[] {
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const rows: { id: string; date: string; amount: number }[] = [];
    for (let c = 0; c < 120; c++) {
      const id = c === 0 ? "=1+1" : `Müller-${String(c).padStart(3, "0")}`;
      const start = c === 0 ? 0 : Math.floor(next() * 300);
      const n = 1 + Math.floor(next() * 6);
      for (let k = 0; k < n; k++) {
        const day = start + Math.floor(next() * 400);
        const date = new Date(Date.UTC(2020, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
        rows.push({ id, date, amount: Math.round((5 + next() * 2000) * 100) / 100 });
      }
    }
    return rows;
  }
  const rows = purchases();
  const CAL = ["--calibration-end", "2020-12-31", "--holdout-end", "2021-06-30"];
  const thousands = (x: number) => {
    const [whole, cents] = x.toFixed(2).split(".");
    return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".")},${cents}`;
  };

  test("--encoding windows-1252 --decimal , on a file with 1.234,50 amounts gives the clean file's prediction", async () => {
    const clean = file(
      "clean.csv",
      "Customer,Date,Amount\n" + rows.map((r) => `${r.id},${r.date},${r.amount}`).join("\n"),
    );
    const text = "Customer;Date;Amount\n" + rows.map((r) => `${r.id};${r.date};"${thousands(r.amount)}"`).join("\n");
    expect(rows.some((r) => r.amount >= 1000)).toBe(true);
    const hostile = path.join(dir, "cp1252.csv");
    // Windows-1252 and Latin-1 agree on ü (0xFC).
    fs.writeFileSync(hostile, Buffer.from(text, "latin1"));
    const want = await run(clean, ...CAL, "--out", "-");
    const got = await run(
      hostile,
      ...CAL,
      "--encoding",
      "windows-1252",
      "--decimal",
      ",",
      "--delimiter",
      ";",
      "--out",
      "-",
    );
    expect(got.code).toBe(0);
    expect(want.code).toBe(0);
    expect(got.stdout).toBe(want.stdout);
    expect(got.stdout).toContain("\nMüller-001,");
    // Forced the other way, "1.234,50" is not read as 1234.5: the values and CLV change.
    const dot = await run(
      hostile,
      ...CAL,
      "--encoding",
      "windows-1252",
      "--decimal",
      ".",
      "--delimiter",
      ";",
      "--out",
      "-",
    );
    expect(dot.stdout).not.toBe(want.stdout);
    // Read as UTF-8, the ü bytes are not text: the ids would change (and the reader says so).
    const wrong = await run(hostile, ...CAL, "--encoding", "utf8", "--decimal", ",", "--delimiter", ";", "--out", "-");
    expect(wrong.stdout).not.toContain("Müller-001,");
  });

  test("an id Excel would run as a formula gets a leading quote in --out; --raw writes it as read", async () => {
    const clean = file(
      "formula.csv",
      "Customer,Date,Amount\n" + rows.map((r) => `${r.id},${r.date},${r.amount}`).join("\n"),
    );
    const safe = (await run(clean, ...CAL, "--out", "-")).stdout;
    const raw = (await run(clean, ...CAL, "--out", "-", "--raw")).stdout;
    const ids = (t: string) =>
      t
        .trimEnd()
        .split("\n")
        .slice(1)
        .map((l) => l.split(",")[0]);
    expect(ids(safe)).toContain("'=1+1");
    expect(ids(safe)).not.toContain("=1+1");
    expect(ids(raw)).toContain("=1+1");
    expect(ids(raw).filter((id) => id !== "=1+1")).toEqual(ids(safe).filter((id) => id !== "'=1+1"));
  });
});

describe("inputs where nothing can be fitted, and bad options: exit status 2, one line on stderr", () => {
  async function expectInputError(argv: string[], pattern: RegExp): Promise<void> {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.split("\n").filter((l) => l !== "");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^rfm: /);
    expect(lines[0]).toMatch(pattern);
  }

  test("no repeat customer, all purchases on one day, one customer", async () => {
    const once = file("once.csv", "Customer,Date,Amount\nA,2020-01-01,5\nB,2020-01-02,7\nC,2020-02-01,3\n");
    await expectInputError([once, "--calibration-end", "2020-03-01"], /No customer made a repeat purchase/);
    const oneDay = file("one-day.csv", "Customer,Date,Amount\nA,2020-01-01,5\nA,2020-01-01,2\nB,2020-01-01,7\n");
    await expectInputError([oneDay, "--calibration-end", "2020-03-01"], /repeat purchase|on one day/);
    const alone = file("alone.csv", "Customer,Date,Amount\nA,2020-01-01,5\nA,2020-01-05,2\nA,2020-02-01,7\n");
    await expectInputError([alone, "--calibration-end", "2020-03-01"], /1 customer\b/);
  });

  test("calibration end before the first purchase; after the last is a warning", async () => {
    const data = file(
      "two.csv",
      "Customer,Date,Amount\nA,2020-01-01,5\nA,2020-01-09,2\nB,2020-01-02,7\nB,2020-01-20,4\nC,2020-01-03,1\n",
    );
    await expectInputError([data, "--calibration-end", "2019-12-01"], /before the first purchase/);
    const after = await run(data, "--calibration-end", "2020-06-01", "--unit", "day");
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/on or after the last purchase/);
  });

  test.each([
    [[], /needs --calibration-end/],
    [["--calibration-end", "someday"], /Calibration end "someday" cannot be read/],
    [["--calibration-end", "2011-08-31", "--holdout-end", "2011-01-01"], /must be after the calibration end/],
    [["--calibration-end", "2011-08-31", "--unit", "year"], /--unit must be one of day, week, month/],
    [["--calibration-end", "2011-08-31", "--horizon", "-3"], /--horizon must be a number of time units above 0/],
    [["--calibration-end", "2011-08-31", "--discount-rate", "5%"], /--discount-rate must be a rate/],
    [["--calibration-end", "2011-08-31", "--json", "--out", "-"], /both write to standard output/],
    [["--calibration-end", "2011-08-31", "--keep-cancelled"], /--keep-cancelled does not apply to rfm predict/],
    [["--calibration-end", "2011-08-31", "--nope"], /Unknown option --nope/],
  ])("%j", async (argv, pattern) => {
    await expectInputError(argv, pattern);
  });
});

test("help: rfm predict --help, and the command in rfm --help", async () => {
  const r = await run("--help");
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^Usage: rfm predict \[FILE\] --calibration-end YYYY-MM-DD/);
  expect(r.stdout).toContain("--discount-rate R");
  expect(r.stdout).not.toContain("--keep-cancelled");
  const top = (await runMain(["--help"])).stdout;
  expect(top).toContain("Commands: sql, predict (rfm COMMAND --help)");
});
