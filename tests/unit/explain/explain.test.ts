import { describe, expect, it } from 'vitest';
import { describeAnomalies } from '../../../server/analysis/explain/describe-anomalies.ts';
import { describeClusters } from '../../../server/analysis/explain/describe-clusters.ts';
import type { Table } from '../../../shared/table.ts';
import { loadAsset } from '../../support/assets.ts';

describe('cluster and anomaly explanations on penguins', async () => {
  const table: Table = await loadAsset('penguins');
  const species = table.columns.find((c) => c.name === 'Species')!.data;
  if (species.type !== 'category') throw new Error('Species should be a category');
  const rowIndex = Uint32Array.from({ length: table.rowCount }, (_, i) => i);
  // Use the true species as the clusters: the explanation must name what biologists know.
  const labels = Int32Array.from(species.codes);
  const clusters = describeClusters(table.columns, rowIndex, labels, species.dictionary.length);

  it('labels each species cluster by its species and its most distinctive measurement', () => {
    const gentoo = clusters[species.dictionary.indexOf('Gentoo')];
    expect(gentoo.label).toMatch(/^Gentoo/);
    expect(gentoo.traits).toContainEqual(expect.objectContaining({ column: 'Flipper Length (mm)', kind: 'higher' }));
    const adelie = clusters[species.dictionary.indexOf('Adelie')];
    expect(adelie.traits).toContainEqual(expect.objectContaining({ column: 'Beak Length (mm)', kind: 'lower' }));
    const chinstrap = clusters[species.dictionary.indexOf('Chinstrap')];
    // Chinstraps all live on Dream island.
    expect(chinstrap.traits).toContainEqual(expect.objectContaining({ column: 'Island', kind: 'mostly', value: 'Dream' }));
    expect(clusters.reduce((s, c) => s + c.size, 0)).toBe(table.rowCount);
  });

  it('names the column when a category value alone would be ambiguous', () => {
    const level = (codes: number[]) => ({ type: 'category' as const, codes: Int32Array.from(codes), dictionary: ['level-1', 'level-2'] });
    const columns = [
      { name: 'a', identifier: false, data: level([1, 1, 1, 0, 0, 0]) },
      { name: 'b', identifier: false, data: level([1, 1, 1, 0, 0, 0]) },
    ];
    const [first] = describeClusters(columns, Uint32Array.from([0, 1, 2, 3, 4, 5]), Int32Array.from([0, 0, 0, 1, 1, 1]), 2);
    expect(first.label).toBe('a = level-2 · b = level-2');
  });

  it('names the extreme values that make a planted anomaly stand out', () => {
    const mass = table.columns.find((c) => c.name === 'Body Mass (g)')!;
    if (mass.data.type !== 'number') throw new Error('Body Mass should be a number');
    const values = Float64Array.from(mass.data.values);
    values[10] = 12_000;
    const columns = table.columns.map((c) => (c === mass ? { ...c, data: { type: 'number' as const, values } } : c));
    const scores = new Float32Array(table.rowCount).fill(0.1);
    scores[10] = 0.9;
    const [top] = describeAnomalies(columns, rowIndex, scores, 5);
    expect(top.rowIndex).toBe(10);
    expect(top.reasons[0]).toMatchObject({ column: 'Body Mass (g)', value: 12_000 });
    expect(top.reasons[0].z!).toBeGreaterThan(5);
  });
});
