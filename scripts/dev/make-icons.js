#!/usr/bin/env node
// The toolbar/store icons: extension/icons/icon.svg, the one vector source, rasterized with
// anti-aliasing (8 x 8 samples per pixel) at each size the manifest names, and written as PNGs.
// No image library: the SVG holds only what this reads (circles, and paths of M, L, C, Z, each
// with a #rrggbb fill, non-zero rule), and anything else is refused rather than drawn wrong.
// tests/unit/icons.test.js checks that the committed PNGs are exactly what this makes.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SOURCE = path.join(__dirname, '..', '..', 'extension', 'icons', 'icon.svg');
const OUT_DIR = path.dirname(SOURCE);
const SIZES = [16, 32, 48, 128];
const SAMPLES = 8; // per pixel side: 64 samples a pixel
const CURVE_STEPS = 24; // straight segments per cubic Bézier

// ---- reading the SVG -------------------------------------------------------------------------

function attributes(tag) {
  const out = {};
  for (const [, name, value] of tag.matchAll(/([\w:-]+)="([^"]*)"/g)) out[name] = value;
  return out;
}

function colour(fill) {
  const hex = /^#([0-9a-f]{6})$/i.exec(fill ?? '');
  if (!hex) throw new Error(`icon.svg: fill "${fill}" is not #rrggbb`);
  return [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16));
}

/** A path's `d` as closed polygons, curves flattened. */
function pathPolygons(d) {
  const tokens = d.match(/[A-Za-z]|-?\d*\.?\d+(?:e-?\d+)?/g) ?? [];
  const polygons = [];
  let polygon = null;
  let i = 0;
  const number = () => {
    const value = Number(tokens[i++]);
    if (!Number.isFinite(value)) throw new Error(`icon.svg: a number was expected in "${d}"`);
    return value;
  };
  let command = null;
  while (i < tokens.length) {
    if (/[A-Za-z]/.test(tokens[i])) command = tokens[i++];
    if (command === 'M') {
      polygon = [[number(), number()]];
      polygons.push(polygon);
      command = 'L'; // pairs after M's first are lines
    } else if (command === 'L') {
      polygon.push([number(), number()]);
    } else if (command === 'C') {
      const [x0, y0] = polygon[polygon.length - 1];
      const [x1, y1, x2, y2, x3, y3] = [number(), number(), number(), number(), number(), number()];
      for (let step = 1; step <= CURVE_STEPS; step++) {
        const t = step / CURVE_STEPS;
        const u = 1 - t;
        polygon.push([
          u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3,
          u * u * u * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3,
        ]);
      }
    } else if (command === 'Z') {
      command = null;
    } else {
      throw new Error(`icon.svg: path command "${command}" is not read by make-icons.js (only M, L, C, Z)`);
    }
  }
  return polygons;
}

function circlePolygon(cx, cy, r) {
  const steps = 256;
  return Array.from({ length: steps }, (_, k) => [cx + r * Math.cos((2 * Math.PI * k) / steps), cy + r * Math.sin((2 * Math.PI * k) / steps)]);
}

/** The SVG as its view box and its shapes in paint order: { polygons, rgb }. */
function readSvg(text) {
  const svg = /<svg\b[^>]*>/.exec(text);
  const viewBox = svg && attributes(svg[0]).viewBox?.split(/[\s,]+/).map(Number);
  if (!viewBox || viewBox.length !== 4 || viewBox.some((n) => !Number.isFinite(n))) throw new Error('icon.svg: no viewBox');
  const shapes = [];
  for (const [tag, name] of text.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<(\w+)\b[^>]*>/g)) {
    if (name === 'svg') continue;
    const a = attributes(tag);
    if (name === 'circle') shapes.push({ polygons: [circlePolygon(Number(a.cx), Number(a.cy), Number(a.r))], rgb: colour(a.fill) });
    else if (name === 'path') shapes.push({ polygons: pathPolygons(a.d), rgb: colour(a.fill) });
    else throw new Error(`icon.svg: <${name}> is not read by make-icons.js (only circle and path)`);
  }
  return { viewBox, shapes };
}

// ---- rasterizing -----------------------------------------------------------------------------

/** The share of each pixel's samples inside `polygons` (non-zero winding), size x size. */
function coverage(polygons, size, [vx, vy, vw, vh]) {
  const edges = [];
  for (const polygon of polygons) {
    for (let k = 0; k < polygon.length; k++) {
      const [ax, ay] = polygon[k];
      const [bx, by] = polygon[(k + 1) % polygon.length];
      // In pixels.
      const x0 = ((ax - vx) / vw) * size, y0 = ((ay - vy) / vh) * size;
      const x1 = ((bx - vx) / vw) * size, y1 = ((by - vy) / vh) * size;
      if (y0 !== y1) edges.push({ x0, y0, x1, y1, dir: y1 > y0 ? 1 : -1 });
    }
  }
  const counts = new Uint16Array(size * size);
  const row = new Int32Array(size * SAMPLES + 1);
  for (let py = 0; py < size; py++) {
    for (let sy = 0; sy < SAMPLES; sy++) {
      const y = py + (sy + 0.5) / SAMPLES;
      const crossings = [];
      for (const e of edges) {
        if ((y >= e.y0 && y < e.y1) || (y >= e.y1 && y < e.y0)) crossings.push([e.x0 + ((y - e.y0) / (e.y1 - e.y0)) * (e.x1 - e.x0), e.dir]);
      }
      crossings.sort((a, b) => a[0] - b[0]);
      row.fill(0);
      let winding = 0;
      for (let k = 0; k < crossings.length - 1; k++) {
        winding += crossings[k][1];
        if (winding === 0) continue;
        // Samples at x = (i + 0.5) / SAMPLES with crossings[k] <= x < crossings[k + 1].
        const first = Math.max(0, Math.ceil(crossings[k][0] * SAMPLES - 0.5));
        const end = Math.min(size * SAMPLES, Math.ceil(crossings[k + 1][0] * SAMPLES - 0.5));
        if (end > first) {
          row[first] += 1;
          row[end] -= 1;
        }
      }
      let inside = 0;
      for (let i = 0; i < size * SAMPLES; i++) {
        inside += row[i];
        if (inside > 0) counts[py * size + Math.floor(i / SAMPLES)]++;
      }
    }
  }
  return Float64Array.from(counts, (c) => c / (SAMPLES * SAMPLES));
}

/** RGBA pixels (straight alpha) of the SVG at size x size. */
function rasterize(svgText, size) {
  const { viewBox, shapes } = readSvg(svgText);
  // Premultiplied, each shape painted over the ones before.
  const premultiplied = new Float64Array(size * size * 4);
  for (const { polygons, rgb } of shapes) {
    const cover = coverage(polygons, size, viewBox);
    for (let p = 0; p < size * size; p++) {
      const a = cover[p];
      if (a === 0) continue;
      for (let c = 0; c < 3; c++) premultiplied[p * 4 + c] = (rgb[c] / 255) * a + premultiplied[p * 4 + c] * (1 - a);
      premultiplied[p * 4 + 3] = a + premultiplied[p * 4 + 3] * (1 - a);
    }
  }
  const pixels = Buffer.alloc(size * size * 4);
  for (let p = 0; p < size * size; p++) {
    const a = premultiplied[p * 4 + 3];
    for (let c = 0; c < 3; c++) pixels[p * 4 + c] = a === 0 ? 0 : Math.round((premultiplied[p * 4 + c] / a) * 255);
    pixels[p * 4 + 3] = Math.round(a * 255);
  }
  return pixels;
}

// ---- PNG -------------------------------------------------------------------------------------

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** An 8-bit RGBA PNG of `pixels` (no filter on any row). */
function encodePng(size, pixels) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The RGBA pixels of a PNG this script wrote (8-bit RGBA, filter 0 on every row). */
function decodePng(png) {
  const size = png.readUInt32BE(16);
  const idat = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    if (raw[y * (size * 4 + 1)] !== 0) throw new Error('decodePng: a row with a filter (not written by make-icons.js)');
    raw.copy(pixels, y * size * 4, y * (size * 4 + 1) + 1, (y + 1) * (size * 4 + 1));
  }
  return { size, pixels };
}

const iconFile = (size) => path.join(OUT_DIR, `icon-${size}.png`);

if (require.main === module) {
  const svg = fs.readFileSync(SOURCE, 'utf8');
  for (const size of SIZES) fs.writeFileSync(iconFile(size), encodePng(size, rasterize(svg, size)));
  console.log(`icons written from ${path.relative(process.cwd(), SOURCE)}: ${SIZES.join(', ')} px`);
}

module.exports = { SOURCE, SIZES, rasterize, encodePng, decodePng, iconFile };
