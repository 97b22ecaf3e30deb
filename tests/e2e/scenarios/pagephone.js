'use strict';
// A CRM that embeds the WebPhone itself, as the vendor guide teaches: the guide's own FULL EXAMPLE
// CODE page, served verbatim but for its WebPhone address (the stand-in).
const assert = require('node:assert/strict');
const { waitUntil, receivedAtStandin, standin, settingsFor, configure, sessionState, poppedTabs, markMarker, clickNumber, GUIDE } = require('../helpers.js');

const GUIDE_PAGE = '/pages/guide-example';

/** Records what the guide page's own handler logs (it logs every message it hears). */
const recordConsole = (tab) =>
  tab.evaluate(() => {
    window.logged = [];
    const log = console.log.bind(console);
    console.log = (...args) => {
      window.logged.push(args.join(' '));
      log(...args);
    };
    return true;
  });
const loggedTypes = (tab) => tab.evaluate(() => window.logged.map((line) => (line.startsWith('{') ? JSON.parse(line).type : line)));

const SCENARIOS = {
  async "the vendor guide's own example page keeps its WebPhone: one phone, one pop, each event once, clicks through it"(driver, env) {
    const sc = standin(env);
    await configure(driver, settingsFor(env, { pageApi: true }));
    await sc.clear();
    await driver.goto(`${env.crmOrigin}${GUIDE_PAGE}`);
    const state = await waitUntil(async () => {
      const s = await sessionState(driver);
      return s.pagePhone != null && s.phoneState === 'ready' && s;
    }, { what: "the page's own WebPhone taken as the agent's phone", timeout: 15000 });
    assert.equal(state.pagePhone.frameId, 0);
    await markMarker(driver); // the content script is running and marking on this page
    assert.equal(await driver.evaluate(() => document.querySelectorAll('[data-mycc-dock]').length), 0, 'no dock of ours');
    assert.equal(await sc.clients(), 1, 'exactly one WebPhone loaded');

    await recordConsole(driver);
    await sc.send({ action: 'replay', scenario: 'queue-ringing' });
    await waitUntil(async () => (await poppedTabs(driver, env)).length === 1, { what: 'the screen pop' });
    await sc.send({ action: 'end' });
    await waitUntil(async () => (await loggedTypes(driver)).includes('OnCallEnd'), { what: 'the page to hear the end of the call' });
    assert.deepEqual(await loggedTypes(driver), ['OnCallRinging', 'OnCallEnd'], 'the page hears each event once: nothing is echoed');
    assert.equal((await poppedTabs(driver, env)).length, 1, 'one pop');
    await driver.closeOtherTabs();

    await sc.clear();
    await clickNumber(driver, '0933 456 789', '#mycc-e2e-marker');
    const received = await receivedAtStandin(sc, 1, "the click at the page's own WebPhone");
    assert.deepEqual(received.map((r) => [r.origin, r.message]), [[env.crmOrigin, { type: 'OutboundCallRequest', data: { target: '0933456789' } }]]);
    assert.deepEqual(GUIDE['queue-ringing'].type, 'OnCallRinging');
  },

  async "a second CRM tab loads no phone while the page's is live, and takes over when the page drops it"(driver, env) {
    const sc = standin(env);
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    await driver.goto(`${env.crmOrigin}${GUIDE_PAGE}`);
    await waitUntil(async () => (await sessionState(driver)).pagePhone != null, { what: "the page's phone", timeout: 15000 });
    const second = await driver.newTab(`${env.crmOrigin}/pages/list.html`);
    try {
      await waitUntil(() => second.dockVisible('#claim'), { what: 'the second tab to say the phone is elsewhere' });
      assert.equal(await sc.clients(), 1, 'still one WebPhone');
      await driver.evaluate(() => {
        document.getElementById('iframeWebPhone').remove();
        return true;
      });
      await waitUntil(async () => {
        const s = await sessionState(driver);
        return s.pagePhone == null && s.liveTab != null && s.phoneState === 'ready';
      }, { what: "the second tab's dock to take over", timeout: 20000 });
      assert.equal(await sc.clients(), 1, "one WebPhone again: the dock's");
    } finally {
      await second.close();
    }
  },
};

module.exports = { SCENARIOS, CHROMIUM_ONLY: {} };
