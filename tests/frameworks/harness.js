// Loaded first on every framework page, before the framework: keeps the console's warnings
// and errors (hydration mismatches are reported there), and lets a page wait until the
// extension has marked its server-rendered numbers before it hydrates, as a page that
// hydrates late (after a lazy bundle) meets them.
(() => {
  const seen = [];
  window.fwConsole = seen;
  for (const level of ['error', 'warn']) {
    const original = console[level].bind(console);
    console[level] = (...args) => {
      seen.push(`${level}: ${args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ')}`);
      original(...args);
    };
  }
  window.addEventListener('error', (e) => seen.push(`uncaught: ${e.message}`));
  const marks = () => (CSS.highlights?.get('mycc-phone')?.size ?? 0) + document.querySelectorAll('a[data-mycc-phone]').length;
  /** Resolves once `count` numbers are marked (or linked, by versions that wrapped them), or after 5 s. */
  window.fwWhenMarked = (count) => new Promise((resolve) => {
    const started = performance.now();
    const check = () => (marks() >= count || performance.now() - started > 5000 ? resolve(marks()) : setTimeout(check, 20));
    check();
  });
})();
