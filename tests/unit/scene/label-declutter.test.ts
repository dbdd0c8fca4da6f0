import { describe, expect, it } from 'vitest';
import { placeLabels } from '../../../client/scene/label-declutter.ts';

const box = (x: number, y: number, w = 100, h = 20) => ({ x0: x, y0: y, x1: x + w, y1: y + h });
/** Above, below and higher than an anchor at (x, y), like the scene's slots. */
const slots = (x: number, y: number) => [box(x, y - 20), box(x, y + 5), box(x, y - 45)];

describe('cluster name placement', () => {
  it('gives the most important name its first slot and moves the next one aside', () => {
    // Same anchor: the second goes below. A third at the same spot goes higher. A fourth finds
    // nothing free and is not drawn; one off screen (no slots) neither.
    expect(placeLabels([slots(0, 100), slots(0, 100), slots(0, 100), slots(0, 100), [], slots(500, 100)])).toEqual([0, 1, 2, -1, -1, 0]);
  });

  it('keeps names that overlap nothing where they prefer, and respects the gap', () => {
    expect(placeLabels([slots(0, 100), slots(300, 100)])).toEqual([0, 0]);
    expect(placeLabels([[box(0, 0)], [box(102, 0)]])).toEqual([0, -1]);
    expect(placeLabels([[box(0, 0)], [box(102, 0)]], 0)).toEqual([0, 0]);
  });
});
