import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { PointBuffers, PointDataError } from '../../../client/scene/point-buffers.ts';
import { boundingSphere } from '../../../client/scene/bounds.ts';
import { easeInOutCubic, TRANSITION_MS } from '../../../client/scene/easing.ts';
import type { PointCloudData } from '../../../client/scene/types.ts';

function cloud(n: number, x: number, grey: number): PointCloudData {
  const positions = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) positions[i * 3] = x;
  return { count: n, positions, colors: new Uint8Array(n * 4).fill(grey), sizes: new Float32Array(n).fill(1), flags: new Uint8Array(n).fill(1) };
}
const attr = (b: PointBuffers, name: string) => (b.geometry.getAttribute(name) as THREE.BufferAttribute).array;

describe('PointBuffers transitions', () => {
  it('animates from what is on screen, even when new data arrives mid-transition', () => {
    const a = cloud(4, 0, 0);
    const b = new PointBuffers(a);
    expect(b.progress(0)).toBe(1);
    const moved = { ...a, positions: cloud(4, 10, 0).positions };
    expect(b.update(moved, 1000, true)).toBe(true);
    expect(attr(b, 'aPositionPrev')[0]).toBe(0);
    expect(attr(b, 'position')[0]).toBe(10);
    // Half-way through, positions are retargeted: the new start is the blended position.
    const half = 1000 + TRANSITION_MS / 2;
    const u = b.progress(half);
    expect(u).toBeCloseTo(easeInOutCubic(0.5), 6);
    const again = { ...moved, positions: cloud(4, -10, 0).positions };
    b.update(again, half, true);
    expect(attr(b, 'aPositionPrev')[0]).toBeCloseTo(10 * u, 5);
    expect(b.animating(half + 1)).toBe(true);
    expect(b.progress(half + TRANSITION_MS)).toBe(1);
  });

  it('blends only channels still in motion and applies flags at once', () => {
    const a = cloud(3, 1, 50);
    const b = new PointBuffers(a);
    const recoloured = { ...a, colors: new Uint8Array(12).fill(250) };
    b.update(recoloured, 0, true);
    expect(attr(b, 'aColorPrev')[0]).toBe(50);
    const u = b.progress(TRANSITION_MS / 4);
    const flagged = { ...recoloured, flags: new Uint8Array(3).fill(5) };
    b.update(flagged, TRANSITION_MS / 4, true);
    // Flags alone start no transition: the colour keeps easing from where it was.
    expect(attr(b, 'aColorPrev')[0]).toBe(50);
    expect(b.progress(TRANSITION_MS / 4)).toBe(u);
    expect(attr(b, 'aFlags')[0]).toBe(5);
    expect((b.geometry.getAttribute('aFlags') as THREE.BufferAttribute).gpuType).toBe(THREE.IntType);
  });

  it('snaps without animation and refuses a different count', () => {
    const b = new PointBuffers(cloud(2, 0, 0));
    b.update(cloud(2, 5, 9), 0, false);
    expect(attr(b, 'aPositionPrev')[0]).toBe(5);
    expect(attr(b, 'aColorPrev')[0]).toBe(9);
    expect(b.progress(0)).toBe(1);
    expect(b.update(cloud(3, 0, 0), 0, true)).toBe(false);
  });

  it('rejects malformed data with a coded error', () => {
    const bad = { ...cloud(2, 0, 0), sizes: new Float32Array(3) };
    expect(() => new PointBuffers(bad)).toThrow(PointDataError);
    try {
      new PointBuffers({ ...cloud(2, 0, 0), colors: new Uint8Array(6) });
    } catch (e) {
      expect((e as PointDataError).code).toBe('scene/bad-point-data');
      expect((e as Error).message).toMatch(/colors has length 6, expected 8/);
    }
    expect(() => new PointBuffers({ ...cloud(1, 0, 0), positions: [0, 0, 0] as unknown as Float32Array })).toThrow(/Float32Array/);
  });
});

describe('boundingSphere', () => {
  it('encloses the points (optionally only those passing) and survives empty input', () => {
    const p = new Float32Array([0, 0, 0, 2, 0, 0, 100, 100, 100, NaN, 0, 0]);
    const flags = new Uint8Array([1, 1, 0, 1]);
    const s = boundingSphere(p, 4, flags, true);
    expect(s.center).toEqual([1, 0, 0]);
    expect(s.radius).toBeCloseTo(1, 6);
    expect(boundingSphere(p, 4).radius).toBeGreaterThan(80);
    expect(boundingSphere(new Float32Array(0), 0)).toEqual({ center: [0, 0, 0], radius: 1 });
  });
});
