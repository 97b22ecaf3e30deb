'use strict';
// Click to call, safe by construction: at most one request waits for a WebPhone that is not
// registered yet (a newer click replaces it), it expires after the settings' dialWaitSeconds,
// it can be cancelled, and it is dropped when a call rings or is answered meanwhile. Nothing is
// ever dialled that the agent did not ask for within that time. The request lives in
// storage.session, so a stopped worker loses none. The live dock is handed it only once its
// WebPhone has registered, posts it at once and acknowledges it (MSG.DOCK_SENT); until then a
// dock that asks again gets the same request, which it posts only once (it remembers the ids
// it posted). A click is sent again by the page if the worker stopped under it: the same
// click id is the same request.

const dialSession = sessionSlice({ dialRequest: null });

/** Tells the tab that asked what became of its request. */
function tellRequester(request, state) {
  if (request?.tabId != null) toTab(request.tabId, { kind: MSG.DIAL_UPDATE, id: request.id, state, target: request.target });
}

async function dial(sender, target, clickId) {
  const [wasm, settings] = await Promise.all([core, loadSettings()]);
  const dialString = wasm.dialString(String(target), settings.settings.defaultCountry);
  if (!dialString) return { ok: false, reason: 'notANumber' };
  const waitMs = settings.settings.dialWaitSeconds * 1000;
  return serially(async () => {
    const { dialRequest: previous } = await dialSession.get();
    const now = Date.now();
    const again = previous?.id === clickId;
    const request = again ? previous : { id: clickId.slice(0, 80), target: dialString, at: now, expiresAt: now + waitMs, tabId: sender.tab?.id ?? null };
    if (!again) {
      await dialSession.set({ dialRequest: request });
      // One already handed to the WebPhone is being dialled; one still waiting is not, any more.
      if (previous?.taken) tellRequester(previous, 'sent');
      else if (previous && previous.tabId !== request.tabId) tellRequester(previous, 'replaced');
    }
    const [{ liveTab }, { phoneState }] = await Promise.all([hostSession.get(), callSession.get()]);
    const host = liveTab === PANEL || (await tabExists(liveTab)) ? liveTab : null;
    if (host != null) await pokeDock(host);
    const { pagePhone } = await hostSession.get();
    if (request.tabId != null && host !== PANEL && !pagePhone) await toTab(host ?? request.tabId, { kind: MSG.DOCK_SHOW });
    const waiting = host == null || phoneState === 'notRegistered';
    return { ok: true, id: request.id, dial: dialString, waiting, expiresAt: request.expiresAt };
  });
}

function cancelDial(id) {
  return serially(async () => {
    const { dialRequest } = await dialSession.get();
    if (!dialRequest || dialRequest.id !== id || dialRequest.taken) return { ok: false };
    await dialSession.set({ dialRequest: null });
    tellRequester(dialRequest, 'cancelled');
    return { ok: true };
  });
}

/** Drops the waiting request, if any, saying why. Runs inside the serial queue. */
async function dropDialRequest(why) {
  const { dialRequest } = await dialSession.get();
  if (!dialRequest || dialRequest.taken) return;
  await dialSession.set({ dialRequest: null });
  tellRequester(dialRequest, why);
}

/**
 * The live dock's WebPhone has registered and asks for work: the waiting request, if it is still
 * due, is handed over (and kept, marked taken, until the dock says it posted it); an expired
 * one is dropped.
 */
async function takeDialRequest() {
  const { dialRequest } = await dialSession.get();
  if (!dialRequest) return null;
  if (!dialRequest.taken && Date.now() >= dialRequest.expiresAt) {
    await dialSession.set({ dialRequest: null });
    tellRequester(dialRequest, 'expired');
    return null;
  }
  if (!dialRequest.taken) await dialSession.set({ dialRequest: { ...dialRequest, taken: true } });
  return { id: dialRequest.id, target: dialRequest.target };
}

function dialSent(sender, id) {
  return serially(async () => {
    const { dialRequest } = await dialSession.get();
    if (!dialRequest || dialRequest.id !== id || !speaksForPhone(sender, await hostSession.get())) return { ok: false };
    await dialSession.set({ dialRequest: null });
    tellRequester(dialRequest, 'sent');
    return { ok: true };
  });
}

function dockSync(sender, registered) {
  return serially(async () => {
    const hosting = await hostSession.get();
    const live = speaksForPhone(sender, hosting);
    const request = live && registered ? await takeDialRequest() : null;
    const settings = await loadSettings();
    return { ok: true, liveTab: hosting.liveTab, pagePhone: hosting.pagePhone != null, request, webphoneUrl: settings.settings.webphoneUrl };
  });
}
