'use strict';
// Detection engine transport. The Rust detector runs in this content script's own wasm
// where the page allows it (Firefox always; Chromium unless the page's CSP lacks
// 'wasm-unsafe-eval'), else in the background's wasm through one message per batch.
// Same code either way: only the transport differs.

/* global wasm_bindgen */
var myccEngine = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  let transport = null;

  async function start() {
    if (transport) return transport;
    transport = wasm_bindgen({ module_or_path: api.runtime.getURL('wasm/mycc_connect_bg.wasm') })
      .then(() => 'page')
      .catch(() => 'background');
    return transport;
  }

  /** Numbers in `text` (text nodes joined by U+0000): [[utf16Start, utf16End, e164], ...]. */
  async function detect(text, country) {
    if ((await start()) === 'page') return JSON.parse(wasm_bindgen.detectJoined(text, country));
    const reply = await api.runtime.sendMessage({ kind: 'detect', text, country });
    return Array.isArray(reply?.found) ? reply.found : [];
  }

  return { start, detect };
})();
