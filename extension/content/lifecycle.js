'use strict';
// The content script's life in a page, and its end. When the extension is updated or reloaded,
// Chrome leaves the old content scripts running with their extension context gone (every call
// to the extension throws), and Firefox drops them but leaves what they added in the page. An
// orphan that went on swallowing clicks on numbers would make them dial nothing. So every
// feature registers its teardown here; each entry point checks that the context is alive (an
// orphan takes itself out); and a new instance announces itself with a DOM event, which an
// orphan hears (DOM events cross the content scripts' worlds) and takes itself out.

var myccLifecycle = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const { TAKEOVER_EVENT } = globalThis.myccProtocol;
  const teardowns = [];
  const listeners = [];
  let ended = false;

  function alive() {
    if (ended) return false;
    try {
      return Boolean(api.runtime?.id);
    } catch {
      return false;
    }
  }

  /** Runs every registered teardown, newest first, once. */
  function end() {
    if (ended) return;
    ended = true;
    for (const teardown of teardowns.splice(0).reverse()) {
      try {
        teardown();
      } catch (error) {
        console.warn('myCC Connect: a teardown failed', error);
      }
    }
  }

  /** True while the extension is there; an orphan ends itself here and says false. */
  function check() {
    if (alive()) return true;
    end();
    return false;
  }

  function onEnd(teardown) {
    if (ended) teardown();
    else teardowns.push(teardown);
  }

  /** addEventListener, removed again when this content script ends. */
  function listen(target, type, listener, options) {
    const entry = { target, type, listener, options };
    listeners.push(entry);
    target.addEventListener(type, listener, options);
    onEnd(() => target.removeEventListener(type, listener, options));
  }

  // document.open() erases every event listener of the document and its window, ours included,
  // and replaces <html>: each time the document's own children change, ours are added again
  // (adding a listener that is still there changes nothing).
  const reopened = new MutationObserver(() => {
    for (const { target, type, listener, options } of listeners) target.addEventListener(type, listener, options);
  });
  reopened.observe(document, { childList: true });
  onEnd(() => reopened.disconnect());

  // An older instance hears this and ends itself if its extension is gone; then this one listens
  // for a newer one in turn.
  document.dispatchEvent(new CustomEvent(TAKEOVER_EVENT));
  listen(document, TAKEOVER_EVENT, () => check());

  return { alive, check, onEnd, listen, end };
})();
