'use strict';
// The settings exports of the built wasm, as the background and the options page call them:
// JSON strings in and out, errors as {field, code, args, message}, nothing thrown.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');

const built = path.join(__dirname, '..', '..', 'dist', 'node', 'mycc_connect.js');
const core = () => {
  assert.ok(fs.existsSync(built), 'dist/node/mycc_connect.js is missing: run scripts/build first');
  return require(built);
};
const call = (name, ...args) => JSON.parse(core()[name](...args.map((a) => (typeof a === 'object' ? JSON.stringify(a) : a))));

const IT_CRM = { name: 'IT', sites: ['https://a.example/*'], searchUrl: 'https://a.example/?q={phone}' };
const POLICY = { webphoneUrl: 'https://it.example/phone', crms: [IT_CRM] };

test('settingsInForce never fails and names what it set aside', () => {
  const fine = call('settingsInForce', {}, 'null');
  assert.deepEqual(Object.keys(fine), ['settings', 'locked', 'changeable', 'webphoneOrigin', 'problems']);
  assert.deepEqual(fine.changeable, ['webphoneUrl', 'defaultCountry', 'dock', 'dialWaitSeconds', 'crms'], 'no policy: everything');
  const locked = call('settingsInForce', {}, { ...POLICY, locked: ['webphoneUrl', 'crms'] });
  assert.deepEqual([locked.locked, locked.changeable], [['webphoneUrl', 'crms'], ['defaultCountry', 'dock', 'dialWaitSeconds']]);
  assert.equal(fine.settings.dialWaitSeconds, 30);
  assert.deepEqual(fine.problems, []);
  const bad = call('settingsInForce', { dock: 'x' }, { ...POLICY, locked: 'crms' });
  assert.deepEqual(bad.problems.map((p) => [p.source, p.error.field, p.error.code]), [
    ['policy', 'locked', 'notList'],
    ['agent', 'dock', 'notOneOf'],
  ]);
  assert.deepEqual(bad.problems[1].error.args, ['x', 'page, sidepanel']);
  assert.equal(call('settingsInForce', '{', '{}').problems[0].error.code, 'notJson');
  assert.equal(call('settingsInForce', '{}', '{}').webphoneOrigin, 'https://mycc.vn');
});

test('countryList: every region the core accepts as the default country, with its calling code', () => {
  const list = call('countryList');
  assert.ok(list.length > 200, `every region, not a few (${list.length})`);
  assert.deepEqual(list.find((c) => c.code === 'VN'), { code: 'VN', callingCode: 84 });
  assert.deepEqual(list.map((c) => c.code), [...list.map((c) => c.code)].sort(), 'sorted by code');
  for (const { code } of list) assert.equal(call('normalizeSettings', { defaultCountry: code }).ok, true, code);
  // The core, not the list, decides validity: a code it does not know is refused in words.
  const refused = call('normalizeSettings', { defaultCountry: 'XX' });
  assert.deepEqual([refused.ok, refused.error.field, refused.error.code], [false, 'defaultCountry', 'countryUnknown']);
});

test('editFromForm returns the agent document: what differs from the unlocked policy', () => {
  const form = call('settingsInForce', {}, POLICY).settings;
  form.dock = 'sidepanel';
  assert.deepEqual(call('editFromForm', {}, POLICY, form), { ok: true, user: { dock: 'sidepanel' } });
  form.crms[0].searchUrl = 'ftp://x/{phone}';
  const refused = call('editFromForm', {}, POLICY, form);
  assert.equal(refused.ok, false);
  assert.deepEqual(refused.error, { field: 'crms[0].searchUrl', code: 'notHttp', args: [], message: 'only http: and https: addresses are allowed' });
});

test('editImport names the fields a locked policy kept', () => {
  const file = JSON.stringify({ webphoneUrl: 'https://other.example/', dock: 'sidepanel' });
  const result = call('editImport', {}, { ...POLICY, locked: ['webphoneUrl'] }, file);
  assert.deepEqual(result, { ok: true, user: { dock: 'sidepanel' }, keptByPolicy: ['webphoneUrl'] });
  assert.equal(call('editImport', {}, 'null', '{oops').error.code, 'notJson');
});

test('editSite and siteStatus work on the CRM list in force', () => {
  const on = call('editSite', {}, POLICY, 'https://b.example/x', true, -1);
  assert.equal(on.ok, true);
  assert.deepEqual(on.user.crms.map((c) => c.name), ['IT', 'b.example']);
  const status = call('siteStatus', on.user, POLICY, 'https://b.example/y');
  assert.deepEqual(status, { pattern: 'https://b.example/*', crmIndex: 1, crmName: 'b.example', removable: true, crms: ['IT', 'b.example'], locked: false });
  const off = call('editSite', on.user, POLICY, 'https://b.example/y', false, -1);
  assert.deepEqual(off, { ok: true, user: {} });
  assert.deepEqual(call('siteStatus', {}, 'null', 'about:blank').pattern, null);
  const locked = call('editSite', {}, { ...POLICY, locked: ['crms'] }, 'https://b.example/', true, -1);
  assert.deepEqual([locked.ok, locked.error.code], [false, 'crmsLocked']);
  assert.equal(call('editSite', {}, 'null', 'file:///etc/passwd', true, -1).error.code, 'siteNotWeb');
});

test('testTemplate and normalizeSettings refuse with an error value', () => {
  assert.deepEqual(call('testTemplate', 'https://x.vn/?q={nope}', '0982861121', 'VN').error.code, 'templateUnknownPlaceholder');
  assert.deepEqual(call('testTemplate', 'https://x.vn/?q={phone}', 'abc', 'VN').error, {
    field: 'sample', code: 'sampleNotPhone', args: ['abc'], message: '"abc" is not a phone number',
  });
  assert.equal(call('testTemplate', 'https://x.vn/?q={phone}', '0982 861 121', 'VN').url, 'https://x.vn/?q=0982861121');
  assert.equal(call('normalizeSettings', { dialWaitSeconds: 2 }).error.code, 'outOfRange');
  assert.equal(core().effectiveSettings, undefined, 'replaced by settingsInForce');
});
