import { ROBUST_TAIL, samplePoints } from './robust-box.ts';
import type { Pose, Vec3 } from '../session/types.ts';

/** Points projected to frame a view; an even stride of the passing points above it. */
const FRAME_SAMPLE = 6000;
/** Share of the view's half-width / half-height the framed bulk of the points spans. */
export const FRAME_FILL = 0.86;
/** Vertical field of view of the desktop camera, degrees (the report's snapshots use it too). */
export const DESKTOP_FOV = 50;
/** Direction (from the target) of the home view: a little above and to the side, like a museum visitor. */
export const HOME_DIRECTION: Vec3 = unit([0.55, 0.38, 1]);

export interface FrameLens {
  /** Vertical field of view, degrees. */
  fov: number;
  /** Width / height of the view. */
  aspect: number;
  /** From the target towards the eye (need not be normalised). */
  direction: Vec3;
  /**
   * The part of the view the points should be framed into, as fractions of its width and
   * height (y down, as the page's boxes): the view less what the page draws over it (legend,
   * hint line). The whole view when absent.
   */
  free?: FreeRect;
}

/** A sub-rectangle of the view, in fractions of its width and height, y down. */
export interface FreeRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The pose, looking along `lens.direction`, from which the bulk of the points (those passing
 * the filter, all when none pass) fills `fill` of the view in its limiting dimension: the 2nd
 * to 98th percentile of their projections, horizontally and vertically, for this aspect ratio.
 * A bounding sphere would frame the farthest outlier instead (a UMAP island or one odd row can
 * leave the cloud a speck in the middle). The target is moved so that bulk sits centred in
 * `lens.free` (the whole view by default), filling `fill` of that rectangle; the target then
 * lies at the view's centre, off the bulk's centre by as much as the free part is off-centre.
 * Pure: typed arrays in, a pose out.
 */
export function framePose(positions: Float32Array, count: number, flags: Uint8Array | undefined, lens: FrameLens, fill = FRAME_FILL): Pose {
  return fit(positions, shownSample(positions, count, flags, FRAME_SAMPLE), lens, fill);
}

/** The points passing the filter (all when none pass), an even sample of at most `limit`. */
function shownSample(positions: Float32Array, count: number, flags: Uint8Array | undefined, limit: number): Uint32Array {
  const sample = samplePoints(positions, count, flags, limit);
  return sample.length > 0 ? sample : samplePoints(positions, count, undefined, limit);
}

/** Frames `sample` along `lens`. */
function fit(positions: Float32Array, sample: Uint32Array, lens: FrameLens, fill: number): Pose {
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
  // Per axis, in tangents of the view angle: the free part's centre c and fill half-width w.
  const [ax, ay] = freeAxes(lens.free, fill);
  const cx = ax.centre * tx;
  const wx = ax.half * tx * fill;
  const cy = ay.centre * ty;
  const wy = ay.half * ty * fill;
  const need = new Float64Array(m);
  // The distance at which the 2nd–98th percentile band fits `fill` of the free part: a point at
  // depth u = d − pz fits when (c − w) u ≤ p ≤ (c + w) u, so from u = max(p / (c + w), −p / (w − c))
  // on, exactly (c = 0, the whole view: |p| / w); take the 96th percentile per axis.
  const distance = () => {
    let d = 0;
    for (const [p, c, w] of [[px, cx, wx], [py, cy, wy]] as const) {
      for (let k = 0; k < m; k++) need[k] = pz[k] + Math.max(p[k] / (w + c), -p[k] / (w - c));
      need.sort();
      d = Math.max(d, need[Math.ceil((1 - 2 * ROBUST_TAIL) * (m - 1))]);
    }
    return d;
  };
  let d = distance();
  // Recentre the band on the free part (a cloud is rarely symmetric about its mean), then measure again.
  for (let pass = 0; pass < 6; pass++) {
    for (let k = 0; k < m; k++) {
      const depth = Math.max(d - pz[k], d * 0.05, 1e-12);
      sx[k] = px[k] / depth;
      sy[k] = py[k] / depth;
    }
    const [x0, x1] = tails(sx);
    const [y0, y1] = tails(sy);
    // At the target's depth a tangent t lies t × d sideways.
    const shiftX = ((x0 + x1) / 2 - cx) * d;
    const shiftY = ((y0 + y1) / 2 - cy) * d;
    for (let a = 0; a < 3; a++) target[a] += x[a] * shiftX + y[a] * shiftY;
    measure();
    d = distance();
  }
  // Coincident points (one row, or a filter that keeps one) have no extent: frame a spot of
  // radius 0.1 × their distance from the origin (at least 0.1), as the robust box does.
  if (!(d > 1e-9 * (1 + Math.hypot(target[0], target[1], target[2])))) d = (0.1 * Math.max(1, Math.hypot(target[0], target[1], target[2]))) / (ty * fill);
  return { position: scaleAdd(target, z, d), target };
}

/**
 * The free part along each view axis (x right, y up) in normalised device units: its centre and
 * half-width. The centre is kept within 0.9 of the half-width × `fill` of the middle, so the
 * framed band always straddles the view axis (the distance formula needs c + w and w − c > 0);
 * a free part smaller than a tenth of the view is ignored as a misreading.
 */
function freeAxes(free: FreeRect | undefined, fill: number): [{ centre: number; half: number }, { centre: number; half: number }] {
  const whole = { centre: 0, half: 1 };
  if (!free) return [whole, whole];
  const axis = (a0: number, a1: number, flip: boolean) => {
    const lo = Math.max(0, Math.min(a0, a1));
    const hi = Math.min(1, Math.max(a0, a1));
    if (!(hi - lo >= 0.1)) return whole;
    const half = hi - lo;
    const centre = (flip ? -1 : 1) * (lo + hi - 1);
    const bound = 0.9 * half * fill;
    return { centre: Math.max(-bound, Math.min(bound, centre)), half };
  };
  return [axis(free.x0, free.x1, false), axis(free.y0, free.y1, true)];
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
