import { describe, expect, it } from 'vitest';
import { neighbourAgreement } from '../../../server/analysis/quality/neighbour-agreement.ts';
import { createMatrix } from '../../../server/analysis/matrix.ts';
import { createRandom, randomInt, randomNormal } from '../../../shared/random.ts';

/** n points in `islands` tight 3D blobs far apart, and each point's island. */
function islands(n: number, count: number) {
  const random = createRandom(5);
  const x = createMatrix(n, 3);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % count;
    for (let t = 0; t < 3; t++) x.data[i * 3 + t] = 20 * (t === labels[i] % 3 ? Math.floor(labels[i] / 3) + 1 : 0) + 0.3 * randomNormal(random);
  }
  return { x, labels, random };
}

describe('neighbour agreement of a labelling with a layout', () => {
  it('is 1 when each island is one colour, about 1/c for colours that ignore the islands', () => {
    const { x, labels, random } = islands(3000, 6);
    expect(neighbourAgreement(x, labels)).toBe(1);
    const speckled = Int32Array.from(labels, () => randomInt(random, 4));
    expect(neighbourAgreement(x, speckled)).toBeGreaterThan(0.2);
    expect(neighbourAgreement(x, speckled)).toBeLessThan(0.3);
  });

  it('drops as a colour cuts an island in two, samples reproducibly, and rejects mismatched labels', () => {
    const { x, labels } = islands(3000, 6);
    // Island 0 split in halves by one axis: only points near the cut see the other colour.
    const cut = Int32Array.from(labels, (l, i) => (l === 0 && x.data[i * 3 + 1] > 0 ? 6 : l));
    const value = neighbourAgreement(x, cut);
    expect(value).toBeLessThan(1);
    expect(value).toBeGreaterThan(0.9);
    expect(neighbourAgreement(x, cut, { sample: 500, seed: 2 })).toBe(neighbourAgreement(x, cut, { sample: 500, seed: 2 }));
    expect(() => neighbourAgreement(x, new Int32Array(10))).toThrow(/labels/);
  });
});
