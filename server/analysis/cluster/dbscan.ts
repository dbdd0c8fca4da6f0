import type { Matrix } from '../matrix.ts';
import { KdTree } from '../../../shared/spatial/kdtree.ts';
import { throwIfAborted, type ProgressFn } from '../progress.ts';
import { assertInteger, assertUsableMatrix, ClusterInputError } from './errors.ts';
import { canonicalLabels } from './canonical-labels.ts';
import { autoEps } from './eps-auto.ts';

export interface DbscanOptions {
  /** Neighbourhood radius (Euclidean, inclusive), or 'auto' for the knee of the k-distance curve (see eps-auto.ts). */
  eps: number | 'auto';
  /** Rows within eps, the row itself included, that make a row a core row; default max(5, 2·d). */
  minPts?: number;
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
  minPts: number;
  coreCount: number;
}

export function defaultMinPts(dim: number): number {
  return Math.max(5, 2 * dim);
}

/**
 * DBSCAN (Ester et al. 1996) on a kd-tree: one radius count per row (stopping at minPts) marks
 * core rows, then each cluster grows from its lowest-numbered core row by radius queries
 * from core rows only. Never builds an n × n matrix; each core row is queried twice, any other
 * row once.
 *
 * The partition is exactly scikit-learn's (and density-clustering's, up to its strict `< eps`):
 * core rows within eps of each other share a cluster; a border row (not core, within eps of a
 * core row) joins the first cluster that reaches it, clusters being grown in order of their
 * lowest-numbered core row; everything else is noise (-1). Labels are then made canonical.
 */
export function dbscan(x: Matrix, options: DbscanOptions): DbscanResult {
  assertUsableMatrix(x, 'DBSCAN');
  const { rows: n, cols: d, data } = x;
  const minPts = options.minPts ?? defaultMinPts(d);
  assertInteger(minPts, 'DBSCAN: minPts', 1);
  const tree = new KdTree(data, n, d);
  const eps = options.eps === 'auto' ? autoEps(x, tree, minPts, options.seed ?? 0) : options.eps;
  if (!(eps >= 0) || !Number.isFinite(eps)) throw new ClusterInputError(`DBSCAN: eps must be a finite number >= 0 or 'auto', got ${options.eps}.`);
  const every = Math.max(1, Math.floor(n / 50));

  const core = new Uint8Array(n);
  let coreCount = 0;
  for (let i = 0; i < n; i++) {
    if (i % every === 0) {
      throwIfAborted(options.signal);
      options.onProgress?.((0.5 * i) / n);
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
        throwIfAborted(options.signal);
        options.onProgress?.(0.5 + (0.5 * expanded) / Math.max(1, coreCount));
      }
    }
    cluster++;
  }
  return { labels: canonicalLabels(labels).labels, eps, minPts, coreCount };
}
