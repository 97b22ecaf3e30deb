'use strict';
// Faults (issue 13): a WebPhone that floods the dock with junk or huge events, reloads, fails with
// a server error; a service worker stopped again and again; a page that rewrites itself
// (document.open), keeps removing the dock, or hides everything; settings imports at and past
// storage.sync's limits, a stale options tab; a caller id that is a dot segment; tabs closed
// right after navigating. Each scenario states a bound the extension must hold, and prints what
// it measured where it measures something.
const assert = require('node:assert/strict');
const {
  waitUntil, receivedAtStandin, standin, settingsFor, configure, sessionState, eventCount, eventsHandled, badgeText,
  tabUrls, closeTabsAt, phoneReadyIn, openCrmPage, dockOpen, marksAtLeast, clickNumber, tabIdOf,
} = require('../helpers.js');
const {
  READY, RINGING, OFF, CALLING, PHONE_EVENT_TYPES, freshCall, tabsWith, sessionChars, loggedType, syncItems, documentFromItems,
  resetSync, tempJson, badgeIn, notes, toggleOf, dockWords,
} = require('../faults-helpers.js');

const LIST = '/pages/list.html';
// Marked numbers of /pages/list.html, each as written there, and what it dials.
const A = ['0982 861 121', '0982861121'];
const B = ['+84 912 345 678', '0912345678'];
const D = ['0168 286 1121', '0382861121'];

const log = (t, text) => t.diagnostic?.(text) ?? console.log(text);

const SCENARIOS = {
  async 'faults: a flood of junk from the WebPhone does not delay a ringing call'(driver, env, t) {
    // The issue asks for 1 s from the event's arrival; measured here from its posting, behind the
    // browser's own delivery of the 10,000 messages to the dock (2 cores, shared): 10 s in
    // Chromium; 20 s in Firefox, whose delivery alone took 6 to 13 s on this machine (before the
    // fix the ringing call never showed within 60 s).
    const BOUND_MS = driver.name === 'firefox' ? 20000 : 10000;
    const COUNT = 10000;
    await configure(driver, settingsFor(env, { popTarget: 'newTab' }));
    await openCrmPage(driver, env, LIST);
    const sc = standin(env);
    await sc.clear();
    const call = freshCall('0912345678');
    const floodFrom = Date.now();
    try {
      await sc.send({ action: 'flood', count: COUNT, then: call.ringing });
      // The badge and the pop, watched together; the stand-in notes when it posted the ringing.
      let ringAt = null;
      let popAt = null;
      await waitUntil(async () => {
        if (ringAt == null && RINGING.includes(await badgeText(driver))) ringAt = Date.now();
        if (popAt == null && (await tabsWith(driver, call.popMark)).length > 0) popAt = Date.now();
        return ringAt != null && popAt != null;
      }, { what: 'the ringing call after the flood: badge RING and its pop', timeout: 60000 });
      const flooded = await waitUntil(async () => (await notes(sc)).find((n) => n?.flooded === COUNT), { what: "the stand-in's note of the flood" });
      const ringDelay = ringAt - flooded.thenAt;
      const popDelay = popAt - flooded.thenAt;
      log(t, `flood of ${COUNT} junk messages posted in ${flooded.floodMs} ms; the ringing after it: badge RING ${ringDelay} ms, pop ${popDelay} ms`);
      assert.ok(ringDelay <= BOUND_MS, `badge RING ${ringDelay} ms after the ringing was posted behind ${COUNT} junk messages (bound ${BOUND_MS} ms)`);
      assert.ok(popDelay <= BOUND_MS, `pop ${popDelay} ms after the ringing was posted behind ${COUNT} junk messages (bound ${BOUND_MS} ms)`);
      // A later positive signal: the call's end handled; then the log holds the two real events only.
      await sc.send({ action: 'raw', message: call.end });
      await badgeIn(driver, READY);
      const session = await sessionState(driver);
      const types = (session.events ?? []).map(loggedType);
      assert.ok(types.every((type) => PHONE_EVENT_TYPES.includes(type)), `only the phone's events in the session log (${JSON.stringify(types.slice(-10))})`);
      const since = (session.events ?? []).filter((e) => !(e.at < floodFrom));
      assert.deepEqual(since.map(loggedType), ['OnCallRinging', 'OnCallEnd'], 'logged since the flood: the ringing and its end, nothing else');
      const text = JSON.stringify(session);
      assert.ok(!text.includes('e2e:unknown') && !text.includes('TTTTTTTT') && !text.includes('xxxxxxxx'), 'no junk anywhere in storage.session');
      assert.equal((await tabsWith(driver, call.popMark)).length, 1, 'the call popped once');
    } finally {
      await closeTabsAt(driver, `${env.crmOrigin}/search`);
    }
  },

  async 'faults: 10 MB of large events neither fill storage.session nor stop calls popping'(driver, env, t) {
    const SESSION_BOUND = 64 * 1024;
    await configure(driver, settingsFor(env, { popTarget: 'newTab' }));
    await openCrmPage(driver, env, LIST);
    const sc = standin(env);
    await sc.clear();
    const bulky = freshCall('0933456789');
    const fresh = freshCall('0912345678');
    try {
      // 45 unknown events of 200 KB (9 MB), then 20 call events of one call with a 60 KB field (1.2 MB).
      await sc.send({ action: 'big', count: 45, chars: 200 * 1024, message: { type: 'e2e:bulk', data: {} } });
      await sc.send({ action: 'big', count: 20, chars: 60 * 1024, message: bulky.ringing });
      await waitUntil(async () => (await notes(sc)).filter((n) => n?.big).length === 2, { what: 'the stand-in to post the big events', timeout: 30000 });
      await sc.send({ action: 'raw', message: bulky.end });
      // A call after all of it: it pops (call events are handled in order: everything before it is done).
      await sc.send({ action: 'raw', message: fresh.ringing });
      await waitUntil(async () => (await tabsWith(driver, fresh.popMark)).length > 0, { what: 'the call after 10 MB of events to pop', timeout: 30000 });
      await badgeIn(driver, RINGING);
      await sc.send({ action: 'raw', message: fresh.end });
      await badgeIn(driver, READY);
      const chars = await sessionChars(driver);
      const local = await driver.extension(async () => JSON.stringify(await (globalThis.browser ?? globalThis.chrome).storage.local.get(null)).length);
      log(t, `after 10.4 MB of events: storage.session ${chars} characters (JSON), storage.local ${local}`);
      assert.ok(chars <= SESSION_BOUND, `storage.session holds ${chars} characters after 10 MB of events (bound ${SESSION_BOUND})`);
      assert.equal((await tabsWith(driver, bulky.popMark)).length, 1, 'the call of the 60 KB events popped once');
      assert.equal((await tabsWith(driver, fresh.popMark)).length, 1, 'the call after them popped once');
    } finally {
      await closeTabsAt(driver, `${env.crmOrigin}/search`);
    }
  },

  async 'faults: a click while the WebPhone frame reloads is dialled once after it registers'(driver, env) {
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    await openCrmPage(driver, env, LIST);
    await marksAtLeast(driver, 5);
    const sc = standin(env);
    await sc.clear();
    const loads = (await sc.loadUrls()).length;
    await sc.send({ action: 'reload', registerAfter: 'never' });
    // The dock has seen its WebPhone load again: the phone is not registered, in the page too.
    await waitUntil(async () => (await sc.loadUrls()).slice(loads).some((u) => u.includes('registerAfter=never')), { what: 'the WebPhone reloading' });
    await waitUntil(async () => (await sessionState(driver)).phoneState === 'notRegistered', { what: 'the phone not registered after the reload' });
    await waitUntil(async () => (await toggleOf(driver))?.state === 'notRegistered', { what: 'the toggle to say notRegistered' });
    await clickNumber(driver, A[0]);
    // The click is taken as waiting: the dock bar shows the number, and never "Calling".
    const words = await waitUntil(async () => {
      const shown = await dockWords(driver);
      return shown.includes(A[1]) && shown;
    }, { what: `the dock to show the click on ${A[1]}` });
    assert.doesNotMatch(words, CALLING, `the dock does not say "Calling" while the WebPhone reloads (it says: ${words})`);
    assert.doesNotMatch(await driver.dockText('#status'), CALLING, 'the dock frame does not say "Dialling" either');
    assert.deepEqual(await sc.received(), [], 'nothing posted to the WebPhone before it registered');
    // It registers: the waiting click arrives once; a fresh click after it shows nothing else came.
    await sc.send({ action: 'register', note: 'registered' });
    await phoneReadyIn(driver, null, 'the reloaded WebPhone registered');
    await receivedAtStandin(sc, 2, 'the waiting click dialled after the registration');
    await clickNumber(driver, B[0]);
    await waitUntil(async () => (await sc.received()).some((r) => r.message.data?.target === B[1]), { what: 'the fresh click dialled' });
    assert.deepEqual(
      (await sc.received()).map((r) => r.message.data?.target ?? r.message.data),
      ['registered', A[1], B[1]],
      'the click during the reload dialled exactly once, after the registration',
    );
  },

  async 'faults: a WebPhone reloaded into an HTTP 500 says so and recovers when the server is back'(driver, env, t) {
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    await openCrmPage(driver, env, LIST);
    await marksAtLeast(driver, 5);
    const sc = standin(env);
    const fail = (status) => fetch(`${env.webphoneOrigin}/control/fail?status=${status}`).then((r) => r.json());
    try {
      assert.equal((await fail(500)).failStatus, 500);
      const loads = (await sc.loadUrls()).length;
      const started = Date.now();
      await sc.send({ action: 'reload' });
      await waitUntil(async () => (await sc.loadUrls()).length > loads, { what: 'the WebPhone reloading into the error' });
      await badgeIn(driver, OFF);
      // After its watchdog (20 s) the dock says, in words, that the WebPhone could not be loaded.
      const said = await waitUntil(async () => {
        const text = await driver.dockText('#status').catch(() => '');
        return /could not be loaded|not responding|Không tải được|không phản hồi/i.test(text) && text;
      }, { what: 'the dock to say the WebPhone could not be loaded', timeout: 45000, interval: 500 });
      log(t, `the dock said "${said}" ${Date.now() - started} ms after the reload into HTTP 500`);
      assert.ok(OFF.includes(await badgeText(driver)), 'the badge says OFF');
      assert.notEqual((await toggleOf(driver))?.state, 'ready', 'the toggle does not say ready');
      // The server is back: the dock retries by itself (back-off from 20 s) and the phone registers.
      await fail(0);
      const back = Date.now();
      await waitUntil(async () => {
        const state = await sessionState(driver);
        return state.phoneState === 'ready' && state.liveTab != null;
      }, { what: 'the WebPhone to register again by itself once the server is back', timeout: 70000, interval: 500 });
      log(t, `registered again ${Date.now() - back} ms after the server came back`);
      await sc.clear();
      await clickNumber(driver, A[0]);
      await receivedAtStandin(sc, 1, 'the click dialled after the recovery');
      assert.deepEqual((await sc.received()).map((r) => r.message), [{ type: 'OutboundCallRequest', data: { target: A[1] } }]);
    } finally {
      await fail(0);
    }
  },

  async 'faults: document.open() and write() by the page: the dock comes back and clicks dial'(driver, env) {
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    await openCrmPage(driver, env, LIST);
    await marksAtLeast(driver, 5);
    const tabId = await tabIdOf(driver, `${env.crmOrigin}${LIST}`);
    const sc = standin(env);
    const events = await eventCount(driver);
    await driver.evaluate(() => {
      document.open();
      document.write('<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Rewritten</title></head><body>'
        + '<p id="w">Khách mới: 0912 345 678</p><p><a id="tel" href="tel:0933456789">Gọi lại</a></p></body></html>');
      document.close();
      return true;
    });
    assert.equal(await driver.evaluate(() => document.title), 'Rewritten', 'the page rewrote itself');
    await waitUntil(() => driver.evaluate(() => document.querySelectorAll('[data-mycc-dock]').length === 1), { what: 'the dock back in the rewritten document' });
    // The dock's frame loaded again with the new <html>: its WebPhone registers again in this tab.
    await eventsHandled(driver, events + 1, 'the WebPhone to register again');
    await phoneReadyIn(driver, tabId, 'the phone ready in the rewritten page');
    await sc.clear();
    await driver.click('#tel');
    await receivedAtStandin(sc, 1, 'the tel: link of the rewritten page dialled');
    await marksAtLeast(driver, 1, 'the number of the rewritten page marked');
    await clickNumber(driver, '0912 345 678', '#w');
    await receivedAtStandin(sc, 2, 'the linked number of the rewritten page dialled');
    assert.deepEqual((await sc.received()).map((r) => r.message.data.target), ['0933456789', '0912345678'], 'each click dialled once');
    assert.equal(await driver.evaluate(() => document.querySelectorAll('[data-mycc-dock]').length), 1, 'one dock');
  },

  async 'faults: a page that removes the dock whenever its DOM changes stays responsive; the dock backs off and the popup says so'(driver, env, t) {
    // The dock re-attaches 5 times within 10 s, then waits 2, 4, … 64 s, then gives up (~130 s).
    const RESPONSIVE_MS = 3000;
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    const url = `${env.crmOrigin}/pages/dock-remover.html`;
    await driver.goto(url);
    const tabId = await tabIdOf(driver, url);
    await waitUntil(async () => (await driver.evaluate(() => window.removals)) >= 5, { what: 'the page to remove the dock 5 times' });
    let slowest = 0;
    const sample = async () => {
      const before = Date.now();
      const value = await driver.evaluate(() => ({ removals: window.removals, ticks: window.ticks }));
      slowest = Math.max(slowest, Date.now() - before);
      return value;
    };
    const first = await sample();
    const lost = await waitUntil(async () => {
      await sample();
      return (await sessionState(driver)).crmTabs?.[tabId]?.dockLost === true;
    }, { what: 'the dock to give up and tell the background', timeout: 200000, interval: 1000 }).then(() => true, (error) => error);
    const atGiveUp = await sample();
    log(t, `removals: ${first.removals} at first, ${atGiveUp.removals} at the give-up; page ticks ${first.ticks} → ${atGiveUp.ticks}; slowest evaluate ${slowest} ms`);
    assert.ok(slowest <= RESPONSIVE_MS, `the page answered every evaluate within ${RESPONSIVE_MS} ms (slowest ${slowest} ms)`);
    assert.ok(atGiveUp.ticks > first.ticks, "the page's own timer kept running");
    assert.ok(atGiveUp.removals <= 40, `the dock backed off: ${atGiveUp.removals} removals in all (5 per round, 7 rounds)`);
    if (lost !== true) throw lost;
    const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
    try {
      const text = await waitUntil(() => popup.evaluate(() => {
        const el = document.getElementById('dock-lost');
        return el && !el.hidden && el.getClientRects().length > 0 && el.textContent.trim();
      }), { what: "the popup's #dock-lost shown with words" });
      assert.ok(text.length > 20, `the popup says why in words ("${text}")`);
    } finally {
      await popup.close();
    }
    // Given up: the page's timer goes on changing the DOM, and nothing is removed any more.
    const after = await sample();
    await waitUntil(async () => (await sample()).ticks >= after.ticks + 20, { what: 'the page to change its DOM 20 more times' });
    assert.equal((await sample()).removals, after.removals, 'no more removals after the give-up');
  },

  async 'faults: a settings import of 150 CRMs and a CRM of 250 sites are stored; a 10 MB file is refused in words and changes nothing'(driver, env, t) {
    const general = { webphoneUrl: env.webphoneUrl, defaultCountry: 'VN', dock: 'page' };
    const crm = (name, sites, origin) => ({ name, sites, searchUrl: `${origin}/search?phone={phone}`, popOn: 'never', popFor: 'inbound', pageApi: false });
    // 149 CRMs elsewhere, the 150th on the test server; then one CRM of 249 sites elsewhere and the second test origin.
    const many = { ...general, crms: [...Array.from({ length: 149 }, (_, i) => crm(`CRM số ${i + 1}`, [`https://crm${i + 1}.example.vn/*`], `https://crm${i + 1}.example.vn`)), crm('CRM 150', [`${env.crmOrigin}/*`], env.crmOrigin)] };
    const wide = { ...general, crms: [crm('CRM 250 trang', [...Array.from({ length: 249 }, (_, i) => `https://site${i + 1}.example.vn/*`), `${env.crm2Origin}/*`], env.crm2Origin)] };
    const huge = { ...general, crms: [crm('Quá lớn', [`${env.crmOrigin}/*`], env.crmOrigin)], notes: 'n'.repeat(10 * 1024 * 1024) };
    const files = [tempJson('many.json', many), tempJson('wide.json', wide), tempJson('huge.json', huge)];
    const optionsForm = async () => {
      const options = await driver.openExtensionPage('options.html');
      // Shown and wired: the settings in force fill the form in the same task that adds its listeners.
      await waitUntil(() => options.evaluate(() => document.getElementById('webphoneUrl').value !== ''), { what: 'the options form' });
      return options;
    };
    const importFile = async (file, tone) => {
      const options = await optionsForm();
      try {
        await options.evaluate(() => {
          document.getElementById('result').textContent = '';
          delete document.getElementById('result').dataset.tone;
          return true;
        });
        await options.setFile('#import', file);
        return await waitUntil(() => options.evaluate(() => {
          const result = document.getElementById('result');
          return result.dataset.tone && { tone: result.dataset.tone, text: result.textContent };
        }), { what: `the import of ${file} (${tone})`, timeout: 30000 });
      } finally {
        await options.close();
      }
    };
    const shownCrms = async () => {
      const options = await optionsForm();
      try {
        return await waitUntil(() => options.evaluate(() => {
          const cards = document.querySelectorAll('#crms .crm');
          return cards.length > 0 && [...cards].map((_, i) => ({
            name: document.getElementById(`crm-${i}-name`).value,
            sites: document.getElementById(`crm-${i}-sites`).value.split('\n').filter(Boolean).length,
          }));
        }), { what: 'the CRM cards' });
      } finally {
        await options.close();
      }
    };
    /** Is a page on `origin` a CRM page now, and of which CRM (the background's own record)? */
    const crmOfPage = async (origin) => {
      const url = `${origin}${LIST}?f13=${Date.now()}`;
      await driver.goto(url);
      const tabId = await tabIdOf(driver, url);
      const entry = await waitUntil(async () => (await sessionState(driver)).crmTabs?.[tabId], { what: `the page on ${origin} registered as a CRM page` });
      return entry.crm;
    };
    try {
      await resetSync(driver, { ...general, crms: [] });
      await configure(driver, { ...general, crms: [] });
      await driver.goto(`${env.crm2Origin}/pages/blank.html`);

      // 150 CRMs.
      const first = await importFile(files[0].file, 'ok');
      assert.equal(first.tone, 'ok', `the import of 150 CRMs is stored (${first.text})`);
      let items = await syncItems(driver);
      const bytes = JSON.stringify(items).length;
      log(t, `150 CRMs: storage.sync holds ${Object.keys(items).length} items, ${bytes} characters`);
      let stored = documentFromItems(items);
      assert.equal(stored.crms.length, 150, 'storage.sync holds 150 CRMs');
      assert.deepEqual(stored.crms[149].sites, [`${env.crmOrigin}/*`]);
      let shown = await shownCrms();
      assert.equal(shown.length, 150, 'the options page shows 150 CRMs after a reload');
      assert.equal(shown[149].name, 'CRM 150');
      assert.equal(await crmOfPage(env.crmOrigin), 149, "a page on the 150th CRM's site is a page of that CRM");

      // One CRM of 250 sites.
      const second = await importFile(files[1].file, 'ok');
      assert.equal(second.tone, 'ok', `the import of a CRM of 250 sites is stored (${second.text})`);
      items = await syncItems(driver);
      log(t, `a CRM of 250 sites: storage.sync holds ${Object.keys(items).length} items, ${JSON.stringify(items).length} characters`);
      stored = documentFromItems(items);
      assert.equal(stored.crms.length, 1, 'one CRM stored');
      assert.equal(stored.crms[0].sites.length, 250, 'with its 250 sites');
      assert.ok(!Object.keys(items).some((key) => /^settingsCrms\d+$/.test(key) && Number(key.slice(12)) > (items.settings.crmsParts ?? 0)), 'no part left over from the bigger document');
      shown = await shownCrms();
      assert.deepEqual(shown, [{ name: 'CRM 250 trang', sites: 250 }], 'the options page shows it after a reload');
      assert.equal(await crmOfPage(env.crm2Origin), 0, "a page on the 250th site is a CRM page");

      // 10 MB: refused in words, storage.sync as it was.
      const before = await syncItems(driver);
      const third = await importFile(files[2].file, 'problem');
      log(t, `a 10 MB file: "${third.text}"`);
      assert.equal(third.tone, 'problem', 'a 10 MB file is refused');
      assert.ok(third.text.trim().length > 20 && /\p{L}{3,}/u.test(third.text), `the refusal is in words ("${third.text}")`);
      assert.deepEqual(await syncItems(driver), before, 'storage.sync unchanged by the refused file');
    } finally {
      for (const f of files) f.remove();
      await resetSync(driver, settingsFor(env));
    }
  },

  async 'faults: a save from a stale options tab is refused and discards nothing'(driver, env) {
    await resetSync(driver, settingsFor(env));
    await configure(driver, settingsFor(env));
    const ready = (tab) => waitUntil(() => tab.evaluate(() => Boolean(document.getElementById('crm-0-name'))), { what: 'the options form' });
    const result = (tab) => waitUntil(() => tab.evaluate(() => {
      const el = document.getElementById('result');
      return el.dataset.tone && { tone: el.dataset.tone, text: el.textContent };
    }), { what: 'the result of Save' });
    const first = await driver.openExtensionPage('options.html');
    let second = null;
    try {
      second = await driver.openExtensionPage('options.html');
      await ready(first);
      await ready(second);
      // The first tab adds a CRM (the generic preset: the others hold a YOUR-… part to replace first) and saves.
      await first.evaluate(() => {
        document.getElementById('preset').value = 'generic';
        return true;
      });
      await first.click('#add');
      await waitUntil(() => first.evaluate(() => document.querySelectorAll('#crms .crm').length === 2), { what: 'the new CRM card' });
      const added = await first.evaluate(() => document.getElementById('crm-1-name').value);
      await first.evaluate(() => {
        document.getElementById('result').textContent = '';
        delete document.getElementById('result').dataset.tone;
        return true;
      });
      await first.click('#save');
      assert.equal((await result(first)).tone, 'ok', 'the first tab saved');
      const saved = documentFromItems(await syncItems(driver));
      assert.deepEqual(saved.crms.map((c) => c.name), ['CRM mẫu', added], 'the new CRM stored');
      // The second tab, opened before that save, changes another field and saves.
      await second.click('#crm-0-pageApi');
      await second.evaluate(() => {
        document.getElementById('result').textContent = '';
        delete document.getElementById('result').dataset.tone;
        return true;
      });
      await second.click('#save');
      const refused = await result(second);
      assert.equal(refused.tone, 'problem', `the stale tab's Save is refused (it said: "${refused.text}")`);
      assert.ok(refused.text.trim().length > 20 && /\p{L}{3,}/u.test(refused.text), `in words ("${refused.text}")`);
      const after = documentFromItems(await syncItems(driver));
      assert.deepEqual(after.crms.map((c) => c.name), ['CRM mẫu', added], "the first tab's CRM is still stored");
      assert.equal(after.crms[0].pageApi, false, "the stale tab's change was not written");
    } finally {
      await second?.close();
      await first.close();
      await resetSync(driver, settingsFor(env));
    }
  },

  async 'faults: a caller id of ".." in a path template opens no pop that escapes the path'(driver, env) {
    await configure(driver, settingsFor(env, { searchUrl: `${env.crmOrigin}/contacts/{phone}/view`, popTarget: 'newTab' }));
    await openCrmPage(driver, env, LIST);
    const sc = standin(env);
    const listUrl = `${env.crmOrigin}${LIST}`;
    const opened = async () => (await tabUrls(driver)).filter((u) => u.startsWith(env.crmOrigin) && u !== listUrl);
    try {
      for (const number of ['..', '.']) {
        const call = freshCall(number);
        const events = await eventCount(driver);
        await sc.send({ action: 'raw', message: call.ringing });
        await sc.send({ action: 'raw', message: call.end });
        await eventsHandled(driver, events + 2, `the call from "${number}" handled`);
      }
      // A positive signal after them: a normal number pops where the template says.
      const normal = freshCall('0912345678');
      const expected = `${env.crmOrigin}/contacts/0912345678/view`;
      await sc.send({ action: 'raw', message: normal.ringing });
      await waitUntil(async () => (await opened()).includes(expected), { what: `the pop of a normal number at ${expected}` });
      await sc.send({ action: 'raw', message: normal.end });
      await badgeIn(driver, READY);
      assert.deepEqual(await opened(), [expected], 'no pop for ".." or "." (none at /view, /contacts/view or anywhere outside /contacts/NUMBER/)');
    } finally {
      await closeTabsAt(driver, `${env.crmOrigin}/contacts/`);
      await closeTabsAt(driver, `${env.crmOrigin}/view`);
    }
  },

  async 'faults: hostile styles and a late overlay neither hide the dock nor block its toggle'(driver, env) {
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    await openCrmPage(driver, env, LIST);
    await waitUntil(() => driver.evaluate(() => Boolean(document.querySelector('[data-mycc-dock]'))), { what: 'the dock' });
    if (await dockOpen(driver)) await driver.click('[data-mycc-dock] >> [data-mycc-toggle]');
    await waitUntil(async () => !(await dockOpen(driver)), { what: 'the dock closed' });
    await driver.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = '* { visibility: hidden !important; opacity: 0 !important; pointer-events: none !important }';
      document.head.append(style);
      // After the dock, on <html>, at the highest z-index, catching every pointer event.
      const overlay = document.createElement('div');
      overlay.id = 'f13-overlay';
      overlay.setAttribute('style', 'position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; background: rgba(0,0,0,.4) !important; visibility: visible !important; opacity: 1 !important; pointer-events: auto !important');
      document.documentElement.append(overlay);
      return true;
    });
    const hit = await driver.evaluate(() => {
      const host = document.querySelector('[data-mycc-dock]');
      const toggle = host.shadowRoot.querySelector('[data-mycc-toggle]');
      const box = toggle.getBoundingClientRect();
      const at = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      const style = getComputedStyle(toggle);
      return {
        hitsDock: at === host,
        hit: at ? `${at.tagName}#${at.id}` : null,
        overlayAfterDock: Boolean(host.compareDocumentPosition(document.getElementById('f13-overlay')) & Node.DOCUMENT_POSITION_FOLLOWING),
        visible: style.visibility === 'visible' && Number(getComputedStyle(host).opacity) === 1 && box.width > 0 && box.height > 0,
      };
    });
    assert.ok(hit.overlayAfterDock, 'the overlay came after the dock');
    assert.ok(hit.visible, 'the toggle is visible');
    assert.ok(hit.hitsDock, `the point at the toggle's centre hits the dock (it hits ${hit.hit})`);
    await driver.click('[data-mycc-dock] >> [data-mycc-toggle]');
    await waitUntil(() => dockOpen(driver), { what: 'the trusted click on the toggle to open the dock (aria-expanded="true")' });
  },

  async 'faults: tabs closed right after navigating leave no session entries behind'(driver, env, t) {
    const TABS = 30;
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    await driver.goto(`${env.crm2Origin}/pages/blank.html`); // not a CRM page
    for (let i = 0; i < TABS; i++) {
      // A third closed at once, a third right after a navigation to another CRM page, a third as that navigation starts loading.
      await driver.extension(async ([url, next, kind]) => {
        const api = globalThis.browser ?? globalThis.chrome;
        const loaded = (id, wanted) => new Promise((resolve) => {
          const listener = (tabId, change, tab) => {
            if (tabId !== id || !wanted(change, tab)) return;
            api.tabs.onUpdated.removeListener(listener);
            resolve();
          };
          api.tabs.onUpdated.addListener(listener);
        });
        const tab = await api.tabs.create({ url, active: false });
        if (kind === 0) {
          await api.tabs.remove(tab.id);
          return true;
        }
        await loaded(tab.id, (change) => change.status === 'complete');
        if (kind === 1) {
          api.tabs.update(tab.id, { url: next });
          await api.tabs.remove(tab.id);
          return true;
        }
        const started = loaded(tab.id, (change, info) => (change.status === 'loading' || change.url) && (info.pendingUrl || info.url || '').includes('tel.html'));
        await api.tabs.update(tab.id, { url: next });
        await started;
        await api.tabs.remove(tab.id);
        return true;
      }, [`${env.crmOrigin}${LIST}?f13=${i}`, `${env.crmOrigin}/pages/tel.html?f13=${i}`, i % 3]);
    }
    // A later positive signal: a CRM tab opened after them is registered, then closed and forgotten.
    const marker = `${env.crmOrigin}/pages/tel.html?f13=marker`;
    const markerTab = await driver.newTab(marker);
    const markerId = await tabIdOf(driver, marker);
    await waitUntil(async () => (await sessionState(driver)).crmTabs?.[markerId] != null, { what: 'the marker tab registered' });
    await markerTab.close();
    const leftover = async () => {
      // One after the other: Firefox's driver has one current window for both.
      const state = await sessionState(driver);
      const ids = await driver.extension(async () => (await (globalThis.browser ?? globalThis.chrome).tabs.query({})).map((tab) => tab.id));
      const stale = Object.keys(state.crmTabs ?? {}).filter((id) => !ids.includes(Number(id)));
      const live = state.liveTab != null && state.liveTab !== 'panel' && !ids.includes(state.liveTab) ? [state.liveTab] : [];
      return { stale, live, entries: Object.keys(state.crmTabs ?? {}).length };
    };
    const settled = await waitUntil(async () => {
      const now = await leftover();
      return now.stale.length === 0 && now.live.length === 0 && now;
    }, { what: 'crmTabs to hold only open tabs once the closing settles', timeout: 20000, interval: 250 }).catch(async (error) => {
      const now = await leftover();
      throw new Error(`${error.message}: crmTabs keeps ${now.stale.length} closed tab(s) ${JSON.stringify(now.stale)}, liveTab ${JSON.stringify(now.live)}`);
    });
    log(t, `${TABS} tabs opened and closed: crmTabs holds ${settled.entries} entries, all of open tabs`);
  },
};

const CHROMIUM_ONLY = {
  // Chromium only: only the DevTools protocol can stop the extension's worker (Firefox's event page can't be forced to suspend).
  async 'faults: the worker stopped again and again during calls and clicks: each call pops once, each click dials once'(driver, env, t) {
    await configure(driver, settingsFor(env, { popTarget: 'newTab' }));
    await openCrmPage(driver, env, LIST);
    await marksAtLeast(driver, 5);
    const sc = standin(env);
    await sc.clear();
    const clicks = [A, B, D];
    const calls = [];
    const dialled = [];
    let stops = 0;
    const stop = async () => {
      if (await driver.stopServiceWorker()) stops++;
    };
    const popped = (call) => waitUntil(async () => (await tabsWith(driver, call.popMark)).length > 0, { what: `the pop of call ${calls.length}`, timeout: 20000 });
    const requested = (n) => waitUntil(async () => (await sc.received()).length >= n, { what: `click ${n} at the stand-in`, timeout: 20000 });
    try {
      for (let i = 0; i < 10; i++) {
        const call = freshCall(`09123456${String(10 + i)}`);
        calls.push(call);
        // The call: the worker stopped before it, right after it was posted, as soon as the
        // background has logged it (in the middle of handling it), while it rings, or after its end.
        const where = i % 5;
        if (where === 0) await stop();
        await sc.send({ action: 'raw', message: call.ringing });
        if (where === 1) await stop();
        if (where === 2) {
          await waitUntil(async () => ((await sessionState(driver)).events ?? []).some((e) => (e.json ?? '').includes(call.id)), { what: `call ${i} logged`, interval: 5 });
          await stop();
        }
        await popped(call);
        if (where === 3) await stop();
        await sc.send({ action: 'raw', message: call.end });
        if (where === 4) await stop();
        await badgeIn(driver, READY, 20000);
        // The click: the worker stopped before it, right after it, as soon as the background has
        // taken it (before the WebPhone has it), or not at all.
        const [selector, target] = clicks[i % clicks.length];
        const how = i % 4;
        if (how === 0) await stop();
        await clickNumber(driver, selector);
        dialled.push(target);
        if (how === 1) await stop();
        if (how === 2) {
          await waitUntil(async () => {
            const state = await sessionState(driver);
            return state.dialRequest?.target === target || (state.pending ?? []).some((r) => r.target === target) || (await sc.received()).length >= dialled.length;
          }, { what: `click ${i} taken by the background`, interval: 5 });
          await stop();
        }
        await requested(dialled.length);
      }
      // A later positive signal: one more call and click, with the worker stopped before each.
      const last = freshCall('0912345699');
      await stop();
      await sc.send({ action: 'raw', message: last.ringing });
      await popped(last);
      await sc.send({ action: 'raw', message: last.end });
      await badgeIn(driver, READY, 20000);
      await stop();
      await clickNumber(driver, A[0]);
      dialled.push(A[1]);
      await requested(dialled.length);
      log(t, `${stops} worker stops over 11 calls and 11 clicks`);
      assert.ok(stops >= 10, `the worker was stopped (${stops} times)`);
      const counts = await Promise.all([...calls, last].map(async (call) => (await tabsWith(driver, call.popMark)).length));
      assert.deepEqual(counts, counts.map(() => 1), 'each call popped exactly once');
      assert.deepEqual((await sc.received()).map((r) => r.message.data?.target), dialled, 'each click dialled exactly once, in order');
    } finally {
      await closeTabsAt(driver, `${env.crmOrigin}/search`);
    }
  },
};

// A scenario waiting on the extension's own timers says how long it may take (suite.js).
SCENARIOS['faults: a flood of junk from the WebPhone does not delay a ringing call'].timeout = 120000;
SCENARIOS['faults: 10 MB of large events neither fill storage.session nor stop calls popping'].timeout = 120000;
SCENARIOS['faults: a WebPhone reloaded into an HTTP 500 says so and recovers when the server is back'].timeout = 180000;
SCENARIOS['faults: a page that removes the dock whenever its DOM changes stays responsive; the dock backs off and the popup says so'].timeout = 300000;
SCENARIOS['faults: a settings import of 150 CRMs and a CRM of 250 sites are stored; a 10 MB file is refused in words and changes nothing'].timeout = 120000;
SCENARIOS['faults: tabs closed right after navigating leave no session entries behind'].timeout = 120000;
CHROMIUM_ONLY['faults: the worker stopped again and again during calls and clicks: each call pops once, each click dials once'].timeout = 240000;

module.exports = { SCENARIOS, CHROMIUM_ONLY };
