'use strict';
// Click to call, safe by construction: at most one request waits for a WebPhone that is not
// registered yet (a newer click replaces it), it expires after the settings' dialWaitSeconds,
// it can be cancelled, and it is dropped when a call rings or is answered meanwhile. Nothing is
// ever dialled that the agent did not ask for within that time. The request lives in
// storage.session, so a stopped worker loses none; a dock takes it (and it is gone from here)
// only when its WebPhone has registered, and posts it at once: at most once, never late.

const dialSession = sessionSlice({ dialRequest: null });

/** Tells the tab that asked what became of its request. */
function tellRequester(request, state) {
  if (request?.tabId != null) toTab(request.tabId, { kind: MSG.DIAL_UPDATE, id: request.id, state, target: request.target });
}

async function dial(sender, target) {
  const [wasm, settings] = await Promise.all([core, loadSettings()]);
  const dialString = wasm.dialString(String(target), settings.settings.defaultCountry);
  if (!dialString) return { ok: false, reason: 'notANumber' };
  const waitMs = settings.settings.dialWaitSeconds * 1000;
  return serially(async () => {
    const { dialRequest: previous } = await dialSession.get();
    const now = Date.now();
    const request = { id: crypto.randomUUID(), target: dialString, at: now, expiresAt: now + waitMs, tabId: sender.tab?.id ?? null };
    await dialSession.set({ dialRequest: request });
    if (previous && previous.tabId !== request.tabId) tellRequester(previous, 'replaced');
    const [{ liveTab }, { phoneState }] = await Promise.all([hostSession.get(), callSession.get()]);
    const host = liveTab === PANEL || (await tabExists(liveTab)) ? liveTab : null;
    if (host != null) await pokeDock(host);
    if (request.tabId != null && host !== PANEL) await toTab(host ?? request.tabId, { kind: MSG.DOCK_SHOW });
    const waiting = host == null || phoneState === 'notRegistered';
    return { ok: true, id: request.id, dial: dialString, waiting, expiresAt: request.expiresAt };
  });
}

function cancelDial(id) {
  return serially(async () => {
    const { dialRequest } = await dialSession.get();
    if (!dialRequest || dialRequest.id !== id) return { ok: false };
    await dialSession.set({ dialRequest: null });
    tellRequester(dialRequest, 'cancelled');
    return { ok: true };
  });
}

/** Drops the waiting request, if any, saying why. Runs inside the serial queue. */
async function dropDialRequest(why) {
  const { dialRequest } = await dialSession.get();
  if (!dialRequest) return;
  await dialSession.set({ dialRequest: null });
  tellRequester(dialRequest, why);
}

/**
 * The live dock's WebPhone has registered and asks for work: the waiting request, if it is still
 * due, is handed over (and forgotten here); an expired one is dropped.
 */
async function takeDialRequest() {
  const { dialRequest } = await dialSession.get();
  if (!dialRequest) return null;
  await dialSession.set({ dialRequest: null });
  if (Date.now() >= dialRequest.expiresAt) {
    tellRequester(dialRequest, 'expired');
    return null;
  }
  tellRequester(dialRequest, 'sent');
  return { id: dialRequest.id, target: dialRequest.target };
}

function dockSync(sender, registered) {
  return serially(async () => {
    const hosting = await hostSession.get();
    const live = isLiveDock(sender, hosting);
    const request = live && registered ? await takeDialRequest() : null;
    const settings = await loadSettings();
    return { ok: true, liveTab: hosting.liveTab, request, webphoneUrl: settings.settings.webphoneUrl };
  });
}
