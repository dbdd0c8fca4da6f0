import { arrayRoute, hasArrayType, SERVED_ARRAY_NAMES, type ServedArrays } from '../../shared/analysis-arrays.ts';
import type { AnalysisParamsInput } from '../../shared/analysis-params.ts';
import type { AnalysisDescription } from '../../shared/api-types.ts';
import { ApiRequestError, getBinary, getJson, request, sendJson, seg } from './http.ts';

export const startAnalysis = (datasetId: string, params: AnalysisParamsInput): Promise<{ id: string; status: string; existing: boolean }> =>
  sendJson(`/api/datasets/${seg(datasetId)}/analyses`, params);

export const getAnalysis = (id: string, signal?: AbortSignal): Promise<AnalysisDescription> =>
  getJson<AnalysisDescription>(`/api/analyses/${seg(id)}`, signal);

export const listAnalyses = (datasetId: string): Promise<AnalysisDescription[]> =>
  getJson<{ analyses: AnalysisDescription[] }>(`/api/datasets/${seg(datasetId)}/analyses`).then((r) => r.analyses);

/** The per-point arrays of a finished analysis; point i is dataset row rowIndex[i]. */
export interface AnalysisArrays extends ServedArrays {
  count: number;
}

export async function getAnalysisArrays(id: string, signal?: AbortSignal): Promise<AnalysisArrays> {
  const base = `/api/analyses/${seg(id)}`;
  const decoded = await Promise.all(SERVED_ARRAY_NAMES.map((name) => getBinary(`${base}/${arrayRoute(name)}.bin`, signal)));
  const arrays: Partial<ServedArrays> = {};
  SERVED_ARRAY_NAMES.forEach((name, i) => {
    const data = decoded[i].data;
    if (!hasArrayType(name, data)) throw new ApiRequestError('bad_array', `The ${arrayRoute(name)} array has an unexpected type.`, 0);
    Object.assign(arrays, { [name]: data });
  });
  const served = arrays as ServedArrays;
  const n = served.rowIndex.length;
  if (served.positions.length !== n * 3 || served.cluster.length !== n || served.anomaly.length !== n || served.anomalyFlag.length !== n) {
    throw new ApiRequestError('bad_array', 'The analysis arrays disagree on the number of points.', 0);
  }
  return { count: n, ...served };
}

export interface FeatureNeighbours {
  point: number;
  neighbors: { point: number; distance: number }[];
}

/** k nearest points of `point` in feature space (GET /api/analyses/:id/neighbors). */
export const getNeighbours = (analysisId: string, point: number, k: number, signal?: AbortSignal): Promise<FeatureNeighbours> =>
  getJson<FeatureNeighbours>(`/api/analyses/${seg(analysisId)}/neighbors?point=${point}&k=${k}`, signal);

/** Stops a queued or running analysis (DELETE /api/analyses/:id); a finished one stays as it is. */
export async function cancelAnalysis(id: string): Promise<AnalysisDescription & { cancelled: boolean }> {
  return (await (await request(`/api/analyses/${seg(id)}`, { method: 'DELETE' })).json()) as AnalysisDescription & { cancelled: boolean };
}
