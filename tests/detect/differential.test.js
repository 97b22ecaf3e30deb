'use strict';
// Every number the detector accepts as Vietnamese must be valid under libphonenumber-js's
// full metadata too, except the legacy 11-digit mobiles, which libphonenumber no longer knows.
const test = require('node:test');
const assert = require('node:assert/strict');
const { isValidPhoneNumber } = require('libphonenumber-js/max');
const { detect, corpus } = require('./engine.js');

const isLegacyForm = (raw) => /^0?1\d{9}$/.test(raw.replace(/\D/g, '').replace(/^84/, '0').replace(/^0084/, '0'));

function check(text, stats) {
  for (const f of detect(text)) {
    if (!f.e164.startsWith('+84')) continue;
    stats.checked++;
    if (isValidPhoneNumber(f.e164)) continue;
    if (isLegacyForm(f.raw)) {
      stats.legacy++;
      continue;
    }
    stats.disagreements.push(`${f.e164} from "${f.raw}" in: ${text}`);
  }
}

test('accepted Vietnamese numbers are valid for libphonenumber-js (corpus)', () => {
  const stats = { checked: 0, legacy: 0, disagreements: [] };
  for (const { text } of corpus()) check(text, stats);
  console.log(`differential (corpus): ${stats.checked} numbers checked, ${stats.legacy} legacy forms`);
  assert.ok(stats.checked > 500);
  assert.deepEqual(stats.disagreements, []);
});

test('accepted Vietnamese numbers are valid for libphonenumber-js (random digit strings)', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const stats = { checked: 0, legacy: 0, disagreements: [] };
  for (let i = 0; i < 40000; i++) {
    const length = 8 + Math.floor(rand() * 5);
    let digits = '';
    for (let d = 0; d < length; d++) digits += Math.floor(rand() * 10);
    const prefix = ['0', '', '84', '+84', '0084', '1800', '1900'][Math.floor(rand() * 7)];
    check(`SĐT ${prefix}${digits}`, stats);
  }
  console.log(`differential (random): ${stats.checked} numbers accepted and checked, ${stats.legacy} legacy forms`);
  assert.ok(stats.checked > 1000);
  assert.deepEqual(stats.disagreements.slice(0, 10), []);
});
