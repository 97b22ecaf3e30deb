'use strict';
// The call card in words: direction, the customer's number as the core writes it (the
// background's `card`, from the core's recent-calls model and shownNumber), the phone's state and
// the time since the call began. The toolbar popup and the dock bar both show it through here.
// A classic script for pages and content scripts, and a module for the Node unit tests.

(function (root) {
  /** m:ss (h:mm:ss past an hour) since `sinceMs`; never negative. */
  function elapsed(sinceMs, nowMs) {
    const seconds = Math.max(0, Math.floor((nowMs - sinceMs) / 1000));
    const pad = (n) => String(n).padStart(2, '0');
    const [h, m, s] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
    return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
  }

  /** The card ({direction, shown, sinceMs}) in the UI language; '' when there is no call. */
  function describe(card, phoneState, nowMs, t) {
    if (!card || typeof card !== 'object' || typeof card.shown !== 'string') return '';
    const direction = t(card.direction === 'inbound' ? 'popupInbound' : 'popupOutbound');
    return t('popupCallNow', [direction, card.shown, t(`state_${phoneState}`), elapsed(Number(card.sinceMs) || nowMs, nowMs)]);
  }

  const callCard = Object.freeze({ elapsed, describe });
  root.myccCallCard = callCard;
  if (typeof module === 'object' && module && module.exports) module.exports = callCard;
})(globalThis);
