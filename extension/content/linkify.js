'use strict';
// Turns phone numbers in the page's text into <a data-mycc-phone> links, and takes them
// out again without a trace.
//
// Rules that keep pages working (Dark Reader's lesson: leave the page's DOM contracts alone):
// - Only text is split; elements are never moved. The original text node stays first in
//   its place, so a framework that holds it (React, Vue) can still update or remove it.
//   When it does, the pieces we made after it are removed and the node is scanned again.
// - Only what changed is scanned: mutation records are coalesced into a set of roots.
// - Our own writes are never re-scanned: the observer is paused (or its records of them
//   dropped) while we write.
// - Work runs in short slices (SLICE_MS, PUT_MS), so the page stays responsive.

var myccLinkify = (() => {
  // Collecting and building allocate, and garbage collection inside a slice has taken up to
  // 23 ms (a 25 ms slice of the second scan ran 52 ms with 18 ms of incremental marking in it):
  // their slices leave room for that under 50 ms. Putting in allocates little, and each extra
  // slice of it would cost the page a relayout, so it gets more.
  const SLICE_MS = 20;
  const PUT_MS = 45;
  const OBSERVE = { childList: true, characterData: true, subtree: true };
  const SKIP_TAGS = new Set([
    'a', 'input', 'textarea', 'select', 'option', 'script', 'style', 'code', 'pre', 'noscript', 'svg', 'math',
    'template', 'iframe', 'canvas', 'kbd', 'samp', 'title', 'head', 'button',
  ]);
  const SKIP_ROLES = new Set(['textbox', 'search', 'searchbox', 'timer', 'combobox', 'log', 'marquee']);
  // At least seven digits with separators between, not glued to a letter or digit before
  // (the engine never takes those: order ids like DH0912345678): cheaper than the engine for
  // the ~95% of text nodes that can't hold a number.
  // Full-width digits and punctuation (pasted from Word or an IME) count like ASCII ones.
  const MAY_HOLD_NUMBER = /(?<![\p{L}\p{N}])[\d\uff10-\uff19](?:[\s().\-_\u00a0\uff08\uff09\uff0d\uff0e]{0,3}[\d\uff10-\uff19]){6}/u;

  let options = { country: 'VN', label: (n) => n, isOurs: () => false };
  let observer = null;
  let enabled = false;
  const roots = new Set(); // nodes waiting to be scanned
  const observed = new Set(); // document and open shadow roots we watch
  const pieces = new Map(); // original text node -> nodes we inserted after it
  // Text nodes the engine found no number in, with the text it saw: a second scan of the
  // document (after the page has loaded) skips them.
  let numberless = new WeakMap();
  const ours = new WeakSet(); // nodes we created
  let pumping = false;

  // Called for every element walked, so only cheap reads: no style queries (an editing host
  // is recognised by its attribute, and its whole subtree is skipped with it).
  function skipElement(el) {
    if (SKIP_TAGS.has(el.localName) || el.hasAttribute('contenteditable')) return true;
    const role = el.getAttribute('role');
    if (role && SKIP_ROLES.has(role)) return true;
    return el.classList.contains('mycc-no-call') || ours.has(el) || options.isOurs(el);
  }

  /** False when `node` sits somewhere we must not touch (checked once per scan root). */
  function placeAllowed(node) {
    for (let el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement; el; ) {
      if (skipElement(el)) return false;
      const parent = el.parentElement;
      if (parent) el = parent;
      else {
        const root = el.getRootNode();
        el = root instanceof ShadowRoot ? root.host : null;
      }
    }
    return true;
  }

  function observe(root) {
    if (observed.has(root)) return;
    observed.add(root);
    observer.observe(root, OBSERVE);
  }

  /**
   * A walk over one scan root, resumable across slices. One native walker over elements and
   * text, without a JS filter (a filter calls back into this world for every node, which made
   * collection ~100x slower than the walk). The cheap digit test comes first; the ancestor
   * verdict is remembered per parent element. A live scan follows the document while the
   * parser is still adding to it.
   */
  function startScan(root, live = false) {
    const shadow = root.getRootNode() instanceof ShadowRoot; // a shadow root is its own root node
    if (root.nodeType === Node.TEXT_NODE) return { root, shadow, single: root };
    // The live scan looks at text only (half the nodes): shadow roots are found by the second
    // scan, after the page has loaded.
    const walker = document.createTreeWalker(root, live ? NodeFilter.SHOW_TEXT : NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    // `tail` and `growing` are set on the live scan alone, and only while the page loads.
    return { root, shadow, walker, allowed: new Map(), tail: null, growing: null, held: null, waiting: false, done: false };
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

  const loading = () => document.readyState === 'loading';

  /** While the page loads, the last node of the document (our dock aside): null once it has loaded. */
  function parserTail() {
    if (!loading()) return null;
    let node = document;
    for (;;) {
      let child = node.lastChild;
      while (child && options.isOurs(child)) child = child.previousSibling;
      if (!child) return node;
      node = child;
    }
  }

  /**
   * The text nodes the parser may still append to: the tail, and the text it fosters before a
   * table it is still in (text met inside a table goes before it). Not the text before a table
   * it has closed: holding that would stop the live scan there until the page has loaded.
   */
  function growingText(tail) {
    const growing = new Set();
    if (tail.nodeType === Node.TEXT_NODE) growing.add(tail);
    for (let el = tail.parentElement; el; el = el.parentElement) {
      if (el.localName === 'table' && el.previousSibling?.nodeType === Node.TEXT_NODE) growing.add(el.previousSibling);
    }
    return growing;
  }

  function watchShadowRoot(el) {
    if (!el.shadowRoot || observed.has(el.shadowRoot)) return;
    observe(el.shadowRoot);
    roots.add(el.shadowRoot);
  }

  const WALK_STRETCH = 256;
  const SKIPPED = false;

  /**
   * The next candidate text node of `scan`, its text in `out`; SKIPPED after a stretch without
   * one; null when the scan is done, or (a live scan) has caught up with the parser and waits.
   */
  function nextCandidate(scan, out) {
    if (scan.single) {
      const node = scan.single;
      scan.single = null;
      scan.done = true;
      if (ours.has(node) || pieces.has(node)) return null;
      out.text = node.data;
      return node;
    }
    // At most WALK_STRETCH nodes per call, so the caller's deadline holds on long stretches
    // without candidates (a second scan of a linked table skips nearly everything).
    for (let walked = 0; !scan.done; walked++) {
      if (walked === WALK_STRETCH) return SKIPPED;
      const node = scan.held ?? scan.walker.nextNode();
      scan.held = null;
      if (!node) {
        if (scan.tail !== null) scan.waiting = true;
        else scan.done = true;
        return null;
      }
      if (node.nodeType === Node.ELEMENT_NODE) {
        watchShadowRoot(node);
        continue;
      }
      if (scan.growing?.has(node)) {
        scan.held = node;
        scan.waiting = true;
        return null;
      }
      const text = node.data;
      if (!MAY_HOLD_NUMBER.test(text) || ours.has(node) || pieces.has(node) || numberless.get(node) === text) continue;
      if (!allowedUnder(scan, node.parentElement)) continue;
      out.text = text;
      return node;
    }
    return null;
  }

  // While the page loads, the document is linked as the parser adds it, each batch in the frame
  // that lays out what the parser added, so it costs no relayout of its own and is on screen
  // with the page's own paint. Only the parents of the text we split are observed meanwhile (the
  // whole document would make a record for every node the parser inserts); at
  // DOMContentLoaded the whole document is observed and scanned once more.
  let liveScan = null; // the document, walked as the parser adds to it
  let parserWatch = null; // tells, while the page loads, that the parser has added nodes
  // From enable() while the page loads until our DOMContentLoaded handler: the parser's tasks
  // come first (even once it is done, in the task that ends with DOMContentLoaded), and only
  // the parents of the text we split are observed; after, the whole document.
  const parsing = () => parserWatch !== null;
  let scan = null; // the root being walked, across slices

  /** True once `node` is below the screen (layout is clean here, so this read is cheap). */
  function belowViewport(node) {
    const parent = node.parentElement;
    return parent != null && parent.getBoundingClientRect().top > window.innerHeight;
  }

  /** Adds candidate text nodes to `batch` until the deadline; false when nothing is left to walk for now. */
  function collect(batch, deadline, firstBatch) {
    const out = { text: '' };
    // While the page loads, layout is not clean: no viewport test (it would force a layout).
    const stopBelowViewport = firstBatch && !parsing();
    if (liveScan) {
      liveScan.tail = parserTail(); // once per call: the parser is not running now
      liveScan.growing = liveScan.tail && growingText(liveScan.tail);
      watchParserAt(liveScan.tail);
    }
    for (let n = 0; ; n++) {
      if ((n & 15) === 0 && performance.now() > deadline) return true;
      let from = liveScan && !liveScan.waiting ? liveScan : null;
      if (!from && !scan) {
        const next = roots.values().next();
        if (next.done) return false;
        roots.delete(next.value);
        const root = next.value;
        if (!root.isConnected || (root !== document && !placeAllowed(root instanceof ShadowRoot ? root.host : root))) continue;
        scan = startScan(root);
      }
      from ??= scan;
      const node = nextCandidate(from, out);
      if (node === SKIPPED) continue;
      if (!node) {
        if (from.done && from === liveScan) {
          // The parser is done and so is the live scan: its last nodes go now, on their own;
          // the whole document is scanned once more later.
          liveScan = null;
          if (!parsing()) scanAgainWhenIdle();
          return false;
        }
        if (from.done) scan = null;
        continue;
      }
      batch.nodes.push(node);
      batch.texts.push(out.text);
      batch.shadow.push(from.shadow);
      // What is on screen goes first: the first batch ends at the first node below it.
      if (stopBelowViewport && batch.nodes.length % 16 === 0 && (batch.nodes.length >= FIRST_BATCH_NODES || belowViewport(node))) return true;
    }
  }

  function makeLink(number, e164, shadow) {
    const link = document.createElement('a');
    link.setAttribute('data-mycc-phone', e164);
    link.setAttribute('href', `tel:${e164}`);
    link.setAttribute('aria-label', options.label(number));
    if (shadow) {
      // Our stylesheet does not reach into shadow roots; CSSOM styles are not blocked by CSP.
      link.style.setProperty('color', 'inherit');
      link.style.setProperty('text-decoration', 'underline dotted #0f766e');
    }
    // Its text node is never handed to this world: text under a link is never scanned.
    link.append(number);
    return link;
  }

  /**
   * What `text` becomes, built off the page: the head the original node keeps, and the links
   * and the text between and after them that go after it (matches are UTF-16 offsets).
   */
  function prepare(text, matches, shadow) {
    const made = [];
    let at = matches[0][0];
    for (const [start, end, e164] of matches) {
      if (start > at) made.push(document.createTextNode(text.slice(at, start)));
      made.push(makeLink(text.slice(start, end), e164, shadow));
      at = end;
    }
    if (at < text.length) made.push(document.createTextNode(text.slice(at)));
    for (const node of made) ours.add(node);
    return { head: text.slice(0, matches[0][0]), made };
  }

  /** Removes what we inserted after `node`; with `restoreText`, gives it its text back. */
  function unwrap(node, restoreText) {
    const made = pieces.get(node);
    if (!made) return;
    pieces.delete(node);
    if (restoreText && node.isConnected) node.data += made.map((n) => n.textContent).join('');
    for (const n of made) n.remove();
  }

  // Text the page rewrites more than CHURN_LIMIT times within CHURN_MS (a ticker, a live
  // counter) is left alone until it has been quiet for CHURN_MS: a link there is gone before
  // anyone could click it, and making it costs the page a layout every time.
  const CHURN_LIMIT = 3;
  const CHURN_MS = 1000;
  const churn = new WeakMap(); // element -> {since, count, last}: its text rewrites
  const restless = new Set(); // elements waiting to be quiet
  let quietTimer = 0;

  /** Counts a rewrite of `el`'s text; true if it is rewritten too often to link now. */
  function tooRestless(el) {
    if (!el) return false;
    const now = performance.now();
    let seen = churn.get(el);
    if (!seen || now - seen.since > CHURN_MS) {
      seen = { since: now, count: 0, last: now };
      churn.set(el, seen);
    }
    seen.count++;
    seen.last = now;
    if (seen.count <= CHURN_LIMIT && !restless.has(el)) return false;
    restless.add(el);
    quietTimer ||= setTimeout(checkQuiet, CHURN_MS);
    return true;
  }

  function checkQuiet() {
    quietTimer = 0;
    const now = performance.now();
    const waiting = roots.size;
    for (const el of restless) {
      if (!el.isConnected) restless.delete(el);
      else if (now - churn.get(el).last >= CHURN_MS) {
        restless.delete(el);
        roots.add(el);
      }
    }
    if (restless.size) quietTimer = setTimeout(checkQuiet, CHURN_MS);
    if (roots.size > waiting) schedule();
  }

  function handleRecords(records) {
    for (const record of records) {
      if (record.type === 'characterData') {
        const node = record.target;
        if (ours.has(node)) continue;
        if (pieces.has(node)) unwrap(node, false); // the page rewrote the whole text in place
        if (node !== liveScan?.held && !tooRestless(node.parentElement)) roots.add(node);
      } else {
        for (const removed of record.removedNodes) {
          if (pieces.has(removed)) unwrap(removed, false);
        }
        for (const added of record.addedNodes) {
          if (ours.has(added) || options.isOurs(added)) continue;
          if (added.nodeType === Node.ELEMENT_NODE) roots.add(added);
          else if (added.nodeType === Node.TEXT_NODE && !tooRestless(record.target)) roots.add(added);
        }
      }
    }
  }

  // Each task that writes to the page costs it a relayout (~90 to 200 ms on a 5,000-row
  // table, whatever the number of links), so writes are few and cheap: the first batch is what
  // is on screen (collection stops at the first node below it). Everything else is collected
  // over as many short tasks as it takes, detected in one call, and its links are built off
  // the page over as many tasks again; then one task puts them all in (a text edit and one
  // insertion per text node), so the whole rest costs the page one relayout.
  const FIRST_BATCH_NODES = 2000;
  let firstBatch = true;
  let batch = null; // {nodes, texts, shadow} being collected
  let job = null; // a detected batch: its links being built, then put in

  // The arrow (not `resolve` itself) lets a trace attribute the task to this script.
  const nextTask = () => new Promise((resolve) => setTimeout(() => resolve(), 0));
  const emptyBatch = () => ({ nodes: [], texts: [], shadow: [] });

  // Without the in-page wasm (a strict CSP in Chromium), batches made while the page loads go to
  // the background without holding the live scan up, and wait here, in order, for their
  // answers. While the page loads, each answered batch is put in as it comes (it lands in the
  // parser's own relayout). After that, each put would cost the page a relayout of its own and
  // the answers come a frame apart: they are put in together once all are in.
  const sent = []; // {nodes, texts, shadow, found}: found is null until answered
  let generation = 0; // which enable() a background answer belongs to

  /** Sends text nodes to the background's engine; a round puts in their answer once it is in. */
  function sendToBackground(nodes, texts, shadow) {
    const asked = generation;
    const waiting = { nodes, texts, shadow, found: null };
    sent.push(waiting);
    const answer = (found) => {
      if (!enabled || asked !== generation) return;
      waiting.found = found;
      if (!pumping) pump(ONE_TASK); // in the task the answer came in
    };
    myccEngine.detect(texts, options.country).then(answer, () => answer([]));
  }

  const newJob = (nodes, texts, shadow, found) => ({ nodes, texts, shadow, found, i: 0, m: 0, offset: 0, ready: [], put: 0 });

  /** How many sent batches can be built now, from the front. */
  function sentTakeable() {
    let answered = 0;
    while (answered < sent.length && sent[answered].found) answered++;
    return parsing() || answered === sent.length ? answered : 0;
  }

  /** One job of the sent batches that can be built now, as if they had been one batch. */
  function takeSent() {
    const taken = sent.splice(0, sentTakeable());
    const joinedLength = (texts) => texts.reduce((length, text) => length + text.length + 1, -1);
    const found = myccEngine.joinFound(taken.map((b) => ({ length: joinedLength(b.texts), found: b.found })));
    return newJob(taken.flatMap((b) => b.nodes), taken.flatMap((b) => b.texts), taken.flatMap((b) => b.shadow), found);
  }

  const workLeft = () => job || sentTakeable() || batch || roots.size || scan || (liveScan && !liveScan.waiting);

  // Deadlines (ms from the start of a round) for a round done in one task: collect, build, put
  // in. While the page loads, every hop to another task waits behind the parser (100 to 500 ms
  // measured), so a batch is collected, detected, built and put in within one task. The parser
  // yields rarely, so each batch is as big as fits: 3,400 candidate text nodes took 13 ms to
  // collect, 10 to detect and build and 8 to put in; the most of ours in one task was 40 ms in
  // eight traced loads. What the live scan has left at DOMContentLoaded (the parser's last
  // chunk) goes in within that task, before the layout that ends it; if it is more than that,
  // all of it goes in later in one write, like the rest of a page that had loaded: two writes
  // would cost the table two relayouts.
  const ONE_TASK = { collect: 14, build: 30, put: 38 };
  const LAST_CHUNK = { collect: 16, build: 34, put: 44 };

  /** Links what is waiting; with `rightNow` (deadlines), the first round is done in this task. */
  async function pump(rightNow = null) {
    if (pumping) return;
    pumping = true;
    try {
      if (liveScan) liveScan.waiting = false; // the parser may have added more
      while (enabled && workLeft()) {
        // Each turn of this loop is one task. Outside a one-task round, each step gets slices
        // of its own.
        let start = performance.now();
        const spent = () => performance.now() - start;
        const oneTask = parsing() ? ONE_TASK : rightNow;
        rightNow = null;
        if (!job && sentTakeable()) job = takeSent();
        if (!job) {
          batch ??= emptyBatch();
          const more = collect(batch, start + (oneTask?.collect ?? SLICE_MS), firstBatch);
          if (more && !firstBatch && oneTask !== ONE_TASK) {
            await nextTask(); // keep collecting: nothing is written yet, so no relayout in between
            continue;
          }
          firstBatch = false;
          const { nodes, texts, shadow } = batch;
          batch = null;
          if (!nodes.length) continue;
          let found = myccEngine.detectNow(texts, options.country);
          if (!found && oneTask) {
            sendToBackground(nodes, texts, shadow);
            break; // the parser's next task, or the answer, starts the next round
          }
          if (!found) {
            found = await myccEngine.detect(texts, options.country);
            start = performance.now(); // the answer came in a task of its own
          }
          if (!enabled) break;
          job = newJob(nodes, texts, shadow, found);
          if (!oneTask && spent() > SLICE_MS / 2) {
            await nextTask();
            continue;
          }
        }
        if (build(job, start + (oneTask?.build ?? SLICE_MS))) {
          if (parsing()) break; // a hop would wait behind the parser: the next round goes on
          await nextTask();
          continue;
        }
        if (!oneTask && spent() > SLICE_MS / 2) {
          await nextTask(); // putting in gets a task of its own
          continue;
        }
        if (put(job, start + (oneTask?.put ?? PUT_MS))) job = null;
        if (!workLeft() || parsing()) break; // while loading, the parser's next task starts the next round
        await nextTask();
      }
    } catch (error) {
      console.warn('myCC Connect: linking stopped:', error);
    } finally {
      pumping = false;
    }
    if (liveScan) schedule(); // the parser goes on: look again soon
  }

  /** Builds the job's links off the page until `deadline`; true if some are left to build. */
  function build(job, deadline) {
    const { nodes, texts, shadow, found } = job;
    for (; job.i < nodes.length; job.i++) {
      if ((job.i & 63) === 0 && performance.now() > deadline) return true;
      const text = texts[job.i];
      const start = job.offset;
      const end = start + text.length;
      job.offset = end + 1;
      let m = job.m;
      while (m < found.length && found[m][0] < end) m++;
      if (m === job.m) {
        numberless.set(nodes[job.i], text);
        continue;
      }
      const matches = found.slice(job.m, m).map(([s, e, e164]) => [s - start, e - start, e164]);
      job.m = m;
      job.ready.push({ node: nodes[job.i], text, ...prepare(text, matches, shadow[job.i]) });
    }
    return false;
  }

  /**
   * Puts the built links in, with the observer paused so our own writes make no records;
   * true when all are in. A node the page changed meanwhile is skipped: the page's change
   * queued it to be scanned again.
   */
  function put(job, deadline) {
    handleRecords(observer.takeRecords());
    if (!parsing()) observer.disconnect();
    const watch = []; // while the page loads: the parents of what we split
    try {
      for (; job.put < job.ready.length; job.put++) {
        if ((job.put & 255) === 0 && performance.now() > deadline) return false;
        const { node, text, head, made } = job.ready[job.put];
        if (!node.isConnected || pieces.has(node) || node.data !== text) continue;
        node.data = head;
        // One by one: a fragment per text node cost more than it saved.
        const parent = node.parentNode;
        const next = node.nextSibling;
        for (const piece of made) parent.insertBefore(piece, next);
        pieces.set(node, made);
        if (parsing()) watch.push(node.parentNode);
      }
      return true;
    } finally {
      if (!parsing()) {
        for (const root of observed) observer.observe(root, OBSERVE);
      } else {
        observer.takeRecords(); // our own writes, in parents watched already
        parserWatch?.takeRecords();
        for (const parent of watch) observe(parent);
      }
    }
  }

  // Work caused by the page's own changes runs in an animation frame, so our writes land in
  // the same frame as the page's and cost no relayout of their own. Hidden tabs get no
  // frames: there, and while the page loads, a timer does it.
  // A page that keeps changing is followed at most every FOLLOW_MS: each round has a fixed
  // cost (the engine call, pausing the observer), and a page changing text 1,000 times a
  // second cost us twice as much when followed every frame.
  const FOLLOW_MS = 100;
  const IDLE_WAIT_MS = 1000; // at most, for the second scan
  let scheduled = false;
  let lastRound = -Infinity;
  function schedule() {
    if (!enabled || pumping || scheduled) return;
    scheduled = true;
    const run = () => {
      scheduled = false;
      lastRound = performance.now();
      pump();
    };
    const wait = lastRound + FOLLOW_MS - performance.now();
    if (document.hidden) setTimeout(run, 50);
    // While the page loads, the parser dirties the layout anyway and frames are few and late
    // (measured: no animation frame for ~600 ms), so a timer keeps up with it.
    else if (loading()) setTimeout(run, 25);
    else if (wait > 0) setTimeout(() => requestAnimationFrame(run), wait);
    else requestAnimationFrame(run);
  }

  function enable(newOptions) {
    options = { ...options, ...newOptions };
    if (enabled) return;
    enabled = true;
    observer ??= new MutationObserver((records) => {
      handleRecords(records);
      schedule();
    });
    if (loading()) {
      liveScan = startScan(document, true);
      // The parser's own tasks come first while the page loads: timers and frames wait behind
      // them for 100 to 500 ms. A mutation callback runs at the end of each parser task, so
      // the live scan rides on it (its records are not read: it only says the parser went on).
      parserWatch = new MutationObserver(() => pumping || !loading() || pump()); // done: parsed() goes on
      watchParserAt(parserTail());
      document.addEventListener('DOMContentLoaded', parsed, { once: true });
    } else {
      observe(document);
      roots.add(document);
    }
    pump();
  }

  /**
   * The parser is done: from now on the whole document is observed. The live scan walks on to
   * the end, and then the whole document is scanned once more (what is linked is skipped), for
   * what scripts changed behind the live scan while the page loaded.
   */
  function parsed() {
    stopParserWatch();
    if (!enabled) return;
    handleRecords(observer.takeRecords());
    observer.disconnect();
    observed.clear();
    if (pieces.size) firstBatch = false; // what is on screen was linked while the page loaded
    observe(document);
    if (liveScan) liveScan.waiting = false;
    else scanAgainWhenIdle();
    // What the live scan has not reached yet goes in now, before the page's first layout
    // after parsing (in the same way as while loading); a long rest follows in slices.
    pump(LAST_CHUNK);
  }

  /**
   * The second scan of a document linked while it loaded, for what page scripts changed behind
   * the live scan and for shadow roots. It rarely finds anything and walks every node again
   * (~40 ms on the 5,000-row table), so it waits until the page is idle: run at once, its
   * slices held up the page's first frame with the links.
   */
  function scanAgainWhenIdle() {
    const again = () => {
      if (!enabled) return;
      roots.add(document);
      schedule();
    };
    requestIdleCallback(again, { timeout: IDLE_WAIT_MS });
  }

  /**
   * Watches the elements the parser is adding to: the ancestors of its last node. Not the
   * whole subtree, which makes a record for every node it inserts (80,000 for the 5,000-row
   * table); a new element it opens is seen going into one of these, and watched from then on.
   */
  function watchParserAt(tail) {
    if (!parserWatch || !tail) return;
    parserWatch.disconnect();
    for (let node = tail; node; node = node.parentNode) {
      if (node.nodeType === Node.ELEMENT_NODE || node.nodeType === Node.DOCUMENT_NODE) parserWatch.observe(node, { childList: true });
    }
  }

  function stopParserWatch() {
    parserWatch?.disconnect();
    parserWatch = null;
  }

  /** Takes every link out and gives each original text node its exact text back. */
  function disable() {
    enabled = false;
    stopParserWatch();
    if (observer) {
      observer.takeRecords();
      observer.disconnect();
    }
    observed.clear();
    roots.clear();
    liveScan = null;
    scan = null;
    batch = null;
    job = null;
    firstBatch = true;
    numberless = new WeakMap();
    sent.length = 0;
    generation++;
    restless.clear();
    clearTimeout(quietTimer);
    quietTimer = 0;
    for (const node of [...pieces.keys()]) unwrap(node, true);
  }

  // An orphaned content script gives every text node its exact text back (myccLifecycle).
  myccLifecycle.onEnd(disable);
  return { enable, disable };
})();
