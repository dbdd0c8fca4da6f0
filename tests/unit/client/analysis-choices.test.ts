import { describe, expect, it } from 'vitest';
import { choicesOf, defaultChoices, describeChoices, paramsFor, sameChoices } from '../../../client/session/analysis-choices.ts';
import { analysisKey } from '../../../server/jobs/analysis-key.ts';
import { analysisParamsSchema, type AnalysisParams, type AnalysisParamsInput } from '../../../shared/analysis-params.ts';
import { isMissing, type Table } from '../../../shared/table.ts';
import { loadAsset } from '../../support/assets.ts';

/** What the server stores for a request body that went over the wire as JSON. */
const serverParams = (body: AnalysisParamsInput): AnalysisParams => analysisParamsSchema.parse(JSON.parse(JSON.stringify(body)));

/** The dataset description the start page sees (row count, missing per column), from the real ingest of the first `rows` rows. */
function describe_(table: Table, rows = table.rowCount) {
  return {
    rowCount: rows,
    columns: table.columns.map((c) => {
      let missing = 0;
      for (let r = 0; r < rows; r++) if (isMissing(c.data, r)) missing++;
      return { missing };
    }),
  };
}

// Analyses a session may be on, as the start page, the CLI or the API could have asked for them.
const CURRENT: AnalysisParamsInput[] = [
  {},
  { reduction: { method: 'pca' }, clustering: { method: 'hdbscan', minClusterSize: 12 } },
  { missing: 'impute', reduction: { method: 'tsne', perplexity: 20 }, clustering: { method: 'kmeans', k: 4 } },
  { features: ['Beak Length (mm)', 'Flipper Length (mm)'], seed: 7, anomalies: { method: 'zscore', contamination: 0.05 } },
  { columns: { Island: { exclude: true }, Sex: { type: 'category' } }, clustering: { method: 'dbscan', eps: 0.4, minPts: 6, space: 'features' } },
];

describe('re-analyse parameters', () => {
  it('unchanged choices give back the current analysis exactly, so the server answers with it', () => {
    for (const input of CURRENT) {
      const current = analysisParamsSchema.parse(input);
      const again = serverParams(paramsFor(choicesOf(current), current));
      expect(again).toEqual(current);
      expect(analysisKey('dataset-1', again)).toBe(analysisKey('dataset-1', current));
    }
  });

  it('a new layout keeps everything the form does not show, and the clustering settings', () => {
    const current = analysisParamsSchema.parse(CURRENT[2]);
    const choices = { ...choicesOf(current), reduction: 'pca' as const };
    const next = serverParams(paramsFor(choices, current));
    expect(next.reduction).toEqual({ method: 'pca' }); // t-SNE's perplexity does not travel to PCA
    expect(next.clustering).toEqual(current.clustering); // k = 4 stays while k-means stays
    expect(next.missing).toBe('impute');
    expect({ ...next, reduction: current.reduction }).toEqual(current);
    expect(analysisKey('dataset-1', next)).not.toBe(analysisKey('dataset-1', current));
  });

  it('a new clustering method starts from its own defaults; features, columns and seed stay', () => {
    const current = analysisParamsSchema.parse(CURRENT[4]);
    const next = serverParams(paramsFor({ ...choicesOf(current), clustering: 'hdbscan' }, current));
    expect(next.clustering).toEqual(analysisParamsSchema.parse({ clustering: { method: 'hdbscan' } }).clustering);
    expect(next.columns).toEqual(current.columns);
    expect(next.seed).toBe(current.seed);
    expect(next.reduction).toEqual(current.reduction);
  });

  it('switching there and back again names the same analysis (the instant re-bind)', () => {
    const first = analysisParamsSchema.parse(CURRENT[1]);
    const moved = serverParams(paramsFor({ ...choicesOf(first), reduction: 'umap', clustering: 'kmeans' }, first));
    const back = serverParams(paramsFor(choicesOf(first), moved));
    // Back to PCA + HDBSCAN from the moved analysis: HDBSCAN's own settings were dropped on the
    // way out, so "back" is HDBSCAN with defaults — the same as asking for it from the start page.
    expect(back.reduction).toEqual(first.reduction);
    expect(back.clustering).toEqual(analysisParamsSchema.parse({ clustering: { method: 'hdbscan' } }).clustering);
    const plain = analysisParamsSchema.parse({});
    const there = serverParams(paramsFor({ ...choicesOf(plain), reduction: 'pca', clustering: 'hdbscan' }, plain));
    const home = serverParams(paramsFor(choicesOf(plain), there));
    expect(analysisKey('d', home)).toBe(analysisKey('d', plain));
  });

  it('start-page requests carry column choices only when there are some, and pass the server schema', () => {
    const bare = paramsFor({ missing: 'drop', reduction: 'umap', clustering: 'kmeans' });
    expect(bare).toEqual({ missing: 'drop', reduction: { method: 'umap' }, clustering: { method: 'kmeans' } });
    expect(analysisKey('d', serverParams(bare))).toBe(analysisKey('d', analysisParamsSchema.parse({})));
    const withColumns = serverParams(paramsFor({ missing: 'impute', reduction: 'tsne', clustering: 'dbscan' }, undefined, { Island: { exclude: true } }));
    expect(withColumns.columns).toEqual({ Island: { exclude: true } });
    expect(withColumns.reduction.method).toBe('tsne');
  });

  it('defaults on real tables: fill in missing values only for small tables that have them', async () => {
    const penguins = await loadAsset('penguins');
    const iris = await loadAsset('iris');
    expect(describe_(penguins).columns.some((c) => c.missing > 0)).toBe(true);
    expect(defaultChoices(describe_(penguins))).toEqual({ missing: 'drop', reduction: 'umap', clustering: 'kmeans' });
    expect(defaultChoices(describe_(iris)).missing).toBe('drop'); // small, but complete
    const small = describe_(penguins, 120);
    expect(small.columns.some((c) => c.missing > 0)).toBe(true);
    expect(defaultChoices(small).missing).toBe('impute');
  });

  it('compares and names choices', () => {
    const a = { missing: 'drop' as const, reduction: 'pca' as const, clustering: 'hdbscan' as const };
    expect(sameChoices(a, { ...a })).toBe(true);
    expect(sameChoices(a, { ...a, missing: 'impute' })).toBe(false);
    expect(describeChoices(a)).toBe('PCA · HDBSCAN');
    expect(describeChoices({ ...a, missing: 'impute' })).toBe('PCA · HDBSCAN · missing values filled in');
  });
});
