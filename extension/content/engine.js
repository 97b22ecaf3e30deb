'use strict';
// Detection engine transport. The Rust detector runs in this content script's own wasm
// where the page allows it (Firefox always; Chromium unless the page's CSP lacks
// 'wasm-unsafe-eval'), else in the background's wasm through one message per batch.
// Same code either way: only the transport differs.
//
// The wasm's bytes come with the background's first answer (see `page:hello`), and are
// compiled here at once: fetching them would wait behind the page's parser.

/* global wasm_bindgen */
var myccEngine = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  let started = false;
  let inPage = false; // true once the in-page wasm is ready

  /** Compiles the in-page wasm from its bytes (base64), once. Where the page's CSP forbids wasm here, the background detects. */
  function start(base64) {
    if (started) return;
    started = true;
    try {
      const binary = atob(base64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      wasm_bindgen.initSync({ module: new WebAssembly.Module(bytes) });
      inPage = true;
    } catch {
      inPage = false;
    }
  }

  /** Numbers in `text` (text nodes joined by U+0000): [[utf16Start, utf16End, e164], ...]; null without the in-page wasm. */
  function detectNow(text, country) {
    return inPage ? JSON.parse(wasm_bindgen.detectJoined(text, country)) : null;
  }

  /** The same, from whichever engine there is. */
  async function detect(text, country) {
    const found = detectNow(text, country);
    if (found) return found;
    const reply = await api.runtime.sendMessage({ kind: 'detect', text, country });
    return Array.isArray(reply?.found) ? reply.found : [];
  }

  return { start, started: () => started, detectNow, detect };
})();
