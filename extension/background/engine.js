'use strict';
// Detection for content scripts whose page forbids wasm in them (Chromium applies the page's CSP
// to wasm compiled in a content script): the same detector, in the background's wasm. Elsewhere
// a CRM frame compiles the detector's wasm it carries (wasm/mycc_content_wasm.js).

/** Numbers in text nodes joined by U+0000, for a frame without its own wasm. */
async function detectForPage(message) {
  if (typeof message.text !== 'string' || typeof message.country !== 'string') return { found: [] };
  return { found: JSON.parse((await core).detectJoined(message.text, message.country)) };
}
