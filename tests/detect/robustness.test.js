'use strict';
// Random and adversarial text through the release wasm, for a bounded number of cases: it
// must never trap (a Rust panic would) and its answers must stay well-formed.
const test = require('node:test');
const assert = require('node:assert/strict');
const { detect } = require('./engine.js');

function wellFormed(text, found) {
  let last = 0;
  for (const f of found) {
    assert.ok(f.start >= last && f.end > f.start && f.end <= text.length, `span ${f.start}..${f.end} in a text of ${text.length}`);
    assert.match(f.e164, /^\+[1-9]\d{6,14}$/);
    assert.match(f.raw, /[\d\uff10-\uff19]/);
    last = f.end;
  }
}

test('random text of digits, separators and mixed scripts', () => {
  let seed = 99;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const alphabet = ['0', '1', '2', '3', '8', '9', '4', ' ', '.', '-', '(', ')', '+', '\u00a0', 'đ', 'a', 'Ư', '😀', '\u0000', '\n', '#', '@', ',', '/', '\ud800', '\udfff', 'x', '０', '９', '（', '）', '．', '－', '\u3000', '_', '\uff01'];
  for (let i = 0; i < 3000; i++) {
    const length = Math.floor(rand() * 200);
    let text = '';
    for (let c = 0; c < length; c++) text += alphabet[Math.floor(rand() * alphabet.length)];
    wellFormed(text, detect(text));
  }
});

test('adversarial shapes: long digit runs, separators only, many tiny groups, lone surrogates', () => {
  const cases = [
    '9'.repeat(1_000_000),
    ' .-()'.repeat(200_000),
    '0 '.repeat(300_000),
    '+'.repeat(100_000) + '84',
    '(+84) '.repeat(50_000),
    '0982861121'.repeat(50_000),
    '\ud800'.repeat(10_000) + '0982 861 121' + '\udfff'.repeat(10_000),
    'đ0982861121'.repeat(20_000),
    '０９８２８６１１２１ '.repeat(50_000),
    '0383844123 '.repeat(50_000),
    '1234567-'.repeat(100_000),
  ];
  for (const text of cases) wellFormed(text, detect(text));
  const surrogate = detect('\ud800 0982 861 121');
  assert.deepEqual(surrogate.map((f) => [f.start, f.end]), [[2, 14]], 'UTF-16 offsets survive a lone surrogate');
});
