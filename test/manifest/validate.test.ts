/**
 * The offline manifest check (`npm run validate`) on the real manifest.xml, on a build-output folder, and on
 * mutated copies that each break one thing Office would reject or that would break the shared runtime.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { validateManifest } from "../../scripts/manifest/manifest-check";

const ROOT = path.resolve(__dirname, "..", "..");
const MANIFEST = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

/** Checks a manifest text against the source files of this repository. */
function check(xml: string) {
  return validateManifest({ rootDir: ROOT, xml, distDir: null });
}

/** 1-based line of the first occurrence of `needle` in the real manifest. */
function lineOf(needle: string): number {
  const at = MANIFEST.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in manifest.xml`);
  return MANIFEST.slice(0, at).split("\n").length;
}

/** Replaces exactly one occurrence, so a mutation cannot silently miss. */
function mutate(from: string | RegExp, to: string, xml = MANIFEST): string {
  const hits =
    typeof from === "string" ? xml.split(from).length - 1 : (xml.match(new RegExp(from.source, "g")) ?? []).length;
  if (hits !== 1) throw new Error(`mutation target ${String(from)} found ${hits} times`);
  return xml.replace(from, to);
}

describe("the real manifest", () => {
  it("is valid against the source files, with the declared ids", () => {
    const r = check(MANIFEST);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([]);
    expect(r.info.id).toBe("b8433d5e-59c6-48f8-bedf-1f23ad578a34");
    expect(r.info.functionNames).toEqual(["SegmentCustomers"]);
    expect(r.info.taskpaneIds).toEqual(["ButtonId1"]);
    expect(r.info.namespace).toBe("RFM");
    expect(r.info.requirements).toBe("SharedRuntime 1.1, CustomFunctionsRuntime 1.2, ExcelApi 1.7");
    expect(r.info.runtime).toBe("Taskpane.Url → https://localhost:3000/taskpane.html (lifetime long)");
    // IconUrl, HighResolutionIconUrl, SupportUrl (assets/help.html), DefaultSettings page, 3 ribbon images,
    // functions.js, functions.json, taskpane.html.
    expect(r.info.urlsResolved).toBe(10);
  });

  it("declares no AppDomain: the add-in navigates to no other origin", () => {
    expect(MANIFEST).not.toMatch(/<AppDomains?>/);
  });

  it("the ribbon button's FunctionName is the id the command registers", () => {
    // The ribbon command module exports the id it passes to Office.actions.associate.
    const src = fs.readFileSync(path.join(ROOT, "src/commands/commands.ts"), "utf8");
    expect(src).toMatch(/SEGMENT_COMMAND_ID\s*=\s*"SegmentCustomers"/);
  });

  it("`npm run validate` (the CLI) exits 0 with a summary", () => {
    const out = spawnSync(process.execPath, [path.join(ROOT, "scripts/validate-manifest.js"), "--source"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(out.status).toBe(0);
    expect(out.stdout).toContain("manifest.xml is valid (source files).");
    expect(out.stdout).toContain('"Segment customers" (RFM.SegmentButton) → ExecuteFunction SegmentCustomers');
  });
});

describe("mutated manifests fail with a specific message", () => {
  const cases: [string, () => string, string][] = [
    [
      "duplicate control id",
      () => mutate('id="RFM.PaneButton"', 'id="RFM.SegmentButton"'),
      'duplicate id "RFM.SegmentButton"',
    ],
    [
      "duplicate resource id",
      () => mutate('<bt:String id="PaneButton.Label"', '<bt:String id="SegmentButton.Label"'),
      'duplicate resource id "SegmentButton.Label"',
    ],
    [
      "missing icon file",
      () => mutate("assets/icon-80.png", "assets/icon-81.png"),
      "https://localhost:3000/assets/icon-81.png does not resolve to a file (looked for assets/icon-81.png)",
    ],
    [
      "icon of the wrong size",
      () =>
        mutate(
          'DefaultValue="https://localhost:3000/assets/icon-80.png"',
          'DefaultValue="https://localhost:3000/assets/icon-64.png"',
        ),
      "assets/icon-64.png is 64×64 px, expected 80×80",
    ],
    [
      "broken resid",
      () => mutate('<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="Taskpane.Ur1"/>'),
      'resid "Taskpane.Ur1" (<FunctionFile> line',
    ],
    [
      "resid of the wrong kind",
      () => mutate('<Label resid="RFM.Group.Label"/>', '<Label resid="Icon.16x16"/>'),
      `resid "Icon.16x16" (<Label> line ${lineOf('<Label resid="RFM.Group.Label"/>')}) points to a bt:Image; <Label> needs a bt:ShortStrings string`,
    ],
    ["missing Runtime", () => mutate(/<Runtimes>[\s\S]*?<\/Runtimes>/, ""), "missing <Runtimes><Runtime"],
    [
      "short-lived runtime",
      () => mutate('lifetime="long"', 'lifetime="short"'),
      'must have lifetime="long" (found "short")',
    ],
    [
      "FunctionFile on another page than the runtime",
      () => mutate('<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="Functions.Script.Url"/>'),
      `<FunctionFile> (<FunctionFile> line ${lineOf("<FunctionFile")}) uses resid "Functions.Script.Url" but the shared <Runtime> is "Taskpane.Url"`,
    ],
    [
      "no SharedRuntime requirement",
      () => mutate(/<Set Name="SharedRuntime"[^>]*\/>/, ""),
      'Requirements lack <Set Name="SharedRuntime" MinVersion="1.1"/>',
    ],
    [
      "no CustomFunctionsRuntime requirement",
      () => mutate(/<Set Name="CustomFunctionsRuntime"[^>]*\/>/, ""),
      'Requirements lack <Set Name="CustomFunctionsRuntime" MinVersion="1.2"/>',
    ],
    [
      "CustomFunctionsRuntime below the 1.2 that CustomFunctions.Error needs",
      () =>
        mutate(
          '<Set Name="CustomFunctionsRuntime" MinVersion="1.2"/>',
          '<Set Name="CustomFunctionsRuntime" MinVersion="1.1"/>',
        ),
      "CustomFunctionsRuntime 1.1 is too low: the functions use CustomFunctions.Error (1.2)",
    ],
    [
      "an AppDomain equal to the add-in's own origin",
      () =>
        mutate(
          '  <Hosts>\n    <Host Name="Workbook"/>',
          '  <AppDomains>\n    <AppDomain>https://localhost:3000</AppDomain>\n  </AppDomains>\n  <Hosts>\n    <Host Name="Workbook"/>',
        ),
      "https://localhost:3000 is the add-in's own origin, which needs no AppDomain (it has no effect)",
    ],
    [
      "a placeholder support address",
      () =>
        mutate(
          '<SupportUrl DefaultValue="https://localhost:3000/assets/help.html"/>',
          '<SupportUrl DefaultValue="https://www.contoso.com/help"/>',
        ),
      "https://www.contoso.com/help is a placeholder address (www.contoso.com)",
    ],
    [
      "custom functions without metadata",
      () => mutate(/<Metadata>[\s\S]*?<\/Metadata>/, ""),
      "custom functions need <Metadata><SourceLocation resid=...> (functions.json)",
    ],
    [
      "invalid custom functions namespace",
      () =>
        mutate(
          '<bt:String id="Functions.Namespace" DefaultValue="RFM"/>',
          '<bt:String id="Functions.Namespace" DefaultValue="R-FM"/>',
        ),
      'custom functions namespace "R-FM" must start with a letter',
    ],
    [
      "ExecuteFunction name the code does not register",
      () => mutate("<FunctionName>SegmentCustomers</FunctionName>", "<FunctionName>SegmentCustomerz</FunctionName>"),
      'ExecuteFunction "SegmentCustomerz" is not registered',
    ],
    [
      "not well-formed XML",
      () =>
        mutate(
          '</Supertip>\n                  <Icon>\n                    <bt:Image size="16" resid="Icon.16x16"/>\n                    <bt:Image size="32" resid="Icon.32x32"/>\n                    <bt:Image size="80" resid="Icon.80x80"/>\n                  </Icon>\n                  <Action xsi:type="ShowTaskpane">',
          '<Action xsi:type="ShowTaskpane">',
        ),
      "not well-formed XML: line",
    ],
    [
      "Id that is not a GUID",
      () => mutate("<Id>b8433d5e-59c6-48f8-bedf-1f23ad578a34</Id>", "<Id>rfm-addin</Id>"),
      "<Id> must be a GUID",
    ],
    [
      "missing ProviderName",
      () => mutate(/<ProviderName>.*<\/ProviderName>/, ""),
      "missing required element <ProviderName>",
    ],
    [
      "http instead of https",
      () =>
        mutate(
          '<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>',
          '<SourceLocation DefaultValue="http://localhost:3000/taskpane.html"/>',
        ),
      'URL must use https, found "http://localhost:3000/taskpane.html"',
    ],
    [
      "ribbon icon without the 80 px image",
      () =>
        mutate(
          /(<Group id="RFM.Group">\s*<Label[^>]*>\s*<Icon>[\s\S]*?)<bt:Image size="80" resid="Icon.80x80"\/>/,
          "$1",
        ),
      "lacks bt:Image size 80 (ribbon icons need 16, 32 and 80)",
    ],
    [
      "elements out of schema order",
      () =>
        mutate(
          /<Version>1.0.0.0<\/Version>\n {2}<ProviderName>RFM Segmentation<\/ProviderName>/,
          "<ProviderName>RFM Segmentation</ProviderName>\n  <Version>1.0.0.0</Version>",
        ),
      `<Version> line ${lineOf("<ProviderName>")} is out of order: the schema wants it before <ProviderName>`,
    ],
  ];

  it.each(cases)("%s", (_name, make, message) => {
    const r = check(make());
    expect(r.ok).toBe(false);
    expect(r.problems.join("\n")).toContain(message);
    expect(r.summary).toContain("problem");
  });

  it("an unused resource is a warning, not a failure", () => {
    const xml = mutate(
      '<bt:String id="PaneButton.Label" DefaultValue="RFM pane"/>',
      '<bt:String id="PaneButton.Label" DefaultValue="RFM pane"/>\n        <bt:String id="Spare.Label" DefaultValue="Spare"/>',
    );
    const r = check(xml);
    expect(r.ok).toBe(true);
    expect(r.warnings.join("\n")).toContain('resource "Spare.Label"');
  });

  it("the CLI exits 1 and lists the problems", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "manifest-"));
    const file = path.join(dir, "manifest.xml");
    fs.writeFileSync(file, mutate('lifetime="long"', 'lifetime="short"'));
    const out = spawnSync(process.execPath, [path.join(ROOT, "scripts/validate-manifest.js"), file, "--source"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/has 1 problem:\n {2}- <Runtime> line \d+ must have lifetime="long"/);
  });
});

describe("against a build output folder", () => {
  let dist: string;
  beforeEach(() => {
    // The files webpack emits for this manifest (see webpack.config.js).
    dist = fs.mkdtempSync(path.join(os.tmpdir(), "dist-"));
    fs.mkdirSync(path.join(dist, "assets"));
    for (const f of fs.readdirSync(path.join(ROOT, "assets"))) {
      fs.copyFileSync(path.join(ROOT, "assets", f), path.join(dist, "assets", f));
    }
    fs.writeFileSync(path.join(dist, "taskpane.html"), "<!doctype html><div id=container></div>");
    fs.writeFileSync(path.join(dist, "functions.js"), "/* functions */");
    fs.writeFileSync(
      path.join(dist, "commands.js"),
      'Office.actions.associate("SegmentCustomers",function(e){e.completed()});',
    );
    fs.writeFileSync(
      path.join(dist, "functions.json"),
      JSON.stringify({ functions: [{ id: "SEGMENT", name: "SEGMENT" }] }),
    );
  });
  afterEach(() => fs.rmSync(dist, { recursive: true, force: true }));

  it("passes when every file is there", () => {
    const r = validateManifest({ rootDir: ROOT, xml: MANIFEST, distDir: dist });
    expect(r.problems).toEqual([]);
    expect(r.info.metadataUrl).toBe("https://localhost:3000/functions.json (1 functions)");
  });

  it("fails when the build lacks functions.json", () => {
    fs.rmSync(path.join(dist, "functions.json"));
    const r = validateManifest({ rootDir: ROOT, xml: MANIFEST, distDir: dist });
    expect(r.problems).toEqual([
      expect.stringContaining("https://localhost:3000/functions.json does not resolve to a file"),
    ]);
  });

  it("fails when functions.json is not valid JSON or lists no functions", () => {
    fs.writeFileSync(path.join(dist, "functions.json"), "{ functions: ");
    expect(validateManifest({ rootDir: ROOT, xml: MANIFEST, distDir: dist }).problems.join("\n")).toContain(
      "is not valid JSON",
    );
    fs.writeFileSync(path.join(dist, "functions.json"), '{"functions": []}');
    expect(validateManifest({ rootDir: ROOT, xml: MANIFEST, distDir: dist }).problems.join("\n")).toContain(
      "lists no functions",
    );
  });

  it("fails when the built code does not register the ribbon action", () => {
    fs.writeFileSync(path.join(dist, "commands.js"), "/* nothing */");
    const r = validateManifest({ rootDir: ROOT, xml: MANIFEST, distDir: dist });
    expect(r.problems).toEqual([expect.stringContaining('ExecuteFunction "SegmentCustomers" is not registered')]);
  });

  it("checks the production manifest with its own base URL", () => {
    const prod = MANIFEST.replace(/https:\/\/localhost:3000\//g, "https://addins.example.com/rfm/");
    // The base is taken from the DefaultSettings page, so the production manifest needs no --base.
    const r = validateManifest({ rootDir: ROOT, xml: prod, distDir: dist });
    expect(r.info.baseUrl).toBe("https://addins.example.com/rfm/");
    expect(r.problems).toEqual([]);
    expect(r.info.urlsResolved).toBe(10);
  });

  it("refuses a production manifest that still points one URL at localhost", () => {
    const prod = MANIFEST.replace(/https:\/\/localhost:3000\//g, "https://addins.example.com/rfm/").replace(
      'id="Icon.80x80" DefaultValue="https://addins.example.com/rfm/',
      'id="Icon.80x80" DefaultValue="https://localhost:3000/',
    );
    const r = validateManifest({ rootDir: ROOT, xml: prod, distDir: dist });
    expect(r.problems).toContain(
      `<bt:Image> line ${lineOf('<bt:Image id="Icon.80x80"')}: https://localhost:3000/assets/icon-80.png points at this computer in a manifest served from https://addins.example.com/rfm/`,
    );
  });
});
