'use strict';
// WebPhone events: the phone's state (badge, the docks' toggles), the current call, the
// incoming-call notification and the screen pop, once per call. The call model itself is the
// Rust core's (readWebPhoneMessage, phoneStateAfter, screenPop).

const RECENT_KEY = 'recentCalls'; // storage.local: the recent calls (the core's list)
const EVENT_LOG_SIZE = 50;
const POPPED_MEMORY = 200;
// A WebPhone message longer than this is not one of the protocol's events (the guide's are
// about 2 KB): it is dropped before anything else. The event log keeps a payload up to
// LOGGED_PAYLOAD_CHARS and only its size beyond, so storage.session stays bounded.
const MAX_EVENT_CHARS = 64 * 1024;
const LOGGED_PAYLOAD_CHARS = 4096;
const DROPPED_LOG_EVERY_MS = 10000;
const dropped = { count: 0, loggedAt: 0 };
const HANDLED_MEMORY = 200;
// `handled`: the ids of the call events whose every step is done. The dock sends each call event
// until it is acknowledged (the worker can stop at any instruction), so a handler may see one
// again: every step is idempotent, and a handled one is acknowledged at once.
const callSession = sessionSlice({ phoneState: 'notRegistered', call: null, popped: [], events: [], handled: [] });
// The tab each CRM's screen pops reuse (`popTarget: "reuse"`), by CRM index.
const popSession = sessionSlice({ popTabs: {} });

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

async function callInProgress() {
  const { phoneState } = await callSession.get();
  return phoneState === 'ringing' || phoneState === 'inCall';
}

/**
 * The phone is not registered until its WebPhone says so: when a dock (re)loads its WebPhone,
 * when the phone moves or its host goes away. Every surface is told, so nothing says "ready"
 * for a phone that has not registered.
 */
async function resetPhone() {
  await callSession.set({ phoneState: 'notRegistered', call: null });
  await showPhoneState('notRegistered');
  await broadcastToCrmTabs({ kind: MSG.PHONE_STATE, phoneState: 'notRegistered' });
}

/** The page's own phone had registered before we heard it: the phone is ready. */
async function setPhoneRegistered() {
  await callSession.set({ phoneState: 'ready', call: null });
  await showPhoneState('ready');
  await broadcastToCrmTabs({ kind: MSG.PHONE_STATE, phoneState: 'ready' });
}

async function recentCalls() {
  return (await api.storage.local.get(RECENT_KEY))[RECENT_KEY] ?? [];
}

const clearRecentCalls = () => api.storage.local.remove(RECENT_KEY).then(() => ({ ok: true }));

/**
 * The phone's state, and the call card: the current call's direction, its number as written in
 * Vietnam and since when (the recent calls' entry for it).
 */
async function phoneStatus() {
  const [{ phoneState, call }, { liveTab }, recent] = await Promise.all([callSession.get(), hostSession.get(), recentCalls()]);
  return { phoneState, call, liveTab, card: callCard(phoneState, call, recent) };
}

/** The call card of `call` while it rings or is up: its entry in the recent calls. */
function callCard(phoneState, call, recent) {
  const entry = call ? recent.find((r) => r.id === (call.interactionId ?? call.customerCallId)) : null;
  return entry && (phoneState === 'ringing' || phoneState === 'inCall') ? { direction: entry.direction, shown: entry.shown, sinceMs: entry.atMs } : null;
}

/** Counts a message that is not a WebPhone event, and says so in the log now and then. */
function dropWebPhoneMessage(why) {
  dropped.count++;
  if (Date.now() - dropped.loggedAt < DROPPED_LOG_EVERY_MS) return { ok: false, error: why };
  console.warn(`myCC Connect: dropped ${dropped.count} message(s) from the WebPhone that are not its events; the last: ${why}`);
  dropped.loggedAt = Date.now();
  dropped.count = 0;
  return { ok: false, error: why };
}

/**
 * A message from the WebPhone. It is classified before it waits for anything: junk is dropped,
 * and a valid message of a type this version does not know only goes to the CRM pages that
 * asked for every event; neither ever waits in the queue that call events are handled in, so a
 * flood of them can't delay a ringing call.
 */
async function webphoneEvent(sender, json, eventId) {
  if (json.length > MAX_EVENT_CHARS) return dropWebPhoneMessage(`${json.length} characters`);
  const [wasm, settings] = await Promise.all([core, loadSettings()]);
  const read = JSON.parse(wasm.readWebPhoneMessage(json, settings.settings.defaultCountry));
  if (!read.ok) return dropWebPhoneMessage(read.error);
  if (read.kind === 'other') {
    // Only pages with the page API take other messages: with none, there is nothing to do.
    if (!settings.settings.crms.some((crm) => crm.pageApi)) return { ok: true };
    if (!speaksForPhone(sender, await hostSession.get())) return { ok: false, error: 'not the live WebPhone' };
    const message = JSON.parse(json);
    await broadcastToCrmTabs({ kind: MSG.PHONE_EVENT, message: { type: message.type, data: message.data ?? null } });
    return { ok: true };
  }
  return callEvent(sender, json, read, wasm, settings, typeof eventId === 'string' ? eventId.slice(0, 80) : null);
}

// Call events are handled strictly in the order they arrive, reading included: an "answered"
// handled before its "ringing" would leave the phone's state wrong.
function callEvent(sender, json, read, wasm, settings, eventId) {
  return serially(async () => {
    const hosting = await hostSession.get();
    if (!speaksForPhone(sender, hosting)) return { ok: false, error: 'not the live WebPhone' };
    const state = await callSession.get();
    if (eventId && state.handled.includes(eventId)) return { ok: true };
    // Seen before but not finished (the worker stopped in the middle): the state it set stays,
    // and the steps after it run again, each idempotent.
    const seen = eventId != null && state.events.some((e) => e.id === eventId);
    const phoneState = seen ? state.phoneState : wasm.phoneStateAfter(state.phoneState, read.type);
    if (!seen) {
      const logged = { id: eventId, at: Date.now(), type: read.type, chars: json.length, json: json.length <= LOGGED_PAYLOAD_CHARS ? json : null };
      const events = [...state.events, logged].slice(-EVENT_LOG_SIZE);
      const call = read.call ?? (read.kind === 'registered' ? null : state.call);
      await callSession.set({ phoneState, events, call });
    }
    await showPhoneState(phoneState);
    // A call that rings or is answered while a click waits for the WebPhone makes that click
    // stale: the agent is on another call now, and it must never be dialled behind their back.
    if (read.kind === 'ringing' || read.kind === 'answered') await dropDialRequest('superseded');
    const message = JSON.parse(json);
    // The caller, as written in Vietnam, for the page to announce a ringing call.
    const caller = read.kind === 'ringing' ? wasm.shownNumber(read.call?.customerDial ?? read.call?.customerNumber ?? '') : null;
    await broadcastToCrmTabs({ kind: MSG.PHONE_EVENT, message: { type: message.type, data: message.data ?? null }, phoneState, caller });
    if (read.kind === 'ringing') {
      // A side panel can't be opened without the agent's gesture: there the notification does it.
      // A page's own phone is the page's to show.
      if (hosting.liveTab !== PANEL && !hosting.pagePhone) await toTab(hosting.liveTab, { kind: MSG.DOCK_SHOW });
      if (read.call?.direction === 'inbound') await notifyRinging(wasm, hosting.liveTab, read.call);
    } else if (read.kind === 'answered' || read.kind === 'ended') {
      await api.notifications.clear(`ringing:${hosting.liveTab}`).catch(() => undefined);
    }
    if (read.call) {
      const recent = await recordRecentCall(wasm, settings, hosting, json);
      // The docks' call card, once the recent calls hold this call (its number and start).
      await broadcastToCrmTabs({ kind: MSG.PHONE_STATE, phoneState, card: callCard(phoneState, read.call, recent) });
    }
    await maybeScreenPop(wasm, settings, hosting, state.popped, json);
    if (eventId) await callSession.set({ handled: [...state.handled, eventId].slice(-HANDLED_MEMORY) });
    return { ok: true };
  });
}

/**
 * A notification that stays until the call is answered or ends (where the browser lets it stay:
 * Firefox has no `requireInteraction`); the same id each time, so a replayed event shows one.
 */
async function notify(id, title, message) {
  const options = { type: 'basic', iconUrl: extensionPage('icons/icon-128.png'), title, message };
  // Firefox refuses the option it lacks by throwing at once, not by a rejected promise; and a
  // notification that can't be shown must never stop the rest of a call event (the pop).
  try {
    await api.notifications.create(id, { ...options, requireInteraction: true });
  } catch {
    await Promise.resolve()
      .then(() => api.notifications.create(id, options))
      .catch((error) => console.warn('myCC Connect: no notification', error));
  }
}

async function notifyRinging(wasm, liveTab, call) {
  const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
  if (liveTab !== PANEL && tab?.id === liveTab) return;
  const number = wasm.shownNumber(call.customerDial ?? call.customerNumber ?? '');
  await notify(`ringing:${liveTab}`, api.i18n.getMessage('notifyRingingTitle'), api.i18n.getMessage('notifyRingingBody', [number]));
}

/**
 * The recent calls (storage.local, at most 20: nothing leaves the browser) after a call event,
 * stored and returned; an inbound call that ended without being answered gets its own
 * notification, once.
 */
async function recordRecentCall(wasm, settings, hosting, json) {
  const hostCrm = hosting.crmTabs[hosting.liveTab]?.crm ?? -1;
  const next = JSON.parse(wasm.recentCallsAfter(JSON.stringify(await recentCalls()), json, settings.json, hostCrm, Date.now()));
  await api.storage.local.set({ [RECENT_KEY]: next.recent });
  if (next.missed) {
    await notify(`missed:${next.missed.id}`, api.i18n.getMessage('notifyMissedTitle'), api.i18n.getMessage('notifyMissedBody', [next.missed.shown]));
  }
  return next.recent;
}

api.notifications.onClicked.addListener(async (id) => {
  const [kind, where] = id.split(':');
  if (kind === 'menu') return; // "no number in the selection": nothing to bring forward
  if (kind === 'missed') {
    await api.action.openPopup?.().catch(() => undefined); // the recent calls, with "call back"
    return;
  }
  if (where === PANEL) {
    await openSidePanel();
    return;
  }
  const tabId = Number(where);
  const tab = await api.tabs.get(tabId).catch(() => null);
  if (!tab) return;
  await api.tabs.update(tabId, { active: true });
  await api.windows.update(tab.windowId, { focused: true });
  await toTab(tabId, { kind: MSG.DOCK_SHOW });
});

async function maybeScreenPop(wasm, settings, hosting, popped, json) {
  const hostCrm = hosting.crmTabs[hosting.liveTab]?.crm ?? -1;
  const pop = JSON.parse(wasm.screenPop(settings.json, hostCrm, json));
  if (!pop) return;
  const key = pop.interactionId ?? pop.url;
  if (popped.includes(key)) return;
  // The call counts as popped only once its tab is there: a worker stopped before that pops it
  // when the event comes again, and one stopped after finds the tab it made (still loading:
  // pendingUrl) and only brings it forward.
  const tabs = await api.tabs.query({});
  const showing = tabs.find((t) => (t.url === pop.url || t.pendingUrl === pop.url) && t.id !== hosting.liveTab);
  if (showing) await bringForward(showing);
  else await openPop(pop, tabs, hosting);
  await callSession.set({ popped: [...popped, key].slice(-POPPED_MEMORY) });
}

async function bringForward(tab, url) {
  await api.tabs.update(tab.id, url ? { url, active: true } : { active: true });
  await api.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
}

/**
 * Opens a pop where its CRM's `popTarget` says: the tab this CRM's pops reuse (`reuse`, so pops
 * don't pile up), the agent's own tab of that CRM used last (`crmTab`; never the tab that hosts
 * the phone), or a new tab next to the phone's (`newTab`, and whenever the others have none).
 */
async function openPop(pop, tabs, hosting) {
  const { popTabs } = await popSession.get();
  const byId = (id) => tabs.find((t) => t.id === id && t.id !== hosting.liveTab);
  const crmTab = () => tabs
    .filter((t) => hosting.crmTabs[t.id]?.crm === pop.crm && t.id !== hosting.liveTab)
    .sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
  const reuse = pop.target === 'reuse' ? byId(popTabs[pop.crm]) : pop.target === 'crmTab' ? crmTab() : null;
  if (reuse) {
    await bringForward(reuse, pop.url);
    return;
  }
  const liveTab = tabs.find((t) => t.id === hosting.liveTab);
  const made = await api.tabs.create({ url: pop.url, active: true, ...(liveTab ? { windowId: liveTab.windowId, index: liveTab.index + 1 } : {}) });
  if (pop.target === 'reuse') await popSession.set({ popTabs: { ...popTabs, [pop.crm]: made.id } });
}
