'use strict';
// A page that tries to dial and to fake WebPhone events. The test calls these functions.
// A forged click lands exactly on a marked number (read from the highlight the page can see).
window.forgeClicks = () => {
  const range = [...(CSS.highlights.get('mycc-phone') ?? [])][0];
  if (!range) return false;
  const rect = range.getClientRects()[0];
  const [x, y] = [rect.left + rect.width / 2, rect.top + rect.height / 2];
  const under = document.elementFromPoint(x, y);
  under.click();
  under.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, clientX: x, clientY: y, view: window }));
  document.getElementById('tel').click();
  return true;
};
window.forgeEvents = (payload) => {
  window.postMessage(payload, '*');
  const host = document.querySelector('[data-mycc-dock]');
  const frame = host?.shadowRoot?.querySelector('iframe');
  frame?.contentWindow?.postMessage(payload, '*');
  document.getElementById('other').contentWindow.parent.postMessage(payload, '*');
  return Boolean(frame);
};
