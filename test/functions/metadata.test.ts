/**
 * The functions.json that the build generates from the doc comments in src/functions/functions.ts and
 * src/functions/predict.ts (the same generator, with the same inputs, as the webpack plugin): ids, parameter names, optional flags and result dimensionality, so that a
 * renamed function, a lost tag or a broken doc comment fails here instead of silently vanishing from Excel.
 */
import * as fs from "fs";
import * as path from "path";
import { generateCustomFunctionsMetadata, type ICustomFunctionsMetadata } from "custom-functions-metadata";
import "./customFunctionsGlobal";
import { withErrorInputs } from "../../scripts/functions-metadata";
import * as functionsModule from "../../src/functions/functions";
import * as predictModule from "../../src/functions/predict";

const root = path.resolve(__dirname, "../..");
const source = path.join(root, "src/functions/functions.ts");
const predictSource = path.join(root, "src/functions/predict.ts");
const sources = [source, predictSource];
const modules: Record<string, Record<string, unknown>> = {
  [source]: functionsModule as unknown as Record<string, unknown>,
  [predictSource]: predictModule as unknown as Record<string, unknown>,
};

/** id → [parameter name, optional, matrix][]; every function returns a matrix (spills). */
const expected: Record<string, [string, boolean, boolean][]> = {
  SEGMENT: [
    ["r", false, true],
    ["f", false, true],
    ["m", true, true],
    ["scheme", true, true],
  ],
  ACTION: [
    ["segment", false, true],
    ["scheme", true, true],
  ],
  SCORE: [
    ["value", false, true],
    ["population", false, true],
    ["higher_is_better", true, false],
    ["bins", true, false],
  ],
  RECENCY: [
    ["customer", false, true],
    ["customers", false, true],
    ["dates", false, true],
    ["snapshot", true, false],
  ],
  FREQUENCY: [
    ["customer", false, true],
    ["customers", false, true],
    ["invoices", true, true],
  ],
  MONETARY: [
    ["customer", false, true],
    ["customers", false, true],
    ["quantities", false, true],
    ["prices", true, true],
    ["invoices", true, true],
  ],
  TABLE: [
    ["customers", false, true],
    ["invoices", false, true],
    ["dates", false, true],
    ["quantities", false, true],
    ["prices", true, true],
    ["scheme", true, true],
    ["snapshot", true, false],
  ],
  SEGMENTS: [["scheme", true, true]],
  FIT: [
    ["customers", false, true],
    ["dates", false, true],
    ["amounts", false, true],
    ["calibration_end", false, false],
    ["unit", true, false],
  ],
  CALIBRATION: [
    ["customers", false, true],
    ["dates", false, true],
    ["amounts", false, true],
    ["calibration_end", false, false],
    ["unit", true, false],
  ],
  PALIVE: [
    ["x", false, true],
    ["t_x", false, true],
    ["T", false, true],
    ["params", false, true],
  ],
  EXPECTED: [
    ["t", false, true],
    ["x", false, true],
    ["t_x", false, true],
    ["T", false, true],
    ["params", false, true],
  ],
  AVGVALUE: [
    ["x", false, true],
    ["mean_value", false, true],
    ["params", false, true],
  ],
  CLV: [
    ["x", false, true],
    ["t_x", false, true],
    ["T", false, true],
    ["mean_value", false, true],
    ["params", false, true],
    ["horizon", true, false],
    ["discount_rate", true, false],
  ],
};

let metadata: ICustomFunctionsMetadata;
let associate: { functionName: string; id: string; sourceFileName: string }[];

beforeAll(async () => {
  const webpackConfig = fs.readFileSync(path.join(root, "webpack.config.js"), "utf8");
  // The build must read the same files as this test.
  expect(webpackConfig).toContain('input: ["./src/functions/functions.ts", "./src/functions/predict.ts"]');
  // ... and add the same file-level flags to what the generator emits.
  expect(webpackConfig).toContain('new FunctionsMetadataFlagsPlugin("functions.json")');
  const result = await generateCustomFunctionsMetadata(sources, false);
  expect(result.errors).toEqual([]);
  metadata = JSON.parse(withErrorInputs(result.metadataJson)) as ICustomFunctionsMetadata;
  associate = result.associate;
});

function checkMetadata(meta: ICustomFunctionsMetadata): void {
  // Without this flag Excel does not call a function whose range argument holds one error cell (#N/A), so the
  // per-cell messages of docs/formulas.md would never appear; the flag only applies to parameters of type any.
  expect((meta as unknown as Record<string, unknown>).allowErrorForDataTypeAny).toBe(true);
  expect(meta.functions.map((f) => f.id)).toEqual(Object.keys(expected));
  for (const fn of meta.functions) {
    // Ids and names without the namespace: the manifest adds "RFM.".
    expect(fn.name).toBe(fn.id);
    expect(fn.description && fn.description.length).toBeGreaterThan(20);
    expect(fn.result?.dimensionality).toBe("matrix");
    const params = fn.parameters.map((p) => [p.name, p.optional === true, p.dimensionality === "matrix"]);
    expect({ id: fn.id, params }).toEqual({ id: fn.id, params: expected[fn.id] });
    for (const p of fn.parameters) {
      expect(p.description && p.description.length).toBeGreaterThan(5);
      if (p.dimensionality === "matrix")
        expect({ id: fn.id, param: p.name, type: p.type }).toMatchObject({ type: "any" });
      expect(p.repeating).toBeUndefined();
    }
    // Streaming/volatile functions would recalculate on every change in the workbook; these are plain functions.
    expect(fn.options?.stream).toBeFalsy();
    expect(fn.options?.volatile).toBeFalsy();
  }
}

test("the generated metadata lists the fourteen RFM functions with their parameters", () => {
  checkMetadata(metadata);
});

test("every id is associated with a function that its module (functions.ts or predict.ts) exports", () => {
  expect(associate.map((a) => a.id)).toEqual(Object.keys(expected));
  for (const a of associate) {
    const exported = modules[path.resolve(a.sourceFileName)];
    expect(exported).toBeDefined();
    expect(typeof exported[a.functionName]).toBe("function");
    // Excel passes the arguments by position, so the function must declare exactly the listed parameters.
    expect((exported[a.functionName] as (...args: unknown[]) => unknown).length).toBe(expected[a.id].length);
  }
});

test("descriptions are single lines (Excel shows them in a one-line tooltip)", () => {
  for (const fn of metadata.functions) {
    expect(fn.description).not.toMatch(/\n/);
    for (const p of fn.parameters) expect(p.description).not.toMatch(/\n/);
  }
});

test("the manifest declares the RFM namespace and serves functions.json and functions.js", () => {
  const manifest = fs.readFileSync(path.join(root, "manifest.xml"), "utf8");
  expect(manifest).toMatch(/<Namespace resid="Functions\.Namespace"\s*\/>/);
  expect(manifest).toMatch(/<bt:String id="Functions\.Namespace" DefaultValue="RFM"\s*\/>/);
  expect(manifest).toMatch(/<bt:Url id="Functions\.Metadata\.Url" DefaultValue="[^"]*\/functions\.json"\s*\/>/);
});

test("a built dist/functions.json, when newer than functions.ts, matches the source", () => {
  const built = path.join(root, "dist/functions.json");
  const newest = Math.max(...sources.map((f) => fs.statSync(f).mtimeMs));
  if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < newest) {
    // No build, or a build older than the source: nothing built to compare (the test above covers the source).
    return;
  }
  checkMetadata(JSON.parse(fs.readFileSync(built, "utf8")) as ICustomFunctionsMetadata);
});
