'use strict';
// Detection engine transport. The Rust detector runs in this content script's own wasm
// where the page allows it (Firefox always; Chromium unless the page's CSP lacks
// 'wasm-unsafe-eval'), else in the background's wasm through messages of 500 text nodes.
// Same code either way: only the transport differs.
//
// The wasm's bytes are pushed by the background, in parts, once the page is known to be a CRM
// page (see `pushEngine`), and are compiled here as soon as all are in: fetching them would
// wait behind the page's parser.

/* global wasm_bindgen */
var myccEngine = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const { MSG } = globalThis.myccProtocol;
  // Parts beyond this are refused (the wasm is 12 parts of 24 KB today).
  const MAX_PARTS = 64;
  // 500 text nodes of the bench table make 13 KB of request and 11 to 12 KB of answer (JSON).
  const PART_NODES = 500;
  // How long linking waits for the pushed wasm before it starts with the background's.
  const WAIT_MS = 1000;
  let tried = false; // all parts came in and were compiled, or failed to
  let inPage = false; // true once the in-page wasm is ready
  let parts = [];
  let ready = null; // once the background has said it is sending the wasm
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

  /** The background is sending the wasm: resolves once it is compiled (or failed to), or after WAIT_MS. */
  function expect() {
    ready ??= new Promise((resolve) => {
      settle = resolve;
      if (tried) resolve();
      else setTimeout(resolve, WAIT_MS);
    });
    return ready;
  }

  /**
   * Numbers in `texts` (text nodes), with offsets into them joined by U+0000:
   * [[utf16Start, utf16End, e164], ...]; null without the in-page wasm.
   */
  function detectNow(texts, country) {
    return inPage ? JSON.parse(wasm_bindgen.detectJoined(texts.join('\u0000'), country)) : null;
  }

  /**
   * The numbers of texts detected apart, with offsets as if they had been detected joined by
   * U+0000: `pieces` are [{length, found}], `length` being the length of that piece's text.
   */
  function joinFound(pieces) {
    const joined = [];
    let offset = 0;
    for (const { length, found } of pieces) {
      for (const [start, end, e164] of found) joined.push([start + offset, end + offset, e164]);
      offset += length + 1;
    }
    return joined;
  }

  /**
   * The same as `detectNow`, from whichever engine there is. The background gets them in parts of
   * PART_NODES text nodes, so that each answer stays small: while the page loads, a big message
   * waits longer behind the parser (see the background's ENGINE_PART_CHARS).
   */
  async function detect(texts, country) {
    if (inPage) return detectNow(texts, country);
    const parts = [];
    for (let i = 0; i < texts.length; i += PART_NODES) parts.push(texts.slice(i, i + PART_NODES).join('\u0000'));
    const answers = await Promise.all(parts.map((text) => api.runtime.sendMessage({ kind: MSG.PAGE_DETECT, text, country })));
    return joinFound(parts.map((text, k) => ({ length: text.length, found: Array.isArray(answers[k]?.found) ? answers[k].found : [] })));
  }

  /**
   * The dial string of a detected number (its e164), as the background will dial it: the
   * detector's own where it runs here, else the same rule for Vietnam's plan (national form;
   * 1800/1900 service numbers without the trunk 0) and E.164 for everything else.
   */
  function dialString(e164, country) {
    if (inPage) return wasm_bindgen.dialString(e164, country) || e164;
    if (!e164.startsWith('+84')) return e164;
    const national = e164.slice(3);
    return /^1[89]00/.test(national) ? national : `0${national}`;
  }

  return { expect, dialString, expected: () => ready !== null, receivePart, detectNow, detect, joinFound };
})();
