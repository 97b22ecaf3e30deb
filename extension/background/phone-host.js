'use strict';
// The one live WebPhone of this browser profile, and the CRM pages that may host it. The host is
// a tab id (the dock in a CRM page) or PANEL (the browser's side panel, dock mode "sidepanel").
// dock.html is web-accessible, so any page could frame it: only the dock frame a CRM page's own
// content script made (it carries that page's key) may host the phone or speak for it.
// A CRM page may embed the WebPhone itself (as the vendor guide teaches): then that page's phone
// is the live one (`pagePhone`: its tab and frame), our content script in that frame speaks for
// it, and no dock of ours loads a second one.

const PANEL = 'panel';
const PANEL_URL = extensionPage('sidepanel.html');
// Entries kept for tabs that hello'd as CRM pages; a closed tab's entry goes at once, and the
// oldest go first past this many, whatever order the tab events came in.
const CRM_TABS_MAX = 200;
const hostSession = sessionSlice({ liveTab: null, crmTabs: {}, pagePhone: null });

function hostOf(sender) {
  if (typeof sender.url === 'string' && sender.url.startsWith(PANEL_URL)) return PANEL;
  return sender.tab?.id ?? null;
}

/**
 * Is the phone's host still there? The side panel is; a tab is while it exists and, once its page
 * has left (`left`: its content script said so as it went), only if it shows a CRM page again. A
 * tab that went on to another site runs no content script of ours that could say so, so this is
 * asked whenever the host matters: a dock's hello or sync, a click.
 */
async function hostAlive(host, hosting) {
  if (host == null) return false;
  if (host === PANEL) return true;
  const tab = await api.tabs.get(host).catch(() => null);
  if (!tab) return false;
  if (!hosting.crmTabs[host]?.left) return true;
  const [wasm, settings] = await Promise.all([core, loadSettings()]);
  return typeof tab.url === 'string' && wasm.crmForUrl(settings.json, tab.url) >= 0;
}

/** The CRM page in this tab is going (a navigation or a reload): its dock and WebPhone go with it. */
function pageLeaving(tabId) {
  return serially(async () => {
    const hosting = await hostSession.get();
    if (!hosting.crmTabs[tabId]) return { ok: true };
    hosting.crmTabs[tabId].left = true;
    await hostSession.set({ crmTabs: hosting.crmTabs });
    if (hosting.liveTab === tabId) await resetPhone();
    return { ok: true };
  });
}

/** Can `host` hold the phone under this dock mode? Page mode: a tab; side-panel mode: the panel. */
function hostFitsMode(host, panelMode) {
  return panelMode ? host === PANEL : host !== PANEL;
}

/**
 * True when a dock frame's sender is the one the CRM page in its tab made: it holds the key that
 * page's content script handed it over a private channel (never in anything the page can read).
 */
function isOurDock(sender, crmTabs) {
  const entry = crmTabs[sender.tab?.id];
  return entry != null && typeof sender.dockKey === 'string' && sender.dockKey === entry.dockKey;
}

/** True when `sender` is the dock (or side panel) that hosts the live phone. */
function isLiveDock(sender, hosting) {
  const host = hostOf(sender);
  return hosting.pagePhone == null && host != null && host === hosting.liveTab && (host === PANEL || isOurDock(sender, hosting.crmTabs));
}

/** True when `sender` is the content script of the frame whose page embeds the live WebPhone. */
function isPagePhone(sender, hosting) {
  const phone = hosting.pagePhone;
  return phone != null && !fromExtensionPage(sender) && sender.tab?.id === phone.tabId && sender.frameId === phone.frameId;
}

/** True when `sender` may speak for the live phone: our dock that hosts it, or the page's own. */
function speaksForPhone(sender, hosting) {
  return isLiveDock(sender, hosting) || isPagePhone(sender, hosting);
}

// Firefox delivers neither runtime broadcasts nor storage.session to extension frames inside
// web pages, so the background reaches a dock through its tab's content script: a poke that
// carries nothing, after which the dock (or the content script of a page's own phone) asks for
// what concerns it (MSG.DOCK_SYNC).
async function pokeDock(host) {
  if (host === PANEL) return api.runtime.sendMessage({ kind: MSG.PANEL_POKE }).catch(() => undefined);
  const { pagePhone } = await hostSession.get();
  return toTab(host, { kind: MSG.DOCK_POKE }, pagePhone?.tabId === host ? pagePhone.frameId : 0);
}

async function broadcastToCrmTabs(message) {
  const { crmTabs } = await hostSession.get();
  await Promise.all(Object.keys(crmTabs).map((id) => toTab(Number(id), message)));
}

/**
 * Registers a CRM page's top frame and gives it its dock key. A page asks again whenever the
 * settings change: the key it already holds is kept, or its mounted dock frame (which carries
 * that key) would no longer be heard and the phone would go silently dead.
 */
function registerCrmTab(tabId, crmIndex, heldKey) {
  return serially(async () => {
    const { crmTabs } = await hostSession.get();
    const entry = crmTabs[tabId];
    const dockKey = entry && typeof heldKey === 'string' && heldKey === entry.dockKey ? entry.dockKey : crypto.randomUUID();
    // A hello that arrives after its tab was closed (closed right after navigating) leaves nothing.
    if (!(await api.tabs.get(tabId).then(() => true, () => false))) return dockKey;
    delete crmTabs[tabId];
    crmTabs[tabId] = { crm: crmIndex, dockKey };
    const ids = Object.keys(crmTabs);
    for (const id of ids.slice(0, Math.max(0, ids.length - CRM_TABS_MAX))) delete crmTabs[id];
    await hostSession.set({ crmTabs });
    return dockKey;
  });
}

async function dockHello(sender) {
  const host = hostOf(sender);
  if (host == null) return { role: 'none' };
  const settings = await loadSettings();
  return serially(async () => {
    const hosting = await hostSession.get();
    const panelMode = settings.settings.dock === 'sidepanel';
    if (!hostFitsMode(host, panelMode)) return { role: 'none', reason: host === PANEL ? 'panelOff' : 'panelMode' };
    if (host !== PANEL && !isOurDock(sender, hosting.crmTabs)) return { role: 'none', reason: 'notCrm' };
    const phoneEventTypes = JSON.parse((await core).phoneEventTypes());
    const common = { tabId: host, webphoneUrl: settings.settings.webphoneUrl, webphoneOrigin: settings.webphoneOrigin, phoneEventTypes };
    const live = hosting.liveTab;
    // A page's own phone is live whatever the dock mode: nothing of ours may load a second one.
    const fits = hosting.pagePhone != null || hostFitsMode(live, panelMode);
    const liveElsewhere = live != null && (live !== host || hosting.pagePhone != null) && fits && (await hostAlive(live, hosting));
    if (liveElsewhere) {
      const liveTab = live === PANEL ? null : await api.tabs.get(live).catch(() => null);
      return { ...common, role: 'remote', liveTitle: liveTab?.title ?? '' };
    }
    await hostSession.set({ liveTab: host });
    return { ...common, role: 'live' };
  });
}

async function dockClaim(sender) {
  const host = hostOf(sender);
  return serially(async () => {
    const hosting = await hostSession.get();
    if (host == null || (host !== PANEL && !isOurDock(sender, hosting.crmTabs))) return { ok: false };
    if (hosting.pagePhone) return { ok: false, reason: 'pageOwned' };
    if (await callInProgress()) return { ok: false, reason: 'callActive' };
    // The dock that had the phone is poked, sees liveTab change and lets it go.
    await hostSession.set({ liveTab: host });
    await resetPhone();
    if (hosting.liveTab != null && hosting.liveTab !== host) await pokeDock(hosting.liveTab);
    return { ok: true };
  });
}

/** The page in this tab keeps removing the dock, and the dock gave up: the popup says so. */
function markDockLost(tabId) {
  return serially(async () => {
    const { crmTabs } = await hostSession.get();
    if (!crmTabs[tabId]) return { ok: false };
    crmTabs[tabId].dockLost = true;
    await hostSession.set({ crmTabs });
    return { ok: true };
  });
}

/** A tab closed or left its CRM: it no longer hosts the phone, and the other docks may take it. */
function forgetTab(tabId) {
  return serially(async () => {
    const hosting = await hostSession.get();
    if (!(tabId in hosting.crmTabs) && hosting.liveTab !== tabId) return;
    delete hosting.crmTabs[tabId];
    const wasLive = hosting.liveTab === tabId;
    await hostSession.set(wasLive ? { crmTabs: hosting.crmTabs, liveTab: null, pagePhone: null } : { crmTabs: hosting.crmTabs });
    if (wasLive) await handPhoneBack(hosting.crmTabs);
  });
}

/** Nothing hosts the phone any more: the CRM tabs are poked, and the first dock to ask takes it. */
async function handPhoneBack(crmTabs) {
  await resetPhone();
  await Promise.all([...Object.keys(crmTabs).map((id) => toTab(Number(id), { kind: MSG.DOCK_POKE })), pokeDock(PANEL)]);
}

/** The page that embedded the live WebPhone in this tab is gone (the tab loaded another page). */
function pagePhoneGone(tabId) {
  return serially(async () => {
    const hosting = await hostSession.get();
    if (hosting.pagePhone?.tabId !== tabId) return;
    await hostSession.set({ liveTab: null, pagePhone: null });
    await handPhoneBack(hosting.crmTabs);
  });
}

/**
 * A CRM page embeds the WebPhone itself (`present`), or no longer does. Its phone becomes the live
 * one: a dock of ours that had the phone lets it go (its WebPhone would ring too).
 */
function pagePhoneSeen(sender, present, registered) {
  return serially(async () => {
    const hosting = await hostSession.get();
    const tabId = sender.tab.id;
    const mine = hosting.pagePhone?.tabId === tabId && hosting.pagePhone.frameId === sender.frameId;
    if (!present) {
      if (!mine) return { ok: true };
      await hostSession.set({ liveTab: null, pagePhone: null });
      await handPhoneBack(hosting.crmTabs);
      return { ok: true };
    }
    if (!(tabId in hosting.crmTabs)) return { ok: false };
    if (mine) return { ok: true };
    if (hosting.pagePhone) return { ok: false, reason: 'anotherPagePhone' };
    // Taking the phone from our dock now would cut the call it carries: asked again later.
    if (hosting.liveTab != null && (await callInProgress())) return { ok: false, reason: 'callActive' };
    const previous = hosting.liveTab;
    await hostSession.set({ liveTab: tabId, pagePhone: { tabId, frameId: sender.frameId } });
    await resetPhone();
    if (registered) await setPhoneRegistered();
    if (previous != null) await (previous === PANEL ? pokeDock(PANEL) : toTab(previous, { kind: MSG.DOCK_POKE }));
    return { ok: true };
  });
}

api.tabs.onRemoved.addListener((tabId) => forgetTab(tabId));

/** The dock mode changed: a host that can't hold the phone under the new mode lets it go. */
async function releaseHostOutOfMode() {
  const settings = await loadSettings();
  await serially(async () => {
    const { liveTab, pagePhone } = await hostSession.get();
    if (liveTab == null || pagePhone || hostFitsMode(liveTab, settings.settings.dock === 'sidepanel')) return;
    await hostSession.set({ liveTab: null });
    await resetPhone();
  });
}
onSettingsChanged(releaseHostOutOfMode);
