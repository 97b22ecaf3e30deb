'use strict';
// Relays a WebPhone's messages to the background, for whoever hosts the phone: our dock frame
// (dock.js) or the content script of a page that embeds the WebPhone itself (page-phone.js).
// The phone's own events (registered, ringing, answered, ended; the list is the core's) go in
// order, each until it is acknowledged: the worker can stop under a message, and a lost
// "ringing" would be a call that never pops. Each carries an id, and the background does each
// once. Any other message goes as it comes, and the background drops junk without waiting.

(function (root) {
  const TRIES = 8;
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /**
   * `send(message)` resolves with the answer, or null when none came (the worker stopped under
   * it). `phoneEventTypes()` gives the types to deliver in order.
   */
  function createRelay({ send, kind, phoneEventTypes }) {
    const loadId = crypto.randomUUID();
    const outbox = [];
    let sequence = 0;
    let delivering = false;

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

    return function relay(json, type) {
      if (!phoneEventTypes().includes(type)) {
        send({ kind, json });
        return;
      }
      outbox.push({ json, eventId: `${loadId}:${++sequence}` });
      deliver();
    };
  }

  /** Asks `ask()` until an answer comes, waiting longer each time, at most TRIES times. */
  async function untilAnswered(ask) {
    for (let tries = 0; ; tries++) {
      const reply = await ask();
      if (reply != null || tries + 1 >= TRIES) return reply;
      await pause(100 * 2 ** (tries + 1));
    }
  }

  const delivery = Object.freeze({ createRelay, untilAnswered });
  root.myccDelivery = delivery;
  if (typeof module === 'object' && module.exports) module.exports = delivery;
})(globalThis);
