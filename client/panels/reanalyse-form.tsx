import { useEffect, useState } from 'react';
import { rebindSession } from '../api/sessions.ts';
import { AnalysisProgressView } from '../app/analysis-progress.tsx';
import { choicesOf, describeChoices, paramsFor, sameChoices } from '../app/analysis-choices.ts';
import { useSession } from '../app/session-model.ts';
import { useRunAnalysis } from '../app/use-run-analysis.ts';
import { AnalysisOptions } from './analysis-options.tsx';

/**
 * For editors: run this session's dataset again with another layout, clustering or missing-value
 * rule, then re-bind the session to the result so every participant's cloud moves to it. The
 * current analysis's choices are preselected; features and column choices are kept. A request
 * the server already answered (say, back to the previous layout) re-binds at once.
 */
export function ReanalyseForm() {
  const model = useSession();
  const current = choicesOf(model.analysis.params);
  const [choices, setChoices] = useState(current);
  // What was asked and from which analysis, for the message once the run ends.
  const [asked, setAsked] = useState({ label: '', from: '' });
  const { run, error, outcome, start, cancel } = useRunAnalysis();
  const analysisId = model.analysis.id;
  // Whoever moved the session (we or another editor), the form starts again from what it shows.
  // (params are a function of the analysis id, so the id alone says when to reset)
  useEffect(() => setChoices(choicesOf(model.analysis.params)), [analysisId]);

  const unchanged = sameChoices(choices, current);
  const message = !outcome
    ? null
    : outcome.kind === 'cancelled'
      ? 'Cancelled: the session keeps its analysis.'
      : outcome.id === analysisId
        ? `Everyone now sees ${asked.label}${outcome.existing ? ' (computed before, so at once)' : ''}.`
        : analysisId === asked.from
          ? `Loading ${asked.label}…`
          : null; // another editor has moved the session on since
  const submit = () => {
    const { id: sessionId } = model.info;
    const token = model.token;
    setAsked({ label: describeChoices(choices), from: analysisId });
    start(model.dataset.id, paramsFor(choices, model.analysis.params), async (finished) => {
      await rebindSession(sessionId, token, finished.id);
    });
  };

  return (
    <form
      className="run-form reanalyse-form"
      data-testid="reanalyse"
      aria-labelledby="reanalyse-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!run && !unchanged) submit();
      }}
    >
      <h3 id="reanalyse-title" className="subhead">
        Re-analyse
      </h3>
      <p className="small muted">Same rows, features and column choices; everyone in the session moves to the new layout.</p>
      <fieldset disabled={run !== null}>
        <AnalysisOptions idPrefix="reanalyse" value={choices} onChange={setChoices} />
        <button type="submit" className="primary" data-testid="reanalyse-run" disabled={unchanged}>
          {run ? 'Running…' : 'Re-analyse'}
        </button>
        {unchanged && !run && !message && !error && <p className="small muted">These are the current choices: pick another layout, clustering or missing-value rule.</p>}
      </fieldset>
      {run && (
        <div className="reanalyse-progress">
          {run.finishing ? (
            <p className="small" role="status">
              Moving the session to {asked.label}…
            </p>
          ) : (
            <AnalysisProgressView progress={run.progress} layout={null} />
          )}
          <button type="button" className="small" data-testid="reanalyse-cancel" onClick={cancel} disabled={run.finishing}>
            Cancel
          </button>
        </div>
      )}
      {!run && message && (
        <p className={`small${outcome?.kind === 'done' ? ' ok-text' : ''}`} role="status" data-testid="reanalyse-status">
          {message}
        </p>
      )}
      {error && (
        <p className="error small" role="alert">
          Could not re-analyse: {error}
        </p>
      )}
    </form>
  );
}
