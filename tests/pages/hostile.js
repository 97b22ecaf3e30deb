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
  document.getElementById('other').contentWindow.parent.postMessage(payload, '*');
  return true;
};
// Everything page script can try to reach the dock frame and the WebPhone's window: through the
// dock's shadow root, any shadow root below it, and window.frames. Returns what it reached.
window.reachDock = () => {
  const host = document.querySelector('[data-mycc-dock]');
  const reached = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.tagName === 'IFRAME') reached.push(el.src || el.getAttribute('src') || 'iframe');
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  if (host?.shadowRoot) walk(host.shadowRoot);
  for (let i = 0; i < window.length; i++) if (window.frames[i] !== document.getElementById('other').contentWindow) reached.push(`frames[${i}]`);
  const html = host?.shadowRoot ? host.shadowRoot.innerHTML : '';
  return { reached, hostFound: Boolean(host), keyLike: /[0-9a-f]{8}-[0-9a-f]{4}-/.test(html) };
};
