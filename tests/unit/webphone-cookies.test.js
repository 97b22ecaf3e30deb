'use strict';
// background/webphone-cookies.js with the fake browser: Chromium's dock keeps the WebPhone's
// login only if the WebPhone's cookies are allowed under every site, at every start and for the
// WebPhone of the settings in force.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadBackground, senders, until } = require('./fake-browser.js');
const { MSG } = require('../../extension/shared/protocol.js');

const CRM = 'https://crm.example.vn';
const settings = (webphoneUrl, extra = {}) => ({
  webphoneUrl,
  crms: [{ name: 'CRM', sites: [`${CRM}/*`], searchUrl: `${CRM}/search?q={phone}` }],
  ...extra,
});
const allowed = (pattern) => ['set', { primaryPattern: pattern, secondaryPattern: '<all_urls>', setting: 'allow', scope: 'regular' }];
const CLEARED = ['clear', { scope: 'regular' }];

async function chromiumBackground(webphoneUrl) {
  const bg = loadBackground({ tabs: [{ id: 7, url: `${CRM}/list` }], contentSettings: true });
  await bg.browser.storage.sync.set({ settings: settings(webphoneUrl) });
  return { bg, calls: bg.browser.contentSettings.cookies.calls };
}

test("at install or update, the WebPhone's cookies are allowed under every site, for its origin and port alone", async () => {
  const { bg, calls } = await chromiumBackground('https://phone.example.vn/webphone?x=1');
  await until(() => calls.length >= 2, 'the content setting made'); // the settings just stored count as a change
  calls.length = 0;
  bg.browser.runtime.onInstalled.fire({ reason: 'update' });
  await until(() => calls.length >= 2, 'the content setting made again');
  assert.deepEqual(calls, [CLEARED, allowed('https://phone.example.vn:443/*')], 'the default port is written out: a pattern without one matches every port');

  const other = await chromiumBackground('http://127.0.0.1:8443/webphone');
  other.bg.browser.runtime.onInstalled.fire({ reason: 'install' });
  await until(() => other.calls.filter(([method]) => method === 'set').length >= 2, 'the content setting made at install');
  assert.deepEqual(other.calls.at(-1), allowed('http://127.0.0.1:8443/*'));
});

test('at every browser start the setting is made again: Chromium forgets it over a restart', async () => {
  const { bg, calls } = await chromiumBackground('https://phone.example.vn/webphone');
  await until(() => calls.length >= 2, 'the content setting made');
  calls.length = 0;
  bg.browser.runtime.onStartup.fire();
  await until(() => calls.length >= 2, 'the content setting made at start');
  assert.deepEqual(calls, [CLEARED, allowed('https://phone.example.vn:443/*')]);
});

test("another WebPhone address clears what was allowed for the old one; other settings' changes leave it", async () => {
  const { bg, calls } = await chromiumBackground('https://phone.example.vn/webphone');
  await until(() => calls.length >= 2, 'the content setting made');
  calls.length = 0;
  await bg.browser.storage.sync.set({ settings: settings('https://phone.example.vn/other-path', { defaultCountry: 'US' }) });
  await bg.run('webphoneCookiesWork'); // the change's turn, queued as the settings were stored
  assert.deepEqual(calls, [], 'the same WebPhone origin: nothing to change');
  await bg.browser.storage.sync.set({ settings: settings('https://pbx.example.vn:9443/webphone') });
  await until(() => calls.length >= 2, 'the new WebPhone allowed');
  await until(async () => (await bg.browser.storage.session.get('webphoneCookiePattern')).webphoneCookiePattern === 'https://pbx.example.vn:9443/*', 'the pattern remembered');
  assert.deepEqual(calls, [CLEARED, allowed('https://pbx.example.vn:9443/*')], 'only the change of origin made a change, the old one cleared first');
});

test('a browser without contentSettings (Firefox) is left alone; a failing one is logged and the router still answers', async () => {
  const firefox = loadBackground({ tabs: [] });
  assert.equal(firefox.browser.contentSettings, undefined);
  firefox.browser.runtime.onStartup.fire();
  await firefox.browser.storage.sync.set({ settings: settings('https://phone.example.vn/webphone') });
  assert.equal(await firefox.run('allowWebphoneCookies({ atStart: true })'), undefined, 'nothing to do, and no error');

  const { bg, calls } = await chromiumBackground('https://phone.example.vn/webphone');
  await until(() => calls.length >= 2, 'the content setting made');
  const logged = [];
  bg.context.console.error = (...args) => logged.push(args.map(String).join(' '));
  bg.browser.contentSettings.cookies.failWith = new Error('refused');
  await Promise.all(bg.browser.runtime.onStartup.listeners.map((listener) => listener()));
  assert.ok(logged.some((line) => line.includes("could not allow the WebPhone's cookies") && line.includes('refused')), 'the failure is logged');
  const status = await bg.send({ kind: MSG.POPUP_STATUS, tabId: 7 }, senders.popup());
  assert.equal(status.dockMode, 'page', 'the router still answers');
});
