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
    'A', 'INPUT', 'TEXTAREA', 'SELECT', 'OPTION', 'SCRIPT', 'STYLE', 'CODE', 'PRE', 'NOSCRIPT', 'SVG', 'MATH',
    'TEMPLATE', 'IFRAME', 'CANVAS', 'KBD', 'SAMP', 'TITLE', 'HEAD', 'BUTTON',
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

  function skipElement(el) {
    if (SKIP_TAGS.has(el.tagName.toUpperCase())) return true;
    if (el.isContentEditable || el.getAttribute('contenteditable') != null) return true;
    const role = el.getAttribute('role');
    if (role && SKIP_ROLES.has(role)) return true;
    if (el.classList.contains('mycc-no-call') || ours.has(el) || options.isOurs(el)) return true;
    return false;
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

  function* textNodesUnder(root) {
    if (root.nodeType === Node.TEXT_NODE) {
      if (!ours.has(root)) yield root;
      return;
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        if (node.nodeType === Node.TEXT_NODE) return ours.has(node) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
        if (skipElement(node)) return NodeFilter.FILTER_REJECT;
        if (node.shadowRoot) {
          observe(node.shadowRoot);
          roots.add(node.shadowRoot);
        }
        return NodeFilter.FILTER_SKIP;
      },
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) yield node;
  }

  const scans = []; // [root, iterator] being walked across slices

  /** True once `node` is below the screen (layout is clean here, so this read is cheap). */
  function belowViewport(node) {
    const parent = node.parentElement;
    return parent != null && parent.getBoundingClientRect().top > window.innerHeight;
  }

  /** Text nodes that may hold numbers, up to the slice's deadline or `maxNodes`. */
  function collect(deadline, maxNodes) {
    const batch = [];
    while (batch.length < maxNodes && performance.now() < deadline) {
      if (!scans.length) {
        const next = roots.values().next();
        if (next.done) break;
        roots.delete(next.value);
        const root = next.value;
        if (!root.isConnected || !placeAllowed(root.nodeType === Node.DOCUMENT_NODE ? root.documentElement : root)) continue;
        scans.push(textNodesUnder(root));
      }
      const step = scans[0].next();
      if (step.done) {
        scans.shift();
        continue;
      }
      const node = step.value;
      if (!pieces.has(node) && MAY_HOLD_NUMBER.test(node.data)) {
        batch.push(node);
        if (firstBatch && batch.length % 16 === 0 && belowViewport(node)) break;
      }
    }
    return batch;
  }

  function makeLink(textNode, e164) {
    const link = document.createElement('a');
    link.setAttribute('data-mycc-phone', e164);
    link.setAttribute('href', `tel:${e164}`);
    link.setAttribute('aria-label', options.label(textNode.data.trim()));
    if (textNode.getRootNode() instanceof ShadowRoot) {
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
    for (let i = matches.length - 1; i >= 0; i--) {
      const [start, end, e164] = matches[i];
      if (end < node.data.length) {
        const tail = node.splitText(end);
        ours.add(tail);
        made.unshift(tail);
      }
      const number = node.splitText(start);
      const link = makeLink(number, e164);
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

  // The first batch is what is on screen (collection stops at the first node below it), so
  // the agent sees links at once; later batches are as large as a slice allows, because each
  // batch of DOM writes costs the page one relayout.
  const FIRST_BATCH_NODES = 2000;
  let firstBatch = true;
  let writing = null; // a batch whose writes did not fit in one slice: {batch, texts, found, i, m, offset}

  async function pump() {
    if (pumping) return;
    pumping = true;
    try {
      while (enabled && (writing || roots.size || scans.length)) {
        const deadline = performance.now() + SLICE_MS;
        if (!writing) {
          const batch = collect(performance.now() + SLICE_MS / 2, firstBatch ? FIRST_BATCH_NODES : Infinity);
          firstBatch = false;
          if (batch.length) {
            const texts = batch.map((n) => n.data);
            const found = await myccEngine.detect(texts.join('\u0000'), options.country);
            if (!enabled) break;
            writing = { batch, texts, found, i: 0, m: 0, offset: 0 };
          }
        }
        if (writing) write(writing, deadline);
        await new Promise((resolve) => setTimeout(resolve, 0));
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

  function schedule() {
    if (enabled && !pumping) pump();
  }

  function enable(newOptions) {
    options = { ...options, ...newOptions };
    if (enabled) return;
    enabled = true;
    observer ??= new MutationObserver((records) => {
      handleRecords(records);
      schedule();
    });
    observe(document);
    roots.add(document);
    schedule();
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
    writing = null;
    firstBatch = true;
    for (const node of [...pieces.keys()]) unwrap(node, true);
  }

  return { enable, disable, linkCount: () => pieces.size };
})();
