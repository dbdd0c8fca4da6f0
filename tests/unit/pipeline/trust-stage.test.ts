import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../server/analysis/matrix.ts';
import { trustworthiness } from '../../../server/analysis/quality/trustworthiness.ts';
import { trustMeasurement } from '../../../server/analysis/stages/trust-stage.ts';
import { createRandom } from '../../../shared/random.ts';

describe('trust stage', () => {
  it('measures a 50k-point layout on the helper thread, with the figure of a measurement in place, and says it sampled', () => {
    const n = 50_000;
    const random = createRandom(5);
    const features = createMatrix(n, 3);
    for (let i = 0; i < features.data.length; i++) features.data[i] = random();
    // The points themselves, slightly perturbed: a few neighbours change places.
    const positions = new Float32Array(n * 3);
    for (let i = 0; i < n * 3; i++) positions[i] = features.data[i] + 0.005 * random();
    const trust = trustMeasurement(n);
    trust.start(features, positions, 9);
    const measured = trust.finish()!;
    const inPlace = trustworthiness(features, { rows: n, cols: 3, data: positions }, 10, { sample: 2000, seed: 9 });
    expect(measured.trustworthiness).toEqual({ k: 10, value: inPlace, sampledPoints: 2000 });
    expect(inPlace).toBeGreaterThan(0.9);
    expect(inPlace).toBeLessThan(1);
    expect(measured.notes.map((note) => note.text)).toEqual([
      `Trustworthiness ${inPlace.toFixed(3)} (k = 10) was measured on 2,000 randomly chosen points of 50,000, each against all points.`,
    ]);
  });

  it('measures every point of a small table, with no note', () => {
    const features = createMatrix(40, 2);
    for (let i = 0; i < 80; i++) features.data[i] = (i * 7919) % 97;
    const positions = new Float32Array(120);
    for (let i = 0; i < 40; i++) positions.set([features.data[2 * i], features.data[2 * i + 1], 0], 3 * i);
    const trust = trustMeasurement(40);
    trust.start(features, positions, 1);
    expect(trust.finish()).toEqual({ trustworthiness: { k: 10, value: 1, sampledPoints: 40 }, notes: [] });
  });
});
