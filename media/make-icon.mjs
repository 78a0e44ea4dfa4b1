// Draws media/icon.png (256x256): a chip with "A64" on it and a breakpoint dot.
// Plain Node (zlib for the PNG's deflate stream), so the icon can be redrawn on any
// machine: node media/make-icon.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const SIZE = 256;
const SUPERSAMPLES = 4; // per axis: anti-aliased edges

// 5x7 glyphs for the chip's label.
const GLYPHS = {
  A: ['.###.', '#...#', '#...#', '#####', '#...#', '#...#', '#...#'],
  6: ['..##.', '.#...', '#....', '####.', '#...#', '#...#', '.###.'],
  4: ['...#.', '..##.', '.#.#.', '#..#.', '#####', '...#.', '...#.'],
};

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);

function insideRoundedRect(x, y, left, top, width, height, radius) {
  const cx = Math.min(Math.max(x, left + radius), left + width - radius);
  const cy = Math.min(Math.max(y, top + radius), top + height - radius);
  return x >= left && x <= left + width && y >= top && y <= top + height && (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

const insideCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

function insideLabel(x, y, text, left, top, pixel) {
  let offset = left;
  for (const char of text) {
    const glyph = GLYPHS[char];
    const column = Math.floor((x - offset) / pixel);
    const row = Math.floor((y - top) / pixel);
    if (column >= 0 && column < 5 && row >= 0 && row < 7 && glyph[row][column] === '#') return true;
    offset += 6 * pixel;
  }
  return false;
}

const chip = { left: 58, top: 58, size: 140, radius: 16, border: 7 };
const pins = [];
for (let i = 0; i < 4; i++) {
  const along = chip.left + 22 + i * 32;
  pins.push([along, chip.top - 20, 14, 22], [along, chip.top + chip.size - 2, 14, 22]);
  pins.push([chip.left - 20, along, 22, 14], [chip.left + chip.size - 2, along, 22, 14]);
}
const labelPixel = 7;
const labelWidth = (3 * 6 - 1) * labelPixel;
const label = { left: 128 - labelWidth / 2, top: 128 - (7 * labelPixel) / 2 };

/** The colour of one point of the picture, or undefined outside the background. */
function colourAt(x, y) {
  if (!insideRoundedRect(x, y, 0, 0, SIZE, SIZE, 44)) return undefined;
  let colour = mix(rgb('#223a58'), rgb('#0d1826'), y / SIZE);
  if (pins.some(([l, t, w, h]) => insideRoundedRect(x, y, l, t, w, h, 3))) colour = rgb('#7fb2e0');
  if (insideRoundedRect(x, y, chip.left, chip.top, chip.size, chip.size, chip.radius)) colour = rgb('#7fb2e0');
  const b = chip.border;
  if (insideRoundedRect(x, y, chip.left + b, chip.top + b, chip.size - 2 * b, chip.size - 2 * b, chip.radius - b / 2)) {
    colour = mix(rgb('#2f4d70'), rgb('#1c3049'), (y - chip.top) / chip.size);
  }
  if (insideLabel(x, y, 'A64', label.left, label.top, labelPixel)) colour = rgb('#f2f6fa');
  if (insideCircle(x, y, 200, 200, 38)) colour = rgb('#0d1826');
  if (insideCircle(x, y, 200, 200, 30)) colour = rgb('#e51400');
  return colour;
}

function render() {
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      const sum = [0, 0, 0];
      let covered = 0;
      for (let sy = 0; sy < SUPERSAMPLES; sy++) {
        for (let sx = 0; sx < SUPERSAMPLES; sx++) {
          const colour = colourAt(px + (sx + 0.5) / SUPERSAMPLES, py + (sy + 0.5) / SUPERSAMPLES);
          if (!colour) continue;
          covered++;
          for (let c = 0; c < 3; c++) sum[c] += colour[c];
        }
      }
      const at = (py * SIZE + px) * 4;
      for (let c = 0; c < 3; c++) pixels[at + c] = covered ? Math.round(sum[c] / covered) : 0;
      pixels[at + 3] = Math.round((255 * covered) / SUPERSAMPLES ** 2);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function encodePng(rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  // Each scanline starts with filter type 0 (None).
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) rgba.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = path.join(path.dirname(new URL(import.meta.url).pathname), 'icon.png');
fs.writeFileSync(out, encodePng(render()));
console.log(`wrote ${out}`);
