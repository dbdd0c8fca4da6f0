import DensityClustering from 'density-clustering';
import { kmeans as mlKmeans } from 'ml-kmeans';
import { timed } from '../harness.ts';
import { generateMixture, zScoreColumns } from '../../support/synthetic.ts';
import type { Matrix } from '../../../server/analysis/matrix.ts';
import { dbscan } from '../../../server/analysis/cluster/dbscan.ts';
import { kmeans } from '../../../server/analysis/cluster/kmeans.ts';
import { hdbscan } from '../../../server/analysis/cluster/hdbscan.ts';
import { canonicalLabels } from '../../../server/analysis/cluster/canonical-labels.ts';
import { isolationForest } from '../../../server/analysis/anomaly/isolation-forest.ts';
import { densityAnomaly } from '../../../server/analysis/anomaly/density.ts';
import { adjustedRandIndex } from '../../../server/analysis/quality/ari.ts';
import { plantedOutliers } from '../../unit/anomaly/planted.ts';

/**
 * Clustering and anomaly bench cases, one per child process (see harness.ts). Inputs are the
 * shared synthetic mixture (10 clusters, z-scored) so "ari" is agreement with the planted
 * clusters; DBSCAN cases also return a fingerprint of their canonical partition, so the suite
 * can say whether ours and density-clustering's are identical.
 */
export interface MixtureArgs {
  rows: number;
  dims: number;
  seed?: number;
}

function mixture({ rows, dims, seed = 42 }: MixtureArgs): { x: Matrix; labels: Int32Array } {
  const mix = generateMixture({ rows, numeric: dims, categorical: 0, clusters: 10, seed });
  return { x: zScoreColumns(mix.numeric), labels: mix.labels };
}

function toRows(x: Matrix): number[][] {
  return Array.from({ length: x.rows }, (_, i) => Array.from(x.data.subarray(i * x.cols, (i + 1) * x.cols)));
}

/** FNV-1a over canonical labels: equal fingerprints ⇔ (almost surely) identical partitions. */
function fingerprint(labels: Int32Array): string {
  let h = 0x811c9dc5;
  for (const l of canonicalLabels(labels).labels) h = Math.imul(h ^ (l + 1), 0x01000193) >>> 0;
  return h.toString(16);
}

function summary(labels: Int32Array, truth: Int32Array) {
  let clusters = 0;
  let noise = 0;
  for (const l of labels) {
    if (l < 0) noise++;
    else if (l + 1 > clusters) clusters = l + 1;
  }
  return { clusters, noise, ari: adjustedRandIndex(labels, truth) };
}

export async function dbscanOurs(args: MixtureArgs & { eps: number | 'auto' }) {
  const { x, labels } = mixture(args);
  const { value, ms } = await timed(() => dbscan(x, { eps: args.eps, seed: 1 }));
  return { impl: 'ours (kd-tree)', rows: args.rows, ms, eps: value.eps, minPts: value.minPts, ...summary(value.labels, labels), partition: fingerprint(value.labels) };
}

export async function dbscanDensityClustering(args: MixtureArgs & { eps: number; minPts: number }) {
  const { x, labels } = mixture(args);
  const rows = toRows(x);
  const { value, ms } = await timed(() => new DensityClustering.DBSCAN().run(rows, args.eps, args.minPts));
  const out = new Int32Array(x.rows).fill(-1);
  value.forEach((members, c) => members.forEach((i) => (out[i] = c)));
  return { impl: 'density-clustering 1.3', rows: args.rows, ms, eps: args.eps, minPts: args.minPts, ...summary(out, labels), partition: fingerprint(out) };
}

export async function kmeansOurs(args: MixtureArgs & { k: number; nInit: number }) {
  const { x, labels } = mixture(args);
  const { value, ms } = await timed(() => kmeans(x, args.k, { seed: 1, nInit: args.nInit }));
  return { impl: `ours (Hamerly, nInit ${args.nInit})`, ms, iterations: value.iterations, inertia: value.inertia, ari: adjustedRandIndex(value.labels, labels) };
}

export async function kmeansMl(args: MixtureArgs & { k: number }) {
  const { x, labels } = mixture(args);
  const rows = toRows(x);
  const { value, ms } = await timed(() => mlKmeans(rows, args.k, { seed: 1, initialization: 'kmeans++' }));
  let inertia = 0;
  for (let i = 0; i < rows.length; i++) {
    const c = value.centroids[value.clusters[i]];
    for (let t = 0; t < x.cols; t++) inertia += (rows[i][t] - c[t]) ** 2;
  }
  return { impl: 'ml-kmeans 7.0 (1 start)', ms, iterations: value.iterations, inertia, ari: adjustedRandIndex(Int32Array.from(value.clusters), labels) };
}

export async function hdbscanOurs(args: MixtureArgs) {
  const { x, labels } = mixture(args);
  const { value, ms } = await timed(() => hdbscan(x));
  return { impl: `ours (${value.mst}, minClusterSize ${value.minClusterSize}, minSamples ${value.minSamples})`, rows: args.rows, dims: args.dims, ms, ...summary(value.labels, labels) };
}

/** Area under the ROC curve by ranks (Mann–Whitney U), O(n log n). */
function auc(scores: Float32Array, truth: Uint8Array): number {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSum = 0;
  let positives = 0;
  for (let r = 0; r < order.length; ) {
    let end = r;
    while (end + 1 < order.length && scores[order[end + 1]] === scores[order[r]]) end++;
    const midRank = (r + end) / 2 + 1;
    for (let q = r; q <= end; q++) if (truth[order[q]]) {
      rankSum += midRank;
      positives++;
    }
    r = end + 1;
  }
  const negatives = scores.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export async function anomalyOurs(args: { rows: number; dims: number; method: 'isolation-forest' | 'density' }) {
  // 1% for the forest; 0.1% for LOF, since 1% of rows on a 3D shell make a dense layer of
  // their own, which a local density score rightly does not call outlying.
  const outliers = Math.round(args.rows / (args.method === 'density' ? 1000 : 100));
  const { x, truth } = plantedOutliers(args.rows - outliers, outliers, args.dims, 3);
  const { value, ms } = await timed(() =>
    args.method === 'isolation-forest' ? isolationForest(x, { seed: 1 }) : densityAnomaly(x, { k: 10 }),
  );
  return { impl: args.method === 'isolation-forest' ? 'ours isolation forest (100 trees, ψ 256)' : 'ours LOF (k 10)', rows: args.rows, dims: args.dims, planted: outliers, ms, aucPlanted: auc(value, truth) };
}
