'use strict';
// Calling a marked number: a trusted click on it (hit-tested, since there is no element to
// click), a call chip while the pointer is over it, and hint mode for the keyboard
// (Alt+Shift+K: a letter over each number on screen, type it to call, Esc to leave). The chip
// and the hints live in a closed shadow root of our own on <html>, made when first needed;
// their text is set with textContent only.

var myccPointer = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
  const LETTERS = 'asdfghjklqwertyuiopzxcvbnm';
  const STYLE = `
    :host { all: initial; position: fixed !important; inset: 0 !important; pointer-events: none !important;
      z-index: 2147483646 !important; font: 12px/1.2 system-ui, sans-serif; }
    .chip, .hint { position: fixed; background: #0f172a; color: #fff; border-radius: 10px; padding: 2px 8px;
      box-shadow: 0 1px 4px rgba(0,0,0,.3); white-space: nowrap; }
    .hint { background: #fde047; color: #0f172a; border: 1px solid #0f172a; border-radius: 4px; padding: 1px 4px;
      font-weight: 700; text-transform: uppercase; }
    [hidden] { display: none; }
    @media (forced-colors: active) { .chip, .hint { border: 1px solid CanvasText; } }
  `;
  let options = null; // {dial, country}
  let host = null;
  let root = null;
  let chip = null;
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
    chip = document.createElement('div');
    chip.className = 'chip';
    chip.setAttribute('role', 'tooltip');
    chip.hidden = true;
    root.append(style, chip);
    document.documentElement.append(host);
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
    if (!hit) {
      if (chip) chip.hidden = true;
      return;
    }
    ensureHost();
    const rect = hit.range.getBoundingClientRect();
    chip.textContent = t('callLabel', [dialString(hit.e164)]);
    chip.style.left = `${Math.max(0, rect.left)}px`;
    chip.style.top = `${rect.top > 28 ? rect.top - 24 : rect.bottom + 4}px`;
    chip.hidden = false;
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
  }

  function stop() {
    options = null;
    closeHints();
    if (chip) chip.hidden = true;
  }

  myccLifecycle.listen(window, 'click', onClick, true);
  myccLifecycle.listen(window, 'pointermove', onMove, { capture: true, passive: true });
  myccLifecycle.listen(window, 'keydown', onKey, true);
  myccLifecycle.onEnd(() => {
    stop();
    cancelAnimationFrame(moveFrame);
    host?.remove();
    host = null;
  });
  return { start, stop, isOurs, hintsOpen: () => hints !== null, chipText: () => (chip && !chip.hidden ? chip.textContent : null) };
})();
