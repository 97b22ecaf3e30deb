'use strict';
// Relays a WebPhone's messages to the background, for whoever hosts the phone: our dock frame
// (dock.js) or the content script of a page that embeds the WebPhone itself (page-phone.js).
// The phone's own events (registered, ringing, answered, ended; the list is the core's) go in
// order, each until it is acknowledged: the worker can stop under a message, and a lost
// "ringing" would be a call that never pops. Each carries an id, and the background does each
// once. Any other message goes as it comes, and the background drops junk without waiting.

(function (root) {
  const TRIES = 8;

  /**
   * A random id. Not crypto.randomUUID(): browsers give that only to secure pages, and a content
   * script on a plain-http CRM (many internal ones are) gets the page's status.
   */
  function newId() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /**
   * `send(message)` resolves with the answer, or null when none came (the worker stopped under
   * it). `phoneEventTypes()` gives the types to deliver in order.
   */
  // Messages that are not the phone's own events (only CRMs with the page API use them) go on at
  // most this many a second: a WebPhone flooding its parent must not bury a ringing call behind
  // thousands of messages in the browser's queue to the background.
  const OTHER_PER_SECOND = 20;

  function createRelay({ send, kind, phoneEventTypes }) {
    const loadId = newId();
    const outbox = [];
    let sequence = 0;
    let delivering = false;
    let windowStart = 0;
    let inWindow = 0;

    async function deliver() {
      if (delivering) return;
      delivering = true;
      let tries = 0;
      while (outbox.length) {
        const reply = await send({ kind, ...outbox[0] });
        if (reply == null && ++tries < TRIES) {
          await pause(100 * 2 ** tries);
          continue;
        }
        outbox.shift();
        tries = 0;
      }
      delivering = false;
    }

    /**
     * Will a message of this `type` go on? Asked before the message is even turned into JSON: a
     * flood is dropped without the cost of serializing it. Counts it against this second's share.
     */
    function takes(type) {
      if (phoneEventTypes().includes(type)) return true;
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        inWindow = 0;
      }
      return ++inWindow <= OTHER_PER_SECOND;
    }

    function relay(json, type) {
      if (!phoneEventTypes().includes(type)) {
        send({ kind, json });
        return;
      }
      outbox.push({ json, eventId: `${loadId}:${++sequence}` });
      deliver();
    }
    /** A WebPhone message as `{type, json}` if it goes on, else null (dropped before serializing). */
    function accept(data) {
      const type = typeof data?.type === 'string' ? data.type : null;
      if (!takes(type)) return null;
      const json = asJson(data);
      return json == null ? null : { type, json };
    }
    relay.takes = takes;
    relay.accept = accept;
    return relay;
  }

  /** A WebPhone message as JSON text, or null when it can't be (cycles, functions, undefined). */
  function asJson(data) {
    try {
      const json = JSON.stringify(data);
      return typeof json === 'string' ? json : null;
    } catch {
      return null;
    }
  }

  /**
   * Hands dial requests to a WebPhone: each id is posted once (`post(target)`) however often the
   * background hands it over (the worker may stop before it hears the acknowledgement), and each
   * is acknowledged (`send({kind: sentKind, id})`) every time.
   */
  function createDialer({ send, sentKind }) {
    const posted = new Set();
    // Who takes requests: this load of this host. The background hands a request it gave out
    // again only to the same taker, and takes the acknowledgement only from it.
    const taker = newId();
    function handOver(request, post) {
      if (typeof request?.id !== 'string' || typeof request.target !== 'string') return;
      if (!posted.has(request.id) && post(request.target) !== false) posted.add(request.id);
      if (posted.has(request.id)) send({ kind: sentKind, id: request.id, taker });
    }
    handOver.taker = taker;
    return handOver;
  }

  /** Asks `ask()` until an answer comes, waiting longer each time, at most TRIES times. */
  async function untilAnswered(ask) {
    for (let tries = 0; ; tries++) {
      const reply = await ask();
      if (reply != null || tries + 1 >= TRIES) return reply;
      await pause(100 * 2 ** (tries + 1));
    }
  }

  const delivery = Object.freeze({ createRelay, untilAnswered, asJson, createDialer, newId });
  root.myccDelivery = delivery;
  if (typeof module === 'object' && module.exports) module.exports = delivery;
})(globalThis);
