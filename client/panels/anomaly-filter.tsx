import { updateFilter, type AnomalyFilter } from '../../shared/session/index.ts';
import { useSession } from '../app/session-model.ts';
import { RangeInput } from './encoding-panel.tsx';

/** Keeps points whose anomaly score is at least the threshold. */
export function AnomalyFilterControl({ filter }: { filter: AnomalyFilter }) {
  const model = useSession();
  const { doc, origins } = model.conn;
  return (
    <div className="anomaly-filter">
      <label htmlFor={`anomaly-${filter.id}`} className="small">
        score at least
      </label>
      <RangeInput id={`anomaly-${filter.id}`} min={0} max={1} step={0.01} value={filter.min ?? 0} disabled={!model.canEdit} onCommit={(v) => updateFilter(doc, filter.id, { min: v > 0 ? v : null }, origins.user)} />
    </div>
  );
}
