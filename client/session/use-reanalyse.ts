import { useEffect, useState } from 'react';
import { rebindSession } from '../api/sessions.ts';
import { choicesOf, describeChoices, paramsFor, sameChoices, type AnalysisChoices } from './analysis-choices.ts';
import type { SessionModel } from './session-model.ts';
import { useRunAnalysis, type RunState } from './use-run-analysis.ts';

export interface Reanalyse {
  /** What the form shows: the session's current choices until the editor changes them. */
  choices: AnalysisChoices;
  setChoices(choices: AnalysisChoices): void;
  /** The choices are the session's current ones: nothing to run. */
  unchanged: boolean;
  run: RunState | null;
  error: string | null;
  /** What became of the last run, in words (null: nothing to say). */
  message: { text: string; ok: boolean } | null;
  /** "PCA · HDBSCAN": what the current or last run asked for. */
  asked: string;
  /** Runs the chosen analysis and moves the session to it. */
  start(): void;
  cancel(): void;
}

/**
 * Re-analysing a session: run its dataset with new choices and point the session at it as soon
 * as the server has accepted it (its pending analysis: every page watches the layout settle and
 * the server moves the session to it when it is done), or at once when it was computed before. Held by the analysis panel itself (not its collapsible body), so
 * folding the panel away neither abandons a run under way nor forgets the choices.
 */
export function useReanalyse(model: SessionModel): Reanalyse {
  const { run, error, outcome, start, cancel } = useRunAnalysis();
  // What was asked and from which analysis, for the message once the run ends.
  const [asked, setAsked] = useState({ label: '', from: '' });
  const analysisId = model.analysis.id;
  const current = choicesOf(model.analysis.params);
  const [choices, setChoices] = useState(current);
  // When another editor moves the session, the form starts again from what it now shows (not
  // while our own run is on: the form shows what that run asked for). Params are a function of
  // the analysis id, so the id alone says when.
  const running = run !== null;
  useEffect(() => {
    if (!running) setChoices(choicesOf(model.analysis.params));
  }, [analysisId]);

  let message: Reanalyse['message'] = null;
  if (outcome?.kind === 'cancelled') message = { text: 'Cancelled: the session keeps its analysis.', ok: false };
  else if (outcome?.kind === 'done' && outcome.id === analysisId) {
    message = { text: `Everyone now sees ${asked.label}${outcome.existing ? ' (computed before, so at once)' : ''}.`, ok: true };
  } else if (outcome?.kind === 'done' && analysisId === asked.from) message = { text: `Loading ${asked.label}…`, ok: false };
  // (done, but the session shows neither: another editor has moved it on since; nothing to say)

  return {
    choices,
    setChoices,
    unchanged: sameChoices(choices, current),
    run,
    error,
    message,
    asked: asked.label,
    start() {
      const { id: sessionId } = model.info;
      const token = model.token;
      setAsked({ label: describeChoices(choices), from: analysisId });
      // Pointed at while it runs: the server then re-binds when it is done (a second PUT would
      // re-bind again and drop cluster filters set in between).
      let pointed = false;
      start(
        model.dataset.id,
        paramsFor(choices, model.analysis.params),
        async (finished) => {
          if (!pointed) await rebindSession(sessionId, token, finished.id);
        },
        async (started) => {
          await rebindSession(sessionId, token, started.id);
          pointed = true;
        },
      );
    },
    cancel,
  };
}
