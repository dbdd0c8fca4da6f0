import { clusteringSpace, type AnalysisParams } from '../../../shared/analysis-params.ts';
import type { AnalysisSummary } from '../../../shared/analysis-result.ts';
import { dbscan } from '../cluster/dbscan.ts';
import { hdbscan } from '../cluster/hdbscan.ts';
import { dbscanNote, hdbscanNote } from './cluster-notes.ts';
import { kmeans } from '../cluster/kmeans.ts';
import { kmeansAuto } from '../cluster/kmeans-auto.ts';
import type { Matrix } from '../matrix.ts';
import type { ProgressFn } from '../progress.ts';

export interface ClusterStageOutput {
  labels: Int32Array;
  summary: Omit<AnalysisSummary['clustering'], 'clusterCount' | 'noiseCount'>;
  notes: string[];
}

/**
 * Runs the chosen clustering where the user asked (the 3D layout or the scaled features;
 * default: density methods on the layout, k-means on the features — see clusteringSpace).
 */
export function clusterStage(
  layout: Matrix,
  features: Matrix,
  params: AnalysisParams,
  hooks: { onProgress: ProgressFn; signal?: AbortSignal },
): ClusterStageOutput {
  const c = params.clustering;
  const space = clusteringSpace(params);
  const x = space === 'embedding' ? layout : features;
  const notes: string[] = [];
  const common = { onProgress: hooks.onProgress, signal: hooks.signal };
  switch (c.method) {
    case 'kmeans': {
      if (c.k === 'auto') {
        const auto = kmeansAuto(x, { seed: params.seed, ...common });
        if (auto.sampled < x.rows) notes.push(`k = ${auto.k} was chosen by silhouette on a random sample of ${auto.sampled} of ${x.rows} points, then fitted on all points.`);
        return {
          labels: auto.result.labels,
          summary: { method: 'kmeans', space, k: auto.k, silhouette: auto.scores.map((s) => ({ k: s.k, score: s.silhouette })), silhouetteSample: auto.sampled },
          notes,
        };
      }
      const k = Math.min(c.k, x.rows);
      return { labels: kmeans(x, k, { seed: params.seed, ...common }).labels, summary: { method: 'kmeans', space, k }, notes };
    }
    case 'dbscan': {
      const result = dbscan(x, { eps: c.eps, minPts: c.minPts, minClusterSize: c.minClusterSize, seed: params.seed, ...common });
      notes.push(dbscanNote(result, x.rows, c.minPts === undefined, c.minClusterSize === undefined));
      return { labels: result.labels, summary: { method: 'dbscan', space, eps: result.eps }, notes };
    }
    case 'hdbscan': {
      const result = hdbscan(x, { minClusterSize: c.minClusterSize, minSamples: c.minPts, ...common });
      notes.push(hdbscanNote(result, x.rows, c.minClusterSize === undefined, c.minPts === undefined));
      return { labels: result.labels, summary: { method: 'hdbscan', space }, notes };
    }
  }
}
