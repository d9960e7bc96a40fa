/**
 * The manifest validator's XML parser: it must accept what Office accepts (declaration, comments, CDATA, entities,
 * namespaces) and reject what is not well-formed, naming the line and column.
 */
import { parseXml, descendants } from "../../scripts/manifest/xml";

function error(xml: string): string {
  try {
    parseXml(xml);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`no error for ${xml}`);
}

describe("parseXml", () => {
  it("reads elements, attributes, text, namespaces and line numbers", () => {
    const root = parseXml(
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- top -->\n<a xmlns="urn:a" xmlns:b="urn:b" x=\'1 &amp; 2\'>\n' +
        '  <b:c id="k">T&lt;&#65;&#x42;<![CDATA[<raw>]]></b:c>\n  <d/>\n</a>\n',
    );
    expect(root.local).toBe("a");
    expect(root.ns).toBe("urn:a");
    expect(root.attrs.x).toBe("1 & 2");
    const [c, d] = root.children;
    expect([c.name, c.local, c.ns, c.attrs.id, c.text, c.line]).toEqual(["b:c", "c", "urn:b", "k", "T<AB<raw>", 4]);
    expect([d.local, d.ns, d.line]).toEqual(["d", "urn:a", 5]);
    expect(descendants(root).map((e) => e.local)).toEqual(["a", "c", "d"]);
  });

  // Each message names the line and column where saxes stopped (or, for a closing tag and a bare '&', where the
  // mistake starts).
  it.each([
    ["<a><b></a>", "line 1, column 7: </a> does not match <b> opened on line 1"],
    ["<a>\n<b>\n</a>", "line 3, column 1: </a> does not match <b> opened on line 2"],
    ['<a x="1" x="2"/>', "line 1, column 16: duplicate attribute: x"],
    ["<a x=1/>", "line 1, column 6: unquoted attribute value"],
    ['<a x="<"/>', "line 1, column 7: character U+003C is not allowed here"],
    ["<a>&nbsp;</a>", "line 1, column 9: undefined entity"],
    ["<a>&#xZZ;</a>", "line 1, column 9: malformed character entity"],
    ["<a>AT&T</a>", "line 1, column 6: '&' must start an entity reference like &amp;"],
    ["<a>AT&T\n<b>x;</b></a>", "line 1, column 6: '&' must start an entity reference like &amp;"],
    ["<a/><b/>", "line 1, column 7: documents may contain only one root"],
    ["<a/>text", "line 1, column 9: text data outside of root node"],
    ["<a><!-- x -- y --></a>", "line 1, column 13: malformed comment"],
    ["<bt:a/>", 'line 1, column 7: unbound namespace prefix: "bt"'],
    ["<a>", "line 1, column 3: <a> (line 1) is never closed"],
    ['\n<?xml version="1.0"?><a/>', "line 2, column 6: an XML declaration must be at the start of the document"],
    ["<!DOCTYPE a><a/>", "line 1, column 1: a DOCTYPE is not supported in an add-in manifest"],
    ["<a>\u0001</a>", "line 1, column 4: character U+0001 is not allowed here"],
    ["", "line 1, column 1: document must contain a root element"],
  ])("rejects %j", (xml, message) => {
    expect(error(xml)).toBe(message);
  });
});
