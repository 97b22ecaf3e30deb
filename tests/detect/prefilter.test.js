'use strict';
// The content script skips text that fails its cheap prefilter (MAY_HOLD_NUMBER in
// extension/content/marks.js) without asking the engine. So the prefilter must pass every
// text in which the engine finds a number: checked on the corpus and on random text that glues
// digits to letters, digits and separators of all kinds.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { detect, corpus, CORPORA } = require('./engine.js');

function prefilter() {
  const source = fs.readFileSync(path.join(__dirname, '..', '..', 'extension', 'content', 'marks.js'), 'utf8');
  const literal = source.match(/const MAY_HOLD_NUMBER = (\/.+\/[a-z]*);/);
  assert.ok(literal, 'MAY_HOLD_NUMBER is a regular expression literal in marks.js');
  return new Function(`return ${literal[1]};`)();
}

test('the prefilter passes every corpus line with a number, and rejects some lines', () => {
  const mayHold = prefilter();
  let rejected = 0;
  for (const { text } of CORPORA.flatMap((name) => corpus(name))) {
    if (detect(text).length) assert.ok(mayHold.test(text), `the prefilter rejects a line with a number: ${text}`);
    else if (!mayHold.test(text)) rejected++;
  }
  assert.ok(rejected > 20, `the prefilter rejects ${rejected} lines without numbers`);
});

test('the prefilter passes every random text in which the engine finds a number', () => {
  const mayHold = prefilter();
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pieces = ['0912', '345', '678', '028', '3823', '4567', '+84', '1900', '54', ' ', '.', '-', '(', ')', '\u00a0', 'ĐT', 'số', 'x', '_', ':', '/', '\u0301', '٣', '😀', '０９８２', '（', '）', '．', '－', '\u3000', 'Tel.', '-76'];
  let withNumbers = 0;
  for (let i = 0; i < 60000; i++) {
    let text = '';
    const length = 1 + Math.floor(rand() * 12);
    for (let p = 0; p < length; p++) text += pieces[Math.floor(rand() * pieces.length)];
    if (!detect(text).length) continue;
    withNumbers++;
    assert.ok(mayHold.test(text), `the prefilter rejects a text with a number: ${JSON.stringify(text)}`);
  }
  assert.ok(withNumbers > 500, `${withNumbers} random texts held a number`);
});
