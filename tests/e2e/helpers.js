'use strict';
// Shared helpers of the end-to-end scenarios (tests/e2e/scenarios/*.js): waiting on conditions,
// the WebPhone stand-in's control channel, settings, the extension's session state, the page.
const fs = require('fs');
const path = require('path');

const GUIDE = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'guide-payloads.json'), 'utf8'));
const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** Polls `check` until it returns something truthy, and returns that; throws after `timeout`. */
async function waitUntil(check, { timeout = 8000, interval = 50, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting for ${what} (last value: ${JSON.stringify(last)})`);
}

/** Waits until the stand-in has received at least `count` messages, and returns them all. */
async function receivedAtStandin(sc, count = 1, what = 'requests at the stand-in') {
  return waitUntil(async () => {
    const received = await sc.received();
    return received.length >= count && received;
  }, { what, timeout: 10000 });
}

function standin(env) {
  const call = async (p, init) => {
    const res = await fetch(`${env.webphoneOrigin}${p}`, init);
    return res.status === 204 ? null : res.json();
  };
  return {
    send: (command) => call('/control/send', { method: 'POST', body: JSON.stringify(command) }),
    received: () => call('/control/received'),
    clear: () => call('/control/received', { method: 'DELETE' }),
    clients: async () => (await call('/control/clients')).clients,
    loads: async () => (await call('/control/loads')).loads,
    /** The address (path and query) of each load of the stand-in, in order. */
    loadUrls: async () => (await call('/control/loads')).urls,
  };
}

function settingsFor(env, crm = {}) {
  return {
    webphoneUrl: env.webphoneUrl,
    defaultCountry: 'VN',
    dock: 'page',
    crms: [
      {
        name: 'CRM mẫu',
        sites: [`${env.crmOrigin}/*`],
        searchUrl: `${env.crmOrigin}/search?phone={phone}&call={callId}`,
        popOn: 'ringing',
        popFor: 'inbound',
        pageApi: false,
        ...crm,
      },
    ],
  };
}

/**
 * Stores settings and forgets the session (live phone, calls popped, event log), once every call
 * event the extension has taken is handled to its last step. A handler still running when the
 * session is cleared writes back what it read before (the event log, the calls popped, the
 * phone's state), and the next scenario starts with the last one's call: a scenario that ends
 * right after its stand-in ended a call must not leave that to the next one.
 */
async function configure(driver, settings) {
  await waitUntil(async () => {
    const state = await sessionState(driver);
    return (state.events ?? []).every((e) => e.id == null || (state.handled ?? []).includes(e.id));
  }, { what: 'the call events taken so far handled before the session is cleared', timeout: 10000 });
  await driver.extension(async (s) => {
    const api = globalThis.browser ?? globalThis.chrome;
    await api.storage.session.clear();
    await api.storage.sync.set({ settings: s });
    return true;
  }, settings);
}

/** Writes `settings` to storage.sync as they are, without touching the session. */
const storeSettings = (driver, settings) =>
  driver.extension(async (s) => (globalThis.browser ?? globalThis.chrome).storage.sync.set({ settings: s }), settings);

const storedSettings = (driver) =>
  driver.extension(async () => ((await (globalThis.browser ?? globalThis.chrome).storage.sync.get('settings')).settings ?? null));

const sessionState = (driver) =>
  driver.extension(async () => (globalThis.browser ?? globalThis.chrome).storage.session.get(null));

/** How many WebPhone events the extension has accepted (its event log in storage.session). */
const eventCount = async (driver) => ((await sessionState(driver)).events ?? []).length;

/** Waits until the extension has accepted `count` events in all: everything before them is handled. */
const eventsHandled = (driver, count, what = `${count} events handled`) =>
  waitUntil(async () => (await eventCount(driver)) >= count, { what, timeout: 10000 });

const badgeText = (driver) => driver.extension(async () => (globalThis.browser ?? globalThis.chrome).action.getBadgeText({}));

/** Waits until the toolbar badge shows one of `set`. */
const expectBadge = (driver, set) => waitUntil(async () => set.includes(await badgeText(driver)), { what: `badge in ${set}` });

/**
 * The address of every tab, as the extension's tabs API sees them (the drivers learn of a new tab
 * a moment later). A tab just created can still be at about:blank: waits until every tab has its
 * address.
 */
const tabUrls = (driver) =>
  waitUntil(async () => {
    const all = await driver.extension(async () =>
      (await (globalThis.browser ?? globalThis.chrome).tabs.query({})).map((tab) => tab.pendingUrl || tab.url || ''));
    return all.every((u) => u && u !== 'about:blank') && all;
  }, { what: 'every tab to have its address' });

/** The screen-pop tabs (the CRM's search) open now, sorted. */
const poppedTabs = async (driver, env) => (await tabUrls(driver)).filter((u) => u.startsWith(`${env.crmOrigin}/search`)).sort();

/** Closes, through the extension's tabs API, every tab whose address starts with `prefix`. */
const closeTabsAt = (driver, prefix) =>
  driver.extension(async (p) => {
    const api = globalThis.browser ?? globalThis.chrome;
    const ids = (await api.tabs.query({})).filter((tab) => (tab.pendingUrl || tab.url || '').startsWith(p)).map((tab) => tab.id);
    if (ids.length) await api.tabs.remove(ids);
    return ids.length;
  }, prefix);

/** Waits until the WebPhone has registered in a tab (`tabId`, when given) or the side panel. */
const phoneReadyIn = (driver, tabId = null, what = 'the WebPhone to register') =>
  waitUntil(async () => {
    const state = await sessionState(driver);
    return state.phoneState === 'ready' && state.liveTab != null && (tabId == null || state.liveTab === tabId) && state;
  }, { what, timeout: 15000 });

async function openCrmPage(driver, env, page, { phoneReady = true } = {}) {
  await driver.goto(`${env.crmOrigin}${page}`);
  if (phoneReady) {
    // Ready in a tab: a WebPhone left from the previous test may report in after configure()
    // cleared the session, before this page's dock has taken the phone.
    await waitUntil(async () => {
      const state = await sessionState(driver);
      return state.phoneState === 'ready' && state.liveTab != null;
    }, { what: 'the WebPhone to register in a tab', timeout: 15000 });
  }
}

/** Is the dock's panel open in this tab (the driver, or another tab's handle)? */
const dockOpen = (tab) =>
  tab.evaluate(() => document.querySelector('[data-mycc-dock]').shadowRoot.querySelector('[data-mycc-toggle]').getAttribute('aria-expanded') === 'true');

/** The dock toggle's data-state in this tab, or null without a dock. */
const dockState = (tab) =>
  tab.evaluate(() => document.querySelector('[data-mycc-dock]')?.shadowRoot.querySelector('[data-mycc-toggle]')?.dataset.state ?? null);

/** Waits for the dock in this tab and opens its panel with a trusted click if it is closed. */
async function openDock(tab) {
  await waitUntil(() => tab.evaluate(() => Boolean(document.querySelector('[data-mycc-dock]'))), { what: 'the dock' });
  if (!(await dockOpen(tab))) await tab.click('[data-mycc-dock] >> [data-mycc-toggle]');
  await waitUntil(() => dockOpen(tab), { what: 'the dock open' });
}

/**
 * The numbers marked in the page, read from the page's own world: the text of each range of the
 * `mycc-phone` highlight, in page order (a range in a shadow root at its host's place). `within`
 * (a CSS selector) keeps those under that element; `frame` reads a same-origin iframe's.
 */
const markedNumbers = (driver, { within = null, frame = null } = {}) =>
  driver.evaluate(({ within, frame }) => {
    const win = frame ? document.querySelector(frame).contentWindow : window;
    const highlight = win.CSS.highlights.get('mycc-phone');
    if (!highlight) return [];
    const outer = (node) => {
      for (let root = node.getRootNode(); root instanceof win.ShadowRoot; root = node.getRootNode()) node = root.host;
      return node;
    };
    const scope = within && win.document.querySelector(within);
    const ranges = [...highlight].filter((r) => !r.collapsed && (!scope || scope.contains(outer(r.startContainer))));
    const position = (r) => [outer(r.startContainer), r.startOffset];
    ranges.sort((a, b) => {
      const [x, xo] = position(a);
      const [y, yo] = position(b);
      if (x === y) return a.startContainer === b.startContainer ? xo - yo : 0;
      return x.compareDocumentPosition(y) & win.Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    return ranges.map((r) => r.toString());
  }, { within, frame });

/**
 * The centre of the marked number `text` (under the element `within`, if given) in the
 * viewport, scrolled into view first; null if it is not marked.
 */
const numberAt = (driver, text, within = null) =>
  driver.evaluate(([text, within]) => {
    const scope = within && document.querySelector(within);
    const range = [...(CSS.highlights.get('mycc-phone') ?? [])].find((r) => r.toString() === text && (!scope || scope.contains(r.startContainer)));
    if (!range) return null;
    range.startContainer.parentElement.scrollIntoView({ block: 'center' });
    const rect = range.getClientRects()[0];
    return [rect.left + rect.width / 2, rect.top + rect.height / 2];
  }, [text, within]);

/** A trusted click on the marked number `text` in `tab` (the driver, or another tab's handle). */
async function clickNumber(tab, text, within = null) {
  const at = await waitUntil(() => numberAt(tab, text, within), { what: `${text} marked` });
  await tab.clickAt(...at);
}

/** The dock's "numbers on this page": [text, e164] per button (opened with a trusted click). */
async function numbersInDock(driver) {
  const read = () =>
    driver.evaluate(() => {
      const list = document.querySelector('[data-mycc-dock]').shadowRoot.querySelector('#mycc-numbers');
      return !list.hidden && [...list.querySelectorAll('[data-mycc-number]')].map((b) => [b.textContent, b.getAttribute('data-mycc-number')]);
    });
  await waitUntil(() => driver.evaluate(() => Boolean(document.querySelector('[data-mycc-dock]'))), { what: 'the dock' });
  if (!(await read())) await driver.click('[data-mycc-dock] >> [data-mycc-numbers]');
  return waitUntil(read, { what: 'the numbers list' });
}

/** Waits until the page has at least `count` marked numbers, and returns their texts. */
const marksAtLeast = (driver, count, what = `${count} marked numbers`) =>
  waitUntil(async () => {
    const marks = await markedNumbers(driver);
    return marks.length >= count && marks;
  }, { what });

/**
 * Appends a paragraph holding `number` (with id `id`) to the page and waits until it is marked:
 * the extension has then handled everything the page held before it.
 */
async function markMarker(tab, { id = 'mycc-e2e-marker', number = '0933 456 789' } = {}) {
  await tab.evaluate(([markerId, text]) => {
    const p = document.createElement('p');
    p.id = markerId;
    p.textContent = `Marker ${text}`;
    document.body.append(p);
    return true;
  }, [id, number]);
  await waitUntil(async () => (await markedNumbers(tab, { within: `#${id}` })).length === 1, { what: 'the marker number marked' });
}

/**
 * Hint mode opened in the tab showing `url` by the path its browser command takes (the
 * background's openHints, here from the popup's button: no driver can press a browser command);
 * returns what the dock announced ("N numbers on screen have a letter …"), once it has.
 */
async function openHints(driver, url) {
  const announced = () => driver.evaluate(() => document.querySelector('[data-mycc-dock]')?.shadowRoot.querySelector('[aria-live="polite"]')?.textContent ?? null);
  await waitUntil(async () => (await announced()) !== null, { what: 'the dock' });
  await driver.evaluate(() => {
    document.querySelector('[data-mycc-dock]').shadowRoot.querySelector('[aria-live="polite"]').textContent = '';
    return true;
  });
  const tabId = await tabIdOf(driver, url);
  const popup = await driver.openExtensionPage(`popup.html?tab=${tabId}`);
  await waitUntil(() => popup.evaluate(() => document.getElementById('hints').textContent.length > 0), { what: 'the popup' });
  await popup.click('#hints'); // the popup closes itself
  return waitUntil(announced, { what: 'hint mode announced in the dock' });
}

/** The id of the tab showing `url`, as the extension sees it. */
const tabIdOf = (driver, url) =>
  driver.extension(async (u) => (await (globalThis.browser ?? globalThis.chrome).tabs.query({})).find((tab) => tab.url === u)?.id, url);

module.exports = {
  GUIDE,
  FIXTURES,
  waitUntil,
  receivedAtStandin,
  standin,
  settingsFor,
  configure,
  storeSettings,
  storedSettings,
  sessionState,
  eventCount,
  eventsHandled,
  badgeText,
  expectBadge,
  tabUrls,
  poppedTabs,
  closeTabsAt,
  phoneReadyIn,
  openCrmPage,
  dockOpen,
  dockState,
  openDock,
  markedNumbers,
  marksAtLeast,
  markMarker,
  numberAt,
  clickNumber,
  numbersInDock,
  openHints,
  tabIdOf,
};
