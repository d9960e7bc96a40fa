/**
 * The demo's static server (scripts/serve.js): the routes the demo page and the end-to-end test rely on, a plain 200
 * for every file (no cache validators, no ranges), and nothing outside the served folders.
 */
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import { dataFiles, startServer, type Server } from "../../scripts/serve";

const ROOT = path.resolve(__dirname, "..", "..");

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request with a raw path (not normalized the way `fetch` would). */
function get(base: string, rawPath: string, method = "GET", headers: Record<string, string> = {}): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("scripts/serve.js", () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ root: "assets", mounts: [{ prefix: "/fixtures/", dir: "test/fixtures/cli" }] });
  });
  afterAll(() => server.close());

  it("serves the root folder and a mounted folder, each file whole and uncached", async () => {
    const icon = await get(server.url, "/icon-80.png", "GET", { Range: "bytes=0-3" });
    expect(icon.status).toBe(200);
    expect(icon.headers["content-type"]).toBe("image/png");
    expect(icon.headers["cache-control"]).toBe("no-store");
    expect([icon.headers.etag, icon.headers["last-modified"]]).toEqual([undefined, undefined]);
    expect(icon.body.equals(fs.readFileSync(path.join(ROOT, "assets/icon-80.png")))).toBe(true);

    const name = fs.readdirSync(path.join(ROOT, "test/fixtures/cli")).find((f) => f.endsWith(".csv"))!;
    const fixture = await get(server.url, `/fixtures/${name}`);
    expect(fixture.status).toBe(200);
    expect(fixture.headers["content-type"]).toMatch(/^text\/csv/);
    expect(fixture.body.toString()).toBe(fs.readFileSync(path.join(ROOT, "test/fixtures/cli", name), "utf8"));
  });

  it("sends the embedded data as the gzip file itself", async () => {
    const file = dataFiles()["/data/online_retail.csv.gz"];
    const data = await get(server.url, "/data/online_retail.csv.gz");
    expect(data.status).toBe(200);
    expect(data.headers["content-type"]).toBe("application/gzip");
    expect(data.headers["content-encoding"]).toBeUndefined();
    expect(data.body.equals(fs.readFileSync(file))).toBe(true);
  });

  it("answers 404 outside the served folders, 405 to other methods, and records each request", async () => {
    expect((await get(server.url, "/missing.html")).status).toBe(404);
    expect((await get(server.url, "/fixtures/missing.csv")).status).toBe(404);
    expect((await get(server.url, "/%2e%2e/package.json")).status).toBe(404);
    expect((await get(server.url, "/fixtures/..%2f..%2f..%2fpackage.json")).status).toBe(404);
    const post = await get(server.url, "/icon-80.png", "POST");
    expect([post.status, post.headers.allow]).toEqual([405, "GET, HEAD"]);
    expect(server.requests.slice(-5).map((r) => r.status)).toEqual([404, 404, 404, 404, 405]);
  });
});
