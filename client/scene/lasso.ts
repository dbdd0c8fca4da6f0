import { PointFlag } from '../../shared/scene/flags.ts';
import type { ScreenView } from './screen-view.ts';

/**
 * Indices of the points passing the filter whose projection (at their target positions) lies
 * inside `polygon` (x0, y0, x1, y1, … in CSS pixels, implicitly closed; even-odd rule). One
 * pass over the points with a bounding-box reject before the polygon test: 30–50 ms per
 * million points in Node, several times that in a busy browser tab (see lassoSelectAsync).
 */
export function lassoSelect(
  positions: Float32Array,
  count: number,
  flags: Uint8Array,
  view: ScreenView,
  polygon: Float32Array,
): Uint32Array {
  const hits = new Uint32Array(count);
  const n = lassoRange(positions, flags, view, polygon, 0, count, hits, 0);
  return hits.slice(0, n);
}

/** Points per slice of lassoSelectAsync: a few milliseconds of work between yields. */
export const LASSO_SLICE = 100_000;

/**
 * lassoSelect in slices, yielding to the event loop between them, so a million-point lasso
 * never blocks input or rendering for more than a slice. Same result as lassoSelect (the view
 * is copied first, so camera moves meanwhile do not mix two projections).
 */
export async function lassoSelectAsync(
  positions: Float32Array,
  count: number,
  flags: Uint8Array,
  view: ScreenView,
  polygon: Float32Array,
): Promise<Uint32Array> {
  const frozen: ScreenView = { ...view, viewProj: Array.from(view.viewProj) };
  const hits = new Uint32Array(count);
  let n = 0;
  for (let from = 0; from < count; from += LASSO_SLICE) {
    n = lassoRange(positions, flags, frozen, polygon, from, Math.min(count, from + LASSO_SLICE), hits, n);
    if (from + LASSO_SLICE < count) await new Promise<void>((r) => setTimeout(r, 0));
  }
  return hits.slice(0, n);
}

/** Appends the hits among points [from, to) to `hits` at `n`; returns the new length. */
function lassoRange(
  positions: Float32Array,
  flags: Uint8Array,
  view: ScreenView,
  polygon: Float32Array,
  from: number,
  to: number,
  hits: Uint32Array,
  n: number,
): number {
  const corners = polygon.length >> 1;
  if (corners < 3) return n;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let c = 0; c < corners; c++) {
    const px = polygon[c * 2];
    const py = polygon[c * 2 + 1];
    if (px < minX) minX = px;
    if (px > maxX) maxX = px;
    if (py < minY) minY = py;
    if (py > maxY) maxY = py;
  }
  const m = view.viewProj;
  const hw = view.width * 0.5;
  const hh = view.height * 0.5;
  // The projection is inlined (no per-point calls or writes): this loop is the whole cost at 1M.
  for (let i = from; i < to; i++) {
    // Passes the filters and is in the timeline's window.
    if ((flags[i] & (PointFlag.PassesFilter | PointFlag.OutOfTime)) !== PointFlag.PassesFilter) continue;
    const x = positions[i * 3];
    const y = positions[i * 3 + 1];
    const z = positions[i * 3 + 2];
    const cw = m[3] * x + m[7] * y + m[11] * z + m[15];
    if (!(cw > 1e-9)) continue;
    const cz = m[2] * x + m[6] * y + m[10] * z + m[14];
    if (cz < -cw || cz > cw) continue;
    const inv = 1 / cw;
    const sx = ((m[0] * x + m[4] * y + m[8] * z + m[12]) * inv + 1) * hw;
    const sy = (1 - (m[1] * x + m[5] * y + m[9] * z + m[13]) * inv) * hh;
    if (sx < minX || sx > maxX || sy < minY || sy > maxY) continue;
    if (insidePolygon(polygon, corners, sx, sy)) hits[n++] = i;
  }
  return n;
}

/** Even-odd crossing test. */
export function insidePolygon(polygon: Float32Array, corners: number, x: number, y: number): boolean {
  let inside = false;
  for (let a = 0, b = corners - 1; a < corners; b = a++) {
    const ax = polygon[a * 2];
    const ay = polygon[a * 2 + 1];
    const bx = polygon[b * 2];
    const by = polygon[b * 2 + 1];
    if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
  }
  return inside;
}
