import { PointFlag } from './flags.ts';
import type { Vec3 } from '../session/types.ts';

/** Points whose coordinates are sorted for the percentiles; above it an even stride stands in. */
const SAMPLE = 20_000;
/** Share of points left out at each end of each axis: the box holds the 2nd–98th percentiles. */
export const ROBUST_TAIL = 0.02;

/**
 * The box that holds the bulk of a cloud: per axis, the 2nd to 98th percentile of the points
 * (only those passing the filter when `flags` is given). A few far outliers (an isolated row a
 * UMAP threw to the side) then neither shrink the cloud on screen nor push the floor away.
 */
export interface RobustBox {
  min: Vec3;
  max: Vec3;
  center: Vec3;
  /** The largest of the three spans: the cloud's scale, in world units. */
  size: number;
  /** Points the box was measured on (0: an empty set, and the box is the unit cube). */
  count: number;
}

/** Indices of the points to measure: those passing the filter (all without flags), at most SAMPLE by an even stride. */
export function samplePoints(positions: Float32Array, count: number, flags?: Uint8Array, limit = SAMPLE): Uint32Array {
  let passing = 0;
  const use = (i: number) => (!flags || (flags[i] & PointFlag.PassesFilter) !== 0) && Number.isFinite(positions[3 * i] + positions[3 * i + 1] + positions[3 * i + 2]);
  for (let i = 0; i < count; i++) if (use(i)) passing++;
  const stride = Math.max(1, passing / limit);
  const out = new Uint32Array(Math.min(passing, limit));
  let k = 0;
  let seen = 0;
  let next = 0;
  for (let i = 0; i < count && k < out.length; i++) {
    if (!use(i)) continue;
    if (seen >= next) {
      out[k++] = i;
      next += stride;
    }
    seen++;
  }
  return out.subarray(0, k);
}

export function robustBox(positions: Float32Array, count: number, flags?: Uint8Array): RobustBox {
  const sample = samplePoints(positions, count, flags);
  const m = sample.length;
  if (m === 0) return { min: [-1, -1, -1], max: [1, 1, 1], center: [0, 0, 0], size: 2, count: 0 };
  const values = new Float32Array(m);
  const min: Vec3 = [0, 0, 0];
  const max: Vec3 = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    for (let k = 0; k < m; k++) values[k] = positions[3 * sample[k] + a];
    values.sort();
    min[a] = values[Math.floor(ROBUST_TAIL * (m - 1))];
    max[a] = values[Math.ceil((1 - ROBUST_TAIL) * (m - 1))];
  }
  const spans = [0, 1, 2].map((a) => max[a] - min[a]);
  // Coincident points still get a box with a scale the camera and the point size can use.
  const size = Math.max(...spans) || Math.max(Math.abs(min[0]), Math.abs(min[1]), Math.abs(min[2]), 1) * 0.1;
  return { min, max, center: [(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2], size, count: m };
}
