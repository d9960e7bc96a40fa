#!/usr/bin/env node
/**
 * A small static file server bound to 127.0.0.1, for the offline demo (`npm run demo`) and the browser end-to-end
 * test: serves a build folder (default dist-demo/) plus the transactions data the demo page fetches:
 *
 *   /data/online_retail.csv.gz   the repository's embedded copy (data/online_retail.csv.gz), sent as the gzip file
 *                                itself (no Content-Encoding: the page decompresses it with DecompressionStream)
 *   /data/online_retail.csv      ../shared/data/online_retail.csv beside the repository, when that folder exists
 *
 * Nothing else on disk is reachable: paths are resolved inside the mounted folders only. Only GET and HEAD.
 *
 * Use from code:  const server = await startServer({ root: "dist-demo", port: 0 }); server.url; await server.close();
 * From a shell:   node scripts/serve.js [folder] [--port 8080]
 */
const fs = require("fs");
const http = require("http");
const path = require("path");

const REPO_ROOT = path.resolve(__dirname, "..");
const HOST = "127.0.0.1";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".csv": "text/csv; charset=utf-8",
  ".gz": "application/gzip",
  ".txt": "text/plain; charset=utf-8",
};

/** The data files the demo page may fetch: URL path → file on disk (only those that exist). */
function dataFiles() {
  const files = {};
  const embedded = path.join(REPO_ROOT, "data", "online_retail.csv.gz");
  if (fs.existsSync(embedded)) files["/data/online_retail.csv.gz"] = embedded;
  const shared = path.resolve(REPO_ROOT, "..", "shared", "data", "online_retail.csv");
  if (fs.existsSync(shared)) files["/data/online_retail.csv"] = shared;
  return files;
}

/** The file for a URL path inside dir, or null when the path escapes it. */
function inside(dir, urlPath) {
  const file = path.resolve(dir, "." + urlPath);
  return file === dir || file.startsWith(dir + path.sep) ? file : null;
}

/**
 * Starts the server. Options: root (folder served at /), port (0 = any free port), mounts ([{ prefix: "/x/", dir }]),
 * files ({ "/url/path": "/file" }, added to the data files). Resolves with { url, port, requests, close() };
 * `requests` lists every request as { method, path, status }.
 */
function startServer(options = {}) {
  const root = path.resolve(REPO_ROOT, options.root || "dist-demo");
  const mounts = (options.mounts || []).map((m) => ({ prefix: m.prefix, dir: path.resolve(REPO_ROOT, m.dir) }));
  const files = { ...dataFiles(), ...(options.files || {}) };
  const requests = [];

  const server = http.createServer((req, res) => {
    const record = (status) => requests.push({ method: req.method, path: req.url, status });
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return record(405);
    }
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return record(400);
    }
    if (urlPath === "/") urlPath = "/demo.html";
    let file = files[urlPath] || null;
    if (!file) {
      const mount = mounts.find((m) => urlPath.startsWith(m.prefix));
      file = mount ? inside(mount.dir, "/" + urlPath.slice(mount.prefix.length)) : inside(root, urlPath);
    }
    fs.stat(file || "", (err, st) => {
      if (err || !st.isFile()) {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end(`Not found: ${urlPath}\n`);
        return record(404);
      }
      res.writeHead(200, {
        "Content-Type": TYPES[path.extname(file).toLowerCase()] || "application/octet-stream",
        "Content-Length": st.size,
        "Cache-Control": "no-store",
      });
      record(200);
      if (req.method === "HEAD") return res.end();
      fs.createReadStream(file).pipe(res);
    });
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port || 0, HOST, () => {
      const { port } = server.address();
      resolve({
        url: `http://${HOST}:${port}/`,
        port,
        requests,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

module.exports = { startServer, dataFiles, HOST };

if (require.main === module) {
  const args = process.argv.slice(2);
  const portAt = args.indexOf("--port");
  const port = portAt >= 0 ? Number(args[portAt + 1]) : 8080;
  const root = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--port") || "dist-demo";
  startServer({ root, port }).then(
    (s) => console.log(`Serving ${root} at ${s.url}`),
    (e) => {
      console.error(`serve: ${e.message}`);
      process.exit(1);
    },
  );
}
