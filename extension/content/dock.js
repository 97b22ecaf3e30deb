'use strict';
// The dock in the page: a toggle button and a panel holding the extension's dock frame
// (dock.html), which holds the WebPhone. It lives in an open shadow root on <html>, so the
// page's CSS can't restyle it, and it is put back if the page removes it. The dock frame is
// extension-origin, so it loads (and runs wasm) even on pages with a strict CSP.

var myccDock = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const { DOCK_FRAME_KEY } = globalThis.myccProtocol;
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
  const SIZES = { small: [340, 480], large: [420, 680] };
  let host = null;
  let parts = null;
  let keeper = null;
  let view = { open: false, size: 'small' };
  let noticeTimer = 0;
  let waitingFor = null; // {id, expiryTimer}: the click that waits for the WebPhone
  let numbers = { list: () => [], dial: () => undefined }; // the page's marked numbers (main.js)

  const STYLE = `
    :host { all: initial; position: fixed !important; inset: 8px 8px auto auto !important; margin: 0 !important;
      padding: 0 !important; border: 0 !important; background: transparent !important; overflow: visible !important;
      width: auto !important; height: auto !important; z-index: 2147483647 !important; display: block !important;
      visibility: visible !important; opacity: 1 !important; pointer-events: auto !important; transform: none !important;
      filter: none !important; clip-path: none !important; font: 13px/1.3 system-ui, sans-serif; }
    :host(:not(:popover-open)) { display: block !important; }
    .bar { display: flex; justify-content: flex-end; gap: 4px; }
    button { font: inherit; border: 1px solid #0f766e; background: #fff; color: #0f172a; border-radius: 16px;
      padding: 5px 12px; cursor: pointer; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
    button:focus-visible { outline: 3px solid #f59e0b; outline-offset: 1px; }
    [data-mycc-toggle] .dot { display: inline-block; width: 9px; height: 9px; border-radius: 50%; margin-right: 6px;
      background: #9ca3af; vertical-align: middle; }
    [data-state="ready"] .dot { background: #16a34a; }
    [data-state="ringing"] .dot { background: #f59e0b; animation: pulse 0.8s infinite alternate; }
    [data-state="inCall"] .dot { background: #dc2626; }
    @keyframes pulse { to { transform: scale(1.5); } }
    @media (prefers-reduced-motion: reduce) { [data-state="ringing"] .dot { animation: none; } }
    .panel { margin-top: 6px; background: #fff; border: 1px solid #94a3b8; border-radius: 8px; overflow: hidden;
      box-shadow: 0 6px 24px rgba(0,0,0,.3); }
    .panel[hidden] { display: block !important; position: fixed !important; left: -10000px !important; top: 0 !important; }
    .notice { margin-top: 6px; max-width: 320px; margin-left: auto; background: #1e293b; color: #fff; padding: 8px 10px;
      border-radius: 6px; }
    .notice[hidden], .waiting[hidden] { display: none; }
    .announcer { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .waiting { margin-top: 6px; max-width: 320px; margin-left: auto; display: flex; gap: 8px; align-items: center;
      background: #fffbeb; color: #713f12; border: 1px solid #d97706; padding: 6px 8px; border-radius: 6px; }
    .waiting span { flex: 1; }
    .numbers { margin-top: 6px; max-width: 320px; max-height: 50vh; overflow: auto; margin-left: auto; background: #fff;
      color: #0f172a; border: 1px solid #94a3b8; border-radius: 8px; padding: 6px; box-shadow: 0 6px 24px rgba(0,0,0,.3); }
    .numbers[hidden] { display: none; }
    .numbers ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; }
    .numbers li button { width: 100%; text-align: left; border-radius: 6px; box-shadow: none; }
    @media (forced-colors: active) { button, .panel, .numbers { border: 1px solid ButtonText; } }
    @media (prefers-color-scheme: dark) {
      button { background: #1e293b; color: #e2e8f0; border-color: #5eead4; }
      .panel, .numbers { background: #0f172a; color: #e2e8f0; border-color: #475569; }
      .waiting { background: #422006; color: #fde68a; border-color: #f59e0b; }
    }
  `;

  let dockKey = null;
  // Where the dock frame's document is: the extension's own origin. Chrome loads it through a
  // per-session address (use_dynamic_url), and the document then has the extension's origin, not
  // that address's.
  let dockOrigin = null;
  let channel = null; // our end of the private channel to the dock frame

  /**
   * Each time the dock frame loads, it is handed its key and a MessagePort, to the extension's
   * origin only: the key is in nothing the page can read, and pokes come only through the port.
   */
  function handOver(frame) {
    channel?.close();
    const { port1, port2 } = new MessageChannel();
    channel = port1;
    frame.contentWindow?.postMessage({ [DOCK_FRAME_KEY]: dockKey }, dockOrigin, [port2]);
  }

  function build(dockUrl) {
    host = document.createElement('div');
    host.setAttribute('data-mycc-dock', '');
    host.setAttribute('popover', 'manual');
    const shadow = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    const bar = document.createElement('div');
    bar.className = 'bar';
    const size = document.createElement('button');
    size.type = 'button';
    size.className = 'size';
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.setAttribute('data-mycc-toggle', '');
    toggle.setAttribute('aria-controls', 'mycc-panel');
    const dot = document.createElement('span');
    dot.className = 'dot';
    dot.setAttribute('aria-hidden', 'true');
    const label = document.createElement('span');
    toggle.append(dot, label);
    const listButton = document.createElement('button');
    listButton.type = 'button';
    listButton.setAttribute('data-mycc-numbers', '');
    listButton.setAttribute('aria-controls', 'mycc-numbers');
    listButton.setAttribute('aria-expanded', 'false');
    listButton.textContent = t('dockNumbers');
    bar.append(listButton, size, toggle);
    const list = document.createElement('div');
    list.className = 'numbers';
    list.id = 'mycc-numbers';
    list.setAttribute('role', 'region');
    list.setAttribute('aria-label', t('dockNumbers'));
    list.hidden = true;
    const panel = document.createElement('div');
    panel.className = 'panel';
    panel.id = 'mycc-panel';
    panel.setAttribute('role', 'region');
    panel.setAttribute('aria-label', t('dockRegion'));
    const frame = document.createElement('iframe');
    frame.setAttribute('allow', 'microphone; camera');
    frame.setAttribute('title', t('dockFrameTitle'));
    frame.src = dockUrl;
    frame.addEventListener('load', () => handOver(frame));
    // The dock frame lives in a closed shadow root: the page can reach the toggle (the public
    // part of the dock), but not the frame, its address or the WebPhone's window (frames in a
    // shadow tree are not in window.frames either).
    const sealed = panel.attachShadow({ mode: 'closed' });
    const sealedStyle = document.createElement('style');
    sealedStyle.textContent = ':host { display: block; width: 100%; height: 100%; } iframe { display: block; border: 0; width: 100%; height: 100%; }';
    sealed.append(sealedStyle, frame);
    const notice = document.createElement('div');
    notice.className = 'notice';
    notice.setAttribute('role', 'status');
    notice.hidden = true;
    const waiting = document.createElement('div');
    waiting.className = 'waiting';
    waiting.setAttribute('data-mycc-waiting', '');
    waiting.setAttribute('role', 'status');
    waiting.hidden = true;
    const waitingText = document.createElement('span');
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.setAttribute('data-mycc-cancel', '');
    cancel.textContent = t('dialCancel');
    waiting.append(waitingText, cancel);
    // A ringing call is announced in the CRM page itself, politely (the agent may be typing).
    const announcer = document.createElement('div');
    announcer.className = 'announcer';
    announcer.setAttribute('role', 'status');
    announcer.setAttribute('aria-live', 'polite');
    shadow.append(style, bar, list, panel, waiting, notice, announcer);
    listButton.addEventListener('click', (event) => event.isTrusted && showNumbers(list.hidden));
    toggle.addEventListener('click', (event) => event.isTrusted && setOpen(!view.open));
    size.addEventListener('click', (event) => {
      if (!event.isTrusted) return;
      view.size = view.size === 'small' ? 'large' : 'small';
      render();
      save();
    });
    cancel.addEventListener('click', (event) => event.isTrusted && waitingFor?.cancel());
    parts = { toggle, label, size, panel, notice, frame, waiting, waitingText, cancel, listButton, list, announcer };
  }

  /** The numbers on this page as a list of buttons, one per number, in page order. */
  function showNumbers(open) {
    if (!parts) return;
    const { listButton, list } = parts;
    listButton.setAttribute('aria-expanded', String(open));
    list.hidden = !open;
    list.replaceChildren();
    if (!open) return;
    const entries = numbers.list();
    if (!entries.length) {
      list.textContent = t('dockNumbersNone');
      return;
    }
    const ul = document.createElement('ul');
    for (const { text, e164, dial } of entries) {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.setAttribute('data-mycc-number', e164);
      button.textContent = text;
      button.setAttribute('aria-label', t('dockNumbersCall', [text, dial]));
      button.addEventListener('click', (event) => event.isTrusted && numbers.dial(e164));
      li.append(button);
      ul.append(li);
    }
    list.append(ul);
    ul.querySelector('button').focus();
  }

  function render() {
    const { toggle, label, size, panel } = parts;
    const state = toggle.dataset.state || 'notRegistered';
    label.textContent = `myCC · ${t(`state_${state}`)}`;
    toggle.setAttribute('aria-expanded', String(view.open));
    toggle.setAttribute('aria-label', t(view.open ? 'dockHide' : 'dockShow') + ` (${t(`state_${state}`)})`);
    toggle.title = t('dockToggleTitle');
    size.textContent = view.size === 'small' ? '⤢' : '⤡';
    size.setAttribute('aria-label', t(view.size === 'small' ? 'dockLarger' : 'dockSmaller'));
    size.hidden = !view.open;
    panel.hidden = !view.open;
    // Closed means closed for keyboards and screen readers too: the WebPhone keeps running
    // off-screen, but no Tab stop lands in it.
    panel.inert = !view.open;
    const [width, height] = SIZES[view.size] ?? SIZES.small;
    panel.style.width = `${width}px`;
    panel.style.height = `${height}px`;
  }

  function save() {
    api.storage.local.set({ dockView: view }).catch(() => undefined);
  }

  function setOpen(open) {
    if (!host) return;
    view.open = open;
    render();
    save();
  }

  // A page that removes the dock is answered, but never fought: past REATTACH_BURST re-attachments
  // within REATTACH_WINDOW_MS the dock waits longer each time, and after REATTACH_GIVE_UP waits it
  // stays out and says so (the popup tells the agent).
  const REATTACH_BURST = 5;
  const REATTACH_WINDOW_MS = 10000;
  const REATTACH_GIVE_UP = 6;
  let reattached = [];
  let backoffs = 0;
  let backoffTimer = 0;
  let onGiveUp = () => {};

  /** In the top layer: above any z-index the page uses, and above overlays added after us. */
  function raise() {
    if (!host.isConnected || typeof host.showPopover !== 'function') return;
    try {
      if (!host.matches(':popover-open')) host.showPopover();
    } catch {
      // an older browser, or the page made the document unable to show popovers
    }
  }

  function attach() {
    if (!host || backoffTimer) return;
    if (host.isConnected) {
      raise();
      return;
    }
    const now = Date.now();
    reattached = reattached.filter((at) => now - at < REATTACH_WINDOW_MS);
    if (reattached.length >= REATTACH_BURST) {
      if (++backoffs > REATTACH_GIVE_UP) {
        keeper?.disconnect();
        onGiveUp();
        return;
      }
      backoffTimer = setTimeout(() => {
        backoffTimer = 0;
        reattached = [];
        attach();
      }, 1000 * 2 ** backoffs);
      return;
    }
    reattached.push(now);
    const root = document.documentElement;
    if (!root) return;
    // A new <html>: document.open() replaced the document, and erased every event listener in it,
    // the dock's own included (its buttons, its frame's load). The dock is built anew.
    if (attachedRoot && root !== attachedRoot) rebuild();
    attachedRoot = root;
    root.append(host);
    keeper?.observe(root, { childList: true });
    raise();
  }

  let attachedRoot = null;

  /** A fresh dock host in place of one whose listeners the page erased; same frame address and state. */
  function rebuild() {
    const state = parts?.toggle.dataset.state;
    const url = parts?.frame.src;
    channel?.close();
    channel = null;
    build(url);
    if (state) parts.toggle.dataset.state = state;
    render();
  }

  async function mount(dockUrl, key, origin) {
    if (host) return;
    const stored = await api.storage.local.get('dockView').catch(() => ({}));
    // The content script starts before the page has an <html> element.
    if (!document.documentElement) await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
    if (host) return;
    view = { ...view, ...(stored.dockView ?? {}) };
    dockKey = key;
    dockOrigin = origin;
    build(dockUrl);
    // Put the dock back if the page removes it (some SPAs rebuild <html>'s children) or replaces
    // the whole document (document.open()).
    keeper = new MutationObserver(attach);
    keeper.observe(document, { childList: true });
    attach();
    render();
  }

  function unmount() {
    attachedRoot = null;
    channel?.close();
    channel = null;
    clearTimeout(backoffTimer);
    backoffTimer = 0;
    reattached = [];
    backoffs = 0;
    clearTimeout(waitingFor?.expiryTimer);
    waitingFor = null;
    keeper?.disconnect();
    host?.remove();
    host = null;
    parts = null;
  }

  function setPhoneState(state) {
    if (!parts) return;
    parts.toggle.dataset.state = state;
    render();
  }

  function clearNotice() {
    clearTimeout(noticeTimer);
    if (!parts) return;
    parts.notice.hidden = true;
    parts.notice.textContent = '';
  }

  function notice(text) {
    if (!parts) return;
    parts.notice.textContent = text;
    parts.notice.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(clearNotice, 6000);
  }

  /**
   * A click waits for the WebPhone: the bar says so, with a Cancel, until the background says
   * what became of it, or until it expires (the background never hands out an expired one).
   */
  function showWaiting({ id, dial, expiresAt }, cancel) {
    if (!parts) return;
    clearTimeout(waitingFor?.expiryTimer);
    const expiryTimer = setTimeout(() => endWaiting(id, t('dialExpired', [dial])), Math.max(0, expiresAt - Date.now()));
    waitingFor = { id, expiryTimer, cancel };
    clearNotice(); // an older word ("Calling …") must not stand beside a click that waits
    parts.waitingText.textContent = t('dialWaiting', [dial]);
    parts.cancel.setAttribute('aria-label', t('dialCancelLabel', [dial]));
    parts.waiting.hidden = false;
  }

  function endWaiting(id, words) {
    if (!parts || waitingFor?.id !== id) return;
    clearTimeout(waitingFor.expiryTimer);
    waitingFor = null;
    parts.waiting.hidden = true;
    notice(words);
  }

  /** Says `text` to screen readers in the page (a ringing call), without showing anything. */
  function announce(text) {
    if (parts) parts.announcer.textContent = text;
  }

  /** Tells the dock frame to ask the background for news; the message itself carries none. */
  function poke() {
    channel?.postMessage('poke');
  }

  myccLifecycle.onEnd(unmount);
  return {
    mount,
    onGiveUp: (listener) => (onGiveUp = listener),
    poke,
    unmount,
    show: () => setOpen(true),
    hide: () => setOpen(false),
    toggle: () => setOpen(!view.open),
    setPhoneState,
    notice,
    showWaiting,
    endWaiting,
    announce,
    isOurs: (node) => node === host,
    /** Where the numbers list gets its entries ([{text, e164, dial}]) and how it dials. */
    setNumbers: (source) => (numbers = source),
    showNumbers,
  };
})();
