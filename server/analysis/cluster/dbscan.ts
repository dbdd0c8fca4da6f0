import type { Matrix } from '../matrix.ts';
import { KdTree } from '../../../shared/spatial/kdtree.ts';
import { throwIfAborted, type ProgressFn } from '../progress.ts';
import { assertInteger, assertUsableMatrix, ClusterInputError } from './errors.ts';
import { canonicalLabels } from './canonical-labels.ts';
import { AUTO_NOISE_SHARE, autoEps } from './eps-auto.ts';
import { widenEps } from './eps-widen.ts';
import { defaultMinClusterSize, defaultMinSamples } from './hdbscan.ts';
import { dropSmallClusters } from './small-clusters.ts';

export interface DbscanOptions {
  /** Neighbourhood radius (Euclidean, inclusive), or 'auto' (see eps-auto.ts and eps-widen.ts). */
  eps: number | 'auto';
  /** Rows within eps, the row itself included, that make a row a core row; default: see defaultMinPts. */
  minPts?: number;
  /**
   * Clusters smaller than this become noise. Default with eps 'auto': HDBSCAN's default
   * minimum cluster size (1% of the rows, at least max(5, √n / 2)); with a given eps: none, the
   * classic DBSCAN partition.
   */
  minClusterSize?: number;
  /** Seed of the sample 'auto' reads the k-distance curve from. */
  seed?: number;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

export interface DbscanResult {
  /** Canonical labels, -1 for noise. */
  labels: Int32Array;
  /** The radius used (the chosen one when 'auto'). */
  eps: number;
  /** How eps was set: given, the k-distance quantile, or that quantile widened (eps-widen.ts). */
  epsRule: 'given' | 'k-distance' | 'widened';
  minPts: number;
  minClusterSize: number;
  coreCount: number;
  /** Clusters under minClusterSize turned into noise, and their rows. */
  droppedClusters: number;
  droppedRows: number;
}

/**
 * max(2·d, HDBSCAN's default min_samples + 1). 2·d is Sander et al.'s (1998) rule, meant for
 * the space clustered; on a 3D layout it gives 6, which measured too small a density estimate:
 * rims of UMAP/t-SNE islands split into fringe clusters. Counting the row itself, HDBSCAN's
 * min_samples + 1 (17 from ~1,000 rows, 10 for 333) makes DBSCAN's core rows exactly HDBSCAN's
 * at the same radius, and gave fewer, truer clusters on every layout measured.
 */
export function defaultMinPts(dim: number, rows: number): number {
  return Math.max(2 * dim, defaultMinSamples(defaultMinClusterSize(rows)) + 1);
}

/**
 * DBSCAN (Ester et al. 1996) on a kd-tree. With a given eps the partition is exactly
 * scikit-learn's (see dbscanPartition). With eps 'auto': eps is the 95th percentile of the
 * k-distance curve (at most 5% noise, eps-auto.ts); clusters under minClusterSize then count as
 * noise, and if that leaves more than 5% of the rows unclustered, eps is widened to the
 * smallest radius that clusters 95% in full-size clusters (eps-widen.ts) and DBSCAN runs again.
 */
export function dbscan(x: Matrix, options: DbscanOptions): DbscanResult {
  assertUsableMatrix(x, 'DBSCAN');
  const { rows: n, cols: d, data } = x;
  const auto = options.eps === 'auto';
  const minPts = options.minPts ?? defaultMinPts(d, n);
  assertInteger(minPts, 'DBSCAN: minPts', 1);
  const minClusterSize = options.minClusterSize ?? (auto ? defaultMinClusterSize(n) : 1);
  assertInteger(minClusterSize, 'DBSCAN: minClusterSize', 1);
  const tree = new KdTree(data, n, d);
  let eps = auto ? autoEps(x, tree, minPts, options.seed ?? 0) : (options.eps as number);
  if (!(eps >= 0) || !Number.isFinite(eps)) throw new ClusterInputError(`DBSCAN: eps must be a finite number >= 0 or 'auto', got ${options.eps}.`);
  const progress = options.onProgress;
  const scaled = (from: number, to: number) => progress && ((f: number) => progress(from + (to - from) * f));

  let run = dbscanPartition(x, tree, eps, minPts, options.signal, scaled(0, auto ? 0.5 : 1));
  let kept = dropSmallClusters(run.labels, minClusterSize);
  let epsRule: DbscanResult['epsRule'] = auto ? 'k-distance' : 'given';
  if (auto && n - countNoise(kept.labels) < (1 - AUTO_NOISE_SHARE) * n) {
    const wider = widenEps(x, tree, minPts, minClusterSize, eps, 1 - AUTO_NOISE_SHARE, options.signal, scaled(0.5, 0.8));
    if (wider > eps) {
      eps = wider;
      epsRule = 'widened';
      run = dbscanPartition(x, tree, eps, minPts, options.signal, scaled(0.8, 1));
      kept = dropSmallClusters(run.labels, minClusterSize);
    }
  }
  progress?.(1);
  return {
    labels: canonicalLabels(kept.labels).labels,
    eps,
    epsRule,
    minPts,
    minClusterSize,
    coreCount: run.coreCount,
    droppedClusters: kept.droppedClusters,
    droppedRows: kept.droppedRows,
  };
}

function countNoise(labels: Int32Array): number {
  let noise = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] < 0) noise++;
  return noise;
}

/**
 * One DBSCAN partition: one radius count per row (stopping at minPts) marks core rows, then
 * each cluster grows from its lowest-numbered core row by radius queries from core rows only.
 * Never builds an n × n matrix; each core row is queried twice, any other row once.
 *
 * The partition is exactly scikit-learn's (and density-clustering's, up to its strict `< eps`):
 * core rows within eps of each other share a cluster; a border row (not core, within eps of a
 * core row) joins the first cluster that reaches it, clusters being grown in order of their
 * lowest-numbered core row; everything else is noise (-1). Labels are in growth order.
 */
export function dbscanPartition(
  x: Matrix,
  tree: KdTree,
  eps: number,
  minPts: number,
  signal?: AbortSignal,
  onProgress?: ProgressFn,
): { labels: Int32Array; coreCount: number } {
  const { rows: n, cols: d, data } = x;
  const every = Math.max(1, Math.floor(n / 50));
  const core = new Uint8Array(n);
  let coreCount = 0;
  for (let i = 0; i < n; i++) {
    if (i % every === 0) {
      throwIfAborted(signal);
      onProgress?.((0.5 * i) / n);
    }
    if (tree.countWithinRadius(data, eps, minPts, i * d) >= minPts) {
      core[i] = 1;
      coreCount++;
    }
  }

  const labels = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  let top = 0;
  let cluster = 0;
  const reach = (j: number) => {
    if (labels[j] >= 0) return;
    labels[j] = cluster;
    if (core[j]) stack[top++] = j;
  };
  let expanded = 0;
  for (let i = 0; i < n; i++) {
    if (!core[i] || labels[i] >= 0) continue;
    labels[i] = cluster;
    stack[top++] = i;
    while (top > 0) {
      const p = stack[--top];
      tree.withinRadius(data, eps, reach, p * d);
      if (++expanded % every === 0) {
        throwIfAborted(signal);
        onProgress?.(0.5 + (0.5 * expanded) / Math.max(1, coreCount));
      }
    }
    cluster++;
  }
  return { labels, coreCount };
}
