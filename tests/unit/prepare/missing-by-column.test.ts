import { describe, expect, it } from 'vitest';
import { analysisParamsSchema } from '../../../shared/analysis-params.ts';
import { prepareFeatures } from '../../../server/analysis/prepare/index.ts';
import { loadAsset } from '../../support/assets.ts';
import { penguinRows } from '../../support/planted-penguins.ts';

const FEATURES = ['Beak Length (mm)', 'Flipper Length (mm)', 'Body Mass (g)', 'Sex'];
const isMissing = (v: unknown) => v === null || v === undefined || v === '.';
const missingIn = (column: string) => penguinRows().filter((r) => isMissing(r[column])).length;

describe('what the prepare stage did about missing values, per column', () => {
  it('drop: each feature column with missing values and the rows it made drop', async () => {
    const prepared = prepareFeatures(await loadAsset('penguins'), analysisParamsSchema.parse({ features: FEATURES }));
    const expected = FEATURES.map((column) => ({ column, droppedRows: missingIn(column), imputedCells: 0 }));
    expect(prepared.missingByColumn).toEqual(expected);
    expect(expected.map((e) => e.droppedRows)).toEqual([2, 2, 2, 11]);
    // Two rows miss every measurement and the sex too: they count for each column, once in the total.
    expect(prepared.droppedRows).toBe(11);
  });

  it('impute: the cells filled per column add up to the total', async () => {
    const prepared = prepareFeatures(await loadAsset('penguins'), analysisParamsSchema.parse({ features: FEATURES, missing: 'impute' }));
    expect(prepared.missingByColumn).toEqual(FEATURES.map((column) => ({ column, droppedRows: 0, imputedCells: missingIn(column) })));
    expect(prepared.missingByColumn.reduce((s, c) => s + c.imputedCells, 0)).toBe(prepared.imputedCells);
  });
});
