import { describe, expect, it } from 'vitest';
import { columnSpan, stepBound } from '../../../client/xr/filter-steps.ts';

describe('range filter steps on the VR panel', () => {
  it('+ on an unset min raises it a twentieth of the range; − back to the end clears it', () => {
    const up = stepBound('min', 1, { min: null, max: null }, 0, 100);
    expect(up).toEqual({ min: 5, max: null });
    expect(stepBound('min', -1, up, 0, 100)).toEqual({ min: null, max: null });
  });

  it('− on max lowers it; bounds never cross or leave the column', () => {
    expect(stepBound('max', -1, { min: null, max: null }, 10, 30)).toEqual({ min: null, max: 29 });
    expect(stepBound('max', -1, { min: 29.5, max: 30 }, 10, 30)).toEqual({ min: 29.5, max: 29.5 });
    expect(stepBound('min', -1, { min: 10.5, max: null }, 10, 30)).toEqual({ min: null, max: null });
  });

  it('the column span skips missing values and follows the row order', () => {
    expect(columnSpan(Float64Array.from([5, NaN, -2, 9]), [0, 1, 2], 3)).toEqual([-2, 5]);
    expect(columnSpan(Float64Array.from([NaN]), [0], 1)).toBeNull();
  });
});
