'use strict';
// Turns phone numbers in the page's text into <a data-mycc-phone> links, and takes them
// out again without a trace.
//
// Rules that keep pages working (Dark Reader's lesson: leave the page's DOM contracts alone):
// - Only text is split; elements are never moved. The original text node stays first in
//   its place, so a framework that holds it (React, Vue) can still update or remove it.
//   When it does, the pieces we made after it are removed and the node is scanned again.
// - Only what changed is scanned: mutation records are coalesced into a set of roots.
// - Our own writes are never re-scanned: records are taken before and dropped after each write.
// - Work runs in slices of at most SLICE_MS, so the page stays responsive.

var myccLinkify = (() => {
  const SLICE_MS = 45;
  const SKIP_TAGS = new Set([
    'a', 'input', 'textarea', 'select', 'option', 'script', 'style', 'code', 'pre', 'noscript', 'svg', 'math',
    'template', 'iframe', 'canvas', 'kbd', 'samp', 'title', 'head', 'button',
  ]);
  const SKIP_ROLES = new Set(['textbox', 'search', 'searchbox', 'timer', 'combobox', 'log', 'marquee']);
  // At least seven digits with separators between: cheaper than the engine for the ~95%
  // of text nodes that can't hold a number.
  const MAY_HOLD_NUMBER = /\d(?:[\s().\-\u00a0]{0,3}\d){6}/;

  let options = { country: 'VN', label: (n) => n, isOurs: () => false };
  let observer = null;
  let enabled = false;
  const roots = new Set(); // nodes waiting to be scanned
  const observed = new Set(); // document and open shadow roots we watch
  const pieces = new Map(); // original text node -> nodes we inserted after it
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
    observer.observe(root, { childList: true, characterData: true, subtree: true });
  }

  /**
   * Candidate text nodes under `root`. Native walks without a JS filter (a filter calls back
   * into this world for every node, which made collection ~100x slower than the walk): one
   * over elements to find open shadow roots, one over text. The cheap digit test comes first;
   * the ancestor test is remembered per parent element.
   */
  function* textNodesUnder(root) {
    if (root.nodeType === Node.TEXT_NODE) {
      if (!ours.has(root)) yield root;
      return;
    }
    const elements = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    for (let el = elements.nextNode(); el; el = elements.nextNode()) {
      if (el.shadowRoot) {
        observe(el.shadowRoot);
        roots.add(el.shadowRoot);
      }
    }
    const allowed = new Map(); // element -> may its text be linked
    const allowedUnder = (el) => {
      const path = [];
      let verdict = true;
      for (let e = el; e && e !== root; e = e.parentElement) {
        const known = allowed.get(e);
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
      for (const e of path) allowed.set(e, verdict);
      return verdict;
    };
    const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      if (!MAY_HOLD_NUMBER.test(node.data) || ours.has(node) || pieces.has(node)) continue;
      if (allowedUnder(node.parentElement)) yield node;
    }
  }

  const scans = []; // iterators over the roots being walked, across slices
  const scanInShadow = []; // for each scan: is its root inside a shadow root?
  const inShadow = new WeakSet(); // collected text nodes that live in a shadow root

  /** True once `node` is below the screen (layout is clean here, so this read is cheap). */
  function belowViewport(node) {
    const parent = node.parentElement;
    return parent != null && parent.getBoundingClientRect().top > window.innerHeight;
  }

  /** Text nodes that may hold numbers, up to the slice's deadline or `maxNodes`. */
  function collect(deadline, maxNodes) {
    const batch = [];
    while (batch.length < maxNodes && ((batch.length & 63) !== 0 || performance.now() < deadline)) {
      if (!scans.length) {
        const next = roots.values().next();
        if (next.done) break;
        roots.delete(next.value);
        const root = next.value;
        if (!root.isConnected || !placeAllowed(root.nodeType === Node.DOCUMENT_NODE ? root.documentElement : root)) continue;
        scans.push(textNodesUnder(root));
        scanInShadow.push(root.getRootNode?.() instanceof ShadowRoot || root instanceof ShadowRoot);
      }
      const step = scans[0].next();
      if (step.done) {
        scans.shift();
        scanInShadow.shift();
        continue;
      }
      const node = step.value;
      batch.push(node);
      if (scanInShadow[0]) inShadow.add(node);
      if (firstBatch && batch.length % 16 === 0 && belowViewport(node)) break;
    }
    return batch;
  }

  function makeLink(textNode, e164, shadow) {
    const link = document.createElement('a');
    link.setAttribute('data-mycc-phone', e164);
    link.setAttribute('href', `tel:${e164}`);
    link.setAttribute('aria-label', options.label(textNode.data.trim()));
    if (shadow) {
      // Our stylesheet does not reach into shadow roots; CSSOM styles are not blocked by CSP.
      link.style.setProperty('color', 'inherit');
      link.style.setProperty('text-decoration', 'underline dotted #0f766e');
    }
    ours.add(link);
    return link;
  }

  /** Splits `node` around each match (UTF-16 offsets within it) and wraps the numbers. */
  function wrap(node, matches) {
    const made = [];
    const shadow = inShadow.has(node);
    for (let i = matches.length - 1; i >= 0; i--) {
      const [start, end, e164] = matches[i];
      if (end < node.data.length) {
        const tail = node.splitText(end);
        ours.add(tail);
        made.unshift(tail);
      }
      const number = node.splitText(start);
      const link = makeLink(number, e164, shadow);
      number.replaceWith(link);
      link.appendChild(number);
      ours.add(number);
      made.unshift(link);
    }
    if (made.length) pieces.set(node, made);
  }

  /** Removes what we inserted after `node`; with `restoreText`, gives it its text back. */
  function unwrap(node, restoreText) {
    const made = pieces.get(node);
    if (!made) return;
    pieces.delete(node);
    if (restoreText && node.isConnected) node.data += made.map((n) => n.textContent).join('');
    for (const n of made) n.remove();
  }

  function handleRecords(records) {
    for (const record of records) {
      if (record.type === 'characterData') {
        const node = record.target;
        if (ours.has(node)) continue;
        if (pieces.has(node)) unwrap(node, false); // the page rewrote the whole text in place
        roots.add(node);
      } else {
        for (const removed of record.removedNodes) {
          if (pieces.has(removed)) unwrap(removed, false);
        }
        for (const added of record.addedNodes) {
          if (ours.has(added) || options.isOurs(added)) continue;
          if (added.nodeType === Node.ELEMENT_NODE || added.nodeType === Node.TEXT_NODE) roots.add(added);
        }
      }
    }
  }

  // Each batch of DOM writes costs the page a relayout (~175 ms on a 5,000-row table), and
  // collecting writes nothing. So: the first batch is what is on screen (collection stops at
  // the first node below it), linked at once; then everything else is collected over as many
  // short tasks as it takes, with no writes between them, detected in one call, and written
  // in as few slices as the time budget allows.
  const FIRST_BATCH_NODES = 2000;
  let firstBatch = true;
  let collected = []; // text nodes gathered across collect-only slices
  let writing = null; // a batch being written: {batch, texts, found, i, m, offset}

  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

  async function pump() {
    if (pumping) return;
    pumping = true;
    try {
      while (enabled && (writing || roots.size || scans.length || collected.length)) {
        const deadline = performance.now() + SLICE_MS;
        if (!writing) {
          const limit = firstBatch ? FIRST_BATCH_NODES : Infinity;
          collected = collected.concat(collect(deadline, limit));
          const more = (roots.size || scans.length) && !firstBatch;
          firstBatch = false;
          if (more) {
            await nextTask(); // keep collecting: nothing written yet, so no relayout in between
            continue;
          }
          const batch = collected;
          collected = [];
          if (batch.length) {
            const texts = batch.map((n) => n.data);
            const found = await myccEngine.detect(texts.join('\u0000'), options.country);
            if (!enabled) break;
            writing = { batch, texts, found, i: 0, m: 0, offset: 0 };
            if (batch.length > FIRST_BATCH_NODES) {
              await nextTask(); // a large batch is written in tasks of its own
              continue;
            }
          }
        }
        if (writing) write(writing, Math.max(deadline, performance.now() + SLICE_MS / 2));
        await nextTask();
      }
    } catch (error) {
      console.warn('myCC Connect: linking stopped:', error);
    } finally {
      pumping = false;
    }
  }

  /** Wraps the batch's numbers until `deadline`; what is left waits for the next slice. */
  function write(job, deadline) {
    handleRecords(observer.takeRecords());
    const { batch, texts, found } = job;
    for (; job.i < batch.length; job.i++) {
      if ((job.i & 63) === 0 && performance.now() > deadline) break;
      const start = job.offset;
      const end = start + texts[job.i].length;
      const matches = [];
      for (; job.m < found.length && found[job.m][0] < end; job.m++) {
        matches.push([found[job.m][0] - start, found[job.m][1] - start, found[job.m][2]]);
      }
      job.offset = end + 1;
      const node = batch[job.i];
      // The page may have changed the node while the engine worked: then it is scanned again.
      if (!matches.length || !node.isConnected || node.data !== texts[job.i]) continue;
      wrap(node, matches);
    }
    if (job.i >= batch.length) writing = null;
    observer.takeRecords();
  }

  // Work caused by the page's own changes runs in an animation frame, so our writes land in
  // the same frame as the page's and cost no relayout of their own. Hidden tabs get no
  // frames: there a timer does it.
  let scheduled = false;
  function schedule() {
    if (!enabled || pumping || scheduled) return;
    scheduled = true;
    const run = () => {
      scheduled = false;
      pump();
    };
    if (document.hidden) setTimeout(run, 50);
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
    myccEngine.start(); // compile the engine while the first batch is collected
    observe(document);
    roots.add(document);
    pump();
  }

  /** Takes every link out and gives each original text node its exact text back. */
  function disable() {
    enabled = false;
    if (observer) {
      observer.takeRecords();
      observer.disconnect();
    }
    observed.clear();
    roots.clear();
    scans.length = 0;
    scanInShadow.length = 0;
    writing = null;
    collected = [];
    firstBatch = true;
    for (const node of [...pieces.keys()]) unwrap(node, true);
  }

  return { enable, disable };
})();
