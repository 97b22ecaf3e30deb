#!/usr/bin/env node
// Draws the toolbar/store icons (a white handset on a teal disc) as PNGs, so the repository
// carries no opaque binaries it can't regenerate.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

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

function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x + 0.5, y + 0.5, size), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function handset(x, y, s) {
  const u = x / s - 0.5, v = y / s - 0.5;
  const r = Math.hypot(u, v);
  if (r > 0.48) return [0, 0, 0, 0];
  // The handset: a thick arc around the lower left, with an ear and a mouth piece.
  const ax = u + 0.08, ay = v - 0.08;
  const ar = Math.hypot(ax, ay);
  const angle = Math.atan2(ay, ax);
  const onArc = ar > 0.17 && ar < 0.27 && angle > Math.PI * 0.25 && angle < Math.PI * 1.25;
  const ear = Math.hypot(u - 0.17, v + 0.15) < 0.09;
  const mouth = Math.hypot(u + 0.15, v - 0.17) < 0.09;
  return onArc || ear || mouth ? [255, 255, 255, 255] : [15, 118, 110, 255];
}

const dir = path.join(__dirname, '..', '..', 'extension', 'icons');
fs.mkdirSync(dir, { recursive: true });
for (const size of [16, 32, 48, 128]) fs.writeFileSync(path.join(dir, `icon-${size}.png`), png(size, handset));
console.log('icons written');
