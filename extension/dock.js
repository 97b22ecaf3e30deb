'use strict';
// The dock frame: hosts the one live WebPhone of this browser profile (or says which tab
// has it), relays its events to the background and the background's requests to it.
// WebPhone messages are taken only from the WebPhone frame's own window and origin;
// requests go only to that origin. Firefox delivers no runtime broadcasts to extension
// frames inside web pages, so the background has the content script poke this frame and
// the frame pulls what is new (MSG.DOCK_SYNC). A waiting dial request is handed over only
// once this frame's WebPhone has registered, and is posted at once.

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const { MSG, DOCK_FRAME_KEY } = globalThis.myccProtocol;
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
  document.documentElement.lang = api.i18n.getUILanguage().startsWith('vi') ? 'vi' : 'en';
  const statusLine = document.getElementById('status');
  const reloadButton = document.getElementById('reload');
  const claimButton = document.getElementById('claim');
  const phoneArea = document.getElementById('phone');
  const REGISTER_TIMEOUT_MS = 20000;
  const MAX_RETRY_MS = 5 * 60000;

  let me = { role: 'none' };
  let frame = null;
  let registered = false;
  let callUp = false; // a call rings or is answered in this WebPhone
  let watchdog = 0;
  let retryDelay = REGISTER_TIMEOUT_MS;
  let lockRelease = null;
  // In a CRM page: the key our content script handed over, which proves to the background that
  // this frame is the page's own dock, and the private channel its pokes come through.
  let dockKey = null;
  let keyAccepted = false;
  const send = (message) => api.runtime.sendMessage({ ...message, dockKey }).then((reply) => reply ?? null, () => null);

  const relay = myccDelivery.createRelay({ send, kind: MSG.DOCK_EVENT, phoneEventTypes: () => me.phoneEventTypes ?? [] });

  function status(text, tone = 'ok') {
    statusLine.textContent = text;
    statusLine.dataset.tone = tone;
  }

  function holdLock() {
    // A tab holding a Web Lock is not frozen by Chrome, so the phone keeps ringing in the background.
    if (lockRelease || !navigator.locks) return;
    navigator.locks.request('mycc-live-webphone', () => new Promise((resolve) => (lockRelease = resolve))).catch(() => undefined);
  }

  function releaseLock() {
    lockRelease?.();
    lockRelease = null;
  }

  const dialer = myccDelivery.createDialer({ send, sentKind: MSG.DOCK_SENT });

  /** Posts a dial request to the registered WebPhone, once per id, and says so to the background. */
  function post(request) {
    dialer(request, (target) => {
      if (!frame?.contentWindow) return false;
      frame.contentWindow.postMessage({ type: 'OutboundCallRequest', data: { target } }, me.webphoneOrigin);
      status(t('dockDialling', [target]));
      return true;
    });
  }

  /**
   * Can the WebPhone's address be reached at all? An extension page may read any origin it has
   * host permission for: a network error or a server error means the frame failed to load, and
   * only then is it reloaded without the agent asking (they may be typing their login in it).
   */
  async function webphoneReachable() {
    try {
      const response = await fetch(me.webphoneUrl, { cache: 'no-store', credentials: 'include' });
      return response.status < 500;
    } catch {
      return false;
    }
  }

  function armWatchdog() {
    clearTimeout(watchdog);
    watchdog = setTimeout(async () => {
      if (registered) return;
      reloadButton.hidden = false;
      if (await webphoneReachable()) {
        status(t('dockNotRegistered'), 'problem');
        return;
      }
      status(t('dockLoadFailed'), 'problem');
      // Retry by itself, waiting longer each time.
      watchdog = setTimeout(loadPhone, retryDelay);
      retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS);
    }, REGISTER_TIMEOUT_MS);
  }

  /** Until the WebPhone (re)loaded in the frame registers, nothing is sent to it. */
  function phoneLoading() {
    registered = false;
    callUp = false;
    send({ kind: MSG.DOCK_LOADING });
    status(t('dockLoading'));
    reloadButton.hidden = true;
    armWatchdog();
  }

  function loadPhone() {
    frame?.remove();
    frame = document.createElement('iframe');
    frame.setAttribute('allow', 'microphone; camera');
    frame.setAttribute('title', 'myCC WebPhone');
    frame.src = me.webphoneUrl;
    // The WebPhone may reload or navigate itself (a logout, a crash page): every load after the
    // first is a new WebPhone that has not registered yet.
    let loads = 0;
    frame.addEventListener('load', () => ++loads > 1 && phoneLoading());
    phoneArea.replaceChildren(frame);
    phoneLoading();
  }

  async function sync() {
    // Asked until answered: if the worker stopped under the question, a waiting click would wait for nothing.
    const reply = await myccDelivery.untilAnswered(() => send({ kind: MSG.DOCK_SYNC, registered: me.role === 'live' && registered, taker: dialer.taker }));
    if (!reply?.ok) return;
    // Another tab, the side panel or this page's own WebPhone has the phone now: let go of ours.
    const elsewhere = reply.liveTab != null && (reply.liveTab !== me.tabId || reply.pagePhone);
    if (me.role === 'live' && elsewhere) becomeRemote({ ...me, role: 'remote', liveTitle: '' });
    else if (me.role === 'remote' && reply.liveTab == null) hello();
    else if (me.role === 'live') {
      post(reply.request);
      // The admin changed the WebPhone's address: load the new one, but never under a call.
      if (typeof reply.webphoneUrl === 'string' && reply.webphoneUrl !== me.webphoneUrl && !callUp) hello();
    }
  }

  function onWebPhoneMessage(event) {
    if (event.source === window.parent && typeof event.data?.[DOCK_FRAME_KEY] === 'string') {
      takeKey(event.data[DOCK_FRAME_KEY], event.ports[0]);
      return;
    }
    if (!frame || event.source !== frame.contentWindow || event.origin !== me.webphoneOrigin) return;
    const accepted = relay.accept(event.data);
    if (!accepted) return;
    const { type, json } = accepted;
    if (type === 'OnRegistered') {
      registered = true;
      retryDelay = REGISTER_TIMEOUT_MS;
      clearTimeout(watchdog);
      reloadButton.hidden = true;
      status(t('state_ready'));
      sync();
    } else if (type === 'OnCallRinging' || type === 'OnCallAnswer') {
      callUp = true;
      status(t(type === 'OnCallRinging' ? 'state_ringing' : 'state_inCall'));
    } else if (/^OnCall(End|Ended|Hangup)$/.test(type ?? '')) {
      callUp = false;
      status(t('state_ready'));
    }
    relay(json, type);
  }

  function becomeLive(reply) {
    me = reply;
    claimButton.hidden = true;
    holdLock();
    loadPhone();
  }

  function becomeRemote(reply) {
    me = reply;
    releaseLock();
    clearTimeout(watchdog);
    frame?.remove();
    frame = null;
    registered = false;
    const where = reply.liveTitle ? t('dockElsewhereNamed', [reply.liveTitle]) : t('dockElsewhere');
    const note = document.createElement('p');
    note.className = 'remote';
    note.textContent = where;
    phoneArea.replaceChildren(note);
    status(t('dockRemoteStatus'));
    claimButton.hidden = false;
  }

  /** No phone here (not a CRM tab any more, or the dock mode changed): let go of it. */
  function becomeNone(reason) {
    me = { role: 'none' };
    releaseLock();
    clearTimeout(watchdog);
    frame?.remove();
    frame = null;
    registered = false;
    claimButton.hidden = true;
    phoneArea.replaceChildren();
    status(t(reason === 'panelOff' ? 'dockPanelOff' : 'dockNoTab'), 'problem');
  }

  /**
   * The page's content script hands over the key and a port once per load of this frame. The page
   * itself could post a key too, but can't know ours: once the background has accepted a key,
   * later ones are ignored.
   */
  function takeKey(key, port) {
    if (isPanel || keyAccepted || !port) return;
    dockKey = key;
    port.onmessage = () => sync();
    hello();
  }

  async function hello() {
    const reply = await myccDelivery.untilAnswered(() => send({ kind: MSG.DOCK_HELLO }));
    // No answer (the worker failed under the question) keeps what this frame has: a live
    // WebPhone is never dropped for a message that did not arrive.
    if (!reply || !['live', 'remote', 'none'].includes(reply.role)) return;
    if (reply.role !== 'none') keyAccepted = true;
    if (reply.role === 'none') becomeNone(reply.reason);
    else if (reply.role === 'remote') becomeRemote(reply);
    else if (me.role === 'live' && frame && reply.webphoneUrl === me.webphoneUrl) me = reply; // the same phone goes on
    else becomeLive(reply);
  }

  reloadButton.textContent = t('dockReload');
  claimButton.textContent = t('dockBringHere');
  reloadButton.addEventListener('click', () => {
    retryDelay = REGISTER_TIMEOUT_MS;
    loadPhone();
  });
  claimButton.addEventListener('click', async () => {
    const reply = await send({ kind: MSG.DOCK_CLAIM });
    if (reply?.ok) hello();
    else status(t(reply?.reason === 'callActive' ? 'dockCallActive' : 'dockClaimFailed'), 'problem');
  });

  window.addEventListener('message', onWebPhoneMessage);
  // The same page serves as the browser's side panel (sidepanel.html, <html data-host="panel">).
  const isPanel = document.documentElement.dataset.host === 'panel';
  if (isPanel) {
    // A side panel is a top-level extension page: runtime messages reach it directly.
    api.runtime.onMessage.addListener((message, sender) => {
      if (sender.id === api.runtime.id && message?.kind === MSG.PANEL_POKE) sync();
    });
    // The agent or IT may switch the dock mode or the WebPhone while the panel is open.
    api.storage.onChanged.addListener((changes, area) => {
      if (area === 'managed' || area === 'sync') hello();
    });
  }
  // In a CRM page our content script hands the key over as soon as this frame has loaded: a frame
  // still without one after KEY_WAIT_MS was not made by it (or was opened on its own).
  const KEY_WAIT_MS = 1000;
  if (isPanel) hello();
  else if (window.top === window) status(t('dockNoTab'), 'problem');
  else {
    status(t('dockLoading'));
    setTimeout(() => dockKey == null && status(t('dockNoTab'), 'problem'), KEY_WAIT_MS);
  }
})();
