'use strict';
// content/dock-place.js: where the dock sits (stored per CRM as {edge, offset, compact}), where a
// drag or an arrow key puts it, and the CSS that keeps it inside the viewport.
const test = require('node:test');
const assert = require('node:assert/strict');
const place = require('../../extension/content/dock-place.js');

const VIEWPORT = { width: 1000, height: 800 };

test('a stored place is read back, and anything else is the top right corner', () => {
  assert.deepEqual(place.normalize({ edge: 'bottom', offset: 0.25, compact: true }), { edge: 'bottom', offset: 0.25, compact: true });
  assert.deepEqual(place.normalize({ edge: 'left', offset: 7 }), { edge: 'left', offset: 1, compact: false }, 'offset clamped');
  assert.deepEqual(place.normalize({ edge: 'left', offset: NaN }), { edge: 'left', offset: 0, compact: false });
  for (const junk of [undefined, null, 'top', { edge: 'middle' }, { offset: 0.5 }, []]) {
    assert.deepEqual(place.normalize(junk), { edge: 'right', offset: 0, compact: false }, JSON.stringify(junk));
  }
});

test("each CRM has its own storage key", () => {
  assert.equal(place.storageKey('Demo CRM'), 'dockPlace:Demo CRM');
  assert.notEqual(place.storageKey('A'), place.storageKey('B'));
});

test('a dock released near an edge snaps to it, at the fraction of the edge it was at; near a corner, the corner', () => {
  const box = (left, top) => ({ left, top, width: 200, height: 40 });
  assert.deepEqual(place.snap(box(400, 740), VIEWPORT), { edge: 'bottom', offset: 0.5, compact: false }, 'bottom middle');
  assert.deepEqual(place.snap(box(10, 300), VIEWPORT), { edge: 'left', offset: 0.392, compact: false }, 'left: (300 - 8) / (800 - 16 - 40) down');
  assert.deepEqual(place.snap(box(785, 12), VIEWPORT), { edge: 'top', offset: 1, compact: false }, 'top right corner');
  assert.deepEqual(place.snap(box(20, 748), VIEWPORT, true), { edge: 'bottom', offset: 0, compact: true }, 'bottom left, compact kept');
  // Dragged past the viewport: still an edge, still inside.
  assert.deepEqual(place.snap(box(-300, 900), VIEWPORT), { edge: 'left', offset: 1, compact: false }, 'the bottom left corner');
  assert.deepEqual(place.snap(box(1200, 400), VIEWPORT).edge, 'right');
  // A dock wider than the viewport has no free length: its offset is 0.
  assert.deepEqual(place.snap({ left: 0, top: 0, width: 1200, height: 900 }, VIEWPORT).offset, 0);
});

test('the CSS puts the dock on its edge at a fraction of the free length, the stack away from the edge', () => {
  const topRight = place.css({ edge: 'right', offset: 0 });
  assert.match(topRight, /right: 8px !important/);
  assert.match(topRight, /top: calc\(8px \+ 0 \* \(100% - 16px\)\) !important/);
  assert.match(topRight, /translate: 0 calc\(0 \* 100%\) !important/);
  assert.match(topRight, /flex-direction: column; align-items: flex-end/);
  const bottomLeft = place.css({ edge: 'bottom', offset: 0.2 });
  assert.match(bottomLeft, /bottom: 8px !important/);
  assert.match(bottomLeft, /left: calc\(8px \+ 0.2 \* \(100% - 16px\)\) !important/);
  assert.match(bottomLeft, /translate: calc\(-0.2 \* 100%\) 0 !important/);
  assert.match(bottomLeft, /flex-direction: column-reverse; align-items: flex-start/);
  assert.match(place.css({ edge: 'left', offset: 1 }, { flush: true }), /left: 0px !important/, 'the compact tab sits on the edge');
  assert.match(place.css({ edge: 'left', offset: 1 }), /column-reverse/, 'low on a side edge: the panel opens upward');
});

test('following the pointer, the dock never leaves the viewport', () => {
  const size = { width: 200, height: 40 };
  assert.match(place.cssAt(-50, 900, size, VIEWPORT), /left: 0px !important; top: 760px !important/);
  assert.match(place.cssAt(990, -5, size, VIEWPORT), /left: 800px !important; top: 0px !important/);
  assert.match(place.cssAt(300.4, 200.6, size, VIEWPORT), /left: 300px !important; top: 201px !important/);
});

test('arrow keys move the dock along its edge by quarters, or over to the opposite edge', () => {
  const right0 = { edge: 'right', offset: 0, compact: false };
  assert.deepEqual(place.byKey(right0, 'ArrowDown'), { edge: 'right', offset: 0.25, compact: false });
  assert.deepEqual(place.byKey(right0, 'ArrowUp'), right0, 'at the corner already');
  assert.deepEqual(place.byKey(right0, 'ArrowLeft'), { edge: 'left', offset: 0, compact: false });
  assert.deepEqual(place.byKey({ edge: 'bottom', offset: 0.4, compact: true }, 'ArrowRight'), { edge: 'bottom', offset: 0.75, compact: true });
  assert.deepEqual(place.byKey({ edge: 'bottom', offset: 0.4 }, 'ArrowUp'), { edge: 'top', offset: 0.4, compact: false });
  assert.equal(place.byKey(right0, 'Enter'), null);
  assert.equal(place.byKey(right0, 'a'), null);
});

test("the move handle's press goes to the corner of the dock's quarter, then clockwise", () => {
  const seen = [];
  let at = { edge: 'right', offset: 0, compact: true };
  for (let i = 0; i < 4; i++) seen.push((at = place.nextCorner(at)));
  assert.deepEqual(seen, [
    { edge: 'right', offset: 1, compact: true },
    { edge: 'left', offset: 1, compact: true },
    { edge: 'left', offset: 0, compact: true },
    { edge: 'right', offset: 0, compact: true },
  ]);
  assert.deepEqual(place.nextCorner({ edge: 'top', offset: 0.3 }), { edge: 'left', offset: 0, compact: false }, 'top left quarter: its corner');
  assert.deepEqual(place.nextCorner({ edge: 'bottom', offset: 0.9 }), { edge: 'right', offset: 1, compact: false });
});

test('a press that moves a few pixels is a drag, not a click', () => {
  assert.equal(place.isDrag({ x: 10, y: 10 }, { x: 12, y: 11 }), false);
  assert.equal(place.isDrag({ x: 10, y: 10 }, { x: 10, y: 16 }), true);
});
