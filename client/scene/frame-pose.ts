import { ROBUST_TAIL, samplePoints } from './robust-box.ts';
import type { CameraPose, Vec3 } from './types.ts';

/** Points projected to frame a view; an even stride of the passing points above it. */
const FRAME_SAMPLE = 6000;
/** Share of the view's half-width / half-height the framed bulk of the points spans. */
export const FRAME_FILL = 0.86;

export interface FrameLens {
  /** Vertical field of view, degrees. */
  fov: number;
  /** Width / height of the view. */
  aspect: number;
  /** From the target towards the eye (need not be normalised). */
  direction: Vec3;
}

/**
 * The pose, looking along `lens.direction`, from which the bulk of the points (those passing
 * the filter, all when none pass) fills `fill` of the view in its limiting dimension: the 2nd
 * to 98th percentile of their projections, horizontally and vertically, for this aspect ratio.
 * A bounding sphere would frame the farthest outlier instead (a UMAP island or one odd row can
 * leave the cloud a speck in the middle). The target is moved so that bulk sits centred.
 * Pure: typed arrays in, a pose out.
 */
export function framePose(positions: Float32Array, count: number, flags: Uint8Array | undefined, lens: FrameLens, fill = FRAME_FILL): CameraPose {
  return fit(positions, shownSample(positions, count, flags, FRAME_SAMPLE), lens, fill);
}

/** The points passing the filter (all when none pass), an even sample of at most `limit`. */
function shownSample(positions: Float32Array, count: number, flags: Uint8Array | undefined, limit: number): Uint32Array {
  const sample = samplePoints(positions, count, flags, limit);
  return sample.length > 0 ? sample : samplePoints(positions, count, undefined, limit);
}

/** Frames `sample` along `lens`. */
function fit(positions: Float32Array, sample: Uint32Array, lens: FrameLens, fill: number): CameraPose {
  const m = sample.length;
  if (m === 0) return { position: scaleAdd([0, 0, 0], unit(lens.direction), 5), target: [0, 0, 0] };
  // Camera axes as three's lookAt builds them: z from the target to the eye, x = up × z, y = z × x.
  const z = unit(lens.direction);
  const x = unit(cross([0, 1, 0], z), [1, 0, 0]);
  const y = cross(z, x);
  const target: Vec3 = [0, 0, 0];
  for (const i of sample) for (let a = 0; a < 3; a++) target[a] += positions[3 * i + a] / m;
  const px = new Float64Array(m);
  const py = new Float64Array(m);
  const pz = new Float64Array(m);
  const sx = new Float64Array(m);
  const sy = new Float64Array(m);
  const measure = () => {
    for (let k = 0; k < m; k++) {
      const i = sample[k];
      const r: Vec3 = [positions[3 * i] - target[0], positions[3 * i + 1] - target[1], positions[3 * i + 2] - target[2]];
      px[k] = dot(r, x);
      py[k] = dot(r, y);
      pz[k] = dot(r, z);
    }
  };
  measure();
  const ty = Math.tan(((lens.fov || 50) * Math.PI) / 360);
  const tx = ty * (lens.aspect > 0 ? lens.aspect : 1);
  const need = new Float64Array(m);
  // The distance at which the 2nd–98th percentile band fits `fill` of the view: a point fits
  // from distance pz + |px| / (tan × fill) on, exactly; take the 96th percentile per axis.
  const distance = () => {
    let d = 0;
    for (const [p, t] of [[px, tx], [py, ty]] as const) {
      for (let k = 0; k < m; k++) need[k] = pz[k] + Math.abs(p[k]) / (t * fill);
      need.sort();
      d = Math.max(d, need[Math.ceil((1 - 2 * ROBUST_TAIL) * (m - 1))]);
    }
    return d;
  };
  let d = distance();
  // Recentre the band on the view (a cloud is rarely symmetric about its mean), then measure again.
  for (let pass = 0; pass < 6; pass++) {
    for (let k = 0; k < m; k++) {
      const depth = Math.max(d - pz[k], d * 0.05, 1e-12);
      sx[k] = px[k] / depth;
      sy[k] = py[k] / depth;
    }
    const [x0, x1] = tails(sx);
    const [y0, y1] = tails(sy);
    // At the target's depth a tangent t lies t × d sideways.
    const shiftX = ((x0 + x1) / 2) * d;
    const shiftY = ((y0 + y1) / 2) * d;
    for (let a = 0; a < 3; a++) target[a] += x[a] * shiftX + y[a] * shiftY;
    measure();
    d = distance();
  }
  // Coincident points (one row, or a filter that keeps one) have no extent: frame a spot of
  // radius 0.1 × their distance from the origin (at least 0.1), as the robust box does.
  if (!(d > 1e-9 * (1 + Math.hypot(target[0], target[1], target[2])))) d = (0.1 * Math.max(1, Math.hypot(target[0], target[1], target[2]))) / (ty * fill);
  return { position: scaleAdd(target, z, d), target };
}

/** The ROBUST_TAIL and 1 − ROBUST_TAIL quantiles (sorts `values`). */
function tails(values: Float64Array): [number, number] {
  values.sort();
  const n = values.length;
  return [values[Math.floor(ROBUST_TAIL * (n - 1))], values[Math.ceil((1 - ROBUST_TAIL) * (n - 1))]];
}

function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function unit(v: Vec3, fallback: Vec3 = [0, 0, 1]): Vec3 {
  const l = Math.hypot(v[0], v[1], v[2]);
  return l > 1e-12 ? [v[0] / l, v[1] / l, v[2] / l] : fallback;
}

function scaleAdd(p: Vec3, v: Vec3, s: number): Vec3 {
  return [p[0] + v[0] * s, p[1] + v[1] * s, p[2] + v[2] * s];
}
