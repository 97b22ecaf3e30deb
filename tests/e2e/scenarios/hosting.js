'use strict';
// Hosting the one live WebPhone: two CRM tabs, bringing the phone to another tab, the side
// panel, and the service worker stopped mid-call.
const assert = require('node:assert/strict');
const {
  waitUntil, receivedAtStandin, standin, settingsFor, configure, sessionState, eventCount, eventsHandled, badgeText, expectBadge,
  poppedTabs, openCrmPage, openDock, dockState, marksAtLeast, clickNumber,
} = require('../helpers.js');

const SCENARIOS = {
  async 'two CRM tabs: one WebPhone, events reach both'(driver, env) {
    const sc = standin(env);
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    await openCrmPage(driver, env, '/pages/list.html');
    const loads = await sc.loads();
    const second = await driver.newTab(`${env.crmOrigin}/pages/list.html`);
    await waitUntil(() => second.evaluate(() => Boolean(document.querySelector('[data-mycc-dock]'))), { what: 'the dock in the second tab' });
    // The second dock has its answer (the phone is elsewhere) once it offers to bring it here.
    await waitUntil(() => second.dockVisible('#claim'), { what: 'the second dock to know the phone is elsewhere' });
    assert.equal(await sc.loads(), loads, 'no second WebPhone loaded');
    // A WebPhone of the previous page may take a moment to hang up its control channel.
    await waitUntil(async () => (await sc.clients()) === 1, { what: 'exactly one WebPhone connected' });
    await sc.send({ action: 'replay', scenario: 'queue-ringing' });
    await waitUntil(async () => (await dockState(driver)) === 'ringing', { what: 'ringing in the first tab' });
    await waitUntil(async () => (await dockState(second)) === 'ringing', { what: 'ringing in the second tab' });
    await sc.send({ action: 'end' });
    await second.close();
  },

  async 'bring the phone to another tab: refused during a call, then moved'(driver, env) {
    const sc = standin(env);
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    await openCrmPage(driver, env, '/pages/list.html');
    const firstLive = (await sessionState(driver)).liveTab;
    const second = await driver.newTab(`${env.crmOrigin}/pages/list.html`);
    await openDock(second);
    await sc.send({ action: 'replay', scenario: 'queue-ringing' });
    await waitUntil(async () => (await sessionState(driver)).phoneState === 'ringing', { what: 'ringing' });
    await second.clickInDock('#claim');
    // The refusal is said in the second dock: the claim has been answered.
    await waitUntil(async () => /call is in progress|đang có cuộc gọi/i.test(await second.dockText('#status')), { what: 'the refusal in the second dock' });
    assert.equal((await sessionState(driver)).liveTab, firstLive, 'a ringing phone is not moved');
    await sc.send({ action: 'end' });
    await waitUntil(async () => (await sessionState(driver)).phoneState === 'ready', { what: 'ready' });
    await second.clickInDock('#claim');
    await waitUntil(async () => {
      const state = await sessionState(driver);
      return state.liveTab !== firstLive && state.phoneState === 'ready' && state;
    }, { what: 'the phone registered in the second tab', timeout: 15000 });
    await waitUntil(async () => (await sc.clients()) === 1, { what: 'one WebPhone left' });
    // Told until it rings: the one control channel counted can still be the old WebPhone's, closing,
    // before the moved one's has opened (a ringing told twice is the same call).
    await waitUntil(async () => {
      if ((await sessionState(driver)).phoneState === 'ringing') return true;
      await sc.send({ action: 'replay', scenario: 'direct-ringing' });
      return false;
    }, { what: 'events from the moved phone', interval: 1000, timeout: 15000 });
    await sc.send({ action: 'end' });
    await second.close();
  },

  async 'dock mode "sidepanel": the phone lives in the side panel, pages only link and dial'(driver, env) {
    const sc = standin(env);
    await configure(driver, { ...settingsFor(env), dock: 'sidepanel' });
    await driver.goto(`${env.crmOrigin}/pages/list.html`);
    await marksAtLeast(driver, 5);
    assert.equal(await driver.evaluate(() => Boolean(document.querySelector('[data-mycc-dock]'))), false, 'no dock in the page');
    const panel = await driver.openExtensionPage('sidepanel.html');
    await waitUntil(async () => (await sessionState(driver)).phoneState === 'ready', { what: 'the WebPhone in the panel', timeout: 15000 });
    assert.equal((await sessionState(driver)).liveTab, 'panel');
    await sc.clear();
    await clickNumber(driver, '0982 861 121');
    const received = await receivedAtStandin(sc, 1, 'the request at the panel WebPhone');
    assert.deepEqual(received.map((r) => r.message.data.target), ['0982861121']);
    await sc.send({ action: 'replay', scenario: 'queue-ringing' });
    await waitUntil(async () => (await poppedTabs(driver, env)).length > 0, { what: 'the screen pop' });
    await sc.send({ action: 'end' });
    await panel.close();
    await driver.closeOtherTabs();
  },
};

// Firefox's event page can't be suspended from WebDriver, so the cold-start check runs in Chromium only.
const CHROMIUM_ONLY = {
  async 'the service worker stopped mid-call: the next events still pop once and the badge is right'(driver, env) {
    await configure(driver, settingsFor(env, { popTarget: 'newTab' }));
    await openCrmPage(driver, env, '/pages/list.html');
    const sc = standin(env);
    const pops = () => poppedTabs(driver, env);
    await sc.send({ action: 'replay', scenario: 'queue-ringing' });
    await waitUntil(async () => (await pops()).length === 1, { what: 'the first pop' });
    const starts = driver.workerStarts();
    assert.equal(await driver.stopServiceWorker(), true, 'the worker stopped');
    await sc.send({ action: 'replay', scenario: 'queue-ringing' }); // the same call, reported again
    await waitUntil(() => driver.workerStarts() > starts, { what: 'a cold start of the worker' });
    await sc.send({ action: 'replay', scenario: 'queue-answered' });
    await waitUntil(async () => ['CALL', 'GỌI'].includes(await badgeText(driver)), { what: 'the badge to say in call after a cold start' });
    assert.equal((await pops()).length, 1, 'the call already popped is remembered across the restart');
    await sc.send({ action: 'end' });
    await expectBadge(driver, ['ON', 'OK']);
    const startsBefore = driver.workerStarts();
    assert.equal(await driver.stopServiceWorker(), true, 'the worker stopped again');
    await sc.send({ action: 'replay', scenario: 'direct-ringing' });
    await waitUntil(() => driver.workerStarts() > startsBefore, { what: 'another cold start' });
    await waitUntil(async () => (await pops()).length === 2, { what: 'a new call to pop once' });
    await expectBadge(driver, ['RING', 'RUNG']);
    // The end is handled after the ringing and its pop: then no second pop can be on its way.
    const handled = await eventCount(driver);
    await sc.send({ action: 'end' });
    await eventsHandled(driver, handled + 1, 'the end handled');
    assert.equal((await pops()).length, 2);
    await driver.closeOtherTabs();
  },
};

module.exports = { SCENARIOS, CHROMIUM_ONLY };
