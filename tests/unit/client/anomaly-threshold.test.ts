import { describe, expect, it } from 'vitest';
import { flaggedThreshold } from '../../../client/encodings/anomaly-threshold.ts';

describe('the anomaly filter default', () => {
  it('starts at the lowest flagged score, so the flagged points and only they pass', () => {
    const scores = new Float32Array([0.1, 0.93, 0.4, 0.71, 0.69, 0.88]);
    const flags = new Uint8Array([0, 1, 0, 1, 0, 1]);
    const t = flaggedThreshold(scores, flags)!;
    expect(t).toBeCloseTo(0.71, 6);
    expect(Array.from(scores, (s) => (s >= t ? 1 : 0))).toEqual(Array.from(flags));
    expect(flaggedThreshold(scores, new Uint8Array(6))).toBeNull();
  });
});
