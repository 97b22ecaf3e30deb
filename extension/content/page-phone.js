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
  let accepted = false; // the background took it as the agent's phone (it refuses during a call)
  let announcedAt = 0;
  const ANNOUNCE_MS = 2000;
  let relay = null;
  let watcher = null;
  let dialer = null;

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

  /** Tells the background the page's phone is here (again, until it is taken) or gone. */
  async function announce() {
    announcedAt = Date.now();
    if (!frame) {
      accepted = false;
      send({ kind: MSG.PAGE_PHONE, present: false });
      return;
    }
    const reply = await send({ kind: MSG.PAGE_PHONE, present: true, registered });
    accepted = reply?.ok === true;
  }

  function look() {
    const found = find();
    if (found === frame) {
      // Refused during a call: asked again as the page changes, at most every ANNOUNCE_MS.
      if (frame && !accepted && Date.now() - announcedAt > ANNOUNCE_MS) announce();
      return;
    }
    const had = frame != null;
    frame = found;
    registered = false;
    // The page's WebPhone may reload or navigate itself: every load after the first is a new
    // WebPhone that has not registered yet, and nothing is posted to it until it has.
    let loads = 0;
    frame?.addEventListener('load', () => {
      if (++loads < 2 || found !== frame) return;
      registered = false;
      send({ kind: MSG.DOCK_LOADING });
    });
    if (had !== (frame != null) || frame) {
      announce();
      onChange(frame != null);
    }
  }

  function onMessage(event) {
    if (!frame || event.source !== frame.contentWindow || event.origin !== origin || !myccLifecycle.check()) return;
    const accepted = relay.accept(event.data);
    if (!accepted) return;
    const { type, json } = accepted;
    if (type === 'OnRegistered') {
      registered = true;
      sync();
    }
    relay(json, type);
  }

  /** The background has news (a click waits): a registered phone is handed it and posts it. */
  async function sync() {
    if (!frame) return;
    if (!accepted) await announce();
    const reply = await myccDelivery.untilAnswered(() => send({ kind: MSG.DOCK_SYNC, registered, taker: dialer.taker }));
    dialer(reply?.request, (target) => {
      if (!frame?.contentWindow) return false;
      frame.contentWindow.postMessage({ type: 'OutboundCallRequest', data: { target } }, origin);
      return true;
    });
  }

  /** Starts watching this document for the WebPhone's iframe (`webphoneOrigin` from the hello). */
  function start(options) {
    origin = options.webphoneOrigin;
    send = options.send;
    onChange = options.onChange;
    phoneTypes = options.phoneEventTypes ?? [];
    relay ??= myccDelivery.createRelay({ send, kind: MSG.DOCK_EVENT, phoneEventTypes: () => phoneTypes });
    dialer ??= myccDelivery.createDialer({ send, sentKind: MSG.DOCK_SENT });
    if (!watcher) {
      myccLifecycle.listen(window, 'message', onMessage);
      // The page goes (navigation, a removed subframe): its phone goes with it.
      myccLifecycle.listen(window, 'pagehide', () => frame && send({ kind: MSG.PAGE_PHONE, present: false }));
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
