'use strict';
// The state-change matrix: after every change of settings, policy, dock mode, worker, extension,
// tab or WebPhone, WITHOUT reloading the open CRM page, a ringing call shows the dock, sets the
// badge and pops the CRM search once, and a trusted click on a number is dialled once
// (assertCallPathAlive). Then one scenario per known defect (named "defect N: …"); these are
// written against the contract and fail until the extension is fixed.
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const {
  GUIDE, waitUntil, receivedAtStandin, standin, settingsFor, configure, storeSettings, storedSettings, sessionState, eventCount,
  eventsHandled, badgeText, expectBadge, tabUrls, closeTabsAt, phoneReadyIn, openCrmPage, dockOpen, dockState, openDock,
  markedNumbers, marksAtLeast, clickNumber, tabIdOf,
} = require('../helpers.js');
const { policyUnsupported, setPolicy, clearPolicy, withPolicy } = require('../policy.js');

const READY = ['ON', 'OK'];
const RINGING = ['RING', 'RUNG'];
const OFF = ['OFF', 'TẮT'];
const CALLING = /Calling|Đang gọi/;
const LIST = '/pages/list.html';
// Numbers of list.html, the text of each marked number and its dial string.
const A = ['0982 861 121', '0982861121'];
const B = ['+84 912 345 678', '0912345678'];
const D = ['0168 286 1121', '0382861121'];

let serial = 0;
/** A ringing call of its own (the queue payload with fresh ids) and its end. */
function freshCall() {
  const id = `e2e-${Date.now().toString(36)}-${++serial}`;
  const ringing = structuredClone(GUIDE['queue-ringing']);
  ringing.data.interactionID = `${id}-i`;
  ringing.data.state.memberCallId = `${id}-call`;
  const { interactionID, callId, accountId, ownerId } = ringing.data;
  return { ringing, end: { type: 'OnCallEnd', data: { interactionID, callId, accountId, ownerId } }, popMark: `call=${id}-call` };
}

const pageCounts = (tab) =>
  tab.evaluate(() => ({
    hosts: document.querySelectorAll('[data-mycc-dock]').length,
    links: [...(CSS.highlights.get('mycc-phone') ?? [])].filter((r) => !r.collapsed).length,
    // a number marked twice: two ranges at one place
    nested: (() => {
      const ranges = [...(CSS.highlights.get('mycc-phone') ?? [])].filter((r) => !r.collapsed);
      const places = new Map();
      for (const r of ranges) places.set(r.startContainer, [...(places.get(r.startContainer) ?? []), r.startOffset]);
      return [...places.values()].reduce((n, offsets) => n + offsets.length - new Set(offsets).size, 0);
    })(),
  }));

/**
 * The invariant, in `tab` (the driver's page or another tab's handle) as it is now, not reloaded:
 * one dock host, no link doubled (and `links` links, when given); a ringing call sets the toggle to
 * ringing, shows the dock, sets the badge and pops the CRM search exactly once; trusted clicks on
 * two numbers are each dialled exactly once.
 */
async function assertCallPathAlive(driver, env, tab = driver, { links = null, clicks = [A, B] } = {}) {
  const sc = standin(env);
  const counts = await pageCounts(tab);
  assert.equal(counts.hosts, 1, 'exactly one dock host in the page');
  assert.equal(counts.nested, 0, 'no link inside another link');
  if (links != null) assert.equal(counts.links, links, 'as many links as before, none doubled or lost');

  // A ringing call.
  if (await dockOpen(tab)) await tab.click('[data-mycc-dock] >> [data-mycc-toggle]');
  await waitUntil(async () => !(await dockOpen(tab)), { what: 'the dock closed before the call' });
  const call = freshCall();
  await sc.send({ action: 'raw', message: call.ringing });
  await waitUntil(async () => (await dockState(tab)) === 'ringing', { what: 'the toggle to say ringing (data-state="ringing") in the open page' });
  await waitUntil(() => dockOpen(tab), { what: 'the ringing call to show the dock' });
  await expectBadge(driver, RINGING);
  const pops = async () => (await tabUrls(driver)).filter((u) => u.includes(call.popMark));
  await waitUntil(async () => (await pops()).length > 0, { what: 'the screen pop of the ringing call' });
  await sc.send({ action: 'raw', message: call.end });
  await expectBadge(driver, READY); // the end is handled after the ringing and its pop
  assert.equal((await pops()).length, 1, 'the CRM search popped exactly once');
  await closeTabsAt(driver, `${env.crmOrigin}/search`);

  // Trusted clicks: the second is handled after the first, so once it is in, a repeat would be too.
  await sc.clear();
  for (const [i, [selector]] of clicks.entries()) {
    await clickNumber(tab, selector);
    await receivedAtStandin(sc, i + 1, `the request of click ${i + 1} (${selector}) at the stand-in`);
  }
  assert.deepEqual((await sc.received()).map((r) => r.message), clicks.map(([, target]) => ({ type: 'OutboundCallRequest', data: { target } })), 'each click dialled exactly once');
}

/** A CRM page open in the driver's tab with its phone registered: the baseline, checked once. */
async function liveCrmPage(driver, env, settings = settingsFor(env)) {
  await configure(driver, settings);
  await openCrmPage(driver, env, LIST);
  await marksAtLeast(driver, 5);
  await assertCallPathAlive(driver, env);
  return (await pageCounts(driver)).links;
}

const withPageApi = (settings) => ({ ...settings, crms: settings.crms.map((crm) => ({ ...crm, pageApi: true })) });

/** Waits until the open page honours the page API (pageApi: true): the settings in force reached it. */
async function pageApiInForce(tab) {
  await openDock(tab);
  await waitUntil(async () => {
    await tab.evaluate(() => window.postMessage({ type: 'HideWebPhone' }, location.origin) ?? true);
    return !(await dockOpen(tab));
  }, { what: 'the new settings (pageApi: true) in force in the open page' });
}

const hasDock = (tab) => tab.evaluate(() => Boolean(document.querySelector('[data-mycc-dock]')));

/**
 * Sends the phone to the side panel with `toPanel()` (the dock leaves the open page, its links
 * stay) and back with `back()`; then the call path works in the page.
 */
async function sidePanelAndBack(driver, env, links, { how, toPanel, back }) {
  await toPanel();
  await waitUntil(async () => !(await hasDock(driver)), { what: `the dock to leave the page (${how})` });
  assert.equal((await pageCounts(driver)).links, links, 'the links stay');
  // The session may still say "ready" from before: wait for the new WebPhone's own registration.
  const events = await eventCount(driver);
  await back();
  await waitUntil(() => hasDock(driver), { what: `the dock back in the page (${how})` });
  await eventsHandled(driver, events + 1, 'the WebPhone to register in the page again');
  await phoneReadyIn(driver, null, 'the WebPhone ready in the page again');
  await assertCallPathAlive(driver, env, driver, { links });
}

/** A popup for the tab showing `url`, rendered. */
async function popupFor(driver, url) {
  const tabId = await tabIdOf(driver, url);
  assert.ok(Number.isInteger(tabId), `a tab at ${url}`);
  const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
  await waitUntil(() => popup.evaluate(() => document.getElementById('site').textContent), { what: 'the popup' });
  return popup;
}

function tempJson(name, doc) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mycc-e2e-')), name);
  fs.writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
}

const SCENARIOS = {
  async 'state change: the extension reloaded (runtime.reload, as an update) under the open CRM page'(driver, env) {
    const links = await liveCrmPage(driver, env);
    const tabId = await tabIdOf(driver, `${env.crmOrigin}${LIST}`);
    await driver.reloadExtension();
    await phoneReadyIn(driver, tabId, 'the WebPhone to register again in the open CRM tab after the reload');
    await assertCallPathAlive(driver, env, driver, { links });
  },

  async 'defect 5: after runtime.reload() a click in the already-open tab dials once, one dock host, no doubled links'(driver, env) {
    const links = await liveCrmPage(driver, env);
    const tabId = await tabIdOf(driver, `${env.crmOrigin}${LIST}`);
    await driver.reloadExtension();
    await phoneReadyIn(driver, tabId, 'the WebPhone to register again in the open CRM tab after the reload');
    const sc = standin(env);
    await sc.clear();
    await clickNumber(driver, A[0]);
    await receivedAtStandin(sc, 1, 'the click dialled after the reload');
    await clickNumber(driver, B[0]); // handled after the first: once it is in, a repeat of the first would be too
    await receivedAtStandin(sc, 2, 'the second click dialled');
    assert.deepEqual((await sc.received()).map((r) => r.message.data.target), [A[1], B[1]], 'each click dialled exactly once');
    assert.deepEqual(await pageCounts(driver), { hosts: 1, links, nested: 0 }, 'one dock host, the links as before');
  },

  async 'state change: Save on the options page (another field) keeps the call path alive in the open CRM page'(driver, env) {
    const links = await liveCrmPage(driver, env);
    const options = await driver.openExtensionPage('options.html');
    try {
      await waitUntil(() => options.evaluate(() => Boolean(document.getElementById('crm-0-pageApi'))), { what: 'the options form' });
      await options.click('#crm-0-pageApi');
      await options.click('#save');
      await waitUntil(() => options.evaluate(() => document.getElementById('result').dataset.tone === 'ok'), { what: 'saved' });
    } finally {
      await options.close();
    }
    await pageApiInForce(driver);
    await assertCallPathAlive(driver, env, driver, { links });
  },

  async 'state change: Import on the options page keeps the call path alive in the open CRM page'(driver, env) {
    const links = await liveCrmPage(driver, env);
    const file = tempJson('settings-import.json', withPageApi(settingsFor(env)));
    const options = await driver.openExtensionPage('options.html');
    try {
      await waitUntil(() => options.evaluate(() => Boolean(document.getElementById('crm-0-name'))), { what: 'the options form' });
      await options.setFile('#import', file);
      await waitUntil(() => options.evaluate(() => document.getElementById('result').dataset.tone === 'ok'), { what: 'the import' });
    } finally {
      await options.close();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
    await pageApiInForce(driver);
    await assertCallPathAlive(driver, env, driver, { links });
  },

  async 'state change: a managed policy appears, changes and goes away under the open CRM page'(driver, env, t) {
    if (driver.name === 'firefox') {
      t.skip("Firefox reads policies.json only at start-up: a policy can't change under an open page (a restart reloads every page)");
      return;
    }
    const why = policyUnsupported(driver);
    if (why) {
      t.skip(why);
      return;
    }
    const settings = settingsFor(env);
    const links = await liveCrmPage(driver, env, settings);
    try {
      // Appears: IT's CRM list (locked, so it is the one in force), the same CRM with the page API on.
      const policy = { crms: withPageApi(settings).crms, locked: ['crms'] };
      await setPolicy(driver, policy);
      await pageApiInForce(driver);
      await assertCallPathAlive(driver, env, driver, { links });
      // Changes: the phone goes to the side panel. Goes away: the agent's own settings (dock: page).
      await sidePanelAndBack(driver, env, links, {
        how: 'policy dock: sidepanel, then no policy',
        toPanel: () => setPolicy(driver, { ...policy, dock: 'sidepanel', locked: ['crms', 'dock'] }),
        back: () => setPolicy(driver, null),
      });
    } finally {
      await clearPolicy(driver);
    }
  },

  async 'state change: the site turned off then on from the toolbar popup keeps the call path alive'(driver, env) {
    const links = await liveCrmPage(driver, env);
    const url = `${env.crmOrigin}${LIST}`;
    const popup = await popupFor(driver, url);
    try {
      await waitUntil(() => popup.evaluate(() => document.getElementById('use').checked), { what: 'the popup to say the site is on' });
      await popup.click('#use');
      await waitUntil(async () => (await markedNumbers(driver)).length === 0 && !(await hasDock(driver)), { what: 'links and dock gone' });
      await waitUntil(() => popup.evaluate(() => !document.getElementById('use').checked), { what: 'the popup to say the site is off' });
      await popup.click('#use');
      await marksAtLeast(driver, links, 'the links back');
    } finally {
      await popup.close();
    }
    await phoneReadyIn(driver, await tabIdOf(driver, url), 'the WebPhone to register in the page again');
    await assertCallPathAlive(driver, env, driver, { links });
  },

  async 'state change: dock mode page, then sidepanel, then page again keeps the call path alive'(driver, env) {
    const settings = settingsFor(env);
    const links = await liveCrmPage(driver, env, settings);
    await sidePanelAndBack(driver, env, links, {
      how: 'stored dock: sidepanel, then page',
      toPanel: () => storeSettings(driver, { ...settings, dock: 'sidepanel' }),
      back: () => storeSettings(driver, settings),
    });
  },

  async 'state change: the live CRM tab closed and a new one opened'(driver, env) {
    await configure(driver, settingsFor(env));
    await driver.goto(`${env.crm2Origin}/pages/blank.html`); // not a CRM: the phone lives in the tabs below
    const url = `${env.crmOrigin}${LIST}`;
    let tab = await driver.newTab(url);
    try {
      await phoneReadyIn(driver, await tabIdOf(driver, url), 'the WebPhone in the first CRM tab');
      await assertCallPathAlive(driver, env, tab);
      await tab.close();
      tab = null;
      tab = await driver.newTab(url);
      await phoneReadyIn(driver, await tabIdOf(driver, url), 'the WebPhone in the new CRM tab');
      await assertCallPathAlive(driver, env, tab);
    } finally {
      await tab?.close();
    }
  },

  async 'state change: the WebPhone reloads itself in the dock'(driver, env) {
    const links = await liveCrmPage(driver, env);
    const sc = standin(env);
    const loads = await sc.loads();
    const events = await eventCount(driver);
    await sc.send({ action: 'reload' });
    await waitUntil(async () => (await sc.loads()) > loads, { what: 'the WebPhone reloaded' });
    await eventsHandled(driver, events + 1, 'the reloaded WebPhone to register');
    await assertCallPathAlive(driver, env, driver, { links });
  },

  // ---- the defects ------------------------------------------------------------------------

  async 'defect 1: a settings change must not disconnect the live dock of the open CRM page'(driver, env) {
    const settings = settingsFor(env);
    const links = await liveCrmPage(driver, env, settings);
    await storeSettings(driver, withPageApi(settings)); // still a CRM page, only the page API changes
    await pageApiInForce(driver);
    await assertCallPathAlive(driver, env, driver, { links });
  },

  async "defect 2: the popup turning sites on and off leaves an unlocked policy's CRMs in force"(driver, env, t) {
    const itCrm = { name: 'IT CRM', sites: [`${env.crm2Origin}/*`], searchUrl: `${env.crm2Origin}/search?phone={phone}`, popOn: 'never', popFor: 'inbound', pageApi: false };
    const { crms, ...ownGeneral } = settingsFor(env);
    assert.ok(crms.length);
    const itPage = `${env.crm2Origin}${LIST}`;
    const ownPage = `${env.crmOrigin}${LIST}`;
    await withPolicy(driver, t, { crms: [itCrm] }, async () => {
      await configure(driver, ownGeneral); // the agent has no CRM of its own yet
      await driver.goto(itPage);
      await marksAtLeast(driver, 5, "the policy's CRM page linked");
      // Tick: the agent's own site, as a new CRM.
      await driver.goto(ownPage);
      let popup = await popupFor(driver, ownPage);
      try {
        assert.equal(await popup.evaluate(() => document.getElementById('use').checked), false, 'not a CRM yet');
        await popup.evaluate(() => {
          document.getElementById('crm-choice').value = '-1';
          return true;
        });
        await popup.click('#use');
        await marksAtLeast(driver, 5, 'the ticked site linked');
      } finally {
        await popup.close();
      }
      await driver.goto(itPage);
      await marksAtLeast(driver, 5, "the policy's CRM page still linked after ticking a site of the agent's own");
      // Untick the agent's own site.
      await driver.goto(ownPage);
      await marksAtLeast(driver, 5, "the agent's own site linked");
      popup = await popupFor(driver, ownPage);
      try {
        await waitUntil(() => popup.evaluate(() => document.getElementById('use').checked), { what: 'the popup to say the site is on' });
        await popup.click('#use');
        await waitUntil(async () => (await markedNumbers(driver)).length === 0, { what: "the agent's own site unlinked" });
      } finally {
        await popup.close();
      }
      await driver.goto(itPage);
      await marksAtLeast(driver, 5, "the policy's CRM page still linked after unticking the agent's own site");
    });
  },

  async "defect 3: Save on the options page copies no policy value into storage.sync; a later policy change reaches the agent"(driver, env, t) {
    const { webphoneUrl, ...own } = settingsFor(env);
    await withPolicy(driver, t, { webphoneUrl: `${webphoneUrl}?policy=1` }, async () => {
      await configure(driver, own); // the agent never set a WebPhone address
      const options = await driver.openExtensionPage('options.html');
      let shown;
      try {
        await waitUntil(() => options.evaluate(() => Boolean(document.getElementById('crm-0-pageApi'))), { what: 'the options form' });
        shown = await options.evaluate(() => document.getElementById('webphoneUrl').value);
        await options.click('#crm-0-pageApi'); // only another field
        await options.click('#save');
        await waitUntil(() => options.evaluate(() => document.getElementById('result').dataset.tone === 'ok'), { what: 'saved' });
      } finally {
        await options.close();
      }
      const stored = await storedSettings(driver);
      assert.equal(stored.crms[0].pageApi, true, 'the field changed is saved');
      assert.equal(stored.webphoneUrl, undefined, 'Save copies no webphoneUrl into storage.sync settings (the agent never set one)');
      assert.equal(shown, `${webphoneUrl}?policy=1`, "the options page showed the policy's webphoneUrl, the one in force");
      // IT changes the address: the agent's WebPhone follows.
      const sc = standin(env);
      await setPolicy(driver, { webphoneUrl: `${webphoneUrl}?policy=2` });
      const loadsBefore = (await sc.loadUrls()).length;
      await driver.goto(`${env.crmOrigin}${LIST}`);
      await waitUntil(async () => (await sc.loadUrls()).slice(loadsBefore).length > 0, { what: 'a WebPhone loaded for the CRM page' });
      const loaded = (await sc.loadUrls()).slice(loadsBefore);
      assert.ok(loaded.every((u) => u.endsWith('?policy=2')), `the WebPhone loaded from the policy's new address (${loaded.join(', ')})`);
    });
  },

  async 'defect 4: with a policy dock "sidepanel" and nothing stored, the popup\'s toggle acts on the side panel'(driver, env, t) {
    const { dock, ...own } = settingsFor(env);
    assert.equal(dock, 'page');
    await withPolicy(driver, t, { dock: 'sidepanel' }, async () => {
      await configure(driver, own);
      const url = `${env.crmOrigin}${LIST}`;
      await driver.goto(url);
      await marksAtLeast(driver, 5);
      const popup = await popupFor(driver, url);
      try {
        const mode = await waitUntil(() => popup.evaluate(() => document.getElementById('toggle').dataset.dockMode), {
          what: "the popup's #toggle to carry data-dock-mode",
        }).catch((error) => error.message);
        assert.equal(mode, 'sidepanel', "the popup's toggle is for the dock mode in force (the policy's side panel)");
      } finally {
        await popup.close();
      }
    });
  },

  async 'defect 6: a WebPhone that reloads and never registers again: badge OFF, toggle notRegistered, a click waits'(driver, env) {
    await liveCrmPage(driver, env);
    const sc = standin(env);
    const loads = (await sc.loadUrls()).length;
    await sc.send({ action: 'reload', registerAfter: 'never' });
    await waitUntil(async () => (await sc.loadUrls()).slice(loads).some((u) => u.includes('registerAfter=never')), { what: 'the WebPhone reloaded, logged out' });
    await waitUntil(async () => OFF.includes(await badgeText(driver)), { what: 'the badge to say OFF' });
    await waitUntil(async () => (await dockState(driver)) === 'notRegistered', { what: 'the toggle to say notRegistered' });
    await sc.clear();
    await clickNumber(driver, A[0]);
    const bar = await waitingBar(driver, A[1]);
    assert.match(bar.text, new RegExp(A[1]));
    const notice = await driver.evaluate(() => document.querySelector('[data-mycc-dock]').shadowRoot.querySelector('.notice')?.textContent ?? '');
    assert.doesNotMatch(notice, CALLING, 'the page does not say "Calling"');
    assert.deepEqual(await sc.received(), [], 'nothing sent to a WebPhone that is not registered');
    await registerAndDialFresh(driver, sc, [A[1], B[1]]); // once it registers: the waiting one, once
  },

  async 'defect 7: three clicks before the WebPhone registers leave one waiting request, the last, shown with Cancel'(driver, env) {
    const sc = await unregisteredPhone(driver, env);
    for (const [text] of [A, B, D]) await clickNumber(driver, text);
    await clickHandled(driver, D[1]);
    const state = await sessionState(driver);
    assert.equal(state.dialRequest?.target, D[1], `storage.session dialRequest holds the last click only (pending: ${JSON.stringify(state.pending ?? null)})`);
    assert.ok(!Array.isArray(state.dialRequest), 'one request, not a list');
    const bar = await waitingBar(driver, D[1]);
    assert.equal(bar.cancel, true, 'the waiting bar has a Cancel button');
    // On registration only the last one is dialled; a fresh click after it shows nothing else came.
    await registerAndDialFresh(driver, sc, [D[1], B[1]]);
  },

  async 'defect 7a: a cancelled waiting request is never dialled'(driver, env) {
    const sc = await unregisteredPhone(driver, env);
    await clickNumber(driver, A[0]);
    await waitingBar(driver, A[1]);
    await driver.click('[data-mycc-dock] >> [data-mycc-cancel]');
    await waitUntil(async () => (await sessionState(driver)).dialRequest == null, { what: 'dialRequest gone after Cancel' });
    await registerAndDialFresh(driver, sc, [B[1]]);
  },

  async 'defect 7b: a waiting request expires after dialWaitSeconds and is never dialled'(driver, env) {
    const sc = await unregisteredPhone(driver, env);
    await clickNumber(driver, A[0]);
    await clickHandled(driver, A[1]);
    const expired = Date.now() + DIAL_WAIT_SECONDS * 1000 + 500;
    await waitUntil(() => Date.now() >= expired, { what: `the ${DIAL_WAIT_SECONDS} s of dialWaitSeconds to pass`, timeout: DIAL_WAIT_SECONDS * 1000 + 2000, interval: 200 });
    await registerAndDialFresh(driver, sc, [B[1]]);
  },

  async 'defect 7c: a call coming in meanwhile drops the waiting request'(driver, env) {
    const sc = await unregisteredPhone(driver, env);
    await clickNumber(driver, A[0]);
    await clickHandled(driver, A[1]);
    const events = await eventCount(driver);
    await sc.send({ action: 'replay', scenario: 'queue-ringing' });
    await eventsHandled(driver, events + 1, 'the ringing call handled');
    await sc.send({ action: 'register', note: REGISTERED });
    await sc.send({ action: 'end' });
    await eventsHandled(driver, events + 3, 'the registration and the end handled');
    await registerAndDialFresh(driver, sc, [B[1]], { registered: true });
  },

  async 'defect 7d: a waiting request is dialled once when the WebPhone registers in time'(driver, env) {
    const sc = await unregisteredPhone(driver, env);
    await clickNumber(driver, A[0]);
    await clickHandled(driver, A[1]);
    await registerAndDialFresh(driver, sc, [A[1], B[1]]);
  },
};

const DIAL_WAIT_SECONDS = 5;

/** A CRM page whose WebPhone loaded but does not register (yet), with dialWaitSeconds 5; the stand-in. */
async function unregisteredPhone(driver, env) {
  const sc = standin(env);
  await configure(driver, { ...settingsFor(env, { popOn: 'never' }), webphoneUrl: `${env.webphoneUrl}?registerAfter=never`, dialWaitSeconds: DIAL_WAIT_SECONDS });
  const loads = await sc.loads();
  await driver.goto(`${env.crmOrigin}${LIST}`);
  await marksAtLeast(driver, 5);
  await waitUntil(async () => (await sc.loads()) > loads && (await sc.clients()) > 0, { what: 'the WebPhone loaded and listening' });
  await waitUntil(async () => (await sessionState(driver)).liveTab != null, { what: 'the dock to host the phone' });
  await sc.clear();
  return sc;
}

/** Waits until the background has taken a click on `target` (the contract's dialRequest, or the older pending list). */
const clickHandled = (driver, target) =>
  waitUntil(async () => {
    const state = await sessionState(driver);
    return state.dialRequest?.target === target || (state.pending ?? []).some((r) => r.target === target);
  }, { what: `the click on ${target} taken by the background` });

/** Waits for the dock's waiting bar ([data-mycc-waiting], not hidden) showing `target`. */
const waitingBar = (tab, target) =>
  waitUntil(() => tab.evaluate((t) => {
    const root = document.querySelector('[data-mycc-dock]')?.shadowRoot;
    const bar = root?.querySelector('[data-mycc-waiting]');
    if (!bar || bar.hidden || !bar.textContent.includes(t) || bar.getClientRects().length === 0) return null;
    return { text: bar.textContent, cancel: Boolean(root.querySelector('[data-mycc-cancel]')) };
  }, target), { what: `the waiting bar ([data-mycc-waiting]) showing ${target}` });

const REGISTERED = 'registered';

/**
 * Registers the WebPhone (unless `registered`: done already, with the note), then clicks
 * `expected`'s last number and checks that the stand-in received exactly `expected`, all after
 * the registration (the stand-in notes it in its received list) and the fresh click's last.
 */
async function registerAndDialFresh(driver, sc, expected, { registered = false } = {}) {
  if (!registered) await sc.send({ action: 'register', note: REGISTERED });
  await phoneReadyIn(driver, null, 'the WebPhone registered');
  const fresh = [A, B].find(([, target]) => target === expected[expected.length - 1]);
  await clickNumber(driver, fresh[0]);
  await waitUntil(async () => (await sc.received()).some((r) => r.message.data?.target === fresh[1]), { what: 'the fresh click dialled' });
  assert.deepEqual(
    (await sc.received()).map((r) => r.message.data?.target ?? r.message.data),
    [REGISTERED, ...expected],
    'exactly these dialled, in this order, none before the WebPhone registered',
  );
}

module.exports = {
  SCENARIOS,
  CHROMIUM_ONLY: {
    async 'state change: the service worker stopped keeps the call path alive in the open CRM page'(driver, env) {
      const links = await liveCrmPage(driver, env);
      const starts = driver.workerStarts();
      assert.equal(await driver.stopServiceWorker(), true, 'the worker stopped');
      await assertCallPathAlive(driver, env, driver, { links });
      assert.ok(driver.workerStarts() > starts, 'the call woke the worker');
    },
  },
  assertCallPathAlive,
};
