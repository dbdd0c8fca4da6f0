import { describe, expect, it } from 'vitest';
import { chosenValues, setLevels, toggledValues } from '../../../client/encodings/set-levels.ts';

describe('a set filter’s values (the desktop checklist and the VR panel’s chips)', () => {
  const column = { type: 'category' as const, codes: new Int32Array([0, 1, 1, -1, 2, 1, 0]), dictionary: ['Biscoe', 'Dream', 'Torgersen'] };
  const ctx = { count: 7, rowIndex: Uint32Array.from([0, 1, 2, 3, 4, 5, 6]) };

  it('lists the column’s values most common first, missing last, with counts in all and among a subset', () => {
    const subset = Uint8Array.from([1, 1, 0, 1, 0, 0, 1]);
    expect(setLevels(column, ctx, subset)).toEqual([
      { value: 'Dream', label: 'Dream', count: 3, within: 1 },
      { value: 'Biscoe', label: 'Biscoe', count: 2, within: 2 },
      { value: 'Torgersen', label: 'Torgersen', count: 1, within: 0 },
      { value: null, label: '(missing)', count: 1, within: 1 },
    ]);
    expect(setLevels({ type: 'number', values: new Float64Array(7) }, ctx, null)).toBeNull();
    expect(setLevels(undefined, ctx, null)).toBeNull();
  });

  it('a toggle takes a kept value out and puts a dropped one back (missing included), as labels', () => {
    expect(toggledValues(['Biscoe', 'Dream', null], 'Dream')).toEqual(['Biscoe', null]);
    expect(toggledValues(['Biscoe'], null)).toEqual(['Biscoe', null]);
    expect(toggledValues([true, false], 'true')).toEqual(['false']);
    expect(chosenValues([1, null, 'x'])).toEqual(new Set(['1', null, 'x']));
  });
});
