import type { PickIndex } from './pick-index.ts';
import { buildPickIndexAsync } from './pick-index-builder.ts';
import { pickRay } from './pick-ray.ts';
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

  pickRay(data: PointCloudData, origin: Vec3, direction: Vec3, pointSize: number, toleranceRad: number, filterMode: FilterMode, drawnRank: Uint32Array | null = null, drawnLimit = Infinity) {
    const index = this.usable(data);
    if (!index) return null;
    const len = Math.hypot(...direction) || 1;
    const unit: Vec3 = [direction[0] / len, direction[1] / len, direction[2] / len];
    return pickRay(index, data.sizes, data.flags, origin, unit, { pointSize, maxSize: this.maxSizeOf(data), toleranceRad, filterMode, drawnRank, drawnLimit });
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
