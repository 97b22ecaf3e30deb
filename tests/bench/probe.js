'use strict';
// Loaded in <head> of the benchmark pages: records long tasks and when links appear, so the
// benchmark can read them after the fact. The probe costs the page the same with and without
// the extension.
window.benchProbe = { longTasks: [], marks: {} };
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.benchProbe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch {
  /* no long-task timing in this browser */
}
// When links appear, checked once a frame from the start of parsing (the extension may link
// while the page loads): "in the DOM" is the frame whose animation callbacks see the last link
// (one frame late at most), "on screen" the frame after. A MutationObserver would see every
// node the parser inserts, and polling a selector would walk the table: a live collection and
// the first rows are cheap. `?visible=N` names the rows on screen (the benchmark finds N on a
// run without the extension), so the probe never forces a layout. `benchProbe.stop()` ends it.
(() => {
  const probe = window.benchProbe;
  const visibleRows = Number(new URLSearchParams(location.search).get('visible') ?? 0);
  const links = document.getElementsByTagName('a');
  const onScreen = (mark) => requestAnimationFrame(() => setTimeout(() => (probe.marks[mark] = performance.now()), 0));
  let stopped = false;
  probe.stop = () => (stopped = true);
  const frame = () => {
    if (stopped) return;
    const table = document.getElementById('t');
    if (table) {
      const now = performance.now();
      const rows = table.rows;
      if (probe.marks.visibleInDom == null && visibleRows && rows.length >= visibleRows) {
        let linked = 0;
        while (linked < visibleRows && rows[linked].querySelector('a[data-mycc-phone]')) linked++;
        if (linked === visibleRows) {
          probe.marks.visibleInDom = now;
          onScreen('visible');
        }
      }
      if (probe.marks.allInDom == null && links.length >= Number(table.dataset.numbers)) {
        probe.marks.allInDom = now;
        onScreen('all');
        return;
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();
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
  // The page's own first frame after parsing, for comparison: no link can be on screen sooner.
  // The rows on screen are counted after it, so that their layout read does not delay it.
  requestAnimationFrame(() =>
    setTimeout(() => {
      window.benchProbe.marks.frameAfterDcl = performance.now();
      if (new URLSearchParams(location.search).has('visible')) return;
      const rows = [...document.querySelectorAll('#t tr')];
      window.benchProbe.visibleRows = rows.filter((r) => r.getBoundingClientRect().top < window.innerHeight).length;
    }, 0),
  );
});
