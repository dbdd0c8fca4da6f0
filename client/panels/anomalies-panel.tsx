import { useState } from 'react';
import { useSession } from '../session/session-model.ts';
import { useLabelColumn } from '../session/use-label-column.ts';
import { cellText } from '../session/use-neighbours.ts';
import { anomalyListCaption, countFlagged } from '../encodings/anomaly-list.ts';
import { formatNumber } from '../../shared/encodings/legend.ts';
import { useUi } from '../state/ui-store.ts';
import { Panel } from './panel.tsx';

/**
 * The analysis' top anomalies with the reasons it gives; a click flies to the point. The list
 * holds the highest scores; the flagged ones (orange halo in the scene) are marked as such.
 */
export function AnomaliesPanel() {
  const model = useSession();
  const setFocused = useUi((s) => s.setFocused);
  const { anomalies } = model.summary;
  const [all, setAll] = useState(false);
  const shown = all ? anomalies.top : anomalies.top.slice(0, 8);
  // Named like neighbours: by the label column (a date, a name) before the row number; loaded
  // only once the panel is open.
  const open = useUi((s) => !(s.collapsed.anomalies ?? false));
  const labelData = useLabelColumn(model, open);
  const flag = model.arrays.anomalyFlag;
  const flaggedListed = countFlagged(
    anomalies.top.map((a) => a.point),
    flag,
  );
  return (
    <Panel id="anomalies" title="Top anomalies" badge={formatNumber(anomalies.flagged)}>
      <p className="small muted">
        {anomalies.method} · top {Math.round(anomalies.contamination * 100)}% flagged (orange halo)
      </p>
      <p className="small" data-testid="anomaly-caption">
        {anomalyListCaption({ listed: anomalies.top.length, flaggedListed, flaggedTotal: anomalies.flagged })}
      </p>
      <ol className="anomaly-list">
        {shown.map((a) => (
          <li key={a.point}>
            <button
              type="button"
              className={`anomaly-item${flag[a.point] === 1 ? ' flagged' : ''}`}
              data-flagged={flag[a.point] === 1}
              onClick={() => {
                setFocused(a.point);
                void model.view.current?.focus(a.point, true);
              }}
            >
              <span className="anomaly-head">
                {labelData && cellText(labelData, a.rowIndex) !== null && <strong>{cellText(labelData, a.rowIndex)} </strong>}
                row {a.rowIndex + 1}{' '}
                {flag[a.point] === 1 ? (
                  <span className="tag warn" title="flagged: ringed in orange in the scene">
                    flagged {a.score.toFixed(2)}
                  </span>
                ) : (
                  <span className="tag" title="a high score, below the flagged share">
                    {a.score.toFixed(2)}
                  </span>
                )}
              </span>
              <span className="small muted">
                {a.reasons
                  .slice(0, 3)
                  .map((r) => `${r.column} = ${typeof r.value === 'number' ? formatNumber(r.value) : r.value}${r.z !== undefined ? ` (z ${r.z.toFixed(1)})` : r.share !== undefined ? ` (${(r.share * 100).toFixed(1)}% of rows)` : ''}`)
                  .join(' · ')}
              </span>
            </button>
          </li>
        ))}
      </ol>
      {anomalies.top.length > shown.length && (
        <button type="button" className="link small" onClick={() => setAll(true)}>
          show {anomalies.top.length - shown.length} more
        </button>
      )}
    </Panel>
  );
}
