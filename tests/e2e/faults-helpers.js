'use strict';
// Helpers of the fault scenarios (scenarios/faults.js, issue 13): fresh calls, pops counted by
// call, the session's size, the agent's settings document read back from storage.sync as it is
// laid out (one item, or parts), and a few waits.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { GUIDE, waitUntil, sessionState, badgeText, tabUrls } = require('./helpers.js');

const READY = ['ON', 'OK'];
const RINGING = ['RING', 'RUNG'];
const OFF = ['OFF', 'TẮT'];
const CALLING = /Calling|Dialling|Đang gọi|Đang quay số/;
const PHONE_EVENT_TYPES = ['OnRegistered', 'OnCallRinging', 'OnCallAnswer', 'OnCallEnd', 'OnCallEnded', 'OnCallHangup'];

let serial = 0;
/**
 * A ringing call of its own: the guide's queue payload with fresh ids (the screen pop is once per
 * interactionID, so a replay of the guide's payload pops only the first time) and, when given,
 * the customer's number; its end; `popMark`, the part of its pop's address that names it
 * (settingsFor's searchUrl carries `call={callId}`).
 */
function freshCall(number = null) {
  const id = `f13-${Date.now().toString(36)}-${++serial}`;
  const ringing = structuredClone(GUIDE['queue-ringing']);
  ringing.data.interactionID = `${id}-i`;
  ringing.data.state.memberCallId = `${id}-call`;
  if (number != null) ringing.data.callerIdNumber = number;
  const { interactionID, callId, accountId, ownerId } = ringing.data;
  return { id, ringing, end: { type: 'OnCallEnd', data: { interactionID, callId, accountId, ownerId } }, popMark: `call=${id}-call` };
}

/** The open tabs whose address contains `mark`. */
const tabsWith = async (driver, mark) => (await tabUrls(driver)).filter((u) => u.includes(mark));

/** The JSON length of everything in storage.session. */
const sessionChars = async (driver) => JSON.stringify(await sessionState(driver)).length;

/** The type of an entry of the session's event log, whatever the version's shape. */
function loggedType(entry) {
  if (typeof entry?.type === 'string') return entry.type;
  try {
    return JSON.parse(entry?.json ?? 'null')?.type ?? null;
  } catch {
    return null;
  }
}

/** Everything in storage.sync, as stored. */
const syncItems = (driver) => driver.extension(async () => (globalThis.browser ?? globalThis.chrome).storage.sync.get(null));

/**
 * The agent's document read back from storage.sync items: `settings`, its `crms` joined from
 * `settingsCrms1` … `settingsCrmsN` when it says `crmsParts: N` (ARCHITECTURE, "Where the agent's
 * document is stored").
 */
function documentFromItems(items) {
  const settings = items.settings;
  if (!settings) return null;
  const { crmsParts, ...rest } = settings;
  if (!crmsParts) return settings;
  let text = '';
  for (let i = 1; i <= crmsParts; i++) {
    const part = items[`settingsCrms${i}`];
    if (typeof part !== 'string') throw new Error(`settingsCrms${i} missing or not text (crmsParts: ${crmsParts})`);
    text += part;
  }
  return { ...rest, crms: JSON.parse(text) };
}

/** Empties storage.sync and stores `settings` as the one item (the scenarios' usual start). */
const resetSync = (driver, settings) =>
  driver.extension(async (s) => {
    const api = globalThis.browser ?? globalThis.chrome;
    await api.storage.sync.clear();
    await api.storage.sync.set({ settings: s });
    return true;
  }, settings);

/** Writes `doc` as JSON to a file in a fresh temporary directory; `remove()` takes it away. */
function tempJson(name, doc) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mycc-faults-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Waits until the badge shows one of `set`, for up to `timeout` ms. */
const badgeIn = (driver, set, timeout = 10000) =>
  waitUntil(async () => set.includes(await badgeText(driver)), { what: `badge in ${set}`, timeout });

/** The received list's notes (the stand-in's e2e:note entries), their data. */
const notes = async (sc) => (await sc.received()).filter((r) => r.message?.type === 'e2e:note').map((r) => r.message.data);

/** The dock's public toggle in this tab: its data-state and aria-expanded, or null without a dock. */
const toggleOf = (tab) =>
  tab.evaluate(() => {
    const toggle = document.querySelector('[data-mycc-dock]')?.shadowRoot?.querySelector('[data-mycc-toggle]');
    return toggle ? { state: toggle.dataset.state ?? null, expanded: toggle.getAttribute('aria-expanded') } : null;
  });

/** The words the dock shows in the page (its notice and its waiting bar), '' without them. */
const dockWords = (tab) =>
  tab.evaluate(() => {
    const root = document.querySelector('[data-mycc-dock]')?.shadowRoot;
    const shown = (el) => (el && !el.hidden ? el.textContent : '');
    return `${shown(root?.querySelector('.notice'))} ${shown(root?.querySelector('[data-mycc-waiting]'))}`.trim();
  });

module.exports = {
  READY, RINGING, OFF, CALLING, PHONE_EVENT_TYPES,
  freshCall, tabsWith, sessionChars, loggedType, syncItems, documentFromItems, resetSync, tempJson, badgeIn, notes, toggleOf, dockWords,
};
