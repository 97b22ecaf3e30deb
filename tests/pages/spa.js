'use strict';
// Behaves like a framework: keeps references to its own text nodes and updates them in place.
const liveText = document.getElementById('live').firstChild;
window.setLive = (text) => {
  liveText.data = text; // React/Vue write text nodes this way
  return liveText.isConnected;
};
window.liveNodeStillOurs = () => liveText.parentNode === document.getElementById('live');
window.addRows = (count) => {
  const rows = document.getElementById('rows');
  const fragment = document.createDocumentFragment();
  for (let i = 0; i < count; i++) {
    const li = document.createElement('li');
    li.textContent = `Khách ${i}: 09${String(12345600 + i).padStart(8, '0')} — ngày 0${(i % 9) + 1}/05/2024`;
    fragment.append(li);
  }
  rows.append(fragment);
};
window.removeLive = () => document.getElementById('live').removeChild(liveText);
// A ticker: rewrites its text `times` times, `everyMs` apart, each time with another number.
window.tick = (times, everyMs) => new Promise((resolve) => {
  const ticker = document.getElementById('ticker');
  let n = 0;
  const timer = setInterval(() => {
    ticker.textContent = `Cuộc gọi chờ: 0912 000 ${String(100 + n).padStart(3, '0')}`;
    if (++n === times) {
      clearInterval(timer);
      resolve({ text: ticker.textContent });
    }
  }, everyMs);
});
