/**
 * The committed icons are what scripts/make-icons.js draws (so they can be regenerated offline), and each is a PNG
 * of the size its name says: the manifest check relies on that to match icons with the sizes Office asks for.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { ICONS, renderAll } from "../../scripts/make-icons";
import { pngSize } from "../../scripts/manifest/manifest-check";

const ASSETS = path.resolve(__dirname, "..", "..", "assets");

describe("icons", () => {
  it("the committed PNGs are byte for byte what the generator draws", () => {
    const drawn = renderAll();
    for (const name of Object.keys(ICONS)) {
      expect(fs.readFileSync(path.join(ASSETS, name)).equals(drawn[name])).toBe(true);
    }
  });

  it("each icon is a PNG of its nominal size, with its pixels intact", () => {
    for (const [name, size] of Object.entries(ICONS)) {
      const file = path.join(ASSETS, name);
      expect(pngSize(file)).toEqual({ width: size, height: size });
      // Decode the IDAT stream independently of the encoder: one filter byte + 4 bytes per pixel per row.
      const png = fs.readFileSync(file);
      const chunks: Buffer[] = [];
      for (let at = 8; at < png.length;) {
        const length = png.readUInt32BE(at);
        const type = png.toString("ascii", at + 4, at + 8);
        if (type === "IDAT") chunks.push(png.subarray(at + 8, at + 8 + length));
        at += 12 + length;
      }
      const raw = zlib.inflateSync(Buffer.concat(chunks));
      expect(raw.length).toBe(size * (1 + size * 4));
      // Corners are transparent (rounded square); the centre column holds the white middle bar near the baseline.
      const alpha = (x: number, y: number) => raw[y * (1 + size * 4) + 1 + x * 4 + 3];
      const red = (x: number, y: number) => raw[y * (1 + size * 4) + 1 + x * 4];
      // (At 16 px the corner radius is under 2 px, so the corner pixel is only partly transparent.)
      if (size >= 32) expect(alpha(0, 0)).toBe(0);
      else expect(alpha(0, 0)).toBeLessThan(128);
      expect(alpha(size >> 1, size >> 1)).toBe(255);
      expect(red(size >> 1, Math.floor(size * 0.7))).toBe(255);
      // Background blue between the bars and the top edge.
      expect(red(size >> 1, Math.floor(size * 0.1))).toBe(15);
    }
  });
});
