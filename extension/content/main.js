'use strict';
// Wiring for one frame. The content scripts are registered for CRM origins only, so marking
// numbers starts at once, in the country of the start script registered with them; the background's
// answer to the frame's hello then says whether this page belongs to a CRM (a CRM's origin may
// hold pages that are not its sites: marking stops there) and turns on click to call
// (pointer.js), the dock (top frame only) and the page API (if the CRM opts in).
// Everything the page could forge is checked: only trusted clicks dial, and only messages
// from this window, from its own origin and of the documented shape reach the page API.
// Every listener and every mark in the page is taken away again when this script ends
// (myccLifecycle: the extension was updated, reloaded or removed).

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const { MSG, PAGE_START } = globalThis.myccProtocol;
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
  const isTop = window.top === window;
  // Links an earlier version of the extension wrapped numbers in (see clearLeftovers).
  const OLD_LINK = 'a[data-mycc-phone]';
  const CALL_LINK = 'a[href^="tel:" i], a[href^="callto:" i], a[href^="sip:" i]';
  let page = { active: false };
  let marking = null; // the country numbers are being marked in (possibly before the hello's answer)
  const isOurs = (node) => myccDock.isOurs(node) || myccPointer.isOurs(node);

  /** A message to the background; null when it can't be delivered (an orphan ends itself). */
  async function send(message) {
    if (!myccLifecycle.check()) return null;
    try {
      return (await api.runtime.sendMessage(message)) ?? null;
    } catch {
      myccLifecycle.check();
      return null;
    }
  }

  function linkTarget(link) {
    const href = link.getAttribute('href') ?? '';
    const target = href.replace(/^(tel|callto|sip):(\/\/)?/i, '').split(/[;?@]/)[0];
    try {
      return decodeURIComponent(target);
    } catch {
      return target;
    }
  }

  async function dial(target) {
    // Asked twice if the worker stopped under the first: the same click id is the same request.
    const click = { kind: MSG.CALL_DIAL, target, clickId: myccDelivery.newId() };
    const reply = (await send(click)) ?? (await send(click));
    if (!isTop) return;
    if (!reply) myccDock.notice(t('dialNoExtension'));
    else if (!reply.ok) myccDock.notice(t('dialNotANumber', [target]));
    else if (reply.waiting) myccDock.showWaiting(reply, () => send({ kind: MSG.CALL_CANCEL, id: reply.id }));
    else myccDock.notice(t('dialSent', [reply.dial]));
  }

  function onClick(event) {
    if (!page.active || event.button !== 0) return;
    const link = event.composedPath().find((n) => n instanceof Element && n.matches(CALL_LINK));
    if (!link) return;
    // An orphan lets the click through to the live content script (which stops it) and takes its
    // links out of the page; it must never swallow a click it can't dial.
    if (!myccLifecycle.check()) return;
    event.preventDefault(); // never navigate to tel:, callto: or sip:
    if (!event.isTrusted) return; // a page script's click dials nothing
    event.stopImmediatePropagation();
    dial(linkTarget(link));
  }

  function onPageMessage(event) {
    if (!page.active || !page.crm?.pageApi || !myccLifecycle.check()) return;
    if (event.source !== window || event.origin !== location.origin) return;
    const message = event.data;
    if (!message || typeof message !== 'object' || typeof message.type !== 'string') return;
    if (message.type === 'ShowWebPhone') myccDock.show();
    else if (message.type === 'HideWebPhone') myccDock.hide();
    else if (message.type === 'OutboundCallRequest' && typeof message.data?.target === 'string') dial(message.data.target);
  }

  const DIAL_WORDS = { expired: 'dialExpired', cancelled: 'dialCancelled', superseded: 'dialSuperseded', replaced: 'dialReplaced' };

  function onBackgroundMessage(message, sender) {
    if (sender.id !== api.runtime.id || !message || typeof message.kind !== 'string') return;
    const docked = page.active && isTop;
    switch (message.kind) {
      case MSG.DOCK_SHOW:
        if (docked) myccDock.show();
        break;
      case MSG.DOCK_POKE:
        if (page.active && myccPagePhone.owns()) myccPagePhone.sync();
        else if (docked) myccDock.poke();
        break;
      case MSG.PAGE_PHONE_SHOW:
        if (page.active) myccPagePhone.show();
        break;
      case MSG.DOCK_TOGGLE:
        if (docked) myccDock.toggle();
        break;
      case MSG.PHONE_STATE:
        if (!docked) break;
        myccDock.setPhoneState(message.phoneState);
        if ('card' in message) myccDock.setCallCard(message.card);
        break;
      case MSG.PHONE_EVENT:
        if (!docked) break;
        if (typeof message.phoneState === 'string') myccDock.setPhoneState(message.phoneState);
        if (typeof message.caller === 'string') myccDock.announce(t('announceRinging', [message.caller]));
        // A page that embeds the WebPhone itself hears it already: no echo.
        if (page.crm?.pageApi && !myccPagePhone.owns()) window.postMessage({ type: message.message.type, data: message.message.data }, location.origin);
        break;
      case MSG.DIAL_UPDATE:
        if (!docked || typeof message.id !== 'string') break;
        if (message.state === 'sent') myccDock.endWaiting(message.id, t('dialSent', [String(message.target)]));
        else if (DIAL_WORDS[message.state]) myccDock.endWaiting(message.id, t(DIAL_WORDS[message.state], [String(message.target)]));
        break;
      case MSG.SETTINGS_CHANGED:
        hello();
        break;
      case MSG.HINTS_SHOW:
        if (!page.active) break;
        myccPointer.showHints(message);
        if (isTop) myccDock.announce(Array.isArray(message.labels) && message.labels.length ? t('hintsOpen', [String(message.labels.length)]) : t('hintsNone'));
        break;
      case MSG.HINTS_TYPED:
        if (page.active) myccPointer.typeKey(message);
        break;
    }
  }

  /**
   * A dock left in the page by an instance of the extension that is gone (Firefox drops an
   * updated extension's content scripts but not what they added), and the links versions
   * before marking wrapped numbers in: their text goes back into the text node it was split from.
   */
  function clearLeftovers() {
    for (const host of document.querySelectorAll('[data-mycc-dock]')) if (!myccDock.isOurs(host)) host.remove();
    for (const link of document.querySelectorAll(OLD_LINK)) {
      const before = link.previousSibling;
      if (before?.nodeType === Node.TEXT_NODE) {
        before.data += link.textContent;
        link.remove();
      } else {
        link.replaceWith(link.textContent);
      }
    }
  }

  /**
   * Marking starts as the frame starts, in the country of the start script registered with the
   * content scripts (a global set just before this one ran), without asking anything: the
   * hello's answer waits for the worker and then for a gap between the page's parser tasks,
   * and a storage read as well (ARCHITECTURE.md, "Nothing slow on the way in").
   */
  function startEarly() {
    const start = globalThis[PAGE_START.global];
    if (!myccLifecycle.alive() || typeof start?.country !== 'string') return;
    startMarking(start.country);
  }

  /** Marks in `country`; what was marked in another one (a start script older than the settings) is marked again. */
  function startMarking(country) {
    if (marking !== null && marking !== country) myccMarks.disable();
    marking = country;
    myccMarks.enable({ country, isOurs });
  }

  async function hello() {
    const reply = await send({ kind: MSG.PAGE_HELLO, dockKey: page.dockKey });
    if (!myccLifecycle.alive()) return;
    const wasActive = page.active;
    page = reply?.active ? reply : { active: false };
    if (!page.active) {
      if (marking !== null) myccMarks.disable();
      marking = null;
      if (wasActive) {
        myccPointer.stop();
        if (isTop) myccDock.unmount();
      }
      return;
    }
    startMarking(page.country);
    myccPointer.start({ dial, send, country: page.country });
    myccPagePhone.start({ webphoneOrigin: page.webphoneOrigin, phoneEventTypes: page.phoneEventTypes, send, onChange: () => placeDock() });
    await placeDock(wasActive);
  }

  /**
   * The dock, in the top frame: in the page (dock mode "page") unless the page embeds the
   * WebPhone itself, which is then the agent's phone. A page's static WebPhone iframe is known
   * once the page is parsed, so the dock waits for that before it could load a second phone.
   */
  async function placeDock(wasActive = true) {
    if (!isTop || !page.active) return;
    if (document.readyState === 'loading') {
      if (page.dockMode !== 'sidepanel') myccDock.prepare(page.crm.name);
      await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
    }
    const docked = page.active && page.dockMode !== 'sidepanel' && !myccPagePhone.owns();
    if (docked) {
      myccDock.setNumbers({ list: numbersOnPage, dial });
      await myccDock.mount(page.dockUrl, page.dockKey, page.dockOrigin, page.crm.name);
      myccDock.setPhoneState(page.phoneState);
      myccDock.setCallCard(page.card);
      // The settings may have changed the WebPhone's address: the dock asks what is new.
      if (wasActive) myccDock.poke();
    } else {
      myccDock.unmount(); // the phone lives in the browser's side panel, or in the page itself
    }
  }

  /**
   * The dock's list: the numbers of every frame of the tab with our content scripts, as the
   * background collects them (this frame's alone if it can't).
   */
  async function numbersOnPage() {
    const reply = await send({ kind: MSG.PAGE_NUMBERS });
    if (Array.isArray(reply?.numbers)) return reply.numbers;
    return myccPointer.pageNumbers()?.numbers ?? [];
  }

  clearLeftovers();
  myccDock.onGiveUp(() => send({ kind: MSG.PAGE_DOCK_LOST }));
  myccLifecycle.listen(document, 'click', onClick, true);
  myccLifecycle.listen(window, 'message', onPageMessage);
  if (isTop) {
    // The page goes (a navigation, a reload): its dock and WebPhone go with it. Back from the
    // browser's page cache, it asks again.
    myccLifecycle.listen(window, 'pagehide', () => page.active && send({ kind: MSG.PAGE_LEAVING }));
    myccLifecycle.listen(window, 'pageshow', (event) => event.persisted && hello());
    // Back to this tab: the dock asks what is new (the phone's host may have gone meanwhile).
    myccLifecycle.listen(document, 'visibilitychange', () => document.visibilityState === 'visible' && page.active && myccDock.poke());
  }
  api.runtime.onMessage.addListener(onBackgroundMessage);
  myccLifecycle.onEnd(() => {
    page = { active: false };
    marking = null;
    try {
      api.runtime.onMessage.removeListener(onBackgroundMessage);
    } catch {
      // the extension context is gone, and its listener with it
    }
  });
  startEarly();
  hello();
})();
