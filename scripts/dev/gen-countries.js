#!/usr/bin/env node
// Regenerates src/detect/countries.rs from libphonenumber-js "max" metadata: for every country
// calling code, the national numbers its plan allows (every number type of every region that
// shares the code), so that a "+" or "00" in front of a bank account or an id is not enough to
// make a phone number.
//
// libphonenumber writes each number type as a regular expression over digits, in a small
// subset of regex syntax: digits, \d, [classes], (?:groups|alternatives), {n}, {n,m} and ?.
// This script expands each expression into "rules": a length and, for each leading position,
// the set of digits allowed there (a 10-bit mask); later positions take any digit. Rules that
// differ in one position only are merged, which keeps the table small; the set of numbers
// they accept is exactly the expressions'.
'use strict';
const fs = require('fs');
const path = require('path');
const meta = require('libphonenumber-js/metadata.max.json');
const { version } = require('libphonenumber-js/package.json');

const ANY_DIGIT = 0x3ff;
/** Index of the number-type list in a metadata entry (fixed line, mobile, toll free, …). */
const TYPES = 11;

/** Parses one expression into a tree of {alt}, {seq}, {set: mask} and {repeat} nodes. */
function parse(source) {
  let i = 0;
  const fail = (why) => {
    throw new Error(`${why} at ${i} in ${source}`);
  };
  function alternatives() {
    const options = [sequence()];
    while (source[i] === '|') {
      i++;
      options.push(sequence());
    }
    return { alt: options };
  }
  function sequence() {
    const items = [];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') items.push(quantified(atom()));
    return { seq: items };
  }
  function digitClass() {
    let mask = 0;
    i++;
    while (source[i] !== ']') {
      if (source.startsWith('\\d', i)) {
        mask |= ANY_DIGIT;
        i += 2;
      } else if (source[i + 1] === '-' && source[i + 2] !== ']') {
        for (let d = Number(source[i]); d <= Number(source[i + 2]); d++) mask |= 1 << d;
        i += 3;
      } else if (/\d/.test(source[i])) {
        mask |= 1 << Number(source[i]);
        i++;
      } else fail('unexpected class member');
    }
    i++;
    return { set: mask };
  }
  function atom() {
    if (source.startsWith('(?:', i)) {
      i += 3;
      const inner = alternatives();
      if (source[i] !== ')') fail('unclosed group');
      i++;
      return inner;
    }
    if (source[i] === '[') return digitClass();
    if (source.startsWith('\\d', i)) {
      i += 2;
      return { set: ANY_DIGIT };
    }
    if (/\d/.test(source[i])) return { set: 1 << Number(source[i++]) };
    return fail('unsupported syntax');
  }
  function quantified(node) {
    if (source[i] === '?') {
      i++;
      return { repeat: node, min: 0, max: 1 };
    }
    if (source[i] !== '{') return node;
    const close = source.indexOf('}', i);
    const [min, max] = source.slice(i + 1, close).split(',');
    i = close + 1;
    return { repeat: node, min: Number(min), max: Number(max === undefined ? min : max) };
  }
  const tree = alternatives();
  if (i !== source.length) fail('trailing text');
  return tree;
}

/** Every sequence of digit masks the tree accepts. */
function expand(node) {
  if (node.set !== undefined) return [[node.set]];
  if (node.alt) return node.alt.flatMap(expand);
  const concat = (heads, tails) => heads.flatMap((h) => tails.map((t) => h.concat(t)));
  if (node.seq) return node.seq.reduce((acc, item) => concat(acc, expand(item)), [[]]);
  const once = expand(node.repeat);
  let out = [];
  let current = [[]];
  for (let k = 0; k <= node.max; k++) {
    if (k >= node.min) out = out.concat(current);
    if (k < node.max) current = concat(current, once);
  }
  return out;
}

/** A rule: {length, masks} with trailing any-digit masks dropped. */
function trimmed(length, masks) {
  let k = masks.length;
  while (k > 0 && masks[k - 1] === ANY_DIGIT) k--;
  return { length, masks: masks.slice(0, k) };
}

/** Merges rules equal but for one position, until nothing merges. */
function merge(rules) {
  let current = rules;
  for (let changed = true; changed; ) {
    changed = false;
    const widest = Math.max(0, ...current.map((r) => r.masks.length));
    for (let position = 0; position < widest; position++) {
      const byRest = new Map();
      for (const rule of current) {
        const masks = rule.masks.concat(Array(Math.max(0, position + 1 - rule.masks.length)).fill(ANY_DIGIT));
        const key = `${rule.length}|${masks.map((m, i) => (i === position ? '*' : m)).join(',')}`;
        const seen = byRest.get(key);
        if (seen) {
          if ((seen.masks[position] | masks[position]) !== seen.masks[position]) changed = true;
          seen.masks[position] |= masks[position];
        } else byRest.set(key, { length: rule.length, masks });
      }
      current = [...byRest.values()].map((r) => trimmed(r.length, r.masks));
    }
  }
  return current;
}

/** Index of the national (trunk) prefix in a metadata entry: "0", "8", "1", "06". */
const NATIONAL_PREFIX = 5;

const rulesByCode = new Map();
const nationalPrefixByCode = new Map();
function addTypes(code, types) {
  const rules = rulesByCode.get(code) || [];
  for (const type of types || []) {
    if (!type) continue;
    for (const masks of expand(parse(type[0]))) rules.push(trimmed(masks.length, masks));
  }
  rulesByCode.set(code, rules);
}
for (const [code, regions] of Object.entries(meta.country_calling_codes)) {
  for (const region of regions) if (meta.countries[region]) addTypes(Number(code), meta.countries[region][TYPES]);
  // The first region is the code's main one (US for +1, RU for +7, GB for +44).
  const main = meta.countries[regions[0]];
  if (main && main[NATIONAL_PREFIX]) nationalPrefixByCode.set(Number(code), main[NATIONAL_PREFIX]);
}
for (const [code, entry] of Object.entries(meta.nonGeographic || {})) addTypes(Number(code), entry[TYPES]);

const words = [];
const index = [];
for (const code of [...rulesByCode.keys()].sort((a, b) => a - b)) {
  const unique = new Map(rulesByCode.get(code).map((r) => [`${r.length}:${r.masks}`, r]));
  const rules = merge([...unique.values()]).sort((a, b) => a.length - b.length || a.masks.length - b.masks.length);
  if (rules.length === 0) continue;
  // The code's rules begin with 11 offsets (from the code's start): where the rules that
  // allow each first digit 0..9 begin, and where they end; a rule is listed under every first
  // digit it allows, so that a number is compared with those rules only.
  const start = words.length;
  const groups = [];
  for (let d = 0; d <= 9; d++) {
    const group = [];
    for (const rule of rules) {
      if (rule.masks.length === 0 || rule.masks[0] & (1 << d)) group.push((rule.length << 8) | rule.masks.length, ...rule.masks);
    }
    groups.push(group);
  }
  let offset = 11;
  for (const group of groups) {
    words.push(offset);
    offset += group.length;
  }
  words.push(offset);
  for (const group of groups) words.push(...group);
  index.push(`    (${code}, "${nationalPrefixByCode.get(code) || ''}", ${start}, ${words.length}),`);
}
// Every region (ISO 3166-1 alpha-2) with its calling code: the countries the agent may choose
// as the default. "001" (non-geographic codes such as +800) is no country.
const regions = Object.entries(meta.country_calling_codes)
  .flatMap(([code, list]) => list.filter((region) => /^[A-Z]{2}$/.test(region)).map((region) => [region, Number(code)]))
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const regionLines = [];
for (let i = 0; i < regions.length; i += 8) regionLines.push(`    ${regions.slice(i, i + 8).map(([r, c]) => `(*b"${r}", ${c})`).join(', ')},`);

const lines = [];
for (let i = 0; i < words.length; i += 16) lines.push(`    ${words.slice(i, i + 16).join(', ')},`);

const out = `// @generated by scripts/dev/gen-countries.js from libphonenumber-js metadata (max, libphonenumber-js ${version}).
// Do not edit by hand: run \`node scripts/dev/gen-countries.js\`.

/// (region, its country calling code): every ISO 3166-1 alpha-2 region the metadata knows.
/// Sorted by region. Bytes, not \`&str\`: no pointer per entry in the wasm.
#[rustfmt::skip]
pub const REGIONS: &[([u8; 2], u16)] = &[
${regionLines.join('\n')}
];

/// (country calling code, its national (trunk) prefix, start and end of its rules in
/// [\`PLAN_RULES\`]). Sorted by code.
#[rustfmt::skip]
pub const CALLING_CODES: &[(u16, &str, u32, u32)] = &[
${index.join('\n')}
];

/// The national numbers each calling code's plan allows. A code's part begins with 11 offsets
/// (from the part's start): where the rules for numbers beginning with 0, 1, … 9 begin, and
/// where they end. A rule is a header word (length of the national number << 8 | count of
/// masks that follow), then one mask per leading position, bit \`d\` set when digit \`d\` may
/// stand there; later positions take any digit.
#[rustfmt::skip]
pub const PLAN_RULES: &[u16] = &[
${lines.join('\n')}
];
`;
fs.writeFileSync(path.join(__dirname, '..', '..', 'src', 'detect', 'countries.rs'), out);
console.log(`wrote ${regions.length} regions, ${index.length} calling codes, ${words.length} rule words`);
