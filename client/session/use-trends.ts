import { useEffect, useState } from 'react';
import type { TrendPeriod, TrendsResponse } from '../../shared/insights/trends.ts';
import { getTrends } from '../api/trends.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { askClusterIds } from './answer-actions.ts';
import type { SessionModel } from './session-model.ts';

export interface TrendsChoice {
  /** The date column; the dataset's first one until the user picks another. */
  date: string | null;
  /** A numeric column averaged per period, or null for counts. */
  value: string | null;
  period: TrendPeriod | 'auto';
}

export interface TrendsState {
  /** The dataset's date columns (none: there are no trends to show). */
  dateColumns: string[];
  /** Its numeric columns, any of which may be averaged instead of counting. */
  valueColumns: string[];
  choice: TrendsChoice;
  choose(change: Partial<TrendsChoice>): void;
  result: TrendsResponse | null;
  loading: boolean;
  error: string | null;
}

/** Periods a forecast reaches ahead. */
export const TREND_HORIZON = 6;

/**
 * The session analysis' per-cluster trends (server-side series and forecasts, in the session's
 * cluster numbering), for the columns this participant picks; loaded while `active` (the panel
 * is open), again when the choice or the numbering changes. The choice is local, not shared.
 */
export function useTrends(model: SessionModel, active: boolean): TrendsState {
  const dateColumns = model.dataset.columns.filter((c) => c.type === 'datetime').map((c) => c.name);
  const valueColumns = model.dataset.columns.filter((c) => c.type === 'number' && !c.identifier).map((c) => c.name);
  const [picked, setPicked] = useState<TrendsChoice>({ date: null, value: null, period: 'auto' });
  const choice = { ...picked, date: picked.date ?? dateColumns[0] ?? null };
  const analysisId = model.analysis.id;
  const numbering = useDocValue(model.conn.doc, ['meta'], (doc) => JSON.stringify(askClusterIds(doc, analysisId) ?? null));
  const [result, setResult] = useState<TrendsResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!active || choice.date === null) return;
    const abort = new AbortController();
    setLoading(true);
    const clusters = JSON.parse(numbering) as { raw: number[]; shown: number[] } | null;
    getTrends(analysisId, { date: choice.date, value: choice.value ?? undefined, period: choice.period, horizon: TREND_HORIZON, clusters: clusters ?? undefined }, abort.signal).then(
      (r) => {
        setResult(r);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (abort.signal.aborted) return;
        setError(e instanceof Error ? e.message : String(e));
        setLoading(false);
      },
    );
    return () => abort.abort();
  }, [active, analysisId, choice.date, choice.value, choice.period, numbering]);

  return { dateColumns, valueColumns, choice, choose: (change) => setPicked((p) => ({ ...p, ...change })), result, loading, error };
}
