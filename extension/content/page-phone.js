'use strict';
// A CRM page that embeds the WebPhone itself, as the vendor guide teaches: an iframe on the
// WebPhone's origin, anywhere in this frame's document, now or added later. Then the page's phone
// is the agent's phone: no dock of ours loads a second one, its events (taken only from that
// iframe's window and the WebPhone's origin) drive the same call model, and clicks are posted
// to it, to the WebPhone's origin only. Nothing is re-posted to the page: it hears its phone.

var myccPagePhone = (() => {
  const { MSG } = globalThis.myccProtocol;
  let origin = null;
  let send = async () => null;
  let onChange = () => {};
  let phoneTypes = [];
  let frame = null; // the page's WebPhone iframe
  let registered = false;
  let relay = null;
  let watcher = null;
  const posted = new Set(); // dial request ids posted, so none goes twice

  function originOf(iframe) {
    try {
      return new URL(iframe.getAttribute('src') ?? '', location.href).origin;
    } catch {
      return null;
    }
  }

  /** The page's WebPhone iframe in this document, if it has one. */
  function find() {
    for (const iframe of document.getElementsByTagName('iframe')) if (originOf(iframe) === origin) return iframe;
    return null;
  }

  function look() {
    const found = find();
    if (found === frame) return;
    const had = frame != null;
    frame = found;
    if (!frame) registered = false;
    if (had !== (frame != null)) {
      send({ kind: MSG.PAGE_PHONE, present: frame != null, registered });
      onChange(frame != null);
    }
  }

  function onMessage(event) {
    if (!frame || event.source !== frame.contentWindow || event.origin !== origin || !myccLifecycle.check()) return;
    let json;
    try {
      json = JSON.stringify(event.data);
    } catch {
      return;
    }
    if (typeof json !== 'string') return;
    const type = event.data?.type;
    if (type === 'OnRegistered') {
      registered = true;
      sync();
    }
    relay(json, type);
  }

  /** The background has news (a click waits): a registered phone is handed it and posts it. */
  async function sync() {
    if (!frame) return;
    const reply = await myccDelivery.untilAnswered(() => send({ kind: MSG.DOCK_SYNC, registered }));
    const request = reply?.request;
    if (typeof request?.id !== 'string' || typeof request.target !== 'string' || !frame?.contentWindow) return;
    if (!posted.has(request.id)) {
      posted.add(request.id);
      frame.contentWindow.postMessage({ type: 'OutboundCallRequest', data: { target: request.target } }, origin);
    }
    send({ kind: MSG.DOCK_SENT, id: request.id });
  }

  /** Starts watching this document for the WebPhone's iframe (`webphoneOrigin` from the hello). */
  function start(options) {
    origin = options.webphoneOrigin;
    send = options.send;
    onChange = options.onChange;
    phoneTypes = options.phoneEventTypes ?? [];
    relay ??= myccDelivery.createRelay({ send, kind: MSG.DOCK_EVENT, phoneEventTypes: () => phoneTypes });
    if (!watcher) {
      myccLifecycle.listen(window, 'message', onMessage);
      // Each batch of changes costs one walk of the document's iframes (a live collection).
      watcher = new MutationObserver(look);
      watcher.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['src'] });
      myccLifecycle.onEnd(stop);
    }
    look();
  }

  function stop() {
    watcher?.disconnect();
    watcher = null;
    if (frame) send({ kind: MSG.PAGE_PHONE, present: false });
    frame = null;
    registered = false;
  }

  return {
    start,
    stop,
    sync,
    owns: () => frame != null,
    /** Brings the page's phone into view; it is the page's, so it is never moved or hidden. */
    show: () => frame?.scrollIntoView({ block: 'nearest' }),
  };
})();
