import { PointFlag } from '../../shared/scene/flags.ts';
import { visitCone, type PickIndex } from './pick-index.ts';
import { FADED_SIZE_FACTOR } from '../../shared/scene/point-size.ts';
import type { FilterMode } from './types.ts';

export interface RayPickOptions {
  /** World diameter of a size-1 point. */
  pointSize: number;
  /** Largest entry of the sizes array. */
  maxSize: number;
  /** Extra angular tolerance around the ray, radians (a hand-held ray shakes). */
  toleranceRad: number;
  filterMode: FilterMode;
  /** Only points with drawnRank[i] < drawnLimit are drawn, so only they are picked (the VR point budget, motion-budget.ts). */
  drawnRank?: Uint32Array | null;
  drawnLimit?: number;
}

/**
 * The point a world-space ray (an XR controller's, say) points at: among points whose sphere,
 * widened by the angular tolerance, the ray passes through, the nearest along the ray. Faded
 * points only win when no passing point qualifies; hidden points never do. Direction must be
 * a unit vector.
 */
export function pickRay(
  index: PickIndex,
  sizes: Float32Array,
  flags: Uint8Array,
  origin: readonly [number, number, number],
  direction: readonly [number, number, number],
  options: RayPickOptions,
): { index: number; distance: number } | null {
  const slope = Math.tan(options.toleranceRad);
  const [ox, oy, oz] = origin;
  const [dx, dy, dz] = direction;
  const cone = { ox, oy, oz, dx, dy, dz, base: (options.pointSize * options.maxSize) / 2, slope };
  const hide = options.filterMode === 'hide';
  let best = -1;
  let bestFaded = true;
  let bestT = Infinity;
  const { sorted, order } = index;
  const rank = options.drawnRank ?? null;
  const limit = options.drawnLimit ?? Infinity;
  visitCone(index, cone, (k) => {
    const i = order[k];
    if (rank && rank[i] >= limit) return;
    if (flags[i] & PointFlag.OutOfTime) return;
    const passes = (flags[i] & PointFlag.PassesFilter) !== 0;
    if (!passes && hide) return;
    // Faded (filtered out, or dimmed by a search) points only win where nothing drawn in full is hit.
    const faded = !passes || (flags[i] & PointFlag.Dimmed) !== 0;
    if (faded && !bestFaded) return;
    const vx = sorted[k * 3] - ox;
    const vy = sorted[k * 3 + 1] - oy;
    const vz = sorted[k * 3 + 2] - oz;
    const t = vx * dx + vy * dy + vz * dz;
    if (t <= 0) return;
    const perp = Math.sqrt(Math.max(vx * vx + vy * vy + vz * vz - t * t, 0));
    const size = passes ? sizes[i] : sizes[i] * FADED_SIZE_FACTOR;
    if (perp > (options.pointSize * size) / 2 + slope * t) return;
    if ((bestFaded && !faded) || t < bestT || (t === bestT && i < best)) {
      best = i;
      bestT = t;
      bestFaded = faded;
    }
  });
  return best < 0 ? null : { index: best, distance: bestT };
}
