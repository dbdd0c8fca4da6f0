import { describe, expect, it } from 'vitest';
import { PointFlag } from '../../../shared/scene/flags.ts';
import { buildPickIndex } from '../../../client/scene/pick-index.ts';
import { visitSphere } from '../../../client/scene/pick-sphere.ts';

/** A seeded cloud: clumps and a uniform background, some points filtered out. */
function cloud(n: number, seed: number) {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const positions = new Float32Array(n * 3);
  const flags = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const clump = i % 3 === 0 ? 0 : 5;
    for (let k = 0; k < 3; k++) positions[i * 3 + k] = clump + (rand() - 0.5) * (i % 2 ? 2 : 12);
    flags[i] = rand() < 0.8 ? PointFlag.PassesFilter : 0;
  }
  return { positions, flags };
}

describe('points in a sphere through the pick index', () => {
  it('finds exactly the passing points within the radius, as a scan does', () => {
    const n = 20_000;
    const { positions, flags } = cloud(n, 7);
    const index = buildPickIndex(positions, n);
    for (const [cx, cy, cz, r] of [
      [0, 0, 0, 0.5],
      [5, 5, 5, 1.2],
      [2.5, 2.5, 2.5, 3],
      [40, 0, 0, 1],
    ]) {
      const found: number[] = [];
      visitSphere(index, flags, cx, cy, cz, r, (i) => found.push(i));
      const expected: number[] = [];
      for (let i = 0; i < n; i++) {
        const d = Math.hypot(positions[i * 3] - cx, positions[i * 3 + 1] - cy, positions[i * 3 + 2] - cz);
        if (d <= r && flags[i] & PointFlag.PassesFilter) expected.push(i);
      }
      expect(found.sort((a, b) => a - b)).toEqual(expected);
    }
  });
  it('visits nothing for an empty cloud or a zero radius', () => {
    const index = buildPickIndex(new Float32Array(0), 0);
    let calls = 0;
    visitSphere(index, new Uint8Array(0), 0, 0, 0, 1, () => calls++);
    const one = buildPickIndex(Float32Array.of(0, 0, 0), 1);
    visitSphere(one, Uint8Array.of(PointFlag.PassesFilter), 0, 0, 0, 0, () => calls++);
    expect(calls).toBe(0);
  });
});
