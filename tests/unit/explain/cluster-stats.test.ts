import { describe, expect, it } from 'vitest';
import { clusterStatsTable, columnStats } from '../../../server/analysis/explain/cluster-stats.ts';
import type { Column, ColumnData } from '../../../shared/table.ts';
import { createRandom } from '../../../shared/random.ts';

const column = (name: string, data: ColumnData): Column => ({ name, identifier: false, data }) as Column;

describe('the per-cluster statistics table', () => {
  it('gives every group, all rows included, the statistics of its own rows: missing values, -0 and ties, noise', () => {
    const random = createRandom(4);
    const n = 5_000;
    // Coarse values (many ties), a few -0 beside +0, some missing; a date column; a category.
    const numbers = Float64Array.from({ length: n }, (_, i) => (i % 97 === 0 ? Number.NaN : i % 31 === 0 ? -0 : Math.round(random() * 40) - 20));
    const dates = Float64Array.from({ length: n }, (_, i) => (i % 50 === 0 ? Number.NaN : Date.UTC(2024, 0, 1) + Math.floor(random() * 365) * 86_400_000));
    // All zeros, +0 on even rows and -0 on odd ones: what a sort puts first shows in min and quartiles.
    const zeros = Float64Array.from({ length: n }, (_, i) => (i % 2 === 1 ? -0 : 0));
    const codes = Int32Array.from({ length: n }, (_, i) => (i % 13 === 0 ? -1 : i % 3));
    const columns = [
      column('value', { type: 'number', values: numbers }),
      column('day', { type: 'datetime', values: dates }),
      column('zero', { type: 'number', values: zeros }),
      column('kind', { type: 'category', codes, dictionary: ['a', 'b', 'c'] }),
    ];
    // Analysed rows: every row but the first ten, in an order of their own; clusters 0..3 and noise.
    const rowIndex = Uint32Array.from({ length: n - 10 }, (_, p) => n - 1 - p);
    const labels = Int32Array.from(rowIndex, (r) => (r % 11 === 0 ? -1 : r % 4));
    const table = clusterStatsTable(columns, rowIndex, labels, ['A', 'B', 'C', 'D']);

    expect(table.groups.map((g) => [g.cluster, g.label])).toEqual([[null, 'All rows'], [0, 'A'], [1, 'B'], [2, 'C'], [3, 'D'], [-1, 'Noise']]);
    const rowsOf = (cluster: number | null) => rowIndex.filter((_, p) => cluster === null || (cluster === -1 ? labels[p] < 0 : labels[p] === cluster));
    for (const group of table.groups) {
      const rows = rowsOf(group.cluster);
      expect(group.size).toBe(rows.length);
      // Each group measured on its own (its own sort), to the last bit and the sign of zero.
      expect(group.stats).toEqual(columns.map((c) => columnStats(c.data, rows)));
    }
    const all = table.groups[0].stats[0];
    expect(all.count! + all.missing!).toBe(n - 10);
    expect(all.min).toBe(-20);
    expect(all.max).toBe(20);
    expect(all.median).toBe(0);
    expect(Object.is(table.groups[0].stats[2].min, -0)).toBe(true);
  });
});
