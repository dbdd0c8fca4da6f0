import type { PickIndex } from './pick-index.ts';
import { buildPickIndexAsync } from './pick-index-builder.ts';
import { RayPicker, type RayHit, type RayPickOptions } from './pick-ray.ts';
import { visitSphere } from './pick-sphere.ts';
import { maxOf, pickScreen, type PickStyle } from './pick-screen.ts';
import type { ScreenView } from './screen-view.ts';
import type { FilterMode, PickResult, PointCloudData, Vec3 } from './types.ts';

/**
 * The pick index of the current positions, rebuilt (in a worker for big clouds) whenever a new
 * positions array arrives. Until the new index lands, the previous one of the same size keeps
 * answering: picks land on the old positions for that moment rather than on nothing.
 */
export class PointPicker {
  private index: PickIndex | null = null;
  private indexFor: Float32Array | null = null;
  private pending: { cancel(): void } | null = null;
  private wanted: Float32Array | null = null;
  private maxSize = 1;
  private maxSizeFor: Float32Array | null = null;
  // The XR pointer picks every frame: one ray picker, unit direction and options, reused.
  private readonly rayPicker = new RayPicker();
  private readonly unit: [number, number, number] = [0, 0, -1];
  private readonly rayOptions: RayPickOptions = { pointSize: 1, maxSize: 1, toleranceRad: 0, filterMode: 'fade', drawnRank: null, drawnLimit: Infinity };

  rebuild(data: PointCloudData): void {
    this.pending?.cancel();
    if (this.index && this.index.count !== data.count) this.index = null;
    const positions = data.positions;
    this.wanted = positions;
    const job = buildPickIndexAsync(positions, data.count);
    this.pending = job;
    job.promise.then(
      (index) => {
        if (this.wanted !== positions) return;
        this.index = index;
        this.indexFor = positions;
        this.pending = null;
      },
      (err: unknown) => console.error(err),
    );
  }

  isReady(data: PointCloudData | null): boolean {
    return data !== null && this.index !== null && this.indexFor === data.positions;
  }

  pickScreen(data: PointCloudData, view: ScreenView, invViewProj: ArrayLike<number>, style: Omit<PickStyle, 'maxSize'>, x: number, y: number): PickResult | null {
    const index = this.usable(data);
    return index ? pickScreen(index, data.sizes, data.flags, view, invViewProj, { ...style, maxSize: this.maxSizeOf(data) }, x, y) : null;
  }

  /**
   * The point a ray points at (pick-ray.ts), allocating nothing: the answer is the picker's own
   * object, overwritten by the next call.
   */
  pickRay(data: PointCloudData, origin: Vec3, direction: Vec3, pointSize: number, toleranceRad: number, filterMode: FilterMode, drawnRank: Uint32Array | null = null, drawnLimit = Infinity): RayHit | null {
    const index = this.usable(data);
    if (!index) return null;
    const len = Math.hypot(direction[0], direction[1], direction[2]) || 1;
    const unit = this.unit;
    unit[0] = direction[0] / len;
    unit[1] = direction[1] / len;
    unit[2] = direction[2] / len;
    const o = this.rayOptions;
    o.pointSize = pointSize;
    o.maxSize = this.maxSizeOf(data);
    o.toleranceRad = toleranceRad;
    o.filterMode = filterMode;
    o.drawnRank = drawnRank;
    o.drawnLimit = drawnLimit;
    const hit = this.rayPicker.pick(index, data.sizes, data.flags, origin, unit, o);
    o.drawnRank = null;
    return hit;
  }

  /** Points passing the filter within `radius` of `centre`; false while the index is not built. */
  sphere(data: PointCloudData, centre: Vec3, radius: number, visit: (point: number) => void): boolean {
    const index = this.usable(data);
    if (!index) return false;
    visitSphere(index, data.flags, centre[0], centre[1], centre[2], radius, visit);
    return true;
  }

  dispose(): void {
    this.pending?.cancel();
  }

  private usable(data: PointCloudData): PickIndex | null {
    return this.index && this.index.count === data.count ? this.index : null;
  }

  private maxSizeOf(d: PointCloudData): number {
    if (this.maxSizeFor !== d.sizes) {
      this.maxSize = maxOf(d.sizes);
      this.maxSizeFor = d.sizes;
    }
    return this.maxSize;
  }
}
