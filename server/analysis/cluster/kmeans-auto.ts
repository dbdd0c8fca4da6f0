import { selectRows, type Matrix } from '../matrix.ts';
import { createRandom, randomInt } from '../../../shared/random.ts';
import { throwIfAborted, type ProgressFn } from '../progress.ts';
import { silhouette } from '../quality/silhouette.ts';
import { assertInteger, assertUsableMatrix } from './errors.ts';
import { kmeans, type KMeansResult } from './kmeans.ts';
import { clusterSizes } from './canonical-labels.ts';

export interface KMeansAutoOptions {
  kMin?: number;
  kMax?: number;
  /** Rows (seeded random subset) on which each k is fitted and scored; default 2000. */
  sampleSize?: number;
  seed: number;
  nInit?: number;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

export interface KMeansAutoResult {
  k: number;
  /** Mean silhouette on the sample for every k tried (-1 when k-means left fewer than 2 clusters). */
  scores: { k: number; silhouette: number }[];
  /** k-means with the chosen k, fitted on every row. */
  result: KMeansResult;
  /** Rows the choice of k was made on (all rows when n ≤ sampleSize). */
  sampled: number;
}

/**
 * k-means that chooses k: each k in [kMin, kMax] is fitted on a seeded sample and scored by
 * its mean silhouette on that sample (O(m²·d), hence the sample); the highest score wins
 * (ties: the smaller k), and that k is fitted on all rows. Silhouette favours well-separated
 * groups, so on data whose groups touch (iris' versicolor/virginica) it may prefer fewer.
 */
export function kmeansAuto(x: Matrix, options: KMeansAutoOptions): KMeansAutoResult {
  assertUsableMatrix(x, 'k-means (auto k)', 3);
  const kMin = options.kMin ?? 2;
  const sampleSize = options.sampleSize ?? 2000;
  assertInteger(sampleSize, 'k-means (auto k): sampleSize', 3);
  const sample = x.rows <= sampleSize ? x : selectRows(x, sampleIndices(x.rows, sampleSize, options.seed));
  const kMax = Math.min(options.kMax ?? 10, sample.rows - 1);
  assertInteger(kMin, 'k-means (auto k): kMin', 2, kMax);
  const scores: { k: number; silhouette: number }[] = [];
  const steps = kMax - kMin + 2;
  for (let k = kMin; k <= kMax; k++) {
    throwIfAborted(options.signal);
    const fit = kmeans(sample, k, { seed: options.seed, nInit: options.nInit, signal: options.signal });
    const score = clusterSizes(fit.labels).length >= 2 ? silhouette(sample, fit.labels) : -1;
    scores.push({ k, silhouette: score });
    options.onProgress?.((k - kMin + 1) / steps);
  }
  const best = bestScore(scores);
  const result = kmeans(x, best, {
    seed: options.seed,
    nInit: options.nInit,
    signal: options.signal,
    onProgress: options.onProgress && ((f) => options.onProgress?.((steps - 1 + f) / steps)),
  });
  return { k: best, scores, result, sampled: sample.rows };
}

/** The k of the highest silhouette; the first (smallest k) among equals. */
export function bestScore(scores: { k: number; silhouette: number }[]): number {
  let best = scores[0];
  for (const s of scores) if (s.silhouette > best.silhouette) best = s;
  return best.k;
}

/** A seeded sample of `m` distinct rows of n, in increasing row order. */
function sampleIndices(n: number, m: number, seed: number): Int32Array {
  const random = createRandom(seed ^ 0x5bd1e995);
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  for (let i = 0; i < m; i++) {
    const j = i + randomInt(random, n - i);
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all.slice(0, m).sort();
}
