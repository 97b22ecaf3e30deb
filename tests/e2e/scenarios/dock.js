'use strict';
// The dock: who may frame it, a WebPhone that never registers, moving it, reaching it by
// keyboard, and its call card.
const assert = require('node:assert/strict');
const {
  waitUntil, standin, receivedAtStandin, settingsFor, configure, sessionState, openDock, openCrmPage, dockOpen, markedNumbers, tabIdOf, openHints,
} = require('../helpers.js');

const TOGGLE = '[data-mycc-dock] >> [data-mycc-toggle]';

/** The dock host's box, the toggle's centre and the viewport (without scroll bars). */
const dockBox = (driver) =>
  driver.evaluate(() => {
    const host = document.querySelector('[data-mycc-dock]');
    if (!host) return null;
    const r = host.getBoundingClientRect();
    const t = host.shadowRoot.querySelector('[data-mycc-toggle]').getBoundingClientRect();
    const panel = host.shadowRoot.querySelector('.panel').getBoundingClientRect();
    return {
      left: r.left, top: r.top, right: r.right, bottom: r.bottom,
      toggle: [t.left + t.width / 2, t.top + t.height / 2], toggleTop: t.top, panelTop: panel.top,
      width: document.documentElement.clientWidth, height: document.documentElement.clientHeight,
    };
  });

const NEAR = 12; // px: "at the edge" (the dock keeps 8 px from it)
const atBottomLeft = (box) => box && box.left <= NEAR && box.height - box.bottom <= NEAR;
const inside = (box) => box && box.left >= 0 && box.top >= 0 && box.right <= box.width && box.bottom <= box.height;

/** Where focus is, seen from the page: an element's tag and id, or the dock's part that holds it. */
const focusNow = (driver) =>
  driver.evaluate(() => {
    const active = document.activeElement;
    const host = document.querySelector('[data-mycc-dock]');
    if (!active || active !== host) return active ? `${active.tagName.toLowerCase()}#${active.id}` : 'none';
    const inner = host.shadowRoot.activeElement;
    if (!inner) return 'dock';
    if (inner.matches('[data-mycc-toggle]')) return 'dock:toggle';
    if (inner.closest('.panel')) return 'dock:panel'; // the panel's closed root (the WebPhone) has focus
    return `dock:${[...inner.attributes].map((a) => a.name).find((n) => n.startsWith('data-mycc-')) ?? inner.tagName}`;
  });

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

Object.assign(SCENARIOS, {
  async "the shortcut's path (DOCK_TOGGLE, as the popup's button sends it) opens the dock with focus on its toggle, and closes it with focus back"(driver, env) {
    // Synthetic keys never reach the browser's own shortcuts (commands), in either browser: the
    // popup's Show/Hide sends the same DOCK_TOGGLE the shortcut's handler does.
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    await openCrmPage(driver, env, '/pages/tel.html', { phoneReady: false }); // the dock, not the phone, is under test
    await waitUntil(() => dockBox(driver), { what: 'the dock' });
    if (await dockOpen(driver)) await driver.click(TOGGLE);
    await waitUntil(async () => !(await dockOpen(driver)), { what: 'the dock closed' });
    // The agent is somewhere in the page: on its first link.
    await driver.evaluate(() => {
      const link = document.querySelector('a');
      link.id = 'where-the-agent-was';
      link.focus();
      return true;
    });
    const before = await focusNow(driver);
    assert.equal(before, 'a#where-the-agent-was');
    const tabId = await tabIdOf(driver, `${env.crmOrigin}/pages/tel.html`);
    const toggleFromPopup = async () => {
      const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
      await waitUntil(() => popup.evaluate(() => document.getElementById('toggle').textContent.length > 0), { what: 'the popup' });
      await popup.click('#toggle'); // the popup closes itself
    };
    await toggleFromPopup();
    await waitUntil(() => dockOpen(driver), { what: 'the dock open' });
    await waitUntil(async () => (await focusNow(driver)) === 'dock:toggle', { what: 'focus on the dock toggle' });
    await toggleFromPopup();
    await waitUntil(async () => !(await dockOpen(driver)), { what: 'the dock closed' });
    await waitUntil(async () => (await focusNow(driver)) === before, { what: `focus back on ${before}` });
  },

  async 'the dock is dragged to another edge (a drag never toggles), its place survives a reload, and a smaller viewport keeps it inside'(driver, env) {
    const crm = 'CRM kéo thả'; // its own CRM: its place is kept for it alone
    await configure(driver, settingsFor(env, { name: crm, popOn: 'never' }));
    await driver.extension(async (key) => (globalThis.browser ?? globalThis.chrome).storage.local.remove(key), `dockPlace:${crm}`);
    await openCrmPage(driver, env, '/pages/list.html', { phoneReady: false });
    await waitUntil(() => dockBox(driver), { what: 'the dock' });
    if (await dockOpen(driver)) await driver.click(TOGGLE);
    await waitUntil(async () => !(await dockOpen(driver)), { what: 'the dock closed' });
    const before = await dockBox(driver);
    assert.ok(before.width - before.right <= NEAR && before.top <= NEAR, `top right at first: ${JSON.stringify(before)}`);
    await driver.drag(before.toggle, [60, before.height - 30]);
    const after = await waitUntil(async () => {
      const box = await dockBox(driver);
      return atBottomLeft(box) && box;
    }, { what: 'the dock at the bottom left' });
    assert.equal(await dockOpen(driver), false, 'the drag did not open the dock');
    const stored = await driver.extension(async (key) => (await (globalThis.browser ?? globalThis.chrome).storage.local.get(key))[key], `dockPlace:${crm}`);
    assert.ok(['bottom', 'left'].includes(stored?.edge), `kept for the CRM: ${JSON.stringify(stored)}`);
    // A click (no movement) still toggles, where the dock is now.
    await driver.clickAt(...after.toggle);
    await waitUntil(() => dockOpen(driver), { what: 'a click to open the dock' });
    await driver.clickAt(...(await dockBox(driver)).toggle);
    await waitUntil(async () => !(await dockOpen(driver)), { what: 'a click to close it again' });

    await driver.goto(`${env.crmOrigin}/pages/list.html`);
    await waitUntil(async () => atBottomLeft(await dockBox(driver)), { what: 'the dock at the bottom left after a reload' });
    // Open at the bottom, the panel opens upward, above the bar.
    await openDock(driver);
    const open = await waitUntil(async () => {
      const box = await dockBox(driver);
      return atBottomLeft(box) && box.panelTop < box.toggleTop && box;
    }, { what: 'the open dock at the bottom left, its panel above the bar' });
    assert.ok(inside(open), `inside: ${JSON.stringify(open)}`);
    const size = await driver.resize(560, 420);
    try {
      const small = await waitUntil(async () => {
        const box = await dockBox(driver);
        return box.width < size.width && inside(box) && atBottomLeft(box) && box;
      }, { what: 'the open dock inside a smaller viewport, still at the bottom left' });
      assert.ok(small.bottom - small.top <= small.height, 'no taller than the viewport');
    } finally {
      await driver.resize(size.width, size.height);
    }
    await driver.click(TOGGLE);
    await waitUntil(async () => !(await dockOpen(driver)), { what: 'the dock closed' });
  },

  async 'the move handle: arrow keys move the dock along and across edges, Enter to the next corner; the compact tab'(driver, env) {
    const crm = 'CRM phím mũi tên';
    await configure(driver, settingsFor(env, { name: crm, popOn: 'never' }));
    await driver.extension(async (key) => (globalThis.browser ?? globalThis.chrome).storage.local.remove(key), `dockPlace:${crm}`);
    await openCrmPage(driver, env, '/pages/list.html');
    await openDock(driver);
    await driver.evaluate(() => {
      document.querySelector('[data-mycc-dock]').shadowRoot.querySelector('[data-mycc-move]').focus();
      return true;
    });
    const stored = () => driver.extension(async (key) => (await (globalThis.browser ?? globalThis.chrome).storage.local.get(key))[key] ?? null, `dockPlace:${crm}`);
    await driver.press('ArrowLeft'); // from the right edge over to the left one
    await waitUntil(async () => (await stored())?.edge === 'left', { what: 'the dock on the left edge' });
    await waitUntil(async () => (await dockBox(driver)).left <= NEAR, { what: 'the dock at the left' });
    await driver.press('ArrowDown');
    await driver.press('ArrowDown');
    await waitUntil(async () => (await stored())?.offset === 0.5, { what: 'half way down the left edge' });
    await driver.press('Enter'); // the corner of its quarter: bottom left
    await waitUntil(async () => {
      const { edge, offset, compact } = (await stored()) ?? {};
      return edge === 'left' && offset === 1 && compact === false;
    }, { what: 'the bottom left corner' });
    assert.equal(await dockOpen(driver), true, 'moving never toggles');
    // The compact tab: closed, only "myCC" on the edge, its name still saying the state.
    await driver.click('[data-mycc-dock] >> [data-mycc-compact]');
    await waitUntil(async () => (await stored())?.compact === true, { what: 'the compact tab kept' });
    await driver.click(TOGGLE);
    const tab = await waitUntil(() => driver.evaluate(() => {
      const root = document.querySelector('[data-mycc-dock]').shadowRoot;
      const toggle = root.querySelector('[data-mycc-toggle]');
      const r = toggle.getBoundingClientRect();
      return toggle.getAttribute('aria-expanded') === 'false' && {
        // What is drawn: the text of the toggle's spans wider than the 1 px a visually hidden one keeps.
        ariaLabel: toggle.getAttribute('aria-label'),
        seen: [...toggle.querySelectorAll('span')].filter((span) => !span.children.length && span.getBoundingClientRect().width > 1).map((span) => span.textContent).join('').trim(),
        name: toggle.textContent.trim(), numbersShown: !root.querySelector('[data-mycc-numbers]').hidden, left: r.left,
      };
    }), { what: 'the closed compact tab' });
    assert.equal(tab.ariaLabel, null, 'named by its own text (label-content-name-mismatch)');
    assert.equal(tab.seen, 'myCC');
    assert.match(tab.name, /^myCC · (ready|sẵn sàng)$/i, 'the name holds what is seen and the state');
    assert.equal(tab.numbersShown, false);
    assert.equal(tab.left, 0, 'on the edge itself');
  },

  async 'keyboard only: Tab reaches the toggle but never the closed panel; Enter opens, Tab enters the WebPhone; Esc closes; hint mode calls'(driver, env) {
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    await openCrmPage(driver, env, '/pages/marks.html');
    await waitUntil(async () => (await markedNumbers(driver)).length === 4, { what: 'the four numbers marked' });
    const sc = standin(env);
    await sc.clear();
    await waitUntil(() => dockBox(driver), { what: 'the dock' });
    if (await dockOpen(driver)) await driver.click(TOGGLE);
    await waitUntil(async () => !(await dockOpen(driver)), { what: 'the dock closed' });
    const stops = [];
    /** Tab from the top of the page until the dock's toggle has focus; every stop is kept. */
    const tabToToggle = async () => {
      await driver.evaluate(() => {
        document.activeElement?.blur();
        return true;
      });
      for (let i = 0; i < 20; i++) {
        await driver.press('Tab');
        stops.push(await focusNow(driver));
        if (stops.at(-1) === 'dock:toggle') return;
      }
      assert.fail(`Tab reaches the toggle: ${stops.join(' → ')}`);
    };
    await tabToToggle();
    // Past the toggle of a closed dock, Tab leaves the dock: the WebPhone is no stop.
    await driver.press('Tab');
    stops.push(await focusNow(driver));
    assert.ok(!stops.includes('dock:panel'), `never in the closed panel: ${stops.join(' → ')}`);
    await tabToToggle();

    await driver.press('Enter');
    await waitUntil(() => dockOpen(driver), { what: 'Enter to open the dock' });
    await driver.press('Tab');
    await waitUntil(async () => (await focusNow(driver)) === 'dock:panel', { what: 'Tab from the open toggle into the WebPhone' });
    // Back out of the WebPhone to the toggle, and Esc there closes the dock.
    await waitUntil(async () => {
      await driver.press('Tab', ['Shift']);
      return (await focusNow(driver)) === 'dock:toggle';
    }, { what: 'Shift+Tab out of the WebPhone to the toggle', interval: 200 });
    await driver.press('Escape');
    await waitUntil(async () => !(await dockOpen(driver)), { what: 'Esc to close the dock' });
    assert.equal(await focusNow(driver), 'dock:toggle', 'focus stays on the toggle');
    await driver.press('Tab');
    assert.notEqual(await focusNow(driver), 'dock:panel', 'closed again: no Tab stop in the panel');

    await openHints(driver, `${env.crmOrigin}/pages/marks.html`);
    await driver.press('a'); // the first number on screen
    const received = await receivedAtStandin(sc, 1, 'the hint-mode call at the stand-in');
    assert.deepEqual(received.map((r) => r.message.data.target), ['0982861121']);
  },

  async 'the dock bar shows the call card while a call is up (direction, number as written, state, timer), as the popup does'(driver, env) {
    await configure(driver, settingsFor(env, { popOn: 'never' }));
    await openCrmPage(driver, env, '/pages/list.html');
    const sc = standin(env);
    const cardText = () => driver.evaluate(() => {
      const card = document.querySelector('[data-mycc-dock]')?.shadowRoot.querySelector('[data-mycc-card]');
      return card && !card.hidden ? card.textContent : null;
    });
    assert.equal(await cardText(), null, 'no call, no card');
    await sc.send({ action: 'replay', scenario: 'queue-ringing' });
    const ringing = await waitUntil(cardText, { what: 'the call card' });
    assert.match(ringing, /^(Incoming|Gọi đến) · 0900 000 101 · (ringing|đang đổ chuông) · 0:\d\d$/);
    // The timer runs.
    await waitUntil(async () => (await cardText()) !== ringing, { what: 'the timer to move' });
    const tabId = await tabIdOf(driver, `${env.crmOrigin}/pages/list.html`);
    const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
    const inPopup = await waitUntil(() => popup.evaluate(() => {
      const line = document.getElementById('call-card');
      return line && !line.hidden && line.textContent;
    }), { what: 'the popup call card' });
    await popup.close();
    const withoutTime = (text) => text.replace(/ · [\d:]+$/, '');
    assert.equal(withoutTime(inPopup), withoutTime(await cardText()), 'the same card in the popup');
    await sc.send({ action: 'end' });
    await waitUntil(async () => (await cardText()) === null, { what: 'the card gone when the call ends' });
  },
});

module.exports = { SCENARIOS, CHROMIUM_ONLY: {} };
