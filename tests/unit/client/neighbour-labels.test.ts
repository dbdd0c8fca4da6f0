import { describe, expect, it } from 'vitest';
import { cellText, differenceText, labelColumnOf, largestDifferences } from '../../../client/session/use-neighbours.ts';
import type { ColumnData, Table } from '../../../shared/table.ts';
import { loadAsset } from '../../support/assets.ts';

const candidates = (t: Table) => t.columns.map((c) => ({ name: c.name, type: c.data.type, identifier: c.identifier }));
const byName = (t: Table) => new Map<string, ColumnData>(t.columns.map((c) => [c.name, c.data]));

/** Sample standard deviation of a number column (what z-score features are scaled by). */
function std(data: ColumnData): number {
  if (data.type !== 'number') throw new Error('not numeric');
  const v = Array.from(data.values).filter((x) => !Number.isNaN(x));
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  return Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1));
}

describe('neighbour labels', async () => {
  const cars = await loadAsset('cars');
  const penguins = await loadAsset('penguins');
  const seattle = await loadAsset('seattle');
  const iris = await loadAsset('iris');

  it('name rows by an identifier, else the first text, category or date column', () => {
    expect(labelColumnOf(candidates(cars))).toBe('Name');
    expect(labelColumnOf(candidates(penguins))).toBe('Species');
    expect(labelColumnOf(candidates(seattle))).toBe('date');
    expect(labelColumnOf(candidates(iris))).toBe('species');
    expect(labelColumnOf([{ name: 'x', type: 'number', identifier: false }])).toBeNull();
    expect(labelColumnOf([{ name: 'x', type: 'category', identifier: false }, { name: 'id', type: 'number', identifier: true }])).toBe('id');
  });

  it('show label cells as short text', () => {
    expect(cellText(byName(cars).get('Name')!, 0)).toBe('chevrolet chevelle malibu');
    expect(cellText(byName(seattle).get('date')!, 0)).toBe('2012-01-01');
    expect(cellText(byName(penguins).get('Species')!, 0)).toBe('Adelie');
  });

  it('rank differing features in the scale the analysis used, not raw units', () => {
    const columns = byName(cars);
    const numeric = ['Miles_per_Gallon', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration'];
    const features = numeric.map((column) => ({ column, scale: std(columns.get(column)!) }));
    // chevrolet chevelle malibu (row 0) vs buick skylark 320 (row 1): +35 hp is ~0.9 std, +189 lbs only ~0.2.
    const diffs = largestDifferences(features, columns, 0, 1);
    expect(diffs.map(differenceText)).toEqual(['Horsepower 165 (+35)', 'Displacement 350 (+43)']);
    expect(diffs[0].weight).toBeCloseTo(35 / std(columns.get('Horsepower')!), 6);
    // Unscaled, the weight difference would win: the scale is what makes the ranking.
    const raw = largestDifferences(numeric.map((column) => ({ column })), columns, 0, 1);
    expect(raw[0].column).toBe('Weight_in_lbs');
    expect(largestDifferences(features, columns, 0, 0)).toEqual([]);
  });

  it('count a different category as one unit and skip missing values', () => {
    const columns = byName(penguins);
    const island = columns.get('Island')!;
    const mass = columns.get('Body Mass (g)')!;
    if (island.type !== 'category' || mass.type !== 'number') throw new Error('unexpected types');
    const a = 0;
    const b = Array.from(island.codes).findIndex((c, r) => c !== island.codes[a] && mass.values[r] === mass.values[a]);
    expect(b).toBeGreaterThan(0);
    const features = [{ column: 'Island' }, { column: 'Body Mass (g)', scale: std(mass) }];
    expect(largestDifferences(features, columns, a, b).map(differenceText)).toEqual([`Island ${island.dictionary[island.codes[b]]}`]);
    const missing = Array.from(mass.values).findIndex((v) => Number.isNaN(v));
    expect(largestDifferences([{ column: 'Body Mass (g)', scale: std(mass) }], columns, a, missing)).toEqual([]);
  });
});
