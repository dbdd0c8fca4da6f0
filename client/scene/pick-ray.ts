import { PointFlag } from '../../shared/scene/flags.ts';
import { visitCone, type Cone, type PickIndex } from './pick-index.ts';
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

const NO_FLOATS = new Float32Array(0);
const NO_ENTRIES = new Uint32Array(0);
const NO_FLAGS = new Uint8Array(0);

/** A ray's pick: the point and its distance along the ray (the ray's units). */
export interface RayHit {
  index: number;
  distance: number;
}

/**
 * The point a world-space ray (an XR controller's, say) points at: among points whose sphere,
 * widened by the angular tolerance, the ray passes through, the nearest along the ray. Faded
 * points only win when no passing point qualifies; hidden points never do. Direction must be
 * a unit vector.
 *
 * It runs in the XR frame loop once per frame, so a picker allocates nothing per call: the cone,
 * the kd-tree visitor and the answer are made once with the picker, and `pick` returns the
 * picker's own `hit` (overwritten by the next call; copy what you keep) or null.
 */
export class RayPicker {
  /** The last call's answer; `pick` returns this very object when a point is hit. */
  readonly hit: RayHit = { index: -1, distance: Infinity };
  private readonly cone: Cone = { ox: 0, oy: 0, oz: 0, dx: 0, dy: 0, dz: 1, base: 0, slope: 0 };
  // The call's inputs and best-so-far, read by the visitor (fields, not a per-call closure).
  private sorted: Float32Array = NO_FLOATS;
  private order: Uint32Array = NO_ENTRIES;
  private sizes: Float32Array = NO_FLOATS;
  private flags: Uint8Array = NO_FLAGS;
  private rank: Uint32Array | null = null;
  private limit = Infinity;
  private hide = false;
  private pointSize = 0;
  private best = -1;
  private bestT = Infinity;
  private bestFaded = true;

  private readonly visit = (k: number): void => {
    const i = this.order[k];
    if (this.rank && this.rank[i] >= this.limit) return;
    const flags = this.flags[i];
    if (flags & PointFlag.OutOfTime) return;
    const passes = (flags & PointFlag.PassesFilter) !== 0;
    if (!passes && this.hide) return;
    // Faded (filtered out, or dimmed by a search) points only win where nothing drawn in full is hit.
    const faded = !passes || (flags & PointFlag.Dimmed) !== 0;
    if (faded && !this.bestFaded) return;
    const c = this.cone;
    const sorted = this.sorted;
    const vx = sorted[k * 3] - c.ox;
    const vy = sorted[k * 3 + 1] - c.oy;
    const vz = sorted[k * 3 + 2] - c.oz;
    const t = vx * c.dx + vy * c.dy + vz * c.dz;
    if (t <= 0) return;
    const perp = Math.sqrt(Math.max(vx * vx + vy * vy + vz * vz - t * t, 0));
    const size = passes ? this.sizes[i] : this.sizes[i] * FADED_SIZE_FACTOR;
    if (perp > (this.pointSize * size) / 2 + c.slope * t) return;
    if ((this.bestFaded && !faded) || t < this.bestT || (t === this.bestT && i < this.best)) {
      this.best = i;
      this.bestT = t;
      this.bestFaded = faded;
    }
  };

  pick(index: PickIndex, sizes: Float32Array, flags: Uint8Array, origin: readonly [number, number, number], direction: readonly [number, number, number], options: RayPickOptions): RayHit | null {
    const c = this.cone;
    c.ox = origin[0];
    c.oy = origin[1];
    c.oz = origin[2];
    c.dx = direction[0];
    c.dy = direction[1];
    c.dz = direction[2];
    c.base = (options.pointSize * options.maxSize) / 2;
    c.slope = Math.tan(options.toleranceRad);
    this.sorted = index.sorted;
    this.order = index.order;
    this.sizes = sizes;
    this.flags = flags;
    this.rank = options.drawnRank ?? null;
    this.limit = options.drawnLimit ?? Infinity;
    this.hide = options.filterMode === 'hide';
    this.pointSize = options.pointSize;
    this.best = -1;
    this.bestT = Infinity;
    this.bestFaded = true;
    visitCone(index, c, this.visit);
    // Let go of the arrays: a picker kept by a component must not hold an old cloud alive.
    this.sorted = this.sizes = NO_FLOATS;
    this.order = NO_ENTRIES;
    this.flags = NO_FLAGS;
    this.rank = null;
    if (this.best < 0) return null;
    this.hit.index = this.best;
    this.hit.distance = this.bestT;
    return this.hit;
  }
}
