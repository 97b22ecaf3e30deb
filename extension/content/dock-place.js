'use strict';
// Where the dock sits: on one edge of the viewport, at a fraction of that edge's free length
// ({edge, offset, compact}). Every placement decision is here (the stored value read back, the
// CSS that puts it there, the edge a drag or an arrow key ends on); content/dock.js only applies
// them. A fraction, not pixels, so the dock stays inside the viewport whatever its size becomes.
// A classic script for the content scripts, and a module for the Node unit tests.

(function (root) {
  const EDGES = ['top', 'right', 'bottom', 'left'];
  const MARGIN = 8; // px between the dock and its edge (0 for the compact tab, closed)
  const KEY_STEP = 0.25; // an arrow key along the edge
  const CORNER_SNAP = 0.05; // this close to a corner is the corner
  // The top right corner: where the dock has always been.
  const DEFAULT_PLACE = Object.freeze({ edge: 'right', offset: 0, compact: false });

  const clamp01 = (x) => Math.min(1, Math.max(0, x));
  const round = (x) => Math.round(x * 1000) / 1000;
  const horizontal = (edge) => edge === 'top' || edge === 'bottom';

  /** A stored place read back: anything that is not one is the default. */
  function normalize(stored) {
    if (!stored || typeof stored !== 'object' || !EDGES.includes(stored.edge)) return { ...DEFAULT_PLACE };
    const offset = typeof stored.offset === 'number' && Number.isFinite(stored.offset) ? clamp01(stored.offset) : 0;
    return { edge: stored.edge, offset: round(offset), compact: stored.compact === true };
  }

  /** The storage.local key of a CRM's place (one key per CRM: tabs of two CRMs never race). */
  const storageKey = (crmName) => `dockPlace:${String(crmName ?? '')}`;

  /**
   * The dock's box at `place`, as CSS for the host (`:host { … }`) and its stack (`.dock { … }`):
   * the edge side at the margin, the other axis at `offset` of the free length (percentages of
   * the viewport less the dock's own size, so no measuring and no overflow on resize). The bar
   * sits on the edge's side, the panel opens away from it, and the items line up on the side
   * nearer the corner.
   */
  function css(place, { flush = false } = {}) {
    const { edge, offset } = normalize(place);
    const gap = flush ? 0 : MARGIN;
    const along = `calc(${MARGIN}px + ${offset} * (100% - ${2 * MARGIN}px))`;
    const back = `calc(${-offset} * 100%)`;
    const box = horizontal(edge)
      ? { left: along, right: 'auto', top: edge === 'top' ? `${gap}px` : 'auto', bottom: edge === 'bottom' ? `${gap}px` : 'auto', translate: `${back} 0` }
      : { top: along, bottom: 'auto', left: edge === 'left' ? `${gap}px` : 'auto', right: edge === 'right' ? `${gap}px` : 'auto', translate: `0 ${back}` };
    const end = edge === 'right' || (horizontal(edge) && offset >= 0.5);
    const up = edge === 'bottom' || (!horizontal(edge) && offset > 0.5);
    const host = Object.entries(box).map(([name, value]) => `${name}: ${value} !important;`).join(' ');
    const stack = `flex-direction: ${up ? 'column-reverse' : 'column'}; align-items: ${end ? 'flex-end' : 'flex-start'};`;
    return `:host { ${host} } .dock { ${stack} }`;
  }

  /** The dock following the pointer: its top left corner at (x, y), kept inside the viewport. */
  function cssAt(x, y, size, viewport) {
    const left = Math.round(Math.min(Math.max(0, x), Math.max(0, viewport.width - size.width)));
    const top = Math.round(Math.min(Math.max(0, y), Math.max(0, viewport.height - size.height)));
    return `:host { left: ${left}px !important; top: ${top}px !important; right: auto !important; bottom: auto !important; translate: none !important; }`;
  }

  /**
   * Where a dock released at `rect` ({left, top, width, height}) snaps: the nearest edge, at the
   * fraction of that edge's free length it was at, a corner when it is near one.
   */
  function snap(rect, viewport, compact = false) {
    const distance = {
      top: rect.top,
      bottom: viewport.height - (rect.top + rect.height),
      left: rect.left,
      right: viewport.width - (rect.left + rect.width),
    };
    const edge = EDGES.reduce((best, e) => (distance[e] < distance[best] ? e : best), 'right');
    const [start, length, room] = horizontal(edge) ? [rect.left, rect.width, viewport.width] : [rect.top, rect.height, viewport.height];
    const free = room - 2 * MARGIN - length;
    let offset = free > 0 ? clamp01((start - MARGIN) / free) : 0;
    if (offset < CORNER_SNAP) offset = 0;
    if (offset > 1 - CORNER_SNAP) offset = 1;
    return { edge, offset: round(offset), compact: compact === true };
  }

  const OPPOSITE = { top: 'bottom', bottom: 'top', left: 'right', right: 'left' };
  const KEY_EDGE = { ArrowUp: 'top', ArrowDown: 'bottom', ArrowLeft: 'left', ArrowRight: 'right' };

  /**
   * An arrow key moves the dock without a pointer: along its edge by a quarter (toward the
   * arrow), or, pointing at the opposite edge, over to it at the same place. Null: not a move.
   */
  function byKey(place, key) {
    const toward = KEY_EDGE[key];
    if (!toward) return null;
    const { edge, offset, compact } = normalize(place);
    if (toward === OPPOSITE[edge]) return { edge: toward, offset, compact };
    if (toward === edge) return { edge, offset, compact };
    const forward = toward === 'right' || toward === 'bottom';
    const next = clamp01(Math.round((offset + (forward ? KEY_STEP : -KEY_STEP)) / KEY_STEP) * KEY_STEP);
    return { edge, offset: round(next), compact };
  }

  // Clockwise from the top right, the default.
  const CORNERS = [
    { edge: 'right', offset: 0 },
    { edge: 'right', offset: 1 },
    { edge: 'left', offset: 1 },
    { edge: 'left', offset: 0 },
  ];

  /**
   * The move handle's click (and Enter): the corner of the quarter the dock is in, or, when it
   * is in that corner already, the next one clockwise.
   */
  function nextCorner(place) {
    const { edge, offset, compact } = normalize(place);
    const [x, y] = { top: [offset, 0], bottom: [offset, 1], left: [0, offset], right: [1, offset] }[edge];
    const right = x >= 0.5;
    const low = y >= 0.5;
    const here = right ? (low ? 1 : 0) : low ? 2 : 3;
    const inCorner = (x === 0 || x === 1) && (y === 0 || y === 1);
    return { ...CORNERS[inCorner ? (here + 1) % 4 : here], compact };
  }

  /** A press that moved this far (px) is a drag, never a click. */
  const DRAG_THRESHOLD = 5;
  const isDrag = (from, to) => Math.hypot(to.x - from.x, to.y - from.y) >= DRAG_THRESHOLD;

  const place = Object.freeze({ DEFAULT_PLACE, MARGIN, normalize, storageKey, css, cssAt, snap, byKey, nextCorner, isDrag });
  root.myccDockPlace = place;
  if (typeof module === 'object' && module && module.exports) module.exports = place;
})(globalThis);
