'use strict';
// Detection engine transport. The Rust detector runs in this content script's own wasm
// where the page allows it (Firefox always; Chromium unless the page's CSP lacks
// 'wasm-unsafe-eval'), else in the background's wasm through one message per batch.
// Same code either way: only the transport differs.
//
// While the page loads, the in-page wasm can take 0.5 s and more to be ready (its fetch and
// compile wait behind the parser): until then batches go to the background, whose wasm is
// ready and answers in ~15 ms.

/* global wasm_bindgen */
var myccEngine = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  let compiling = null;
  let inPage = false; // true once the in-page wasm is ready

  function start() {
    compiling ??= wasm_bindgen({ module_or_path: api.runtime.getURL('wasm/mycc_connect_bg.wasm') }).then(
      () => (inPage = true),
      () => false, // the page's CSP forbids wasm here: the background does it
    );
  }

  /** Numbers in `text` (text nodes joined by U+0000): [[utf16Start, utf16End, e164], ...]; null until the in-page wasm is ready. */
  function detectNow(text, country) {
    start();
    return inPage ? JSON.parse(wasm_bindgen.detectJoined(text, country)) : null;
  }

  /** The same, from whichever engine is ready. */
  async function detect(text, country) {
    const found = detectNow(text, country);
    if (found) return found;
    const reply = await api.runtime.sendMessage({ kind: 'detect', text, country });
    return Array.isArray(reply?.found) ? reply.found : [];
  }

  return { start, detectNow, detect };
})();
