import { useMemo } from 'react';
import { updateFilter, type AnomalyFilter } from '../../shared/session/index.ts';
import { useSession } from '../session/session-model.ts';
import { flaggedThreshold } from '../encodings/anomaly-threshold.ts';
import { RangeInput } from './encoding-panel.tsx';

/** Keeps points whose anomaly score is at least the threshold. */
export function AnomalyFilterControl({ filter }: { filter: AnomalyFilter }) {
  const model = useSession();
  const { doc, origins } = model.conn;
  // A pass over every point: once per analysis, not per render.
  const flagged = useMemo(() => flaggedThreshold(model.arrays.anomaly, model.arrays.anomalyFlag), [model]);
  const percent = Math.round(model.summary.anomalies.contamination * 1000) / 10;
  return (
    <div className="anomaly-filter">
      <label htmlFor={`anomaly-${filter.id}`} className="small">
        score at least
      </label>
      <RangeInput id={`anomaly-${filter.id}`} min={0} max={1} step={0.01} value={filter.min ?? 0} disabled={!model.canEdit} onCommit={(v) => updateFilter(doc, filter.id, { min: v > 0 ? v : null }, origins.user)} />
      <p className="small muted" data-testid="anomaly-filter-hint">
        Scores run from 0 (typical) to 1 (most unusual).
        {flagged !== null && ` The orange-ringed top ${percent}% score ${(Math.floor(flagged * 100) / 100).toFixed(2)} or more.`}
      </p>
    </div>
  );
}
