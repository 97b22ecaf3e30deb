'use strict';
// Every number the detector accepts as Vietnamese must be valid under libphonenumber-js's
// full metadata too, except the legacy 11-digit mobiles, which libphonenumber no longer knows.
const test = require('node:test');
const assert = require('node:assert/strict');
const { isValidPhoneNumber, findPhoneNumbersInText } = require('libphonenumber-js/max');
const { detect, corpus, CORPORA } = require('./engine.js');
const { seededRandom } = require('../../scripts/dev/corpus-lines.js');

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

test('accepted Vietnamese numbers are valid for libphonenumber-js (corpora)', () => {
  const stats = { checked: 0, legacy: 0, disagreements: [] };
  for (const { text } of CORPORA.flatMap((name) => corpus(name))) check(text, stats);
  console.log(`differential (corpora): ${stats.checked} numbers checked, ${stats.legacy} legacy forms`);
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

// Agreement with libphonenumber-js on random strings, `00…` and `+…` included: every number we
// accept must be valid there (judged), and on strings written with a trunk `0` or an
// international prefix we must find what findPhoneNumbersInText finds (both ways). Numbers we
// renumber (pre-2017 area codes, 11-digit mobiles) are excepted: libphonenumber knows only
// today's plan. Bare national numbers without a trunk `0` are left out of the two-way count:
// libphonenumber reads `383668029` as a mobile, we deliberately do not.
test('agreement with libphonenumber-js on random strings, 00 and + included', () => {
  const rand = seededRandom(11);
  const written = (raw) => raw.replace(/\D/g, '').replace(/^(00|\+)?84/, '0');
  const renumbered = (f) => f.e164.startsWith('+84') && !/^\+841[89]00/.test(f.e164) && `0${f.e164.slice(3)}` !== written(f.raw);
  const prefixes = ['0', '84', '+84', '0084', '1800', '1900', '00', '00', '+', ''];
  let accepted = 0, valid = 0, excepted = 0, strings = 0, same = 0;
  const disagreements = [];
  for (let i = 0; i < 40000; i++) {
    const prefix = prefixes[Math.floor(rand() * prefixes.length)];
    let digits = '';
    for (let d = 8 + Math.floor(rand() * 7); d > 0; d--) digits += Math.floor(rand() * 10);
    const text = `SĐT ${prefix}${digits}`;
    const ours = detect(text);
    if (ours.some(renumbered)) {
      excepted++;
      continue;
    }
    for (const f of ours) {
      accepted++;
      if (isValidPhoneNumber(f.e164)) valid++;
      else disagreements.push(`accepted ${f.e164} in: ${text}`);
    }
    if (prefix === '' || prefix === '84') continue;
    strings++;
    const theirs = findPhoneNumbersInText(text, 'VN').map((m) => m.number.number).join(',');
    if (ours.map((f) => f.e164).join(',') === theirs) same++;
    else disagreements.push(`ours ${ours.map((f) => f.e164).join(',') || '-'}, theirs ${theirs || '-'}: ${text}`);
  }
  console.log(`agreement (random): judged ${valid}/${accepted} = ${(valid / accepted).toFixed(4)}, two-way ${same}/${strings} = ${(same / strings).toFixed(4)}, ${excepted} renumbered excepted`);
  for (const d of disagreements.slice(0, 8)) console.log(`  ${d}`);
  assert.ok(valid / accepted >= 0.999 && same / strings >= 0.999);
});
