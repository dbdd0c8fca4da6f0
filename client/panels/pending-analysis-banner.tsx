import { useContext, useState } from 'react';
import { PendingContext } from '../session/session-model.ts';
import { pendingStage, pendingText } from './pending-text.ts';
import '../styles/pending.css';

/**
 * Over the cloud, on every page of the session: the analysis the session is moving to, its stage
 * and progress while its layout settles in the cloud, or why it did not finish (dismissable).
 */
export function PendingAnalysisBanner() {
  const view = useContext(PendingContext);
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!view) return null;
  const { pending, progress } = view;
  if (pending.state !== 'running') {
    const key = `${pending.analysisId}:${pending.since}`;
    if (dismissed === key) return null;
    return (
      <div className="pending-banner ended" role="status" data-testid="pending-analysis" data-state={pending.state}>
        <span>{pendingText(view)}</span>
        <button type="button" className="small" aria-label="Dismiss" onClick={() => setDismissed(key)}>
          ✕
        </button>
      </div>
    );
  }
  const fraction = progress?.fraction ?? 0;
  const stage = progress?.stage ?? 'queued';
  const label = pendingStage(view);
  return (
    <div className="pending-banner" role="status" data-testid="pending-analysis" data-state="running" data-stage={stage}>
      <div className="pending-line">
        <span>
          Re-analysing for everyone · <strong data-testid="pending-stage">{label}</strong>
        </span>
        <span className="pending-percent">{Math.round(fraction * 100)}%</span>
      </div>
      <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)} aria-label={label}>
        <div className="progress-fill" style={{ width: `${Math.max(2, fraction * 100)}%` }} />
      </div>
      {view.layout && fraction < 1 && stage === 'reduce' && <div className="pending-note muted">The cloud moves to the new layout as it settles.</div>}
    </div>
  );
}
