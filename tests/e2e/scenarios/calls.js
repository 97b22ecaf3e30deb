'use strict';
// Calls: WebPhone events reaching the extension, the badge, the screen pop, the page API.
const assert = require('node:assert/strict');
const {
  GUIDE, waitUntil, receivedAtStandin, standin, settingsFor, configure, sessionState, eventCount, eventsHandled, expectBadge,
  poppedTabs, openCrmPage, dockOpen, dockState, markMarker, clickNumber,
} = require('../helpers.js');

const SCENARIOS = {
  async 'a call that rings and ends unanswered gets a missed-call notification naming the number, and is missed in the recent calls'(driver, env) {
    const sc = standin(env);
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    await openCrmPage(driver, env, '/pages/list.html');
    const notifications = () => driver.extension(async () => Object.keys(await (globalThis.browser ?? globalThis.chrome).notifications.getAll()));
    await driver.extension(async () => {
      const api = globalThis.browser ?? globalThis.chrome;
      await api.storage.local.remove('recentCalls');
      for (const id of Object.keys(await api.notifications.getAll())) await api.notifications.clear(id);
    });
    await sc.send({ action: 'replay', scenario: 'queue-ringing', number: '0912345678' });
    await expectBadge(driver, 'RING');
    assert.deepEqual((await notifications()).filter((id) => id.startsWith('missed:')), [], 'not missed while it rings');
    await sc.send({ action: 'end' });
    await waitUntil(async () => {
      const recent = await driver.extension(async () => (await (globalThis.browser ?? globalThis.chrome).storage.local.get('recentCalls')).recentCalls ?? []);
      return recent[0]?.ended;
    }, { what: 'the call to end in the recent calls', timeout: 10000 });
    // Headless Firefox lists at most its latest notification in getAll() (measured: of two made
    // one after the other only the second is there): the notification itself is checked in
    // Chromium, Firefox's by the unit tier.
    if (driver.name === 'chromium') {
      const missed = await waitUntil(async () => {
        const ids = (await notifications()).filter((id) => id.startsWith('missed:'));
        return ids.length > 0 && ids;
      }, { what: 'the missed-call notification', timeout: 10000 });
      assert.equal(missed.length, 1, 'one missed-call notification');
    }
    const recent = await driver.extension(async () => (await (globalThis.browser ?? globalThis.chrome).storage.local.get('recentCalls')).recentCalls ?? []);
    assert.deepEqual(recent.map((r) => [r.shown, r.direction, r.missed]), [['0912 345 678', 'inbound', true]]);
  },

  async 'screen pops reuse one tab per CRM: a second call navigates the first pop, no pile of tabs'(driver, env) {
    const sc = standin(env);
    await configure(driver, settingsFor(env)); // popTarget: the default, "reuse"
    await openCrmPage(driver, env, '/pages/list.html');
    try {
      await sc.send({ action: 'replay', scenario: 'queue-ringing', number: '0912345678' });
      await waitUntil(async () => (await poppedTabs(driver, env)).length === 1, { what: 'the first pop' });
      await sc.send({ action: 'end' });
      const before = await eventCount(driver);
      await sc.send({ action: 'replay', scenario: 'direct-ringing', number: '0933456789' });
      await eventsHandled(driver, before + 1, 'the second call handled');
      const pops = await waitUntil(async () => {
        const tabs = await poppedTabs(driver, env);
        return tabs.length === 1 && tabs[0].includes('phone=0933456789') && tabs;
      }, { what: "the pop tab on the second call's search" });
      assert.equal(pops.length, 1, 'one pop tab for both calls');
      await sc.send({ action: 'end' });
    } finally {
      await driver.closeOtherTabs();
    }
  },

  async 'the six documented payloads reach the extension verbatim'(driver, env) {
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    await openCrmPage(driver, env, '/pages/list.html');
    const sc = standin(env);
    for (const name of Object.keys(GUIDE)) {
      await sc.send({ action: 'replay', scenario: name });
    }
    const events = await waitUntil(async () => {
      const log = (await sessionState(driver)).events ?? [];
      const calls = log.map((e) => JSON.parse(e.json)).filter((m) => m.type !== 'OnRegistered');
      return calls.length >= 6 && calls;
    }, { what: 'six call events in the extension' });
    assert.deepEqual(events, Object.values(GUIDE), 'each payload arrives exactly as the guide prints it');
  },

  async 'a ringing call shows the dock and pops the CRM search once'(driver, env) {
    await configure(driver, settingsFor(env));
    await openCrmPage(driver, env, '/pages/list.html');
    if (await dockOpen(driver)) await driver.click('[data-mycc-dock] >> [data-mycc-toggle]');
    assert.equal(await dockOpen(driver), false, 'the dock starts closed');
    const sc = standin(env);
    const eventsBefore = await eventCount(driver);
    const started = Date.now();
    await sc.send({ action: 'replay', scenario: 'queue-ringing' });
    await waitUntil(() => dockOpen(driver), { what: 'the dock to open' });
    const shownAfter = Date.now() - started;
    await sc.send({ action: 'replay', scenario: 'queue-ringing' });
    await sc.send({ action: 'replay', scenario: 'queue-answered' });
    await sc.send({ action: 'end' });
    const expected = `${env.crmOrigin}/search?phone=0900000101&call=c772f9ca-1c00-1238-a9bd-0050560123b5`;
    // Events are handled one after another, each pop included: once the end is in, all are done.
    await eventsHandled(driver, eventsBefore + 4, 'the ringing, ringing again, answered and end handled');
    const pops = await poppedTabs(driver, env);
    assert.deepEqual(pops, [expected], 'exactly one pop for the call');
    const state = await sessionState(driver);
    assert.equal(state.phoneState, 'ready', 'back to ready after OnCallEnd');
    console.log(`      [${driver.name}] dock shown ${shownAfter} ms after the stand-in was told to ring`);
    await driver.closeOtherTabs();
  },

  async 'the badge follows registered, ringing, answered and ended'(driver, env) {
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    await openCrmPage(driver, env, '/pages/list.html');
    await expectBadge(driver, ['ON', 'OK']);
    const sc = standin(env);
    await sc.send({ action: 'replay', scenario: 'direct-ringing' });
    await expectBadge(driver, ['RING', 'RUNG']);
    await sc.send({ action: 'replay', scenario: 'direct-answered' });
    await expectBadge(driver, ['CALL', 'GỌI']);
    await sc.send({ action: 'end' });
    await expectBadge(driver, ['ON', 'OK']);
  },

  async 'the page API re-posts events and takes requests only when the CRM opts in'(driver, env) {
    const sc = standin(env);
    await configure(driver, settingsFor(env, { popOn: 'never', pageApi: true }));
    await openCrmPage(driver, env, '/pages/pageapi.html');
    await sc.clear();
    await sc.send({ action: 'replay', scenario: 'direct-ringing' });
    const seen = await waitUntil(
      () => driver.evaluate(() => window.seen.some((m) => m.type === 'OnCallRinging') && window.seen),
      { what: 'the page to see the ringing event' },
    );
    assert.deepEqual(seen.filter((m) => m.type === 'OnCallRinging'), [GUIDE['direct-ringing']], 'verbatim, once');
    assert.ok(seen.every((m) => typeof m.type === 'string' && 'data' in m), 'every re-posted event is {type, data}');
    await driver.evaluate(() => window.callFromPage('0982861121'));
    const received = await receivedAtStandin(sc, 1, 'the page request at the stand-in');
    assert.deepEqual(received[0].message, { type: 'OutboundCallRequest', data: { target: '0982861121' } });
    await sc.send({ action: 'end' });
    await driver.evaluate(() => window.postMessage({ type: 'HideWebPhone' }, location.origin) ?? true);
    await waitUntil(async () => !(await dockOpen(driver)), { what: 'HideWebPhone to hide the dock' });
    await driver.evaluate(() => window.postMessage({ type: 'ShowWebPhone' }, location.origin) ?? true);
    await waitUntil(() => dockOpen(driver), { what: 'ShowWebPhone to show the dock' });

    await configure(driver, settingsFor(env, { popOn: 'never', pageApi: false }));
    await openCrmPage(driver, env, '/pages/pageapi.html');
    await sc.clear();
    await sc.send({ action: 'replay', scenario: 'direct-ringing' });
    // The dock's state is set in the same step that would re-post the event to the page; a
    // message the page posts after that arrives after any re-posted one.
    await waitUntil(async () => (await dockState(driver)) === 'ringing', { what: 'ringing in the page' });
    await driver.evaluate(() => window.postMessage({ type: 'OnTestMarker', data: null }, location.origin) ?? true);
    const seenOff = await waitUntil(() => driver.evaluate(() => window.seen.length > 0 && window.seen), { what: 'the marker message' });
    assert.deepEqual(seenOff, [{ type: 'OnTestMarker', data: null }], 'with pageApi off the page sees nothing');
    await driver.evaluate(() => window.callFromPage('0982861121'));
    // A trusted click after the page's request: once it has dialled, the page's would have too.
    await markMarker(driver, { number: '0912 345 678' });
    await clickNumber(driver, '0912 345 678', '#mycc-e2e-marker');
    const afterOff = await receivedAtStandin(sc, 1, 'the trusted click at the stand-in');
    assert.deepEqual(afterOff.map((r) => r.message.data.target), ['0912345678'], 'with pageApi off the page dials nothing');
    await sc.send({ action: 'end' });
  },

  async 'screen pop per popOn and popFor, for each documented scenario, exactly once'(driver, env) {
    const sc = standin(env);
    const pops = () => poppedTabs(driver, env);
    /** Replays the scenarios and an end, and waits until the extension has handled them all. */
    const replayAll = async (names) => {
      const before = await eventCount(driver);
      for (const name of names) await sc.send({ action: 'replay', scenario: name });
      await sc.send({ action: 'end' });
      await eventsHandled(driver, before + names.length + 1, `${names.length} replayed events and the end handled`);
    };
    const url = (phone, call) => `${env.crmOrigin}/search?phone=${phone}&call=${call}`;

    await configure(driver, settingsFor(env, { popOn: 'ringing', popFor: 'all', popTarget: 'newTab' }));
    await openCrmPage(driver, env, '/pages/list.html');
    await replayAll(Object.keys(GUIDE));
    await replayAll(['queue-ringing', 'direct-ringing', 'outbound-ringing']); // the same calls again
    const expected = [
      url('0900000101', 'c772f9ca-1c00-1238-a9bd-0050560123b5'),
      url('0900000101', '79e78adb-1c04-1238-a9bd-0050560123b5'),
      url('0982861121', 'cf5b0a7c-a162-11e9-aa99-6fe8469ff495'),
    ].sort();
    assert.deepEqual(await pops(), expected, 'ringing, all directions: one pop per call');
    await driver.closeOtherTabs();

    await configure(driver, settingsFor(env, { popOn: 'answer', popFor: 'outbound', popTarget: 'newTab' }));
    await openCrmPage(driver, env, '/pages/list.html');
    await replayAll(Object.keys(GUIDE));
    assert.deepEqual(await pops(), [url('0982861121', 'cf5b0a7c-a162-11e9-aa99-6fe8469ff495')], 'answer, outbound only');
    await driver.closeOtherTabs();

    // A tab already showing the same search is focused, not opened again.
    await configure(driver, settingsFor(env, { popOn: 'ringing', popFor: 'inbound', popTarget: 'newTab' }));
    await openCrmPage(driver, env, '/pages/list.html');
    const searchUrl = url('0900000101', 'c772f9ca-1c00-1238-a9bd-0050560123b5');
    const already = await driver.newTab(searchUrl);
    // The CRM page in front when the call rings, as the agent's would be: a pop that came while
    // the search's tab was still in front (Chromium's newTab() leaves it there) changed nothing
    // lastAccessed could see, and the check below failed whenever the pop beat the first poll.
    await driver.front();
    const ringingAt = Date.now();
    await sc.send({ action: 'replay', scenario: 'queue-ringing' });
    await waitUntil(async () => ((await sessionState(driver)).popped ?? []).length === 1, { what: 'the pop to be handled' });
    // Asked before anything else looks at the tabs (Firefox's window switching would touch it);
    // the test's own helpers take the foreground back afterwards, so ask when it was last in front.
    const lastAccessed = () =>
      driver.extension(async (u) => (await (globalThis.browser ?? globalThis.chrome).tabs.query({})).find((tab) => tab.url === u)?.lastAccessed, searchUrl);
    await waitUntil(async () => (await lastAccessed()) >= ringingAt, { what: `the tab showing that search brought forward (after ${ringingAt})` });
    assert.deepEqual(await pops(), [searchUrl], 'no second tab for the same search');
    await sc.send({ action: 'end' });
    await already.close();
    await driver.closeOtherTabs();

    await configure(driver, settingsFor(env, { popOn: 'never', popFor: 'all' }));
    await openCrmPage(driver, env, '/pages/list.html');
    await replayAll(Object.keys(GUIDE));
    assert.deepEqual(await pops(), [], 'never');
  },
};

module.exports = { SCENARIOS, CHROMIUM_ONLY: {} };
