/**
 * ADDIN_URL, the address a production build is deployed to (scripts/addin-url.js, used by webpack.config.js).
 */
import { productionManifest, resolveAddinUrl } from "../../scripts/addin-url";
import * as fs from "fs";
import * as path from "path";

describe("resolveAddinUrl", () => {
  it.each([
    ["https://addins.example.com/rfm/", "https://addins.example.com/rfm/"],
    ["https://addins.example.com/rfm", "https://addins.example.com/rfm/"],
    ["  https://cdn.example.org  ", "https://cdn.example.org/"],
    ["https://example.org:8443/a/b/", "https://example.org:8443/a/b/"],
  ])("accepts %j as %j", (value, expected) => {
    expect(resolveAddinUrl(value)).toBe(expected);
  });

  it.each([
    [undefined, "A production build needs ADDIN_URL"],
    ["", "A production build needs ADDIN_URL"],
    ["addins.example.com/rfm", "is not an absolute URL"],
    ["http://addins.example.com/rfm/", "must start with https://"],
    ["https://localhost:3000/", "names this computer (localhost)"],
    ["https://127.0.0.1/rfm/", "names this computer"],
    ["https://www.contoso.com/", "names a placeholder domain"],
    ["https://addins.example.com/rfm/?v=2", "without ?query"],
  ])("refuses %j with a message saying what to set", (value, message) => {
    expect(() => resolveAddinUrl(value)).toThrow(message);
    if (value === undefined || value === "") expect(() => resolveAddinUrl(value)).toThrow("ADDIN_URL=https://");
  });
});

describe("productionManifest", () => {
  it("moves every dev-server URL of the real manifest to the deployed address", () => {
    const xml = fs.readFileSync(path.join(__dirname, "..", "..", "manifest.xml"), "utf8");
    const prod = productionManifest(xml, "https://addins.example.com/rfm/");
    expect(prod).not.toContain("localhost");
    const urls = [...prod.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThanOrEqual(10);
    for (const u of urls) expect(u.startsWith("https://addins.example.com/rfm/")).toBe(true);
  });
});
