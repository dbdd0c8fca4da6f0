import { useEffect, useRef, useState } from 'react';
import type { AnalysisParamsInput } from '../../shared/analysis-params.ts';
import type { AnalysisProgress } from '../../shared/api-types.ts';
import { startAnalysis } from '../api/analyses.ts';
import { watchAnalysis } from '../api/analysis-events.ts';
import { createSession, sessionUrl } from '../api/sessions.ts';
import { rememberViewToken } from './view-tokens.ts';

export interface RunState {
  progress: AnalysisProgress | null;
  layout: Float32Array | null;
}

/**
 * Runs an analysis from the start page: POST, follow its events (progress and settling
 * layouts), then open a session on it and go there (the edit link is the page's new URL).
 */
export function useRunAnalysis(): { run: RunState | null; error: string | null; start: (datasetId: string, params: AnalysisParamsInput, title: string) => void } {
  const [run, setRun] = useState<RunState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stop = useRef<(() => void) | null>(null);
  useEffect(() => () => stop.current?.(), []);

  const fail = (e: unknown) => {
    stop.current?.();
    setRun(null);
    setError(e instanceof Error ? e.message : String(e));
  };

  const start = (datasetId: string, params: AnalysisParamsInput, title: string) => {
    setError(null);
    setRun({ progress: null, layout: null });
    const open = async (analysisId: string) => {
      const session = await createSession({ datasetId, analysisId, title });
      rememberViewToken(session.id, session.viewToken);
      location.assign(sessionUrl(location.origin, session.id, session.editToken));
    };
    startAnalysis(datasetId, params).then((started) => {
      stop.current = watchAnalysis(started.id, {
        onProgress: (_s, progress) => setRun((r) => ({ layout: r?.layout ?? null, progress })),
        onLayout: (layout) => setRun((r) => ({ progress: r?.progress ?? null, layout })),
        onDone: () => void open(started.id).catch(fail),
        onFailed: (a) => fail(new Error(a.error?.message ?? 'The analysis failed.')),
        onError: (m) => fail(new Error(m)),
      });
    }, fail);
  };
  return { run, error, start };
}
