import { PointFlag } from '../../shared/scene/flags.ts';
import { visitCone, type PickIndex } from './pick-index.ts';
import { pixelsPerUnit, sphereRadiusPx } from '../../shared/scene/point-size.ts';
import { projectToScreen, rayThroughPixel, type ScreenView } from './screen-view.ts';
import type { FilterMode, PickResult } from './types.ts';

export interface PickStyle {
  /** World diameter of a size-1 point (the uPointSize uniform). */
  pointSize: number;
  /** Smallest drawn sphere diameter, CSS pixels. */
  minPixels: number;
  filterMode: FilterMode;
  /** How far outside a sphere the cursor may be and still hit it, CSS pixels. */
  tolerancePx: number;
  /** Largest entry of the sizes array (bounds the cone). */
  maxSize: number;
}

const at = { x: 0, y: 0, w: 0 };

/**
 * The point under screen pixel (x, y): among points whose drawn sphere covers the pixel, the
 * front-most; otherwise the one whose sphere edge is nearest, within tolerancePx. Points
 * failing the filter are skipped in 'hide' mode and only win when no passing point qualifies
 * in 'fade' mode. Uses the pick index (positions of `index` = the targets being animated to).
 */
export function pickScreen(
  index: PickIndex,
  sizes: Float32Array,
  flags: Uint8Array,
  view: ScreenView,
  invViewProj: ArrayLike<number>,
  style: PickStyle,
  x: number,
  y: number,
): PickResult | null {
  const [dx, dy, dz] = rayThroughPixel(view, invViewProj, x, y);
  const perPxPerDepth = 2 / (view.height * view.p11);
  const cone = {
    ox: view.eye[0],
    oy: view.eye[1],
    oz: view.eye[2],
    dx,
    dy,
    dz,
    base: (style.pointSize * style.maxSize) / 2,
    slope: (style.tolerancePx + style.minPixels / 2) * perPxPerDepth,
  };
  // Tier: 0 covering & passing, 1 near & passing, 2 covering & faded, 3 near & faded. Lower wins, then key.
  let bestTier = 4;
  let bestKey = Infinity;
  let best = -1;
  let bestDist = 0;
  const hide = style.filterMode === 'hide';
  const sorted = index.sorted;
  const order = index.order;
  visitCone(index, cone, (k) => {
    const i = order[k];
    if (flags[i] & PointFlag.OutOfTime) return;
    const passes = (flags[i] & PointFlag.PassesFilter) !== 0;
    if (!passes && hide) return;
    if (!projectToScreen(view, sorted[k * 3], sorted[k * 3 + 1], sorted[k * 3 + 2], at)) return;
    const r = sphereRadiusPx(style.pointSize, sizes[i], passes, pixelsPerUnit(view.height, view.p11, at.w), style.minPixels);
    const d = Math.hypot(at.x - x, at.y - y);
    if (d > r + style.tolerancePx) return;
    const covering = d <= r;
    // Faded points (filtered out, or dimmed by a search) lose to any point drawn in full.
    const prominent = passes && (flags[i] & PointFlag.Dimmed) === 0;
    const tier = (prominent ? 0 : 2) + (covering ? 0 : 1);
    const key = covering ? at.w : d - r;
    if (tier < bestTier || (tier === bestTier && (key < bestKey || (key === bestKey && i < best)))) {
      bestTier = tier;
      bestKey = key;
      best = i;
      bestDist = d;
    }
  });
  return best < 0 ? null : { index: best, distancePx: bestDist };
}

/** Largest value of a sizes array (0 for an empty one). */
export function maxOf(values: Float32Array): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > m) m = values[i];
  return m;
}
