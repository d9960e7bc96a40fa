/**
 * The small parts of an .xlsx workbook, read whole: the workbook (sheet names, hidden state, the 1904 date flag),
 * its relationships (which file holds which sheet), the styles (which cell formats are dates) and the shared strings.
 *
 * The parts are plain SpreadsheetML; elements may carry a namespace prefix (`<x:sheet>`), which is ignored.
 */

/** Attributes of one start tag (`<sheet name="a" r:id="rId1"/>` → { name: "a", "r:id": "rId1" }), values decoded. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tag)) !== null) out[m[1]] = decodeXml(m[3] ?? m[4] ?? "");
  return out;
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** XML entities and Excel's `_xHHHH_` escapes (how it stores control characters such as CR) → text. */
export function decodeXml(s: string): string {
  if (s.indexOf("&") >= 0) {
    s = s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
      if (e[0] !== "#") return NAMED[e];
      return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    });
  }
  if (s.indexOf("_x") >= 0)
    s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return s;
}

/** Every start tag of the element `name` (any namespace prefix), as its attributes. */
export function elements(xml: string, name: string): Record<string, string>[] {
  const re = new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s/>])([^>]*)>`, "g");
  const out: Record<string, string>[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) !== null) out.push(attributes(m[1]));
  return out;
}

export interface SheetInfo {
  name: string;
  /** "visible", "hidden" or "veryHidden". */
  state: string;
  /** Path of the sheet's part in the zip, or null when the relationships do not name one. */
  path: string | null;
  /** False for chart sheets and dialog sheets (no cells to read). */
  worksheet: boolean;
}

export interface Relationship {
  type: string;
  path: string;
}

/** A part's relationships by id, targets resolved against the part's folder (absolute ones from the zip root). */
export function relationships(xml: string, partPath: string): Map<string, Relationship> {
  const folder = partPath.includes("/") ? partPath.slice(0, partPath.lastIndexOf("/") + 1) : "";
  const out = new Map<string, Relationship>();
  for (const a of elements(xml, "Relationship")) {
    if (a.TargetMode === "External" || !a.Target) continue;
    const target = a.Target.startsWith("/") ? a.Target.slice(1) : normalise(folder + a.Target);
    out.set(a.Id, { type: a.Type ?? "", path: target });
  }
  return out;
}

function normalise(p: string): string {
  const parts: string[] = [];
  for (const part of p.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== "." && part !== "") parts.push(part);
  }
  return parts.join("/");
}

export function relOfType(rels: Map<string, Relationship>, suffix: string): string | null {
  for (const r of rels.values()) if (r.type.endsWith(`/${suffix}`)) return r.path;
  return null;
}

export interface WorkbookInfo {
  sheets: SheetInfo[];
  date1904: boolean;
}

export function parseWorkbook(xml: string, rels: Map<string, Relationship>): WorkbookInfo {
  const pr = elements(xml, "workbookPr")[0] ?? {};
  const date1904 = pr.date1904 === "1" || pr.date1904 === "true";
  const sheets = elements(xml, "sheet").map((a): SheetInfo => {
    const rid = a["r:id"] ?? Object.entries(a).find(([k]) => k.endsWith(":id"))?.[1];
    const rel = rid !== undefined ? rels.get(rid) : undefined;
    return {
      name: a.name ?? "",
      state: a.state ?? "visible",
      path: rel?.path ?? null,
      worksheet: rel === undefined || rel.type.endsWith("/worksheet"),
    };
  });
  return { sheets, date1904 };
}

/** Built-in number formats that are dates or times. */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** A custom format code shows a date or time when, outside quotes, brackets and escapes, it has d, m, y, h or s. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*]/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "");
  return /[dmyhs]/i.test(bare);
}

/** For each cell format (the `s` index of a cell), whether it shows a date. */
export function dateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const a of elements(xml, "numFmt")) custom.set(Number(a.numFmtId), a.formatCode ?? "");
  const start = xml.search(/<(?:[\w.-]+:)?cellXfs[\s>]/);
  if (start < 0) return [];
  const end = xml.indexOf("cellXfs>", start + 8);
  const section = xml.slice(start, end < 0 ? xml.length : end);
  return elements(section, "xf").map((a) => {
    const id = Number(a.numFmtId ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATES.has(id);
  });
}

/** A copy that does not keep the (large) string it was cut from alive. */
export function detach(s: string): string {
  return s.length < 13 ? s : (" " + s).slice(1);
}

function tagName(xml: string, from: number, gt: number): string {
  let end = from;
  while (end < gt) {
    const c = xml.charCodeAt(end);
    if (c === 32 || c === 47 || c === 9 || c === 10 || c === 13) break;
    end++;
  }
  const name = xml.slice(from, end);
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * The text of a string item (`<si>` or `<is>`): its `<t>` runs joined, phonetic guides (`<rPh>`) left out; entities
 * decoded unless `decode` is false (the caller decodes).
 */
export function itemText(xml: string, from: number, to: number, decode = true): string {
  let text = "";
  let p = from;
  for (;;) {
    const t = xml.indexOf("<", p);
    if (t < 0 || t >= to) break;
    const gt = xml.indexOf(">", t);
    if (gt < 0 || gt >= to) break;
    const name = tagName(xml, t + 1, gt);
    if (name === "rPh") {
      const close = xml.indexOf("rPh>", gt);
      p = close < 0 || close > to ? to : close + 4;
      continue;
    }
    if (name !== "t" || xml.charCodeAt(gt - 1) === 47 /* / */) {
      p = gt + 1;
      continue;
    }
    const close = xml.indexOf("<", gt);
    if (close < 0 || close > to) break;
    text += xml.slice(gt + 1, close);
    p = close;
  }
  return decode ? decodeXml(text) : text;
}

/** The shared strings table: one text per `<si>`. */
export function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  const re = /<([\w.-]+:)?si(?=[\s>/])[^>]*?(\/?)>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) !== null) {
    if (m[2] === "/") {
      out.push("");
      continue;
    }
    const end = xml.indexOf(`</${m[1] ?? ""}si>`, re.lastIndex);
    const to = end < 0 ? xml.length : end;
    out.push(detach(itemText(xml, re.lastIndex, to)));
    re.lastIndex = to;
  }
  return out;
}
