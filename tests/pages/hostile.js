'use strict';
// A page that tries to dial and to fake WebPhone events. The test calls these functions.
window.forgeClicks = () => {
  const link = document.querySelector('a[data-mycc-phone]');
  link?.click();
  link?.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
  document.getElementById('tel').click();
  return Boolean(link);
};
window.forgeEvents = (payload) => {
  window.postMessage(payload, '*');
  const host = document.querySelector('[data-mycc-dock]');
  const frame = host?.shadowRoot?.querySelector('iframe');
  frame?.contentWindow?.postMessage(payload, '*');
  document.getElementById('other').contentWindow.parent.postMessage(payload, '*');
  return Boolean(frame);
};
