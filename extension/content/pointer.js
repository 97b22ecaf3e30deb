'use strict';
// Calling a marked number: a trusted click on it (hit-tested, since there is no element to
// click), a call chip while the pointer is over it, and hint mode for the keyboard
// (Alt+Shift+K: a letter over each number on screen, type it to call, Esc to leave). The chip
// and the hints live in a closed shadow root of our own on <html>, made when first needed;
// the hints' text is set with textContent only.
// The chip is drawn on a canvas over the viewport, never built or moved as an element: in
// Chromium any change to the page's DOM or style (an element shown, moved, its text replaced)
// makes the next frame rebuild the marker of every marked number (ARCHITECTURE.md, "What a
// highlight costs"), and the chip follows the pointer; drawing changes neither.

var myccPointer = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
  const LETTERS = 'asdfghjklqwertyuiopzxcvbnm';
  const STYLE = `
    :host { all: initial; position: fixed !important; inset: 0 !important; pointer-events: none !important;
      z-index: 2147483646 !important; font: 12px/1.2 system-ui, sans-serif; }
    canvas { position: fixed; inset: 0; width: 100%; height: 100%; }
    .hint { position: fixed; box-shadow: 0 1px 4px rgba(0,0,0,.3); white-space: nowrap; background: #fde047;
      color: #0f172a; border: 1px solid #0f172a; border-radius: 4px; padding: 1px 4px; font-weight: 700;
      text-transform: uppercase; }
    [hidden] { display: none; }
    @media (forced-colors: active) { .hint { border: 1px solid CanvasText; } }
  `;
  let options = null; // {dial, country}
  let host = null;
  let root = null;
  let canvas = null; // the chip's layer
  let chip = null; // {range, text} drawn on it now
  let hints = null; // {label -> e164} while hint mode is on
  let typed = '';
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
    root.append(style, canvas);
    document.documentElement.append(host);
  }

  const CHIP = { font: '12px system-ui, sans-serif', height: 18, padding: 8, radius: 9 };

  /** The host in the page and the chip's canvas sized to the viewport: [css width, height, ratio]. */
  function ensureLayer() {
    ensureHost();
    const ratio = devicePixelRatio || 1;
    const [width, height] = [document.documentElement.clientWidth, document.documentElement.clientHeight];
    if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
    if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
    return [width, height, ratio];
  }

  /** Draws the chip above (or below) a number's box. */
  function drawChip(rect, text) {
    const [width, height, ratio] = ensureLayer();
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
  }

  function hideChip() {
    if (!chip) return;
    chip = null;
    canvas.getContext('2d').clearRect(0, 0, canvas.width, canvas.height);
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
    const hit = hovered && myccMarks.at(hovered.x, hovered.y);
    if (!hit) return hideChip();
    if (hit.range === chip?.range) return; // drawn already (a scroll or a resize clears it)
    const text = t('callLabel', [dialString(hit.e164)]);
    drawChip(hit.range.getBoundingClientRect(), text);
    chip = { range: hit.range, text };
  }

  function onMove(event) {
    hovered = { x: event.clientX, y: event.clientY };
    moveFrame ||= requestAnimationFrame(showChip);
  }

  /** Hint mode: a letter (or two) over each marked number on screen. */
  function openHints() {
    const onScreen = myccMarks.all().filter(({ range }) => {
      const rect = range.getBoundingClientRect();
      return rect.width > 0 && rect.bottom > 0 && rect.top < innerHeight && rect.right > 0 && rect.left < innerWidth;
    });
    if (!onScreen.length) return false;
    ensureHost();
    closeHints();
    hints = new Map();
    const two = onScreen.length > LETTERS.length;
    onScreen.slice(0, LETTERS.length * LETTERS.length).forEach(({ range, e164 }, i) => {
      const label = two ? LETTERS[Math.floor(i / LETTERS.length)] + LETTERS[i % LETTERS.length] : LETTERS[i];
      const rect = range.getBoundingClientRect();
      const badge = document.createElement('div');
      badge.className = 'hint';
      badge.textContent = label;
      badge.style.left = `${Math.max(0, rect.left - 4)}px`;
      badge.style.top = `${Math.max(0, rect.top - 14)}px`;
      root.append(badge);
      hints.set(label, { e164, badge });
    });
    typed = '';
    return true;
  }

  function closeHints() {
    for (const { badge } of hints?.values() ?? []) badge.remove();
    hints = null;
  }

  function onKey(event) {
    if (!options || !event.isTrusted) return;
    if (!hints) {
      if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyK' && myccLifecycle.alive()) {
        if (openHints()) event.preventDefault();
      }
      return;
    }
    // Hint mode takes the keyboard until it ends.
    event.preventDefault();
    event.stopImmediatePropagation();
    if (event.key === 'Escape') return closeHints();
    const key = event.key.length === 1 ? event.key.toLowerCase() : '';
    if (!LETTERS.includes(key) || !key) return;
    typed += key;
    const hit = hints.get(typed);
    const prefix = [...hints.keys()].some((label) => label.startsWith(typed));
    if (hit) {
      closeHints();
      options.dial(hit.e164);
    } else if (!prefix) {
      closeHints();
    } else {
      for (const [label, { badge }] of hints) badge.hidden = !label.startsWith(typed);
    }
  }

  function start(newOptions) {
    options = newOptions;
    // The chip's layer goes into the page now, with the page's own first changes where it can
    // (the first chip would otherwise pay for the insertion and the canvas's size: see above).
    if (document.readyState !== 'loading') ensureLayer();
    else document.addEventListener('DOMContentLoaded', () => options && myccLifecycle.alive() && ensureLayer(), { once: true });
  }

  function stop() {
    options = null;
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
    host?.remove();
    host = null;
  });
  return { start, stop, isOurs, hintsOpen: () => hints !== null, chipText: () => chip?.text ?? null };
})();
