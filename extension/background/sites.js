'use strict';
// Which pages are CRM pages: the content scripts registered for the CRM sites only, a frame's
// hello, "use myCC on this site" from the toolbar popup (each edit made by the core, which returns
// the agent's new document), and the hand-over to open CRM tabs when the extension is installed,
// updated or reloaded, or a site becomes a CRM.

// The content scripts, registered (scripting.registerContentScripts) for the origins of the CRM
// sites in force only: on any other page nothing of ours runs, nothing is sent and the worker is
// not woken. Registered, not declared in the manifest, so they follow the settings and the policy.
// `js` is without the start script of the country in force, which goes first (scriptsFor).
const CONTENT_SCRIPTS = {
  id: 'mycc-crm',
  js: [
    'shared/protocol.js', 'shared/delivery.js', 'shared/call-card.js', 'wasm/mycc_content.js', 'wasm/mycc_content_wasm.js', 'content/lifecycle.js',
    'content/engine.js', 'content/marks.js', 'content/dock-place.js', 'content/dock.js', 'content/pointer.js', 'content/page-phone.js', 'content/main.js',
  ],
  css: ['content/marks.css'],
  runAt: 'document_start',
  allFrames: true,
};
// In the page's own world: tells the content scripts about shadow roots as they are attached.
const PAGE_WORLD_SCRIPT = { id: 'mycc-crm-page-world', js: ['content/page-world.js'], world: 'MAIN', runAt: 'document_start', allFrames: true };
let registering = Promise.resolve();

/**
 * The content scripts' files for a frame of the settings in force: first the generated start
 * script of the default country (scripts/dev/gen-page-start.js), so the frame marks in that
 * country from its first slice, without reading storage or waiting for the background (either
 * can take hundreds of milliseconds while a big page loads: ARCHITECTURE.md, "Nothing slow on
 * the way in"). A new country is a new registration (registerForCrmSites compares the files).
 */
const scriptsFor = (settings) => [`${PAGE_START.dir}/${settings.settings.defaultCountry}.js`, ...CONTENT_SCRIPTS.js];

/** Registers the content scripts for the CRM sites in force, if they changed (true if they did). */
function registerForCrmSites() {
  registering = registering.then(async () => {
    if (!api.scripting?.registerContentScripts) return false;
    const [wasm, settings] = await Promise.all([core, loadSettings()]);
    const matches = JSON.parse(wasm.contentScriptMatches(settings.json));
    const registered = [{ ...CONTENT_SCRIPTS, js: scriptsFor(settings) }, PAGE_WORLD_SCRIPT];
    const ids = registered.map((script) => script.id);
    const current = await api.scripting.getRegisteredContentScripts({ ids });
    const shape = (scripts) => JSON.stringify(scripts.map((s) => [s.id, s.matches, s.js, s.css ?? []]).sort());
    const wanted = matches.length ? registered.map((script) => ({ ...script, matches })) : [];
    if (shape(current) === shape(wanted)) return false;
    if (current.length) await api.scripting.unregisterContentScripts({ ids: current.map((s) => s.id) });
    if (!wanted.length) return true;
    // Kept across browser restarts where the browser can (the background registers again at
    // every start anyway).
    await api.scripting
      .registerContentScripts(wanted.map((script) => ({ ...script, persistAcrossSessions: true })))
      .catch(() => api.scripting.registerContentScripts(wanted));
    return true;
  }).catch((error) => {
    console.warn('myCC Connect: could not register the content scripts for the CRM sites', error);
    return false;
  });
  return registering;
}

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
  // A new page in a tab whose page embedded the WebPhone: that phone went with the old page.
  if (topFrame && typeof message.dockKey !== 'string') await pagePhoneGone(sender.tab.id);
  const dockKey = topFrame ? await registerCrmTab(sender.tab.id, crmIndex, message.dockKey) : '';
  // The top frame's dock shows the call card of a call that is up while the page (re)loads.
  const { phoneState, card = null } = topFrame ? await phoneStatus() : await callSession.get();
  return {
    active: true,
    crm: { index: crmIndex, name: crm.name, pageApi: crm.pageApi === true },
    dockMode: settings.settings.dock,
    country: settings.settings.defaultCountry,
    phoneState,
    card,
    dockKey,
    // Loaded through the address runtime.getURL gives (Chrome: the per-session one, the only
    // one dock.html is web-accessible by); the document is then at the extension's own origin.
    dockUrl: api.runtime.getURL('dock.html'),
    dockOrigin: EXTENSION_ORIGIN,
    // For a page that embeds the WebPhone itself: where it is, and which of its messages are events.
    webphoneOrigin: settings.webphoneOrigin,
    phoneEventTypes: JSON.parse(wasm.phoneEventTypes()),
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
// A site that became a CRM gets the content scripts in the tabs already open on it, now.
onSettingsChanged(async () => {
  if (await registerForCrmSites()) await handOverOpenCrmTabs();
});

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
      .executeScript({
        target: { tabId: tab.id, allFrames: true },
        func: () => ({ alive: typeof globalThis.myccLifecycle === 'object' && globalThis.myccLifecycle.alive(), url: location.href }),
      })
      .catch(() => []);
    // Only the frames the registration would have given the scripts to: a CRM site, or the CRM
    // page's own origin (never an ad's frame or the WebPhone's).
    const wanted = (url) => wasm.crmForUrl(settings.json, url) >= 0 || sameOrigin(url, tab.url);
    const frameIds = probes.filter((probe) => probe.result && !probe.result.alive && wanted(probe.result.url)).map((probe) => probe.frameId);
    if (!frameIds.length) return;
    const target = { tabId: tab.id, frameIds };
    await api.scripting.insertCSS({ target, files: CONTENT_SCRIPTS.css }).catch(() => undefined);
    await api.scripting.executeScript({ target, files: PAGE_WORLD_SCRIPT.js, world: 'MAIN' }).catch(() => undefined);
    await api.scripting.executeScript({ target, files: scriptsFor(settings) }).catch((error) => console.warn('myCC Connect: could not hand over tab', tab.id, error));
  }));
}
