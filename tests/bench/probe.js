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
  // A MutationObserver, not polling: polling the whole table would compete with the linker.
  // "in the DOM" is when the last link is inserted; "on screen" is the frame after it.
  const probe = window.benchProbe;
  const table = document.getElementById('t');
  const total = Number(table.dataset.numbers);
  const waiting = new Set([...table.querySelectorAll('tr')].slice(0, visibleRows));
  let links = 0;
  const onScreen = (mark) => requestAnimationFrame(() => setTimeout(() => (probe.marks[mark] = performance.now()), 0));
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1 || !node.hasAttribute('data-mycc-phone')) continue;
        links++;
        if (waiting.size) waiting.delete(node.closest('tr'));
      }
    }
    const now = performance.now();
    if (!waiting.size && probe.marks.visibleInDom == null) {
      probe.marks.visibleInDom = now;
      onScreen('visible');
    }
    if (links >= total && probe.marks.allInDom == null) {
      probe.marks.allInDom = now;
      onScreen('all');
      observer.disconnect();
    }
  });
  observer.observe(table, { childList: true, subtree: true });
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
  const waiting = new Set();
  for (let i = 0; i < count; i++) {
    const tr = document.createElement('tr');
    tr.innerHTML = `<td>Mới ${i}</td><td>0912 ${String(100 + i).padStart(3, '0')} ${String(500 + i).padStart(3, '0')}</td><td>12/05/2024</td>`;
    tbody.prepend(tr);
    waiting.add(tr);
  }
  return new Promise((resolve) => {
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) if (node.nodeType === 1 && node.hasAttribute('data-mycc-phone')) waiting.delete(node.closest('tr'));
      }
      if (!waiting.size) {
        observer.disconnect();
        resolve(performance.now() - start);
      }
    });
    observer.observe(tbody, { childList: true, subtree: true });
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
