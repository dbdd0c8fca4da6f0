import { describe, expect, it } from 'vitest';
import { analysisParamsSchema } from '../../../shared/analysis-params.ts';
import { runPipeline } from '../../../server/analysis/pipeline.ts';
import { layoutByRow } from '../../../client/session/layout-by-row.ts';
import { loadAsset } from '../../support/assets.ts';

/**
 * The penguins analysed twice: leaving out rows with a missing value (333 points) and filling
 * them in (all 344): two analyses of one dataset whose points are different rows.
 */
const penguins = await loadAsset('penguins');
const run = (missing: 'drop' | 'impute', seed: number) => {
  const out = runPipeline(penguins, analysisParamsSchema.parse({ reduction: { method: 'pca' }, clustering: { method: 'kmeans', k: 3 }, missing, seed }));
  return { rowIndex: out.rowIndex, positions: out.positions };
};
const dropped = run('drop', 1);
const filled = run('impute', 2);

const at = (a: { rowIndex: Uint32Array; positions: Float32Array }, row: number) => {
  const p = a.rowIndex.indexOf(row);
  return p < 0 ? null : Array.from(a.positions.subarray(3 * p, 3 * p + 3));
};

describe('layoutByRow', () => {
  it('moves every point on show to where the other analysis put its row', () => {
    expect(dropped.rowIndex.length).toBeLessThan(filled.rowIndex.length);
    const moved = layoutByRow(dropped, filled);
    expect(moved).toHaveLength(dropped.positions.length);
    for (let p = 0; p < dropped.rowIndex.length; p++) expect(Array.from(moved.subarray(3 * p, 3 * p + 3))).toEqual(at(filled, dropped.rowIndex[p]));
  });

  it('keeps the place of rows the other analysis left out, and leaves its inputs alone', () => {
    const before = filled.positions.slice();
    const moved = layoutByRow(filled, dropped);
    let kept = 0;
    for (let p = 0; p < filled.rowIndex.length; p++) {
      const row = filled.rowIndex[p];
      const expected = at(dropped, row) ?? at(filled, row);
      if (at(dropped, row) === null) kept++;
      expect(Array.from(moved.subarray(3 * p, 3 * p + 3))).toEqual(expected);
    }
    expect(kept).toBe(filled.rowIndex.length - dropped.rowIndex.length);
    expect(filled.positions).toEqual(before);
  });
});
