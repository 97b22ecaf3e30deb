#!/usr/bin/env node
// Detector throughput: our release wasm vs libphonenumber-js findPhoneNumbersInText (max
// metadata, default country VN) on the same CRM-like text (the labelled corpus, repeated),
// in one process. Reports MB/s for each and the ratio, at three sizes to show linear time.
'use strict';
const path = require('path');
const { findPhoneNumbersInText } = require('libphonenumber-js/max');
const { detect, corpus, CORPORA } = require(path.join(__dirname, '..', '..', 'tests', 'detect', 'engine.js'));
const { wasm } = require(path.join(__dirname, '..', '..', 'tests', 'detect', 'engine.js'));

let lines = corpus().map((l) => l.text);
function textOfSize(bytes) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = lines[i % lines.length];
    parts.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return parts.join('\n');
}

function measure(fn, text, minMs = 400) {
  fn(text); // warm up
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  do {
    fn(text);
    runs++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  } while (elapsed < minMs);
  const mb = Buffer.byteLength(text) / 1e6;
  return { msPerRun: elapsed / runs, mbPerSec: (mb * runs) / (elapsed / 1000) };
}

const ours = (text) => wasm.detectJoined(text, 'VN');
const reference = (text) => findPhoneNumbersInText(text, 'VN');

console.log('detector throughput (CRM corpus text; MB/s, higher is better)');
const sizes = [
  ['1 KB', 1_000],
  ['100 KB', 100_000],
  ['10 MB', 10_000_000],
];
const rows = [];
for (const [label, bytes] of sizes) {
  const text = textOfSize(bytes);
  const a = measure(ours, text, bytes > 1e6 ? 1500 : 400);
  // libphonenumber-js at 10 MB takes seconds a run; one timed run is enough there.
  const b = measure(reference, text, bytes > 1e6 ? 1 : 400);
  rows.push({ label, ours: a, reference: b });
  console.log(
    `  ${label.padEnd(7)} myCC wasm ${a.mbPerSec.toFixed(1).padStart(7)} MB/s (${a.msPerRun.toFixed(3)} ms) | ` +
      `libphonenumber-js ${b.mbPerSec.toFixed(2).padStart(6)} MB/s (${b.msPerRun.toFixed(1)} ms) | ratio ${(a.mbPerSec / b.mbPerSec).toFixed(0)}x`,
  );
}
const perByte = rows.map((r) => r.ours.msPerRun / Buffer.byteLength(textOfSize(sizes[rows.indexOf(r)][1])));
console.log(`  linearity: time per byte at 10 MB / at 100 KB = ${(perByte[2] / perByte[1]).toFixed(2)} (1.00 is linear)`);
const found = detect(textOfSize(100_000)).length;
const theirs = reference(textOfSize(100_000)).length;
console.log(`  numbers found in the 100 KB text: myCC ${found}, libphonenumber-js ${theirs} (precision and recall: tests/detect/corpus.test.js)`);
const worst = Math.min(...rows.map((r) => r.ours.mbPerSec / r.reference.mbPerSec));
console.log(`  target: at least 30x libphonenumber-js at every size; lowest here ${worst.toFixed(0)}x`);

// The real-shape corpus holds about twice the numbers per byte (directories, footers): the
// detector's work grows with the numbers it reports, libphonenumber-js's less so.
lines = corpus(CORPORA[1]).map((l) => l.text);
const dense = textOfSize(1_000_000);
const ours1 = measure(ours, dense, 600);
const theirs1 = measure(reference, dense, 1);
console.log(
  `  real-shape text, 1 MB: myCC wasm ${ours1.mbPerSec.toFixed(1)} MB/s | libphonenumber-js ${theirs1.mbPerSec.toFixed(2)} MB/s | ratio ${(ours1.mbPerSec / theirs1.mbPerSec).toFixed(0)}x`,
);
