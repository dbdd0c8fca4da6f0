import { AnalysisProgressView } from './analysis-progress.tsx';
import type { Reanalyse } from '../session/use-reanalyse.ts';
import { AnalysisOptions } from './analysis-options.tsx';

/**
 * For editors: the session's dataset again with another layout, clustering or missing-value
 * rule; the session then moves to the result for everyone (state and logic: useReanalyse).
 */
export function ReanalyseForm({ reanalyse }: { reanalyse: Reanalyse }) {
  const { run, error, message, unchanged } = reanalyse;

  return (
    <form
      className="run-form reanalyse-form"
      data-testid="reanalyse"
      aria-labelledby="reanalyse-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!run && !unchanged) reanalyse.start();
      }}
    >
      <h3 id="reanalyse-title" className="subhead">
        Re-analyse
      </h3>
      <p className="small muted">Same rows, features and column choices; everyone in the session moves to the new layout.</p>
      <fieldset disabled={run !== null}>
        <AnalysisOptions idPrefix="reanalyse" value={reanalyse.choices} onChange={reanalyse.setChoices} />
        <button type="submit" className="primary" data-testid="reanalyse-run" disabled={unchanged}>
          {run?.cancelling ? 'Cancelling…' : run ? 'Running…' : 'Re-analyse'}
        </button>
        {unchanged && !run && !message && !error && <p className="small muted">These are the current choices: pick another layout, clustering or missing-value rule.</p>}
      </fieldset>
      {run && (
        <div className="reanalyse-progress">
          {run.finishing ? (
            <p className="small" role="status">
              Moving the session to {reanalyse.asked}…
            </p>
          ) : run.cancelling ? (
            <p className="small" role="status" data-testid="reanalyse-cancelling">
              Cancelling: waiting for the server to stop the analysis…
            </p>
          ) : (
            <AnalysisProgressView progress={run.progress} layout={null} />
          )}
          <button type="button" className="small" data-testid="reanalyse-cancel" onClick={reanalyse.cancel} disabled={run.finishing || run.cancelling}>
            {run.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
      )}
      {!run && message && (
        <p className={`small${message.ok ? ' ok-text' : ''}`} role="status" data-testid="reanalyse-status">
          {message.text}
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
