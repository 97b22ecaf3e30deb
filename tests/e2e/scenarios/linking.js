'use strict';
// Marking: which numbers are marked (ranges in the CSS highlight `mycc-phone`, the page's DOM
// untouched), on which pages, and what is left alone. Calling them: dialing.js, marking.js.
const assert = require('node:assert/strict');
const { waitUntil, settingsFor, configure, storeSettings, openCrmPage, markedNumbers, marksAtLeast, markMarker, numbersInDock } = require('../helpers.js');

const SCENARIOS = {
  async 'numbers on a CRM page are marked; dates, money and ids are not'(driver, env) {
    await configure(driver, settingsFor(env));
    await openCrmPage(driver, env, '/pages/list.html', { phoneReady: false });
    const marked = await waitUntil(async () => {
      const l = await markedNumbers(driver);
      return l.length >= 5 && l;
    }, { what: 'five marked numbers' });
    // A number added after the page: once it is marked, the page's own text has been handled.
    await markMarker(driver);
    assert.deepEqual(marked, ['0982 861 121', '+84 912 345 678', '(028) 3823 4567', '0168 286 1121', '1900 54 54 54']);
    assert.deepEqual((await markedNumbers(driver)).slice(0, -1), marked, 'nothing else is marked (dates, money, IP, tax code, mycc-no-call)');
    assert.deepEqual(await numbersInDock(driver), [
      ['0982 861 121', '+84982861121'],
      ['+84 912 345 678', '+84912345678'],
      ['(028) 3823 4567', '+842838234567'],
      ['0168 286 1121', '+84382861121'],
      ['1900 54 54 54', '+841900545454'],
      ['0933 456 789', '+84933456789'],
    ], 'each marked number dials its own E.164');
    const page = await driver.evaluate(async () => {
      const served = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
      return served.getElementById('list').innerHTML === document.getElementById('list').innerHTML;
    });
    assert.equal(page, true, 'the page is exactly as served');
  },

  async 'a strict-CSP page is marked and gets the dock'(driver, env) {
    await configure(driver, settingsFor(env));
    await openCrmPage(driver, env, '/pages/strict-csp.html');
    await waitUntil(async () => (await markedNumbers(driver)).length >= 2, { what: 'marked numbers on the strict-CSP page' });
    assert.deepEqual((await numbersInDock(driver)).map((l) => l[1]), ['+84982861121', '+84912345678']);
    assert.equal(await driver.evaluate(() => Boolean(document.querySelector('[data-mycc-dock]'))), true);
  },

  // 600 rows make more text nodes than one message to the background carries (Chromium detects
  // there: the page forbids the content script's wasm), so the answers of several parts must each
  // land on their own nodes.
  async 'a big strict-CSP page is marked in full, each range on its own number, its text unchanged'(driver, env) {
    const page = '/bench/table?rows=600&csp=strict';
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    await openCrmPage(driver, env, page);
    const numbers = await driver.evaluate(() => Number(document.getElementById('t').dataset.numbers));
    const rangeCount = () => driver.evaluate(() => CSS.highlights.get('mycc-phone')?.size ?? 0);
    await waitUntil(async () => (await rangeCount()) >= numbers, { what: `${numbers} marked numbers on the big strict-CSP page` });
    const e164 = (text) => {
      const digits = text.replace(/\D/g, '');
      return text.startsWith('+') ? `+${digits}` : `+84${digits.slice(1)}`;
    };
    const listed = await numbersInDock(driver);
    const texts = await markedNumbers(driver);
    const check = await driver.evaluate(async (url) => {
      const served = new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html');
      return { ranges: CSS.highlights.get('mycc-phone').size, textUnchanged: served.getElementById('t').innerHTML === document.getElementById('t').innerHTML };
    }, page);
    assert.deepEqual(check, { ranges: numbers, textUnchanged: true });
    assert.equal(texts.length, numbers);
    assert.deepEqual(listed.filter(([text, dial]) => dial !== e164(text)), [], 'each range dials its own number');
    assert.equal(listed.length, new Set(texts.map(e164)).size, 'every number is in the list');
  },

  async 'inputs, editors, code and existing links are left untouched'(driver, env) {
    await configure(driver, settingsFor(env));
    await driver.goto(`${env.crmOrigin}/pages/untouched.html`);
    await waitUntil(async () => (await markedNumbers(driver, { within: '#control' })).length === 1, { what: 'the control number marked' });
    assert.deepEqual(await markedNumbers(driver), ['0982 861 121'], 'only the control paragraph is marked');
    const values = await driver.evaluate(() => [document.getElementById('input').value, document.getElementById('textarea').value]);
    assert.deepEqual(values, ['0982 861 121', '0982 861 121']);
  },

  async 'turning the site off deletes the highlight and its shadow-root stylesheets; on again re-marks'(driver, env) {
    const settings = settingsFor(env);
    const setSettings = (s) => storeSettings(driver, s);
    const state = () =>
      driver.evaluate(() => ({
        highlight: CSS.highlights.has('mycc-phone'),
        dock: Boolean(document.querySelector('[data-mycc-dock]')),
        sheets: document.getElementById('card').shadowRoot.adoptedStyleSheets.length,
      }));
    await configure(driver, settings);
    await driver.goto(`${env.crmOrigin}/pages/shadow.html`);
    await waitUntil(async () => (await markedNumbers(driver)).length === 1, { what: 'the shadow-root number marked' });
    assert.deepEqual(await state(), { highlight: true, dock: true, sheets: 1 }, "the highlight's stylesheet in the shadow root");
    await setSettings({ ...settings, crms: [] });
    await waitUntil(async () => {
      const now = await state();
      return !now.highlight && !now.dock && now.sheets === 0;
    }, { what: 'the highlight, its stylesheet and the dock gone' });
    await setSettings(settings);
    await waitUntil(async () => (await markedNumbers(driver)).length === 1, { what: 'marked again' });
    assert.deepEqual(await state(), { highlight: true, dock: true, sheets: 1 });
  },

  async 'a live page: in-place text updates, appended rows, removed nodes'(driver, env) {
    await configure(driver, settingsFor(env));
    await driver.goto(`${env.crmOrigin}/pages/spa.html`);
    await waitUntil(async () => (await markedNumbers(driver)).length === 1, { what: 'the first number marked' });
    assert.equal(await driver.evaluate(() => window.setLive('Đang gọi: 0933 456 789')), true);
    await waitUntil(async () => {
      const l = await markedNumbers(driver);
      return l.length === 1 && l[0] === '0933 456 789';
    }, { what: 'the new number marked and the old mark gone' });
    assert.equal(await driver.evaluate(() => document.getElementById('live').textContent), 'Đang gọi: 0933 456 789');
    assert.equal(await driver.evaluate(() => window.liveNodeStillOurs()), true, "the framework's node is still in place");
    await driver.evaluate(() => window.addRows(100));
    await waitUntil(async () => (await markedNumbers(driver)).length === 101, { what: '100 appended rows marked' });
    await driver.evaluate(() => {
      window.removeLive();
      return true;
    });
    await waitUntil(async () => (await markedNumbers(driver)).length === 100, { what: 'the mark of a removed node gone' });
    await waitUntil(() => driver.evaluate(() => [...CSS.highlights.get('mycc-phone')].every((r) => !r.collapsed)), { what: 'no range left behind' });
  },

  async 'a text rewritten many times a second is marked again after each rewrite, and ends marked right'(driver, env) {
    await configure(driver, settingsFor(env));
    await driver.goto(`${env.crmOrigin}/pages/spa.html`);
    await waitUntil(async () => (await markedNumbers(driver)).length === 1, { what: 'the first number marked' });
    const ticked = await driver.evaluate(() => window.tick(30, 40));
    await waitUntil(async () => JSON.stringify(await markedNumbers(driver, { within: '#ticker' })) === '["0912 000 129"]', { what: 'the settled ticker marked', timeout: 5000 });
    assert.equal(await driver.evaluate(() => document.getElementById('ticker').textContent), ticked.text);
    await waitUntil(() => driver.evaluate(() => [...CSS.highlights.get('mycc-phone')].every((r) => !r.collapsed)), { what: 'no range left behind' });
  },

  async 'a page that loads slowly is marked while it loads, numbers cut by the network included'(driver, env) {
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    await openCrmPage(driver, env, '/pages/blank.html'); // the background has answered once
    await driver.goto(`${env.crmOrigin}/pages/streamed`);
    const expected = [
      ['#early', '0982 861 121', '+84982861121'],
      ['#row', '0912 345 678', '+84912345678'],
      ['#behind', '1900 54 54 54', '+841900545454'],
      ['#cut', '1800 5454 54', '+841800545454'],
      ['#late', '(028) 3823 4567', '+842838234567'],
    ];
    const marks = await waitUntil(async () => {
      const found = await Promise.all(expected.map(([within]) => markedNumbers(driver, { within })));
      return found.every((l) => l.length) && found;
    }, { what: 'five marked numbers' });
    assert.deepEqual(marks, expected.map(([, text]) => [text]));
    assert.deepEqual(await numbersInDock(driver), [expected[0], expected[2], expected[1], expected[3], expected[4]].map(([, text, e164]) => [text, e164]));
    const page = await driver.evaluate(() => ({
      early: window.markedWhileLoading,
      cut: document.getElementById('cut').textContent,
      behind: document.getElementById('behind').textContent,
    }));
    // The row comes after a table the parser has closed: the text before that table is not
    // one the parser can still append to, and the live scan goes on past it.
    assert.equal(page.early, 2, 'the first part, its table included, was marked before the second arrived');
    assert.equal(page.cut, 'Miễn phí 1800 5454 54 nhé', 'the cut number was not marked before its end arrived');
    assert.equal(page.behind, 'Tổng đài 1900 54 54 54');
  },

  // A frame starts marking in the country of the start script registered with its content
  // scripts (issue 17): no storage read, no message. In the US, a Vietnamese number written
  // nationally is not a number: only the one written internationally is marked.
  async 'a frame starts in the country in force: its start script follows a change, and a new page of an open CRM marks in the new country'(driver, env) {
    const startScripts = () => driver.extension(async () => {
      const scripts = await (globalThis.browser ?? globalThis.chrome).scripting.getRegisteredContentScripts();
      return JSON.stringify(scripts.flatMap((script) => script.js ?? []).filter((file) => file.startsWith('content/start/')));
    });
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    await waitUntil(async () => (await startScripts()) === '["content/start/VN.js"]', { what: "Vietnam's start script registered" });
    await openCrmPage(driver, env, '/pages/list.html', { phoneReady: false });
    await marksAtLeast(driver, 5);
    await storeSettings(driver, { ...settingsFor(env, { popOn: 'never' }), defaultCountry: 'US' });
    await waitUntil(async () => (await startScripts()) === '["content/start/US.js"]', { what: 'the start script of the US registered instead' });
    await driver.goto(`${env.crmOrigin}/pages/list.html?us`);
    await markMarker(driver, { number: '+84 933 456 789' });
    assert.deepEqual(await markedNumbers(driver), ['+84 912 345 678', '+84 933 456 789'], 'marked as in the US');
    const stored = await driver.extension(async () => Object.keys(await (globalThis.browser ?? globalThis.chrome).storage.local.get(null)));
    assert.ok(!stored.includes('pageStart'), 'no country for the frames in storage.local');
    await configure(driver, settingsFor(env));
    await waitUntil(async () => (await startScripts()) === '["content/start/VN.js"]', { what: "Vietnam's start script registered again" });
  },

  // A page parsed in one task (it arrived whole) whose DOMContentLoaded comes late (here a
  // deferred script; in Firefox also its first layout of a big page): the parser's last callback
  // marks what it added, without waiting for the event.
  async 'a page already parsed is marked before its DOMContentLoaded'(driver, env) {
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    await driver.goto(`${env.crmOrigin}/pages/late-dcl.html`);
    await waitUntil(() => driver.evaluate(() => window.beforeDcl != null), { what: 'the deferred script to run' });
    assert.deepEqual(await driver.evaluate(() => window.beforeDcl), { readyState: 'interactive', marked: 1 });
  },

  async 'open shadow roots and same-origin iframes are marked'(driver, env) {
    await configure(driver, settingsFor(env));
    await driver.goto(`${env.crmOrigin}/pages/shadow.html`);
    await waitUntil(async () => (await markedNumbers(driver, { within: '#card' }))[0] === '0982 861 121', { what: 'the shadow-root number marked' });
    await waitUntil(async () => (await markedNumbers(driver, { frame: '#inner' }).catch(() => []))[0] === '0933 456 789', { what: 'the iframe number marked' });
  },
};

const CHROMIUM_ONLY = {
  // Chromium shows every world in a page (DevTools protocol) and the worker's life; Firefox's
  // WebDriver shows neither.
  async 'a page that is not a CRM gets no content script in any frame and wakes no worker'(driver, env) {
    await configure(driver, settingsFor(env, { popOn: 'never' })); // the CRM is on crmOrigin only
    await driver.goto(`${env.crm2Origin}/pages/shadow.html`); // another origin, with a same-origin iframe
    assert.equal(await driver.evaluate(() => document.getElementById('inner').contentDocument.readyState), 'complete');
    assert.equal(await driver.contentScriptWorlds(), 0, 'no content script in the page or its frame');
    assert.equal(await driver.stopServiceWorker(), true, 'the worker stopped');
    const starts = driver.workerStarts();
    await driver.goto(`${env.crm2Origin}/pages/list.html`);
    await driver.goto(`${env.crmOrigin}/pages/list.html`); // a CRM page: it wakes the worker, once
    await marksAtLeast(driver, 5);
    assert.ok((await driver.contentScriptWorlds()) > 0, 'the CRM page has its content script');
    await waitUntil(() => driver.workerStarts() > starts, { what: 'the CRM page to start the worker' });
    assert.equal(driver.workerStarts(), starts + 1, 'only the CRM page started the worker');
  },

  // A frame starts marking on what it carries (the detector's wasm, the start script of its
  // country), with storage.local empty: the background's answer to its hello is needed only for
  // clicks and the dock.
  async 'a CRM page is marked while the background can answer nothing, and gets its dock once it can'(driver, env) {
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    await openCrmPage(driver, env, '/pages/list.html', { phoneReady: false });
    await marksAtLeast(driver, 5); // the worker runs
    await driver.extension(async () => (globalThis.browser ?? globalThis.chrome).storage.local.clear());
    let busy = true;
    const busyEnded = driver.busyWorker(8000).then(() => 'ended', (error) => error).finally(() => (busy = false));
    await driver.goto(`${env.crmOrigin}/pages/list.html?again`);
    await waitUntil(async () => (await markedNumbers(driver)).length >= 5, { what: 'the numbers marked', timeout: 7000 });
    assert.equal(busy, true, 'marked while the worker was still busy');
    assert.equal(await driver.evaluate(() => document.querySelector('[data-mycc-dock]') === null), true, 'no dock before the answer');
    assert.equal(await busyEnded, 'ended', 'the worker was kept busy');
    await waitUntil(() => driver.evaluate(() => document.querySelector('[data-mycc-dock]') !== null), { what: 'the dock once the background answers' });
  },

  // Both transports give the same links, so only the content script's own world can tell which
  // one ran: its wasm answers only once compiled from the bytes that come with the content scripts.
  async 'the content script detects with its own wasm where the page allows it, else through the background'(driver, env) {
    const inPageEngine = `(() => {
      try {
        return JSON.parse(wasm_bindgen.detectJoined('Gọi 0982 861 121', 'VN')).map((m) => m[2]);
      } catch {
        return 'not compiled';
      }
    })()`;
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    await openCrmPage(driver, env, '/pages/list.html');
    assert.deepEqual(await driver.inContentScript(inPageEngine), ['+84982861121']);
    await openCrmPage(driver, env, '/pages/strict-csp.html');
    await waitUntil(async () => (await markedNumbers(driver)).length >= 2, { what: 'marked numbers on the strict-CSP page' });
    assert.equal(await driver.inContentScript(inPageEngine), 'not compiled', "the page's CSP forbids wasm in the content script");
  },

};

module.exports = { SCENARIOS, CHROMIUM_ONLY };
