import type { ClusterStatsTable, CompareRequest, CompareResult } from '../../shared/insights/explain.ts';
import { getJson, request, sendJson, seg } from './http.ts';

export type { CompareGroup } from '../../shared/insights/explain.ts';

/**
 * The analysis's explanation routes: two groups compared on demand, and the per-cluster
 * statistics table (JSON to show, CSV to download). Cluster ids here are the analysis's raw
 * ids (the session model's `rawClusterIds` translates displayed ones).
 */

/** POST /api/analyses/:id/compare: what sets group a apart from group b. */
export const compareGroups = (analysisId: string, body: CompareRequest): Promise<CompareResult> =>
  sendJson<CompareResult>(`/api/analyses/${seg(analysisId)}/compare`, body);

/** GET /api/analyses/:id/cluster-stats: per column and per cluster (and all rows) count, mean, sd, quartiles, missing, top values. */
export const getClusterStats = (analysisId: string, signal?: AbortSignal): Promise<ClusterStatsTable> =>
  getJson<ClusterStatsTable>(`/api/analyses/${seg(analysisId)}/cluster-stats`, signal);

/**
 * GET /api/analyses/:id/cluster-stats?format=csv, as a file to save, its clusters numbered and
 * named as the session shows them (`rawClusterIds`: displayed id → raw id, sent as `clusters=raw:shown,…`).
 */
export async function clusterStatsCsv(analysisId: string, rawClusterIds: ReadonlyMap<number, number>): Promise<Blob> {
  const shown = [...rawClusterIds].map(([id, raw]) => `${raw}:${id}`).join(',');
  const query = shown ? `&clusters=${encodeURIComponent(shown)}` : '';
  return (await request(`/api/analyses/${seg(analysisId)}/cluster-stats?format=csv${query}`)).blob();
}
