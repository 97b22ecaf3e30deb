'use strict';
// The background's entry point and message router (uBlock Origin's shape): content scripts, dock
// frames and extension pages talk only to the background, and every message kind declares here
// who may send it. The work is done by one module per concern under background/ (see
// ARCHITECTURE.md, "The background"); decisions are the Rust core's, through wasm.

if (typeof importScripts === 'function' && typeof wasm_bindgen === 'undefined') {
  // Chrome's service worker. Firefox lists the same files, in this order, in background.scripts
  // (a unit test keeps the two lists equal).
  importScripts(
    'shared/protocol.js',
    'shared/settings-store.js',
    'wasm/mycc_connect.js',
    'background/base.js',
    'background/settings.js',
    'background/engine.js',
    'background/phone-host.js',
    'background/calls.js',
    'background/dialing.js',
    'background/sites.js',
    'background/menus.js',
    'background/webphone-cookies.js',
    'background/hints.js',
  );
}

// Who may send a message: a content script in a web page, the dock frame inside a CRM tab, the
// side panel, or the toolbar popup (which tests also open in a tab, as popup.html?tab=ID).
const isPage = (sender, page) => typeof sender.url === 'string' && sender.url.startsWith(extensionPage(page));
const SENDERS = {
  content: (sender) => sender.tab != null && !fromExtensionPage(sender),
  dock: (sender) => sender.tab != null && isPage(sender, 'dock.html'),
  panel: (sender) => isPage(sender, 'sidepanel.html'),
  popup: (sender) => isPage(sender, 'popup.html'),
  setup: (sender) => isPage(sender, 'setup.html'),
};

const isText = (value) => typeof value === 'string';

/** Each kind: who may send it, and what to do with a message of the right shape. */
const ROUTES = {
  [MSG.PAGE_HELLO]: { from: ['content'], handle: (m, sender) => pageHello(sender, m) },
  [MSG.PAGE_DETECT]: { from: ['content'], handle: (m) => detectForPage(m) },
  [MSG.CALL_DIAL]: {
    from: ['content'],
    handle: (m, sender) => (isText(m.target) && isText(m.clickId) ? dial(sender, m.target, m.clickId) : { ok: false, reason: 'notANumber' }),
  },
  [MSG.CALL_CANCEL]: { from: ['content'], handle: (m) => (isText(m.id) ? cancelDial(m.id) : { ok: false }) },
  [MSG.PAGE_DOCK_LOST]: { from: ['content'], handle: (m, sender) => (sender.frameId === 0 ? markDockLost(sender.tab.id) : { ok: false }) },
  [MSG.PAGE_LEAVING]: { from: ['content'], handle: (m, sender) => (sender.frameId === 0 ? pageLeaving(sender.tab.id) : { ok: false }) },
  [MSG.PAGE_PHONE]: { from: ['content'], handle: (m, sender) => pagePhoneSeen(sender, m.present === true, m.registered === true) },
  [MSG.PAGE_NUMBERS]: { from: ['content'], handle: (m, sender) => (sender.frameId === 0 ? numbersInTab(sender.tab.id) : { ok: false }) },
  [MSG.HINTS_KEY]: {
    from: ['content'],
    handle: (m, sender) => (isText(m.session) && isHintKey(m.key) && Number.isInteger(m.at) ? relayHintKey(sender.tab.id, m) : { ok: false }),
  },
  [MSG.DOCK_HELLO]: { from: ['dock', 'panel'], handle: (m, sender) => dockHello(sender) },
  [MSG.DOCK_CLAIM]: { from: ['dock', 'panel'], handle: (m, sender) => dockClaim(sender) },
  [MSG.DOCK_EVENT]: {
    from: ['dock', 'panel', 'content'],
    handle: (m, sender) => (isText(m.json) ? webphoneEvent(sender, m.json, m.eventId) : { ok: false }),
  },
  [MSG.DOCK_SENT]: {
    from: ['dock', 'panel', 'content'],
    handle: (m, sender) => (isText(m.id) && isText(m.taker) ? dialSent(sender, m.id, m.taker.slice(0, 80)) : { ok: false }),
  },
  [MSG.DOCK_SYNC]: {
    from: ['dock', 'panel', 'content'],
    handle: (m, sender) => dockSync(sender, m.registered === true, isText(m.taker) ? m.taker.slice(0, 80) : null),
  },
  [MSG.DOCK_LOADING]: { from: ['dock', 'panel', 'content'], handle: (m, sender) => dockLoading(sender) },
  [MSG.POPUP_STATUS]: { from: ['popup'], handle: (m) => popupStatus(m.tabId) },
  [MSG.POPUP_TOGGLE_DOCK]: {
    from: ['popup'],
    handle: (m) => (Number.isInteger(m.tabId) ? toggleDock({ id: m.tabId }) : null),
  },
  [MSG.POPUP_DIAL]: {
    from: ['popup'],
    handle: (m) => (isText(m.target) && Number.isInteger(m.tabId) ? dial({ tab: { id: m.tabId } }, m.target, crypto.randomUUID()) : { ok: false }),
  },
  [MSG.POPUP_RECENT]: { from: ['popup'], handle: () => recentCalls() },
  [MSG.POPUP_CLEAR_RECENT]: { from: ['popup'], handle: () => clearRecentCalls() },
  [MSG.POPUP_HINTS]: { from: ['popup'], handle: (m) => (Number.isInteger(m.tabId) ? openHints(m.tabId) : { ok: false }) },
  [MSG.SETUP_STATUS]: { from: ['setup'], handle: () => setupStatus() },
  [MSG.SETUP_TRY]: {
    from: ['setup'],
    handle: (m, sender) => (isText(m.target) ? dial(sender, m.target, crypto.randomUUID()) : { ok: false, reason: 'notANumber' }),
  },
  [MSG.SITE_STATUS]: { from: ['popup'], handle: (m) => (isText(m.url) ? siteStatus(m.url) : { ok: false }) },
  [MSG.SITE_SET]: {
    from: ['popup'],
    handle: (m) => (isText(m.url) && Number.isInteger(m.crmIndex) ? setSite(m.url, m.on === true, m.crmIndex) : { ok: false }),
  },
};

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id || !message || typeof message.kind !== 'string') return false;
  const route = ROUTES[message.kind];
  if (!route || !route.from.some((role) => SENDERS[role](sender))) return false;
  // A dock frame proves it is the one its page made with the key it was handed (isOurDock).
  const from = { ...sender, dockKey: typeof message.dockKey === 'string' ? message.dockKey : null };
  Promise.resolve()
    .then(() => route.handle(message, from))
    .then(sendResponse, (error) => {
      console.error('myCC Connect:', message.kind, error);
      sendResponse({ ok: false, error: String(error?.message ?? error) });
    });
  return true;
});

/** The live dock is (re)loading its WebPhone: until it registers, the phone is not ready. */
function dockLoading(sender) {
  return serially(async () => {
    if (!speaksForPhone(sender, await hostSession.get())) return { ok: false };
    await resetPhone();
    return { ok: true };
  });
}

/** What the toolbar popup shows for a tab: the phone's state, where it lives under the settings in force, and trouble. */
async function popupStatus(tabId) {
  const [status, settings, { crmTabs }] = await Promise.all([phoneStatus(), loadSettings(), hostSession.get()]);
  return { ...status, dockMode: settings.settings.dock, dockLost: crmTabs[tabId]?.dockLost === true };
}

// ---- toolbar and keyboard ---------------------------------------------------------------

// The keyboard shortcut opens the browser's side panel in "sidepanel" mode and toggles the
// dock in the page otherwise. Opening a panel must happen synchronously in the gesture's
// handler, so the mode in force is kept at hand, and read again whenever the settings or the
// policy change.
let dockMode = null;
const refreshDockMode = () => loadSettings().then((settings) => (dockMode = settings.settings.dock));

function openSidePanel(tab) {
  if (api.sidebarAction) return api.sidebarAction.open();
  if (tab?.windowId != null) return api.sidePanel?.open({ windowId: tab.windowId });
  return api.windows.getLastFocused().then((w) => api.sidePanel?.open({ windowId: w.id }));
}

function toggleDock(tab) {
  if (dockMode === 'sidepanel') return openSidePanel(tab);
  // A page that embeds the WebPhone itself keeps it where it is: it is only brought into view.
  const toggleIn = async (target) => {
    if (target?.id == null) return;
    const { pagePhone } = await hostSession.get();
    if (pagePhone?.tabId === target.id) await toTab(target.id, { kind: MSG.PAGE_PHONE_SHOW }, pagePhone.frameId);
    else await toTab(target.id, { kind: MSG.DOCK_TOGGLE });
  };
  if (tab) return toggleIn(tab);
  return api.tabs.query({ active: true, lastFocusedWindow: true }).then(([active]) => toggleIn(active));
}

// The browser takes a command's keys before the page: Chromium handles an extension's shortcut
// in the browser process, and Firefox runs it unless the page cancelled the keydown. So hint
// mode has no key handler of its own in the page, which would fire with the command in Firefox
// and keep Alt+Shift+K after the agent rebound it.
api.commands.onCommand.addListener((command, tab) => {
  if (command === COMMAND.TOGGLE_DOCK) toggleDock(tab);
  else if (command === COMMAND.OPEN_HINTS) openHints(tab?.id);
});
onSettingsChanged(refreshDockMode);
refreshDockMode();

// Every start of the background makes sure the registration follows the settings in force (a
// policy may have changed while it slept); a browser start also lists onStartup.
registerForCrmSites();
api.runtime.onStartup?.addListener(() => registerForCrmSites());

api.runtime.onInstalled.addListener(async (details) => {
  // Versions before the start scripts left the frames' country in storage.local: nothing reads it now.
  if (details?.reason === 'update') api.storage.local.remove('pageStart').catch(() => undefined);
  await registerForCrmSites();
  handOverOpenCrmTabs();
  // First run: the setup page's checklist says what is missing, live.
  if (details?.reason === 'install') api.tabs.create({ url: extensionPage('setup.html') }).catch(() => undefined);
});

/** What the first-run checklist shows: CRMs in force, an open CRM tab, the phone's host and state. */
async function setupStatus() {
  const [wasm, settings, tabs, status] = await Promise.all([core, loadSettings(), api.tabs.query({}), phoneStatus()]);
  const crmTab = tabs.find((tab) => typeof tab.url === 'string' && wasm.crmForUrl(settings.json, tab.url) >= 0);
  return { crmCount: settings.settings.crms.length, crmTab: crmTab ? crmTab.title || crmTab.url : null, liveTab: status.liveTab, phoneState: status.phoneState };
}

callSession.get().then((state) => showPhoneState(state.phoneState));
