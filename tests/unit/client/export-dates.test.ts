import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { rowsToCsv } from '../../../client/session/export-rows.ts';

describe('CSV export of datetimes', () => {
  it('writes midnight-UTC datetime columns as plain dates, other datetimes without zero milliseconds', () => {
    const rows = [
      { date: '2012-01-01T00:00:00.000Z', at: '2012-01-01T00:00:00.000Z', ms: '2012-01-01T10:00:00.250Z', label: '2012-01-01T00:00:00.000Z' },
      { date: '2012-01-02T00:00:00.000Z', at: '2012-01-02T13:45:07.000Z', ms: '2012-01-02T00:00:00.000Z', label: 'not a date' },
      { date: null, at: null, ms: null, label: null },
    ];
    const parsed = Papa.parse<Record<string, string>>(rowsToCsv(rows), { header: true }).data;
    expect(parsed.map((r) => r.date)).toEqual(['2012-01-01', '2012-01-02', '']);
    // One value has a time of day: the whole column keeps times, so it never mixes shapes.
    expect(parsed.map((r) => r.at)).toEqual(['2012-01-01T00:00:00Z', '2012-01-02T13:45:07Z', '']);
    // Milliseconds that carry information stay.
    expect(parsed.map((r) => r.ms)).toEqual(['2012-01-01T10:00:00.250Z', '2012-01-02T00:00:00.000Z', '']);
    // A text column that merely contains one ISO string is left alone.
    expect(parsed[0].label).toBe('2012-01-01T00:00:00.000Z');
    for (const r of parsed.slice(0, 2)) expect(Date.parse(r.at)).not.toBeNaN();
  });
});
