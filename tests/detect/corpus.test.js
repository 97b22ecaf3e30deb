'use strict';
// Precision and recall on the labelled CRM corpus: both must be at least 0.99.
const test = require('node:test');
const assert = require('node:assert/strict');
const { detect, corpus } = require('./engine.js');

test('precision and recall on tests/corpus are at least 0.99', () => {
  const lines = corpus();
  assert.ok(lines.length >= 1000, `the corpus has ${lines.length} labelled lines`);
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  const mistakes = [];
  for (const { text, expected } of lines) {
    const found = detect(text).map((f) => f.e164);
    const remaining = [...expected];
    for (const e164 of found) {
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
  const precision = truePositives / (truePositives + falsePositives);
  const recall = truePositives / (truePositives + falseNegatives);
  console.log(`corpus: ${lines.length} lines, ${truePositives + falseNegatives} numbers; precision ${precision.toFixed(4)}, recall ${recall.toFixed(4)}`);
  for (const m of mistakes.slice(0, 15)) console.log(`  ${m}`);
  assert.ok(precision >= 0.99, `precision ${precision}`);
  assert.ok(recall >= 0.99, `recall ${recall}`);
});
