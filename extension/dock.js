'use strict';
// The dock frame: hosts the one live WebPhone of this browser profile (or says which tab
// has it), relays its events to the background and the background's requests to it.
// WebPhone messages are taken only from the WebPhone frame's own window and origin;
// requests go only to that origin. Firefox delivers no runtime broadcasts to extension
// frames inside web pages, so the background has the content script poke this frame and
// the frame pulls what is new (dock:sync). Requests stay queued in the background until
// this frame has sent them to a registered WebPhone and acknowledged them (dock:sent).

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
  const statusLine = document.getElementById('status');
  const reloadButton = document.getElementById('reload');
  const claimButton = document.getElementById('claim');
  const phoneArea = document.getElementById('phone');
  const REGISTER_TIMEOUT_MS = 20000;
  const MAX_RETRY_MS = 5 * 60000;

  let me = { role: 'none' };
  let frame = null;
  let registered = false;
  let watchdog = 0;
  let retryDelay = REGISTER_TIMEOUT_MS;
  const waiting = []; // requests not yet sent to the WebPhone
  const sent = new Set(); // request ids already sent, so none goes twice
  let lockRelease = null;

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

  function take(pending) {
    for (const request of Array.isArray(pending) ? pending : []) {
      if (typeof request?.id !== 'string' || typeof request.target !== 'string') continue;
      if (!sent.has(request.id) && !waiting.some((w) => w.id === request.id)) waiting.push(request);
    }
    flush();
  }

  function flush() {
    if (me.role !== 'live' || !registered || !frame?.contentWindow) return;
    const ids = [];
    while (waiting.length) {
      const request = waiting.shift();
      if (sent.has(request.id)) continue;
      sent.add(request.id);
      ids.push(request.id);
      frame.contentWindow.postMessage({ type: 'OutboundCallRequest', data: { target: request.target } }, me.webphoneOrigin);
      status(t('dockDialling', [request.target]));
    }
    if (ids.length) api.runtime.sendMessage({ kind: 'dock:sent', ids }).catch(() => undefined);
  }

  function armWatchdog() {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      if (registered) return;
      status(t('dockNotResponding'), 'problem');
      reloadButton.hidden = false;
      // Retry by itself, waiting longer each time.
      watchdog = setTimeout(loadPhone, retryDelay);
      retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS);
    }, REGISTER_TIMEOUT_MS);
  }

  function loadPhone() {
    registered = false;
    frame?.remove();
    frame = document.createElement('iframe');
    frame.setAttribute('allow', 'microphone; camera');
    frame.setAttribute('title', 'myCC WebPhone');
    frame.src = me.webphoneUrl;
    phoneArea.replaceChildren(frame);
    status(t('dockLoading'));
    reloadButton.hidden = true;
    armWatchdog();
  }

  async function sync() {
    const reply = await api.runtime.sendMessage({ kind: 'dock:sync' }).catch(() => null);
    if (!reply?.ok) return;
    if (me.role === 'live' && reply.liveTab != null && reply.liveTab !== me.tabId) becomeRemote({ ...me, role: 'remote', liveTitle: '' });
    else if (me.role === 'remote' && reply.liveTab == null) hello();
    else if (me.role === 'live') take(reply.pending);
  }

  function onWebPhoneMessage(event) {
    if (event.source === window.parent && event.data?.myccPoke === true) {
      sync();
      return;
    }
    if (!frame || event.source !== frame.contentWindow || event.origin !== me.webphoneOrigin) return;
    let json;
    try {
      json = JSON.stringify(event.data);
    } catch {
      return;
    }
    if (typeof json !== 'string') return;
    const type = event.data?.type;
    if (type === 'OnRegistered') {
      registered = true;
      retryDelay = REGISTER_TIMEOUT_MS;
      clearTimeout(watchdog);
      reloadButton.hidden = true;
      status(t('state_ready'));
      sync();
    } else if (type === 'OnCallRinging') status(t('state_ringing'));
    else if (type === 'OnCallAnswer') status(t('state_inCall'));
    api.runtime.sendMessage({ kind: 'dock:event', json }).catch(() => undefined);
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

  async function hello() {
    const reply = await api.runtime.sendMessage({ kind: 'dock:hello' }).catch(() => null);
    if (!reply || reply.role === 'none') {
      me = { role: 'none' };
      status(t(reply?.reason === 'panelOff' ? 'dockPanelOff' : 'dockNoTab'), 'problem');
      return;
    }
    if (reply.role === 'live') becomeLive(reply);
    else becomeRemote(reply);
  }

  reloadButton.textContent = t('dockReload');
  claimButton.textContent = t('dockBringHere');
  reloadButton.addEventListener('click', () => {
    retryDelay = REGISTER_TIMEOUT_MS;
    loadPhone();
  });
  claimButton.addEventListener('click', async () => {
    const reply = await api.runtime.sendMessage({ kind: 'dock:claim' }).catch(() => null);
    if (reply?.ok) hello();
    else status(t(reply?.reason === 'callActive' ? 'dockCallActive' : 'dockClaimFailed'), 'problem');
  });

  window.addEventListener('message', onWebPhoneMessage);
  // The same page serves as the browser's side panel (sidepanel.html, <html data-host="panel">).
  const isPanel = document.documentElement.dataset.host === 'panel';
  if (isPanel) {
    // A side panel is a top-level extension page: runtime messages reach it directly.
    api.runtime.onMessage.addListener((message, sender) => {
      if (sender.id === api.runtime.id && message?.kind === 'dock:poke') sync();
    });
    // An admin may switch the dock mode while the panel is open: ask again then.
    api.storage.onChanged.addListener((changes, area) => {
      if (area === 'sync' && changes.settings && me.role === 'none') hello();
    });
  }
  if (window.top === window && !isPanel) status(t('dockNoTab'), 'problem');
  else hello();
})();
