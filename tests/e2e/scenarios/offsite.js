'use strict';
// Not detectable: a page cannot tell from the extension's addresses that it is installed. The
// dock is web-accessible only through Chrome's per-session address (use_dynamic_url); Firefox's
// extension address is random per install. Nothing of ours runs on a page that is not a CRM, so
// nothing there can leak either address.
const assert = require('node:assert/strict');
const { waitUntil, settingsFor, configure, marksAtLeast } = require('../helpers.js');

/**
 * What a page's own script can learn by loading `dock.html` (and the other files of the dock) at
 * an extension address: a fetch's outcome, and whether a script or an image loads or fails.
 */
function probeInPage(driver, origin) {
  return driver.evaluate(async (base) => {
    const fetched = await fetch(`${base}/dock.html`).then((r) => `status ${r.status}`, (e) => `${e.name}: ${e.message}`);
    const loads = (tag, file) => new Promise((resolve) => {
      const el = document.createElement(tag);
      el.onload = () => resolve('loaded');
      el.onerror = () => resolve('failed');
      el.dataset.probe = '';
      el.src = `${base}/${file}`;
      document.head.append(el);
    });
    const answer = { fetched, script: await loads('script', 'dock.js'), image: await loads('img', 'icons/icon-16.png') };
    for (const el of document.querySelectorAll('[data-probe]')) el.remove();
    return answer;
  }, origin);
}

/** The address of an extension that is not installed, in this browser's form. */
const notInstalled = (extensionOrigin) =>
  extensionOrigin.startsWith('chrome-extension:') ? 'chrome-extension://aaaabbbbccccddddeeeeffffgggghhhh' : 'moz-extension://0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

const SCENARIOS = {
  async 'a page cannot tell the extension is installed from its addresses, on a CRM page or any other'(driver, env) {
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    // The address a site knows: Chrome's extension id is public (the store's); Firefox's per-install
    // address is not, and only a page our scripts run on could ever see it.
    const known = driver.extensionOrigin.startsWith('chrome-extension:') ? driver.extensionOrigin : notInstalled(driver.extensionOrigin);
    await driver.goto(`${env.crm2Origin}/pages/blank.html`); // not a CRM
    const seen = await driver.evaluate(() => [document.documentElement.outerHTML, ...performance.getEntries().map((e) => e.name)].join('\n'));
    assert.doesNotMatch(seen, /-extension:\/\//, 'nothing in the page names an extension address');
    const absent = await probeInPage(driver, notInstalled(driver.extensionOrigin));
    assert.equal(absent.script, 'failed', 'nothing loads from an extension that is not installed');
    assert.deepEqual(await probeInPage(driver, known), absent, 'a page that is not a CRM sees what it sees without the extension');
    // A CRM page's own script, the dock mounted in it (loaded by the per-session address in Chrome).
    await driver.goto(`${env.crmOrigin}/pages/list.html`);
    await marksAtLeast(driver, 5);
    await waitUntil(() => driver.evaluate(() => document.querySelector('[data-mycc-dock]') !== null), { what: 'the dock in the CRM page' });
    assert.deepEqual(await probeInPage(driver, known), absent, "a CRM page's script can't load the dock by the extension's public address either");
    const seenOnCrm = await driver.evaluate(() => [document.documentElement.outerHTML, ...performance.getEntries().map((e) => e.name)].join('\n'));
    assert.doesNotMatch(seenOnCrm, /-extension:\/\//, "nothing in the CRM page's reach names the dock's address");
  },
};

module.exports = { SCENARIOS };
