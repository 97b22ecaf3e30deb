// Deferred, and served late (tests/server.js): it runs once the page is parsed and before
// DOMContentLoaded, and notes what was marked by then.
window.beforeDcl = { readyState: document.readyState, marked: CSS.highlights.get('mycc-phone')?.size ?? 0 };
