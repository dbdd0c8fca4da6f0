import * as THREE from 'three';
import { createRandom } from '../../shared/random.ts';

/** How long after the last camera change the full cloud comes back, ms. */
export const SETTLE_MS = 180;

/**
 * While the camera moves, draw only a budget of points: a fixed random subset (a shuffled
 * index buffer whose first `budget` entries are drawn), so the cloud keeps its shape and
 * density pattern, just sparser. When the camera rests, every point is drawn again. Random
 * rather than the first rows, because table order is rarely random.
 *
 * `standing` is a budget that holds whether or not the camera moves (VR: the head never rests,
 * and a frame missed there is judder): the same shuffled order, so the points drawn are the
 * first `standing` of it, the same ones every frame, every session and on every machine (the
 * order is seeded). rank[i] is point i's place in that order: drawn(i) is rank[i] < limit.
 */
export class MotionBudget {
  budget = Infinity;
  standing = Infinity;
  /** Points drawn now: Infinity when all are. */
  limit = Infinity;
  private rankOf: Uint32Array | null = null;
  private lastMove = -Infinity;
  private readonly lastMatrix = new THREE.Matrix4();
  private indexed: THREE.BufferGeometry | null = null;

  /** Call once per frame; returns true while the reduced cloud is drawn. */
  update(geometry: THREE.BufferGeometry, count: number, camera: THREE.Camera, now: number): boolean {
    if (!camera.matrixWorld.equals(this.lastMatrix)) {
      this.lastMatrix.copy(camera.matrixWorld);
      this.lastMove = now;
    }
    const active = this.budget < count;
    const standing = this.standing < count;
    if ((active || standing) && this.indexed !== geometry) {
      geometry.setIndex(new THREE.BufferAttribute(shuffledOrder(count), 1));
      this.indexed = geometry;
      this.rankOf = null;
    }
    const moving = active && now - this.lastMove < SETTLE_MS;
    const limit = Math.min(moving ? this.budget : Infinity, standing ? this.standing : Infinity);
    this.limit = limit < count ? limit : Infinity;
    // Only touch the geometry when the range changes (setDrawRange is cheap, but this runs every frame).
    if (geometry.drawRange.count !== this.limit) geometry.setDrawRange(0, this.limit);
    return moving;
  }

  /**
   * Each point's place in the drawn order (built once per geometry, on first ask): picks skip
   * points rank[i] ≥ limit, which are not drawn. Null while every point is drawn.
   */
  rank(): Uint32Array | null {
    if (this.limit === Infinity || !this.indexed?.index) return null;
    if (!this.rankOf) {
      const order = this.indexed.index.array as Uint32Array;
      this.rankOf = new Uint32Array(order.length);
      for (let r = 0; r < order.length; r++) this.rankOf[order[r]] = r;
    }
    return this.rankOf;
  }
}

/** 0..count−1 in a seeded random order (Fisher–Yates). */
export function shuffledOrder(count: number, seed = 1): Uint32Array {
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  const random = createRandom(seed);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}
