'use strict';
// shared/errors.js against the real locales, and every error code the core can give against
// both locales: a code added in src/error.rs without an English and a Vietnamese message fails
// here. The codes come from the built wasm (scripts/build writes dist/node), so the list can't
// drift from the core's.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { describe, fieldLabel } = require('../../extension/shared/errors.js');

const root = path.join(__dirname, '..', '..');
const LOCALES = ['en', 'vi'];
const messages = Object.fromEntries(
  LOCALES.map((lang) => [lang, JSON.parse(fs.readFileSync(path.join(root, 'extension', '_locales', lang, 'messages.json'), 'utf8'))]),
);

function core() {
  const built = path.join(root, 'dist', 'node', 'mycc_connect.js');
  assert.ok(fs.existsSync(built), 'dist/node/mycc_connect.js is missing: run scripts/build first');
  return require(built);
}

/** i18n.getMessage as Chrome does it: $NAME$ → its placeholder's content, where $n → subs[n-1]. */
function translator(lang) {
  return (key, subs = []) => {
    const entry = messages[lang][key];
    if (!entry) return '';
    const list = Array.isArray(subs) ? subs : [subs];
    const fill = (text) => text.replace(/\$(\d)/g, (_, n) => list[Number(n) - 1] ?? '');
    return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name) => {
      const placeholder = entry.placeholders?.[name.toLowerCase()];
      return placeholder ? fill(placeholder.content) : whole;
    });
  };
}
const en = translator('en');
const vi = translator('vi');

test('an error reads as its field and its problem, in the UI language', () => {
  const error = { field: 'crms[1].searchUrl', code: 'notHttp', args: [], message: 'only http: and https: addresses are allowed' };
  assert.equal(describe(error, en), 'CRM 2 › Search address: only http: and https: addresses are allowed');
  assert.equal(describe(error, vi), 'CRM 2 › Địa chỉ tìm kiếm: chỉ chấp nhận địa chỉ http: và https:');
});

test('arguments go where the locale puts them', () => {
  const error = { field: 'crms[1].sites[0]', code: 'siteDuplicate', args: ['https://a.vn/*', '1', 'Odoo'], message: '' };
  assert.equal(describe(error, en), 'CRM 2 › Sites › line 1: "https://a.vn/*" is already a site of CRM 1 (Odoo)');
  assert.equal(describe(error, vi), 'CRM 2 › Các trang › dòng 1: "https://a.vn/*" đã là trang của CRM 1 (Odoo)');
  const range = { field: 'dialWaitSeconds', code: 'outOfRange', args: ['2', '5', '600'], message: '' };
  assert.equal(describe(range, vi), 'Thời gian chờ WebPhone: 2 không nằm trong khoảng từ 5 đến 600');
});

test('an error about the whole document has no label and starts with a capital', () => {
  const error = { field: '', code: 'crmsLocked', args: [], message: '' };
  assert.equal(describe(error, en), "The CRM list is set by your IT department and can't be changed here");
  assert.equal(describe({ field: '', code: 'notJson', args: ['x'], message: '' }, vi), 'Không phải JSON hợp lệ (x)');
});

test('what the locale lacks falls back to the English message and the path', () => {
  const none = () => '';
  const error = { field: 'crms[0].color', code: 'somethingNew', args: [], message: 'is odd' };
  assert.equal(describe(error, none), 'crms[0] › color: is odd');
  assert.equal(describe(error, en), 'CRM 1 › color: is odd');
  assert.equal(describe('a plain string', en), 'a plain string', 'the hub may reply with a string');
  assert.equal(describe(null, en), '');
});

test('every field the core names has a label in both locales', () => {
  const paths = ['webphoneUrl', 'defaultCountry', 'dock', 'dialWaitSeconds', 'crms', 'locked', 'sample', 'searchUrl', 'crms[0]',
    'crms[0].name', 'crms[0].sites', 'crms[0].sites[3]', 'crms[0].searchUrl', 'crms[0].popOn', 'crms[0].popFor', 'crms[0].popTarget', 'crms[0].pageApi'];
  for (const lang of LOCALES) {
    const strict = (key, subs) => {
      assert.ok(messages[lang][key], `${lang} lacks ${key}`);
      return translator(lang)(key, subs);
    };
    for (const field of paths) assert.ok(fieldLabel(field, strict), `${lang}: ${field}`);
  }
  assert.equal(fieldLabel('crms[0].sites[3]', en), 'CRM 1 › Sites › line 4');
});

test('every code the core can give has an English and a Vietnamese message with its arguments', () => {
  const codes = JSON.parse(core().errorCodes());
  assert.ok(codes.length >= 25, `only ${codes.length} codes`);
  for (const { code, args } of codes) {
    for (const lang of LOCALES) {
      const entry = messages[lang][`err_${code}`];
      assert.ok(entry, `${lang}/messages.json lacks err_${code}`);
      const declared = Object.values(entry.placeholders ?? {}).map((p) => p.content);
      const expected = Array.from({ length: args }, (_, i) => `$${i + 1}`);
      assert.deepEqual(declared.sort(), expected, `${lang} err_${code}: one placeholder per argument`);
      for (const [, name] of entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)) {
        assert.ok(entry.placeholders?.[name.toLowerCase()], `${lang} err_${code}: $${name}$ is not declared`);
      }
    }
  }
});

test('both locales have the same keys and placeholders', () => {
  assert.deepEqual(Object.keys(messages.vi).sort(), Object.keys(messages.en).sort());
  for (const key of Object.keys(messages.en)) {
    const names = (lang) => Object.keys(messages[lang][key].placeholders ?? {}).sort();
    assert.deepEqual(names('vi'), names('en'), key);
  }
});
