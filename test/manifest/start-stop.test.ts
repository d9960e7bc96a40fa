/**
 * `npm start` / `npm stop`: office-addin-debugging where Excel desktop exists, sideloading instructions (exit 0,
 * no stack trace) elsewhere.
 */
import { spawnSync } from "child_process";
import * as path from "path";
import { MANIFEST, planFor, run } from "../../scripts/addin-debugging";

const ROOT = path.resolve(__dirname, "..", "..");

describe("what npm start / npm stop do", () => {
  it("hand over to office-addin-debugging for Excel desktop on Windows and macOS", () => {
    expect(planFor("start", "win32", [])).toEqual({ kind: "run", args: ["start", MANIFEST, "desktop"] });
    expect(planFor("start", "darwin", ["--no-debug"])).toEqual({
      kind: "run",
      args: ["start", MANIFEST, "desktop", "--no-debug"],
    });
    expect(planFor("stop", "win32", [])).toEqual({ kind: "run", args: ["stop", MANIFEST, "desktop"] });
    expect(MANIFEST).toBe(path.join(ROOT, "manifest.xml"));
  });

  it("print instructions on Linux, unless a web workbook is named", () => {
    expect(planFor("start", "linux", [])).toEqual({ kind: "instructions" });
    expect(planFor("stop", "linux", [])).toEqual({ kind: "instructions" });
    expect(planFor("start", "linux", ["desktop"])).toEqual({ kind: "instructions" });
    // Without a document there is nothing office-addin-debugging can open on the web.
    expect(planFor("start", "linux", ["web"])).toEqual({ kind: "instructions" });
    expect(planFor("start", "linux", ["web", "--document", "https://contoso.sharepoint.com/x.xlsx"])).toEqual({
      kind: "run",
      args: ["start", MANIFEST, "web", "--document", "https://contoso.sharepoint.com/x.xlsx"],
    });
    expect(planFor("stop", "linux", ["web"])).toEqual({ kind: "run", args: ["stop", MANIFEST, "web"] });
  });

  it("the instructions explain sideloading into Excel on the web and exit 0", () => {
    const lines: string[] = [];
    const log = { log: (s: string) => lines.push(s), error: (s: string) => lines.push(`ERR ${s}`) };
    expect(run("start", [], "linux", log)).toBe(0);
    const text = lines.join("\n");
    expect(text).toContain("npm run dev-server");
    expect(text).toContain("Insert > Add-ins > Upload My Add-in");
    expect(text).toContain("manifest.xml");
    expect(text).not.toContain("ERR");
  });

  if (process.platform === "linux") {
    it.each(["start", "stop"])("node scripts/%s.js on this Linux machine prints help, no stack trace", (cmd) => {
      const out = spawnSync(process.execPath, [path.join(ROOT, "scripts", `${cmd}.js`)], {
        cwd: ROOT,
        encoding: "utf8",
      });
      expect(out.status).toBe(0);
      expect(out.stderr).toBe("");
      expect(out.stdout).toContain(cmd === "start" ? "Upload My Add-in" : "npm run dev-server");
      expect(out.stdout).not.toMatch(/\n\s+at /);
    });
  }
});
