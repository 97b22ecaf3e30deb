'use strict';
// Loaded in <head> of the benchmark pages: records long tasks and when links appear, so the
// benchmark can read them after the fact. The page's own observers cost the same with and
// without the extension.
window.benchProbe = { longTasks: [], marks: {} };
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.benchProbe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch {
  /* no long-task timing in this browser */
}
window.benchWatchLinks = (visibleRows) => {
  const probe = window.benchProbe;
  const rows = document.querySelectorAll('#t tr');
  const visible = [...rows].slice(0, visibleRows);
  const total = Number(document.getElementById('t').dataset.numbers);
  const check = () => {
    const now = performance.now();
    if (probe.marks.visible == null && visible.every((r) => r.querySelector('a[data-mycc-phone]'))) probe.marks.visible = now;
    if (probe.marks.all == null && document.querySelectorAll('a[data-mycc-phone]').length >= total) {
      probe.marks.all = now;
      return true;
    }
    return false;
  };
  if (check()) return;
  const timer = setInterval(() => check() && clearInterval(timer), 2);
};
window.benchReference = () => {
  // The least work that links the table: one walk, one split-and-wrap per number, one relayout.
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
  const t1 = performance.now();
  const pattern = /(?:\+84 |0)\d{3} \d{3} \d{3}|\(028\) \d{4} \d{4}/g;
  let wrapped = 0;
  for (const node of nodes) {
    const matches = [...node.data.matchAll(pattern)];
    for (let i = matches.length - 1; i >= 0; i--) {
      const m = matches[i];
      node.splitText(m.index + m[0].length);
      const number = node.splitText(m.index);
      const a = document.createElement('a');
      a.setAttribute('data-ref', '');
      number.replaceWith(a);
      a.append(number);
      wrapped++;
    }
  }
  const t2 = performance.now();
  void document.body.offsetHeight;
  const t3 = performance.now();
  return { walkMs: t1 - t0, wrapMs: t2 - t1, relayoutMs: t3 - t2, totalMs: t3 - t0, textNodes: nodes.length, wrapped };
};
window.benchAppendRows = (count) => {
  const tbody = document.querySelector('#t tbody');
  const start = performance.now();
  const added = [];
  for (let i = 0; i < count; i++) {
    const tr = document.createElement('tr');
    tr.innerHTML = `<td>Mới ${i}</td><td>0912 ${String(100 + i).padStart(3, '0')} ${String(500 + i).padStart(3, '0')}</td><td>12/05/2024</td>`;
    tbody.prepend(tr);
    added.push(tr);
  }
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (added.every((tr) => tr.querySelector('a[data-mycc-phone]'))) {
        clearInterval(timer);
        resolve(performance.now() - start);
      }
    }, 1);
  });
};
window.benchFlood = (seconds) => {
  // About 1,000 mutations a second: ten text changes every 10 ms in cells with numbers.
  const cells = [...document.querySelectorAll('#t td:nth-child(2)')].slice(0, 200);
  let n = 0;
  const timer = setInterval(() => {
    for (let i = 0; i < 10; i++) {
      const cell = cells[(n + i) % cells.length];
      cell.textContent = `Khách ${n} gọi 0912 ${String(n % 1000).padStart(3, '0')} 456`;
    }
    n += 10;
  }, 10);
  return new Promise((resolve) => setTimeout(() => {
    clearInterval(timer);
    resolve(n);
  }, seconds * 1000));
};

document.addEventListener('DOMContentLoaded', () => {
  window.benchProbe.marks.dcl = performance.now();
  const rows = [...document.querySelectorAll('#t tr')];
  const visibleRows = rows.filter((r) => r.getBoundingClientRect().top < window.innerHeight).length;
  window.benchProbe.visibleRows = visibleRows;
  window.benchWatchLinks(visibleRows);
});
