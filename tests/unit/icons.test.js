'use strict';
// The icons: the committed PNGs are exactly what scripts/dev/make-icons.js makes from the one
// vector source (extension/icons/icon.svg), at every size the manifest names, anti-aliased, and
// the handset still stands out at 16 px.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const icons = require('../../scripts/dev/make-icons.js');

const svg = fs.readFileSync(icons.SOURCE, 'utf8');
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'manifest.json'), 'utf8'));
const committed = (size) => icons.decodePng(fs.readFileSync(icons.iconFile(size)));

/** WCAG relative luminance of an sRGB colour. */
function luminance([r, g, b]) {
  const linear = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}
const contrast = (a, b) => (Math.max(luminance(a), luminance(b)) + 0.05) / (Math.min(luminance(a), luminance(b)) + 0.05);
const pixelsOf = ({ size, pixels }) => Array.from({ length: size * size }, (_, p) => [...pixels.subarray(p * 4, p * 4 + 4)]);

test('the manifest names exactly the sizes the script makes, and every file is there', () => {
  const named = new Set([...Object.keys(manifest.icons), ...Object.keys(manifest.action?.default_icon ?? {})].map(Number));
  assert.deepEqual([...named].sort((a, b) => a - b), icons.SIZES);
  for (const file of Object.values(manifest.icons)) assert.ok(fs.existsSync(path.join(__dirname, '..', '..', 'extension', file)), file);
});

test('the committed PNGs are what make-icons.js draws from icon.svg, pixel for pixel', () => {
  for (const size of icons.SIZES) {
    const png = committed(size);
    assert.equal(png.size, size);
    assert.ok(png.pixels.equals(icons.rasterize(svg, size)), `icon-${size}.png is not what icon.svg gives: run node scripts/dev/make-icons.js`);
  }
});

test('the icons are anti-aliased: edge pixels are partly covered, not only on or off', () => {
  for (const size of icons.SIZES) {
    const pixels = pixelsOf(committed(size));
    const partlyTransparent = pixels.filter(([, , , a]) => a > 0 && a < 255).length;
    // Inside the disc, where the white handset meets the teal: colours between the two.
    const blended = pixels.filter(([r, g, b, a]) => a === 255 && r > 40 && r < 220 && g > 130 && g < 240).length;
    assert.ok(partlyTransparent >= size, `${size} px: ${partlyTransparent} partly transparent pixels on the disc's edge`);
    assert.ok(blended >= size / 4, `${size} px: ${blended} pixels blend the handset into the disc`);
  }
});

test('at 16 px the handset stands out: a block of pixels with contrast of at least 4.5:1 to the disc', () => {
  const pixels = pixelsOf(committed(16));
  const disc = [15, 118, 110];
  const discPixels = pixels.filter(([r, g, b, a]) => a === 255 && r === disc[0] && g === disc[1] && b === disc[2]);
  assert.ok(discPixels.length >= 80, `the disc is there (${discPixels.length} pixels)`);
  const readable = pixels.filter(([r, g, b, a]) => a === 255 && contrast([r, g, b], disc) >= 4.5);
  assert.ok(readable.length >= 24, `${readable.length} handset pixels at 16 px with 4.5:1 to the disc`);
});

test('make-icons.js refuses what it does not read rather than drawing it wrong', () => {
  const wrap = (inner) => `<svg viewBox="0 0 10 10">${inner}</svg>`;
  assert.throws(() => icons.rasterize(wrap('<rect width="5" height="5" fill="#000000"/>'), 16), /<rect> is not read/);
  assert.throws(() => icons.rasterize(wrap('<path fill="#000000" d="M0 0 A 5 5 0 0 1 10 10 Z"/>'), 16), /"A" is not read/);
  assert.throws(() => icons.rasterize(wrap('<circle cx="5" cy="5" r="5" fill="teal"/>'), 16), /not #rrggbb/);
  assert.throws(() => icons.rasterize('<svg><circle cx="5" cy="5" r="5" fill="#000000"/></svg>', 16), /no viewBox/);
});
