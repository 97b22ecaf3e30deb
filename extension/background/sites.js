'use strict';
// Which pages are CRM pages: a frame's hello, "use myCC on this site" from the toolbar popup
// (each edit made by the core, which returns the agent's new document), and the hand-over to
// open CRM tabs when the extension is installed, updated or reloaded.

// The manifest's list, so the scripts handed over are the ones the browser injects.
const [CONTENT_SCRIPTS] = api.runtime.getManifest().content_scripts;

function sameOrigin(a, b) {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

async function pageHello(sender, message) {
  const settings = await loadSettings();
  const wasm = await core;
  const frameUrl = sender.url ?? '';
  const tabUrl = sender.tab?.url ?? frameUrl;
  const topFrame = sender.frameId === 0 && sender.tab != null;
  let crmIndex = wasm.crmForUrl(settings.json, frameUrl);
  if (crmIndex < 0 && !topFrame && sameOrigin(frameUrl, tabUrl)) crmIndex = wasm.crmForUrl(settings.json, tabUrl);
  if (crmIndex < 0) {
    // A tab that left its CRM no longer hosts the phone, and may not get it back.
    if (topFrame) await forgetTab(sender.tab.id);
    return { active: false };
  }
  const crm = settings.settings.crms[crmIndex];
  const dockKey = topFrame ? await registerCrmTab(sender.tab.id, crmIndex, message.dockKey) : '';
  const { phoneState } = await callSession.get();
  return {
    active: true,
    crm: { index: crmIndex, name: crm.name, pageApi: crm.pageApi === true },
    dockMode: settings.settings.dock,
    country: settings.settings.defaultCountry,
    phoneState,
    dockKey,
    dockUrl: api.runtime.getURL('dock.html'),
    // For a page that embeds the WebPhone itself: where it is, and which of its messages are events.
    webphoneOrigin: settings.webphoneOrigin,
    phoneEventTypes: JSON.parse(wasm.phoneEventTypes()),
    engineParts: message.engine === true && sender.tab ? await pushEngine(sender.tab.id, sender.frameId ?? 0) : 0,
  };
}

async function siteStatus(url) {
  const sources = await settingsSources();
  return JSON.parse((await core).siteStatus(sources.user, sources.managed, url));
}

/** Adds this site to CRM `crmIndex` of those in force (or a new CRM when -1), or takes it out. */
async function setSite(url, on, crmIndex) {
  const sources = await settingsSources();
  const edit = JSON.parse((await core).editSite(sources.user, sources.managed, url, on, crmIndex));
  if (!edit.ok) return edit;
  return storeAgentDocument(edit.user, sources.user);
}

async function tellEveryTabSettingsChanged() {
  // Every tab: one that was not a CRM may be one now. Settings change rarely.
  const tabs = await api.tabs.query({});
  await Promise.all(tabs.map((tab) => toTab(tab.id, { kind: MSG.SETTINGS_CHANGED })));
}
onSettingsChanged(tellEveryTabSettingsChanged);

/**
 * After an install, an update or a reload, the CRM tabs that are open still run the content
 * scripts of the extension that was (Chrome keeps them, orphaned; Firefox drops them but leaves
 * their marks in the page). Each frame that has no live content script of this extension gets
 * one; the new script tells an orphan to leave and clears what it left behind.
 */
async function handOverOpenCrmTabs() {
  if (!api.scripting) return;
  const [wasm, settings, tabs] = await Promise.all([core, loadSettings(), api.tabs.query({})]);
  const crmTabs = tabs.filter((tab) => typeof tab.url === 'string' && wasm.crmForUrl(settings.json, tab.url) >= 0);
  await Promise.all(crmTabs.map(async (tab) => {
    const probes = await api.scripting
      .executeScript({ target: { tabId: tab.id, allFrames: true }, func: () => typeof globalThis.myccLifecycle === 'object' && globalThis.myccLifecycle.alive() })
      .catch(() => []);
    const frameIds = probes.filter((probe) => probe.result !== true).map((probe) => probe.frameId);
    if (!frameIds.length) return;
    const target = { tabId: tab.id, frameIds };
    await api.scripting.insertCSS({ target, files: CONTENT_SCRIPTS.css }).catch(() => undefined);
    await api.scripting.executeScript({ target, files: CONTENT_SCRIPTS.js }).catch((error) => console.warn('myCC Connect: could not hand over tab', tab.id, error));
  }));
}
