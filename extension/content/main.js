'use strict';
// Wiring for one frame: asks the background whether this page belongs to a CRM, then turns
// on linking, click to call, the dock (top frame only) and the page API (if the CRM opts in).
// Everything the page could forge is checked: only trusted clicks dial, and only messages
// from this window, from its own origin and of the documented shape reach the page API.

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
  const isTop = window.top === window;
  const CALL_LINK = 'a[data-mycc-phone], a[href^="tel:" i], a[href^="callto:" i], a[href^="sip:" i]';
  let page = { active: false };
  // Made once: thousands of links share it, and getMessage per link is measurable.
  const callLabel = t('callLabel', ['\u0001']);

  function send(message) {
    return api.runtime.sendMessage(message).catch(() => undefined);
  }

  function linkTarget(link) {
    const own = link.getAttribute('data-mycc-phone');
    if (own) return own;
    const href = link.getAttribute('href') ?? '';
    const target = href.replace(/^(tel|callto|sip):(\/\/)?/i, '').split(/[;?@]/)[0];
    try {
      return decodeURIComponent(target);
    } catch {
      return target;
    }
  }

  async function dial(target) {
    const reply = await send({ kind: 'call:dial', target });
    if (!isTop) return;
    if (!reply) myccDock.notice(t('dialNoExtension'));
    else if (!reply.ok) myccDock.notice(t('dialNotANumber', [target]));
    else myccDock.notice(t(reply.queued ? 'dialQueued' : 'dialSent', [reply.dial]));
  }

  function onClick(event) {
    if (!page.active || event.button !== 0) return;
    const link = event.composedPath().find((n) => n instanceof Element && n.matches(CALL_LINK));
    if (!link) return;
    event.preventDefault(); // never navigate to tel:, callto: or sip:
    if (!event.isTrusted) return; // a page script's click dials nothing
    event.stopImmediatePropagation();
    dial(linkTarget(link));
  }

  function onPageMessage(event) {
    if (!page.active || !page.crm?.pageApi) return;
    if (event.source !== window || event.origin !== location.origin) return;
    const message = event.data;
    if (!message || typeof message !== 'object' || typeof message.type !== 'string') return;
    if (message.type === 'ShowWebPhone') myccDock.show();
    else if (message.type === 'HideWebPhone') myccDock.hide();
    else if (message.type === 'OutboundCallRequest' && typeof message.data?.target === 'string') dial(message.data.target);
  }

  function onBackgroundMessage(message, sender) {
    if (sender.id !== api.runtime.id || !message || typeof message.kind !== 'string') return;
    switch (message.kind) {
      case 'dock:show':
        if (page.active && isTop) myccDock.show();
        break;
      case 'dock:poke':
        if (page.active && isTop) myccDock.poke();
        break;
      case 'dock:toggle':
        if (page.active && isTop) myccDock.toggle();
        break;
      case 'phone:event':
        if (!page.active || !isTop) break;
        myccDock.setPhoneState(message.phoneState);
        if (page.crm?.pageApi) window.postMessage({ type: message.message.type, data: message.message.data }, location.origin);
        break;
      case 'engine:part':
        myccEngine.receivePart(message);
        break;
      case 'settings:changed':
        hello();
        break;
    }
  }

  async function hello() {
    const reply = await send({ kind: 'page:hello', engine: !myccEngine.expected() });
    const wasActive = page.active;
    page = reply?.active ? reply : { active: false };
    if (!page.active) {
      if (wasActive) {
        myccLinkify.disable();
        if (isTop) myccDock.unmount();
      }
      return;
    }
    // Linking waits for the engine's parts, which come with this answer: without the engine,
    // batches would go to the background.
    if (Number.isInteger(reply.engineParts) && reply.engineParts > 0) {
      await myccEngine.expect();
      if (page !== reply) return; // a later hello took over meanwhile
    }
    myccLinkify.enable({
      country: page.country,
      label: (number) => callLabel.replace('\u0001', number),
      isOurs: (node) => myccDock.isOurs(node),
    });
    const docked = page.dockMode !== 'sidepanel';
    if (isTop && docked) {
      await myccDock.mount(page.dockUrl);
      myccDock.setPhoneState(page.phoneState);
    } else if (isTop) {
      myccDock.unmount(); // the phone lives in the browser's side panel
    }
  }

  document.addEventListener('click', onClick, true);
  window.addEventListener('message', onPageMessage);
  api.runtime.onMessage.addListener(onBackgroundMessage);
  hello();
})();
