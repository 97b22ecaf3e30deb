'use strict';
// Hint mode and the numbers list across a tab's frames (background/hints.js): the frames put in
// the document order of their iframes whatever the order they were made in, labels that never
// repeat in the tab, the numbers handed to the top frame alone, and the keys relayed as typed.
const test = require('node:test');
const assert = require('node:assert/strict');
const { loadBackground, senders } = require('./fake-browser.js');
const { MSG } = require('../../extension/shared/protocol.js');

const CRM = 'https://crm.example.vn';

/**
 * A tab (7) whose frames answer as pointer.js would: the top document holds two iframes, made
 * in the other order (frame 3 is the second in the document, frame 5 the first); frame 5 holds a
 * frame of its own (9); frame 11 is a frame whose parent has none of our scripts. No document
 * has focus (the popup is open); `focusIn` says which child frame each document's focus is in.
 */
async function withFrames(answer, focusIn = {}, url = `${CRM}/list`) {
  const bg = loadBackground({ tabs: [{ id: 7, url }] });
  await bg.browser.storage.sync.set({ settings: { webphoneUrl: 'https://webphone.example.vn/', crms: [{ name: 'CRM', sites: [`${CRM}/*`] }] } });
  const frames = [
    { frameId: 0, place: { id: '0', kids: ['5', '3'], active: focusIn[0] ?? null }, numbers: answer(0) },
    { frameId: 3, place: { id: '3', kids: [], active: null }, numbers: answer(3) },
    { frameId: 5, place: { id: '5', kids: ['9'], active: focusIn[5] ?? null }, numbers: answer(5) },
    { frameId: 9, place: { id: '9', kids: [], active: null }, numbers: answer(9) },
    { frameId: 11, place: { id: '11', kids: [], active: null }, numbers: answer(11) },
    { frameId: 12, result: null }, // a frame without our scripts
  ];
  bg.injected = 0;
  bg.browser.scripting.executeScript = async () =>
    (bg.injected++, frames).map(({ frameId, result, ...rest }) => ({ frameId, result: result === null ? null : { ...rest, focused: false } }));
  return bg;
}

test('hint labels go out in page order (the top document, then each frame in the order of its iframe), the top frame alone dials', async () => {
  const bg = await withFrames((frameId) => [`+8490000000${frameId}`, `+8491000000${frameId}`].slice(0, frameId === 9 ? 1 : 2));
  const reply = await bg.send({ kind: MSG.POPUP_HINTS, tabId: 7 }, senders.popup());
  assert.deepEqual(reply, { ok: true, count: 9 });
  const shows = JSON.parse(JSON.stringify(bg.sentToTabs.filter((s) => s.message.kind === MSG.HINTS_SHOW)));
  assert.deepEqual(shows.map((s) => [s.frameId, s.message.mine]), [[0, [0, 2]], [5, [2, 4]], [9, [4, 5]], [3, [5, 7]], [11, [7, 9]]]);
  const [top] = shows;
  assert.deepEqual(top.message.labels, ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l']);
  assert.deepEqual(top.message.numbers, ['+84900000000', '+84910000000', '+84900000005', '+84910000005', '+84900000009', '+84900000003', '+84910000003', '+849000000011', '+849100000011']);
  assert.ok(shows.slice(1).every((s) => s.message.numbers === null), 'only the top frame is handed the numbers');
  assert.deepEqual(shows.map((s) => s.message.takeFocus), [false, false, false, false, false], 'keys go back to the top document');
  assert.equal(new Set(shows.map((s) => s.message.session)).size, 1);
});

test("hint mode leaves focus in the frame it will go back to, and takes it to the top frame when that frame is not ours", async () => {
  const takers = async (focusIn) => {
    const bg = await withFrames(() => ['+84982861121'], focusIn);
    await bg.send({ kind: MSG.POPUP_HINTS, tabId: 7 }, senders.popup());
    return bg.sentToTabs.filter((s) => s.message.kind === MSG.HINTS_SHOW && s.message.takeFocus).map((s) => s.frameId);
  };
  assert.deepEqual(await takers({ 0: '5', 5: '9' }), [], 'a frame inside a frame: it gets the keys');
  assert.deepEqual(await takers({ 0: '' }), [0], "the dock's frame, or a frame not named: the top takes focus");
  assert.deepEqual(await takers({ 0: '5', 5: '12' }), [0], 'a frame without our scripts');
});

test('more numbers than letters: two letters for each, none alike', async () => {
  const bg = await withFrames((frameId) => Array.from({ length: 10 }, (_, i) => `+849${frameId}${String(i).padStart(7, '0')}`));
  await bg.send({ kind: MSG.POPUP_HINTS, tabId: 7 }, senders.popup());
  const { labels } = bg.sentToTabs.find((s) => s.message.kind === MSG.HINTS_SHOW).message;
  assert.equal(labels.length, 50);
  assert.equal(new Set(labels).size, 50);
  assert.ok(labels.every((label) => /^[a-z]{2}$/.test(label)));
});

test('a key typed in hint mode is relayed to every frame of the tab; anything else is refused', async () => {
  const bg = await withFrames(() => []);
  const page = senders.content(7, `${CRM}/list`, 5);
  assert.deepEqual(await bg.send({ kind: MSG.HINTS_KEY, session: 's1', key: 'd', at: 0 }, page), { ok: true });
  assert.deepEqual(await bg.send({ kind: MSG.HINTS_KEY, session: 's1', key: 'Escape', at: 1 }, page), { ok: true });
  for (const forged of [{ key: 'Enter', at: 0 }, { key: 'dd', at: 0 }, { key: '1', at: 0 }, { key: 'd' }]) {
    assert.deepEqual(await bg.send({ kind: MSG.HINTS_KEY, session: 's1', ...forged }, page), { ok: false }, JSON.stringify(forged));
  }
  assert.equal(await bg.send({ kind: MSG.HINTS_KEY, session: 's1', key: 'd', at: 0 }, senders.popup()), 'not handled');
  const relayed = bg.sentToTabs.filter((s) => s.message.kind === MSG.HINTS_TYPED).map((s) => [s.tabId, s.message.key, s.message.at]);
  assert.deepEqual(relayed, [[7, 'd', 0], [7, 'Escape', 1]]);
});

test("the dock's list: every frame's numbers in page order, one entry per number, asked by the top frame only", async () => {
  const entry = (e164) => ({ text: e164.slice(3), e164, dial: `0${e164.slice(3)}` });
  const bg = await withFrames((frameId) => [entry(`+8490000000${frameId}`), entry('+84982861121')]);
  const reply = await bg.send({ kind: MSG.PAGE_NUMBERS }, senders.content(7, `${CRM}/list`));
  assert.deepEqual(reply.numbers.map((n) => n.e164), ['+84900000000', '+84982861121', '+84900000005', '+84900000009', '+84900000003', '+849000000011']);
  assert.deepEqual(await bg.send({ kind: MSG.PAGE_NUMBERS }, senders.content(7, `${CRM}/list`, 3)), { ok: false });
});

test('hint mode asks no frame of a tab that is not a CRM, and opens on no frame when no number is on screen', async () => {
  const elsewhere = await withFrames(() => ['+84982861121'], {}, 'https://news.example.com/');
  assert.deepEqual(await elsewhere.send({ kind: MSG.POPUP_HINTS, tabId: 7 }, senders.popup()), { ok: false });
  assert.equal(elsewhere.injected, 0, 'no script run in a page that is not a CRM');
  const none = await withFrames(() => []);
  assert.deepEqual(await none.send({ kind: MSG.POPUP_HINTS, tabId: 7 }, senders.popup()), { ok: true, count: 0 });
  assert.deepEqual(none.sentToTabs.filter((s) => s.message.kind === MSG.HINTS_SHOW), [], 'no frame takes the next key for an empty hint mode');
});
