import type { TrendPeriod, TrendsResponse } from '../../shared/insights/trends.ts';
import { getJson, seg } from './http.ts';

export interface TrendsRequest {
  date: string;
  /** A numeric column to average per period; absent → counts. */
  value?: string;
  period?: TrendPeriod | 'auto';
  horizon?: number;
  /** Raw cluster id → displayed id (the session's numbering). */
  clusters?: { raw: number[]; shown: number[] };
}

/** Per-cluster trends of a finished analysis over a date column, with forecasts (docs/http-api.md). */
export function getTrends(analysisId: string, request: TrendsRequest, signal?: AbortSignal): Promise<TrendsResponse> {
  const query = new URLSearchParams({ date: request.date });
  if (request.value) query.set('value', request.value);
  if (request.period) query.set('period', request.period);
  if (request.horizon) query.set('horizon', String(request.horizon));
  if (request.clusters && request.clusters.raw.length > 0) query.set('clusters', request.clusters.raw.map((r, k) => `${r}:${request.clusters!.shown[k]}`).join(','));
  return getJson<TrendsResponse>(`/api/analyses/${seg(analysisId)}/trends?${query}`, signal);
}
