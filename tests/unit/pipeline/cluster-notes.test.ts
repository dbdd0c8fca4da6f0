import { describe, expect, it } from 'vitest';
import { ordinal } from '../../../server/analysis/stages/cluster-notes.ts';

describe('cluster notes', () => {
  it('writes ordinals as people read them', () => {
    const cases: Array<[number, string]> = [[1, '1st'], [2, '2nd'], [3, '3rd'], [4, '4th'], [11, '11th'], [12, '12th'], [13, '13th'], [16, '16th'], [21, '21st'], [22, '22nd'], [23, '23rd'], [111, '111th'], [102, '102nd']];
    for (const [n, text] of cases) expect(ordinal(n)).toBe(text);
  });
});
