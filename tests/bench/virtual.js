'use strict';
// A virtualised list, as CRM grids render big result sets: 5,000 logical rows, ~40 in the DOM,
// recycled while scrolling (each row's cells get new text, the way React and Vue list
// virtualisers write them). `benchVirtualScroll(steps)` scrolls a screen at a time and measures,
// per step, how long until every number on screen is marked again.
function virtual(rows) {
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Virtual list</title>
<style>body{font:14px system-ui;margin:0} #v{height:600px;overflow:auto;position:relative} #space{position:relative}
.r{position:absolute;left:0;right:0;height:24px;display:grid;grid-template-columns:120px 200px 160px 120px}</style></head>
<body><div id="v" role="grid"><div id="space"></div></div>
<script>
const ROWS = ${rows};
const HEIGHT = 24;
const RENDERED = 40;
const v = document.getElementById('v');
const space = document.getElementById('space');
space.style.height = ROWS * HEIGHT + 'px';
const phone = (i) => {
  const n = '09' + String(12000000 + i * 7).padStart(8, '0');
  return n.slice(0, 4) + ' ' + n.slice(4, 7) + ' ' + n.slice(7);
};
const rowsEls = [];
for (let k = 0; k < RENDERED; k++) {
  const row = document.createElement('div');
  row.className = 'r';
  row.setAttribute('role', 'row');
  for (let c = 0; c < 4; c++) row.append(document.createElement('div'));
  space.append(row);
  rowsEls.push(row);
}
function render() {
  const first = Math.floor(v.scrollTop / HEIGHT);
  rowsEls.forEach((row, k) => {
    const i = first + k;
    row.style.top = i * HEIGHT + 'px';
    const texts = ['KH-' + String(i).padStart(6, '0'), 'Khách hàng số ' + i, phone(i), '12/0' + (1 + (i % 9)) + '/2024'];
    texts.forEach((t, c) => (row.children[c].textContent = t));
  });
  return first;
}
v.addEventListener('scroll', render, { passive: true });
render();
const markedOnScreen = () => {
  const h = CSS.highlights.get('mycc-phone');
  if (!h) return false;
  const want = new Set(rowsEls.map((row) => row.children[2].firstChild));
  for (const r of h) if (!r.collapsed && want.has(r.startContainer) && r.toString() === r.startContainer.data) want.delete(r.startContainer);
  return want.size === 0;
};
window.benchVirtualMarked = markedOnScreen;
window.benchVirtualScroll = async (steps) => {
  const times = [];
  for (let s = 0; s < steps; s++) {
    const start = performance.now();
    v.scrollTop += 600;
    render();
    await new Promise((resolve) => {
      const check = () => (markedOnScreen() ? resolve() : requestAnimationFrame(check));
      requestAnimationFrame(check);
    });
    times.push(performance.now() - start);
  }
  return times;
};
</script></body></html>`;
  return { html };
}

module.exports = { virtual };
