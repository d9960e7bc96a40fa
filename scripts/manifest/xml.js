/**
 * A small, strict XML 1.0 parser for the add-in manifest: enough of the spec to reject what Office rejects as
 * "not well-formed" (unclosed or mismatched tags, duplicate attributes, unquoted or `<`-containing attribute values,
 * unknown entities, bad character references, `--` inside comments, text or a second element after the root,
 * undeclared namespace prefixes) and to give each element its namespace URI and line number for messages.
 * No DTDs (a manifest has none; a DOCTYPE is reported as unsupported), no external entities.
 *
 * Why by hand: `npm run validate` must work offline with no extra dependency, and a strict parser with line
 * numbers gives better messages than a lenient one.
 *
 * Cost: one linear pass over the text.
 *
 * Example:
 *   parseXml('<a xmlns="urn:x"><b id="1"/></a>')
 *   → { name: "a", local: "a", ns: "urn:x", attrs: { xmlns: "urn:x" }, children: [{ name: "b", ..., attrs: { id: "1" } }],
 *       text: "", line: 1 }
 */

class XmlError extends Error {
  constructor(message, line, column) {
    super(`line ${line}, column ${column}: ${message}`);
    this.name = "XmlError";
    this.line = line;
    this.column = column;
  }
}

const NAME_START =
  /[A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;
const NAME_CHAR =
  /[A-Za-z0-9_:.\-\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D\u203F-\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;
const PREDEFINED = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const XML_NS = "http://www.w3.org/XML/1998/namespace";

/** Characters XML 1.0 allows in a document (code points). */
function isXmlChar(cp) {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function parseXml(input) {
  // A UTF-8 byte order mark is allowed before the declaration.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let pos = 0;

  // Start offset of every line, for line:column in messages (binary search keeps `where` cheap).
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);

  function where(at = pos) {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - lineStarts[lo] + 1 };
  }

  function fail(message, at = pos) {
    const { line, column } = where(at);
    throw new XmlError(message, line, column);
  }

  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i);
    if (!isXmlChar(cp)) fail(`character U+${cp.toString(16).toUpperCase().padStart(4, "0")} is not allowed in XML`, i);
    if (cp > 0xffff) i++;
  }

  function startsWith(s) {
    return text.startsWith(s, pos);
  }

  function skipSpace() {
    while (pos < text.length && /[ \t\r\n]/.test(text[pos])) pos++;
  }

  function readName() {
    const start = pos;
    if (pos >= text.length || !NAME_START.test(text[pos])) fail("expected a name");
    pos++;
    while (pos < text.length && NAME_CHAR.test(text[pos])) pos++;
    return text.slice(start, pos);
  }

  /** Replaces entity and character references in text or an attribute value. */
  function decode(raw, at) {
    return raw.replace(/&([^;&<\s]*);|&/g, (match, body, offset) => {
      if (body === undefined) fail("'&' must start an entity reference like &amp;", at + offset);
      if (body.startsWith("#")) {
        const hex = body.startsWith("#x");
        const digits = body.slice(hex ? 2 : 1);
        if (!(hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits)) fail(`bad character reference &${body};`, at + offset);
        const cp = parseInt(digits, hex ? 16 : 10);
        if (!isXmlChar(cp)) fail(`character reference &${body}; is not an XML character`, at + offset);
        return String.fromCodePoint(cp);
      }
      if (!(body in PREDEFINED))
        fail(`unknown entity &${body}; (only &lt; &gt; &amp; &quot; &apos; are defined)`, at + offset);
      return PREDEFINED[body];
    });
  }

  function skipComment() {
    const start = pos;
    const end = text.indexOf("-->", pos + 4);
    if (end < 0) fail("comment is not closed with -->", start);
    const body = text.slice(pos + 4, end);
    const dashes = body.indexOf("--");
    if (dashes >= 0 || body.endsWith("-")) fail("'--' is not allowed inside a comment", pos + 4 + Math.max(dashes, 0));
    pos = end + 3;
  }

  function skipProcessingInstruction() {
    const start = pos;
    const end = text.indexOf("?>", pos + 2);
    if (end < 0) fail("processing instruction is not closed with ?>", start);
    pos += 2;
    const target = readName();
    if (target.toLowerCase() === "xml") fail("the XML declaration must be the very first thing in the file", start);
    pos = end + 2;
  }

  /** Misc* : comments, processing instructions and white space between the prolog/epilog items. */
  function skipMisc() {
    for (;;) {
      skipSpace();
      if (startsWith("<!--")) skipComment();
      else if (startsWith("<?")) skipProcessingInstruction();
      else return;
    }
  }

  // XML declaration: only at offset 0.
  if (startsWith("<?xml") && /[ \t\r\n?]/.test(text[5] || "")) {
    const end = text.indexOf("?>");
    if (end < 0) fail("XML declaration is not closed with ?>");
    const decl = text.slice(5, end);
    if (!/^\s+version\s*=\s*(["'])1\.[0-9]+\1/.test(decl)) fail('XML declaration must start with version="1.0"');
    pos = end + 2;
  }
  skipMisc();
  if (startsWith("<!DOCTYPE")) fail("a DOCTYPE is not supported in an add-in manifest");
  if (pos >= text.length || text[pos] !== "<") fail("expected the root element");

  /**
   * Parses one element starting at '<'. `scope` maps prefixes ("" for the default) to namespace URIs.
   * Iterative over children via recursion depth = nesting depth (a manifest is ~10 levels deep).
   */
  function parseElement(scope) {
    const start = pos;
    pos++; // '<'
    const name = readName();
    const attrs = {};
    const attrOrder = [];
    for (;;) {
      const before = pos;
      skipSpace();
      if (startsWith("/>") || startsWith(">")) break;
      if (pos === before) fail(`expected white space, '>' or '/>' in <${name}>`);
      const attrStart = pos;
      const attrName = readName();
      skipSpace();
      if (text[pos] !== "=") fail(`attribute ${attrName} of <${name}> has no value (expected =)`);
      pos++;
      skipSpace();
      const quote = text[pos];
      if (quote !== '"' && quote !== "'") fail(`value of attribute ${attrName} must be in quotes`);
      const valueEnd = text.indexOf(quote, pos + 1);
      if (valueEnd < 0) fail(`value of attribute ${attrName} is not closed`, attrStart);
      const raw = text.slice(pos + 1, valueEnd);
      const lt = raw.indexOf("<");
      if (lt >= 0) fail(`'<' is not allowed in the value of attribute ${attrName}`, pos + 1 + lt);
      if (Object.prototype.hasOwnProperty.call(attrs, attrName)) {
        fail(`attribute ${attrName} appears twice in <${name}>`, attrStart);
      }
      attrs[attrName] = decode(raw, pos + 1).replace(/[\t\r\n]/g, " ");
      attrOrder.push([attrName, attrStart]);
      pos = valueEnd + 1;
    }

    // Namespace declarations on this element apply to the element itself and its attributes.
    const ownScope = Object.assign({}, scope);
    for (const [attrName] of attrOrder) {
      if (attrName === "xmlns") ownScope[""] = attrs[attrName];
      else if (attrName.startsWith("xmlns:")) ownScope[attrName.slice(6)] = attrs[attrName];
    }
    const resolve = (qname, isAttribute, at) => {
      const colon = qname.indexOf(":");
      if (colon < 0) return { local: qname, ns: isAttribute ? null : (ownScope[""] ?? null) };
      const prefix = qname.slice(0, colon);
      const local = qname.slice(colon + 1);
      if (prefix === "xml") return { local, ns: XML_NS };
      if (prefix === "xmlns") return { local, ns: "http://www.w3.org/2000/xmlns/" };
      if (!(prefix in ownScope)) fail(`namespace prefix '${prefix}' is not declared (in ${qname})`, at);
      return { local, ns: ownScope[prefix] };
    };
    const resolved = resolve(name, false, start + 1);
    for (const [attrName, at] of attrOrder) resolve(attrName, true, at);

    const element = {
      name,
      local: resolved.local,
      ns: resolved.ns,
      attrs,
      children: [],
      text: "",
      line: where(start).line,
      scope: ownScope,
    };

    if (startsWith("/>")) {
      pos += 2;
      return element;
    }
    pos++; // '>'
    let textParts = "";
    for (;;) {
      if (pos >= text.length) fail(`<${name}> (line ${element.line}) is never closed`);
      if (startsWith("</")) {
        const closeAt = pos;
        pos += 2;
        const closing = readName();
        skipSpace();
        if (text[pos] !== ">") fail(`expected '>' after </${closing}`);
        pos++;
        if (closing !== name) fail(`</${closing}> does not match <${name}> opened on line ${element.line}`, closeAt);
        element.text = textParts;
        return element;
      }
      if (startsWith("<!--")) {
        skipComment();
      } else if (startsWith("<![CDATA[")) {
        const end = text.indexOf("]]>", pos);
        if (end < 0) fail("CDATA section is not closed with ]]>");
        textParts += text.slice(pos + 9, end);
        pos = end + 3;
      } else if (startsWith("<?")) {
        skipProcessingInstruction();
      } else if (startsWith("<!")) {
        fail("unexpected markup declaration inside an element");
      } else if (text[pos] === "<") {
        element.children.push(parseElement(ownScope));
      } else {
        const next = text.indexOf("<", pos);
        const end = next < 0 ? text.length : next;
        const raw = text.slice(pos, end);
        const bad = raw.indexOf("]]>");
        if (bad >= 0) fail("']]>' is not allowed in text", pos + bad);
        textParts += decode(raw, pos);
        pos = end;
      }
    }
  }

  const root = parseElement({ xml: XML_NS });
  skipMisc();
  if (pos < text.length) {
    fail(text[pos] === "<" ? "only one root element is allowed" : "text is not allowed after the root element");
  }
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
