import type { DatasetDescription } from '../../shared/api-types.ts';
import type { CoOccurrenceAnswer, CoOccurrenceRequest } from '../../shared/insights/co-occurrence.ts';
import { sendJson, seg } from './http.ts';

export interface RfmCreated {
  dataset: DatasetDescription;
  customers: number;
  skipped: number;
  lastDate: string;
  segments: Record<string, number>;
}

/** The customer-segments preset: a transactions table → a new customer table (POST /api/datasets/:id/rfm). */
export const createRfmDataset = (datasetId: string, columns: { customer: string; date: string; amount: string }): Promise<RfmCreated> =>
  sendJson<RfmCreated>(`/api/datasets/${seg(datasetId)}/rfm`, columns);

/** Co-occurrence rules over a group of an analysis's rows (POST /api/analyses/:id/co-occurrences). */
export const getCoOccurrences = (analysisId: string, body: CoOccurrenceRequest): Promise<CoOccurrenceAnswer> =>
  sendJson<CoOccurrenceAnswer>(`/api/analyses/${seg(analysisId)}/co-occurrences`, body);
