'use strict';
// What a CRM frame starts with (issue 17): the generated start script of the country in force,
// registered with the content scripts, and main.js marking in that country as the frame starts,
// before any answer from the background or storage; the hello's answer stays the authority.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { root } = require('./fake-browser.js');
const { MSG, PAGE_START } = require('../../extension/shared/protocol.js');

const dist = path.join(root, 'dist', 'extension');
const startScript = (country) => fs.readFileSync(path.join(dist, PAGE_START.dir, `${country}.js`), 'utf8');

test('the build writes a start script for every country of the core, each setting its country, frozen', () => {
  const countries = JSON.parse(require('../../dist/node/mycc_connect.js').countryList()).map((c) => c.code);
  assert.ok(countries.length > 200 && countries.includes('VN'));
  assert.deepEqual(fs.readdirSync(path.join(dist, PAGE_START.dir)).sort(), countries.map((c) => `${c}.js`).sort(), 'one per country, nothing else');
  for (const country of countries) {
    const context = vm.createContext({});
    context.globalThis = context;
    vm.runInContext(startScript(country), context);
    const start = context[PAGE_START.global];
    assert.equal(start.country, country);
    assert.ok(Object.isFrozen(start), `${country}: frozen`);
  }
});

/**
 * One frame's content-script world with main.js and stand-ins for the modules it wires: the
 * start script of `country` (if any) runs first, as registered. `answer()` answers the hello;
 * until then the background is silent. storage.local fails every read.
 */
function frame(country) {
  const marks = [];
  let answer;
  const hello = new Promise((resolve) => (answer = resolve));
  const noop = () => undefined;
  const browser = {
    runtime: {
      id: 'ext',
      sendMessage: async (message) => (message.kind === MSG.PAGE_HELLO ? hello : null),
      onMessage: { addListener: noop, removeListener: noop },
    },
    storage: { local: { get: async () => { throw new Error('storage.local is not to be read'); } } },
    i18n: { getMessage: () => '' },
  };
  const context = vm.createContext({
    browser,
    console,
    document: { readyState: 'loading', querySelectorAll: () => [], addEventListener: noop },
    myccLifecycle: { check: () => true, alive: () => true, listen: noop, onEnd: noop },
    myccMarks: { enable: (options) => marks.push(['enable', options.country]), disable: () => marks.push(['disable']), all: () => [] },
    myccDock: { isOurs: () => false, onGiveUp: noop, prepare: noop, mount: async () => undefined, unmount: noop, setNumbers: noop, setPhoneState: noop, setCallCard: noop, poke: noop },
    myccPointer: { isOurs: () => false, start: noop, stop: noop },
    myccPagePhone: { start: noop, owns: () => false },
    myccDelivery: { newId: () => 'id' },
  });
  context.globalThis = context;
  context.window = context;
  context.top = context;
  vm.runInContext(fs.readFileSync(path.join(root, 'extension', 'shared', 'protocol.js'), 'utf8'), context);
  if (country) vm.runInContext(startScript(country), context);
  vm.runInContext(fs.readFileSync(path.join(root, 'extension', 'content', 'main.js'), 'utf8'), context);
  return { marks, answer };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

test('a frame marks in the country of its start script as it starts, with storage.local failing and the background silent', async () => {
  const { marks } = frame('US');
  assert.deepEqual(marks, [['enable', 'US']], 'marking started synchronously, in the start country');
  await settled();
  assert.deepEqual(marks, [['enable', 'US']], 'and nothing else happened without an answer');
});

test("the hello's answer is the authority: another country marks again in it, a page that is not a CRM stops marking", async () => {
  const moved = frame('US');
  moved.answer({ active: true, country: 'VN', crm: { index: 0, name: 'CRM', pageApi: false }, dockMode: 'sidepanel' });
  await settled();
  assert.deepEqual(moved.marks, [['enable', 'US'], ['disable'], ['enable', 'VN']]);
  const same = frame('VN');
  same.answer({ active: true, country: 'VN', crm: { index: 0, name: 'CRM', pageApi: false }, dockMode: 'sidepanel' });
  await settled();
  assert.deepEqual(same.marks, [['enable', 'VN'], ['enable', 'VN']], 'the same country: nothing marked again (enable keeps what it has)');
  const notCrm = frame('VN');
  notCrm.answer({ active: false });
  await settled();
  assert.deepEqual(notCrm.marks, [['enable', 'VN'], ['disable']]);
  const noStart = frame(null);
  assert.deepEqual(noStart.marks, [], 'without a start script, marking waits for the answer');
  noStart.answer({ active: true, country: 'VN', crm: { index: 0, name: 'CRM', pageApi: false }, dockMode: 'sidepanel' });
  await settled();
  assert.deepEqual(noStart.marks, [['enable', 'VN']]);
});
