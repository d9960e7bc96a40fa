/**
 * The add-in manifest as a tree of elements, read with saxes (a strict, namespace-aware XML 1.0 parser). Saxes
 * rejects what Office rejects as "not well-formed" (unclosed or mismatched tags, duplicate attributes, unquoted or
 * `<`-containing attribute values, unknown entities, bad character references, `--` inside comments, text or a
 * second element after the root, undeclared namespace prefixes); this module adds what a manifest needs on top:
 * a DOCTYPE is refused (a manifest has none, and no entity may be declared), every message starts with
 * "line L, column C", and the two errors a hand edit most often causes name their cause: a closing tag that does not
 * match says which element is open and where, and a bare '&' is reported where it stands (saxes reads on to the
 * next ';' and would report the end of the file).
 *
 * Example:
 *   parseXml('<a xmlns="urn:x"><b id="1"/></a>')
 *   → { name: "a", local: "a", ns: "urn:x", attrs: { xmlns: "urn:x" }, children: [{ name: "b", ..., attrs: { id: "1" } }],
 *       text: "", line: 1 }
 */
const { SaxesParser } = require("saxes");

class XmlError extends Error {
  constructor(message, line, column) {
    super(`line ${line}, column ${column}: ${message}`);
    this.name = "XmlError";
    this.line = line;
    this.column = column;
  }
}

const XML_NS = "http://www.w3.org/XML/1998/namespace";

/** Line and column (both 1-based) of each offset in `text`. */
function locator(text) {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return (at) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: Math.max(1, at - lineStarts[lo] + 1) };
  };
}

/** Offset of the first '&' that starts no entity or character reference, outside comments, CDATA and PIs; or -1. */
function bareAmpersand(text) {
  const masked = text.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>/g, (m) => " ".repeat(m.length));
  const bad = /&(?![^\s&<;]*;)/.exec(masked);
  return bad ? bad.index : -1;
}

function parseXml(input) {
  // A byte order mark is allowed before the declaration.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const where = locator(text);
  const fail = (message, at) => {
    const { line, column } = where(at);
    throw new XmlError(message, line, column);
  };

  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack = [];
  let root;

  parser.on("error", (err) => {
    // saxes's message is "line:column: text"; its offset is that of the character it stopped at.
    const at = parser.position - 1;
    const message = err.message.replace(/^\d+:\d+: /, "").replace(/\.$/, "");
    const amp = bareAmpersand(text);
    if (amp >= 0 && amp <= at) fail("'&' must start an entity reference like &amp;", amp);
    const open = stack[stack.length - 1];
    if (message.startsWith("unclosed tag") && open) fail(`<${open.name}> (line ${open.line}) is never closed`, at);
    if (message === "disallowed character") {
      const cp = text.codePointAt(at);
      fail(`character U+${cp.toString(16).toUpperCase().padStart(4, "0")} is not allowed here`, at);
    }
    fail(message, at);
  });
  parser.on("doctype", () => fail("a DOCTYPE is not supported in an add-in manifest", text.indexOf("<!DOCTYPE")));
  let tagStart = 0;
  parser.on("opentagstart", () => {
    tagStart = text.lastIndexOf("<", parser.position - 1);
  });
  parser.on("opentag", (tag) => {
    const parent = stack[stack.length - 1];
    const scope = Object.assign({}, parent ? parent.scope : { xml: XML_NS }, tag.ns);
    const attrs = {};
    for (const [name, attr] of Object.entries(tag.attributes)) attrs[name] = attr.value;
    const element = {
      name: tag.name,
      local: tag.local,
      ns: tag.uri || null,
      attrs,
      children: [],
      text: "",
      line: where(tagStart).line,
      scope,
    };
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on("closetag", (tag) => {
    const element = stack.pop();
    if (tag.isSelfClosing) return;
    // saxes closes the open elements up to a matching one without saying which was open: name it here.
    const closeAt = text.lastIndexOf("</", parser.position - 1);
    const closing = /^<\/([^\s>]*)/.exec(text.slice(closeAt))[1];
    if (closing !== element.name) {
      fail(`</${closing}> does not match <${element.name}> opened on line ${element.line}`, closeAt);
    }
  });
  const addText = (t) => {
    if (stack.length) stack[stack.length - 1].text += t;
  };
  parser.on("text", addText);
  parser.on("cdata", addText);

  parser.write(text).close();
  return root;
}

/** Depth-first list of `element` and all its descendants. */
function descendants(element) {
  const out = [];
  const stack = [element];
  while (stack.length) {
    const el = stack.pop();
    out.push(el);
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]);
  }
  return out;
}

/** The first child with this local name, or undefined. */
function child(element, local) {
  return element && element.children.find((c) => c.local === local);
}

function childrenNamed(element, local) {
  return element ? element.children.filter((c) => c.local === local) : [];
}

module.exports = { parseXml, XmlError, descendants, child, childrenNamed };
