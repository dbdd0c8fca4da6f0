import { PointFlag } from './flags.ts';
import type { ScreenView } from './screen-view.ts';

/**
 * Indices of the points passing the filter whose projection (at their target positions) lies
 * inside `polygon` (x0, y0, x1, y1, … in CSS pixels, implicitly closed; even-odd rule). One
 * pass over the points with a bounding-box reject before the polygon test: ~10 ms at 1M.
 */
export function lassoSelect(
  positions: Float32Array,
  count: number,
  flags: Uint8Array,
  view: ScreenView,
  polygon: Float32Array,
): Uint32Array {
  const corners = polygon.length >> 1;
  if (corners < 3) return new Uint32Array(0);
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
  const hits = new Uint32Array(count);
  let n = 0;
  const m = view.viewProj;
  const hw = view.width * 0.5;
  const hh = view.height * 0.5;
  // The projection is inlined (no per-point calls or writes): this loop is the whole cost at 1M.
  for (let i = 0; i < count; i++) {
    if ((flags[i] & PointFlag.PassesFilter) === 0) continue;
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
  return hits.slice(0, n);
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
