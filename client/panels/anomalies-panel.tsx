import { useState } from 'react';
import { useSession } from '../session/session-model.ts';
import { useLabelColumn } from '../session/use-label-column.ts';
import { cellText } from '../session/use-neighbours.ts';
import { anomalyListCaption, countFlagged } from '../encodings/anomaly-list.ts';
import { formatNumber } from '../../shared/encodings/legend.ts';
import { useUi } from '../state/ui-store.ts';
import { pointOfRow } from '../../shared/encodings/point-context.ts';
import { reasonText } from '../session/reason-text.ts';
import { Panel } from './panel.tsx';
import '../styles/insights.css';

/**
 * The analysis' top anomalies with the reasons it gives (in the column's units) and their
 * nearest typical rows; a click on either flies to that point. The list holds the highest
 * scores; the flagged ones (orange halo in the scene) are marked as such.
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
  const focus = (point: number) => {
    setFocused(point);
    void model.view.current?.focus(point, true);
  };
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
          <li key={a.point} className="anomaly-entry">
            <button
              type="button"
              className={`anomaly-item${flag[a.point] === 1 ? ' flagged' : ''}`}
              data-flagged={flag[a.point] === 1}
              onClick={() => focus(a.point)}
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
              <span className="small muted anomaly-reasons">
                {a.reasons.slice(0, 3).map((r) => (
                  <span key={r.column} className="reason">
                    {reasonText(r)}
                  </span>
                ))}
              </span>
            </button>
            {/* Analyses stored before typical rows were found have none. */}
            {(a.typical ?? []).length > 0 && (
              <span className="typical-rows" data-testid="typical-rows">
                <span className="muted">nearest typical:</span>
                {a.typical.map((t) => {
                  const point = pointOfRow(model.arrays.rowIndex, t.rowIndex);
                  const name = labelData ? cellText(labelData, t.rowIndex) : null;
                  return (
                    <button
                      key={t.rowIndex}
                      type="button"
                      className="link"
                      disabled={point < 0}
                      title={`Fly to row ${t.rowIndex + 1}, a typical row near this one in feature space (distance ${t.distance.toFixed(2)})`}
                      onClick={() => focus(point)}
                    >
                      {name !== null ? `${name} (row ${t.rowIndex + 1})` : `row ${t.rowIndex + 1}`}
                    </button>
                  );
                })}
              </span>
            )}
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
