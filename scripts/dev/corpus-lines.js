'use strict';
// What the corpus generators (gen-corpus.js, gen-real-shapes.js) share: a seeded random source,
// the assembly of a line from text and numbers, and the TSV they write.
const fs = require('fs');

/** A seeded generator of floats in [0, 1) (mulberry32): the same seed, the same corpus. */
function seededRandom(seed) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A line from its parts: strings, and {text, e164} for each number it holds. */
function assemble(parts) {
  let text = '';
  const expected = [];
  for (const part of parts) {
    if (typeof part === 'string') text += part;
    else {
      text += part.text;
      expected.push(part.e164);
    }
  }
  return [text, expected];
}

/** Writes `text<TAB>E.164,E.164` lines under a header; tabs inside a text become spaces. */
function writeTsv(file, header, lines) {
  const body = lines.map(([text, e164]) => `${text.replace(/\t/g, ' ')}\t${e164.join(',')}`).join('\n');
  fs.writeFileSync(file, `${header}\n${body}\n`);
}

module.exports = { seededRandom, assemble, writeTsv };
