/**
 * Offline structural check of the add-in only (XML) manifest. Microsoft's validator is a web service and there is
 * no XSD in any npm package, so this checks what breaks sideloading in practice:
 *  - well-formed XML (scripts/manifest/xml.js) with the right root (OfficeApp, TaskPaneApp, appforoffice/1.1 namespace)
 *    and the required top-level elements in schema order, with valid Id (GUID), Version, locale, lengths;
 *  - resources: ids unique and ≤ 32 characters, strings within Office's length limits, URLs https;
 *  - every `resid` is defined, and of the kind its element needs (an image for bt:Image, a URL for SourceLocation,
 *    a short string for a Label ...); unused resources are warnings;
 *  - control/group/tab ids unique; ExecuteFunction names non-empty and registered in the code; ShowTaskpane ids set;
 *    each ribbon Icon has 16/32/80 px images;
 *  - shared runtime: a Runtime with lifetime="long" whose resid is the FunctionFile's, the custom functions Page's
 *    and the task pane's; SharedRuntime (and CustomFunctionsRuntime) in Requirements;
 *  - custom functions: Script, Page, Metadata and Namespace present, namespace a valid name;
 *  - every URL under the dev base (https://localhost:3000/) resolves to a file: in the build output when a dist
 *    folder is given, else to the source webpack emits it from; icons are PNGs of the declared size.
 *
 * Cost: linear in the manifest size plus one read per referenced file (and one scan of the code for action names).
 *
 * Example:
 *   const { validateManifest } = require("./manifest-check");
 *   const r = validateManifest({ rootDir: ".", distDir: null });
 *   r.ok → true; r.problems → []; r.info.functionNames → ["SegmentCustomers"]
 */
const fs = require("fs");
const path = require("path");
const { parseXml, descendants, child, childrenNamed } = require("./xml");

const NS_APP = "http://schemas.microsoft.com/office/appforoffice/1.1";
const NS_VO = "http://schemas.microsoft.com/office/taskpaneappversionoverrides";
const NS_BT = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
const NS_XSI = "http://www.w3.org/2001/XMLSchema-instance";

const DEFAULT_BASE_URL = "https://localhost:3000/";

/** OfficeApp children of a TaskPaneApp in the order the 1.1 schema's sequence requires; `true` = required. */
const TOP_LEVEL = [
  ["Id", true],
  ["AlternateId", false],
  ["Version", true],
  ["ProviderName", true],
  ["DefaultLocale", true],
  ["DisplayName", true],
  ["Description", true],
  ["IconUrl", false],
  ["HighResolutionIconUrl", false],
  ["SupportUrl", false],
  ["AppDomains", false],
  ["Hosts", false],
  ["Requirements", false],
  ["DefaultSettings", true],
  ["Permissions", false],
  ["Dictionary", false],
  ["VersionOverrides", false],
];

const PERMISSIONS = ["Restricted", "ReadDocument", "ReadAllDocuments", "WriteDocument", "ReadWriteDocument"];

/**
 * Where webpack emits each served file from, for checking before a build (see webpack.config.js: three entries,
 * HtmlWebpackPlugin for taskpane.html, CustomFunctionsMetadataPlugin for functions.json, CopyWebpackPlugin for
 * assets/* and manifest*.xml). Keep in step with webpack.config.js.
 */
const EMITTED_FROM = {
  "taskpane.html": "src/taskpane/taskpane.html",
  "taskpane.js": "src/taskpane/index.tsx",
  "commands.js": "src/commands/commands.ts",
  "functions.js": "src/functions/functions.ts",
  "functions.json": "src/functions/functions.ts",
};

/** Which resource collection an element's `resid` must point into. */
function expectedKind(el, parent) {
  switch (el.local) {
    case "Image":
      return "Images";
    case "SourceLocation":
    case "FunctionFile":
    case "Runtime":
    case "LearnMoreUrl":
      return "Urls";
    case "Label":
    case "Title":
    case "Namespace":
      return "ShortStrings";
    case "Description":
      // Supertip and GetStarted descriptions are long strings.
      return parent && (parent.local === "Supertip" || parent.local === "GetStarted") ? "LongStrings" : null;
    default:
      return null;
  }
}

const KIND_LABEL = {
  Images: "a bt:Image",
  Urls: "a bt:Url",
  ShortStrings: "a bt:ShortStrings string",
  LongStrings: "a bt:LongStrings string",
};

/** Width and height of a PNG file from its IHDR chunk, or null if the bytes are not a PNG. */
function pngSize(file) {
  const fd = fs.openSync(file, "r");
  try {
    const head = Buffer.alloc(24);
    const n = fs.readSync(fd, head, 0, 24, 0);
    const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    if (n < 24 || !head.subarray(0, 8).equals(signature) || head.toString("ascii", 12, 16) !== "IHDR") return null;
    return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
  } finally {
    fs.closeSync(fd);
  }
}

function listFiles(dir, extensions) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) stack.push(p);
      else if (extensions.some((e) => entry.name.endsWith(e))) out.push(p);
    }
  }
  return out;
}

/** Whether dotted version a is lower than b ("1.1" < "1.2" < "1.10"). */
function versionBelow(a, b) {
  const pa = String(a).split(".").map(Number);
  const pb = String(b).split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d !== 0) return d < 0;
  }
  return false;
}

/** The origin (scheme://host:port) of a URL, or null when it is not one. */
function originOf(url) {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Hosts that only work on the developer's machine, and the placeholder host of Microsoft's templates. */
const LOCAL_HOST = /^(localhost|127\.[\d.]+|\[::1\])$/i;
const PLACEHOLDER_HOST = /(^|\.)contoso\.com$/i;

/**
 * Every URL in the manifest (DefaultValue attributes, AppDomain texts) must be reachable by the people it is
 * deployed to: no placeholder host, and no localhost unless the manifest is the dev server's own.
 */
function checkHosts(doc, baseUrl, problems, at) {
  const devManifest = LOCAL_HOST.test(safeHost(baseUrl));
  for (const el of descendants(doc)) {
    const values = [el.attrs && el.attrs.DefaultValue, el.local === "AppDomain" ? el.text.trim() : undefined];
    for (const v of values) {
      if (!v || !/^https?:\/\//i.test(v)) continue;
      const host = safeHost(v);
      if (PLACEHOLDER_HOST.test(host)) problems.push(`${at(el)}: ${v} is a placeholder address (${host})`);
      else if (!devManifest && LOCAL_HOST.test(host))
        problems.push(`${at(el)}: ${v} points at this computer in a manifest served from ${baseUrl}`);
    }
  }
}

function safeHost(url) {
  try {
    return new URL(url).host.replace(/:\d+$/, "");
  } catch {
    return "";
  }
}

/**
 * @param {object} options
 * @param {string} [options.rootDir] repository root (default: the parent of scripts/)
 * @param {string} [options.manifestPath] manifest file (default: rootDir/manifest.xml)
 * @param {string} [options.xml] manifest text (instead of reading manifestPath)
 * @param {string|null} [options.distDir] build output to resolve URLs in; undefined = rootDir/dist when it exists;
 *   null = resolve to the source files webpack emits from
 * @param {string} [options.baseUrl] URL prefix that maps to the served folder (default: the folder of the
 *   DefaultSettings page, e.g. https://localhost:3000/ in the source manifest and the production address in the
 *   manifest a production build writes to dist/)
 * @param {boolean} [options.checkActions] look for each ExecuteFunction name in the code (default true)
 * @returns {{ ok: boolean, problems: string[], warnings: string[], info: object, summary: string }}
 */
function validateManifest(options = {}) {
  const rootDir = path.resolve(options.rootDir || path.join(__dirname, "..", ".."));
  const manifestPath = options.manifestPath || path.join(rootDir, "manifest.xml");
  let baseUrl = options.baseUrl;
  let distDir = options.distDir;
  if (distDir === undefined) {
    const candidate = path.join(rootDir, "dist");
    distDir = fs.existsSync(candidate) && fs.statSync(candidate).isDirectory() ? candidate : null;
  } else if (distDir !== null) {
    distDir = path.resolve(rootDir, distDir);
  }
  const checkActions = options.checkActions !== false;
  const label = options.xml !== undefined ? "manifest" : path.relative(process.cwd(), manifestPath) || manifestPath;

  const problems = [];
  const warnings = [];
  const info = {
    mode: distDir ? `build output ${path.relative(rootDir, distDir) || distDir}` : "source files",
    functionNames: [],
    taskpaneIds: [],
    controls: [],
    urlsResolved: 0,
  };
  const result = () => {
    const ok = problems.length === 0;
    const summary = ok
      ? [
          `${label} is valid (${info.mode}).`,
          `  Id ${info.id}, version ${info.version}, "${info.displayName}"`,
          `  Requirements: ${info.requirements || "none"}`,
          `  Shared runtime: ${info.runtime}`,
          `  Custom functions: namespace ${info.namespace}, metadata ${info.metadataUrl}`,
          `  Ribbon: ${info.controls.join("; ")}`,
          `  ${info.urlsResolved} URLs resolved to files`,
        ].join("\n")
      : `${label} has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
        problems.map((p) => `  - ${p}`).join("\n");
    return { ok, problems, warnings, info, summary };
  };

  let text;
  try {
    text = options.xml !== undefined ? options.xml : fs.readFileSync(manifestPath, "utf8");
  } catch (e) {
    problems.push(`cannot read ${manifestPath}: ${e.message}`);
    return result();
  }
  let root;
  try {
    root = parseXml(text);
  } catch (e) {
    problems.push(`not well-formed XML: ${e.message}`);
    return result();
  }

  const at = (el) => `<${el.name}> line ${el.line}`;
  const xsiType = (el) => {
    for (const [name, value] of Object.entries(el.attrs)) {
      const colon = name.indexOf(":");
      if (colon > 0 && name.slice(colon + 1) === "type" && el.scope[name.slice(0, colon)] === NS_XSI) return value;
    }
    return undefined;
  };

  // --- Root and top-level elements --------------------------------------------------------------------------------
  if (root.local !== "OfficeApp" || root.ns !== NS_APP) {
    problems.push(
      `root element must be <OfficeApp xmlns="${NS_APP}">, found <${root.name}> in ${root.ns || "no namespace"}`,
    );
    return result();
  }
  if (xsiType(root) !== "TaskPaneApp")
    problems.push(`<OfficeApp> must have xsi:type="TaskPaneApp" (found ${xsiType(root) || "none"})`);

  const order = TOP_LEVEL.map(([name]) => name);
  let lastIndex = -1;
  const seen = new Map();
  for (const el of root.children) {
    const index = order.indexOf(el.local);
    if (index < 0) continue; // elements this check does not know (they are not used here) are left to Office
    // VersionOverrides declares its own namespace (checked below); everything else is in the OfficeApp namespace.
    if (el.local !== "VersionOverrides" && el.ns !== NS_APP) {
      problems.push(`${at(el)} must be in the OfficeApp namespace ${NS_APP}`);
      continue;
    }
    if (seen.has(el.local))
      problems.push(`<${el.local}> appears twice (lines ${seen.get(el.local).line} and ${el.line})`);
    else seen.set(el.local, el);
    if (index < lastIndex) problems.push(`${at(el)} is out of order: the schema wants it before <${order[lastIndex]}>`);
    lastIndex = Math.max(lastIndex, index);
  }
  for (const [name, required] of TOP_LEVEL) {
    if (required && !seen.has(name)) problems.push(`missing required element <${name}> in <OfficeApp>`);
  }
  const top = (name) => seen.get(name);
  const defaultValue = (el) => (el ? el.attrs.DefaultValue : undefined);

  info.id = top("Id") ? top("Id").text.trim() : undefined;
  if (
    info.id !== undefined &&
    !/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(info.id)
  ) {
    problems.push(`<Id> must be a GUID like 8f1a2b3c-..., found "${info.id}"`);
  }
  info.version = top("Version") ? top("Version").text.trim() : undefined;
  if (info.version !== undefined && !/^\d{1,5}(\.\d{1,5}){0,3}$/.test(info.version)) {
    problems.push(`<Version> must be 1 to 4 numbers separated by dots (e.g. 1.0.0.0), found "${info.version}"`);
  }
  if (top("ProviderName") && !top("ProviderName").text.trim()) problems.push("<ProviderName> is empty");
  if (top("DefaultLocale") && !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(top("DefaultLocale").text.trim())) {
    problems.push(`<DefaultLocale> must be a culture name like en-US, found "${top("DefaultLocale").text.trim()}"`);
  }
  for (const [name, max] of [
    ["DisplayName", 125],
    ["Description", 250],
  ]) {
    const el = top(name);
    if (!el) continue;
    const value = defaultValue(el);
    if (!value) problems.push(`${at(el)} needs a non-empty DefaultValue`);
    else if (value.length > max)
      problems.push(`${at(el)} DefaultValue is ${value.length} characters; the limit is ${max}`);
  }
  info.displayName = defaultValue(top("DisplayName"));
  if (top("Permissions") && !PERMISSIONS.includes(top("Permissions").text.trim())) {
    problems.push(`<Permissions> must be one of ${PERMISSIONS.join(", ")}, found "${top("Permissions").text.trim()}"`);
  }
  const hostNames = childrenNamed(top("Hosts"), "Host").map((h) => h.attrs.Name);
  if (!hostNames.includes("Workbook")) problems.push('<Hosts> must contain <Host Name="Workbook"/> (Excel)');

  // --- Requirements -------------------------------------------------------------------------------------------------
  const sets = new Map();
  for (const set of childrenNamed(child(top("Requirements"), "Sets"), "Set")) {
    sets.set(
      set.attrs.Name,
      set.attrs.MinVersion || child(top("Requirements"), "Sets").attrs.DefaultMinVersion || "1.1",
    );
  }
  info.requirements = [...sets].map(([n, v]) => `${n} ${v}`).join(", ");
  if (!sets.has("ExcelApi")) warnings.push("Requirements do not declare an ExcelApi minimum version");

  // --- URL resolution -----------------------------------------------------------------------------------------------
  const defaultSource = child(top("DefaultSettings"), "SourceLocation");
  if (!baseUrl) {
    try {
      baseUrl = new URL(".", defaultValue(defaultSource)).href;
    } catch {
      baseUrl = DEFAULT_BASE_URL;
    }
  }
  info.baseUrl = baseUrl;
  /** Resolves a served URL to a file; records a problem and returns null when it cannot. */
  const resolveUrl = (url, where) => {
    if (!/^https:\/\//i.test(url || "")) {
      problems.push(`${where}: URL must use https, found "${url || ""}"`);
      return null;
    }
    if (!url.startsWith(baseUrl)) return null; // an external page (help, learn more): not ours to resolve
    const rel = decodeURIComponent(url.slice(baseUrl.length).replace(/[?#].*$/, ""));
    if (!rel || rel.endsWith("/")) {
      problems.push(`${where}: ${url} names a folder, not a file`);
      return null;
    }
    if (rel.split("/").includes("..")) {
      problems.push(`${where}: ${url} leaves the served folder`);
      return null;
    }
    let file;
    if (distDir) {
      file = path.join(distDir, rel);
    } else if (EMITTED_FROM[rel]) {
      file = path.join(rootDir, EMITTED_FROM[rel]);
    } else if (rel.startsWith("assets/") || /^manifest[^/]*\.xml$/.test(rel)) {
      file = path.join(rootDir, rel);
    } else {
      problems.push(
        `${where}: ${url} is not a file the build emits (expected assets/*, ${Object.keys(EMITTED_FROM).join(", ")})`,
      );
      return null;
    }
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      problems.push(`${where}: ${url} does not resolve to a file (looked for ${path.relative(rootDir, file)})`);
      return null;
    }
    info.urlsResolved++;
    return file;
  };
  const checkPng = (file, size, where) => {
    const dims = pngSize(file);
    if (!dims) problems.push(`${where}: ${path.relative(rootDir, file)} is not a PNG file`);
    else if (size && (dims.width !== size || dims.height !== size)) {
      problems.push(
        `${where}: ${path.relative(rootDir, file)} is ${dims.width}×${dims.height} px, expected ${size}×${size}`,
      );
    }
  };

  const iconUrl = top("IconUrl");
  if (iconUrl) {
    const f = resolveUrl(defaultValue(iconUrl), at(iconUrl));
    if (f) checkPng(f, 32, at(iconUrl));
  }
  const hiRes = top("HighResolutionIconUrl");
  if (hiRes) {
    const f = resolveUrl(defaultValue(hiRes), at(hiRes));
    if (f) checkPng(f, 64, at(hiRes));
  }
  // The support page: a file of this build when it sits under the served folder (assets/help.html), else a page on
  // the publisher's site, where https is all we can check.
  const support = top("SupportUrl");
  if (support) resolveUrl(defaultValue(support), at(support));
  const ownOrigin = originOf(baseUrl);
  for (const d of childrenNamed(top("AppDomains"), "AppDomain")) {
    const domain = d.text.trim();
    if (!/^https:\/\/[^/\s]+\/?$/.test(domain)) problems.push(`${at(d)} must be an https origin, found "${domain}"`);
    else if (originOf(domain) === ownOrigin)
      problems.push(`${at(d)} ${domain} is the add-in's own origin, which needs no AppDomain (it has no effect)`);
  }
  checkHosts(root, baseUrl, problems, at);
  if (!defaultSource) problems.push("missing <DefaultSettings><SourceLocation> (the task pane page)");
  else resolveUrl(defaultValue(defaultSource), at(defaultSource));

  // --- VersionOverrides ---------------------------------------------------------------------------------------------
  const vo = top("VersionOverrides");
  if (!vo) {
    problems.push("missing <VersionOverrides>: the ribbon buttons, shared runtime and custom functions live there");
    return result();
  }
  if (vo.ns !== NS_VO) problems.push(`${at(vo)} must be in namespace ${NS_VO}`);
  if (xsiType(vo) !== "VersionOverridesV1_0") {
    problems.push(
      `${at(vo)} must have xsi:type="VersionOverridesV1_0" for a task pane add-in (found ${xsiType(vo) || "none"})`,
    );
  }
  const all = descendants(vo);
  const parentOf = new Map();
  for (const el of all) for (const c of el.children) parentOf.set(c, el);

  // Resources: id → { kind, el }.
  const resources = new Map();
  const resourcesEl = child(vo, "Resources");
  if (!resourcesEl) problems.push("missing <Resources> in <VersionOverrides>");
  const limits = { ShortStrings: 125, LongStrings: 250, Urls: 2048, Images: 2048 };
  for (const kind of ["Images", "Urls", "ShortStrings", "LongStrings"]) {
    const group = child(resourcesEl, kind);
    if (group && group.ns !== NS_BT) problems.push(`${at(group)} must be in the bt namespace ${NS_BT}`);
    for (const el of group ? group.children : []) {
      const id = el.attrs.id;
      if (!id) {
        problems.push(`${at(el)} has no id`);
        continue;
      }
      if (id.length > 32) problems.push(`resource id "${id}" (${at(el)}) is ${id.length} characters; Office allows 32`);
      if (resources.has(id)) {
        const first = resources.get(id);
        problems.push(`duplicate resource id "${id}" (${at(first.el)} and ${at(el)})`);
        continue;
      }
      resources.set(id, { kind, el, used: false });
      const value = el.attrs.DefaultValue;
      if (value === undefined || value === "") problems.push(`resource "${id}" (${at(el)}) has no DefaultValue`);
      else if (value.length > limits[kind]) {
        problems.push(`resource "${id}" is ${value.length} characters; ${kind} allow ${limits[kind]}`);
      }
      for (const o of childrenNamed(el, "Override")) {
        if (!o.attrs.Locale || o.attrs.Value === undefined) problems.push(`${at(o)} needs Locale and Value`);
      }
    }
  }

  const resValue = (resid) => (resources.has(resid) ? resources.get(resid).el.attrs.DefaultValue : undefined);
  const resolvedUrls = new Map(); // resid → file (null when unresolvable)
  const resolveResource = (resid) => {
    if (!resolvedUrls.has(resid)) {
      const r = resources.get(resid);
      resolvedUrls.set(resid, resolveUrl(resValue(resid), `resource "${resid}" (${at(r.el)})`));
    }
    return resolvedUrls.get(resid);
  };

  // Every resid is defined and of the right kind.
  for (const el of all) {
    if (!("resid" in el.attrs)) continue;
    const resid = el.attrs.resid;
    const r = resources.get(resid);
    if (!r) {
      problems.push(`resid "${resid}" (${at(el)}) is not defined in <Resources>`);
      continue;
    }
    r.used = true;
    const want = expectedKind(el, parentOf.get(el));
    if (want && r.kind !== want) {
      problems.push(
        `resid "${resid}" (${at(el)}) points to ${KIND_LABEL[r.kind]}; <${el.local}> needs ${KIND_LABEL[want]}`,
      );
    }
  }
  for (const [id, r] of resources) {
    if (!r.used) warnings.push(`resource "${id}" (${at(r.el)}) is never used`);
  }
  // Our own URLs and images resolve to files; images have the size each use declares.
  // "Learn more" links point at web pages, not at files of this build.
  const pageResids = new Set(all.filter((el) => el.local === "LearnMoreUrl").map((el) => el.attrs.resid));
  for (const [id, r] of resources) {
    if (r.kind === "Images" || (r.kind === "Urls" && !pageResids.has(id))) resolveResource(id);
    else if (r.kind === "Urls" && !/^https:\/\//i.test(r.el.attrs.DefaultValue || "")) {
      problems.push(`resource "${id}" (${at(r.el)}): URL must use https, found "${r.el.attrs.DefaultValue || ""}"`);
    }
  }
  for (const el of all) {
    if (el.local !== "Image" || el.ns !== NS_BT || !("resid" in el.attrs)) continue;
    const r = resources.get(el.attrs.resid);
    if (!r || r.kind !== "Images") continue;
    const file = resolvedUrls.get(el.attrs.resid);
    if (file) checkPng(file, Number(el.attrs.size) || 0, `${at(el)} (resource "${el.attrs.resid}")`);
  }

  // Ribbon ids (tabs, groups, controls, menu items) are unique.
  const ids = new Map();
  for (const el of all) {
    if (el.ns === NS_BT || !("id" in el.attrs)) continue;
    const id = el.attrs.id;
    if (!id) problems.push(`${at(el)} has an empty id`);
    else if (ids.has(id)) problems.push(`duplicate id "${id}" (${at(ids.get(id))} and ${at(el)})`);
    else ids.set(id, el);
    if (id.length > 125) problems.push(`id "${id}" (${at(el)}) is longer than 125 characters`);
  }

  const host = childrenNamed(child(vo, "Hosts"), "Host").find((h) => xsiType(h) === "Workbook");
  if (!host) {
    problems.push('missing <Host xsi:type="Workbook"> in <VersionOverrides><Hosts>');
    return result();
  }
  const hostAll = descendants(host);

  // Ribbon icons need the three sizes Office picks from.
  for (const icon of hostAll.filter((el) => el.local === "Icon")) {
    const sizes = childrenNamed(icon, "Image").map((i) => Number(i.attrs.size));
    const lacking = [16, 32, 80].filter((s) => !sizes.includes(s));
    if (lacking.length)
      problems.push(`${at(icon)} lacks bt:Image size ${lacking.join(", ")} (ribbon icons need 16, 32 and 80)`);
  }

  // Controls and their actions.
  let taskpaneResid;
  for (const control of hostAll.filter((el) => el.local === "Control")) {
    const action = child(control, "Action");
    const label = child(control, "Label");
    const labelText = label && resources.has(label.attrs.resid) ? resValue(label.attrs.resid) : "?";
    if (!label) problems.push(`${at(control)} (id "${control.attrs.id}") has no <Label>`);
    if (!action) {
      if (xsiType(control) !== "Menu") problems.push(`${at(control)} (id "${control.attrs.id}") has no <Action>`);
      continue;
    }
    const type = xsiType(action);
    if (type === "ExecuteFunction") {
      const fn = child(action, "FunctionName");
      const name = fn ? fn.text.trim() : "";
      if (!name) problems.push(`${at(action)}: ExecuteFunction needs a non-empty <FunctionName>`);
      else {
        info.functionNames.push(name);
        info.controls.push(`"${labelText}" (${control.attrs.id}) → ExecuteFunction ${name}`);
      }
    } else if (type === "ShowTaskpane") {
      const tp = child(action, "TaskpaneId");
      const src = child(action, "SourceLocation");
      if (!tp || !tp.text.trim()) problems.push(`${at(action)}: ShowTaskpane needs a <TaskpaneId>`);
      else info.taskpaneIds.push(tp.text.trim());
      if (!src) problems.push(`${at(action)}: ShowTaskpane needs a <SourceLocation resid=...>`);
      else taskpaneResid = taskpaneResid || src.attrs.resid;
      info.controls.push(`"${labelText}" (${control.attrs.id}) → ShowTaskpane ${tp ? tp.text.trim() : "?"}`);
    } else {
      problems.push(`${at(action)}: unknown action type "${type}" (expected ExecuteFunction or ShowTaskpane)`);
    }
  }
  const controls = hostAll.filter((el) => el.local === "Control");
  if (controls.length === 0) warnings.push("no ribbon controls are declared");

  // Shared runtime consistency.
  const desktop = child(host, "DesktopFormFactor");
  const functionFile = child(desktop, "FunctionFile");
  const runtimes = childrenNamed(child(host, "Runtimes"), "Runtime");
  const cfPoint = hostAll.find((el) => el.local === "ExtensionPoint" && xsiType(el) === "CustomFunctions");
  const cfPage = cfPoint ? child(child(cfPoint, "Page"), "SourceLocation") : undefined;
  if (runtimes.length === 0) {
    problems.push(
      'missing <Runtimes><Runtime resid="..." lifetime="long"/> in the Workbook host: without it the ribbon, pane and functions do not share a runtime',
    );
  } else {
    if (runtimes.length > 1) problems.push(`${runtimes.length} <Runtime> elements; a shared runtime needs exactly one`);
    const rt = runtimes[0];
    if (rt.attrs.lifetime !== "long")
      problems.push(`${at(rt)} must have lifetime="long" (found "${rt.attrs.lifetime || ""}")`);
    const rid = rt.attrs.resid;
    info.runtime = `${rid} → ${resValue(rid) || "?"} (lifetime ${rt.attrs.lifetime || "?"})`;
    const mustMatch = [
      ["<FunctionFile>", functionFile],
      ["the custom functions <Page><SourceLocation>", cfPage],
    ];
    for (const [what, el] of mustMatch) {
      if (el && el.attrs.resid !== rid)
        problems.push(`${what} (${at(el)}) uses resid "${el.attrs.resid}" but the shared <Runtime> is "${rid}"`);
    }
    if (taskpaneResid && taskpaneResid !== rid)
      problems.push(
        `the ShowTaskpane <SourceLocation> uses resid "${taskpaneResid}" but the shared <Runtime> is "${rid}"`,
      );
    if (defaultSource && resValue(rid) && defaultValue(defaultSource) !== resValue(rid)) {
      problems.push(
        `<DefaultSettings><SourceLocation> is ${defaultValue(defaultSource)} but the shared runtime page is ${resValue(rid)}`,
      );
    }
    if (!sets.has("SharedRuntime"))
      problems.push('a <Runtime> is declared but Requirements lack <Set Name="SharedRuntime" MinVersion="1.1"/>');
  }
  if (
    controls.some((c) => xsiType(child(c, "Action") || { attrs: {}, scope: {} }) === "ExecuteFunction") &&
    !functionFile
  ) {
    problems.push("an ExecuteFunction button needs a <FunctionFile resid=...> in <DesktopFormFactor>");
  }

  // Custom functions.
  if (cfPoint) {
    const script = child(child(cfPoint, "Script"), "SourceLocation");
    const metadata = child(child(cfPoint, "Metadata"), "SourceLocation");
    const ns = child(cfPoint, "Namespace");
    if (!script) problems.push(`${at(cfPoint)}: custom functions need <Script><SourceLocation resid=...>`);
    if (!cfPage) problems.push(`${at(cfPoint)}: custom functions need <Page><SourceLocation resid=...>`);
    if (!metadata)
      problems.push(`${at(cfPoint)}: custom functions need <Metadata><SourceLocation resid=...> (functions.json)`);
    if (!ns) problems.push(`${at(cfPoint)}: custom functions need <Namespace resid=...>`);
    if (ns && resources.has(ns.attrs.resid)) {
      info.namespace = resValue(ns.attrs.resid);
      if (!/^[A-Za-z][A-Za-z0-9.]{0,31}$/.test(info.namespace || "")) {
        problems.push(
          `custom functions namespace "${info.namespace}" must start with a letter and hold only letters, digits and dots (≤ 32)`,
        );
      }
    }
    if (metadata && resources.has(metadata.attrs.resid)) {
      info.metadataUrl = resValue(metadata.attrs.resid);
      if (!/\.json([?#].*)?$/.test(info.metadataUrl || ""))
        problems.push(`custom functions metadata URL ${info.metadataUrl} should name a .json file`);
      const file = resolvedUrls.get(metadata.attrs.resid);
      if (file && file.endsWith(".json")) {
        try {
          const json = JSON.parse(fs.readFileSync(file, "utf8"));
          if (!Array.isArray(json.functions) || json.functions.length === 0)
            problems.push(`${path.relative(rootDir, file)} lists no functions`);
          else info.metadataUrl += ` (${json.functions.length} functions)`;
        } catch (e) {
          problems.push(`${path.relative(rootDir, file)} is not valid JSON: ${e.message}`);
        }
      }
    }
    // The functions return CustomFunctions.Error values, which CustomFunctionsRuntime 1.2 introduced.
    if (!sets.has("CustomFunctionsRuntime")) {
      problems.push(
        'custom functions are declared but Requirements lack <Set Name="CustomFunctionsRuntime" MinVersion="1.2"/>',
      );
    } else if (versionBelow(sets.get("CustomFunctionsRuntime"), "1.2")) {
      problems.push(
        `CustomFunctionsRuntime ${sets.get("CustomFunctionsRuntime")} is too low: the functions use CustomFunctions.Error (1.2)`,
      );
    }
  }

  // Each ExecuteFunction name must be registered by the code (Office.actions.associate("Name", fn)).
  if (checkActions && info.functionNames.length) {
    const codeFiles = distDir
      ? listFiles(distDir, [".js"])
      : listFiles(path.join(rootDir, "src"), [".ts", ".tsx", ".js"]);
    const code = codeFiles.map((f) => fs.readFileSync(f, "utf8"));
    for (const name of info.functionNames) {
      const quoted = new RegExp(`["'\`]${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["'\`]`);
      if (!code.some((c) => quoted.test(c))) {
        problems.push(
          `ExecuteFunction "${name}" is not registered: no "${name}" string in ${distDir ? "the built .js files" : "src/"} (Office.actions.associate("${name}", handler))`,
        );
      }
    }
  }

  return result();
}

module.exports = { validateManifest, pngSize, DEFAULT_BASE_URL, EMITTED_FROM };
