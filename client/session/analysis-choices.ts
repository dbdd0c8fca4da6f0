import type { AnalysisParams, AnalysisParamsInput, ClusteringMethod, ReductionMethod } from '../../shared/analysis-params.ts';
import type { ColumnType } from '../../shared/table.ts';

export type MissingPolicy = AnalysisParams['missing'];
export type ColumnOverrides = Record<string, { type?: ColumnType; exclude?: boolean }>;

/** What a person chooses about an analysis, on the start page and on a session page alike. */
export interface AnalysisChoices {
  missing: MissingPolicy;
  reduction: ReductionMethod;
  clustering: ClusteringMethod;
}

/** Below this many rows, dropping incomplete rows loses too much: fill them in by default. */
const SMALL_TABLE_ROWS = 200;

export function defaultChoices(table: { rowCount: number; columns: readonly { missing: number }[] }): AnalysisChoices {
  const impute = table.rowCount < SMALL_TABLE_ROWS && table.columns.some((c) => c.missing > 0);
  return { missing: impute ? 'impute' : 'drop', reduction: 'umap', clustering: 'kmeans' };
}

/** The choices an existing analysis was made with (to preselect them). */
export function choicesOf(params: AnalysisParams): AnalysisChoices {
  return { missing: params.missing, reduction: params.reduction.method, clustering: params.clustering.method };
}

export function sameChoices(a: AnalysisChoices, b: AnalysisChoices): boolean {
  return a.missing === b.missing && a.reduction === b.reduction && a.clustering === b.clustering;
}

/**
 * The request body for an analysis with these choices. Given `base` (a session's current
 * analysis), everything the form does not show is kept (features, column overrides, scaling,
 * anomalies, seed), and a method's own settings (k, eps, perplexity…) are kept while that method
 * stays chosen; a newly chosen method starts from its defaults. So unchanged choices give back
 * `base` itself and the server answers with the analysis it already has.
 */
export function paramsFor(choices: AnalysisChoices, base?: AnalysisParams, columns?: ColumnOverrides): AnalysisParamsInput {
  if (!base) {
    const params: AnalysisParamsInput = { missing: choices.missing, reduction: { method: choices.reduction }, clustering: { method: choices.clustering } };
    if (columns && Object.keys(columns).length > 0) params.columns = columns;
    return params;
  }
  return {
    ...base,
    missing: choices.missing,
    reduction: base.reduction.method === choices.reduction ? base.reduction : { method: choices.reduction },
    clustering: base.clustering.method === choices.clustering ? base.clustering : { method: choices.clustering },
  };
}

/** `params` with the words of these free-text columns as features (none: unchanged). */
export function withTextFeatures(params: AnalysisParamsInput, columns: readonly string[]): AnalysisParamsInput {
  return columns.length > 0 ? { ...params, text: { columns: [...columns] } } : params;
}

const REDUCTION_NAMES: Record<ReductionMethod, string> = { umap: 'UMAP', tsne: 't-SNE', pca: 'PCA' };
const CLUSTERING_NAMES: Record<ClusteringMethod, string> = { kmeans: 'k-means', dbscan: 'DBSCAN', hdbscan: 'HDBSCAN' };

export const reductionName = (method: ReductionMethod): string => REDUCTION_NAMES[method];
export const clusteringName = (method: ClusteringMethod): string => CLUSTERING_NAMES[method];

/** "PCA · HDBSCAN" (and "· missing values filled in"): how an analysis is named in messages. */
export function describeChoices(choices: AnalysisChoices): string {
  const name = `${reductionName(choices.reduction)} · ${clusteringName(choices.clustering)}`;
  return choices.missing === 'impute' ? `${name} · missing values filled in` : name;
}
