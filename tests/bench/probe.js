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
// When numbers are marked (ranges in the `mycc-phone` highlight), checked once a frame from the
// start of parsing (the extension may mark while the page loads): "in the DOM" is the frame
// whose animation callbacks see the last range (one frame late at most), "on screen" the frame
// after. Each row carries `data-upto`, the numbers up to it, so the highlight's size says
// whether the rows on screen are marked (marking goes in document order) without walking them;
// `first` is the frame that shows the first marked number (the top of the table, on screen).
// `?visible=N` names the rows on screen (the benchmark finds N on a run without the extension),
// so the probe never forces a layout. `benchProbe.stop()` ends it.
const markedCount = () => CSS.highlights.get('mycc-phone')?.size ?? 0;
const rowsOf = (table) => table.querySelectorAll(':scope > tbody > tr, :scope > tr, :scope > [role=row]');
(() => {
  const probe = window.benchProbe;
  const visibleRows = Number(new URLSearchParams(location.search).get('visible') ?? 0);
  const onScreen = (mark) => requestAnimationFrame(() => setTimeout(() => (probe.marks[mark] = performance.now()), 0));
  let stopped = false;
  probe.stop = () => (stopped = true);
  let lastRow = null;
  const frame = () => {
    if (stopped) return;
    const table = document.getElementById('t');
    if (table) {
      const now = performance.now();
      probe.marks.tableFrame ??= now; // the page's first frame with the table: nothing shows sooner
      const marked = markedCount();
      if (probe.marks.firstInDom == null && marked > 0) {
        probe.marks.firstInDom = now;
        onScreen('first');
      }
      if (probe.marks.visibleInDom == null && visibleRows) {
        lastRow ??= rowsOf(table)[visibleRows - 1] ?? null;
        if (lastRow && marked >= Number(lastRow.dataset.upto)) {
          probe.marks.visibleInDom = now;
          onScreen('visible');
        }
      }
      if (probe.marks.allInDom == null && marked >= Number(table.dataset.numbers)) {
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
  const table = document.getElementById('t');
  const body = table.querySelector('tbody') ?? table;
  const grid = table.getAttribute('role') === 'grid';
  const start = performance.now();
  const before = markedCount();
  for (let i = 0; i < count; i++) {
    const row = document.createElement(grid ? 'div' : 'tr');
    const cell = grid ? 'div' : 'td';
    for (const text of [`Mới ${i}`, `0912 ${String(100 + i).padStart(3, '0')} ${String(500 + i).padStart(3, '0')}`, '12/05/2024']) {
      const c = document.createElement(cell);
      c.textContent = text;
      row.append(c);
    }
    body.prepend(row);
  }
  return new Promise((resolve) => {
    const check = () => (markedCount() >= before + count ? resolve(performance.now() - start) : requestAnimationFrame(check));
    check();
  });
};
window.benchFlood = (seconds) => {
  // About 1,000 mutations a second: ten text changes every 10 ms in cells with numbers.
  const cells = [...rowsOf(document.getElementById('t'))].slice(0, 200).map((row) => row.children[1]);
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
  window.benchProbe.markedAtDcl = markedCount(); // marked while the page loaded
  // The page's own first frame after parsing, for comparison: no link can be on screen sooner.
  // The rows on screen are counted after it, so that their layout read does not delay it.
  requestAnimationFrame(() =>
    setTimeout(() => {
      window.benchProbe.marks.frameAfterDcl = performance.now();
      if (new URLSearchParams(location.search).has('visible')) return;
      const rows = [...rowsOf(document.getElementById('t'))];
      window.benchProbe.visibleRows = rows.filter((r) => r.getBoundingClientRect().top < window.innerHeight).length;
    }, 0),
  );
});
