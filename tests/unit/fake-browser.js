'use strict';
// A small fake of the WebExtension API, enough to run the background's modules (and the content
// script's lifecycle) in a Node vm context with the real wasm core: storage areas with
// onChanged, tabs that record what was sent to them, the runtime's message dispatch, the badge.
// Only what the code under test calls is here; anything else throws, so a gap is seen at once.
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const root = path.join(__dirname, '..', '..');
const dist = path.join(root, 'dist', 'extension');
const ORIGIN = 'chrome-extension://fakeextensionid';
// Chrome's per-session address of the extension, which runtime.getURL gives once a resource is
// web-accessible with use_dynamic_url; the extension's documents stay at ORIGIN.
const DYNAMIC_ORIGIN = 'chrome-extension://0f7c3a52-9d1e-4b6a-8e2f-5c4d3b2a1908';

function event() {
  const listeners = [];
  return {
    addListener: (fn) => listeners.push(fn),
    removeListener: (fn) => listeners.splice(listeners.indexOf(fn) >>> 0, 1),
    listeners,
    fire: (...args) => listeners.map((fn) => fn(...args)),
  };
}

function storageArea(name, onChanged) {
  let data = {};
  return {
    data: () => structuredClone(data),
    async get(keys) {
      if (keys == null) return structuredClone(data);
      const list = typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : Object.keys(keys);
      return Object.fromEntries(list.filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
    },
    async set(items) {
      const changes = {};
      for (const [k, v] of Object.entries(items)) {
        changes[k] = { oldValue: data[k], newValue: structuredClone(v) };
        data[k] = structuredClone(v);
      }
      onChanged.fire(changes, name);
    },
    async remove(keys) {
      for (const k of [].concat(keys)) delete data[k];
    },
    async clear() {
      data = {};
    },
    /** Replaces the whole area, as a policy refresh does for storage.managed. */
    async replace(next) {
      data = structuredClone(next);
      onChanged.fire({}, name);
    },
  };
}

const locale = JSON.parse(fs.readFileSync(path.join(root, 'extension', '_locales', 'en', 'messages.json'), 'utf8'));
function getMessage(key, subs = []) {
  const entry = locale[key];
  if (!entry) return '';
  let text = entry.message;
  for (const [name, { content }] of Object.entries(entry.placeholders ?? {})) {
    text = text.split(`$${name.toUpperCase()}$`).join(content);
  }
  return text.replace(/\$(\d)/g, (_, n) => String([].concat(subs)[Number(n) - 1] ?? ''));
}

/**
 * Chrome's contentSettings.cookies (Firefox has none): records each call as `[method, details]`;
 * `failWith` makes every call reject with that error.
 */
function contentSettingsCookies() {
  const calls = [];
  const cookies = {
    calls,
    failWith: null,
    async set(details) {
      calls.push(['set', structuredClone(details)]);
      if (cookies.failWith) throw cookies.failWith;
    },
    async clear(details) {
      calls.push(['clear', structuredClone(details)]);
      if (cookies.failWith) throw cookies.failWith;
    },
  };
  return cookies;
}

/** The fake API, and handles to inspect and drive it. `contentSettings`: Chrome's is there; `dynamicUrl`: dock.html web-accessible by a per-session address (Chrome's use_dynamic_url). */
function fakeBrowser({ tabs = [], contentSettings = false, dynamicUrl = false } = {}) {
  const onChanged = event();
  const sentToTabs = [];
  const tabList = tabs.map((tab) => ({ windowId: 1, index: 0, title: '', ...tab }));
  const injected = [];
  const notifications = [];
  const updates = [];
  const badge = { text: '', color: '', title: '' };
  const onMessage = event();
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8'));
  const browser = {
    runtime: {
      id: 'fakeextensionid',
      getURL: (p) => `${dynamicUrl ? DYNAMIC_ORIGIN : ORIGIN}/${p.replace(/^\//, '')}`,
      getManifest: () => structuredClone(manifest),
      onMessage,
      onInstalled: event(),
      onStartup: event(),
      sendMessage: async () => undefined,
    },
    storage: {
      onChanged,
      sync: storageArea('sync', onChanged),
      local: storageArea('local', onChanged),
      session: storageArea('session', onChanged),
      managed: storageArea('managed', onChanged),
    },
    tabs: {
      query: async () => structuredClone(tabList),
      get: async (id) => {
        const tab = tabList.find((t) => t.id === id);
        if (!tab) throw new Error(`no tab ${id}`);
        return structuredClone(tab);
      },
      sendMessage: async (tabId, message, options) => {
        sentToTabs.push({ tabId, message, frameId: options?.frameId ?? 0 });
      },
      create: async (props) => {
        const tab = { id: 1000 + tabList.length, windowId: 1, index: tabList.length, ...props };
        tabList.push(tab);
        return tab;
      },
      update: async (id, props) => {
        updates.push({ id, ...props });
        const tab = tabList.find((t) => t.id === id);
        if (tab && props.url) tab.url = props.url;
        return tab;
      },
      onRemoved: event(),
    },
    action: {
      setBadgeText: async ({ text }) => (badge.text = text),
      setBadgeBackgroundColor: async ({ color }) => (badge.color = color),
      setTitle: async ({ title }) => (badge.title = title),
    },
    notifications: {
      create: async (id, options) => notifications.push({ id, ...options }) && id,
      clear: async () => true,
      onClicked: event(),
    },
    contextMenus: { create: () => 'mycc-call', removeAll: async () => undefined, update: async () => undefined, onClicked: event() },
    commands: { onCommand: event() },
    windows: { update: async () => undefined, getLastFocused: async () => ({ id: 1 }) },
    i18n: { getMessage, getUILanguage: () => 'en' },
    scripting: {
      registered: [],
      getRegisteredContentScripts: async ({ ids } = {}) => structuredClone(browser.scripting.registered.filter((s) => !ids || ids.includes(s.id))),
      registerContentScripts: async (scripts) => {
        for (const script of scripts) {
          if (browser.scripting.registered.some((s) => s.id === script.id)) throw new Error(`Duplicate script id "${script.id}"`);
          browser.scripting.registered.push(structuredClone(script));
        }
      },
      unregisterContentScripts: async ({ ids } = {}) => {
        browser.scripting.registered = browser.scripting.registered.filter((s) => ids && !ids.includes(s.id));
      },
      executeScript: async (details) => {
        injected.push(details);
        const tab = tabList.find((t) => t.id === details.target.tabId);
        return details.func ? (details.target.frameIds ?? [0]).map((frameId) => ({ frameId, result: { alive: false, url: tab?.url ?? '' } })) : [];
      },
      insertCSS: async (details) => injected.push(details),
    },
    ...(contentSettings ? { contentSettings: { cookies: contentSettingsCookies() } } : {}),
  };
  return { browser, sentToTabs, tabList, injected, badge, onMessage, notifications, updates };
}

/** Loads the background's scripts, in the manifest's order, into a fresh vm context. */
function loadBackground(options = {}) {
  const fake = fakeBrowser(options);
  const context = vm.createContext({
    browser: fake.browser,
    console: { ...console, warn: () => {}, info: () => {} },
    URL, TextDecoder, TextEncoder, WebAssembly, structuredClone, btoa, atob, setTimeout, clearTimeout,
    crypto: globalThis.crypto,
    fetch: async (url) => {
      const file = path.join(dist, new URL(url).pathname);
      const bytes = fs.readFileSync(file);
      return { arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
    },
  });
  context.globalThis = context;
  context.self = context;
  // The worker's own address (Node's URL gives no origin for the chrome-extension scheme).
  context.location = { href: `${ORIGIN}/background.js`, origin: ORIGIN };
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'manifest.json'), 'utf8'));
  for (const script of manifest.background.scripts) {
    vm.runInContext(fs.readFileSync(path.join(dist, script), 'utf8'), context, { filename: script });
  }
  /** Delivers `message` from `sender` as the browser would (answers are serialised), and resolves with the answer. */
  const send = (message, sender) =>
    new Promise((resolve) => {
      const answer = (value) => resolve(value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
      // A dock frame sends the key it was handed with every message (see senders.dock).
      const { dockKey, ...from } = sender;
      const sent = dockKey === undefined ? message : { ...message, dockKey };
      const handled = fake.onMessage.listeners.map((fn) => fn(sent, { id: fake.browser.runtime.id, ...from }, answer));
      if (!handled.includes(true)) resolve('not handled');
    });
  return { ...fake, context, send, run: (code) => vm.runInContext(code, context) };
}

const senders = {
  content: (tabId, url, frameId = 0) => ({ tab: { id: tabId, url }, frameId, url }),
  /** A dock.html frame in tab `tabId` holding `key` (which it sends with each message). */
  dock: (tabId, key) => ({ tab: { id: tabId }, frameId: 1, url: `${ORIGIN}/dock.html`, dockKey: key }),
  panel: () => ({ url: `${ORIGIN}/sidepanel.html` }),
  popup: () => ({ url: `${ORIGIN}/popup.html` }),
};

/** Resolves once `check()` is truthy (the background's work is asynchronous): asked at every
 * turn of the event loop for up to 5 s, since a busy machine may need many more turns than a
 * quiet one. */
async function until(check, what = 'condition') {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`never: ${what}`);
}

module.exports = { fakeBrowser, loadBackground, senders, until, root, ORIGIN, DYNAMIC_ORIGIN, event };
