import { reductionName } from '../session/analysis-choices.ts';
import { useSession } from '../session/session-model.ts';
import { useReanalyse } from '../session/use-reanalyse.ts';
import { formatNumber } from '../../shared/encodings/legend.ts';
import { Panel } from './panel.tsx';
import { ReanalyseForm } from './reanalyse-form.tsx';

/**
 * What the analysis did, in words: features and how they were encoded, rows left out, how
 * faithful the layout is, and every note about anything sampled or approximated (never silent).
 * Editors can re-analyse from here; view links only read.
 */
export function AnalysisPanel() {
  const model = useSession();
  const { summary, canEdit } = model;
  const reanalyse = useReanalyse(model);
  const notes = summary.notes.length;
  // While a re-analysis runs, the header says so even with the panel folded away.
  const badge = reanalyse.run?.cancelling ? 'cancelling…' : reanalyse.run ? `re-analysing ${Math.round((reanalyse.run.progress?.fraction ?? 0) * 100)}%` : notes > 0 ? `${notes} note${notes > 1 ? 's' : ''}` : undefined;
  const trust = summary.reduction.trustworthiness;
  const timings = Object.entries(summary.timings);
  const total = timings.reduce((s, [, ms]) => s + ms, 0);
  return (
    <Panel id="analysis" title="Analysis" badge={badge}>
      <dl className="facts small" data-testid="analysis-facts">
        <dt>Points</dt>
        <dd>
          {formatNumber(summary.pointCount)} of {formatNumber(summary.rowCount)} rows
          {summary.droppedRows > 0 ? ` (${formatNumber(summary.droppedRows)} with missing values left out)` : ''}
        </dd>
        <dt>Layout</dt>
        <dd>
          {reductionName(summary.reduction.method)}
          {trust ? ` · trustworthiness ${trust.value.toFixed(3)} (k = ${trust.k}${trust.sampledPoints < summary.pointCount ? `, on ${formatNumber(trust.sampledPoints)} sampled points` : ''})` : ''}
          {summary.reduction.explainedVarianceRatio
            ? ` · explains ${(summary.reduction.explainedVarianceRatio.reduce((s, v) => s + v, 0) * 100).toFixed(0)}% of the variance`
            : ''}
        </dd>
        <dt>Features</dt>
        <dd>
          {summary.features.map((f) => `${f.column} (${f.encoding})`).join(', ')}
          {summary.excluded.length > 0 && <span className="muted"> · left out: {summary.excluded.map((e) => `${e.name} (${e.reason})`).join(', ')}</span>}
        </dd>
        <dt>Time</dt>
        <dd>
          {(total / 1000).toFixed(1)} s ({timings.map(([stage, ms]) => `${stage} ${(ms / 1000).toFixed(1)} s`).join(', ')})
        </dd>
      </dl>
      {summary.notes.length > 0 && (
        <ul className="notes small" data-testid="analysis-notes">
          {summary.notes.map((note) => (
            <li key={note.text} className={`note-${note.level}`} data-level={note.level}>
              {note.level === 'warning' && <span className="note-level">Warning: </span>}
              {note.text}
            </li>
          ))}
        </ul>
      )}
      {canEdit && <ReanalyseForm reanalyse={reanalyse} />}
    </Panel>
  );
}
