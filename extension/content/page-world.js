'use strict';
// Runs in the page's own world (manifest `"world": "MAIN"`), before the page's scripts: tells
// the content script when the page attaches a shadow root, so roots that appear late (a
// component defined after load, a lazy bundle, an upgrade) are marked too. It dispatches a
// DOM event on the host, which crosses into the content script's world; the content script
// reads the root itself (`shadowRoot`, or the extension's API for a closed one). A host that
// is not in the document yet is found when it is inserted. The event's name is
// myccProtocol.SHADOW_EVENT: protocol.js is not loaded in this world (it would be a global of
// the page's), so it is spelled here once (checked by scripts/dev/check-protocol.js).
(() => {
  const NAME = 'mycc-connect-shadow';
  const attach = Element.prototype.attachShadow;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const wrapped = {
    attachShadow(init) {
      const root = attach.call(this, init);
      try {
        if (this.isConnected) dispatch.call(this, new CustomEvent(NAME, { bubbles: true, composed: true }));
      } catch {
        // never let the page's attachShadow fail because of us
      }
      return root;
    },
  }.attachShadow;
  Object.defineProperty(Element.prototype, 'attachShadow', { ...Object.getOwnPropertyDescriptor(Element.prototype, 'attachShadow'), value: wrapped });
})();
