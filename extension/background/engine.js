'use strict';
// The detector for content scripts: the same wasm, pushed to a CRM frame in parts when its first
// hello says it is a CRM page (messages carry JSON, so as base64), and detection here for
// frames whose page forbids wasm in content scripts (Chromium applies the page's CSP to it).
// A content script that fetched the wasm itself would wait two tasks behind the page's parser
// for the fetch and the compile; given the bytes, it compiles them at once. In parts, because a
// big message waits behind the parser too; pushed, not asked for, because asking after the
// hello's answer cost the parser one more task. ARCHITECTURE.md ("Where wasm runs") has the figures.

const ENGINE_PART_CHARS = 24 * 1024;
let contentEngine = null;

/** The content scripts' own wasm (the detector alone), as base64. */
function contentEngineBase64() {
  contentEngine ??= fetch(api.runtime.getURL('wasm/mycc_content_bg.wasm'))
    .then((response) => response.arrayBuffer())
    .then((buffer) => {
      const bytes = new Uint8Array(buffer);
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    });
  return contentEngine;
}

/** Sends the content script's wasm to one frame, in parts, without waiting; how many parts. */
async function pushEngine(tabId, frameId) {
  const base64 = await contentEngineBase64().catch(() => null);
  if (!base64) return 0;
  const count = Math.ceil(base64.length / ENGINE_PART_CHARS);
  for (let index = 0; index < count; index++) {
    const part = base64.slice(index * ENGINE_PART_CHARS, (index + 1) * ENGINE_PART_CHARS);
    toTab(tabId, { kind: MSG.ENGINE_PART, index, count, part }, frameId);
  }
  return count;
}

/** Numbers in text nodes joined by U+0000, for a frame without its own wasm. */
async function detectForPage(message) {
  if (typeof message.text !== 'string' || typeof message.country !== 'string') return { found: [] };
  return { found: JSON.parse((await core).detectJoined(message.text, message.country)) };
}
