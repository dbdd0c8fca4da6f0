import { describe, expect, it } from 'vitest';
import { formatMoment, timeColumns, windowChoices } from '../../../client/session/playback-actions.ts';
import type { ColumnDescription } from '../../../shared/api-types.ts';

const column = (name: string, type: ColumnDescription['type']): ColumnDescription => ({ name, type, identifier: false, missing: 0, distinct: 10 });

describe('timeline choices', () => {
  it('offers date columns and numbers named like a year, nothing else', () => {
    const columns = [column('date', 'datetime'), column('Year', 'number'), column('year_built', 'number'), column('yearly_total', 'number'), column('Birth yr', 'number'), column('temp', 'number'), column('label', 'category')];
    expect(timeColumns(columns).map((c) => c.name)).toEqual(['date', 'Year', 'year_built', 'Birth yr']);
  });

  it('reads a moment as a UTC date or a year, and nothing for a moment no date has', () => {
    expect(formatMoment(Date.UTC(2014, 6, 1, 23, 59), 'datetime')).toBe('2014-07-01');
    expect(formatMoment(1987.6, 'number')).toBe('1987');
    expect(formatMoment(-Number.MAX_VALUE, 'datetime')).toBe('');
    expect(formatMoment(Number.NaN, 'number')).toBe('');
  });

  it('offers windows in the column units, ending with everything so far', () => {
    expect(windowChoices('datetime').map((w) => w.label)).toEqual(['1 week', '30 days', '3 months', '1 year', 'everything so far']);
    expect(windowChoices('datetime')[1].value).toBe(30 * 86_400_000);
    expect(windowChoices('number').map((w) => w.value)).toEqual([1, 5, 10, null]);
  });
});
