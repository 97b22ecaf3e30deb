'use strict';
// A page at war with the dock: on every change of its DOM it removes anything marked
// [data-mycc-dock], and a timer changes its DOM ten times a second. It counts both, so a test can
// see that the page stays responsive (window.ticks goes on) and that the dock backs off
// (window.removals stops growing).
window.removals = 0;
window.ticks = 0;
new MutationObserver(() => {
  for (const dock of document.querySelectorAll('[data-mycc-dock]')) {
    dock.remove();
    window.removals++;
  }
}).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
setInterval(() => {
  window.ticks++;
  document.getElementById('ticks').textContent = String(window.ticks);
}, 100);
