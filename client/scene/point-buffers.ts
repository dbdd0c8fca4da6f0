import * as THREE from 'three';
import { TRANSITION_MS, transitionProgress } from './easing.ts';
import type { PointCloudData } from './types.ts';

type Channel = 'positions' | 'colors' | 'sizes';

const CHANNELS: readonly { key: Channel; next: string; prev: string; itemSize: number; normalized: boolean }[] = [
  { key: 'positions', next: 'position', prev: 'aPositionPrev', itemSize: 3, normalized: false },
  { key: 'colors', next: 'aColor', prev: 'aColorPrev', itemSize: 4, normalized: true },
  { key: 'sizes', next: 'aSize', prev: 'aSizePrev', itemSize: 1, normalized: false },
];

/**
 * The GPU side of a PointCloudData: one BufferGeometry holding "prev" and "next" copies of
 * positions, colours and sizes, and the flags. A new array for a channel starts a transition
 * from whatever is on screen now (even mid-transition) to the new values; the shader blends
 * with one uniform, so the CPU only does work when data changes, never per frame.
 */
export class PointBuffers {
  geometry: THREE.BufferGeometry;
  private data: PointCloudData;
  private start = -Infinity;
  /** Length of the next transitions, ms (0 = jump). */
  duration = TRANSITION_MS;
  /** Per channel: prev holds the same values as next (nothing left to blend). */
  private settled: Record<Channel, boolean> = { positions: true, colors: true, sizes: true };

  constructor(data: PointCloudData) {
    validate(data);
    this.data = data;
    this.geometry = buildGeometry(data);
  }

  get count(): number {
    return this.data.count;
  }

  get current(): PointCloudData {
    return this.data;
  }

  /** When the latest transition started (performance.now() ms); -Infinity after a jump. */
  get transitionStart(): number {
    return this.start;
  }

  /** Eased progress in [0, 1] at `now` (ms). */
  progress(now: number): number {
    return transitionProgress(this.start, now, this.duration);
  }

  /** True while a transition is under way at `now`. */
  animating(now: number): boolean {
    return now - this.start < this.duration;
  }

  /**
   * Applies new data. Returns false when the count changed: the caller must swap to a fresh
   * PointBuffers (nothing to animate between clouds of different sizes).
   */
  update(data: PointCloudData, now: number, animate: boolean): boolean {
    validate(data);
    if (data.count !== this.data.count) return false;
    const old = this.data;
    animate = animate && this.duration > 0;
    const changed = CHANNELS.filter((c) => data[c.key] !== old[c.key]);
    if (changed.length > 0) {
      const u = this.progress(now);
      for (const c of CHANNELS) {
        const isChanged = changed.includes(c);
        if (!isChanged && this.settled[c.key]) continue;
        const prevAttr = this.geometry.getAttribute(c.prev) as THREE.BufferAttribute;
        const prev = prevAttr.array as Float32Array | Uint8Array;
        if (!animate) prev.set(data[c.key]);
        else if (!this.settled[c.key]) blendInto(prev, old[c.key], u);
        prevAttr.needsUpdate = true;
        if (isChanged) {
          const nextAttr = this.geometry.getAttribute(c.next) as THREE.BufferAttribute;
          nextAttr.array = data[c.key];
          nextAttr.needsUpdate = true;
        }
        this.settled[c.key] = !animate;
      }
      this.start = animate ? now : -Infinity;
    }
    if (data.flags !== old.flags) {
      const flags = this.geometry.getAttribute('aFlags') as THREE.BufferAttribute;
      flags.array = data.flags;
      flags.needsUpdate = true;
    }
    this.data = data;
    return true;
  }

  dispose(): void {
    this.geometry.dispose();
  }
}

/** prev ← prev + (next − prev)·u, rounding for byte channels. */
function blendInto(prev: Float32Array | Uint8Array, next: Float32Array | Uint8Array, u: number): void {
  if (u >= 1) {
    prev.set(next);
    return;
  }
  if (u <= 0) return;
  if (prev instanceof Uint8Array) {
    for (let i = 0; i < prev.length; i++) prev[i] = Math.round(prev[i] + (next[i] - prev[i]) * u);
  } else {
    for (let i = 0; i < prev.length; i++) prev[i] += (next[i] - prev[i]) * u;
  }
}

function buildGeometry(data: PointCloudData): THREE.BufferGeometry {
  const g = new THREE.BufferGeometry();
  for (const c of CHANNELS) {
    const next = data[c.key];
    g.setAttribute(c.next, new THREE.BufferAttribute(next, c.itemSize, c.normalized));
    g.setAttribute(c.prev, new THREE.BufferAttribute(next.slice(), c.itemSize, c.normalized));
  }
  const flags = new THREE.BufferAttribute(data.flags, 1);
  // An integer attribute (vertexAttribIPointer): the shader tests bits with `&`.
  flags.gpuType = THREE.IntType;
  g.setAttribute('aFlags', flags);
  // Frustum culling is off for the cloud; a nominal sphere keeps three from scanning 1M points.
  g.boundingSphere = new THREE.Sphere(new THREE.Vector3(), Infinity);
  return g;
}

export class PointDataError extends Error {
  readonly code = 'scene/bad-point-data';
}

function validate(d: PointCloudData): void {
  const n = d.count;
  if (!Number.isInteger(n) || n < 0) throw new PointDataError(`count must be a non-negative integer, got ${n}`);
  const expect = (name: string, arr: ArrayLike<number>, len: number) => {
    if (arr.length !== len) throw new PointDataError(`${name} has length ${arr.length}, expected ${len} for ${n} points`);
  };
  if (!(d.positions instanceof Float32Array)) throw new PointDataError('positions must be a Float32Array');
  if (!(d.colors instanceof Uint8Array)) throw new PointDataError('colors must be a Uint8Array (RGBA bytes)');
  if (!(d.sizes instanceof Float32Array)) throw new PointDataError('sizes must be a Float32Array');
  if (!(d.flags instanceof Uint8Array)) throw new PointDataError('flags must be a Uint8Array');
  expect('positions', d.positions, n * 3);
  expect('colors', d.colors, n * 4);
  expect('sizes', d.sizes, n);
  expect('flags', d.flags, n);
}
