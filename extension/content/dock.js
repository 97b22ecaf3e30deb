'use strict';
// The dock in the page: a toggle button and a panel holding the extension's dock frame
// (dock.html), which holds the WebPhone. It lives in an open shadow root on <html>, so the
// page's CSS can't restyle it, and it is put back if the page removes it. The dock frame is
// extension-origin, so it loads (and runs wasm) even on pages with a strict CSP.
// The agent drags it (the toggle, or the open bar's move handle) to any edge, or moves it with
// arrow keys on the handle; where it sits is content/dock-place.js's decision, kept per CRM.

var myccDock = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const { DOCK_FRAME_KEY } = globalThis.myccProtocol;
  const placing = globalThis.myccDockPlace;
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
  const SIZES = { small: [340, 480], large: [420, 680] };
  let host = null;
  let parts = null;
  let keeper = null;
  let view = { open: false, size: 'small' };
  let place = { ...placing.DEFAULT_PLACE }; // where the dock sits, for this page's CRM
  let placeKey = placing.storageKey('');
  let drag = null; // {pointerId, from, rect, moved}: a press on the toggle or the move handle
  let dragAt = null; // {x, y}: the dock's top left corner while it follows the pointer
  let dragEnded = false; // the click that ends a drag toggles nothing
  let dragStack = ''; // while the dock follows the pointer its stack keeps its order (no jump under the pointer)
  let returnFocus = null; // where focus was before the shortcut brought it into the dock
  let card = null; // the call card (the background's: direction, number as written, since)
  let cardTimer = 0;
  let noticeTimer = 0;
  let waitingFor = null; // {id, expiryTimer}: the click that waits for the WebPhone
  let numbers = { list: async () => [], dial: () => undefined }; // the page's marked numbers (main.js)

  const STYLE = `
    :host { all: initial; position: fixed !important; inset: 8px 8px auto auto !important; margin: 0 !important;
      padding: 0 !important; border: 0 !important; background: transparent !important; overflow: visible !important;
      width: auto !important; height: auto !important; z-index: 2147483647 !important; display: block !important;
      visibility: visible !important; opacity: 1 !important; pointer-events: auto !important; transform: none !important;
      filter: none !important; clip-path: none !important; font: 13px/1.3 system-ui, sans-serif; }
    :host(:not(:popover-open)) { display: block !important; }
    .dock { display: flex; flex-direction: column; align-items: flex-end; gap: 6px; }
    .bar { display: flex; gap: 4px; align-items: center; }
    button { font: inherit; border: 1px solid #0f766e; background: #fff; color: #0f172a; border-radius: 16px;
      padding: 5px 12px; cursor: pointer; box-shadow: 0 1px 4px rgba(0,0,0,.25); white-space: nowrap; }
    button[hidden] { display: none; }
    [data-mycc-toggle], [data-mycc-move] { touch-action: none; user-select: none; -webkit-user-select: none; }
    [data-mycc-move] { cursor: move; }
    .dragging, .dragging * { cursor: grabbing !important; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .card { background: #0f172a; color: #fff; border-radius: 12px; padding: 4px 10px; white-space: nowrap;
      font-variant-numeric: tabular-nums; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
    .card[hidden] { display: none; }
    .dock[data-compact="true"] [data-mycc-toggle] { padding: 4px 8px; }
    .dock[data-compact="true"][data-edge="right"] [data-mycc-toggle] { border-radius: 8px 0 0 8px; }
    .dock[data-compact="true"][data-edge="left"] [data-mycc-toggle] { border-radius: 0 8px 8px 0; }
    .dock[data-compact="true"][data-edge="top"] [data-mycc-toggle] { border-radius: 0 0 8px 8px; }
    .dock[data-compact="true"][data-edge="bottom"] [data-mycc-toggle] { border-radius: 8px 8px 0 0; }
    button:focus-visible { outline: 3px solid #f59e0b; outline-offset: 1px; }
    [data-mycc-toggle] .dot { display: inline-block; width: 9px; height: 9px; border-radius: 50%; margin-right: 6px;
      background: #9ca3af; vertical-align: middle; }
    [data-state="ready"] .dot { background: #16a34a; }
    [data-state="ringing"] .dot { background: #f59e0b; animation: pulse 0.8s infinite alternate; }
    [data-state="inCall"] .dot { background: #dc2626; }
    @keyframes pulse { to { transform: scale(1.5); } }
    @media (prefers-reduced-motion: reduce) { [data-state="ringing"] .dot { animation: none; } }
    .panel { max-width: calc(100vw - 16px); max-height: calc(100vh - 64px); background: #fff; border: 1px solid #94a3b8; border-radius: 8px; overflow: hidden;
      box-shadow: 0 6px 24px rgba(0,0,0,.3); }
    .panel[hidden] { display: block !important; position: fixed !important; left: -10000px !important; top: 0 !important; }
    .notice { max-width: 320px; background: #1e293b; color: #fff; padding: 8px 10px;
      border-radius: 6px; }
    .notice[hidden], .waiting[hidden] { display: none; }
    .announcer { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .waiting { max-width: 320px; display: flex; gap: 8px; align-items: center;
      background: #fffbeb; color: #713f12; border: 1px solid #d97706; padding: 6px 8px; border-radius: 6px; }
    .waiting span { flex: 1; }
    .numbers { max-width: 320px; max-height: 50vh; overflow: auto; background: #fff;
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

  /** A button that shows a glyph: named and titled in words, marked for tests by `attribute`. */
  function glyphButton(attribute, glyph, labelKey, titleKey) {
    const button = document.createElement('button');
    button.type = 'button';
    button.setAttribute(attribute, '');
    button.textContent = glyph;
    button.setAttribute('aria-label', t(labelKey));
    button.title = t(titleKey);
    return button;
  }

  function build(dockUrl) {
    host = document.createElement('div');
    host.setAttribute('data-mycc-dock', '');
    host.setAttribute('popover', 'manual');
    const shadow = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    const placeStyle = document.createElement('style');
    // The landmark: screen-reader users reach the dock by it ("myCC WebPhone"), keyboards by the shortcut.
    const dock = document.createElement('div');
    dock.className = 'dock';
    dock.setAttribute('role', 'region');
    dock.setAttribute('aria-label', t('dockRegion'));
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
    // The name is the visible text ("myCC · Ready"); in the compact tab the state is only hidden
    // from sight, so the name still holds what is seen.
    const label = document.createElement('span');
    const brand = document.createElement('span');
    brand.textContent = 'myCC';
    const stateText = document.createElement('span');
    label.append(brand, stateText);
    toggle.append(dot, label);
    const move = glyphButton('data-mycc-move', '✥', 'dockMove', 'dockMoveTitle');
    move.setAttribute('aria-keyshortcuts', 'ArrowUp ArrowDown ArrowLeft ArrowRight');
    const compact = glyphButton('data-mycc-compact', '▭', 'dockCompact', 'dockCompactTitle');
    const callCard = document.createElement('span');
    callCard.className = 'card';
    callCard.setAttribute('data-mycc-card', '');
    callCard.hidden = true;
    const listButton = document.createElement('button');
    listButton.type = 'button';
    listButton.setAttribute('data-mycc-numbers', '');
    listButton.setAttribute('aria-controls', 'mycc-numbers');
    listButton.setAttribute('aria-expanded', 'false');
    listButton.textContent = t('dockNumbers');
    bar.append(callCard, listButton, move, compact, size, toggle);
    const list = document.createElement('div');
    list.className = 'numbers';
    list.id = 'mycc-numbers';
    list.setAttribute('role', 'region');
    list.setAttribute('aria-label', t('dockNumbers'));
    list.hidden = true;
    const panel = document.createElement('div');
    panel.className = 'panel';
    panel.id = 'mycc-panel';
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
    dock.append(bar, list, panel, waiting, notice, announcer);
    shadow.append(style, placeStyle, dock);
    listButton.addEventListener('click', (event) => event.isTrusted && showNumbers(list.hidden));
    toggle.addEventListener('click', (event) => {
      if (!event.isTrusted || endsDrag(event)) return;
      setOpen(!view.open);
    });
    move.addEventListener('click', (event) => {
      if (!event.isTrusted || endsDrag(event)) return;
      movePlace(placing.nextCorner(place));
    });
    move.addEventListener('keydown', (event) => {
      if (!event.isTrusted || event.altKey || event.ctrlKey || event.metaKey) return;
      const next = placing.byKey(place, event.key);
      if (!next) return;
      event.preventDefault();
      movePlace(next);
    });
    compact.addEventListener('click', (event) => event.isTrusted && movePlace({ ...place, compact: !place.compact }));
    // Esc in the dock's own controls closes it, and focus stays on the toggle.
    dock.addEventListener('keydown', (event) => {
      if (!event.isTrusted || event.key !== 'Escape' || !view.open) return;
      setOpen(false);
      toggle.focus();
    });
    for (const handle of [toggle, move]) draggable(handle);
    size.addEventListener('click', (event) => {
      if (!event.isTrusted) return;
      view.size = view.size === 'small' ? 'large' : 'small';
      render();
      save();
    });
    cancel.addEventListener('click', (event) => event.isTrusted && waitingFor?.cancel());
    parts = { dock, placeStyle, toggle, stateText, move, compact, callCard, size, panel, notice, frame, waiting, waitingText, cancel, listButton, list, announcer };
  }

  /**
   * The numbers on this page as a list of buttons, one per number, in page order (every frame's:
   * the background collects them). Shown once they are there, so a reader meets a full list.
   */
  let numbersAsked = 0;
  async function showNumbers(open) {
    if (!parts) return;
    const { listButton, list } = parts;
    const asked = ++numbersAsked;
    if (!open) {
      listButton.setAttribute('aria-expanded', 'false');
      list.hidden = true;
      list.replaceChildren();
      return;
    }
    const entries = await numbers.list();
    if (asked !== numbersAsked || parts?.list !== list) return;
    listButton.setAttribute('aria-expanded', 'true');
    list.replaceChildren();
    list.hidden = false;
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
    const { dock, toggle, stateText, size, panel, move, compact, listButton } = parts;
    const state = toggle.dataset.state || 'notRegistered';
    const tab = place.compact && !view.open;
    stateText.textContent = ` · ${t(`state_${state}`)}`;
    stateText.className = tab ? 'sr' : '';
    toggle.setAttribute('aria-expanded', String(view.open));
    toggle.title = t('dockToggleTitle');
    size.textContent = view.size === 'small' ? '⤢' : '⤡';
    size.setAttribute('aria-label', t(view.size === 'small' ? 'dockLarger' : 'dockSmaller'));
    size.hidden = move.hidden = compact.hidden = !view.open;
    compact.setAttribute('aria-pressed', String(place.compact));
    listButton.hidden = tab;
    panel.hidden = !view.open;
    // Closed means closed for keyboards and screen readers too: the WebPhone keeps running
    // off-screen, but no Tab stop lands in it.
    panel.inert = !view.open;
    const [width, height] = SIZES[view.size] ?? SIZES.small;
    panel.style.width = `${width}px`;
    panel.style.height = `${height}px`;
    dock.dataset.edge = place.edge;
    dock.dataset.compact = String(tab);
    renderPlace();
    renderCard();
  }

  /** The dock where it sits, or where the pointer drags it. */
  function renderPlace() {
    if (!parts) return;
    const { placeStyle } = parts;
    if (dragAt) {
      const box = host.getBoundingClientRect();
      placeStyle.textContent = placing.cssAt(dragAt.x, dragAt.y, { width: box.width, height: box.height }, viewport()) +
        ` .dock { ${dragStack} }`;
    } else {
      placeStyle.textContent = placing.css(place, { flush: place.compact && !view.open });
    }
  }

  /** The viewport the fixed dock lives in (without scroll bars). */
  function viewport() {
    const box = document.compatMode === 'CSS1Compat' || !document.body ? document.documentElement : document.body;
    return { width: box.clientWidth || innerWidth, height: box.clientHeight || innerHeight };
  }

  /** The click that ends a drag (a pointer press that moved) toggles and moves nothing. */
  function endsDrag(event) {
    if (!dragEnded) return false;
    dragEnded = false;
    return event.detail !== 0; // a key's click is never the end of a drag
  }

  /** A press on `handle` that moves past the threshold drags the dock; on release it snaps to an edge. */
  function draggable(handle) {
    handle.addEventListener('pointerdown', (event) => {
      if (!event.isTrusted || !event.isPrimary || event.button !== 0) return;
      dragEnded = false;
      drag = { pointerId: event.pointerId, from: { x: event.clientX, y: event.clientY }, rect: host.getBoundingClientRect(), moved: false };
      // The pointer leaves the small button at once: its moves and release must still come here.
      handle.setPointerCapture?.(event.pointerId);
    });
    handle.addEventListener('pointermove', (event) => {
      if (!drag || event.pointerId !== drag.pointerId || !event.isTrusted) return;
      const at = { x: event.clientX, y: event.clientY };
      if (!drag.moved) {
        if (!placing.isDrag(drag.from, at)) return;
        drag.moved = true;
        const stack = getComputedStyle(parts.dock);
        dragStack = `flex-direction: ${stack.flexDirection}; align-items: ${stack.alignItems};`;
        parts.dock.classList.add('dragging');
      }
      dragAt = { x: drag.rect.left + at.x - drag.from.x, y: drag.rect.top + at.y - drag.from.y };
      renderPlace();
    });
    const release = (event) => {
      if (!drag || event.pointerId !== drag.pointerId) return;
      const moved = drag.moved;
      drag = null;
      if (!moved || !parts) return;
      parts.dock.classList.remove('dragging');
      dragEnded = event.type === 'pointerup';
      const box = host.getBoundingClientRect();
      dragAt = null;
      movePlace(placing.snap({ left: box.left, top: box.top, width: box.width, height: box.height }, viewport(), place.compact));
    };
    handle.addEventListener('pointerup', release);
    handle.addEventListener('pointercancel', release);
  }

  /** The dock at a new place, kept for this CRM. */
  function movePlace(next) {
    place = placing.normalize(next);
    render();
    api.storage.local.set({ [placeKey]: place }).catch(() => undefined);
  }

  /** The call card in the bar while a call rings or is up, its timer running. */
  function renderCard() {
    if (!parts) return;
    const { toggle, callCard } = parts;
    const state = toggle.dataset.state;
    const up = card && (state === 'ringing' || state === 'inCall');
    clearInterval(cardTimer);
    cardTimer = 0;
    if (callCard.hidden !== !up) callCard.hidden = !up;
    if (!up) return;
    // The timer's ticks edit one text node in place: replacing the node (textContent) or any
    // attribute or style would cost Chromium a rebuild of every marked number's highlight
    // marker each second (ARCHITECTURE.md, "What a highlight costs"). None while the tab is not seen.
    const text = callCard.firstChild ?? callCard.appendChild(document.createTextNode(''));
    const write = () => {
      const next = myccCallCard.describe(card, state, Date.now(), t);
      if (text.data !== next) text.data = next;
    };
    const tick = () => document.hidden || write();
    write();
    cardTimer = setInterval(tick, 1000);
  }

  function setCallCard(next) {
    card = next && typeof next === 'object' && typeof next.shown === 'string' ? next : null;
    renderCard();
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

  /**
   * The shortcut (and the popup's button): open with focus on the toggle, from where Tab goes
   * into the WebPhone; close with focus back where it was.
   */
  function toggleWithFocus() {
    if (!parts) return;
    const open = !view.open;
    const focused = host.shadowRoot.activeElement != null;
    if (open && !focused) returnFocus = document.activeElement;
    setOpen(open);
    if (open) parts.toggle.focus();
    else if (focused) {
      const back = returnFocus?.isConnected ? returnFocus : null;
      returnFocus = null;
      if (back && back !== document.body) back.focus();
      else parts.toggle.focus();
    }
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

  // The dock's stored view and place, read ahead: a page that is still loading gets its dock at
  // DOMContentLoaded, in that task, so that the page's first frame after parsing (which also
  // draws the page's marks) takes the dock along rather than paying for another frame of its own.
  let storedRead = null; // {key, promise}
  function prepare(crmName) {
    const key = placing.storageKey(crmName);
    if (storedRead?.key !== key) storedRead = { key, promise: api.storage.local.get(['dockView', key]).catch(() => ({})) };
    return storedRead;
  }

  async function mount(dockUrl, key, origin, crmName) {
    if (host) return;
    const { key: keyOfPlace, promise } = prepare(crmName);
    const stored = await promise;
    storedRead = null; // a later mount reads what was stored meanwhile
    // The content script starts before the page has an <html> element.
    if (!document.documentElement) await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
    if (host) return;
    view = { ...view, ...(stored.dockView ?? {}) };
    placeKey = keyOfPlace;
    place = placing.normalize(stored[keyOfPlace]);
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
    clearInterval(cardTimer);
    cardTimer = 0;
    drag = dragAt = returnFocus = null;
    keeper?.disconnect();
    host?.remove();
    host = null;
    parts = null;
  }

  function setPhoneState(state) {
    if (!parts) return;
    parts.toggle.dataset.state = state;
    // A call's card ends with the call: the next call's card comes once the background has it.
    if (state !== 'ringing' && state !== 'inCall') card = null;
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
    prepare: (crmName) => void prepare(crmName),
    mount,
    onGiveUp: (listener) => (onGiveUp = listener),
    poke,
    unmount,
    show: () => setOpen(true),
    hide: () => setOpen(false),
    toggle: toggleWithFocus,
    setPhoneState,
    setCallCard,
    notice,
    showWaiting,
    endWaiting,
    announce,
    isOurs: (node) => node === host,
    /** Where the numbers list gets its entries (a promise of [{text, e164, dial}]) and how it dials. */
    setNumbers: (source) => (numbers = source),
    showNumbers,
  };
})();
