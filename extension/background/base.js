'use strict';
// What every background module shares: the browser API, the Rust core, one serial queue, the
// way to reach a tab, and session-state slices. The background keeps nothing in memory that
// must outlive it: Chrome stops an idle service worker and Firefox suspends an idle event
// page, so state lives in storage.session, and every module owns its own keys there.

/* global wasm_bindgen */
const api = globalThis.browser ?? globalThis.chrome;
const { MSG, PAGE_START, COMMAND, HINT_LETTERS } = globalThis.myccProtocol;
// The extension's own origin, where its pages' documents are, as senders report them. Not
// runtime.getURL's: with use_dynamic_url (dock.html, in Chrome) that gives the per-session address
// that web pages may load the dock by, and the documents loaded by it are still at this origin.
const EXTENSION_ORIGIN = self.location.origin;
/** The address of one of the extension's pages as its sender reports it. */
const extensionPage = (path) => `${EXTENSION_ORIGIN}/${path}`;
const wasmBytes = fetch(extensionPage('wasm/mycc_connect_bg.wasm')).then((response) => response.arrayBuffer());
const core = wasmBytes.then((bytes) => wasm_bindgen({ module_or_path: bytes })).then(() => wasm_bindgen);

/**
 * A module's own part of storage.session: `get()` reads only its keys (with their defaults),
 * `set()` refuses keys it does not own, so no module writes another's state by accident.
 */
function sessionSlice(defaults) {
  const keys = Object.keys(defaults);
  return {
    keys,
    async get() {
      return { ...structuredClone(defaults), ...(await api.storage.session.get(keys)) };
    },
    async set(update) {
      const foreign = Object.keys(update).filter((key) => !keys.includes(key));
      if (foreign.length) throw new Error(`session keys not owned here: ${foreign.join(', ')}`);
      await api.storage.session.set(update);
    },
  };
}

// Events, claims and dial requests are handled one at a time, so two quick events can't both
// see a call as not yet popped, and a dock can't take a request that is being replaced.
let queue = Promise.resolve();
function serially(task) {
  const run = queue.then(task, task);
  queue = run.catch(() => {});
  return run;
}

// A tab blocked in alert() or frozen answers nothing: nothing of ours waits for it longer than
// this (the serial queue would stall every later event, click and claim behind it).
const TAB_ANSWER_MS = 1000;

function toTab(tabId, message, frameId = 0) {
  const answer = api.tabs.sendMessage(tabId, message, { frameId }).catch(() => undefined);
  return Promise.race([answer, new Promise((resolve) => setTimeout(resolve, TAB_ANSWER_MS))]);
}

function fromExtensionPage(sender) {
  return typeof sender.url === 'string' && sender.url.startsWith(EXTENSION_ORIGIN);
}
