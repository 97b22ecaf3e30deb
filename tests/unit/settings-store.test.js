'use strict';
// The agent's settings in storage.sync: in parts when they need more than one item, never
// written over a change made elsewhere, and every refusal a value in the core's error shape.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadBackground } = require('./fake-browser.js');

const crm = (i, sites = 1) => ({
  name: `CRM số ${i}`,
  sites: Array.from({ length: sites }, (_, s) => `https://crm${i}-${s}.example.vn/*`),
  searchUrl: `https://crm${i}.example.vn/search?q={phone}`,
});

/** The store and the wasm core as the background has them. */
async function storeOf() {
  const bg = loadBackground();
  const core = await bg.run('core');
  const store = bg.run('myccSettingsStore');
  return { bg, sync: bg.browser.storage.sync, read: () => store.read(bg.browser, core), write: (user, expected) => store.write(bg.browser, core, user, expected) };
}

const plain = (value) => JSON.parse(JSON.stringify(value));

test("150 CRMs are written in parts and read back whole; a smaller document later takes the parts away", async () => {
  const { sync, read, write } = await storeOf();
  const big = { dock: 'page', crms: Array.from({ length: 150 }, (_, i) => crm(i, 2)) };
  assert.deepEqual(plain(await write(big, (await read()).json)), { ok: true });
  const items = sync.data();
  assert.ok(Object.keys(items).length > 2, 'in parts');
  for (const [key, value] of Object.entries(items)) {
    assert.ok(Buffer.byteLength(key + JSON.stringify(value)) <= 8192, `${key} fits one item`);
  }
  assert.deepEqual(plain((await read()).user), big);
  const small = { crms: [crm(1)] };
  assert.deepEqual(plain(await write(small, (await read()).json)), { ok: true });
  assert.deepEqual(Object.keys(sync.data()), ['settings']);
  assert.deepEqual(sync.data().settings, small, 'a document that fits is stored as it is, under settings');
});

test('a save over a change made in another window is refused and writes nothing', async () => {
  const { sync, read, write } = await storeOf();
  const seen = (await read()).json;
  await sync.set({ settings: { crms: [crm(1)] } }); // the other options tab saved
  const answer = plain(await write({ crms: [crm(2)] }, seen));
  assert.equal(answer.ok, false);
  assert.equal(answer.error.code, 'changedElsewhere');
  assert.deepEqual(sync.data().settings, { crms: [crm(1)] });
});

test("the browser's refusal and a document too big for storage.sync come back as errors, nothing written", async () => {
  const { bg, sync, read, write } = await storeOf();
  const tooBig = { crms: Array.from({ length: 100 }, (_, i) => crm(i, 40)) };
  const refused = plain(await write(tooBig, (await read()).json));
  assert.equal(refused.error.code, 'tooLong');
  assert.deepEqual(sync.data(), {});
  bg.browser.storage.sync.set = async () => {
    throw new Error('QUOTA_BYTES quota exceeded');
  };
  const quota = plain(await write({ crms: [crm(1)] }, (await read()).json));
  assert.deepEqual([quota.ok, quota.error.code, quota.error.args], [false, 'storageRefused', ['QUOTA_BYTES quota exceeded']]);
});
