import { selectRows, type Matrix } from '../matrix.ts';
import { throwIfAborted, type ProgressFn } from '../progress.ts';
import { condensedDistances, silhouetteFromDistances } from '../quality/silhouette.ts';
import { seededSample } from '../sample-rows.ts';
import { assertInteger, assertUsableMatrix } from './errors.ts';
import { kmeans, type KMeansResult } from './kmeans.ts';
import { clusterSizes } from './canonical-labels.ts';

export interface KMeansAutoOptions {
  kMin?: number;
  /** The first search's top k (default 10). */
  kMax?: number;
  /**
   * How far the search goes on when the silhouette is still highest at kMax: default the
   * smaller of 30 and √n / 2 (n = all rows), so a table of more than 10 groups is not quietly
   * given 10, and a small table is not cut into crumbs.
   */
  kCeiling?: number;
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
 * its mean silhouette on that sample (O(m²) per k once the sample's distances are computed);
 * the highest score wins (ties: the smaller k), and that k is fitted on all rows. When the best
 * is the top of the range the silhouette may still be rising, so the search goes on up to
 * kCeiling (or until 5 k's in a row score below the best). Silhouette favours well-separated groups, so on data whose groups touch (iris'
 * versicolor/virginica) it may prefer fewer.
 */
export function kmeansAuto(x: Matrix, options: KMeansAutoOptions): KMeansAutoResult {
  assertUsableMatrix(x, 'k-means (auto k)', 3);
  const kMin = options.kMin ?? 2;
  const sampleSize = options.sampleSize ?? 2000;
  assertInteger(sampleSize, 'k-means (auto k): sampleSize', 3);
  const sample = x.rows <= sampleSize ? x : selectRows(x, seededSample(x.rows, sampleSize, options.seed ^ 0x5bd1e995));
  const kMax = Math.min(options.kMax ?? 10, sample.rows - 1);
  assertInteger(kMin, 'k-means (auto k): kMin', 2, kMax);
  const kCeiling = Math.max(kMax, Math.min(options.kCeiling ?? defaultCeiling(x.rows), sample.rows - 1));
  const distances = condensedDistances(sample);
  const scores: { k: number; silhouette: number }[] = [];
  const score = (k: number) => {
    throwIfAborted(options.signal);
    const fit = kmeans(sample, k, { seed: options.seed, nInit: options.nInit, signal: options.signal });
    scores.push({ k, silhouette: clusterSizes(fit.labels).length >= 2 ? silhouetteFromDistances(distances, fit.labels) : -1 });
  };
  // Progress: the first range, then (if taken) the extension, then the fit on all rows.
  const steps = kCeiling - kMin + 2;
  for (let k = kMin; k <= kMax; k++) {
    score(k);
    options.onProgress?.((k - kMin + 1) / steps);
  }
  if (bestScore(scores) === kMax) {
    // On until the ceiling, or until EXTENSION_PATIENCE k's in a row have not beaten the best.
    for (let k = kMax + 1; k <= kCeiling && k - bestScore(scores) <= EXTENSION_PATIENCE; k++) {
      score(k);
      options.onProgress?.((k - kMin + 1) / steps);
    }
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

/**
 * How many k past the best the extended search looks before it stops: a silhouette that has
 * not risen for 5 k's does not come back on the tables measured (mixtures of 10 and 15 groups,
 * the digits and Seattle layouts), and stopping spares up to 20 fits on data whose best is 10.
 */
const EXTENSION_PATIENCE = 5;

/** The smaller of 30 and √n / 2: 21 for 1,797 rows, 30 from 3,600. */
export function defaultCeiling(rows: number): number {
  return Math.min(30, Math.floor(Math.sqrt(rows) / 2));
}

/** The k of the highest silhouette; the first (smallest k) among equals. */
export function bestScore(scores: { k: number; silhouette: number }[]): number {
  let best = scores[0];
  for (const s of scores) if (s.silhouette > best.silhouette) best = s;
  return best.k;
}
