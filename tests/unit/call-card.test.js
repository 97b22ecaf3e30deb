'use strict';
// shared/call-card.js: the call card the popup and the dock bar show, in both languages.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { describe, elapsed } = require('../../extension/shared/call-card.js');

const root = path.join(__dirname, '..', '..');
function translator(lang) {
  const messages = JSON.parse(fs.readFileSync(path.join(root, 'extension', '_locales', lang, 'messages.json'), 'utf8'));
  return (key, subs = []) => {
    const entry = messages[key];
    if (!entry) return '';
    return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (whole, name) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content;
      return content ? content.replace(/\$(\d)/g, (_, n) => subs[Number(n) - 1] ?? '') : whole;
    });
  };
}

test('the time since the call began: m:ss, then h:mm:ss, never negative', () => {
  assert.equal(elapsed(0, 5000), '0:05');
  assert.equal(elapsed(0, 125000), '2:05');
  assert.equal(elapsed(0, 3723000), '1:02:03');
  assert.equal(elapsed(10000, 0), '0:00', 'a clock behind the start');
});

test('the card says direction, number as written, state and time, in English and Vietnamese', () => {
  const card = { direction: 'inbound', shown: '0900 000 101', sinceMs: 1000 };
  assert.equal(describe(card, 'ringing', 66000, translator('en')), 'Incoming · 0900 000 101 · ringing · 1:05');
  assert.equal(describe({ ...card, direction: 'outbound' }, 'inCall', 1000, translator('vi')), 'Gọi đi · 0900 000 101 · đang gọi · 0:00');
  assert.equal(describe(null, 'ready', 0, translator('en')), '');
  assert.equal(describe({ direction: 'inbound' }, 'ringing', 0, translator('en')), '', 'no number: no card');
});
