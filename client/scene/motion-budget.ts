import * as THREE from 'three';
import { createRandom } from '../../shared/random.ts';

/** How long after the last camera change the full cloud comes back, ms. */
export const SETTLE_MS = 180;

/**
 * While the camera moves, draw only a budget of points: a fixed random subset (a shuffled
 * index buffer whose first `budget` entries are drawn), so the cloud keeps its shape and
 * density pattern, just sparser. When the camera rests, every point is drawn again. Random
 * rather than the first rows, because table order is rarely random.
 */
export class MotionBudget {
  budget = Infinity;
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
    if (active && this.indexed !== geometry) {
      geometry.setIndex(new THREE.BufferAttribute(shuffledOrder(count), 1));
      this.indexed = geometry;
    }
    const moving = active && now - this.lastMove < SETTLE_MS;
    geometry.setDrawRange(0, moving ? this.budget : Infinity);
    return moving;
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
