/** Every command refuses an --out that is one of its inputs (the data file, a scheme file), leaving it intact. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";

let dir: string;
let data: string;
const TEXT = fs.readFileSync(path.resolve(__dirname, "../fixtures/cli/small.csv"), "utf8");

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rfm-out-input-"));
  data = path.join(dir, "small.csv");
  fs.writeFileSync(data, TEXT);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const code = await main(argv, { stdout: () => undefined, stderr: (t) => (stderr += t) });
  return { code, stderr };
}

test.each([
  [["DATA", "--out", "DATA"]],
  [["sql", "DATA", "--dialect", "duckdb", "--out", "DATA"]],
  [["predict", "DATA", "--calibration-end", "2011-03-31", "--out", "DATA"]],
])("%j", async (argv) => {
  const r = await run(argv.map((a) => (a === "DATA" ? data : a)));
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(
    /^rfm: --out .*small\.csv is the input file .*small\.csv: writing it would destroy the data/,
  );
  expect(fs.readFileSync(data, "utf8")).toBe(TEXT);
});

test("a scheme file is an input too; a built-in scheme id names no file", async () => {
  const scheme = path.join(dir, "two.json");
  const json = JSON.stringify({ id: "two", name: "Two", rules: [{ label: "Recent", r: [4, 5] }], fallback: "Older" });
  fs.writeFileSync(scheme, json);
  const r = await run([data, "--scheme", scheme, "--out", scheme]);
  expect(r.code).toBe(2);
  expect(fs.readFileSync(scheme, "utf8")).toBe(json);
  const out = path.join(dir, "tiers4");
  const ok = await run([data, "--scheme", "tiers4", "--out", out, "-q"]);
  expect(ok.stderr).toBe("");
  expect(ok.code).toBe(0);
  expect(fs.readFileSync(out, "utf8")).toMatch(/^CustomerID,/);
});
