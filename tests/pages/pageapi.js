'use strict';
// A CRM that integrated as the vendor guide shows: it listens for WebPhone events on its
// window and posts requests to it.
window.seen = [];
window.addEventListener('message', (event) => {
  if (event.data && typeof event.data.type === 'string' && event.data.type.startsWith('On')) window.seen.push(event.data);
});
window.callFromPage = (target) => window.postMessage({ type: 'OutboundCallRequest', data: { target } }, location.origin);
