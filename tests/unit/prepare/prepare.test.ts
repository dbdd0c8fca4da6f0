import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analysisParamsSchema, type AnalysisParamsInput } from '../../../shared/analysis-params.ts';
import { prepareFeatures, FeatureSelectionError, NoRowsLeftError } from '../../../server/analysis/prepare/index.ts';
import type { Table } from '../../../shared/table.ts';
import { assetPath, loadAsset } from '../../support/assets.ts';

const params = (input: AnalysisParamsInput = {}) => analysisParamsSchema.parse(input);
const penguinRows = JSON.parse(readFileSync(assetPath('penguins'), 'utf8')) as Record<string, unknown>[];
const NUMERIC = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'];
const isMissing = (v: unknown) => v === null || v === undefined || v === '' || v === '.';

function columnStats(values: number[]) {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
  return { mean, std };
}

describe('prepareFeatures on penguins', async () => {
  const table: Table = await loadAsset('penguins');

  it('drops exactly the rows with a missing feature and maps each point back to its row', () => {
    const prepared = prepareFeatures(table, params({ features: NUMERIC }));
    const expectedKept = penguinRows.map((r, i) => (NUMERIC.some((c) => isMissing(r[c])) ? -1 : i)).filter((i) => i >= 0);
    expect(Array.from(prepared.rowIndex)).toEqual(expectedKept);
    expect(prepared.droppedRows).toBe(penguinRows.length - expectedKept.length);
    expect(prepared.droppedRows).toBeGreaterThan(0);
    // Un-scaling a matrix cell gives the original value of the row it points to.
    const flipper = prepared.encodings.find((e) => e.column === 'Flipper Length (mm)')!;
    const j = prepared.encodings.indexOf(flipper);
    for (const p of [0, 17, prepared.rowIndex.length - 1]) {
      const original = penguinRows[prepared.rowIndex[p]]['Flipper Length (mm)'] as number;
      expect(prepared.matrix.data[p * prepared.matrix.cols + j] * flipper.scale! + flipper.center!).toBeCloseTo(original, 3);
    }
  });

  it('z-scores numeric features (mean 0, std 1) and min-max scales them into [0, 1]', () => {
    const z = prepareFeatures(table, params({ features: NUMERIC }));
    for (let j = 0; j < z.matrix.cols; j++) {
      const col = Array.from({ length: z.matrix.rows }, (_, i) => z.matrix.data[i * z.matrix.cols + j]);
      const { mean, std } = columnStats(col);
      expect(Math.abs(mean)).toBeLessThan(1e-5);
      expect(std).toBeCloseTo(1, 4);
    }
    const mm = prepareFeatures(table, params({ features: NUMERIC, normalization: 'minmax' }));
    const values = Array.from(mm.matrix.data);
    expect(Math.min(...values)).toBeCloseTo(0, 6);
    expect(Math.max(...values)).toBeCloseTo(1, 6);
  });

  it('imputes instead of dropping when asked, counting every filled cell', () => {
    const features = [...NUMERIC, 'Sex'];
    const prepared = prepareFeatures(table, params({ features, missing: 'impute' }));
    const missingCells = penguinRows.reduce((s, r) => s + features.filter((c) => isMissing(r[c])).length, 0);
    expect(prepared.droppedRows).toBe(0);
    expect(prepared.rowIndex.length).toBe(penguinRows.length);
    expect(prepared.imputedCells).toBe(missingCells);
    expect(prepared.matrix.data.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('one-hot encodes categories: one output per level, exactly one 1 per row', () => {
    const prepared = prepareFeatures(table, params({ features: ['Species', 'Island'] }));
    const species = prepared.encodings.find((e) => e.column === 'Species')!;
    expect(species.encoding).toBe('one-hot');
    expect(species.outputs.sort()).toEqual(['Species=Adelie', 'Species=Chinstrap', 'Species=Gentoo']);
    const { rows, cols, data } = prepared.matrix;
    for (let i = 0; i < rows; i++) {
      let sum = 0;
      for (let j = 0; j < 3; j++) sum += data[i * cols + j];
      expect(sum).toBe(1);
    }
  });

  it('uses every informative non-identifier column by default', () => {
    const prepared = prepareFeatures(table, params());
    const used = prepared.encodings.map((e) => e.column).sort();
    expect(used).toEqual([...NUMERIC, 'Island', 'Sex', 'Species'].sort());
  });

  it('honours type overrides and exclusions from the start page', () => {
    const prepared = prepareFeatures(
      table,
      params({ features: [...NUMERIC], columns: { 'Body Mass (g)': { type: 'category' }, 'Beak Depth (mm)': { exclude: true } } }),
    );
    expect(prepared.encodings.map((e) => e.column)).not.toContain('Beak Depth (mm)');
    expect(prepared.excluded).toContainEqual({ name: 'Beak Depth (mm)', reason: 'excluded by user' });
    // ~95 distinct masses: above the one-hot cap, so frequency-encoded.
    expect(prepared.encodings.find((e) => e.column === 'Body Mass (g)')!.encoding).toBe('frequency');
  });

  it('weighs no column above a numeric one: numbers and frequency codes variance 1, a one-hot block 1 − Σp²', () => {
    // Body mass as a category has ~95 levels: frequency-encoded. Island is one-hot (3 levels).
    const prepared = prepareFeatures(table, params({ features: ['Flipper Length (mm)', 'Body Mass (g)', 'Island'], columns: { 'Body Mass (g)': { type: 'category' } } }));
    const { rows, cols, data } = prepared.matrix;
    const variance = (j: number) => columnStats(Array.from({ length: rows }, (_, i) => data[i * cols + j])).std ** 2;
    let j = 0;
    for (const e of prepared.encodings) {
      const block = e.outputs.map((_, t) => variance(j + t)).reduce((a, b) => a + b, 0);
      if (e.encoding === 'one-hot') {
        const shares = e.outputs.map((_, t) => Array.from({ length: rows }, (_, i) => data[i * cols + j + t]).reduce((a, b) => a + b, 0) / rows);
        expect(block).toBeCloseTo(1 - shares.reduce((a, p) => a + p * p, 0), 5);
        expect(block).toBeLessThan(1);
      } else {
        expect(['zscore', 'frequency']).toContain(e.encoding);
        expect(block).toBeCloseTo(1, 4);
      }
      j += e.outputs.length;
    }
    expect(prepared.encodings.map((e) => e.encoding).sort()).toEqual(['frequency', 'one-hot', 'zscore']);
  });

  it('explains what is wrong with bad feature requests', () => {
    expect(() => prepareFeatures(table, params({ features: ['Wingspan'] }))).toThrow(FeatureSelectionError);
    expect(() => prepareFeatures(table, params({ features: ['Wingspan'] }))).toThrow(/Unknown column "Wingspan"/);
  });
});

describe('prepareFeatures edge cases', () => {
  const tiny: Table = {
    rowCount: 3,
    columns: [
      { name: 'a', identifier: false, data: { type: 'number', values: new Float64Array([1, NaN, 3]) } },
      { name: 'b', identifier: false, data: { type: 'number', values: new Float64Array([NaN, 2, 5]) } },
      { name: 'same', identifier: false, data: { type: 'number', values: new Float64Array([7, 7, 7]) } },
      { name: 'id', identifier: true, data: { type: 'number', values: new Float64Array([1, 2, 3]) } },
    ],
  };

  it('leaves out constant and identifier columns, saying why', () => {
    const prepared = prepareFeatures(tiny, params({ missing: 'impute' }));
    expect(prepared.excluded).toEqual([
      { name: 'same', reason: 'constant' },
      { name: 'id', reason: 'identifier' },
    ]);
    expect(prepared.encodings.map((e) => e.column)).toEqual(['a', 'b']);
  });

  it('says so when dropping would leave no rows', () => {
    const gappy: Table = {
      rowCount: 4,
      columns: [
        { name: 'a', identifier: false, data: { type: 'number', values: new Float64Array([NaN, NaN, 1, 2]) } },
        { name: 'b', identifier: false, data: { type: 'number', values: new Float64Array([1, 2, NaN, NaN]) } },
      ],
    };
    expect(() => prepareFeatures(gappy, params())).toThrow(NoRowsLeftError);
    expect(() => prepareFeatures(gappy, params())).toThrow(/impute/);
  });
});
