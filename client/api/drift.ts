import type { AnalysisDescription, DatasetDescription } from '../../shared/api-types.ts';
import type { DriftReport } from '../../shared/insights/drift.ts';
import { getJson, sendJson, seg } from './http.ts';

/** Per-column drift from `datasetId` to `against`; without `against`, the drift a comparison dataset keeps. */
export const getDrift = (datasetId: string, against?: string, signal?: AbortSignal): Promise<DriftReport> =>
  getJson<DriftReport>(`/api/datasets/${seg(datasetId)}/drift${against ? `?against=${seg(against)}` : ''}`, signal);

export interface ComparisonCreated {
  dataset: DatasetDescription;
  analysis: AnalysisDescription;
  drift: DriftReport;
}

/** Both datasets as one comparison dataset, its joint-fit analysis already queued (owner only). */
export const createComparison = (datasetId: string, against: string): Promise<ComparisonCreated> =>
  sendJson<ComparisonCreated>(`/api/datasets/${seg(datasetId)}/comparisons`, { against });
