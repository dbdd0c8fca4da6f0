import { UMAP } from 'umap-js';
import { createMatrix, type Matrix } from '../../../server/analysis/matrix.ts';
import { knn, type KnnGraph } from '../../../server/analysis/neighbors/knn.ts';
import { knnOfRow } from '../../../server/analysis/neighbors/knn-exact.ts';
import { trustworthiness } from '../../../server/analysis/quality/trustworthiness.ts';
import { pca } from '../../../server/analysis/reduce/pca.ts';
import { tsne } from '../../../server/analysis/reduce/tsne/tsne.ts';
import { umap } from '../../../server/analysis/reduce/umap/umap.ts';
import { createRandom } from '../../../shared/random.ts';
import { generateMixture, zScoreColumns } from '../../support/synthetic.ts';
import { timed } from '../harness.ts';

/**
 * Reduction benchmark cases, each run in its own process by suites/reduce.ts. Input: the
 * synthetic table of 20 numeric + 3 categorical columns (23 columns), encoded as the pipeline
 * does (numbers z-scored, categories one-hot): 35 features. Quality is trustworthiness (k = 10)
 * on 1,000 sampled query rows with exact ranks, measured outside the timed work.
 */
export function features(rows: number, seed = 42): Matrix {
  const mix = generateMixture({ rows, seed });
  const numeric = zScoreColumns(mix.numeric);
  const levels = mix.categorical.map((column) => [...new Set(column)].sort());
  const width = numeric.cols + levels.reduce((s, l) => s + l.length, 0);
  const x = createMatrix(rows, width);
  for (let i = 0; i < rows; i++) {
    x.data.set(numeric.data.subarray(i * numeric.cols, (i + 1) * numeric.cols), i * width);
    let offset = numeric.cols;
    mix.categorical.forEach((column, q) => {
      x.data[i * width + offset + levels[q].indexOf(column[i])] = 1;
      offset += levels[q].length;
    });
  }
  return x;
}

const quality = (x: Matrix, y: Matrix) => trustworthiness(x, y, 10, { sample: 1000, seed: 1 });

function toRows(x: Matrix): number[][] {
  return Array.from({ length: x.rows }, (_, i) => Array.from(x.data.subarray(i * x.cols, (i + 1) * x.cols)));
}

function fromRows(rows: number[][]): Matrix {
  const m = createMatrix(rows.length, rows[0].length);
  rows.forEach((r, i) => m.data.set(r, i * m.cols));
  return m;
}

/** Plain umap-js, its defaults (3 components, seeded): what a user of the library gets. */
export async function umapStock({ rows }: { rows: number }) {
  const x = features(rows);
  const input = toRows(x);
  const { value, ms, cpuMs } = await timed(() => new UMAP({ nComponents: 3, random: createRandom(1) }).fit(input));
  return { ms, cpuMs, trust: quality(x, fromRows(value)) };
}

/** umap-js fed our kNN graph (self first, as it expects): is the rest of umap-js fast enough? */
export async function umapJsWithOurKnn({ rows }: { rows: number }) {
  const x = features(rows);
  const input = toRows(x);
  const { value, ms, cpuMs } = await timed(() => {
    const graph = knn(x, 14, { seed: 1 });
    const u = new UMAP({ nComponents: 3, random: createRandom(1) });
    const indices: number[][] = [];
    const distances: number[][] = [];
    for (let i = 0; i < rows; i++) {
      indices.push([i, ...graph.indices.subarray(i * 14, (i + 1) * 14)]);
      distances.push([0, ...graph.distances.subarray(i * 14, (i + 1) * 14)]);
    }
    u.setPrecomputedKNN(indices, distances);
    return u.fit(input);
  });
  return { ms, cpuMs, trust: quality(x, fromRows(value)) };
}

export async function umapOurs({ rows, nEpochs }: { rows: number; nEpochs?: number }) {
  const x = features(rows);
  const { value, ms, cpuMs } = await timed(() => umap(x, { seed: 1, nEpochs }));
  return { ms, cpuMs, trust: quality(x, value) };
}

export async function tsneOurs({ rows, nIter }: { rows: number; nIter?: number }) {
  const x = features(rows);
  const { value, ms } = await timed(() => tsne(x, { seed: 1, nIter }));
  return { ms, trust: quality(x, value) };
}

export async function pcaOurs({ rows, cols }: { rows: number; cols: number }) {
  const x = zScoreColumns(generateMixture({ rows, numeric: cols, categorical: 0 }).numeric);
  const { value, ms } = await timed(() => pca(x, 3));
  return { ms, evr3: Array.from(value.explainedVarianceRatio).reduce((s, v) => s + v, 0) };
}

/** Our kNN (k = 14, UMAP's default) with its recall against exact search on 500 rows. */
export async function knnOurs({ rows }: { rows: number }) {
  const x = features(rows);
  const { value, ms } = await timed(() => knn(x, 14, { seed: 1 }));
  return { ms, recall: sampledRecall(x, value, 500) };
}

function sampledRecall(x: Matrix, graph: KnnGraph, sample: number): number {
  const k = graph.k;
  let hits = 0;
  for (let s = 0; s < sample; s++) {
    const i = Math.floor((s * x.rows) / sample);
    const truth = new Set(knnOfRow(x, i, k).indices);
    for (let t = 0; t < k; t++) if (truth.has(graph.indices[i * k + t])) hits++;
  }
  return hits / (sample * k);
}
