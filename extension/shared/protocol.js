'use strict';
// Every message kind that crosses a context boundary, named once and grouped by direction
// (Dark Reader's shape). `scripts/dev/check-protocol.js` fails the tests when a kind is spelled
// anywhere else. Loaded as a classic script by the background, the content scripts and the
// extension pages, and by the Node unit tests.

(function (root) {
  const MSG = Object.freeze({
    // content script → background
    PAGE_HELLO: 'page:hello',
    PAGE_DETECT: 'page:detect',
    CALL_DIAL: 'call:dial',
    CALL_CANCEL: 'call:cancel',
    PAGE_DOCK_LOST: 'page:dockLost',
    PAGE_PHONE: 'page:phone',
    PAGE_LEAVING: 'page:leaving',
    PAGE_NUMBERS: 'page:numbers',
    HINTS_KEY: 'hints:key',
    // dock frame or side panel → background (DOCK_EVENT, DOCK_SYNC and DOCK_SENT also from the
    // content script of a page that embeds the WebPhone itself)
    DOCK_HELLO: 'dock:hello',
    DOCK_CLAIM: 'dock:claim',
    DOCK_EVENT: 'dock:event',
    DOCK_SYNC: 'dock:sync',
    DOCK_SENT: 'dock:sent',
    DOCK_LOADING: 'dock:loading',
    // toolbar popup → background
    POPUP_STATUS: 'popup:status',
    POPUP_TOGGLE_DOCK: 'popup:toggleDock',
    POPUP_DIAL: 'popup:dial',
    POPUP_RECENT: 'popup:recent',
    POPUP_CLEAR_RECENT: 'popup:clearRecent',
    POPUP_HINTS: 'popup:hints',
    SITE_STATUS: 'site:status',
    // first-run page → background
    SETUP_STATUS: 'setup:status',
    SETUP_TRY: 'setup:try',
    SITE_SET: 'site:set',
    // background → content script
    DOCK_POKE: 'dock:poke',
    DOCK_SHOW: 'dock:show',
    DOCK_TOGGLE: 'dock:toggle',
    PAGE_PHONE_SHOW: 'page:phoneShow',
    PHONE_EVENT: 'phone:event',
    PHONE_STATE: 'phone:state',
    DIAL_UPDATE: 'dial:update',
    SETTINGS_CHANGED: 'settings:changed',
    HINTS_SHOW: 'hints:show',
    HINTS_TYPED: 'hints:typed',
    // background → side panel (a top-level extension page: runtime messages reach it)
    PANEL_POKE: 'panel:poke',
  });

  // Content script → dock frame, over postMessage, once per load of the frame: the dock key and a
  // MessagePort, the private channel its pokes come through afterwards (see ARCHITECTURE).
  const DOCK_FRAME_KEY = 'myccDockKey';
  // A content script of a newer instance of the extension announces itself with this DOM event;
  // one whose extension context is gone takes itself out of the page when it hears it.
  const TAKEOVER_EVENT = 'mycc-connect-takeover';
  // The page attached a shadow root: dispatched on its host by content/page-world.js, which runs
  // in the page's world without this file, and so spells it itself (checked).
  const SHADOW_EVENT = 'mycc-connect-shadow';
  // Build and background → content scripts: what a CRM frame starts marking with, before the
  // background answers its hello (`{ country }`, frozen). The build writes one content script per
  // country of the core's list (`<dir>/<code>.js`) that sets it under `global`; the background
  // registers the one of the country in force with the other content scripts, so a frame has
  // it synchronously as it starts.
  const PAGE_START = Object.freeze({ dir: 'content/start', global: 'myccPageStart' });

  // Hint mode: the letters its labels are made of (the background hands the labels out, the
  // frames take the keys), and the browser commands (manifest.json `commands`) by name.
  const HINT_LETTERS = 'asdfghjklqwertyuiopzxcvbnm';
  const COMMAND = Object.freeze({ TOGGLE_DOCK: 'toggle-dock', OPEN_HINTS: 'open-hints' });

  const protocol = Object.freeze({ MSG, DOCK_FRAME_KEY, TAKEOVER_EVENT, SHADOW_EVENT, PAGE_START, HINT_LETTERS, COMMAND });
  root.myccProtocol = protocol;
  if (typeof module === 'object' && module.exports) module.exports = protocol;
})(globalThis);
