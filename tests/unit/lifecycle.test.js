'use strict';
// The content script's end: an orphan (its extension updated or reloaded) takes itself out of
// the page when it is next used or when a newer instance announces itself, and only then.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { root } = require('./fake-browser.js');

const source = (file) => fs.readFileSync(path.join(root, 'extension', file), 'utf8');

/** Stands in for the DOM's MutationObserver: `fire()` delivers a change to every live observer. */
class FakeMutationObserver {
  static live = new Set();
  constructor(callback) {
    this.callback = callback;
  }
  observe() {
    FakeMutationObserver.live.add(this);
  }
  disconnect() {
    FakeMutationObserver.live.delete(this);
  }
  static fire() {
    for (const observer of FakeMutationObserver.live) observer.callback([]);
  }
}

/** One content script world on a shared document: protocol.js and lifecycle.js, as injected. */
function contentWorld(document) {
  const browser = { runtime: { id: 'ext' } };
  const context = vm.createContext({ browser, document, CustomEvent, MutationObserver: FakeMutationObserver, console: { warn: () => {} } });
  context.globalThis = context;
  vm.runInContext(source('shared/protocol.js'), context);
  vm.runInContext(source('content/lifecycle.js'), context);
  return { browser, lifecycle: vm.runInContext('myccLifecycle', context) };
}

test('teardowns run newest first, once, when the script ends', () => {
  const { lifecycle } = contentWorld(new EventTarget());
  const order = [];
  lifecycle.onEnd(() => order.push('first'));
  lifecycle.onEnd(() => order.push('second'));
  lifecycle.end();
  lifecycle.end();
  assert.deepEqual(order, ['second', 'first']);
  lifecycle.onEnd(() => order.push('late'));
  assert.deepEqual(order, ['second', 'first', 'late'], 'one registered after the end runs at once');
});

test('an entry point of an orphan ends it; a live script goes on', () => {
  const { browser, lifecycle } = contentWorld(new EventTarget());
  let ended = 0;
  lifecycle.onEnd(() => ended++);
  assert.equal(lifecycle.check(), true);
  assert.equal(ended, 0);
  delete browser.runtime.id; // what Chrome does to an orphaned content script
  assert.equal(lifecycle.check(), false);
  assert.equal(ended, 1);
});

test("a newer instance's announcement ends an orphan, never a live script", () => {
  const document = new EventTarget();
  const older = contentWorld(document);
  const clicks = [];
  older.lifecycle.listen(document, 'click', () => clicks.push('older'));
  let olderEnded = false;
  older.lifecycle.onEnd(() => (olderEnded = true));
  contentWorld(document); // a second live instance announces itself: the live one stays
  assert.equal(olderEnded, false);
  delete older.browser.runtime.id;
  const newer = contentWorld(document);
  assert.equal(olderEnded, true, 'the orphan heard the newer one and ended');
  document.dispatchEvent(new Event('click'));
  assert.deepEqual(clicks, [], "the orphan's listeners are gone");
  assert.equal(newer.lifecycle.alive(), true);
});

test("after document.open() erased them, the script's listeners are added again", () => {
  const document = new EventTarget();
  const { lifecycle } = contentWorld(document);
  const clicks = [];
  const onClick = () => clicks.push('click');
  lifecycle.listen(document, 'click', onClick);
  document.removeEventListener('click', onClick); // what document.open() does to every listener
  FakeMutationObserver.fire(); // and it replaces <html>, which the document's observer sees
  document.dispatchEvent(new Event('click'));
  assert.deepEqual(clicks, ['click']);
  lifecycle.end();
  FakeMutationObserver.fire();
  document.dispatchEvent(new Event('click'));
  assert.deepEqual(clicks, ['click'], 'none once the script has ended');
});
