import { describe, expect, it } from 'vitest';
import { describeAnomalies } from '../../../server/analysis/explain/describe-anomalies.ts';
import { describeClusters } from '../../../server/analysis/explain/describe-clusters.ts';
import { prepareFeatures } from '../../../server/analysis/prepare/index.ts';
import { analysisParamsSchema } from '../../../shared/analysis-params.ts';
import { isMissing, type Table } from '../../../shared/table.ts';
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
    // A row with every value present (the analysis keeps it).
    const row = Array.from({ length: table.rowCount }, (_, r) => r).find((r) => r >= 10 && table.columns.every((c) => !isMissing(c.data, r)))!;
    values[row] = 12_000;
    const columns = table.columns.map((c) => (c === mass ? { ...c, data: { type: 'number' as const, values } } : c));
    const prepared = prepareFeatures({ rowCount: table.rowCount, columns }, analysisParamsSchema.parse({}));
    const point = prepared.rowIndex.indexOf(row);
    expect(point).toBeGreaterThanOrEqual(0);
    const scores = new Float32Array(prepared.matrix.rows).fill(0.1);
    scores[point] = 0.9;
    const flags = new Uint8Array(prepared.matrix.rows);
    flags[point] = 1;
    const [top] = describeAnomalies(columns, prepared.rowIndex, scores, flags, prepared.matrix, 5);
    expect(top.rowIndex).toBe(row);
    expect(top.reasons[0]).toMatchObject({ column: 'Body Mass (g)', value: 12_000 });
    expect(top.reasons[0].z!).toBeGreaterThan(5);
    expect(top.reasons[0].text).toMatch(/^body mass 12,000 g vs 4,\d{3} g typically \(z = \d+\.\d\)$/);
    // Its typical neighbours: three unflagged rows, nearest first, none of them itself.
    expect(top.typical).toHaveLength(3);
    expect(top.typical.map((t) => t.rowIndex)).not.toContain(row);
    expect(top.typical[0].distance).toBeLessThanOrEqual(top.typical[2].distance);
  });
});
