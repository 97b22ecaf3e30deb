'use strict';
// The toolbar popup: use myCC on this site, show or hide the WebPhone.
const assert = require('node:assert/strict');
const { waitUntil, settingsFor, configure, storedSettings, dockOpen, markedNumbers, marksAtLeast, tabIdOf } = require('../helpers.js');

const SCENARIOS = {
  async 'the toolbar popup turns myCC on for this site and off again'(driver, env) {
    await configure(driver, { ...settingsFor(env), crms: [] });
    await driver.goto(`${env.crmOrigin}/pages/list.html`);
    const tabId = await tabIdOf(driver, `${env.crmOrigin}/pages/list.html`);
    assert.ok(Number.isInteger(tabId), 'the CRM tab is found');
    const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
    await waitUntil(() => popup.evaluate(() => document.getElementById('site').textContent), { what: 'the popup' });
    assert.equal(await popup.evaluate(() => document.getElementById('site').textContent), `${env.crmOrigin}/*`);
    // The popup has the background's word that the site is not a CRM (the page asked the same
    // background, with the same settings, before its load event).
    assert.equal(await popup.evaluate(() => document.getElementById('use').checked), false, 'the popup says not a CRM');
    assert.equal((await markedNumbers(driver)).length, 0, 'not a CRM yet');
    await popup.click('#use');
    await marksAtLeast(driver, 5, 'the page marked after turning the site on');
    const saved = await storedSettings(driver);
    assert.deepEqual(saved.crms.map((c) => [c.name, c.sites]), [['127.0.0.1', [`${env.crmOrigin}/*`]]]);
    // Show or hide the WebPhone from the popup.
    await waitUntil(() => driver.evaluate(() => Boolean(document.querySelector('[data-mycc-dock]'))), { what: 'the dock' });
    const before = await dockOpen(driver);
    await popup.click('#toggle'); // the popup closes itself after this
    await waitUntil(async () => (await dockOpen(driver)) !== before, { what: 'the popup to toggle the dock' });
    const again = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
    await waitUntil(() => again.evaluate(() => document.getElementById('use').checked), { what: 'the popup again' });
    await again.click('#use');
    await waitUntil(async () => (await markedNumbers(driver)).length === 0, { what: 'the marks gone after turning it off' });
    await again.close();
  },

  async "the popup's empty states say what to do next"(driver, env) {
    await configure(driver, settingsFor(env));
    await driver.extension(async () => (globalThis.browser ?? globalThis.chrome).storage.local.remove('recentCalls'));
    const url = `${env.crmOrigin}/pages/list.html`;
    await driver.goto(url);
    const tabId = await waitUntil(() => tabIdOf(driver, url), { what: 'the CRM tab' });
    const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
    try {
      const empty = await waitUntil(() => popup.evaluate(() => !document.getElementById('recent-empty').hidden && document.getElementById('recent-empty').textContent), { what: 'the empty list of recent calls' });
      assert.match(empty, /^No calls yet\. Click a number on a CRM page to call it/);
    } finally {
      await popup.close();
    }
    // A page that is not a web page (here the popup's own tab): where to go instead.
    await driver.gotoExtensionPage('popup.html');
    const site = await waitUntil(() => driver.evaluate(() => document.getElementById('site').textContent), { what: 'the site line' });
    assert.match(site, /web pages \(http and https\) only\. Open your CRM in a tab, then open this again from there\./);
    assert.equal(await driver.evaluate(() => document.getElementById('site-controls').hidden), true);
  },
};

module.exports = { SCENARIOS, CHROMIUM_ONLY: {} };
