'use strict';
// Precision and recall on each labelled corpus (tests/corpus/*.tsv): both must be at least 0.99.
const test = require('node:test');
const assert = require('node:assert/strict');
const { findPhoneNumbersInText } = require('libphonenumber-js/max');
const { detect, corpus, CORPORA } = require('./engine.js');

/** Precision and recall of `find` (a line -> E.164 numbers) against the labels. */
function score(lines, find) {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  const mistakes = [];
  for (const { text, expected } of lines) {
    const remaining = [...expected];
    for (const e164 of find(text)) {
      const i = remaining.indexOf(e164);
      if (i >= 0) {
        remaining.splice(i, 1);
        truePositives++;
      } else {
        falsePositives++;
        mistakes.push(`false positive ${e164} in: ${text}`);
      }
    }
    falseNegatives += remaining.length;
    for (const missed of remaining) mistakes.push(`missed ${missed} in: ${text}`);
  }
  return {
    precision: truePositives / (truePositives + falsePositives),
    recall: truePositives / (truePositives + falseNegatives),
    numbers: truePositives + falseNegatives,
    mistakes,
  };
}

for (const name of CORPORA) {
  test(`precision and recall on tests/corpus/${name} are at least 0.99, and beat libphonenumber-js`, () => {
    const lines = corpus(name);
    assert.ok(lines.length >= 1000, `the corpus has ${lines.length} labelled lines`);
    const ours = score(lines, (text) => detect(text).map((f) => f.e164));
    const reference = score(lines, (text) => findPhoneNumbersInText(text, 'VN').map((m) => m.number.number));
    console.log(`corpus ${name}: ${lines.length} lines, ${ours.numbers} numbers`);
    console.log(`  myCC:              precision ${ours.precision.toFixed(4)}, recall ${ours.recall.toFixed(4)}`);
    console.log(`  libphonenumber-js: precision ${reference.precision.toFixed(4)}, recall ${reference.recall.toFixed(4)}`);
    for (const m of ours.mistakes.slice(0, 15)) console.log(`  ${m}`);
    assert.ok(ours.precision >= 0.99, `precision ${ours.precision}`);
    assert.ok(ours.recall >= 0.99, `recall ${ours.recall}`);
    assert.ok(ours.precision >= reference.precision && ours.recall >= reference.recall, 'at least as accurate as libphonenumber-js');
  });
}
