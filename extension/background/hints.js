'use strict';
// Hint mode and the numbers list across the frames of a CRM tab. The content scripts run in the
// top document and in every CRM-origin frame; each frame knows only its own numbers, so the
// background asks all of them at once (scripting.executeScript, allFrames, in the content
// scripts' world: the only way to learn which frames hold them without the webNavigation
// permission) and puts the answers in page order: the top document first, then each frame in the
// document order of its iframe. Nothing is stored: a hint session lives in the tab's frames, and
// the background only relays the keys typed in one of them to all of them.

const MAX_HINTS = HINT_LETTERS.length * HINT_LETTERS.length;

/** One letter per number, or two for all of them when there are more numbers than letters. */
function hintLabels(count) {
  const n = HINT_LETTERS.length;
  const two = count > n;
  return Array.from({ length: Math.min(count, MAX_HINTS) }, (_, i) => (two ? HINT_LETTERS[Math.floor(i / n)] + HINT_LETTERS[i % n] : HINT_LETTERS[i]));
}

const isHintKey = (key) => key === 'Escape' || (typeof key === 'string' && key.length === 1 && HINT_LETTERS.includes(key));

const isPlace = (place) =>
  typeof place?.id === 'string' && Array.isArray(place.kids) && place.kids.every((kid) => typeof kid === 'string') && (place.active === null || typeof place.active === 'string');

/**
 * The frame the agent's keys go to: the one whose document has focus now, else (the popup is
 * open) the one focus goes back to, followed from the top through each document's focused frame.
 */
function keyHolder(frames) {
  const focused = frames.find((frame) => frame.focused === true);
  if (focused) return focused;
  const byId = new Map(frames.map((frame) => [frame.place.id, frame]));
  let frame = frames.find((f) => f.frameId === 0);
  for (let steps = 0; frame && frame.place.active !== null && steps < frames.length; steps++) frame = byId.get(frame.place.active);
  return frame?.place.active === null ? frame : null;
}

/**
 * The frames in page order: the top document, then each frame after its parent, in the document
 * order of their iframes (each frame names its children, pointer.js framePlace). A frame whose
 * parent has none of our scripts comes last, in the order the frames were made.
 */
function inPageOrder(frames) {
  const byId = new Map(frames.map((frame) => [frame.place.id, frame]));
  const ordered = new Set();
  const visit = (frame) => {
    if (!frame || ordered.has(frame)) return;
    ordered.add(frame);
    for (const kid of frame.place.kids) visit(byId.get(kid));
  };
  visit(frames.find((frame) => frame.frameId === 0));
  for (const frame of [...frames].sort((a, b) => a.frameId - b.frameId)) visit(frame);
  return [...ordered];
}

/**
 * Runs `func` in every frame of the tab; the answers of the frames whose content scripts are
 * alive and on (`{place, ...}`, null elsewhere), in page order.
 */
async function fromEachFrame(tabId, func, args = []) {
  const results = await api.scripting.executeScript({ target: { tabId, allFrames: true }, func, args }).catch(() => []);
  return inPageOrder(results.filter((r) => isPlace(r?.result?.place)).map((r) => ({ ...r.result, frameId: r.frameId })));
}

const activeTabId = async () => (await api.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? null;

/** Only a CRM tab is ever asked (the shortcut works on any page; nothing of ours runs elsewhere). */
async function isCrmTab(tabId) {
  const [tab, settings, wasm] = await Promise.all([api.tabs.get(tabId).catch(() => null), loadSettings(), core]);
  return typeof tab?.url === 'string' && wasm.crmForUrl(settings.json, tab.url) >= 0;
}

/**
 * Hint mode in a tab (the shortcut's command, or the popup's button): every frame lists the
 * numbers on screen, the labels are handed out in page order, and each frame draws its own.
 * The top frame (else the first) dials; when the agent's keys would go to none of our frames
 * (the dock's frame, the WebPhone, another site's frame), the top frame takes focus, so the
 * letters typed reach us.
 */
async function openHints(tabId) {
  tabId ??= await activeTabId();
  if (tabId == null || !(await isCrmTab(tabId))) return { ok: false };
  const session = crypto.randomUUID();
  const frames = await fromEachFrame(tabId, (s) => globalThis.myccPointer?.hintsPrepare?.(s) ?? null, [session]);
  if (!frames.length) return { ok: false };
  const numbers = frames.flatMap((frame) => (Array.isArray(frame.numbers) ? frame.numbers.filter((n) => typeof n === 'string') : []));
  // No number on screen: no hint mode, which would take the agent's next key for nothing.
  if (!numbers.length) return { ok: true, count: 0 };
  const labels = hintLabels(numbers.length);
  const dialer = frames.find((frame) => frame.frameId === 0) ?? frames[0];
  const focusTaker = keyHolder(frames) ? null : dialer;
  let from = 0;
  const shows = frames.map((frame) => {
    const mine = [from, (from += frame.numbers?.length ?? 0)];
    const message = { kind: MSG.HINTS_SHOW, session, labels, mine, numbers: frame === dialer ? numbers.slice(0, labels.length) : null, takeFocus: frame === focusTaker };
    return toTab(tabId, message, frame.frameId);
  });
  await Promise.all(shows);
  return { ok: true, count: labels.length };
}

/** A key typed in hint mode in one frame of a tab, to every frame of it (each applies it once). */
async function relayHintKey(tabId, { session, key, at }) {
  await api.tabs.sendMessage(tabId, { kind: MSG.HINTS_TYPED, session, key, at }).catch(() => undefined);
  return { ok: true };
}

/** The dock's "numbers on this page": every frame's, one entry per number, in page order. */
async function numbersInTab(tabId) {
  const frames = await fromEachFrame(tabId, () => globalThis.myccPointer?.pageNumbers?.() ?? null);
  if (!frames.length) return { ok: false }; // the asking frame then lists its own
  const seen = new Set();
  const numbers = [];
  for (const frame of frames) {
    for (const entry of Array.isArray(frame.numbers) ? frame.numbers : []) {
      if (typeof entry?.e164 !== 'string' || seen.has(entry.e164)) continue;
      seen.add(entry.e164);
      numbers.push({ text: String(entry.text), e164: entry.e164, dial: String(entry.dial) });
    }
  }
  return { ok: true, numbers };
}
