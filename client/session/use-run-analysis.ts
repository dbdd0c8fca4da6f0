import { useEffect, useRef, useState } from 'react';
import type { AnalysisParamsInput } from '../../shared/analysis-params.ts';
import type { AnalysisProgress } from '../../shared/api-types.ts';
import { startAnalysis } from '../api/analyses.ts';
import { watchAnalysis } from '../api/analysis-events.ts';
import { waitCancelled } from './wait-cancelled.ts';

/** What a run has handed out ahead of its result (the `clusters` and `anomalies` events); null before. */
export interface EarlyPoints {
  cluster: Int32Array | null;
  anomalyFlag: Uint8Array | null;
}

export interface RunState {
  progress: AnalysisProgress | null;
  layout: Float32Array | null;
  /** Its clusters and anomaly flags as soon as those stages end (the preview colours and rings them). */
  early: EarlyPoints;
  /** The analysis is done and `then` (open or re-bind a session) is under way: too late to cancel. */
  finishing: boolean;
  /**
   * Cancel was pressed and the server has not yet reported the job stopped: running the same
   * choices again now would join the dying job, so the forms stay disabled until this clears.
   */
  cancelling: boolean;
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
  /**
   * `started` (optional) runs once the server has accepted an analysis that is not done yet,
   * before it is followed (the session page makes it the session's pending analysis there).
   */
  start(datasetId: string, params: AnalysisParamsInput, then: (finished: FinishedRun) => Promise<void>, started?: (run: FinishedRun) => Promise<void>): void;
  cancel(): void;
}

interface Attempt {
  cancelled: boolean;
  /** Done, and `then` is under way: cancelling now would leave half of it done. */
  finishing: boolean;
  stop: (() => void) | null;
  /** The POST's answer (null when it failed): what cancel has to stop once it is known. */
  started: Promise<{ id: string; existing: boolean } | null>;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Runs an analysis: POST, follow its events (progress and settling layouts), then hand the
 * finished analysis to `then` (the start page opens a session on it, the session page re-binds
 * to it). A request the server already answered (same parameters) skips straight to `then`.
 * Cancel stops following and cancels the job on the server when this run started it; the run
 * stays (as `cancelling`) until the server reports the job stopped.
 */
export function useRunAnalysis(): AnalysisRun {
  const [run, setRun] = useState<RunState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<RunOutcome | null>(null);
  const current = useRef<Attempt | null>(null);
  useEffect(() => () => current.current?.stop?.(), []);

  const start = (datasetId: string, params: AnalysisParamsInput, then: (finished: FinishedRun) => Promise<void>, onStarted?: (run: FinishedRun) => Promise<void>) => {
    current.current?.stop?.();
    const attempt: Attempt = { cancelled: false, finishing: false, stop: null, started: Promise.resolve(null) };
    current.current = attempt;
    const live = () => current.current === attempt && !attempt.cancelled;
    setError(null);
    setOutcome(null);
    setRun({ progress: null, layout: null, early: { cluster: null, anomalyFlag: null }, finishing: false, cancelling: false });

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
      setRun((r) => r && { ...r, finishing: true, cancelling: false });
      then(finished).then(() => {
        if (!live()) return;
        current.current = null;
        setRun(null);
        setOutcome({ kind: 'done', ...finished });
      }, fail);
    };

    const posted = startAnalysis(datasetId, params);
    attempt.started = posted.then(
      (started) => started,
      () => null,
    );
    posted.then(async (started) => {
      // Cancelled while the request was on its way: cancel() stops the job it started.
      if (attempt.cancelled) return;
      const existing = started.existing;
      if (existing && started.status === 'done') return finish({ id: started.id, existing });
      if (onStarted) await onStarted({ id: started.id, existing });
      if (!live()) return;
      attempt.stop = watchAnalysis(started.id, {
        onProgress: (_s, progress) => live() && setRun((r) => r && { ...r, progress }),
        onLayout: (layout) => live() && setRun((r) => r && { ...r, layout }),
        onClusters: (cluster) => live() && setRun((r) => r && { ...r, early: { ...r.early, cluster } }),
        onAnomalies: (_scores, anomalyFlag) => live() && setRun((r) => r && { ...r, early: { ...r.early, anomalyFlag } }),
        onDone: () => finish({ id: started.id, existing }),
        onFailed: (a) => fail(new Error(a.status === 'cancelled' ? 'The analysis was cancelled on the server.' : (a.error?.message ?? 'The analysis failed.'))),
        onError: (m) => fail(new Error(m)),
      });
    }).catch(fail);
  };

  const cancel = () => {
    const attempt = current.current;
    if (!attempt || attempt.cancelled || attempt.finishing) return;
    attempt.cancelled = true;
    attempt.stop?.();
    setRun((r) => r && { ...r, cancelling: true });
    // Only a job this run started is ours to stop (a dedup hit belongs to whoever asked first).
    const stopped = attempt.started.then((started) => (started && !started.existing ? waitCancelled(started.id) : null));
    const settle = (failure: string | null) => {
      if (current.current !== attempt) return;
      current.current = null;
      setRun(null);
      setOutcome({ kind: 'cancelled' });
      if (failure) setError(failure);
    };
    stopped.then(
      () => settle(null),
      (e: unknown) => settle(`The analysis could not be cancelled on the server: ${messageOf(e)}`),
    );
  };

  return { run, error, outcome, start, cancel };
}
