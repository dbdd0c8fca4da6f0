import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { MotionBudget, SETTLE_MS, shuffledOrder } from '../../../client/scene/motion-budget.ts';

describe('MotionBudget', () => {
  it('shuffles every index exactly once, the same way for the same seed', () => {
    const order = shuffledOrder(10_000);
    expect(new Set(order).size).toBe(10_000);
    expect(Math.max(...order)).toBe(9999);
    expect(shuffledOrder(10_000)).toEqual(order);
    // A random subset, not the first rows: the first 1000 entries span the whole range.
    const head = Array.from(order.subarray(0, 1000));
    expect(head.filter((i) => i >= 5000).length).toBeGreaterThan(400);
  });

  it('draws the budget while the camera moves and everything once it rests', () => {
    const geometry = new THREE.BufferGeometry();
    const camera = new THREE.PerspectiveCamera();
    const m = new MotionBudget();
    m.budget = 100;
    camera.position.set(0, 0, 5);
    camera.updateMatrixWorld();
    expect(m.update(geometry, 1000, camera, 0)).toBe(true);
    expect(geometry.index?.count).toBe(1000);
    expect(geometry.drawRange.count).toBe(100);
    expect(m.update(geometry, 1000, camera, SETTLE_MS + 1)).toBe(false);
    expect(geometry.drawRange.count).toBe(Infinity);
    camera.position.set(1, 2, 3);
    camera.updateMatrixWorld();
    expect(m.update(geometry, 1000, camera, 1000)).toBe(true);
    expect(geometry.drawRange.count).toBe(100);
  });

  it('leaves small clouds alone', () => {
    const geometry = new THREE.BufferGeometry();
    const m = new MotionBudget();
    m.budget = 5000;
    expect(m.update(geometry, 1000, new THREE.PerspectiveCamera(), 0)).toBe(false);
    expect(geometry.index).toBeNull();
    expect(geometry.drawRange.count).toBe(Infinity);
  });
});
