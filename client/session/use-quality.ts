import { useCallback, useState } from 'react';
import type { QualityReport, QualityRuleInput } from '../../shared/insights/quality.ts';
import { addQualityRule, deleteQualityRule, getQuality } from '../api/quality.ts';
import { useLoaded } from './use-loaded.ts';
import type { SessionModel } from './session-model.ts';

export interface QualityState {
  report: QualityReport | null;
  /** Why the report could not be loaded. */
  error: string | null;
  /** Adds a rule; resolves to the server's sentence when it refused, else null. */
  addRule(rule: QualityRuleInput): Promise<string | null>;
  deleteRule(ruleId: string): Promise<string | null>;
}

/**
 * The session dataset's quality report (with what the session's analysis did about missing
 * values), loaded with the page (the panel's badge shows its counts while collapsed) and again
 * after each rule change.
 */
export function useQuality(model: SessionModel): QualityState {
  const datasetId = model.dataset.id;
  const analysisId = model.analysis.id;
  const [version, setVersion] = useState(0);
  const { value: report, error } = useLoaded<QualityReport>((signal) => getQuality(datasetId, analysisId, signal), [datasetId, analysisId, version]);

  const change = useCallback(async (work: () => Promise<unknown>): Promise<string | null> => {
    try {
      await work();
      setVersion((v) => v + 1);
      return null;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }, []);

  return {
    report,
    error,
    addRule: (rule) => change(() => addQualityRule(datasetId, rule)),
    deleteRule: (ruleId) => change(() => deleteQualityRule(datasetId, ruleId)),
  };
}
