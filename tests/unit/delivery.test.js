'use strict';
// How both phone hosts hand the WebPhone's messages to the background and dial requests to the
// WebPhone: the phone's own events in order until acknowledged, each request posted once.
const test = require('node:test');
const assert = require('node:assert/strict');
const { createRelay, createDialer, asJson, untilAnswered } = require('../../extension/shared/delivery.js');

const settle = () => new Promise((resolve) => setImmediate(resolve));

test("the phone's own events go in order, each until acknowledged, with ids; anything else as it comes", async () => {
  const sent = [];
  let refuse = 2; // the worker stops under the first two tries
  const send = async (message) => {
    sent.push(message);
    if (message.eventId && refuse-- > 0) return null;
    return { ok: true };
  };
  const relay = createRelay({ send, kind: 'k', phoneEventTypes: () => ['OnCallRinging', 'OnCallEnd'] });
  relay('{"type":"OnCallRinging"}', 'OnCallRinging');
  relay('{"type":"OnCallEnd"}', 'OnCallEnd');
  relay('{"type":"Spam"}', 'Spam');
  await untilAnswered(async () => (sent.filter((m) => m.eventId).length >= 4 ? true : (await new Promise((r) => setTimeout(r, 50)), null)));
  const events = sent.filter((m) => m.eventId);
  assert.deepEqual(events.map((m) => m.json), ['{"type":"OnCallRinging"}', '{"type":"OnCallRinging"}', '{"type":"OnCallRinging"}', '{"type":"OnCallEnd"}']);
  assert.equal(new Set(events.slice(0, 3).map((m) => m.eventId)).size, 1, 'the same id each try');
  assert.notEqual(events[3].eventId, events[0].eventId);
  assert.deepEqual(sent.filter((m) => !m.eventId), [{ kind: 'k', json: '{"type":"Spam"}' }], 'sent once, not held for order');
});

test('a dial request is posted once however often it is handed over, and acknowledged each time', async () => {
  const sent = [];
  const posted = [];
  const handOver = createDialer({ send: (m) => sent.push(m), sentKind: 'sent' });
  handOver({ id: 'a', target: '0982861121' }, (target) => posted.push(target));
  handOver({ id: 'a', target: '0982861121' }, (target) => posted.push(target));
  handOver({ id: 'b', target: '0912345678' }, () => false); // no WebPhone frame right now
  handOver({ id: 'c' }, (target) => posted.push(target));
  await settle();
  assert.deepEqual(posted, ['0982861121']);
  assert.deepEqual(sent, [{ kind: 'sent', id: 'a', taker: handOver.taker }, { kind: 'sent', id: 'a', taker: handOver.taker }], 'nothing acknowledged that was not posted');
  assert.match(handOver.taker, /^[0-9a-f]{32}$/, 'an id made without crypto.randomUUID (missing on plain-http pages)');
});

test('WebPhone messages become JSON text, or null when they cannot', () => {
  const cycle = {};
  cycle.self = cycle;
  assert.equal(asJson({ type: 'OnRegistered' }), '{"type":"OnRegistered"}');
  assert.equal(asJson(cycle), null);
  assert.equal(asJson(undefined), null);
});

test('a flood of messages that are not the phone\'s events is cut to a few a second; the phone\'s events all go', async () => {
  const sent = [];
  const relay = createRelay({ send: async (m) => (sent.push(m), { ok: true }), kind: 'k', phoneEventTypes: () => ['OnCallRinging'] });
  let taken = 0;
  for (let i = 0; i < 1000; i++) {
    if (relay.takes(`Spam${i}`)) {
      taken++;
      relay(`{"type":"Spam${i}"}`, `Spam${i}`);
    }
  }
  assert.ok(taken <= 20, `${taken} of 1000 taken`);
  assert.equal(relay.takes('OnCallRinging'), true);
  relay('{"type":"OnCallRinging"}', 'OnCallRinging');
  await untilAnswered(async () => (sent.some((m) => m.eventId) ? true : (await new Promise((r) => setTimeout(r, 20)), null)));
  assert.ok(sent.filter((m) => !m.eventId).length <= 20, `${sent.filter((m) => !m.eventId).length} of 1000 sent`);
  assert.equal(sent.filter((m) => m.eventId).length, 1, 'the ringing went');
});
