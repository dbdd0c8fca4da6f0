import type { Matrix } from '../matrix.ts';
import { KdTree } from '../../../shared/spatial/kdtree.ts';
import type { ProgressFn } from '../progress.ts';
import { assertInteger, assertUsableMatrix } from './errors.ts';
import { canonicalLabels } from './canonical-labels.ts';
import { coreDistances } from './core-distances.ts';
import { chooseMst, mutualReachabilityMst } from './mst-build.ts';
import { condensedTree } from './condensed-tree.ts';
import { selectClusters } from './eom-selection.ts';

export interface HdbscanOptions {
  /** Smallest group reported as a cluster; default: see defaultMinClusterSize (9 at 333 rows, 100 at 10k, 1,000 at 100k). */
  minClusterSize?: number;
  /** Neighbours (the row not counted) behind each core distance; default min(minClusterSize, 16). */
  minSamples?: number;
  /** Spanning-tree builder; default 'prim' up to 4096 rows (20 000 when d > 20), 'boruvka' beyond. */
  mst?: 'prim' | 'boruvka';
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

export interface HdbscanResult {
  /** Canonical labels, -1 for noise. */
  labels: Int32Array;
  /** Strength of each row's membership in its cluster, 0 for noise, 1 at the cluster's core. */
  probabilities: Float32Array;
  /** Per canonical cluster: stability / (size × largest λ), hdbscan's cluster_persistence_. */
  persistence: number[];
  minClusterSize: number;
  minSamples: number;
  mst: 'prim' | 'boruvka';
}

/**
 * max(5, round(√n / 2), round(n / 100)): √n / 2 on small tables (5 up to 100 rows, 22 at 2,000),
 * 1% of the rows from 2,500 rows on. The hdbscan library's fixed 5 gives hundreds of clusters on
 * large layouts; umap-learn's guide to clustering UMAP output uses 500 for 70k rows (0.7%).
 * Measured on our layouts: at 10k rows √n / 2 (50) split each UMAP island of the synthetic
 * mixture into satellites (33 clusters, ARI 0.57) where 1% finds the 20 islands (ARI 0.65); at
 * 100k, 144 clusters of 250+ rows became 27 (the smaller islands are then noise). A cluster
 * is at least 1% of a large table, so the legend never passes 100 entries.
 */
export function defaultMinClusterSize(n: number): number {
  return Math.max(5, Math.round(Math.sqrt(n) / 2), Math.round(n / 100));
}

/** Default min_samples: min(minClusterSize, 16), the density estimate behind every core distance. */
export function defaultMinSamples(minClusterSize: number): number {
  return Math.min(minClusterSize, 16);
}

/**
 * HDBSCAN (Campello, Moulavi & Sander 2013), following the hdbscan library (McInnes et al.):
 * core distances by exact kd-tree kNN; the minimum spanning tree of the mutual-reachability
 * graph by dense Prim (small n) or kd-tree Borůvka (large n; see mst-boruvka.ts), never an
 * n × n matrix; the single-linkage hierarchy condensed by minClusterSize; clusters chosen by
 * excess of mass. Deterministic (no randomness). Labels are canonical, noise -1.
 * Meant for low-dimensional input (the 3D layout): on wide features (d > ~16) exact kNN and
 * the spanning tree tend to O(n²), fine for ~10k rows, slow beyond.
 */
export function hdbscan(x: Matrix, options: HdbscanOptions = {}): HdbscanResult {
  assertUsableMatrix(x, 'HDBSCAN', 2);
  const n = x.rows;
  const minClusterSize = options.minClusterSize ?? defaultMinClusterSize(n);
  assertInteger(minClusterSize, 'HDBSCAN: minClusterSize', 2);
  const minSamples = Math.min(options.minSamples ?? defaultMinSamples(minClusterSize), n - 1);
  assertInteger(minSamples, 'HDBSCAN: minSamples', 1);
  const method = options.mst ?? chooseMst(n, x.cols);
  const progress = options.onProgress;

  const tree = new KdTree(x.data, n, x.cols);
  const core = coreDistances(x, tree, minSamples, progress && ((f) => progress(0.4 * f)), options.signal);
  progress?.(0.4);
  const mstProgress = progress && ((f: number) => progress(0.4 + 0.5 * f));
  const mst = mutualReachabilityMst(x, tree, core, method, options.signal, mstProgress);
  progress?.(0.9);
  const flat = selectClusters(condensedTree(mst, n, minClusterSize));
  const canon = canonicalLabels(flat.labels);
  const persistence = new Array<number>(canon.clusterCount);
  flat.persistence.forEach((p, old) => {
    if (canon.mapping[old] >= 0) persistence[canon.mapping[old]] = p;
  });
  progress?.(1);
  return { labels: canon.labels, probabilities: flat.probabilities, persistence, minClusterSize, minSamples, mst: method };
}
