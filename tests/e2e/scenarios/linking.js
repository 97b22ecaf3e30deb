'use strict';
// Linking: which numbers become call links, on which pages, and what is left alone.
const assert = require('node:assert/strict');
const { waitUntil, settingsFor, configure, storeSettings, openCrmPage, linkedNumbers, linksAtLeast, linkMarker } = require('../helpers.js');

const SCENARIOS = {
  async 'numbers on a CRM page become call links; dates, money and ids do not'(driver, env) {
    await configure(driver, settingsFor(env));
    await openCrmPage(driver, env, '/pages/list.html', { phoneReady: false });
    const before = 'Anh An: 0982 861 121 (di động)';
    await linksAtLeast(driver, 5, 'five links');
    // A number added after the page: once it is linked, the page's own text has been handled.
    await linkMarker(driver);
    const links = (await linkedNumbers(driver)).slice(0, -1);
    assert.deepEqual(links, [
      ['0982 861 121', '+84982861121'],
      ['+84 912 345 678', '+84912345678'],
      ['(028) 3823 4567', '+842838234567'],
      ['0168 286 1121', '+84382861121'],
      ['1900 54 54 54', '+841900545454'],
    ]);
    const texts = await driver.evaluate(() => ({
      a: document.getElementById('a').textContent,
      c: document.getElementById('c').innerHTML,
      e: document.getElementById('e').innerHTML,
      label: document.querySelector('a[data-mycc-phone]').getAttribute('aria-label'),
      href: document.querySelector('a[data-mycc-phone]').getAttribute('href'),
    }));
    assert.equal(texts.a, before, 'the visible text is unchanged');
    assert.ok(!texts.c.includes('<a'), 'no link among dates, money, IP and tax code');
    assert.ok(!texts.e.includes('<a'), 'mycc-no-call is honoured');
    assert.match(texts.label, /^(Call|Gọi) 0982 861 121$/);
    assert.equal(texts.href, 'tel:+84982861121');
  },

  async 'a strict-CSP page is linked and gets the dock'(driver, env) {
    await configure(driver, settingsFor(env));
    await openCrmPage(driver, env, '/pages/strict-csp.html');
    const links = await linksAtLeast(driver, 2, 'links on the strict-CSP page');
    assert.deepEqual(links.map((l) => l[1]), ['+84982861121', '+84912345678']);
    assert.equal(await driver.evaluate(() => Boolean(document.querySelector('[data-mycc-dock]'))), true);
  },

  // 600 rows make more text nodes than one message to the background carries (Chromium detects
  // there: the page forbids the content script's wasm), so the answers of several parts must each
  // land on their own nodes.
  async 'a big strict-CSP page is linked in full, each link on its own number, its text unchanged'(driver, env) {
    const page = '/bench/table?rows=600&csp=strict';
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    await openCrmPage(driver, env, page);
    const numbers = await driver.evaluate(() => Number(document.getElementById('t').dataset.numbers));
    const linkCount = () => driver.evaluate(() => document.querySelectorAll('a[data-mycc-phone]').length);
    await waitUntil(async () => (await linkCount()) >= numbers, { what: `${numbers} links on the big strict-CSP page` });
    const check = await driver.evaluate(async (url) => {
      const e164 = (text) => {
        const digits = text.replace(/\D/g, '');
        return text.startsWith('+') ? `+${digits}` : `+84${digits.slice(1)}`;
      };
      const links = [...document.querySelectorAll('a[data-mycc-phone]')];
      const served = new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html');
      return {
        links: links.length,
        misplaced: links.filter((a) => a.getAttribute('data-mycc-phone') !== e164(a.textContent)).map((a) => a.textContent),
        textUnchanged: served.getElementById('t').textContent === document.getElementById('t').textContent,
      };
    }, page);
    assert.deepEqual(check, { links: numbers, misplaced: [], textUnchanged: true });
  },

  async 'inputs, editors, code and existing links are left untouched'(driver, env) {
    await configure(driver, settingsFor(env));
    await driver.goto(`${env.crmOrigin}/pages/untouched.html`);
    await waitUntil(() => driver.evaluate(() => Boolean(document.querySelector('#control a[data-mycc-phone]'))), { what: 'the control number linked' });
    const count = await driver.evaluate(() => document.querySelectorAll('a[data-mycc-phone]').length);
    assert.equal(count, 1, 'only the control paragraph is linked');
    const values = await driver.evaluate(() => [document.getElementById('input').value, document.getElementById('textarea').value]);
    assert.deepEqual(values, ['0982 861 121', '0982 861 121']);
  },

  async 'turning the site off restores the page byte for byte, and on again re-links'(driver, env) {
    const settings = settingsFor(env);
    await configure(driver, settings);
    await driver.goto(`${env.crmOrigin}/pages/list.html`);
    await linksAtLeast(driver, 5);
    // The page as served, and its text nodes as they are now (splitting keeps each original first).
    const original = await driver.evaluate(async () => {
      window.originalNodes = [...document.getElementById('list').querySelectorAll('li')].map((li) => li.firstChild);
      const served = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html');
      return served.getElementById('list').innerHTML;
    });
    await storeSettings(driver, { ...settings, crms: [] });
    await waitUntil(() => driver.evaluate(() => !document.querySelector('[data-mycc-dock]') && !document.querySelector('a[data-mycc-phone]')), { what: 'links and dock gone' });
    const restored = await driver.evaluate(() => ({
      html: document.getElementById('list').innerHTML,
      same: [...document.getElementById('list').querySelectorAll('li')].every((li, i) => li.firstChild === window.originalNodes[i]),
    }));
    assert.equal(restored.html, original);
    assert.equal(restored.same, true, 'the original text nodes are back in place, not copies');
    await storeSettings(driver, settings);
    await linksAtLeast(driver, 5, 'links again');
  },

  async 'a live page: in-place text updates, appended rows, removed nodes'(driver, env) {
    await configure(driver, settingsFor(env));
    await driver.goto(`${env.crmOrigin}/pages/spa.html`);
    await waitUntil(async () => (await linkedNumbers(driver)).length === 1, { what: 'the first link' });
    assert.equal(await driver.evaluate(() => window.setLive('Đang gọi: 0933 456 789')), true);
    await waitUntil(async () => {
      const l = await linkedNumbers(driver);
      return l.length === 1 && l[0][1] === '+84933456789';
    }, { what: 'the new number linked and the old link gone' });
    assert.equal(await driver.evaluate(() => document.getElementById('live').textContent), 'Đang gọi: 0933 456 789');
    assert.equal(await driver.evaluate(() => window.liveNodeStillOurs()), true, "the framework's node is still in place");
    await driver.evaluate(() => window.addRows(100));
    await waitUntil(async () => (await linkedNumbers(driver)).length === 101, { what: '100 appended rows linked' });
    await driver.evaluate(() => {
      window.removeLive();
      return true;
    });
    await waitUntil(() => driver.evaluate(() => !document.getElementById('live').querySelector('a')), { what: 'the link of a removed node gone' });
  },

  async 'a text rewritten many times a second is left alone until it settles, then linked'(driver, env) {
    await configure(driver, settingsFor(env));
    await driver.goto(`${env.crmOrigin}/pages/spa.html`);
    await waitUntil(async () => (await linkedNumbers(driver)).length === 1, { what: 'the first link' });
    // 30 rewrites, 40 ms apart: the ticker turns restless after CHURN_LIMIT (linkify.js).
    const CHURN_LIMIT = 3;
    const tickerLinks = () => driver.evaluate(() => document.querySelectorAll('#ticker a[data-mycc-phone]').length);
    const ticked = await driver.evaluate(() => window.tick(30, 40));
    assert.ok(ticked.linked <= CHURN_LIMIT, `linked before ${ticked.linked} of 30 rewrites`);
    await waitUntil(async () => (await tickerLinks()) === 1, { what: 'the settled ticker linked', timeout: 5000 });
    assert.equal(await driver.evaluate(() => document.getElementById('ticker').textContent), ticked.text);
    assert.equal(await driver.evaluate(() => document.querySelector('#ticker a').getAttribute('data-mycc-phone')), '+84912000129');
  },

  async 'a page that loads slowly is linked while it loads, numbers cut by the network included'(driver, env) {
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
    const links = await waitUntil(async () => {
      const found = await driver.evaluate((places) => places.map(([css]) => {
        const el = document.querySelector(css);
        return [...el.querySelectorAll('a[data-mycc-phone]')].map((a) => [a.textContent, a.getAttribute('data-mycc-phone')]);
      }), expected);
      return found.every((l) => l.length) && found;
    }, { what: 'five links' });
    assert.deepEqual(links, expected.map(([, text, e164]) => [[text, e164]]));
    const page = await driver.evaluate(() => ({
      early: window.linkedWhileLoading,
      cut: document.getElementById('cut').textContent,
      behind: document.getElementById('behind').textContent,
    }));
    // The row comes after a table the parser has closed: the text before that table is not
    // one the parser can still append to, and the live scan goes on past it.
    assert.equal(page.early, 2, 'the first part, its table included, was linked before the second arrived');
    assert.equal(page.cut, 'Miễn phí 1800 5454 54 nhé', 'the cut number was not linked before its end arrived');
    assert.equal(page.behind, 'Tổng đài 1900 54 54 54');
  },

  async 'open shadow roots and same-origin iframes are linked'(driver, env) {
    await configure(driver, settingsFor(env));
    await driver.goto(`${env.crmOrigin}/pages/shadow.html`);
    await waitUntil(
      () => driver.evaluate(() => document.getElementById('card').shadowRoot.querySelector('a[data-mycc-phone]')?.getAttribute('data-mycc-phone')),
      { what: 'the shadow-root number linked' },
    );
    const inner = await waitUntil(
      () => driver.evaluate(() => document.getElementById('inner').contentDocument?.querySelector('a[data-mycc-phone]')?.getAttribute('data-mycc-phone')),
      { what: 'the iframe number linked' },
    );
    assert.equal(inner, '+84933456789');
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
    await linksAtLeast(driver, 5);
    assert.ok((await driver.contentScriptWorlds()) > 0, 'the CRM page has its content script');
    await waitUntil(() => driver.workerStarts() > starts, { what: 'the CRM page to start the worker' });
    assert.equal(driver.workerStarts(), starts + 1, 'only the CRM page started the worker');
  },

  // Both transports give the same links, so only the content script's own world can tell which
  // one ran: its wasm answers only once compiled from the bytes the background sent.
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
    await linksAtLeast(driver, 2, 'links on the strict-CSP page');
    assert.equal(await driver.inContentScript(inPageEngine), 'not compiled', "the page's CSP forbids wasm in the content script");
  },
};

module.exports = { SCENARIOS, CHROMIUM_ONLY };
