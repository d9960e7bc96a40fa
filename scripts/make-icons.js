/**
 * Generates the add-in's icons (assets/icon-16.png, -32, -64, -80, -128 and logo-filled.png) without any image
 * library: each pixel is computed from a tiny vector description (a rounded blue square with three white bars of
 * rising height — R, F and M), anti-aliased by 4×4 supersampling, and written as an 8-bit RGBA PNG with zlib.
 *
 * Why by hand: the build must work offline and the icons must be reproducible; the output is byte-for-byte
 * deterministic, so `node scripts/make-icons.js --check` can tell whether the committed files are current.
 *
 * Cost: O(size² × 16) samples per icon.
 *
 * Usage: node scripts/make-icons.js          (writes assets/*.png)
 *        node scripts/make-icons.js --check  (exit 1 if a committed icon differs from what this script draws)
 */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const ASSETS = path.resolve(__dirname, "..", "assets");

/** File name → edge length in pixels. Office asks for 16/32/80 on the ribbon and 32/64 for the add-in icon. */
const ICONS = {
  "icon-16.png": 16,
  "icon-32.png": 32,
  "icon-64.png": 64,
  "icon-80.png": 80,
  "icon-128.png": 128,
  "logo-filled.png": 300,
};

// Fluent UI's brand blue and white.
const BACKGROUND = [15, 108, 189];
const FOREGROUND = [255, 255, 255];

/** True when the point (x, y), in unit coordinates 0..1, lies inside the rounded square. */
function inRoundedSquare(x, y, radius) {
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  const dx = x - cx;
  const dy = y - cy;
  return dx * dx + dy * dy <= radius * radius;
}

/** Three bars standing on a common baseline, heights rising left to right. Unit coordinates. */
const BARS = [
  { x0: 0.2, x1: 0.35, top: 0.55 },
  { x0: 0.425, x1: 0.575, top: 0.38 },
  { x0: 0.65, x1: 0.8, top: 0.2 },
];
const BASELINE = 0.8;

function inBar(x, y) {
  for (const bar of BARS) {
    if (x >= bar.x0 && x < bar.x1 && y >= bar.top && y < BASELINE) return true;
  }
  return false;
}

/** RGBA pixels (row-major, 4 bytes each) of one icon. */
function drawIcon(size) {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  // Small icons get a smaller corner radius so the square still reads as a square at 16 px.
  const radius = size <= 16 ? 0.12 : 0.18;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let cover = 0;
      let white = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (!inRoundedSquare(x, y, radius)) continue;
          cover++;
          if (inBar(x, y)) white++;
        }
      }
      const o = (py * size + px) * 4;
      if (cover === 0) continue; // fully transparent
      const t = white / cover;
      for (let c = 0; c < 3; c++) pixels[o + c] = Math.round(BACKGROUND[c] * (1 - t) + FOREGROUND[c] * t);
      pixels[o + 3] = Math.round((255 * cover) / (samples * samples));
    }
  }
  return pixels;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buffer) {
  let c = 0xffffffff;
  for (let i = 0; i < buffer.length; i++) c = CRC_TABLE[(c ^ buffer[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes RGBA pixels as a PNG (colour type 6, 8 bits, no interlace, filter 0 on every row). */
function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  const idat = zlib.deflateSync(raw, { level: 9 });
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", ihdr), chunk("IDAT", idat), chunk("IEND", Buffer.alloc(0))]);
}

function renderAll() {
  const out = {};
  for (const [name, size] of Object.entries(ICONS)) out[name] = encodePng(size, size, drawIcon(size));
  return out;
}

function main(argv) {
  const check = argv.includes("--check");
  const files = renderAll();
  let stale = 0;
  if (!check) fs.mkdirSync(ASSETS, { recursive: true });
  for (const [name, png] of Object.entries(files)) {
    const file = path.join(ASSETS, name);
    if (check) {
      const current = fs.existsSync(file) ? fs.readFileSync(file) : null;
      if (!current || !current.equals(png)) {
        console.error(`assets/${name} is missing or differs from what scripts/make-icons.js draws`);
        stale++;
      }
    } else {
      fs.writeFileSync(file, png);
      console.log(`assets/${name}  ${ICONS[name]}×${ICONS[name]}  ${png.length} bytes`);
    }
  }
  return stale === 0 ? 0 : 1;
}

module.exports = { drawIcon, encodePng, renderAll, ICONS };

if (require.main === module) process.exitCode = main(process.argv.slice(2));
