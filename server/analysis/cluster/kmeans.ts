import type { Matrix } from '../matrix.ts';
import { createRandom } from '../../../shared/random.ts';
import type { ProgressFn } from '../progress.ts';
import { assertInteger, assertUsableMatrix, ClusterInputError } from './errors.ts';
import { kmeansPlusPlus, rowToCentre } from './kmeans-init.ts';
import { hamerly } from './kmeans-hamerly.ts';
import { canonicalLabels } from './canonical-labels.ts';

export interface KMeansOptions {
  seed: number;
  /** Lloyd iterations per run (default 300, as scikit-learn). */
  maxIterations?: number;
  /** Stop when the total squared centre shift ≤ tolerance × mean feature variance (default 1e-4, as scikit-learn). */
  tolerance?: number;
  /** Independent k-means++ starts; the lowest inertia wins (default 3). */
  nInit?: number;
  /** Start from these k × d centres instead of k-means++ (one run; warm starts, cross-checks). */
  initialCentroids?: Float64Array;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

export interface KMeansResult {
  /** Canonical: 0 is the biggest cluster. */
  labels: Int32Array;
  /** k × d, row c is the centre of cluster c. */
  centroids: Float64Array;
  /** Σ squared distance of each row to its centre. */
  inertia: number;
  /** Lloyd iterations of the winning run. */
  iterations: number;
}

/**
 * k-means with greedy k-means++ seeding and Hamerly-accelerated Lloyd iterations, on typed
 * arrays. Ours rather than ml-kmeans: the same partitions (ARI 1 on iris, see the tests) in a
 * fraction of the time (see `npm run bench -- cluster`). Deterministic for a given seed.
 */
export function kmeans(x: Matrix, k: number, options: KMeansOptions): KMeansResult {
  assertUsableMatrix(x, 'k-means');
  assertInteger(k, 'k-means: k', 1, x.rows);
  const maxIterations = options.maxIterations ?? 300;
  const nInit = options.nInit ?? 3;
  assertInteger(maxIterations, 'k-means: maxIterations', 1);
  assertInteger(nInit, 'k-means: nInit', 1);
  const tolerance = options.tolerance ?? 1e-4;
  if (!(tolerance >= 0)) throw new ClusterInputError(`k-means: tolerance must be >= 0, got ${tolerance}.`);
  const shiftTolerance = tolerance * meanVariance(x);
  const initial = options.initialCentroids;
  if (initial !== undefined && initial.length !== k * x.cols) {
    throw new ClusterInputError(`k-means: initialCentroids must hold k × d = ${k * x.cols} values, got ${initial.length}.`);
  }
  const runs = initial === undefined ? nInit : 1;
  const random = createRandom(options.seed);
  let best: KMeansResult | null = null;
  for (let run = 0; run < runs; run++) {
    const centres = initial === undefined ? kmeansPlusPlus(x, k, random) : Float64Array.from(initial);
    const progress = options.onProgress && ((f: number) => options.onProgress?.((run + f) / runs));
    const fit = hamerly(x, centres, k, maxIterations, shiftTolerance, progress, options.signal);
    const inertia = inertiaOf(x, fit.labels, fit.centroids);
    if (best === null || inertia < best.inertia) best = { ...fit, inertia };
  }
  const chosen = best as KMeansResult;
  return { ...chosen, ...canonicalise(chosen.labels, chosen.centroids, k, x.cols) };
}

function canonicalise(labels: Int32Array, centroids: Float64Array, k: number, d: number) {
  const canon = canonicalLabels(labels);
  const out = new Float64Array(k * d);
  // Clusters left empty (fewer distinct rows than k) keep their centres after the others.
  let next = canon.clusterCount;
  for (let c = 0; c < k; c++) {
    const target = c < canon.mapping.length && canon.mapping[c] >= 0 ? canon.mapping[c] : next++;
    out.set(centroids.subarray(c * d, (c + 1) * d), target * d);
  }
  return { labels: canon.labels, centroids: out };
}

function inertiaOf(x: Matrix, labels: Int32Array, centres: Float64Array): number {
  let total = 0;
  for (let i = 0; i < x.rows; i++) total += rowToCentre(x.data, i, centres, labels[i], x.cols);
  return total;
}

function meanVariance(x: Matrix): number {
  const { rows: n, cols: d, data } = x;
  // Row by row (the memory's order), one running sum per column: each column's sums add the
  // same values in the same order as a column-by-column pass, several times faster at 1M rows.
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mean[t] += data[i * d + t];
  for (let t = 0; t < d; t++) mean[t] /= n;
  const v = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) v[t] += (data[i * d + t] - mean[t]) ** 2;
  let total = 0;
  for (let t = 0; t < d; t++) total += v[t] / n;
  return total / d;
}
