'use strict';
// The detector as the extension runs it: the release wasm, loaded in Node.
const path = require('path');
const fs = require('fs');

const built = path.join(__dirname, '..', '..', 'dist', 'node', 'mycc_connect.js');
if (!fs.existsSync(built)) throw new Error('dist/node is missing: run scripts/build first');
const wasm = require(built);

/** [{start, end, raw, e164}] with UTF-16 offsets, as the content script gets them. */
function detect(text, country = 'VN') {
  return JSON.parse(wasm.detectJoined(text, country)).map(([start, end, e164]) => ({ start, end, e164, raw: text.slice(start, end) }));
}

/** The labelled CORPORA: `crm-lines.tsv` (CRM notes) or `real-shapes.tsv` (real-world shapes). */
const CORPORA = ['crm-lines.tsv', 'real-shapes.tsv'];

function corpus(name = CORPORA[0]) {
  const file = path.join(__dirname, '..', 'corpus', name);
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const tab = line.lastIndexOf('\t');
      const expected = line.slice(tab + 1);
      return { text: line.slice(0, tab), expected: expected ? expected.split(',') : [] };
    });
}

module.exports = { detect, corpus, CORPORA, wasm };
