import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { ProposedFilter } from '../../shared/insights/ask.ts';
import { pointsKept } from './answer-actions.ts';
import type { SessionModel } from './session-model.ts';

/**
 * How many of this session's points an answer's proposed filters keep (the answer counts
 * dataset rows, the cloud shows the analysed ones), loading the columns it needs; null until
 * they are loaded or when a column cannot be.
 */
export function useProposalPoints(model: SessionModel, filters: readonly ProposedFilter[]): number | null {
  const version = useSyncExternalStore(model.columns.subscribe, model.columns.getVersion);
  const key = JSON.stringify(filters);
  useEffect(() => {
    model.columns.ensure(filters.map((f) => f.column).filter((c) => model.columns.has(c)));
    // The proposal is plain data: its JSON is its identity.
  }, [model, key]);
  return useMemo(() => (filters.every((f) => model.columns.has(f.column)) ? pointsKept(filters, model.ctx) : null), [model, key, version]);
}
