import type { AnalysisParams } from '../../shared/analysis-params.ts';
import type { AnalysisDescription } from '../../shared/api-types.ts';
import type { ClusterStatsTable } from '../../shared/insights/explain.ts';
import type { AnalysisArrays, ArrayName } from '../../shared/analysis-arrays.ts';

export type AnalysisPatch = Partial<Pick<AnalysisDescription, 'status' | 'progress' | 'error' | 'finishedAt' | 'result'>>;

/**
 * What the API, the services and the job runners need of the analyses: the seam between them
 * and where analyses live. The embedded implementation is AnalysisStore (analysis.json and result
 * files under DATA_DIR, records cached in memory); with REDIS_URL the same class runs on a shared
 * DATA_DIR, its cache kept true by store events (server/store/shared/).
 */
export interface AnalysisCatalog {
  /** Analyses that were queued or running when the server stopped. */
  unfinished(): AnalysisDescription[];
  /** `id`: given where several processes must agree on it (a shared DATA_DIR names an analysis by its key). */
  create(datasetId: string, params: AnalysisParams, key: string, id?: string): Promise<AnalysisDescription>;
  findByKey(key: string): AnalysisDescription | undefined;
  /** StoreError 'not_found' for an unknown id. */
  get(id: string): AnalysisDescription;
  /** The dataset an analysis belongs to, or null for an unknown id (access checks ask this). */
  datasetOf(id: string): string | null;
  listForDataset(datasetId: string): AnalysisDescription[];
  /** Live progress, kept in memory only. */
  setProgress(id: string, progress: AnalysisDescription['progress']): void;
  update(id: string, patch: AnalysisPatch): Promise<AnalysisDescription>;
  saveResult(id: string, arrays: AnalysisArrays, clusterStats: ClusterStatsTable): Promise<void>;
  arrayPath(id: string, name: ArrayName): string;
  readClusterStats(id: string): Promise<ClusterStatsTable | null>;
  readArray<K extends ArrayName>(id: string, name: K): Promise<AnalysisArrays[K]>;
  delete(id: string): Promise<void>;
}
