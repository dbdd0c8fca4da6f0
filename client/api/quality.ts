import type { QualityReport, QualityRule, QualityRuleInput } from '../../shared/insights/quality.ts';
import { getJson, request, sendJson, seg } from './http.ts';

/** A dataset's quality report; with `analysisId`, also what that analysis did about missing values. */
export const getQuality = (datasetId: string, analysisId?: string, signal?: AbortSignal): Promise<QualityReport> =>
  getJson<QualityReport>(`/api/datasets/${seg(datasetId)}/quality${analysisId ? `?analysisId=${seg(analysisId)}` : ''}`, signal);

export const addQualityRule = (datasetId: string, rule: QualityRuleInput): Promise<QualityRule> => sendJson<QualityRule>(`/api/datasets/${seg(datasetId)}/rules`, rule);

export async function deleteQualityRule(datasetId: string, ruleId: string): Promise<void> {
  await request(`/api/datasets/${seg(datasetId)}/rules/${seg(ruleId)}`, { method: 'DELETE' });
}
