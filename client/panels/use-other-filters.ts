import { useMemo } from 'react';
import { readFilters } from '../../shared/session/index.ts';
import type { SessionModel } from '../session/session-model.ts';
import { evaluateFilters } from '../../shared/encodings/filters.ts';

/**
 * Which points pass every filter except `filterId` (null when no other filter is on): a filter's
 * own chart or counts show what it would keep among them. Re-evaluated when the other filters
 * change, or when `columnsVersion` says a column they read has loaded.
 */
export function useOtherFiltersPass(model: SessionModel, filterId: string, columnsVersion: unknown): Uint8Array | null {
  const others = readFilters(model.conn.doc).filter((f) => f.id !== filterId);
  const othersKey = JSON.stringify(others);
  // othersKey stands for `others` (a new array each render, the same filters).
  return useMemo(() => (others.some((f) => f.enabled) ? evaluateFilters(others, model.ctx).passes : null), [othersKey, model, columnsVersion]);
}
