import { useEffect, useRef, useState } from 'react';
import type { AnalysisParamsInput } from '../../shared/analysis-params.ts';
import type { AnalysisProgress } from '../../shared/api-types.ts';
import { cancelAnalysis, startAnalysis } from '../api/analyses.ts';
import { watchAnalysis } from '../api/analysis-events.ts';

export interface RunState {
  progress: AnalysisProgress | null;
  layout: Float32Array | null;
  /** The analysis is done and `then` (open or re-bind a session) is under way: too late to cancel. */
  finishing: boolean;
}

export interface FinishedRun {
  id: string;
  /** The server already had this analysis (same dataset and parameters): nothing was computed. */
  existing: boolean;
}

export type RunOutcome = ({ kind: 'done' } & FinishedRun) | { kind: 'cancelled' };

export interface AnalysisRun {
  run: RunState | null;
  error: string | null;
  /** How the last run ended (null while one runs or before the first). */
  outcome: RunOutcome | null;
  start(datasetId: string, params: AnalysisParamsInput, then: (finished: FinishedRun) => Promise<void>): void;
  cancel(): void;
}

interface Attempt {
  cancelled: boolean;
  id: string | null;
  /** We started the computation (not a dedup hit on someone else's run), so we may cancel it. */
  ours: boolean;
  /** Done, and `then` is under way: cancelling now would leave half of it done. */
  finishing: boolean;
  stop: (() => void) | null;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Runs an analysis: POST, follow its events (progress and settling layouts), then hand the
 * finished analysis to `then` (the start page opens a session on it, the session page re-binds
 * to it). A request the server already answered (same parameters) skips straight to `then`.
 * Cancel stops following and cancels the job on the server when this run started it.
 */
export function useRunAnalysis(): AnalysisRun {
  const [run, setRun] = useState<RunState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<RunOutcome | null>(null);
  const current = useRef<Attempt | null>(null);
  useEffect(() => () => current.current?.stop?.(), []);

  const start = (datasetId: string, params: AnalysisParamsInput, then: (finished: FinishedRun) => Promise<void>) => {
    current.current?.stop?.();
    const attempt: Attempt = { cancelled: false, id: null, ours: false, finishing: false, stop: null };
    current.current = attempt;
    const live = () => current.current === attempt && !attempt.cancelled;
    setError(null);
    setOutcome(null);
    setRun({ progress: null, layout: null, finishing: false });

    const fail = (e: unknown) => {
      if (!live()) return;
      attempt.stop?.();
      current.current = null;
      setRun(null);
      setError(messageOf(e));
    };
    const finish = (finished: FinishedRun) => {
      if (!live()) return;
      attempt.finishing = true;
      setRun((r) => ({ progress: r?.progress ?? null, layout: r?.layout ?? null, finishing: true }));
      then(finished).then(() => {
        if (!live()) return;
        current.current = null;
        setRun(null);
        setOutcome({ kind: 'done', ...finished });
      }, fail);
    };

    startAnalysis(datasetId, params).then((started) => {
      if (attempt.cancelled) {
        // Cancelled while the request was on its way: stop the job it started, if it started one.
        if (!started.existing) void cancelAnalysis(started.id).catch(() => undefined);
        return;
      }
      attempt.id = started.id;
      attempt.ours = !started.existing;
      const existing = started.existing;
      if (existing && started.status === 'done') return finish({ id: started.id, existing });
      attempt.stop = watchAnalysis(started.id, {
        onProgress: (_s, progress) => live() && setRun((r) => ({ layout: r?.layout ?? null, finishing: false, progress })),
        onLayout: (layout) => live() && setRun((r) => ({ progress: r?.progress ?? null, finishing: false, layout })),
        onDone: () => finish({ id: started.id, existing }),
        onFailed: (a) => fail(new Error(a.status === 'cancelled' ? 'The analysis was cancelled on the server.' : (a.error?.message ?? 'The analysis failed.'))),
        onError: (m) => fail(new Error(m)),
      });
    }, fail);
  };

  const cancel = () => {
    const attempt = current.current;
    if (!attempt || attempt.cancelled || attempt.finishing) return;
    attempt.cancelled = true;
    attempt.stop?.();
    current.current = null;
    setRun(null);
    setOutcome({ kind: 'cancelled' });
    if (attempt.id && attempt.ours) {
      cancelAnalysis(attempt.id).catch((e: unknown) => setError(`The analysis could not be cancelled on the server: ${messageOf(e)}`));
    }
  };

  return { run, error, outcome, start, cancel };
}
