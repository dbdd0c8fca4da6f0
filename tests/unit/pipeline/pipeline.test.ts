import { describe, expect, it } from 'vitest';
import { analysisParamsSchema, type AnalysisParamsInput } from '../../../shared/analysis-params.ts';
import type { Table } from '../../../shared/table.ts';
import { runPipeline } from '../../../server/analysis/pipeline.ts';
import { CancelledError } from '../../../server/analysis/progress.ts';
import { adjustedRandIndex } from '../../../server/analysis/quality/ari.ts';
import { loadAsset } from '../../support/assets.ts';

const PENGUIN_FEATURES = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'];
const params = (input: AnalysisParamsInput) => analysisParamsSchema.parse(input);

/** The known label of each analysed point (rowIndex maps points to dataset rows). */
function truth(table: Table, column: string, rowIndex: Uint32Array): Int32Array {
  const data = table.columns.find((c) => c.name === column)!.data;
  if (data.type !== 'category') throw new Error(`${column} is not a category`);
  return Int32Array.from(rowIndex, (r) => data.codes[r]);
}

describe('the whole pipeline on real data', async () => {
  const penguins = await loadAsset('penguins');
  const iris = await loadAsset('iris');

  it('recovers penguin species with k-means (k = 3) on the measurements', () => {
    const out = runPipeline(penguins, params({ features: PENGUIN_FEATURES, reduction: { method: 'pca' }, clustering: { method: 'kmeans', k: 3 } }));
    const ari = adjustedRandIndex(out.cluster, truth(penguins, 'Species', out.rowIndex));
    // Measured 0.793 (seeds 42, 1, 3; 0.799 with seed 2); scikit-learn 1.2 KMeans(3, n_init=10) on the
    // same 342 z-scored rows: 0.793 for every random_state.
    expect(ari).toBeGreaterThanOrEqual(0.79);
    expect(out.summary.clusters).toHaveLength(3);
  });

  it('recovers penguin species with UMAP + HDBSCAN on the layout', () => {
    const out = runPipeline(penguins, params({ features: PENGUIN_FEATURES, reduction: { method: 'umap' }, clustering: { method: 'hdbscan' } }));
    const ari = adjustedRandIndex(out.cluster, truth(penguins, 'Species', out.rowIndex));
    // Measured 0.655 for seeds 42, 1, 2, 3: Gentoo apart, Adelie and Chinstrap (whose bodies
    // overlap; only beak length differs) joined. Trustworthiness measured 0.984–0.985.
    expect(ari).toBeGreaterThan(0.64);
    expect(out.summary.reduction.trustworthiness!.value).toBeGreaterThan(0.98);
  });

  it('recovers iris species with t-SNE + k-means on the layout', () => {
    const out = runPipeline(iris, params({ features: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'], reduction: { method: 'tsne' }, clustering: { method: 'kmeans', k: 3, space: 'embedding' } }));
    const ari = adjustedRandIndex(out.cluster, truth(iris, 'species', out.rowIndex));
    // Measured 0.601 (seeds 42, 1, 2, 3); scikit-learn 1.2 TSNE(3, init='pca') + KMeans(3): 0.61.
    expect(ari).toBeGreaterThan(0.59);
    expect(out.summary.clustering.space).toBe('embedding');
  });

  it('gives identical output for the same input, parameters and seed, and a different layout for another seed', () => {
    const p = params({ features: PENGUIN_FEATURES, reduction: { method: 'umap', nEpochs: 100 }, clustering: { method: 'dbscan' }, seed: 11 });
    const a = runPipeline(penguins, p);
    const b = runPipeline(penguins, p);
    expect(Buffer.from(a.positions.buffer).equals(Buffer.from(b.positions.buffer))).toBe(true);
    expect(Array.from(a.cluster)).toEqual(Array.from(b.cluster));
    expect(Array.from(a.anomaly)).toEqual(Array.from(b.anomaly));
    // The explanations too: traits, paragraphs, anomaly reasons and typical rows, statistics.
    expect(a.summary.clusters).toEqual(b.summary.clusters);
    expect(a.summary.anomalies).toEqual(b.summary.anomalies);
    expect(a.clusterStats).toEqual(b.clusterStats);
    const c = runPipeline(penguins, { ...p, seed: 12 });
    expect(Buffer.from(a.positions.buffer).equals(Buffer.from(c.positions.buffer))).toBe(false);
  });

  it('normalises every layout: centred, 98% of points within radius 1', () => {
    for (const method of ['pca', 'umap', 'tsne'] as const) {
      const out = runPipeline(iris, params({ reduction: { method, nEpochs: method === 'pca' ? undefined : 100 } }));
      const n = out.positions.length / 3;
      const radii = Array.from({ length: n }, (_, i) => Math.hypot(out.positions[3 * i], out.positions[3 * i + 1], out.positions[3 * i + 2])).sort((x, y) => x - y);
      expect(radii[Math.floor(0.98 * (n - 1))]).toBeCloseTo(1, 5);
      for (let axis = 0; axis < 3; axis++) {
        let mean = 0;
        for (let i = 0; i < n; i++) mean += out.positions[3 * i + axis] / n;
        expect(Math.abs(mean)).toBeLessThan(1e-4);
      }
    }
  });

  it('reports stage progress in order, intermediate layouts, and stops when cancelled', () => {
    const seen: [string, number][] = [];
    const layouts: Float32Array[] = [];
    runPipeline(iris, params({ reduction: { method: 'umap', nEpochs: 60 } }), {
      onProgress: (stage, fraction) => seen.push([stage, fraction]),
      onLayout: (positions) => layouts.push(positions),
      layoutEvery: 10,
    });
    expect(seen.map(([s]) => s).filter((s, i, all) => s !== all[i - 1])).toEqual(['prepare', 'reduce', 'cluster', 'anomalies', 'explain']);
    const fractions = seen.map(([, f]) => f);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(fractions.at(-1)).toBe(1);
    expect(layouts.length).toBeGreaterThanOrEqual(5);
    expect(layouts.every((l) => l.length === 150 * 3)).toBe(true);

    const controller = new AbortController();
    expect(() =>
      runPipeline(iris, params({ reduction: { method: 'umap' } }), {
        signal: controller.signal,
        onProgress: (stage) => stage === 'reduce' && controller.abort(),
      }),
    ).toThrow(CancelledError);
  });

  it('falls back to PCA on a handful of rows and says so', () => {
    const tiny: Table = { rowCount: 6, columns: penguins.columns.map((c) => ({ ...c, data: sliceColumn(c.data, 6) })) };
    const out = runPipeline(tiny, params({ features: PENGUIN_FEATURES, reduction: { method: 'umap' }, missing: 'impute' }));
    expect(out.summary.reduction.method).toBe('pca');
    expect(out.summary.notes).toContainEqual({ level: 'warning', text: expect.stringMatching(/too few for UMAP/) });
  });
});

function sliceColumn(data: Table['columns'][number]['data'], n: number): Table['columns'][number]['data'] {
  if (data.type === 'text') return { type: 'text', values: data.values.slice(0, n) };
  if ('codes' in data) return { ...data, codes: data.codes.slice(0, n) };
  return { type: data.type, values: data.values.slice(0, n) };
}
