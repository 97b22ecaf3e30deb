'use strict';
// The one message hub (uBlock Origin's shape): content scripts and dock frames talk only to
// this script, and it talks to them. It keeps nothing in memory that must outlive it:
// Chrome stops an idle service worker and Firefox suspends an idle event page, so the live
// phone's tab, the call state and the calls already popped live in storage.session, and
// every handler works from a cold start. Decisions (settings, matching, the call model,
// screen-pop URLs) are the Rust core's, through wasm.

/* global wasm_bindgen */
if (typeof importScripts === 'function' && typeof wasm_bindgen === 'undefined') {
  importScripts('wasm/mycc_connect.js'); // Chrome's service worker; Firefox lists it in background.scripts.
}

const api = globalThis.browser ?? globalThis.chrome;
const wasmBytes = fetch(api.runtime.getURL('wasm/mycc_connect_bg.wasm')).then((response) => response.arrayBuffer());
const core = wasmBytes.then((bytes) => wasm_bindgen({ module_or_path: bytes })).then(() => wasm_bindgen);
// The same wasm for content scripts, pushed to a frame in parts when its first hello says it is a
// CRM page (messages carry JSON, so as base64). A content script that fetched it itself would
// wait two tasks behind the page's parser for the fetch and the compile: 0.5 s measured on a big
// page, while every batch of text went to this script instead. Given the bytes, it compiles them
// at once (~3 ms). In parts, because a big message waits behind the parser too: answers of 16
// and 32 KB reached a loading 5,000-row page in 7 to 20 ms, answers of 48 to 270 KB in 10 to
// 430 ms. Pushed, not asked for: they arrive with the hello's answer, where asking for them
// after it cost the page's parser one more task (~100 ms measured) before linking could start.
const ENGINE_PART_CHARS = 24 * 1024;
let contentEngine = null;
function contentEngineBase64() {
  contentEngine ??= wasmBytes.then((buffer) => {
    const bytes = new Uint8Array(buffer);
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  });
  return contentEngine;
}

/** Sends the content script's wasm to one frame, in parts, without waiting; how many parts. */
async function pushEngine(tabId, frameId) {
  const base64 = await contentEngineBase64().catch(() => null);
  if (!base64) return 0;
  const count = Math.ceil(base64.length / ENGINE_PART_CHARS);
  for (let index = 0; index < count; index++) {
    const part = base64.slice(index * ENGINE_PART_CHARS, (index + 1) * ENGINE_PART_CHARS);
    toTab(tabId, { kind: 'engine:part', index, count, part }, frameId);
  }
  return count;
}

const EXTENSION_ORIGIN = new URL(api.runtime.getURL('/')).origin;
const EVENT_LOG_SIZE = 50;
const POPPED_MEMORY = 200;

// ---- settings -------------------------------------------------------------------------

// The settings in force: the agent's document (storage.sync) under IT's managed policy
// (storage.managed: Chrome policy, Firefox policies.json). A bad policy is logged and ignored,
// a bad document gives the defaults: the extension never stops for a settings mistake.
// Chrome's first storage.managed read after the worker starts can take seconds, and every page
// waits for the settings: so the last policy seen (kept in storage.session) is used at once and
// the policy is read again behind it; when it differs, pages are told the settings changed.
let managedSeen = null;
let managedRefresh = null;

async function readManaged() {
  if (managedSeen == null) managedSeen = (await api.storage.session.get('managedPolicy')).managedPolicy ?? {};
  managedRefresh ??= Promise.resolve(api.storage.managed?.get(null))
    .then((value) => value ?? {}, () => ({}))
    .then(async (value) => {
      const changed = JSON.stringify(value) !== JSON.stringify(managedSeen);
      managedSeen = value;
      if (changed) {
        await api.storage.session.set({ managedPolicy: value });
        await tellEveryTabSettingsChanged();
      }
    })
    .finally(() => (managedRefresh = null));
  return managedSeen;
}

async function tellEveryTabSettingsChanged() {
  // Every tab: one that was not a CRM may be one now. Settings change rarely.
  const tabs = await api.tabs.query({});
  await Promise.all(tabs.map((tab) => toTab(tab.id, { kind: 'settings:changed' })));
}

async function loadSettings() {
  const [wasm, stored, managed] = await Promise.all([core, api.storage.sync.get('settings'), readManaged()]);
  const user = JSON.stringify(stored.settings ?? {});
  let result = JSON.parse(wasm.effectiveSettings(user, JSON.stringify(managed)));
  if (!result.ok && result.field.startsWith('managed policy')) {
    console.warn('myCC Connect: the managed policy is invalid and was ignored:', result.field, result.message);
    result = JSON.parse(wasm.effectiveSettings(user, 'null'));
  }
  if (result.ok) return { ...result, json: JSON.stringify(result.settings) };
  console.warn('myCC Connect: stored settings are invalid, using defaults:', result.field, result.message);
  const fallback = JSON.parse(wasm.effectiveSettings('{}', JSON.stringify(managed)));
  const usable = fallback.ok ? fallback : JSON.parse(wasm.effectiveSettings('{}', 'null'));
  return { ...usable, json: JSON.stringify(usable.settings), invalid: result };
}

// ---- session state --------------------------------------------------------------------

const SESSION_DEFAULTS = { liveTab: null, phoneState: 'notRegistered', call: null, popped: [], events: [], pending: [], crmTabs: {} };

async function session() {
  return { ...SESSION_DEFAULTS, ...(await api.storage.session.get(Object.keys(SESSION_DEFAULTS))) };
}

// Events and claims are handled one at a time, so two quick events can't both see a call
// as not yet popped.
let queue = Promise.resolve();
function serially(task) {
  const run = queue.then(task, task);
  queue = run.catch(() => {});
  return run;
}

// ---- the badge ------------------------------------------------------------------------

const BADGE = {
  notRegistered: { key: 'badgeOff', color: '#6b7280' },
  ready: { key: 'badgeReady', color: '#15803d' },
  ringing: { key: 'badgeRinging', color: '#d97706' },
  inCall: { key: 'badgeInCall', color: '#b91c1c' },
};

async function showPhoneState(state) {
  const badge = BADGE[state] ?? BADGE.notRegistered;
  await api.action.setBadgeBackgroundColor({ color: badge.color });
  await api.action.setBadgeText({ text: api.i18n.getMessage(badge.key) });
  const title = `${api.i18n.getMessage('extName')}: ${api.i18n.getMessage(`state_${state}`)}`;
  await api.action.setTitle({ title });
}

// ---- talking to tabs and docks ----------------------------------------------------------

function toTab(tabId, message, frameId = 0) {
  return api.tabs.sendMessage(tabId, message, { frameId }).catch(() => undefined);
}

// Firefox delivers neither runtime broadcasts nor storage.session to extension frames inside
// web pages, so the background reaches a dock through its tab's content script: a poke that
// carries nothing, after which the dock asks for what concerns it (dock:sync).
function pokeDock(host) {
  if (host === PANEL) return api.runtime.sendMessage({ kind: 'dock:poke' }).catch(() => undefined);
  return toTab(host, { kind: 'dock:poke' });
}

async function tabExists(tabId) {
  if (tabId == null) return false;
  try {
    await api.tabs.get(tabId);
    return true;
  } catch {
    return false;
  }
}

async function broadcastToCrmTabs(message) {
  const { crmTabs } = await session();
  await Promise.all(Object.keys(crmTabs).map((id) => toTab(Number(id), message)));
}

// ---- page hello: is this page a CRM? ------------------------------------------------------

async function pageHello(sender, wantsEngine) {
  const settings = await loadSettings();
  const wasm = await core;
  const frameUrl = sender.url ?? '';
  const tabUrl = sender.tab?.url ?? frameUrl;
  const topFrame = sender.frameId === 0 && sender.tab != null;
  let crmIndex = wasm.crmForUrl(settings.json, frameUrl);
  if (crmIndex < 0 && !topFrame && sameOrigin(frameUrl, tabUrl)) {
    crmIndex = wasm.crmForUrl(settings.json, tabUrl);
  }
  if (crmIndex < 0) {
    // A tab that left its CRM no longer hosts the phone, and may not get it back.
    if (topFrame) await forgetTab(sender.tab.id);
    return { active: false };
  }
  const crm = settings.settings.crms[crmIndex];
  let dockKey = '';
  const state = await serially(async () => {
    const current = await session();
    if (topFrame) {
      // A fresh key for each CRM page load: only the dock frame this page's content script
      // makes carries it, so no other page can frame dock.html and take the phone.
      dockKey = crypto.randomUUID();
      current.crmTabs[sender.tab.id] = { crm: crmIndex, dockKey };
      await api.storage.session.set({ crmTabs: current.crmTabs });
    }
    return current;
  });
  return {
    active: true,
    crm: { index: crmIndex, name: crm.name, pageApi: crm.pageApi === true },
    dockMode: settings.settings.dock,
    country: settings.settings.defaultCountry,
    phoneState: state.phoneState,
    dockUrl: `${api.runtime.getURL('dock.html')}#${dockKey}`,
    engineParts: wantsEngine && sender.tab ? await pushEngine(sender.tab.id, sender.frameId ?? 0) : 0,
  };
}

/** True when `sender` is the dock (or side panel) that hosts the live phone. */
function isLiveDock(sender, state) {
  const host = hostOf(sender);
  return host != null && host === state.liveTab && (host === PANEL || isOurDock(sender, state.crmTabs));
}

/** True when a dock frame's sender is the one the CRM page in its tab made. */
function isOurDock(sender, crmTabs) {
  const entry = crmTabs[sender.tab?.id];
  return entry != null && typeof sender.url === 'string' && sender.url.endsWith(`#${entry.dockKey}`);
}

function sameOrigin(a, b) {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

// ---- the one live WebPhone ------------------------------------------------------------------
// The live phone's host is a tab id (the docked panel in a CRM page) or PANEL (the browser's
// side panel, dock mode "sidepanel"). Only a tab whose content script registered it as a CRM
// page may host the phone: dock.html is web-accessible, and other pages could frame it.

const PANEL = 'panel';
const PANEL_URL = api.runtime.getURL('sidepanel.html');

function hostOf(sender) {
  if (typeof sender.url === 'string' && sender.url.startsWith(PANEL_URL)) return PANEL;
  return sender.tab?.id ?? null;
}

async function hostExists(host) {
  return host === PANEL || tabExists(host);
}

async function dockHello(sender) {
  const host = hostOf(sender);
  if (host == null) return { role: 'none' };
  return serially(async () => {
    const settings = await loadSettings();
    const state = await session();
    const panelMode = settings.settings.dock === 'sidepanel';
    if (host === PANEL ? !panelMode : panelMode || !isOurDock(sender, state.crmTabs)) {
      return { role: 'none', reason: host === PANEL ? 'panelOff' : 'notCrm' };
    }
    const liveElsewhere = state.liveTab != null && state.liveTab !== host && (await hostExists(state.liveTab));
    const common = { tabId: host, webphoneUrl: settings.settings.webphoneUrl, webphoneOrigin: settings.webphoneOrigin };
    if (liveElsewhere) {
      const liveTab = await api.tabs.get(state.liveTab).catch(() => null);
      return { ...common, role: 'remote', liveTitle: liveTab?.title ?? '' };
    }
    await api.storage.session.set({ liveTab: host });
    return { ...common, role: 'live' };
  });
}

async function dockClaim(sender) {
  const host = hostOf(sender);
  return serially(async () => {
    const state = await session();
    if (host == null || (host !== PANEL && !isOurDock(sender, state.crmTabs))) return { ok: false };
    if (state.phoneState === 'ringing' || state.phoneState === 'inCall') return { ok: false, reason: 'callActive' };
    // The dock that had the phone is poked, sees liveTab change and lets it go.
    await api.storage.session.set({ liveTab: host, phoneState: 'notRegistered' });
    await showPhoneState('notRegistered');
    if (state.liveTab != null && state.liveTab !== host) await pokeDock(state.liveTab);
    return { ok: true };
  });
}

async function forgetTab(tabId) {
  return serially(async () => {
    const state = await session();
    if (!(tabId in state.crmTabs) && state.liveTab !== tabId) return;
    delete state.crmTabs[tabId];
    const update = { crmTabs: state.crmTabs };
    if (state.liveTab === tabId) Object.assign(update, { liveTab: null, phoneState: 'notRegistered', call: null });
    await api.storage.session.set(update);
    if (state.liveTab === tabId) {
      await showPhoneState('notRegistered');
      await Promise.all(Object.keys(state.crmTabs).map((id) => pokeDock(Number(id))));
    }
  });
}

api.tabs.onRemoved.addListener((tabId) => forgetTab(tabId));

// ---- WebPhone events ------------------------------------------------------------------

// Events are handled strictly in the order they arrive, reading included: an "answered"
// handled before its "ringing" would leave the phone's state wrong.
function webphoneEvent(sender, json) {
  return serially(async () => {
    const wasm = await core;
    const settings = await loadSettings();
    const read = JSON.parse(wasm.readWebPhoneMessage(json, settings.settings.defaultCountry));
    if (!read.ok) {
      console.warn('myCC Connect: ignored a malformed WebPhone message:', read.error);
      return { ok: false, error: read.error };
    }
    const state = await session();
    if (!isLiveDock(sender, state)) return { ok: false, error: 'not the live WebPhone' };
    if (read.kind === 'other') console.info('myCC Connect: WebPhone event of a type this version does not know:', read.type);
    const phoneState = wasm.phoneStateAfter(state.phoneState, read.type);
    const events = [...state.events, { at: Date.now(), json }].slice(-EVENT_LOG_SIZE);
    const call = read.call ?? (read.kind === 'registered' ? null : state.call);
    await api.storage.session.set({ phoneState, events, call });
    await showPhoneState(phoneState);
    const message = JSON.parse(json);
    await broadcastToCrmTabs({ kind: 'phone:event', message: { type: message.type, data: message.data ?? null }, phoneState });
    if (read.kind === 'ringing') {
      // A side panel can't be opened without the agent's gesture: there the notification does it.
      if (state.liveTab !== PANEL) await toTab(state.liveTab, { kind: 'dock:show' });
      if (read.call?.direction === 'inbound') await notifyRinging(state.liveTab, read.call);
    }
    await maybeScreenPop(wasm, settings, state, json);
    return { ok: true };
  });
}

async function notifyRinging(liveTab, call) {
  const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
  if (liveTab !== PANEL && tab?.id === liveTab) return;
  const number = call.customerDial ?? call.customerNumber ?? '';
  await api.notifications
    .create(`ringing:${liveTab}`, {
      type: 'basic',
      iconUrl: api.runtime.getURL('icons/icon-128.png'),
      title: api.i18n.getMessage('notifyRingingTitle'),
      message: api.i18n.getMessage('notifyRingingBody', [number]),
    })
    .catch(() => undefined);
}

api.notifications.onClicked.addListener(async (id) => {
  if (id === `ringing:${PANEL}`) {
    await openSidePanel();
    return;
  }
  const tabId = Number(id.split(':')[1]);
  const tab = await api.tabs.get(tabId).catch(() => null);
  if (!tab) return;
  await api.tabs.update(tabId, { active: true });
  await api.windows.update(tab.windowId, { focused: true });
  await toTab(tabId, { kind: 'dock:show' });
});

async function maybeScreenPop(wasm, settings, state, json) {
  const hostCrm = state.crmTabs[state.liveTab]?.crm ?? -1;
  const pop = JSON.parse(wasm.screenPop(settings.json, hostCrm, json));
  if (!pop) return;
  const key = pop.interactionId ?? pop.url;
  if (state.popped.includes(key)) return;
  await api.storage.session.set({ popped: [...state.popped, key].slice(-POPPED_MEMORY) });
  const tabs = await api.tabs.query({});
  const showing = tabs.find((t) => t.url === pop.url && t.id !== state.liveTab);
  if (showing) {
    await api.tabs.update(showing.id, { active: true });
    await api.windows.update(showing.windowId, { focused: true }).catch(() => undefined);
  } else {
    const liveTab = tabs.find((t) => t.id === state.liveTab);
    await api.tabs.create({ url: pop.url, active: true, ...(liveTab ? { windowId: liveTab.windowId, index: liveTab.index + 1 } : {}) });
  }
}

// ---- click to call ----------------------------------------------------------------------

function dial(sender, target) {
  // In order too: two quick clicks are dialled in the order they were made.
  return serially(async () => {
    const wasm = await core;
    const settings = await loadSettings();
    const dialString = wasm.dialString(String(target), settings.settings.defaultCountry);
    if (!dialString) return { ok: false, reason: 'notANumber' };
    const tabId = sender.tab?.id;
    const state = await session();
    // Requests wait in storage.session until the live dock says it sent them: none is lost
    // if the WebPhone is not ready yet, its dock reloads or this worker is stopped.
    const request = { id: `${Date.now()}-${Math.random().toString(36).slice(2)}`, target: dialString };
    await api.storage.session.set({ pending: [...state.pending, request] });
    const liveTab = (await hostExists(state.liveTab)) ? state.liveTab : null;
    if (liveTab != null) await pokeDock(liveTab);
    if (tabId != null && liveTab !== PANEL) await toTab(liveTab ?? tabId, { kind: 'dock:show' });
    return { ok: true, dial: dialString, queued: liveTab == null || state.phoneState === 'notRegistered' };
  });
}

function requestsSent(sender, ids) {
  return serially(async () => {
    const state = await session();
    if (!isLiveDock(sender, state)) return { ok: false };
    await api.storage.session.set({ pending: state.pending.filter((r) => !ids.includes(r.id)) });
    return { ok: true };
  });
}

// ---- "use myCC on this site" (the toolbar popup) ---------------------------------------------

function sitePattern(url) {
  try {
    const { protocol, host } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? `${protocol}//${host}/*` : null;
  } catch {
    return null;
  }
}

async function siteStatus(url) {
  const settings = await loadSettings();
  const pattern = sitePattern(url);
  const crmIndex = (await core).crmForUrl(settings.json, url);
  const crms = settings.settings.crms;
  return {
    pattern,
    crmIndex,
    crmName: crmIndex >= 0 ? crms[crmIndex].name : null,
    // Only a site added as exactly this pattern can be taken out from here.
    removable: crmIndex >= 0 && crms[crmIndex].sites.includes(pattern),
    crms: crms.map((c) => c.name),
    locked: settings.locked.includes('crms'),
  };
}

/** Adds this site to CRM `crmIndex` (or a new CRM when -1), or takes it out. */
async function setSite(url, on, crmIndex) {
  const pattern = sitePattern(url);
  if (!pattern) return { ok: false, reason: 'notWeb' };
  const settings = await loadSettings();
  if (settings.locked.includes('crms')) return { ok: false, reason: 'locked' };
  const stored = (await api.storage.sync.get('settings')).settings ?? {};
  const crms = structuredClone(stored.crms ?? []);
  if (on) {
    if (crmIndex >= 0 && crms[crmIndex]) crms[crmIndex].sites = [...(crms[crmIndex].sites ?? []), pattern];
    else crms.push({ name: new URL(url).hostname, sites: [pattern] });
  } else {
    for (const crm of crms) crm.sites = (crm.sites ?? []).filter((site) => site !== pattern);
  }
  const result = JSON.parse((await core).normalizeSettings(JSON.stringify({ ...stored, crms })));
  if (!result.ok) return { ok: false, reason: 'invalid', field: result.field, message: result.message };
  await api.storage.sync.set({ settings: result.settings });
  return { ok: true };
}

// ---- the message hub ------------------------------------------------------------------

function fromExtensionPage(sender) {
  return typeof sender.url === 'string' && sender.url.startsWith(EXTENSION_ORIGIN);
}

const HANDLERS = {
  'page:hello': (m, sender) => pageHello(sender, m.engine === true),
  detect: async (m) => {
    if (typeof m.text !== 'string' || typeof m.country !== 'string') return { found: [] };
    return { found: JSON.parse((await core).detectJoined(m.text, m.country)) };
  },
  'call:dial': (m, sender) => (typeof m.target === 'string' ? dial(sender, m.target) : { ok: false, reason: 'notANumber' }),
  'dock:hello': (m, sender) => (fromExtensionPage(sender) ? dockHello(sender) : { role: 'none' }),
  'dock:claim': (m, sender) => (fromExtensionPage(sender) ? dockClaim(sender) : { ok: false }),
  'dock:event': (m, sender) =>
    fromExtensionPage(sender) && typeof m.json === 'string' ? webphoneEvent(sender, m.json) : { ok: false },
  'dock:sync': async (m, sender) => {
    if (!fromExtensionPage(sender)) return { ok: false };
    const state = await session();
    return { ok: true, liveTab: state.liveTab, pending: isLiveDock(sender, state) ? state.pending : [] };
  },
  'dock:sent': (m, sender) => (fromExtensionPage(sender) && Array.isArray(m.ids) ? requestsSent(sender, m.ids) : { ok: false }),
  'site:status': (m, sender) => (fromExtensionPage(sender) && typeof m.url === 'string' ? siteStatus(m.url) : { ok: false }),
  'site:set': (m, sender) =>
    fromExtensionPage(sender) && typeof m.url === 'string' ? setSite(m.url, m.on === true, Number(m.crmIndex ?? -1)) : { ok: false },
  'dock:toggle': (m, sender) => (fromExtensionPage(sender) && Number.isInteger(m.tabId) ? toTab(m.tabId, { kind: 'dock:toggle' }) : null),
  'phone:status': async () => {
    const state = await session();
    return { phoneState: state.phoneState, liveTab: state.liveTab, call: state.call };
  },
};

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id || !message || typeof message.kind !== 'string') return false;
  const handler = HANDLERS[message.kind];
  if (!handler) return false;
  Promise.resolve()
    .then(() => handler(message, sender))
    .then(sendResponse, (error) => {
      console.error('myCC Connect:', message.kind, error);
      sendResponse({ ok: false, error: String(error?.message ?? error) });
    });
  return true;
});

// ---- toolbar and keyboard ---------------------------------------------------------------

// The keyboard shortcut opens the browser's side panel in "sidepanel" mode and toggles the
// dock in the page otherwise (the toolbar button opens the popup, which does the same).
// Opening a panel must happen synchronously in the gesture's handler, so the mode is kept at hand.
let dockMode = null;
const refreshDockMode = () => loadSettings().then((settings) => (dockMode = settings.settings.dock));

function openSidePanel(tab) {
  if (api.sidebarAction) return api.sidebarAction.open();
  if (tab?.windowId != null) return api.sidePanel?.open({ windowId: tab.windowId });
  return api.windows.getLastFocused().then((w) => api.sidePanel?.open({ windowId: w.id }));
}

function toggleDock(tab) {
  if (dockMode === 'sidepanel') return openSidePanel(tab);
  const toggleIn = (target) => target?.id != null && toTab(target.id, { kind: 'dock:toggle' });
  if (tab) return toggleIn(tab);
  return api.tabs.query({ active: true, lastFocusedWindow: true }).then(([active]) => toggleIn(active));
}

api.commands.onCommand.addListener((command, tab) => {
  if (command === 'toggle-dock') toggleDock(tab);
});
refreshDockMode();

api.storage.onChanged.addListener((changes, area) => {
  if (area === 'managed') {
    readManaged(); // IT changed the policy: read it again, and tell the pages if it differs
    return;
  }
  if (area !== 'sync' || !changes.settings) return;
  tellEveryTabSettingsChanged();
  refreshDockMode();
});

session().then((state) => showPhoneState(state.phoneState));
