#!/usr/bin/env node
/**
 * A small static file server bound to 127.0.0.1, for the offline demo (`npm run demo`) and the browser end-to-end
 * test: serves a build folder (default dist-demo/) plus the transactions data the demo page fetches:
 *
 *   /data/online_retail.csv.gz   the repository's embedded copy (data/online_retail.csv.gz), sent as the gzip file
 *                                itself (no Content-Encoding: the page decompresses it with DecompressionStream)
 *   /data/online_retail.csv      ../shared/data/online_retail.csv beside the repository, when that folder exists
 *
 * Files are served by serve-static (which keeps every path inside its folder); this module only routes URLs to the
 * folders and files above. Nothing else on disk is reachable. Only GET and HEAD.
 *
 * Use from code:  const server = await startServer({ root: "dist-demo", port: 0 }); server.url; await server.close();
 * From a shell:   node scripts/serve.js [folder] [--port 8080]
 */
const fs = require("fs");
const http = require("http");
const path = require("path");
const serveStatic = require("serve-static");

const REPO_ROOT = path.resolve(__dirname, "..");
const HOST = "127.0.0.1";

/**
 * Every response is a full 200 that no cache keeps: a rebuilt demo is never shown stale, and the end-to-end test can
 * require that every request got a 200 (no 304 from validators, no 206 from ranges, no redirect to a slash).
 */
const STATIC = {
  index: false,
  redirect: false,
  etag: false,
  lastModified: false,
  acceptRanges: false,
  cacheControl: false,
  setHeaders: (res) => res.setHeader("Cache-Control", "no-store"),
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

/** A handler that serves `dir` for URLs below `prefix` (the prefix taken off), and calls next() for the rest. */
function mount(prefix, dir) {
  const serve = serveStatic(path.resolve(REPO_ROOT, dir), STATIC);
  return (req, res, next) => {
    const asked = req.url;
    if (!asked.startsWith(prefix)) return next();
    req.url = "/" + asked.slice(prefix.length);
    serve(req, res, () => {
      req.url = asked;
      next();
    });
  };
}

/** A handler that serves exactly one file at one URL path. */
function single(urlPath, file) {
  const serve = serveStatic(path.dirname(file), STATIC);
  return (req, res, next) => {
    const asked = req.url;
    if (decodeURIComponent(asked.split("?")[0]) !== urlPath) return next();
    req.url = "/" + encodeURIComponent(path.basename(file));
    serve(req, res, () => {
      req.url = asked;
      next();
    });
  };
}

/**
 * Starts the server. Options: root (folder served at /), port (0 = any free port), mounts ([{ prefix: "/x/", dir }]),
 * files ({ "/url/path": "/file" }, added to the data files). Resolves with { url, port, requests, close() };
 * `requests` lists every answered request as { method, path, status }.
 */
function startServer(options = {}) {
  const files = { ...dataFiles(), ...(options.files || {}) };
  const handlers = [
    ...Object.entries(files).map(([urlPath, file]) => single(urlPath, file)),
    ...(options.mounts || []).map((m) => mount(m.prefix, m.dir)),
    mount("/", options.root || "dist-demo"),
  ];
  const requests = [];

  const server = http.createServer((req, res) => {
    const asked = req.url;
    res.on("finish", () => requests.push({ method: req.method, path: asked, status: res.statusCode }));
    if (req.method !== "GET" && req.method !== "HEAD") return res.writeHead(405, { Allow: "GET, HEAD" }).end();
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      return res.writeHead(400).end();
    }
    if (urlPath === "/") req.url = "/demo.html";
    const notFound = () =>
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end(`Not found: ${urlPath}\n`);
    const next = (i) => (i < handlers.length ? handlers[i](req, res, () => next(i + 1)) : notFound());
    next(0);
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
