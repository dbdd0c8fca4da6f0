import { describe, expect, it } from 'vitest';
import { columnWords, formatAmount, withUnit } from '../../../shared/column-units.ts';

/** The one copy of units-from-names both the server's paragraphs and the client's lists read. */
describe('column units', () => {
  it('reads the unit from a bracket or a suffix, and none from other names', () => {
    expect(columnWords('Flipper Length (mm)')).toEqual({ label: 'flipper length', unit: 'mm' });
    expect(columnWords('flipper_length_mm')).toEqual({ label: 'flipper length', unit: 'mm' });
    expect(columnWords('price [usd]')).toEqual({ label: 'price', unit: 'USD' });
    expect(columnWords('Alcohol')).toEqual({ label: 'alcohol' });
  });

  it('writes a unit after a figure, % without a space, nothing when there is none', () => {
    expect(withUnit('5,076', 'g')).toBe('5,076 g');
    expect(withUnit('12.5', '%')).toBe('12.5%');
    expect(withUnit('13.7', undefined)).toBe('13.7');
    expect(formatAmount(5076.2, 'g')).toBe('5,076 g');
    expect(formatAmount(Date.UTC(2015, 5, 2), undefined, 'datetime')).toBe('2015-06-02');
  });
});
