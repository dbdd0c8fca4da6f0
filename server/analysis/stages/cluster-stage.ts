import { checksLayoutAgreement, clusteringSpace, LAYOUT_AGREEMENT_MIN, type AnalysisParams, type ReductionMethod } from '../../../shared/analysis-params.ts';
import { infoNote, type AnalysisNote, type AnalysisSummary } from '../../../shared/analysis-result.ts';
import { dbscan } from '../cluster/dbscan.ts';
import { hdbscan } from '../cluster/hdbscan.ts';
import type { Matrix } from '../matrix.ts';
import type { ProgressFn } from '../progress.ts';
import { neighbourAgreement } from '../quality/neighbour-agreement.ts';
import { agreementNote, dbscanNote, hdbscanNote } from './cluster-notes.ts';
import { kmeansStage } from './kmeans-stage.ts';

export interface ClusterStageOutput {
  labels: Int32Array;
  summary: Omit<AnalysisSummary['clustering'], 'clusterCount' | 'noiseCount'>;
  notes: AnalysisNote[];
}

/**
 * Runs the chosen clustering where the user asked (the 3D layout or the scaled features;
 * default: density methods on the layout, k-means on the features — see clusteringSpace).
 * Default k-means is then checked against a UMAP or t-SNE layout: colours that cut across the
 * islands people see (LAYOUT_AGREEMENT_MIN) are replaced by k-means on the layout, and a note
 * says which was chosen and why. Every result records how well its colours agree with the layout.
 */
export function clusterStage(
  layout: Matrix,
  features: Matrix,
  params: AnalysisParams,
  hooks: { onProgress: ProgressFn; signal?: AbortSignal },
  layoutMethod: ReductionMethod = params.reduction.method,
  /** featureClustering's result when it was computed already (feature-stages.ts), else null. */
  computedOnFeatures: ClusterStageOutput | null = null,
): ClusterStageOutput {
  const agreement = (labels: Int32Array) => neighbourAgreement(layout, labels, { seed: params.seed });
  if (!checksLayoutAgreement(params, layoutMethod)) {
    const space = clusteringSpace(params);
    const out = (space === 'features' && computedOnFeatures) || runClustering(space === 'embedding' ? layout : features, space, params, hooks);
    return { ...out, summary: { ...out.summary, layoutAgreement: agreement(out.labels) } };
  }
  const half = (from: number) => (f: number) => hooks.onProgress(from + f / 2);
  const onFeatures = computedOnFeatures ?? featureClustering(features, params, { onProgress: half(0), signal: hooks.signal });
  const featuresAgreement = agreement(onFeatures.labels);
  if (featuresAgreement >= LAYOUT_AGREEMENT_MIN) {
    return {
      ...onFeatures,
      summary: { ...onFeatures.summary, layoutAgreement: featuresAgreement, spaceCheck: { features: featuresAgreement, threshold: LAYOUT_AGREEMENT_MIN } },
      notes: [...onFeatures.notes, infoNote(agreementNote(layoutMethod, featuresAgreement))],
    };
  }
  const onLayout = kmeansStage(layout, 'embedding', params, { onProgress: half(0.5), signal: hooks.signal });
  const layoutAgreement = agreement(onLayout.labels);
  return {
    ...onLayout,
    summary: { ...onLayout.summary, layoutAgreement, spaceCheck: { features: featuresAgreement, layout: layoutAgreement, threshold: LAYOUT_AGREEMENT_MIN } },
    notes: [...onLayout.notes, infoNote(agreementNote(layoutMethod, featuresAgreement, layoutAgreement, onFeatures.summary.k))],
  };
}

/**
 * Whether the clustering reads the features alone (or, checked against the layout, fits on
 * them first): then featureClustering can run before the layout exists (feature-stages.ts).
 */
export function clustersOnFeatures(params: AnalysisParams, layoutMethod: ReductionMethod): boolean {
  return checksLayoutAgreement(params, layoutMethod) || clusteringSpace(params) === 'features';
}

/** The clustering on the features: all of it, or the first fit that clusterStage checks against the layout. */
export function featureClustering(features: Matrix, params: AnalysisParams, hooks: { onProgress: ProgressFn; signal?: AbortSignal }): ClusterStageOutput {
  return runClustering(features, 'features', params, hooks);
}

/** The chosen clustering on x, which is the layout or the features (`space`). */
function runClustering(x: Matrix, space: 'embedding' | 'features', params: AnalysisParams, hooks: { onProgress: ProgressFn; signal?: AbortSignal }): ClusterStageOutput {
  const c = params.clustering;
  const common = { onProgress: hooks.onProgress, signal: hooks.signal };
  switch (c.method) {
    case 'kmeans':
      return kmeansStage(x, space, params, hooks);
    case 'dbscan': {
      const result = dbscan(x, { eps: c.eps, minPts: c.minPts, minClusterSize: c.minClusterSize, seed: params.seed, ...common });
      return { labels: result.labels, summary: { method: 'dbscan', space, eps: result.eps }, notes: [infoNote(dbscanNote(result, x.rows, c.minPts === undefined, c.minClusterSize === undefined))] };
    }
    case 'hdbscan': {
      const result = hdbscan(x, { minClusterSize: c.minClusterSize, minSamples: c.minPts, ...common });
      return { labels: result.labels, summary: { method: 'hdbscan', space }, notes: [infoNote(hdbscanNote(result, x.rows, c.minClusterSize === undefined, c.minPts === undefined))] };
    }
  }
}
