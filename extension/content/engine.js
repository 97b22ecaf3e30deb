'use strict';
// Detection engine transport. The Rust detector runs in this content script's own wasm
// where the page allows it (Firefox always; Chromium unless the page's CSP lacks
// 'wasm-unsafe-eval'), else in the background's wasm through one message per batch.
// Same code either way: only the transport differs.
//
// The wasm's bytes are pushed by the background, in parts, once the page is known to be a CRM
// page (see `pushEngine`), and are compiled here as soon as all are in: fetching them would
// wait behind the page's parser.

/* global wasm_bindgen */
var myccEngine = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  // Parts beyond this are refused (the wasm is 12 parts of 24 KB today).
  const MAX_PARTS = 64;
  // How long linking waits for the pushed wasm before it starts with the background's.
  const WAIT_MS = 1000;
  let started = false; // the background was asked for the wasm
  let tried = false; // all parts came in and were compiled, or failed to
  let inPage = false; // true once the in-page wasm is ready
  let parts = [];
  let settle = () => {};

  /** One part of the wasm's bytes (base64), pushed by the background; compiles once all are in. */
  function receivePart({ index, count, part }) {
    if (tried || !Number.isInteger(count) || count < 1 || count > MAX_PARTS) return;
    if (!Number.isInteger(index) || index < 0 || index >= count || typeof part !== 'string') return;
    parts[index] = part;
    for (let i = 0; i < count; i++) if (typeof parts[i] !== 'string') return;
    tried = true;
    try {
      const binary = atob(parts.slice(0, count).join(''));
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      wasm_bindgen.initSync({ module: new WebAssembly.Module(bytes) });
      inPage = true;
    } catch {
      inPage = false; // the page's CSP forbids wasm here: the background detects
    }
    parts = [];
    settle();
  }

  /** Resolves once the wasm the background is pushing is compiled (or failed to), or after WAIT_MS. */
  function start() {
    started = true;
    return new Promise((resolve) => {
      settle = resolve;
      if (tried) resolve();
      else setTimeout(resolve, WAIT_MS);
    });
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

  return { start, receivePart, started: () => started, detectNow, detect };
})();
