/**
 * Windows-1252 decoding: the bytes 0x80-0x9F are its characters (€ ‚ „ … ’ “ ” – — ™ Œ Ÿ ...), whatever the
 * runtime's TextDecoder does with them, and the chunked converter of the streaming reader agrees with the whole-file
 * decoding however the bytes are cut.
 */
import fc from "fast-check";
import { decodeText, utf8Converter } from "../../src/cli/encoding";

test("bytes 0x80-0x9F are Windows-1252's characters, the rest are ISO-8859-1's", () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  const text = decodeText(all, "windows-1252");
  expect(text).toHaveLength(256);
  // The published mapping's landmarks (and the five bytes it leaves undefined, kept as their code points).
  expect([...text.slice(0x80, 0xa0)].join("")).toMatch(/^€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ$/);
  for (let b = 0; b < 256; b++) if (b < 0x80 || b > 0x9f) expect(text.charCodeAt(b)).toBe(b);
  // `latin1` is read as Windows-1252 too, as browsers and the WHATWG encoding standard do.
  expect(decodeText(all, "latin1")).toBe(text);
});

test("the chunked converter gives the whole text's UTF-8 for any cut of the bytes", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(300), { maxLength: 5 }), (bytes, cuts) => {
      const at = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
      const conv = utf8Converter("windows-1252");
      const parts: Uint8Array[] = [];
      let from = 0;
      for (const c of [...at, bytes.length]) {
        parts.push(conv.push(bytes.subarray(from, c)));
        from = c;
      }
      parts.push(conv.end());
      expect(Buffer.concat(parts).toString("utf8")).toBe(decodeText(bytes, "windows-1252"));
    }),
  );
});
