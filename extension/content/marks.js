'use strict';
// Marks phone numbers in the page with ranges in the CSS highlight `mycc-phone`, and never
// touches the page's nodes: nothing is split, moved or edited, so frameworks that hydrate or
// patch the DOM (React, Vue, Preact) find it as they left it, and no write costs a relayout.
// What is added: the highlight itself and, in each shadow root that holds numbers, a
// constructed stylesheet with the `::highlight(mycc-phone)` rule (the document gets marks.css).
//
// A MutationObserver says what changed: a text change or a move collapses the ranges on that
// text node, so it is detected again; a removal drops its ranges. Work runs in slices
// (SLICE_MS) with deadlines, in document order from the top. Shadow roots are found by the
// walk, as the added node itself, and when the page attaches one (page-world.js tells, in
// the page's own world).

var myccMarks = (() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const { SHADOW_EVENT } = globalThis.myccProtocol;
  const NAME = 'mycc-phone';
  // Collecting and making ranges allocate: a slice leaves room for a garbage collection
  // (up to 23 ms measured) under 50 ms.
  const SLICE_MS = 20;
  const FOLLOW_MS = 100; // a page that keeps changing is followed at most this often
  const OBSERVE = { childList: true, characterData: true, subtree: true };
  const SKIP_TAGS = new Set([
    'a', 'input', 'textarea', 'select', 'option', 'script', 'style', 'code', 'pre', 'noscript', 'svg', 'math',
    'template', 'iframe', 'canvas', 'kbd', 'samp', 'title', 'head', 'button',
  ]);
  const SKIP_ROLES = new Set(['textbox', 'search', 'searchbox', 'timer', 'combobox', 'log', 'marquee']);
  // At least seven digits with separators between, not glued to a letter or digit before
  // (the engine never takes those: order ids like DH0912345678): cheaper than the engine for
  // the ~95% of text nodes that can't hold a number, and it allocates nothing. Full-width
  // digits and punctuation (pasted from Word or an IME) count like ASCII ones.
  const MAY_HOLD_NUMBER = /(?<![\p{L}\p{N}])[\d\uff10-\uff19](?:[\s().\-_\u00a0\uff08\uff09\uff0d\uff0e]{0,3}[\d\uff10-\uff19]){6}/u;
  const RULE = '::highlight(mycc-phone) { text-decoration: underline dotted 2px #11847a; }';

  let options = { country: 'VN', isOurs: () => false };
  let enabled = false;
  let highlight = null;
  let observer = null;
  const marked = new Map(); // text node -> its ranges
  const dialOf = new Map(); // range -> e164
  let seen = new WeakMap(); // text node -> the text detected in it (numbers or none)
  const roots = new Set(); // nodes waiting to be scanned
  const shadows = new Map(); // shadow root we observe -> our stylesheet in it, once it holds numbers
  let scan = null; // the root being walked, across slices
  // Ranges made but not yet in the highlight. Chromium rebuilds the marker of every range of
  // every highlight in each frame that follows a change to the highlight, the DOM or style
  // (anyone's: the parser's, the page's, the dock's), at about 10 µs a range. So the first
  // screenful (EARLY_RANGES) goes in at once, and the rest when the walk is done (or every
  // FLUSH_MS on a long one; FIRST_WALK_FLUSH_MS on the page's first walk): until then the frames
  // between slices rebuild a few hundred markers, not thousands, and the walk keeps its pace.
  // Adding 10,000 ranges at once takes a few milliseconds.
  const pending = [];
  const EARLY_RANGES = 200;
  const FLUSH_MS = 1000;
  const FIRST_WALK_FLUSH_MS = 3000;
  let firstWalk = true; // the page's first walk, which follows the parser, is not done
  // While the page loads, each slice rides on a parser task: it collects for longer (fewer,
  // bigger slices keep up with the parser), and the rest of the slice is detecting and marking.
  const LOADING_COLLECT_MS = 10;
  const DCL_TASK_MS = 20;
  const MAX_NODES = 1000; // a slice's candidates: detecting and marking them stays near 10 ms
  let flushedAt = 0;
  let sweep = false; // nodes were removed: ranges on them are gone

  // Called for every element walked: cheap reads only.
  function skipElement(el) {
    if (SKIP_TAGS.has(el.localName) || el.hasAttribute('contenteditable')) return true;
    const role = el.getAttribute('role');
    if (role && SKIP_ROLES.has(role)) return true;
    return el.classList.contains('mycc-no-call') || options.isOurs(el);
  }

  /** False when `node` sits somewhere we must not mark (checked once per scan root). */
  function placeAllowed(node) {
    for (let el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement; el; ) {
      if (skipElement(el)) return false;
      el = el.parentElement ?? (el.getRootNode() instanceof ShadowRoot ? el.getRootNode().host : null);
    }
    return true;
  }

  /** A closed shadow root, through the extension's own API (Chrome) or Xray (Firefox). */
  function shadowOf(el) {
    if (el.shadowRoot) return el.shadowRoot;
    if (!el.localName.includes('-')) return null; // closed roots are looked for on custom elements only
    try {
      return api.dom?.openOrClosedShadowRoot?.(el) ?? el.openOrClosedShadowRoot?.() ?? null;
    } catch {
      return null;
    }
  }

  function watchShadow(root) {
    if (!root || shadows.has(root)) return;
    shadows.set(root, null);
    observer.observe(root, OBSERVE);
    roots.add(root);
  }

  /** The `::highlight` rule where the document's stylesheet does not reach. */
  function styleShadow(root) {
    if (shadows.get(root) !== null) return;
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(RULE);
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      shadows.set(root, sheet);
    } catch {
      shadows.set(root, false); // the page froze it: its numbers are hit-tested, just not drawn
    }
  }

  function allowedUnder(scan, el) {
    const path = [];
    let verdict = true;
    for (let e = el; e && e !== scan.root; e = e.parentElement) {
      const known = scan.allowed.get(e);
      if (known !== undefined) {
        verdict = known;
        break;
      }
      path.push(e);
      if (skipElement(e)) {
        verdict = false;
        break;
      }
    }
    for (const e of path) scan.allowed.set(e, verdict);
    return verdict;
  }

  // While the page loads, the parser may still append to the document's last text node, and
  // to text it fosters before a table it is in: those are held until it has moved on.
  const loading = () => document.readyState === 'loading';
  let parserWatch = null; // while the page loads: says the parser has added nodes
  function growing() {
    if (!loading()) return null;
    let node = document;
    for (let child = node.lastChild; child; child = node.lastChild) {
      while (child && options.isOurs(child)) child = child.previousSibling;
      if (!child) break;
      node = child;
    }
    // The parser adds to the ancestors of its last node: watching them (not the subtree, which
    // makes a record per node it inserts) tells at the end of each of its tasks.
    if (parserWatch) {
      parserWatch.disconnect();
      for (let n = node; n; n = n.parentNode) if (n.nodeType !== Node.TEXT_NODE) parserWatch.observe(n, { childList: true });
    }
    const held = new Set([node]);
    for (let el = node.parentElement; el; el = el.parentElement) {
      if (el.localName === 'table' && el.previousSibling?.nodeType === Node.TEXT_NODE) held.add(el.previousSibling);
    }
    return held;
  }

  /**
   * Adds candidate text nodes and their text to `nodes`/`texts` until `deadline`; one native
   * walker over elements and text, no JS filter (a filter calls into this world per node). A
   * text node without seven digits costs a regex test and nothing else.
   */
  function collect(nodes, texts, deadline) {
    const held = growing();
    for (let n = 0; ; n++) {
      if ((n & 255) === 0 && performance.now() > deadline) return true;
      if (!scan) {
        const next = roots.values().next();
        if (next.done) return false;
        roots.delete(next.value);
        const root = next.value;
        if (!root.isConnected || (root.nodeType !== Node.DOCUMENT_NODE && !placeAllowed(root instanceof ShadowRoot ? root.host : root))) continue;
        if (root.nodeType === Node.TEXT_NODE) {
          scan = { root, single: root, held: null, allowed: null };
        } else {
          if (root.nodeType === Node.ELEMENT_NODE) watchShadow(shadowOf(root)); // a host inserted as the added node itself
          scan = { root, walker: document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT), single: null, held: null, allowed: new Map() };
        }
      }
      const node = scan.held ?? scan.single ?? scan.walker?.nextNode() ?? null;
      scan.held = scan.single = null;
      if (!node && scan.root === document && loading()) {
        // The walker follows the parser: more comes. If it stopped on our dock (on <html>, maybe
        // after a <body> the parser is still filling), it steps back, to go on from there.
        if (options.isOurs(scan.walker.currentNode)) scan.walker.previousNode();
        return false;
      }
      if (!node) {
        scan = null;
        continue;
      }
      if (node.nodeType === Node.ELEMENT_NODE) {
        if (node.shadowRoot || node.localName.includes('-')) watchShadow(shadowOf(node));
        continue;
      }
      if (held?.has(node)) {
        scan.held = node; // taken up again once the parser has moved on
        return false;
      }
      const text = node.data;
      if (!MAY_HOLD_NUMBER.test(text) || seen.get(node) === text) continue;
      if (scan.allowed && !allowedUnder(scan, node.parentElement)) continue;
      nodes.push(node);
      texts.push(text);
      if (nodes.length === MAX_NODES) return true;
    }
  }

  /** Makes the ranges of `found` (offsets into `texts` joined by U+0000) and adds them to the highlight. */
  function mark(nodes, texts, found) {
    let m = 0;
    let offset = 0;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const text = texts[i];
      const end = offset + text.length;
      const mine = [];
      for (; m < found.length && found[m][0] < end; m++) {
        const [start, stop, e164] = found[m];
        if (node.data !== text || !node.isConnected) continue; // changed meanwhile: its record queued it
        const range = document.createRange();
        range.setStart(node, start - offset);
        range.setEnd(node, stop - offset);
        pending.push(range);
        dialOf.set(range, e164);
        mine.push(range);
      }
      offset = end + 1;
      if (node.data !== text) continue;
      unmark(node);
      seen.set(node, text);
      if (!mine.length) continue;
      marked.set(node, mine);
      const root = node.getRootNode();
      if (root instanceof ShadowRoot) styleShadow(root);
    }
  }

  function unmark(node) {
    const ranges = marked.get(node);
    seen.delete(node);
    if (!ranges) return;
    marked.delete(node);
    for (const range of ranges) {
      highlight.delete(range); // a pending one is skipped when flushed: it is no longer in dialOf
      dialOf.delete(range);
    }
  }

  /** Ranges on nodes that were removed or moved have collapsed onto the parent: drop them. */
  function sweepRemoved() {
    sweep = false;
    for (const [node, ranges] of marked) {
      if (node.isConnected && ranges[0].startContainer === node) continue;
      unmark(node);
      if (node.isConnected) roots.add(node);
    }
  }

  function handleRecords(records) {
    for (const record of records) {
      if (record.type === 'characterData') {
        unmark(record.target); // a text edit collapses its ranges: detect it again
        roots.add(record.target);
        continue;
      }
      if (record.removedNodes.length) sweep = true;
      for (const added of record.addedNodes) if (!options.isOurs(added)) roots.add(added);
    }
  }

  function flush() {
    for (const range of pending) if (dialOf.has(range)) highlight.add(range);
    pending.length = 0;
    flushedAt = performance.now();
  }

  let pumping = false;
  let scheduled = false;
  let lastRound = -Infinity;
  // The next slice in a task of its own. Ahead of the page's frames while the highlight holds
  // only the first screenful and the walk is still going (after DOMContentLoaded, the parser's
  // last burst): each frame between slices costs the page a layout and a highlight rebuild, so
  // the walk would crawl from frame to frame. The browser still renders when frames have waited
  // too long (Chromium: 100 ms), and input comes first.
  const nextTask = () => new Promise((resolve) => {
    if (globalThis.scheduler?.postTask && pending.length) scheduler.postTask(resolve, { priority: 'user-blocking' });
    else setTimeout(resolve, 0);
  });

  /**
   * Marks what is waiting, a slice per task; after the first task, not before `notBefore`
   * resolves (if given).
   */
  async function pump(collectMs = SLICE_MS / 2, sameTaskMs = 0, notBefore = null) {
    if (pumping) return;
    pumping = true;
    const taskStart = performance.now();
    try {
      while (enabled) {
        const start = performance.now();
        handleRecords(observer.takeRecords());
        if (sweep) sweepRemoved();
        const nodes = [];
        const texts = [];
        const more = collect(nodes, texts, start + collectMs);
        if (nodes.length) {
          let found = myccEngine.detectNow(texts, options.country);
          if (!found) found = await myccEngine.detect(texts, options.country);
          if (!enabled) break;
          mark(nodes, texts, found);
        }
        const early = highlight.size < EARLY_RANGES;
        const walked = !more && !loading();
        if (early || walked || performance.now() - flushedAt > (firstWalk ? FIRST_WALK_FLUSH_MS : FLUSH_MS)) flush();
        if (walked) firstWalk = false;
        // While the page loads, a hop to another task waits behind the parser (100 to 500 ms):
        // the parser's next task (parserWatch) or a timer goes on.
        if (!more || loading()) break;
        if (performance.now() - taskStart < sameTaskMs) continue;
        if (notBefore) {
          await notBefore;
          notBefore = null;
        } else {
          await nextTask();
        }
      }
    } catch (error) {
      console.warn('myCC Connect: marking stopped:', error);
    } finally {
      pumping = false;
    }
    if (loading() && enabled) schedule();
  }

  function schedule() {
    if (!enabled || scheduled) return;
    scheduled = true;
    const run = () => {
      scheduled = false;
      lastRound = performance.now();
      pump();
    };
    // A task of its own, not an animation frame: marking writes nothing that needs a layout,
    // so it need not share the page's frame. While the page loads, every 50 ms.
    const wait = loading() ? 50 : lastRound + FOLLOW_MS - performance.now();
    setTimeout(run, Math.max(wait, 0));
  }

  function onShadowAttached(event) {
    const host = event.composedPath()[0];
    event.stopImmediatePropagation(); // ours: the page's listeners need not see it
    if (!enabled || !(host instanceof Element) || !placeAllowed(host)) return;
    watchShadow(shadowOf(host));
    schedule();
  }

  function enable(newOptions) {
    options = { ...options, ...newOptions };
    if (enabled) return;
    enabled = true;
    firstWalk = true;
    highlight = new Highlight();
    CSS.highlights.set(NAME, highlight);
    observer ??= new MutationObserver((records) => {
      handleRecords(records);
      // A loaded page's change is marked at the end of the page's own task when a round is due:
      // the frame that draws the change then rebuilds the highlight's markers once, not a second
      // time in a later frame for our ranges (see `pending`). At most SLICE_MS of that task.
      if (!loading() && !pumping && !scheduled && performance.now() - lastRound >= FOLLOW_MS) {
        lastRound = performance.now();
        pump(SLICE_MS / 2, SLICE_MS);
      } else {
        schedule();
      }
    });
    roots.add(document);
    // While the page loads, the walk follows the parser; observing the document then would
    // make a record for every node it inserts. Once the parser is done the document is
    // observed, and scanned once more when idle for what scripts changed behind the walk (what
    // was detected already is skipped).
    if (loading()) {
      document.addEventListener('DOMContentLoaded', parsed, { once: true });
      // Each of the parser's tasks ends with this callback: a slice of marking rides on it. After
      // its last one the document is no longer loading, but DOMContentLoaded may come much later
      // (Firefox: 0.4 to 0.7 s after a page parsed in one task, behind a frame that showed it):
      // that callback marks what is on screen at once.
      parserWatch = new MutationObserver(() => {
        if (pumping) return;
        if (loading()) pump(LOADING_COLLECT_MS);
        else parsed(null);
      });
    } else {
      observer.observe(document, OBSERVE);
    }
    window.addEventListener(SHADOW_EVENT, onShadowAttached, true);
    pump();
  }

  /**
   * DOMContentLoaded or, if it comes first, the callback of the parser's last task (`event`
   * null): the rest of the walk then waits for DOMContentLoaded, so that the page's own
   * handlers of it are not kept waiting behind our slices.
   */
  function parsed(event) {
    document.removeEventListener('DOMContentLoaded', parsed, { once: true });
    parserWatch?.disconnect();
    parserWatch = null;
    if (!enabled) return;
    observer.observe(document, OBSERVE);
    sweep = true;
    // The parser's last part goes in within this task (slices until DCL_TASK_MS), before the
    // page's first frame after parsing: a hop would wait for that frame. A long rest follows in
    // slices of their own.
    pump(LOADING_COLLECT_MS, DCL_TASK_MS, event ? null : contentLoaded());
    requestIdleCallback(() => enabled && (roots.add(document), schedule()), { timeout: 1000 });
  }

  /** DOMContentLoaded, or the thread idle first (a page's capture listener on window may stop the event). */
  const contentLoaded = () => new Promise((resolve) => {
    document.addEventListener('DOMContentLoaded', resolve, { once: true });
    requestIdleCallback(resolve, { timeout: 1000 });
  });

  /** Deletes the highlight and our stylesheets; the page's nodes were never touched. */
  function disable() {
    if (!enabled) return;
    enabled = false;
    observer.takeRecords();
    observer.disconnect();
    window.removeEventListener(SHADOW_EVENT, onShadowAttached, true);
    document.removeEventListener('DOMContentLoaded', parsed, { once: true });
    parserWatch?.disconnect();
    parserWatch = null;
    if (CSS.highlights.get(NAME) === highlight) CSS.highlights.delete(NAME);
    for (const [root, sheet] of shadows) {
      if (sheet) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
    }
    highlight = null;
    pending.length = 0;
    shadows.clear();
    marked.clear();
    dialOf.clear();
    roots.clear();
    seen = new WeakMap();
    scan = null;
  }

  const hostsOf = () => [...shadows.keys()].filter((root) => root.host.isConnected);

  /** The marked number at a point of the viewport: {range, e164}, or null. */
  function at(x, y) {
    if (!enabled || !marked.size) return null;
    // The caret's text node, then its ranges: Chromium's highlightsFromPoint measures every
    // registered range, longer than a frame on a page of thousands of numbers, and the chip
    // hit-tests at every pointer move. Where the caret finds no marked text (`user-select:
    // none`, a transparent element over the text), the text of the element at the point.
    const inNode = (node) => {
      for (const range of marked.get(node) ?? []) {
        for (const rect of range.getClientRects()) {
          if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return { range, e164: dialOf.get(range) };
        }
      }
      return null;
    };
    const caret = document.caretPositionFromPoint?.(x, y, { shadowRoots: hostsOf() });
    const node = caret ? caret.offsetNode : document.caretRangeFromPoint?.(x, y)?.startContainer;
    if (node && marked.has(node)) return inNode(node);
    for (const child of document.elementFromPoint(x, y)?.childNodes ?? []) {
      const hit = marked.has(child) && inNode(child);
      if (hit) return hit;
    }
    return null;
  }

  /** Every marked number, in the order they were found: [{range, e164}]. */
  function all() {
    const list = [];
    for (const [range, e164] of dialOf) if (range.startContainer.isConnected) list.push({ range, e164 });
    return list;
  }

  myccLifecycle.onEnd(disable);
  return { enable, disable, at, all };
})();
