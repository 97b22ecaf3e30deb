'use strict';
// Accessibility (issue 18): axe-core finds no violation of WCAG 2.x A/AA or its best practices on
// the extension's own pages (options, setup, popup) and in the dock (its shadow root in the CRM
// page and the dock frame), in the light and the dark colour scheme.
const assert = require('node:assert/strict');
const { waitUntil, settingsFor, configure, openCrmPage, openDock, tabIdOf, numbersInDock, phoneReadyIn, dockOpen, sessionState } = require('../helpers.js');
const { OPTIONS, axeInBothSchemes } = require('../axe.js');

/**
 * Waits until the background has registered the content scripts for `origin` (after configure()
 * made it a CRM again): a tab opened before that gets no dock.
 */
const scriptsRegisteredFor = (driver, origin) =>
  waitUntil(() => driver.extension(async (host) => {
    const scripts = await (globalThis.browser ?? globalThis.chrome).scripting.getRegisteredContentScripts();
    return scripts.some((script) => (script.matches ?? []).some((pattern) => pattern.includes(`//${host}/`)));
  }, new URL(origin).hostname), { what: `the content scripts registered for ${origin}` });

const SCENARIOS = {
  async 'axe: the options page, with a CRM and a field in error, has no violations in either colour scheme'(driver, env) {
    await configure(driver, settingsFor(env));
    await driver.gotoExtensionPage('options.html');
    await waitUntil(() => driver.evaluate(() => Boolean(document.getElementById('crm-0-name'))), { what: 'the options form' });
    await axeInBothSchemes(driver, 'page', 'the options page');
    // An error shown next to its field, and the Test result.
    await driver.fill('#crm-0-searchUrl', 'javascript:alert(1)//{phone}');
    await waitUntil(() => driver.evaluate(() => document.getElementById('crm-0-error').textContent), { what: 'a validation message' });
    await driver.click('#crm-0-test-button');
    await waitUntil(() => driver.evaluate(() => document.getElementById('crm-0-test').textContent), { what: 'the test result' });
    await axeInBothSchemes(driver, 'page', 'the options page with an error');
  },

  async 'keyboard: Import, a file input behind its label, shows its focus on the label'(driver, env) {
    await configure(driver, settingsFor(env));
    await driver.gotoExtensionPage('options.html');
    await waitUntil(() => driver.evaluate(() => Boolean(document.getElementById('crm-0-name'))), { what: 'the options form' });
    // As the keyboard puts it there (WebDriver's Tab moves no focus in headless Firefox).
    await driver.evaluate(() => {
      document.getElementById('import').focus({ focusVisible: true });
      return true;
    });
    const focus = await waitUntil(() => driver.evaluate(() => document.getElementById('import').matches(':focus-visible') && {
      outline: getComputedStyle(document.querySelector('label[for="import"]')).outlineStyle,
      width: getComputedStyle(document.querySelector('label[for="import"]')).outlineWidth,
    }), { what: 'the focus on Import' });
    assert.deepEqual(focus, { outline: 'solid', width: '3px' });
  },

  async 'axe: the options page without any CRM has no violations'(driver, env) {
    await configure(driver, { ...settingsFor(env), crms: [] });
    await driver.gotoExtensionPage('options.html');
    await waitUntil(() => driver.evaluate(() => document.querySelectorAll('#preset option').length >= 8), { what: 'the presets' });
    await axeInBothSchemes(driver, 'page', 'the options page without CRMs');
  },

  async 'axe: the setup page, at its start and with every step done, has no violations in either colour scheme; its live checklist is written only when it changes'(driver, env) {
    await configure(driver, settingsFor(env));
    await driver.gotoExtensionPage('setup.html');
    await waitUntil(() => driver.evaluate(() => document.querySelector('#check-crm .what').textContent), { what: 'the checklist' });
    await axeInBothSchemes(driver, 'page', 'the setup page');
    // Every step done: a CRM tab open, its WebPhone signed in; the number to try enabled.
    await scriptsRegisteredFor(driver, env.crmOrigin);
    const crm = await driver.newTab(`${env.crmOrigin}/pages/list.html`);
    try {
      await phoneReadyIn(driver);
      await waitUntil(() => driver.evaluate(() => document.querySelectorAll('#checklist [data-done="true"]').length === 4), { what: 'every step done' });
      // The live region's words are written only when they change. Each refresh sets every
      // step's data-done again (an attribute record even when unchanged): after two refreshes,
      // no text of the checklist may have been rewritten.
      await driver.evaluate(() => {
        window.e2eChecklist = { refreshes: 0, rewrites: 0 };
        new MutationObserver((records) => {
          for (const record of records) {
            if (record.type === 'attributes') window.e2eChecklist.refreshes += 1 / 4;
            else window.e2eChecklist.rewrites++;
          }
        }).observe(document.getElementById('checklist'), { attributes: true, attributeFilter: ['data-done'], childList: true, characterData: true, subtree: true });
        return true;
      });
      const seen = await waitUntil(() => driver.evaluate(() => window.e2eChecklist.refreshes >= 2 && window.e2eChecklist), { what: 'two refreshes of the checklist' });
      assert.equal(seen.rewrites, 0, 'no rewrite of an unchanged checklist');
      await axeInBothSchemes(driver, 'page', 'the setup page, every step done');
    } finally {
      await crm.close();
    }
  },

  async 'axe: the popup, for a CRM tab, without and with recent calls, has no violations in either colour scheme'(driver, env) {
    await configure(driver, settingsFor(env));
    await driver.extension(async () => (globalThis.browser ?? globalThis.chrome).storage.local.remove('recentCalls'));
    const url = `${env.crmOrigin}/pages/list.html`;
    const crm = await driver.newTab(url);
    try {
      const tabId = await waitUntil(() => tabIdOf(driver, url), { what: 'the CRM tab' });
      await driver.gotoExtensionPage(`popup.html?tab=${tabId}`);
      await waitUntil(() => driver.evaluate(() => document.getElementById('site').textContent), { what: 'the popup' });
      await axeInBothSchemes(driver, 'page', 'the popup');
      // With recent calls (one missed, one answered with its CRM search): the list and its buttons.
      await driver.extension(async (search) => {
        const at = Date.now();
        await (globalThis.browser ?? globalThis.chrome).storage.local.set({ recentCalls: [
          { id: 'a11y-1', direction: 'inbound', number: '0982861121', shown: '0982 861 121', atMs: at, answered: false, ended: true, missed: true, searchUrl: search },
          { id: 'a11y-2', direction: 'outbound', number: '02838234567', shown: '028 3823 4567', atMs: at - 60000, answered: true, ended: true, missed: false, searchUrl: search },
        ] });
        return true;
      }, `${env.crmOrigin}/search?phone=0982861121`);
      await driver.gotoExtensionPage(`popup.html?tab=${tabId}`);
      await waitUntil(() => driver.evaluate(() => document.querySelectorAll('#recent li').length === 2), { what: 'the recent calls in the popup' });
      await axeInBothSchemes(driver, 'page', 'the popup with recent calls');
    } finally {
      await crm.close();
      await driver.extension(async () => (globalThis.browser ?? globalThis.chrome).storage.local.remove('recentCalls'));
    }
  },

  async 'axe: the dock (its shadow root, with its numbers list open, and the dock frame) has no violations in either colour scheme'(driver, env) {
    await configure(driver, settingsFor(env));
    await openCrmPage(driver, env, '/pages/list.html');
    await openDock(driver);
    // In the CRM page, only what is ours: the dock's host and its shadow root (the page is the test's).
    await axeInBothSchemes(driver, 'page', "the dock's shadow root", () => driver.axe('page', { include: [['[data-mycc-dock]']] }));
    await axeInBothSchemes(driver, 'dock', 'the dock frame', () => driver.axe('dock', { options: OPTIONS }));
    // The list of the page's numbers, opened.
    await numbersInDock(driver);
    await axeInBothSchemes(driver, 'page', "the dock's numbers list", () => driver.axe('page', { include: [['[data-mycc-dock]']] }));
  },

  async 'axe: a closed dock, and the dock of a second CRM tab (the phone elsewhere, Bring it here), have no violations'(driver, env) {
    await configure(driver, settingsFor(env));
    const url = `${env.crmOrigin}/pages/list.html`;
    await scriptsRegisteredFor(driver, env.crmOrigin);
    const live = await driver.newTab(url);
    try {
      await phoneReadyIn(driver);
      await driver.goto(url);
      await waitUntil(() => driver.evaluate(() => Boolean(document.querySelector('[data-mycc-dock]'))), { what: 'the dock' });
      if (await dockOpen(driver)) await driver.click('[data-mycc-dock] >> [data-mycc-toggle]');
      await waitUntil(async () => !(await dockOpen(driver)), { what: 'the dock closed' });
      await axeInBothSchemes(driver, 'page', 'a closed dock', () => driver.axe('page', { include: [['[data-mycc-dock]']] }));
      await openDock(driver);
      await waitUntil(() => driver.dockVisible('#claim'), { what: 'the second dock to offer Bring it here' });
      await axeInBothSchemes(driver, 'page', "the second tab's dock", () => driver.axe('page', { include: [['[data-mycc-dock]']] }));
      await axeInBothSchemes(driver, 'dock', "the second tab's dock frame", () => driver.axe('dock', { options: OPTIONS }));
    } finally {
      await live.close();
    }
  },

  async 'axe: the side panel (dock mode "sidepanel") has no violations in either colour scheme'(driver, env) {
    await configure(driver, { ...settingsFor(env), dock: 'sidepanel' });
    try {
      await driver.gotoExtensionPage('sidepanel.html');
      await waitUntil(async () => (await sessionState(driver)).phoneState === 'ready', { what: 'the WebPhone in the panel', timeout: 15000 });
      await axeInBothSchemes(driver, 'page', 'the side panel');
    } finally {
      await driver.goto(`${env.crmOrigin}/pages/blank.html`); // the panel lets its phone go
    }
  },
};

module.exports = { SCENARIOS, CHROMIUM_ONLY: {} };
