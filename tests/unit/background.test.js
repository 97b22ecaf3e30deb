'use strict';
// The background's decisions, run in a vm with the real wasm core and a fake browser API.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { loadBackground, senders, until, root, ORIGIN, DYNAMIC_ORIGIN } = require('./fake-browser.js');
const { MSG } = require('../../extension/shared/protocol.js');

const CRM = 'https://crm.example.vn';
const WEBPHONE = 'https://phone.example.vn/webphone';
const settings = (extra = {}) => ({
  webphoneUrl: WEBPHONE,
  crms: [{ name: 'CRM', sites: [`${CRM}/*`], searchUrl: `${CRM}/search?q={phone}` }],
  ...extra,
});
const GUIDE = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'fixtures', 'guide-payloads.json'), 'utf8'));

/** A background with one CRM tab (id 7) whose dock is live and registered. */
async function withLiveDock(extra = {}, { registered = true } = {}) {
  const bg = loadBackground({ tabs: [{ id: 7, url: `${CRM}/list` }, { id: 8, url: `${CRM}/other` }] });
  await bg.browser.storage.sync.set({ settings: settings(extra) });
  const hello = await bg.send({ kind: MSG.PAGE_HELLO }, senders.content(7, `${CRM}/list`));
  assert.equal(hello.active, true);
  const dock = senders.dock(7, hello.dockKey);
  assert.equal((await bg.send({ kind: MSG.DOCK_HELLO }, dock)).role, 'live');
  await bg.send({ kind: MSG.DOCK_LOADING }, dock);
  if (registered) await bg.send({ kind: MSG.DOCK_EVENT, json: JSON.stringify({ type: 'OnRegistered', data: {} }) }, dock);
  return { bg, hello, dock };
}

const session = (bg) => bg.browser.storage.session.get(null);

test("the service worker's importScripts list is the manifest's background.scripts", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8'));
  const source = fs.readFileSync(path.join(root, 'extension', 'background.js'), 'utf8');
  const imported = [...source.match(/importScripts\(([^)]*)\)/)[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
  assert.deepEqual([...imported, 'background.js'], manifest.background.scripts);
});

test('each message kind is taken only from the senders it declares', async () => {
  const { bg, hello } = await withLiveDock();
  const page = senders.content(7, `${CRM}/list`);
  const forged = JSON.stringify(GUIDE['queue-ringing']);
  assert.equal(await bg.send({ kind: MSG.DOCK_HELLO }, page), 'not handled', 'a content script is not a dock');
  assert.equal((await bg.send({ kind: MSG.DOCK_EVENT, json: forged }, page)).ok, false, 'nor the page that embeds the phone');
  assert.equal(await bg.send({ kind: MSG.SITE_SET, url: `${CRM}/`, on: false, crmIndex: 0 }, page), 'not handled');
  assert.equal(await bg.send({ kind: MSG.POPUP_STATUS }, senders.dock(7, hello.dockKey)), 'not handled');
  assert.equal(await bg.send({ kind: 'no:such' }, page), 'not handled');
  assert.equal((await session(bg)).phoneState, 'ready', 'nothing forged got through');
});

test('a page asking again after a settings change keeps its dock key, so its dock stays heard', async () => {
  const { bg, hello, dock } = await withLiveDock();
  await bg.browser.storage.sync.set({ settings: settings({ defaultCountry: 'VN', dock: 'page' }) });
  const again = await bg.send({ kind: MSG.PAGE_HELLO, dockKey: hello.dockKey }, senders.content(7, `${CRM}/list`));
  assert.equal(again.dockKey, hello.dockKey);
  const ringing = await bg.send({ kind: MSG.DOCK_EVENT, json: JSON.stringify(GUIDE['queue-ringing']) }, dock);
  assert.deepEqual(ringing, { ok: true }, 'the mounted dock frame still speaks for the phone');
  const stranger = await bg.send({ kind: MSG.PAGE_HELLO, dockKey: 'guessed' }, senders.content(8, `${CRM}/other`));
  assert.notEqual(stranger.dockKey, 'guessed', 'a key is never taken from the page');
});

test('a dock (re)loading its WebPhone makes the phone not registered everywhere until it registers', async () => {
  const { bg, dock } = await withLiveDock();
  assert.equal(bg.badge.text, 'ON');
  bg.sentToTabs.length = 0;
  await bg.send({ kind: MSG.DOCK_LOADING }, dock);
  assert.equal((await session(bg)).phoneState, 'notRegistered');
  assert.equal(bg.badge.text, 'OFF');
  assert.ok(bg.sentToTabs.some((s) => s.message.kind === MSG.PHONE_STATE && s.message.phoneState === 'notRegistered'));
  const reply = await bg.send({ kind: MSG.CALL_DIAL, target: '0982 861 121', clickId: 'click-1' }, senders.content(7, `${CRM}/list`));
  assert.equal(reply.waiting, true, 'a click now waits instead of saying "Calling"');
});

test('at most one dial request waits: a newer click replaces the older one', async () => {
  const { bg } = await withLiveDock({}, { registered: false });
  for (const [tab, number] of [[7, '0982 861 121'], [8, '0912 345 678'], [8, '0933 456 789']]) {
    const reply = await bg.send({ kind: MSG.CALL_DIAL, target: number, clickId: `click-${number}` }, senders.content(tab, `${CRM}/x`));
    assert.equal(reply.waiting, true);
  }
  const { dialRequest } = await session(bg);
  assert.equal(dialRequest.target, '0933456789');
  assert.ok(bg.sentToTabs.some((s) => s.tabId === 7 && s.message.kind === MSG.DIAL_UPDATE && s.message.state === 'replaced'));
});

test('a waiting request is handed over once, and only to the live dock whose WebPhone has registered', async () => {
  const { bg, dock } = await withLiveDock({}, { registered: false });
  await bg.send({ kind: MSG.CALL_DIAL, target: '0982861121', clickId: 'click-3' }, senders.content(7, `${CRM}/list`));
  assert.equal((await bg.send({ kind: MSG.DOCK_SYNC, registered: false, taker: 't1' }, dock)).request, null, 'not before it registers');
  const other = await bg.send({ kind: MSG.PAGE_HELLO }, senders.content(8, `${CRM}/other`));
  assert.equal((await bg.send({ kind: MSG.DOCK_SYNC, registered: true, taker: 't1' }, senders.dock(8, other.dockKey))).request, null, 'not to a dock that is not live');
  const taken = await bg.send({ kind: MSG.DOCK_SYNC, registered: true, taker: 't1' }, dock);
  assert.equal(taken.request.target, '0982861121');
  // The worker stopped before the dock heard the answer: asked again, the same request (the dock
  // posts each id once), until the dock says it was posted.
  assert.equal((await bg.send({ kind: MSG.DOCK_SYNC, registered: true, taker: 't1' }, dock)).request.id, taken.request.id);
  assert.equal((await bg.send({ kind: MSG.DOCK_SYNC, registered: true, taker: 'another load' }, dock)).request, null, 'not to another load of the WebPhone');
  assert.deepEqual(await bg.send({ kind: MSG.DOCK_SENT, id: taken.request.id, taker: 'another load' }, dock), { ok: false });
  assert.deepEqual(await bg.send({ kind: MSG.DOCK_SENT, id: taken.request.id, taker: 't1' }, dock), { ok: true });
  assert.equal((await bg.send({ kind: MSG.DOCK_SYNC, registered: true, taker: 't1' }, dock)).request, null, 'gone once posted');
  assert.ok(bg.sentToTabs.some((s) => s.tabId === 7 && s.message.kind === MSG.DIAL_UPDATE && s.message.state === 'sent'));
});

test('a waiting request is never dialled after it expired, was cancelled, or another call came', async () => {
  const { bg, dock } = await withLiveDock({ dialWaitSeconds: 5 }, { registered: false });
  const page = senders.content(7, `${CRM}/list`);
  const clock = bg.run('Date');
  const realNow = clock.now;

  const first = await bg.send({ kind: MSG.CALL_DIAL, target: '0982861121', clickId: 'click-4' }, page);
  assert.equal(first.expiresAt - Date.now() <= 5000, true);
  clock.now = () => realNow.call(clock) + 5001;
  assert.equal((await bg.send({ kind: MSG.DOCK_SYNC, registered: true, taker: 't1' }, dock)).request, null, 'expired');
  clock.now = realNow;
  assert.ok(bg.sentToTabs.some((s) => s.message.kind === MSG.DIAL_UPDATE && s.message.state === 'expired'));

  const second = await bg.send({ kind: MSG.CALL_DIAL, target: '0982861121', clickId: 'click-5' }, page);
  assert.deepEqual(await bg.send({ kind: MSG.CALL_CANCEL, id: second.id }, page), { ok: true });
  assert.equal((await bg.send({ kind: MSG.DOCK_SYNC, registered: true, taker: 't1' }, dock)).request, null, 'cancelled');

  await bg.send({ kind: MSG.CALL_DIAL, target: '0982861121', clickId: 'click-6' }, page);
  await bg.send({ kind: MSG.DOCK_EVENT, json: JSON.stringify(GUIDE['queue-ringing']) }, dock);
  assert.equal((await bg.send({ kind: MSG.DOCK_SYNC, registered: true, taker: 't1' }, dock)).request, null, 'another call came in meanwhile');
  assert.ok(bg.sentToTabs.some((s) => s.message.kind === MSG.DIAL_UPDATE && s.message.state === 'superseded'));
});

test('the popup is told the dock mode in force, policy included', async () => {
  const bg = loadBackground({ tabs: [] });
  const dockMode = async () => (await bg.send({ kind: MSG.POPUP_STATUS }, senders.popup())).dockMode;
  assert.equal(await dockMode(), 'page');
  await bg.browser.storage.managed.replace({ dock: 'sidepanel' });
  await until(async () => (await dockMode()) === 'sidepanel', 'the policy read');
  await bg.browser.storage.managed.replace({});
  await until(async () => (await bg.send({ kind: MSG.POPUP_STATUS }, senders.popup())).dockMode === 'page', 'the policy change read again');
});

test('switching the dock mode moves the phone: the side panel takes it from a tab, and a tab from the panel', async () => {
  const { bg, hello } = await withLiveDock();
  await bg.browser.storage.sync.set({ settings: settings({ dock: 'sidepanel' }) });
  assert.equal((await bg.send({ kind: MSG.DOCK_HELLO }, senders.panel())).role, 'live');
  assert.equal((await session(bg)).liveTab, 'panel');
  await bg.browser.storage.sync.set({ settings: settings({ dock: 'page' }) });
  assert.equal((await bg.send({ kind: MSG.DOCK_HELLO }, senders.panel())).role, 'none', 'the panel lets it go');
  assert.equal((await bg.send({ kind: MSG.DOCK_HELLO }, senders.dock(7, hello.dockKey))).role, 'live');
});

test('after an install or update, open CRM tabs get the content scripts registered for CRM sites, others none', async () => {
  const bg = loadBackground({ tabs: [{ id: 7, url: `${CRM}/list` }, { id: 9, url: 'https://news.example.com/' }] });
  await bg.browser.storage.sync.set({ settings: settings() });
  bg.browser.runtime.onInstalled.fire({ reason: 'update' });
  const files = await until(() => bg.injected.find((d) => d.files && d.files.includes('content/main.js')), 'the scripts injected');
  assert.deepEqual([...files.files], ['content/start/VN.js', ...bg.run('CONTENT_SCRIPTS.js')], 'the start script of the country in force first');
  assert.equal(files.target.tabId, 7);
  assert.ok(bg.injected.every((d) => d.target.tabId === 7), 'nothing injected into a page that is not a CRM');
});

test('junk from the WebPhone is dropped before it waits for anything or touches storage', { timeout: 20000 }, async () => {
  const { bg, dock } = await withLiveDock();
  const writes = [];
  const set = bg.browser.storage.session.set;
  bg.browser.storage.session.set = (items) => {
    writes.push(Object.keys(items));
    return set(items);
  };
  const huge = JSON.stringify({ ...GUIDE['queue-ringing'], data: { ...GUIDE['queue-ringing'].data, note: 'x'.repeat(70000) } });
  const junk = ['not json', '[]', '{"type":7}', '{"data":{}}', JSON.stringify({ type: 'OnCallRinging', data: 'x' }), huge];
  // Real work holds the queue meanwhile: junk must be answered without waiting behind it.
  bg.run('serially(() => new Promise((resolve) => (globalThis.releaseQueue = resolve)))');
  const answers = await Promise.all(Array.from({ length: 2000 }, (_, i) => bg.send({ kind: MSG.DOCK_EVENT, json: junk[i % junk.length] }, dock)));
  assert.ok(answers.every((a) => a.ok === false));
  assert.deepEqual(writes, [], 'nothing written for junk');
  bg.run('releaseQueue()');
  const ringing = await bg.send({ kind: MSG.DOCK_EVENT, json: JSON.stringify(GUIDE['queue-ringing']) }, dock);
  assert.deepEqual(ringing, { ok: true });
  const { events, phoneState } = await session(bg);
  assert.equal(phoneState, 'ringing');
  assert.deepEqual(events.map((e) => e.type), ['OnRegistered', 'OnCallRinging'], 'only the events are logged');
});

test('events of a type this version does not know reach the pages but not the queue or the log', async () => {
  const { bg, dock } = await withLiveDock({ crms: [{ name: 'CRM', sites: [`${CRM}/*`], pageApi: true }] });
  bg.sentToTabs.length = 0;
  const reply = await bg.send({ kind: MSG.DOCK_EVENT, json: JSON.stringify({ type: 'OnAgentStatus', data: { status: 'away' } }) }, dock);
  assert.deepEqual(reply, { ok: true });
  assert.deepEqual((await session(bg)).events.map((e) => e.type), ['OnRegistered']);
  assert.ok(bg.sentToTabs.some((s) => s.message.kind === MSG.PHONE_EVENT && s.message.message.type === 'OnAgentStatus' && !('phoneState' in s.message)));
});

test('a click sent again after the worker stopped under it is the same request', async () => {
  const { bg } = await withLiveDock({}, { registered: false });
  const click = { kind: MSG.CALL_DIAL, target: '0982861121', clickId: 'the-click' };
  const first = await bg.send(click, senders.content(7, `${CRM}/list`));
  const again = await bg.send(click, senders.content(7, `${CRM}/list`));
  assert.equal(again.id, first.id);
  assert.equal(again.expiresAt, first.expiresAt, 'its time is not extended');
});

test('a call event delivered again (the worker stopped under it) is done once: one log entry, one pop', async () => {
  const { bg, dock } = await withLiveDock();
  const ringing = { kind: MSG.DOCK_EVENT, json: JSON.stringify(GUIDE['queue-ringing']), eventId: 'load-1:2' };
  // The worker stops after the state was written and before the pop's tab was made.
  const create = bg.browser.tabs.create;
  bg.browser.tabs.create = async () => {
    bg.browser.tabs.create = create;
    throw new Error('the worker stopped');
  };
  assert.equal((await bg.send(ringing, dock)).ok, false);
  assert.equal(bg.tabList.length, 2, 'no pop yet');
  assert.deepEqual(await bg.send(ringing, dock), { ok: true });
  assert.deepEqual(await bg.send(ringing, dock), { ok: true });
  const pops = bg.tabList.filter((t) => String(t.url).startsWith(`${CRM}/search`));
  assert.equal(pops.length, 1, 'popped exactly once');
  const { events, phoneState, handled } = await session(bg);
  assert.deepEqual(events.map((e) => e.type), ['OnRegistered', 'OnCallRinging']);
  assert.equal(phoneState, 'ringing');
  assert.ok(handled.includes('load-1:2'));
});

test("a page that embeds the WebPhone itself: its phone is the agent's, spoken for by that frame's content script", async () => {
  const { bg, hello: first } = await withLiveDock();
  const embedding = senders.content(8, `${CRM}/other`, 3);
  await bg.send({ kind: MSG.PAGE_HELLO }, senders.content(8, `${CRM}/other`));
  bg.sentToTabs.length = 0;
  assert.deepEqual(await bg.send({ kind: MSG.PAGE_PHONE, present: true, registered: true }, embedding), { ok: true });
  let state = await session(bg);
  assert.equal(state.liveTab, 8);
  assert.deepEqual(state.pagePhone, { tabId: 8, frameId: 3 });
  assert.equal(state.phoneState, 'ready', 'it had registered before we heard it');
  assert.ok(bg.sentToTabs.some((s) => s.tabId === 7 && s.message.kind === MSG.DOCK_POKE), 'our dock is told to let the phone go');
  assert.equal((await bg.send({ kind: MSG.DOCK_HELLO }, senders.dock(7, first.dockKey))).role, 'remote', 'no dock of ours loads a second phone');
  assert.equal((await bg.send({ kind: MSG.DOCK_CLAIM }, senders.dock(7, first.dockKey))).ok, false, "nor takes the page's");

  const ringing = { kind: MSG.DOCK_EVENT, json: JSON.stringify(GUIDE['queue-ringing']), eventId: 'page:1' };
  assert.equal((await bg.send(ringing, senders.content(8, `${CRM}/other`, 0))).ok, false, 'only from the frame that embeds it');
  assert.deepEqual(await bg.send(ringing, embedding), { ok: true });
  assert.equal((await session(bg)).phoneState, 'ringing');
  assert.ok(!bg.sentToTabs.some((s) => s.tabId === 8 && s.message.kind === MSG.DOCK_SHOW), "the page's phone is the page's to show");
  await bg.send({ kind: MSG.DOCK_EVENT, json: JSON.stringify({ type: 'OnCallEnd', data: {} }), eventId: 'page:2' }, embedding);

  bg.sentToTabs.length = 0;
  await bg.send({ kind: MSG.CALL_DIAL, target: '0982861121', clickId: 'page-click' }, senders.content(8, `${CRM}/other`));
  assert.ok(bg.sentToTabs.some((s) => s.tabId === 8 && s.frameId === 3 && s.message.kind === MSG.DOCK_POKE), 'the embedding frame is asked to dial');
  const handed = await bg.send({ kind: MSG.DOCK_SYNC, registered: true, taker: 't1' }, embedding);
  assert.equal(handed.request.target, '0982861121');

  bg.sentToTabs.length = 0;
  await bg.send({ kind: MSG.PAGE_PHONE, present: false }, embedding);
  state = await session(bg);
  assert.equal(state.liveTab, null);
  assert.equal(state.pagePhone, null);
  assert.ok(bg.sentToTabs.some((s) => s.tabId === 7 && s.message.kind === MSG.DOCK_POKE), 'the other CRM tabs may take over');
  assert.equal((await bg.send({ kind: MSG.DOCK_HELLO }, senders.dock(7, first.dockKey))).role, 'live');
});

test("a dock.html the page framed itself, in the same tab, is not the page's dock without the key", async () => {
  const { bg } = await withLiveDock();
  const framedByPage = senders.dock(7, 'guessed-key');
  assert.equal((await bg.send({ kind: MSG.DOCK_HELLO }, framedByPage)).role, 'none', 'it may not host the phone');
  assert.equal((await bg.send({ kind: MSG.DOCK_EVENT, json: JSON.stringify(GUIDE['queue-ringing']), eventId: 'x:1' }, framedByPage)).ok, false);
  assert.equal((await bg.send({ kind: MSG.DOCK_CLAIM }, framedByPage)).ok, false);
  assert.equal((await session(bg)).phoneState, 'ready');
});

test("with dock.html web-accessible by Chrome's per-session address only, the dock frame and the extension's pages are still known by their origin", async () => {
  const bg = loadBackground({ tabs: [{ id: 7, url: `${CRM}/list` }], dynamicUrl: true });
  await bg.browser.storage.sync.set({ settings: settings() });
  const hello = await bg.send({ kind: MSG.PAGE_HELLO }, senders.content(7, `${CRM}/list`));
  assert.equal(hello.dockUrl, `${DYNAMIC_ORIGIN}/dock.html`, 'the page loads the dock by the per-session address');
  assert.equal(hello.dockOrigin, ORIGIN, "and hands the key to the extension's own origin, where the document is");
  const dock = senders.dock(7, hello.dockKey);
  assert.equal((await bg.send({ kind: MSG.DOCK_HELLO }, dock)).role, 'live', 'the dock frame is the dock');
  // A dock frame is never taken for a content script (which may not speak for the phone by its tab alone).
  assert.equal(await bg.send({ kind: MSG.PAGE_HELLO }, dock), 'not handled', 'a dock frame is not a content script');
  assert.equal((await bg.send({ kind: MSG.POPUP_STATUS, tabId: 7 }, senders.popup())).dockMode, 'page', 'the popup is the popup');
});

/** A guide payload of another call: its own interaction id (and call id, for the pop's address). */
const anotherCall = (name, id, callerIdNumber) => {
  const message = structuredClone(GUIDE[name]);
  message.data.interactionID = id;
  if (callerIdNumber) message.data.callerIdNumber = callerIdNumber;
  if (message.data.state?.memberCallId) message.data.state.memberCallId = `member-${id}`;
  return JSON.stringify(message);
};

test('an inbound call that ends unanswered is a missed call: one notification, in the recent calls', async () => {
  const { bg, dock } = await withLiveDock();
  const ringing = anotherCall('queue-ringing', 'call-m');
  const end = JSON.stringify({ type: 'OnCallEnd', data: { interactionID: 'call-m' } });
  await bg.send({ kind: MSG.DOCK_EVENT, json: ringing, eventId: 'e:1' }, dock);
  await bg.send({ kind: MSG.DOCK_EVENT, json: end, eventId: 'e:2' }, dock);
  await bg.send({ kind: MSG.DOCK_EVENT, json: end, eventId: 'e:3' }, dock); // the end reported again
  const missed = bg.notifications.filter((n) => n.id.startsWith('missed:'));
  assert.deepEqual(missed.map((n) => [n.id, n.message.includes('0900 000 101')]), [['missed:call-m', true]]);
  const recent = await bg.send({ kind: MSG.POPUP_RECENT }, senders.popup());
  assert.deepEqual(recent.map((r) => [r.id, r.direction, r.missed, r.shown]), [['call-m', 'inbound', true, '0900 000 101']]);
  assert.match(recent[0].searchUrl, /^https:\/\/crm\.example\.vn\/search\?q=0900000101/);
  await bg.send({ kind: MSG.POPUP_CLEAR_RECENT }, senders.popup());
  assert.deepEqual(await bg.send({ kind: MSG.POPUP_RECENT }, senders.popup()), []);
});

test("the CRM tabs' docks get the call card once the call is known, and none when it ends; a page loading mid-call gets it in its hello", async () => {
  const { bg, dock } = await withLiveDock();
  bg.sentToTabs.length = 0;
  await bg.send({ kind: MSG.DOCK_EVENT, json: anotherCall('queue-ringing', 'call-c'), eventId: 'c:1' }, dock);
  const cards = () => bg.sentToTabs.filter((s) => s.message.kind === MSG.PHONE_STATE && 'card' in s.message);
  const ringing = cards().find((s) => s.tabId === 7)?.message;
  assert.equal(ringing?.phoneState, 'ringing');
  assert.deepEqual({ ...ringing.card, sinceMs: typeof ringing.card.sinceMs }, { direction: 'inbound', shown: '0900 000 101', sinceMs: 'number' });
  const hello = await bg.send({ kind: MSG.PAGE_HELLO }, senders.content(8, `${CRM}/other`));
  assert.equal(JSON.stringify(hello.card), JSON.stringify(ringing.card), 'a page (re)loading during the call');
  bg.sentToTabs.length = 0;
  await bg.send({ kind: MSG.DOCK_EVENT, json: JSON.stringify({ type: 'OnCallEnd', data: { interactionID: 'call-c' } }), eventId: 'c:2' }, dock);
  assert.deepEqual(cards().filter((s) => s.tabId === 7).map((s) => [s.message.phoneState, s.message.card]), [['ready', null]]);
  assert.equal((await bg.send({ kind: MSG.PAGE_HELLO }, senders.content(8, `${CRM}/other`))).card, null);
});

test('screen pops reuse one tab per CRM by default, and open a new tab each time when asked', async () => {
  const { bg, dock } = await withLiveDock();
  const pops = () => bg.tabList.filter((t) => String(t.url).startsWith(`${CRM}/search`));
  await bg.send({ kind: MSG.DOCK_EVENT, json: anotherCall('queue-ringing', 'call-1'), eventId: 'r:1' }, dock);
  await bg.send({ kind: MSG.DOCK_EVENT, json: anotherCall('direct-ringing', 'call-2', '0912345678'), eventId: 'r:2' }, dock);
  assert.equal(pops().length, 1, 'the second pop reused the first one’s tab');
  assert.match(pops()[0].url, /q=0912345678/);
  assert.ok(bg.updates.some((u) => u.id === pops()[0].id && u.url === pops()[0].url && u.active), 'brought forward on its new address');

  const other = await withLiveDock({ crms: [{ name: 'CRM', sites: [`${CRM}/*`], searchUrl: `${CRM}/search?q={phone}`, popTarget: 'newTab' }] });
  const newTabs = () => other.bg.tabList.filter((t) => String(t.url).startsWith(`${CRM}/search`));
  await other.bg.send({ kind: MSG.DOCK_EVENT, json: anotherCall('queue-ringing', 'call-1'), eventId: 'r:1' }, other.dock);
  await other.bg.send({ kind: MSG.DOCK_EVENT, json: anotherCall('direct-ringing', 'call-2', '0912345678'), eventId: 'r:2' }, other.dock);
  assert.equal(newTabs().length, 2);
});

test('the context menu dials the first number of a selection or a tel: link, and says so when there is none', async () => {
  const { bg } = await withLiveDock({}, { registered: false });
  const click = (info) => Promise.all(bg.browser.contextMenus.onClicked.fire({ menuItemId: 'mycc-call', ...info }, { id: 8 }));
  await click({ selectionText: 'Gọi lại cho anh An theo số 0912 345 678 trước 17:00' });
  assert.equal((await session(bg)).dialRequest.target, '0912345678');
  await click({ linkUrl: 'tel:+84-982-861-121' });
  assert.equal((await session(bg)).dialRequest.target, '0982861121');
  await click({ selectionText: 'Đơn hàng 12/03/2024, 319.867.130 đ' });
  assert.equal((await session(bg)).dialRequest.target, '0982861121', 'nothing dialled');
  assert.ok(bg.notifications.some((n) => n.id === 'menu:none'));
});

test('the first install opens the setup page, whose checklist the background answers', async () => {
  const bg = loadBackground({ tabs: [{ id: 9, url: 'https://news.example.com/', title: 'News' }] });
  bg.browser.runtime.onInstalled.fire({ reason: 'install' });
  await until(() => bg.tabList.some((t) => t.url === 'chrome-extension://fakeextensionid/setup.html'), 'the setup page');
  const setup = { tab: { id: 50 }, url: 'chrome-extension://fakeextensionid/setup.html' };
  assert.deepEqual(await bg.send({ kind: MSG.SETUP_STATUS }, setup), { crmCount: 0, crmTab: null, liveTab: null, phoneState: 'notRegistered' });
  bg.tabList.push({ id: 7, url: `${CRM}/list`, title: 'Khách hàng', windowId: 1, index: 1 });
  await bg.browser.storage.sync.set({ settings: settings() });
  const status = await until(async () => {
    const s = await bg.send({ kind: MSG.SETUP_STATUS }, setup);
    return s.crmCount === 1 && s;
  }, 'the CRM counted');
  assert.equal(status.crmTab, 'Khách hàng');
  assert.equal(await bg.send({ kind: MSG.SETUP_STATUS }, senders.content(7, `${CRM}/list`)), 'not handled', 'only the setup page asks');
  const update = loadBackground({ tabs: [] });
  update.browser.runtime.onInstalled.fire({ reason: 'update' });
  await until(() => true);
  assert.ok(!update.tabList.some((t) => String(t.url).endsWith('setup.html')), 'an update opens nothing');
});

test("a new page loaded in the tab whose page embedded the phone hands the phone back", async () => {
  const { bg } = await withLiveDock();
  await bg.send({ kind: MSG.PAGE_HELLO }, senders.content(8, `${CRM}/other`));
  await bg.send({ kind: MSG.PAGE_PHONE, present: true, registered: true }, senders.content(8, `${CRM}/other`));
  const again = await bg.send({ kind: MSG.PAGE_HELLO, dockKey: 'x' }, senders.content(8, `${CRM}/other`));
  assert.ok(again.active);
  assert.notEqual((await session(bg)).pagePhone, null, 'a page asking again (settings changed) keeps it');
  await bg.send({ kind: MSG.PAGE_HELLO }, senders.content(8, `${CRM}/next`));
  const state = await session(bg);
  assert.deepEqual([state.pagePhone, state.liveTab], [null, null]);
});

test("a browser that throws at once on a notification option it lacks (Firefox) still gets the pop and a notification", async () => {
  const { bg, dock } = await withLiveDock();
  const create = bg.browser.notifications.create;
  bg.browser.notifications.create = (id, options) => {
    if ('requireInteraction' in options) throw new Error('Type error for parameter options: Unexpected property "requireInteraction"');
    return create(id, options);
  };
  bg.browser.tabs.query = async () => bg.tabList.filter((t) => t.id !== 7); // the agent is in another tab
  await bg.send({ kind: MSG.DOCK_EVENT, json: anotherCall('queue-ringing', 'call-ff'), eventId: 'f:1' }, dock);
  await bg.send({ kind: MSG.DOCK_EVENT, json: JSON.stringify({ type: 'OnCallEnd', data: { interactionID: 'call-ff' } }), eventId: 'f:2' }, dock);
  assert.equal(bg.tabList.filter((t) => String(t.url).startsWith(`${CRM}/search`)).length, 1, 'the pop');
  assert.deepEqual(bg.notifications.map((n) => n.id), ['ringing:7', 'missed:call-ff']);
});

test('content scripts are registered for the CRM sites in force only, follow every change, and a new site’s open tabs get them at once', async () => {
  const bg = loadBackground({ tabs: [{ id: 7, url: 'http://127.0.0.1:8080/app' }, { id: 9, url: 'https://news.example.com/' }] });
  const registered = () => [...new Set(bg.browser.scripting.registered.map((s) => JSON.stringify(s.matches)))].map((m) => JSON.parse(m));
  await bg.run('registerForCrmSites()');
  assert.deepEqual(registered(), [], 'no CRM, nothing registered: no script on any page');
  await bg.browser.storage.sync.set({ settings: settings() });
  await until(() => registered().length === 1, 'registered for the CRM');
  assert.deepEqual(registered(), [['https://crm.example.vn/*']]);
  bg.injected.length = 0;
  await bg.browser.storage.sync.set({ settings: settings({ crms: [{ name: 'Local', sites: ['http://127.0.0.1:8080/*'] }] }) });
  await until(() => JSON.stringify(registered()) === JSON.stringify([['http://127.0.0.1/*']]), 'registered for the new site, without its port');
  const files = await until(() => bg.injected.find((d) => d.files?.includes('content/main.js')), 'the open tab of the new site handed the scripts');
  assert.equal(files.target.tabId, 7);
  assert.ok(bg.injected.every((d) => d.target.tabId === 7), 'the news tab gets nothing');
  await bg.browser.storage.sync.set({ settings: settings({ crms: [] }) });
  await until(() => registered().length === 0, 'unregistered when no CRM is left');
});

test('the start script of the country in force is registered with the content scripts, again when the country changes, and handed to open tabs', async () => {
  const bg = loadBackground({ tabs: [{ id: 7, url: `${CRM}/list` }] });
  const startScripts = () => bg.browser.scripting.registered.filter((s) => s.id === 'mycc-crm').map((s) => s.js.filter((file) => file.startsWith('content/start/')));
  await bg.browser.storage.sync.set({ settings: settings() });
  await until(() => startScripts().length === 1, 'registered');
  assert.deepEqual(startScripts(), [['content/start/VN.js']], 'the default country');
  assert.equal(bg.browser.scripting.registered.find((s) => s.id === 'mycc-crm').js[0], 'content/start/VN.js', 'before every other content script');
  bg.injected.length = 0;
  await bg.browser.storage.sync.set({ settings: settings({ defaultCountry: 'US' }) });
  await until(() => JSON.stringify(startScripts()) === JSON.stringify([['content/start/US.js']]), 'registered again for the new country');
  // The open tab's frames that have no live content script get the new country's.
  const handed = await until(() => bg.injected.find((d) => d.files?.includes('content/main.js')), 'the scripts handed to the open tab');
  assert.equal(handed.files[0], 'content/start/US.js');
  assert.deepEqual(bg.browser.storage.local.data(), {}, 'nothing for the frames in storage.local');
  for (const file of bg.browser.scripting.registered.flatMap((s) => s.js)) {
    assert.ok(fs.existsSync(path.join(root, 'dist', 'extension', file)), `${file} is in the package`);
  }
});

test("the live tab's page going to another site hands the phone on: its state is not ready, and a dock that asks takes it", async () => {
  const { bg, hello } = await withLiveDock();
  const other = await bg.send({ kind: MSG.PAGE_HELLO }, senders.content(8, `${CRM}/other`));
  assert.equal((await bg.send({ kind: MSG.DOCK_HELLO }, senders.dock(8, other.dockKey))).role, 'remote');
  await bg.send({ kind: MSG.PAGE_LEAVING }, senders.content(7, `${CRM}/list`));
  assert.equal((await session(bg)).phoneState, 'notRegistered', 'its WebPhone went with the page');
  assert.equal((await bg.send({ kind: MSG.DOCK_SYNC, registered: false, taker: 'x' }, senders.dock(8, other.dockKey))).liveTab, 7, 'a reload of the same CRM page keeps it');
  bg.tabList.find((t) => t.id === 7).url = 'https://mail.example.com/inbox'; // no content script there to say so
  assert.equal((await bg.send({ kind: MSG.DOCK_SYNC, registered: false, taker: 'x' }, senders.dock(8, other.dockKey))).liveTab, null);
  assert.equal((await bg.send({ kind: MSG.DOCK_HELLO }, senders.dock(8, other.dockKey))).role, 'live');
  assert.equal(hello.active, true);
});

test('with no CRM taking the page API, messages of other types are dropped at once', async () => {
  const { bg, dock } = await withLiveDock();
  bg.sentToTabs.length = 0;
  const reads = [];
  const get = bg.browser.storage.session.get;
  bg.browser.storage.session.get = (keys) => (reads.push(keys), get(keys));
  assert.deepEqual(await bg.send({ kind: MSG.DOCK_EVENT, json: JSON.stringify({ type: 'OnAgentStatus', data: {} }) }, dock), { ok: true });
  assert.deepEqual([bg.sentToTabs, reads], [[], []], 'nothing read, nothing sent');
});
