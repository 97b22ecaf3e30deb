'use strict';
// The dock: who may frame it, and a WebPhone that never registers.
const assert = require('node:assert/strict');
const { waitUntil, standin, settingsFor, configure, sessionState, openDock, openCrmPage } = require('../helpers.js');

const SCENARIOS = {
  async 'a closed dock is inert (no Tab stop inside), an open one is not; a ringing call is announced in the page'(driver, env) {
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    await openCrmPage(driver, env, '/pages/list.html');
    const panelInert = () => driver.evaluate(() => document.querySelector('[data-mycc-dock]').shadowRoot.querySelector('.panel').inert);
    await openDock(driver);
    assert.equal(await panelInert(), false, 'open: usable');
    await driver.click('[data-mycc-dock] >> [data-mycc-toggle]');
    await waitUntil(async () => (await panelInert()) === true, { what: 'the closed dock to be inert' });
    await standin(env).send({ action: 'replay', scenario: 'queue-ringing' });
    const said = await waitUntil(
      () => driver.evaluate(() => document.querySelector('[data-mycc-dock]').shadowRoot.querySelector('[aria-live="polite"]')?.textContent),
      { what: 'the ringing call announced in the page' },
    );
    assert.match(said, /(Incoming call from|Cuộc gọi đến từ) 0900 000 101/);
    await standin(env).send({ action: 'end' });
  },

  async "the page can't reach the dock frame, its key or the WebPhone's window; only the toggle"(driver, env) {
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    await openCrmPage(driver, env, '/pages/hostile.html');
    const { crmTabs } = await sessionState(driver);
    const keys = Object.values(crmTabs).map((entry) => entry.dockKey);
    assert.equal(keys.length, 1);
    const seen = await driver.evaluate((key) => {
      const texts = [document.documentElement.outerHTML];
      const walk = (root) => {
        for (const el of root.querySelectorAll('*')) {
          for (const attr of el.attributes) texts.push(attr.value);
          if (el.shadowRoot) {
            texts.push(el.shadowRoot.innerHTML);
            walk(el.shadowRoot);
          }
        }
      };
      walk(document);
      return { ...window.reachDock(), keyInPage: texts.some((text) => text.includes(key)) };
    }, keys[0]);
    assert.deepEqual(seen, { reached: [], hostFound: true, keyLike: false, keyInPage: false });
    assert.equal(await driver.evaluate(() => Boolean(document.querySelector('[data-mycc-dock]').shadowRoot.querySelector('[data-mycc-toggle]'))), true, 'the toggle stays public');
    assert.match(await driver.dockText('#status'), /ready|sẵn sàng/i, 'tests (WebDriver) still reach the dock');
  },

  async 'a page that is not a CRM framing the dock itself gets no phone'(driver, env) {
    const sc = standin(env);
    const settings = settingsFor(env);
    settings.crms[0].sites = [`${env.crmOrigin}/pages/list.html`];
    await configure(driver, settings);
    await driver.goto(`${env.crmOrigin}/pages/blank.html`);
    // The worst case: a page that knows the address dock.html is web-accessible by (Chrome's is
    // per session, use_dynamic_url).
    const dockUrl = await driver.extension(async () => (globalThis.browser ?? globalThis.chrome).runtime.getURL('dock.html'));
    await driver.evaluate((url) => {
      const frame = document.createElement('iframe');
      frame.src = url;
      frame.id = 'stolen';
      document.body.append(frame);
      return true;
    }, dockUrl);
    // A dock frame no CRM page's content script handed a key to says, after a second, that it
    // has no phone here.
    const said = await waitUntil(async () => {
      const text = await driver.frameText('#stolen', '#status').catch(() => '');
      return /Open a CRM page|mở một trang CRM/.test(text) && text;
    }, { what: 'the framed dock to say it has no phone' });
    assert.match(said, /Open a CRM page|mở một trang CRM/);
    const state = await sessionState(driver);
    assert.equal(state.liveTab ?? null, null, 'no live phone in a page that is not a CRM');
    assert.equal(await sc.clients(), 0, 'no WebPhone loaded');
  },

  async 'a WebPhone that never registers: the dock says so, offers Reload, and recovers'(driver, env) {
    const sc = standin(env);
    const settings = settingsFor(env);
    settings.webphoneUrl = `${env.webphoneUrl}?registerAfter=never`;
    await configure(driver, settings);
    await driver.goto(`${env.crmOrigin}/pages/list.html`);
    await openDock(driver);
    const loadsBefore = await sc.loads();
    // The dock waits 20 s for OnRegistered before it calls the WebPhone unresponsive.
    const words = await waitUntil(async () => {
      const text = await driver.dockText('#status').catch(() => '');
      return /not responding|không phản hồi/i.test(text) && text;
    }, { what: 'the dock to say the WebPhone is not responding', timeout: 30000, interval: 500 });
    assert.match(words, /not responding|không phản hồi/i);
    await driver.clickInDock('#reload');
    await waitUntil(async () => (await sc.loads()) > loadsBefore, { what: 'the WebPhone reloaded' });
    // The WebPhone is back. Asked until it registers: the old stand-in's control channel can
    // still be open when the command goes out, and the reloaded one would miss it (seen once).
    await waitUntil(async () => {
      if ((await sessionState(driver)).phoneState === 'ready') return true;
      await sc.send({ action: 'register' });
      return false;
    }, { what: 'ready after recovering', interval: 500 });
    assert.match(await driver.dockText('#status'), /ready|sẵn sàng/i);
  },
};

module.exports = { SCENARIOS, CHROMIUM_ONLY: {} };
