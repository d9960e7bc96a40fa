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

  it.each([
    ["<a><b></a>", "line 1, column 7: </a> does not match <b> opened on line 1"],
    ["<a>\n<b>\n</a>", "line 3, column 1: </a> does not match <b> opened on line 2"],
    ['<a x="1" x="2"/>', "line 1, column 10: attribute x appears twice in <a>"],
    ["<a x=1/>", "line 1, column 6: value of attribute x must be in quotes"],
    ['<a x="<"/>', "'<' is not allowed in the value of attribute x"],
    ["<a>&nbsp;</a>", "unknown entity &nbsp;"],
    ["<a>&#xZZ;</a>", "bad character reference &#xZZ;"],
    ["<a>AT&T</a>", "'&' must start an entity reference"],
    ["<a/><b/>", "only one root element is allowed"],
    ["<a/>text", "text is not allowed after the root element"],
    ["<a><!-- x -- y --></a>", "'--' is not allowed inside a comment"],
    ["<bt:a/>", "namespace prefix 'bt' is not declared (in bt:a)"],
    ["<a>", "<a> (line 1) is never closed"],
    ['\n<?xml version="1.0"?><a/>', "the XML declaration must be the very first thing in the file"],
    ["<!DOCTYPE a><a/>", "a DOCTYPE is not supported"],
    ["<a>\u0001</a>", "character U+0001 is not allowed in XML"],
    ["", "expected the root element"],
  ])("rejects %j", (xml, message) => {
    expect(error(xml)).toContain(message);
  });
});
