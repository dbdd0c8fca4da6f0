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

  it('weighs a category one neighbour step: rows differing in it lie as far apart as the 15th nearest row', () => {
    // Body mass as a category has ~95 levels: frequency-encoded. Island is one-hot (3 levels).
    const prepared = prepareFeatures(table, params({ features: ['Flipper Length (mm)', 'Beak Length (mm)', 'Body Mass (g)', 'Island'], columns: { 'Body Mass (g)': { type: 'category' } } }));
    const { rows, cols, data } = prepared.matrix;
    const offsets = new Map<string, number>();
    prepared.encodings.reduce((o, e) => (offsets.set(e.column, o), o + e.outputs.length), 0);
    const at = (name: string) => prepared.encodings.find((e) => e.column === name)!;
    const column = (j: number) => Array.from({ length: rows }, (_, i) => data[i * cols + j]);
    // The step, recomputed here from the two numeric columns: median distance to the 15th nearest other row.
    const [f, b] = [offsets.get('Flipper Length (mm)')!, offsets.get('Beak Length (mm)')!];
    const kth = Array.from({ length: rows }, (_, i) => {
      const d = Array.from({ length: rows }, (_, r) => Math.hypot(data[i * cols + f] - data[r * cols + f], data[i * cols + b] - data[r * cols + b]));
      d.splice(i, 1);
      return d.sort((p, q) => p - q)[14];
    }).sort((p, q) => p - q);
    const step = prepared.neighbourStep!.distance;
    expect(prepared.neighbourStep!.k).toBe(15);
    expect(step).toBeCloseTo(kth[Math.floor(rows / 2)], 5);
    expect(step).toBeLessThan(Math.SQRT2);
    expect(['Flipper Length (mm)', 'Beak Length (mm)', 'Body Mass (g)', 'Island'].map((c) => at(c).encoding)).toEqual(['zscore', 'zscore', 'frequency', 'one-hot']);
    expect(at('Flipper Length (mm)').weight).toBeUndefined();
    expect(columnStats(column(f)).std).toBeCloseTo(1, 4);
    // One-hot: the row's level holds the weight, so two levels lie weight · √2 = one step apart.
    const island = at('Island');
    const i0 = offsets.get('Island')!;
    expect(island.weight!).toBeCloseTo(step / Math.SQRT2, 6);
    for (let i = 0; i < rows; i++) {
      const block = [0, 1, 2].map((t) => data[i * cols + i0 + t]);
      expect(block.filter((v) => v === 0)).toHaveLength(2);
      expect(Math.max(...block)).toBeCloseTo(island.weight!, 6);
    }
    // Frequency code: z-scored, then weighed so two rows differ by one step (root mean square).
    expect(columnStats(column(offsets.get('Body Mass (g)')!)).std * Math.SQRT2).toBeCloseTo(step, 4);
    expect(at('Body Mass (g)').weight!).toBeCloseTo(step / Math.SQRT2, 6);
  });

  it('leaves categories unweighted (one-hot 0/1) when there are no numbers or dates to weigh them against', () => {
    const prepared = prepareFeatures(table, params({ features: ['Island', 'Sex'] }));
    expect(prepared.neighbourStep).toBeUndefined();
    expect(prepared.encodings.map((e) => e.weight)).toEqual([1, 1]);
    expect(new Set(prepared.matrix.data)).toEqual(new Set([0, 1]));
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

describe('weighing discrete columns', () => {
  // 400 rows on a line (one neighbour step: the 15th nearest is 8 apart) with a yes/no column and a category.
  const n = 400;
  const line: Table = {
    rowCount: n,
    columns: [
      { name: 'x', identifier: false, data: { type: 'number', values: Float64Array.from({ length: n }, (_, i) => i) } },
      { name: 'flag', identifier: false, data: { type: 'boolean', codes: Int32Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 1 : 0)), dictionary: ['false', 'true'] } },
      { name: 'kind', identifier: false, data: { type: 'category', codes: Int32Array.from({ length: n }, (_, i) => i % 3), dictionary: ['a', 'b', 'c'] } },
    ],
  };

  it('puts rows that differ only in a boolean or a category one neighbour step apart', () => {
    const prepared = prepareFeatures(line, params());
    const x = prepared.encodings[0];
    const step = prepared.neighbourStep!.distance;
    expect(step).toBeCloseTo(8 / x.scale!, 5);
    const { cols, data } = prepared.matrix;
    // Rows 0 and 1: flag differs (row 0 is true); rows 0 and 3 share the flag, kinds a and a.
    expect(Math.abs(data[0 * cols + 1] - data[1 * cols + 1])).toBeCloseTo(step, 5);
    expect(data[0 * cols + 1] - data[4 * cols + 1]).toBe(0);
    // Rows 0 and 1: kinds a and b, √(w² + w²) = step.
    const kindGap = Math.hypot(data[2] - data[cols + 2], data[3] - data[cols + 3], data[4] - data[cols + 4]);
    expect(kindGap).toBeCloseTo(step, 5);
    expect(prepared.encodings[1].weight).toBeLessThan(1);
  });

  it('leaves discrete columns at 1 when most rows have 15 exact duplicates in the numbers (no local scale)', () => {
    const coarse: Table = { ...line, columns: [{ name: 'x', identifier: false, data: { type: 'number', values: Float64Array.from({ length: n }, (_, i) => i % 10) } }, ...line.columns.slice(1)] };
    const prepared = prepareFeatures(coarse, params());
    expect(prepared.neighbourStep).toBeUndefined();
    expect(prepared.encodings.slice(1).map((e) => e.weight)).toEqual([1, 1]);
  });

  it('measures the step on the same sampled rows whatever the analysis seed, so the features do not change with it', () => {
    // 3,000 rows: the step is measured from a sample of them (500), not from every row.
    const m = 3000;
    const wide: Table = {
      rowCount: m,
      columns: [
        { name: 'x', identifier: false, data: { type: 'number', values: Float64Array.from({ length: m }, (_, i) => Math.sqrt(i)) } },
        { name: 'kind', identifier: false, data: { type: 'category', codes: Int32Array.from({ length: m }, (_, i) => i % 3), dictionary: ['a', 'b', 'c'] } },
      ],
    };
    const [one, two] = [1, 2].map((seed) => prepareFeatures(wide, params({ seed })));
    expect(one.encodings.at(-1)!.weight).toBeLessThan(1);
    expect(two.neighbourStep).toEqual(one.neighbourStep);
    expect(two.matrix.data).toEqual(one.matrix.data);
  });

  it('never weighs a column above 1: a step wider than a category gap leaves it at 0/1', () => {
    // 40 rows spread over 3 columns of unit-variance noise: the 15th neighbour lies far away.
    const m = 40;
    const noise = (salt: number) => Float64Array.from({ length: m }, (_, i) => Math.sin(i * 12.9898 + salt) * 43758.5453 % 1);
    const sparse: Table = {
      rowCount: m,
      columns: [
        ...[1, 2, 3, 4, 5, 6].map((salt) => ({ name: `n${salt}`, identifier: false, data: { type: 'number' as const, values: noise(salt) } })),
        { name: 'kind', identifier: false, data: { type: 'category', codes: Int32Array.from({ length: m }, (_, i) => i % 2), dictionary: ['a', 'b'] } },
      ],
    };
    const prepared = prepareFeatures(sparse, params());
    expect(prepared.neighbourStep!.distance).toBeGreaterThan(Math.SQRT2);
    expect(prepared.encodings.at(-1)!.weight).toBe(1);
  });
});
