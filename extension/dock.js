'use strict';
// The dock frame: hosts the one live WebPhone of this browser profile (or says which tab
// has it), relays its events to the background and the background's requests to it.
// WebPhone messages are taken only from the WebPhone frame's own window and origin;
// requests go only to that origin. Requests wait for OnRegistered, are sent once each,
// and survive a WebPhone reload.

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

  function flush() {
    if (!registered || !frame?.contentWindow) return;
    while (waiting.length) {
      const request = waiting.shift();
      if (sent.has(request.id)) continue;
      sent.add(request.id);
      frame.contentWindow.postMessage({ type: 'OutboundCallRequest', data: { target: request.target } }, me.webphoneOrigin);
      status(t('dockDialling', [request.target]));
    }
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

  function onWebPhoneMessage(event) {
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
      flush();
    } else if (type === 'OnCallRinging') status(t('state_ringing'));
    else if (type === 'OnCallAnswer') status(t('state_inCall'));
    api.runtime.sendMessage({ kind: 'dock:event', json }).catch(() => undefined);
  }

  function becomeLive(reply) {
    me = reply;
    claimButton.hidden = true;
    holdLock();
    for (const request of reply.pending ?? []) waiting.push(request);
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
      status(t('dockNoTab'), 'problem');
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
  api.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== api.runtime.id || !message || typeof message.kind !== 'string') return;
    if (message.kind === 'dock:request' && message.tabId === me.tabId && me.role === 'live') {
      const { id, target } = message.request ?? {};
      if (typeof id === 'string' && typeof target === 'string' && !sent.has(id)) {
        waiting.push({ id, target });
        flush();
      }
    } else if (message.kind === 'dock:release' && message.tabId === me.tabId && me.role === 'live') {
      becomeRemote({ ...me, role: 'remote', liveTitle: '' });
    } else if (message.kind === 'phone:vacant' && me.role === 'remote') {
      hello();
    }
  });

  if (window.top === window) status(t('dockNoTab'), 'problem');
  else hello();
})();
