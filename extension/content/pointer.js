'use strict';
// Calling a marked number: a trusted click on it (hit-tested, since there is no element to
// click), a call chip while the pointer is over it, hint mode for the keyboard (the browser
// command `open-hints`, Alt+Shift+K unless rebound: a letter over each number on screen in every
// frame of the tab, type it to call, Esc to leave; background/hints.js hands out the labels), and
// this frame's part of the dock's numbers list. The chip and the hints live in a closed shadow
// root of our own on <html>, put in when the page is first idle after start() (or at the first
// pointer move); the hints' text is set with textContent only.
// The chip is drawn on a canvas over the viewport, never built or moved as an element: in
// Chromium any change to the page's DOM or style (an element shown, moved, its text replaced)
// makes the next frame rebuild the marker of every marked number (ARCHITECTURE.md, "What a
// highlight costs"), and the chip follows the pointer; drawing changes neither.

var myccPointer = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
  const { MSG, HINT_LETTERS: LETTERS } = globalThis.myccProtocol; // the background's hint labels are made of LETTERS
  const STYLE = `
    :host { all: initial; outline: none !important; position: fixed !important; inset: 0 !important; pointer-events: none !important;
      z-index: 2147483646 !important; font: 12px/1.2 system-ui, sans-serif; }
    canvas { position: fixed; inset: 0; width: 100%; height: 100%; }
    .hint { position: fixed; box-shadow: 0 1px 4px rgba(0,0,0,.3); white-space: nowrap; background: #fde047;
      color: #0f172a; border: 1px solid #0f172a; border-radius: 4px; padding: 1px 4px; font-weight: 700;
      text-transform: uppercase; }
    [hidden] { display: none; }
    @media (forced-colors: active) { .hint { border: 1px solid CanvasText; } }
  `;
  let options = null; // {dial, send, country}
  let host = null;
  let root = null;
  let canvas = null; // the chip's layer
  let sizer = null; // its ResizeObserver
  let layer = { width: 0, height: 0, ratio: 1 }; // the canvas in CSS pixels, as last laid out
  let chip = null; // {range, text} drawn on it now
  let prepared = null; // {session, marks}: the numbers on screen, between the two steps of hint mode
  let hints = null; // while hint mode is on: {session, labels, numbers, badges, typed}
  let focusBefore = null; // where focus was, when hint mode took it
  let hovered = null;
  let moveFrame = 0;

  const isOurs = (node) => node === host;

  function ensureHost() {
    if (host) {
      if (!host.isConnected) document.documentElement.append(host);
      return;
    }
    host = document.createElement('div');
    host.setAttribute('data-mycc-overlay', '');
    root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    canvas = document.createElement('canvas');
    // Sized when the browser lays it out, never by reading the layout ourselves: a read would
    // force the page's layout (a big table's) in the task that puts the layer in.
    sizer = new ResizeObserver(([entry]) => sizeLayer(entry));
    try {
      sizer.observe(canvas, { box: 'device-pixel-content-box' });
    } catch {
      sizer.observe(canvas);
    }
    root.append(style, canvas);
    document.documentElement.append(host);
  }

  const CHIP = { font: '12px system-ui, sans-serif', height: 18, padding: 8, radius: 9 };
  function sizeLayer(entry) {
    const css = entry.contentBoxSize?.[0];
    if (!css) return;
    const ratio = devicePixelRatio || 1;
    const device = entry.devicePixelContentBoxSize?.[0];
    const [width, height] = device ? [device.inlineSize, device.blockSize] : [Math.round(css.inlineSize * ratio), Math.round(css.blockSize * ratio)];
    layer = { width: css.inlineSize, height: css.blockSize, ratio };
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    chip = null; // a canvas sized again is blank
  }

  /** Draws the chip above (or below) a number's box. */
  function drawChip(rect, text) {
    ensureHost();
    const { width, height, ratio } = layer;
    if (!width) return false; // not laid out yet
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.font = CHIP.font;
    const chipWidth = ctx.measureText(text).width + 2 * CHIP.padding;
    const x = Math.max(0, Math.min(rect.left, width - chipWidth));
    const y = rect.top > 28 ? rect.top - 24 : rect.bottom + 4;
    const forced = matchMedia('(forced-colors: active)').matches;
    ctx.beginPath();
    ctx.roundRect(x, y, chipWidth, CHIP.height, CHIP.radius);
    ctx.save();
    Object.assign(ctx, { shadowColor: 'rgba(0,0,0,.3)', shadowBlur: 4, shadowOffsetY: 1, fillStyle: forced ? 'Canvas' : '#0f172a' });
    ctx.fill();
    ctx.restore();
    if (forced) {
      Object.assign(ctx, { strokeStyle: 'CanvasText', lineWidth: 1 });
      ctx.stroke();
    }
    Object.assign(ctx, { fillStyle: forced ? 'CanvasText' : '#fff', textBaseline: 'middle' });
    ctx.fillText(text, x + CHIP.padding, y + CHIP.height / 2);
    return true;
  }

  function hideChip() {
    if (!chip) return;
    chip = null;
    const ctx = canvas.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0); // drawChip left the device-pixel scale on it
    ctx.clearRect(0, 0, canvas.width, canvas.height);
  }

  const dialString = (e164) => myccEngine.dialString(e164, options.country);

  /** The number under a click: dials it, and the page's own handlers for that click never run. */
  function onClick(event) {
    if (!options || event.button !== 0 || !myccLifecycle.alive()) return;
    const selection = getSelection();
    if (selection && !selection.isCollapsed) return; // the agent is selecting text (or dragged)
    const hit = myccMarks.at(event.clientX, event.clientY);
    if (!hit) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (event.isTrusted) options.dial(hit.e164); // a page script's click dials nothing
  }

  function showChip() {
    moveFrame = 0;
    // Before the hello's answer (marking starts earlier) a click would not dial: no chip either.
    const hit = options && hovered && myccMarks.at(hovered.x, hovered.y);
    if (!hit) return hideChip();
    if (hit.range === chip?.range) return; // drawn already (a scroll or a resize clears it)
    const text = t('callLabel', [dialString(hit.e164)]);
    if (drawChip(hit.range.getBoundingClientRect(), text)) chip = { range: hit.range, text };
  }

  function onMove(event) {
    if (!host && options) ensureHost(); // the page was never idle yet
    hovered = { x: event.clientX, y: event.clientY };
    moveFrame ||= requestAnimationFrame(showChip);
  }

  /** Ranges in page order; one in a shadow root counts at its host's place. */
  function pageOrder(a, b) {
    const [x, y] = [a.startContainer, b.startContainer];
    if (x.getRootNode() === y.getRootNode()) return a.compareBoundaryPoints(Range.START_TO_START, b);
    const outer = (node) => {
      for (let root = node.getRootNode(); root instanceof ShadowRoot; root = node.getRootNode()) node = root.host;
      return node;
    };
    const [ox, oy] = [outer(x), outer(y)];
    if (ox === oy) return 0;
    return ox.compareDocumentPosition(oy) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  }

  const marksInOrder = () => myccMarks.all().sort((a, b) => pageOrder(a.range, b.range));

  /**
   * This frame's place among the tab's frames, for the background to put them in the document
   * order of their iframes: an id for itself, and its child frames' ids in the document order
   * of their elements (window.frames is in the order the frames were made, in both browsers).
   * Firefox names frames (runtime.getFrameId; its window.frames seen from a child of another
   * origin counts frames the parent's content script does not). Chromium has no such call:
   * there the id is the path of indices in window.frames from the top, which a frame can find
   * for itself (its window among its parent's frames) and for its children (their elements'
   * windows).
   */
  function framePlace() {
    const elements = [...document.querySelectorAll('iframe, frame')];
    let kids;
    if (api.runtime.getFrameId) {
      kids = elements.map((el) => {
        try {
          return String(api.runtime.getFrameId(el));
        } catch {
          return '-1';
        }
      });
      return { id: String(api.runtime.getFrameId(window)), kids, active: activeIn(elements, kids) };
    }
    const path = [];
    for (let w = window; w !== w.parent; w = w.parent) {
      const siblings = w.parent.frames;
      let i = 0;
      while (i < siblings.length && siblings[i] !== w) i++;
      path.unshift(i);
    }
    const windows = Array.from({ length: frames.length }, (_, k) => frames[k]);
    // 'top' leads every path, so that no id is '' (activeIn's "a frame we can't name").
    kids = elements.map((el) => ['top', ...path, windows.indexOf(el.contentWindow)].join('.'));
    return { id: ['top', ...path].join('.'), kids, active: activeIn(elements, kids) };
  }

  /**
   * Where this document's focus sits: null in the document itself, else the id of the child
   * frame that holds it, or '' for a frame we can't name (our dock's, or one in a shadow root).
   * Read even while the tab does not have focus (the popup is open): it is where keys go back to.
   */
  function activeIn(elements, kids) {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (active && myccDock.isOurs(active)) return '';
    if (!active || !['iframe', 'frame', 'object', 'embed'].includes(active.localName)) return null;
    const index = elements.indexOf(active);
    return index >= 0 ? kids[index] : '';
  }

  /** The part of this document the agent can see: the viewport, or what the frames above leave of it. */
  function visibleRect() {
    if (window === window.top) return Promise.resolve({ left: 0, top: 0, right: innerWidth, bottom: innerHeight });
    return new Promise((resolve) => {
      // A frame that gets no rendering update (hidden, throttled) never answers: it shows nothing.
      const giveUp = setTimeout(() => {
        observer.disconnect();
        resolve(null);
      }, 300);
      const observer = new IntersectionObserver(([entry]) => {
        clearTimeout(giveUp);
        observer.disconnect();
        resolve(entry?.isIntersecting ? entry.intersectionRect : null);
      });
      observer.observe(document.documentElement);
    });
  }

  /**
   * Hint mode, first step (the background asks every frame of the tab): the numbers on screen
   * here, kept until the labels come back.
   */
  async function hintsPrepare(session) {
    if (!options || !myccLifecycle.alive()) return null;
    const seen = await visibleRect();
    const marks = !seen ? [] : marksInOrder().filter(({ range }) => {
      const rect = range.getBoundingClientRect();
      return rect.width > 0 && rect.bottom > seen.top && rect.top < seen.bottom && rect.right > seen.left && rect.left < seen.right;
    });
    prepared = { session, marks };
    const place = framePlace();
    return { place, numbers: marks.map(({ e164 }) => e164), focused: document.hasFocus() && place.active === null };
  }

  /**
   * Second step: `labels` are the whole tab's, `mine` the slice of them for this frame's numbers;
   * only the frame that dials is handed the numbers (`numbers`, one per label).
   */
  function showHints({ session, labels, mine, numbers, takeFocus }) {
    if (!options || prepared?.session !== session || !Array.isArray(labels) || !Array.isArray(mine)) return;
    const { marks } = prepared;
    prepared = null;
    closeHints();
    ensureHost();
    const badges = new Map();
    labels.slice(mine[0], mine[1]).forEach((label, i) => {
      const rect = marks[i]?.range.getBoundingClientRect();
      if (!rect) return;
      const badge = document.createElement('div');
      badge.className = 'hint';
      badge.textContent = label;
      badge.style.left = `${Math.max(0, rect.left - 4)}px`;
      badge.style.top = `${Math.max(0, rect.top - 14)}px`;
      root.append(badge);
      badges.set(label, badge);
    });
    hints = { session, labels, numbers: Array.isArray(numbers) ? numbers : null, badges, typed: '' };
    if (takeFocus) {
      focusBefore = document.activeElement;
      host.tabIndex = -1;
      host.focus({ preventScroll: true });
    }
  }

  function closeHints() {
    if (!hints) return;
    for (const badge of hints.badges.values()) badge.remove();
    hints = null;
    if (host?.hasAttribute('tabindex')) {
      const back = focusBefore;
      focusBefore = null;
      const hadFocus = document.activeElement === host;
      host.removeAttribute('tabindex');
      if (hadFocus && back?.isConnected) back.focus({ preventScroll: true });
      else if (hadFocus) host.blur();
    }
  }

  /** A key typed in any frame of the tab, the `at`-th of this session: applied once, in order. */
  function typeKey({ session, key, at }) {
    if (!hints || hints.session !== session) return;
    if (key === 'Escape') return closeHints();
    if (at !== hints.typed.length) return; // typed here, and applied already
    const typed = (hints.typed += key);
    const index = hints.labels.indexOf(typed);
    if (index >= 0) {
      const e164 = hints.numbers?.[index];
      closeHints();
      if (typeof e164 === 'string') options.dial(e164);
    } else if (!hints.labels.some((label) => label.startsWith(typed))) {
      closeHints();
    } else {
      for (const [label, badge] of hints.badges) badge.hidden = !label.startsWith(typed);
    }
  }

  /** Hint mode takes the keyboard of the frame that has focus until it ends, in every frame. */
  function onKey(event) {
    if (!hints || !options || !event.isTrusted) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const letter = event.key.length === 1 ? event.key.toLowerCase() : '';
    const key = event.key === 'Escape' ? 'Escape' : LETTERS.includes(letter) && letter ? letter : null;
    if (!key) return;
    const typed = { session: hints.session, key, at: hints.typed.length };
    typeKey(typed);
    options.send({ kind: MSG.HINTS_KEY, ...typed });
  }

  /** The dock's list, for this frame: one entry per number, in page order. */
  function pageNumbers() {
    if (!options || !myccLifecycle.alive()) return null;
    const entries = new Map();
    for (const { range, e164 } of marksInOrder()) {
      if (!entries.has(e164)) entries.set(e164, { text: range.toString(), e164, dial: dialString(e164) });
    }
    return { place: framePlace(), numbers: [...entries.values()] };
  }

  function start(newOptions) {
    options = newOptions;
    // The chip's layer goes into the page once the page is idle (after the first marking): put
    // in and sized, it costs Chromium a rebuild of every marker (see above), which the page's
    // first frames should not wait for, nor the agent's first hover.
    requestIdleCallback(() => options && myccLifecycle.alive() && ensureHost(), { timeout: 5000 });
  }

  function stop() {
    options = null;
    prepared = null;
    closeHints();
    hideChip();
  }

  myccLifecycle.listen(window, 'click', onClick, true);
  myccLifecycle.listen(window, 'pointermove', onMove, { capture: true, passive: true });
  myccLifecycle.listen(window, 'keydown', onKey, true);
  // What moves the number under a still pointer (any element scrolled, the window resized)
  // takes the chip away until the pointer moves; so does the pointer leaving the page.
  myccLifecycle.listen(window, 'scroll', hideChip, { capture: true, passive: true });
  myccLifecycle.listen(window, 'resize', hideChip, { passive: true });
  myccLifecycle.listen(document, 'pointerout', (event) => event.relatedTarget === null && hideChip(), { passive: true });
  myccLifecycle.onEnd(() => {
    stop();
    cancelAnimationFrame(moveFrame);
    sizer?.disconnect();
    host?.remove();
    host = null;
  });
  return {
    start, stop, isOurs, hintsPrepare, showHints, typeKey, pageNumbers,
    hintsOpen: () => hints !== null,
    chipText: () => chip?.text ?? null,
  };
})();
