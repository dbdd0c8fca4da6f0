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
export interface AnalysisArrays {
  count: number;
  positions: Float32Array;
  cluster: Int32Array;
  anomaly: Float32Array;
  anomalyFlag: Uint8Array;
  rowIndex: Uint32Array;
}

function expect<T>(value: unknown, ctor: new (...args: never[]) => T, name: string): T {
  if (!(value instanceof ctor)) throw new ApiRequestError('bad_array', `The ${name} array has an unexpected type.`, 0);
  return value;
}

export async function getAnalysisArrays(id: string, signal?: AbortSignal): Promise<AnalysisArrays> {
  const base = `/api/analyses/${seg(id)}`;
  const [positions, cluster, anomaly, anomalyFlag, rowIndex] = await Promise.all(
    ['positions', 'cluster', 'anomaly', 'anomaly-flag', 'row-index'].map((name) => getBinary(`${base}/${name}.bin`, signal)),
  );
  const arrays: AnalysisArrays = {
    count: rowIndex.shape[0],
    positions: expect(positions.data, Float32Array, 'positions'),
    cluster: expect(cluster.data, Int32Array, 'cluster'),
    anomaly: expect(anomaly.data, Float32Array, 'anomaly'),
    anomalyFlag: expect(anomalyFlag.data, Uint8Array, 'anomaly flag'),
    rowIndex: expect(rowIndex.data, Uint32Array, 'row index'),
  };
  const n = arrays.count;
  if (arrays.positions.length !== n * 3 || arrays.cluster.length !== n || arrays.anomaly.length !== n || arrays.anomalyFlag.length !== n) {
    throw new ApiRequestError('bad_array', 'The analysis arrays disagree on the number of points.', 0);
  }
  return arrays;
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
