import { describe, expect, it } from 'vitest';
import { numericSummary } from '../../../client/panels/selection-panel.tsx';
import { compareColumn } from '../../../client/encodings/stats.ts';
import { ingest } from '../../../server/ingest/ingest.ts';
import { asset } from '../ingest/support.ts';

describe('selection panel statistics', async () => {
  const { table } = await ingest(asset('seattle-weather.csv'));
  const n = table.rowCount;
  const rowIndex = Uint32Array.from({ length: n }, (_, i) => i);
  // The selection: every day of 2015 (the last 365 rows).
  const mask = new Uint8Array(n);
  mask.fill(1, n - 365);
  const column = (name: string) => table.columns.find((c) => c.name === name)!.data;

  it('shows dates as the range they cover', () => {
    const c = compareColumn('date', column('date'), rowIndex, mask);
    if (c?.kind !== 'numeric') throw new Error('date should compare as numbers');
    expect(numericSummary(c.selected, c.temporal)).toEqual({ main: '2015-01-01 –\u200b2015-12-31', detail: '' });
    expect(numericSummary(c.rest, c.temporal).main).toBe('2012-01-01 –\u200b2014-12-31');
  });

  it('shows numbers as mean ± standard deviation', () => {
    const c = compareColumn('temp_max', column('temp_max'), rowIndex, mask);
    if (c?.kind !== 'numeric') throw new Error('temp_max should compare as numbers');
    const s = numericSummary(c.selected, c.temporal);
    expect(Number(s.main)).toBeCloseTo(c.selected.mean, 1);
    expect(s.detail).toMatch(/^± \d+(\.\d+)?$/);
    expect(numericSummary({ ...c.selected, count: 0 }, false).main).toBe('—');
  });
});
