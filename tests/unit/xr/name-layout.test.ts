import { describe, expect, it } from 'vitest';
import { NAME_NEAR_M, NAME_PLATE_ANGLE, NAME_TEXT_FRACTION, NameLayout } from '../../../client/xr/name-layout.ts';

const shown = (l: NameLayout) => [...l.shown];

describe('cluster names in the headset', () => {
  it('keep a constant visual angle, the text at least 1° at any distance', () => {
    const l = new NameLayout(2);
    l.update([0, 0, -1, 3, 0, -8], [4, 4]);
    expect(shown(l)).toEqual([1, 1]);
    for (const [i, d] of [[0, 1], [1, Math.hypot(3, 8)]] as const) {
      const angle = 2 * Math.atan(l.height[i] / 2 / d);
      expect(angle).toBeCloseTo(NAME_PLATE_ANGLE, 6);
      expect((angle * NAME_TEXT_FRACTION * 180) / Math.PI).toBeGreaterThanOrEqual(1);
    }
  });

  it('hide a name too close to the head or out of sight behind it', () => {
    const l = new NameLayout(3);
    l.update([0, 0, -(NAME_NEAR_M * 0.8), 0, 0, 2, 2, 0, -3], [3, 3, 3]);
    expect(shown(l)).toEqual([0, 0, 1]);
  });

  it('hide a later name that would overlap an earlier one from the head, whatever their depths', () => {
    const l = new NameLayout(3);
    // Two names on one line of sight (one behind the other), and one well to the side.
    l.update([0, 0, -2, 0.05, 0.02, -5, -1.5, 0, -2], [4, 4, 4]);
    expect(shown(l)).toEqual([1, 0, 1]);
  });

  it('show both names once they are apart by more than their sizes in view', () => {
    const l = new NameLayout(2);
    // At 2 m a plate is ≈ 0.087 m tall: 0.2 m above the other is clear of it.
    l.update([0, 0, -2, 0, 0.2, -2], [4, 4]);
    expect(shown(l)).toEqual([1, 1]);
    l.update([0, 0, -2, 0, 0.05, -2], [4, 4]);
    expect(shown(l)).toEqual([1, 0]);
  });

  it('hide a name behind a UI surface (the panel) from the head, never one in front of it or beside it', () => {
    const l = new NameLayout(3);
    // A surface 0.4 m wide and tall, 1.5 m ahead; names behind it, in front of it, and well to the side.
    const surface = [-0.2 / 1.5, -0.2 / 1.5, 0.2 / 1.5, 0.2 / 1.5, 1.5];
    const names = [0.1, 0, -3, 0.05, 0, -0.8, -2.5, 0, -3];
    l.update(names, [4, 4, 4], surface);
    expect(shown(l)).toEqual([0, 1, 1]);
    // Without it the first name shows, and the second, over it in view, gives way.
    l.update(names, [4, 4, 4]);
    expect(shown(l)).toEqual([1, 0, 1]);
  });
});
