import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { generateLabCloud } from '../../../client/scene-lab/lab-data.ts';
import { MotionBudget, shuffledOrder } from '../../../client/scene/motion-budget.ts';
import { buildPickIndex } from '../../../client/scene/pick-index.ts';
import { maxOf } from '../../../client/scene/pick-screen.ts';
import { RayPicker } from '../../../client/scene/pick-ray.ts';

describe('standing point budget (VR)', () => {
  it('draws the first `standing` of the seeded order whether or not the camera moves', () => {
    const geometry = new THREE.BufferGeometry();
    const camera = new THREE.PerspectiveCamera();
    const m = new MotionBudget();
    m.standing = 300;
    m.update(geometry, 1000, camera, 0);
    expect(geometry.drawRange.count).toBe(300);
    // At rest long after the last move: still the budget.
    expect(m.update(geometry, 1000, camera, 10_000)).toBe(false);
    expect(geometry.drawRange.count).toBe(300);
    expect(m.limit).toBe(300);
    expect(Array.from(geometry.index!.array)).toEqual(Array.from(shuffledOrder(1000)));
  });

  it('takes the smaller of the motion and standing budgets while moving', () => {
    const geometry = new THREE.BufferGeometry();
    const camera = new THREE.PerspectiveCamera();
    const m = new MotionBudget();
    m.standing = 300;
    m.budget = 100;
    camera.position.set(1, 0, 0);
    camera.updateMatrixWorld();
    expect(m.update(geometry, 1000, camera, 0)).toBe(true);
    expect(geometry.drawRange.count).toBe(100);
  });

  it('ranks each point by its place in the drawn order, and draws all of a cloud under the budget', () => {
    const geometry = new THREE.BufferGeometry();
    const m = new MotionBudget();
    m.standing = 300;
    m.update(geometry, 1000, new THREE.PerspectiveCamera(), 0);
    const order = shuffledOrder(1000);
    const rank = m.rank()!;
    for (let r = 0; r < 1000; r++) expect(rank[order[r]]).toBe(r);
    expect(m.rank()).toBe(rank);
    const small = new MotionBudget();
    small.standing = 5000;
    small.update(new THREE.BufferGeometry(), 1000, new THREE.PerspectiveCamera(), 0);
    expect(small.limit).toBe(Infinity);
    expect(small.rank()).toBeNull();
  });

  it('the ray picks only drawn points', () => {
    const { data } = generateLabCloud(20_000, 4);
    const index = buildPickIndex(data.positions, data.count);
    const options = { pointSize: 0.1, maxSize: maxOf(data.sizes), toleranceRad: 0.01, filterMode: 'fade' as const };
    const m = new MotionBudget();
    m.standing = 2000;
    m.update(new THREE.BufferGeometry(), data.count, new THREE.PerspectiveCamera(), 0);
    const rank = m.rank()!;
    const picker = new RayPicker();
    let hits = 0;
    let differs = 0;
    // Rays from far out through points of the cloud: with the budget, every hit is a drawn point.
    for (let i = 0; i < data.count; i += 997) {
      const target = [data.positions[3 * i], data.positions[3 * i + 1], data.positions[3 * i + 2]] as const;
      const origin = [target[0] + 10, target[1] + 3, target[2] + 10] as const;
      const len = Math.hypot(target[0] - origin[0], target[1] - origin[1], target[2] - origin[2]);
      const dir = [(target[0] - origin[0]) / len, (target[1] - origin[1]) / len, (target[2] - origin[2]) / len] as const;
      const all = picker.pick(index, data.sizes, data.flags, origin, dir, options)?.index;
      const drawn = picker.pick(index, data.sizes, data.flags, origin, dir, { ...options, drawnRank: rank, drawnLimit: m.limit })?.index;
      if (drawn !== undefined) {
        hits++;
        expect(rank[drawn]).toBeLessThan(2000);
      }
      if (all !== drawn) differs++;
    }
    expect(hits).toBeGreaterThan(0);
    // Most first hits in a 20k cloud are not among the 2k drawn: the budget changes the answer.
    expect(differs).toBeGreaterThan(0);
  });
});
