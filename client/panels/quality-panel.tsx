import { useState } from 'react';
import type { QualityReport } from '../../shared/insights/quality.ts';
import { formatNumber } from '../../shared/encodings/legend.ts';
import { useSession } from '../session/session-model.ts';
import { useQuality } from '../session/use-quality.ts';
import { Panel } from './panel.tsx';
import { QualityFindings } from './quality-findings.tsx';
import { QualityRuleForm } from './quality-rule-form.tsx';
import { QualityRules } from './quality-rules.tsx';
import '../styles/quality.css';

/**
 * "Can we trust this table?": what the import found (grouped by kind), what the analysis did
 * about missing values, what a new version broke, and the dataset's rules. Loaded when open.
 */
export function QualityPanel() {
  const model = useSession();
  const quality = useQuality(model);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const report = quality.report;
  const alerts = report?.replaces?.alerts.length ?? 0;
  // Broken rules are listed under Rules; the count is of what the import found, as on the start page.
  const found = report?.findings.filter((f) => f.kind !== 'rule') ?? [];
  const badge = report ? (alerts > 0 ? `${alerts} alerts · ${found.length} findings` : formatNumber(found.length)) : undefined;
  return (
    <Panel id="quality" title="Data quality" badge={badge}>
      {quality.error && (
        <p className="small error" role="alert">
          {quality.error}
        </p>
      )}
      {!report && !quality.error && <p className="small muted">Loading the quality report…</p>}
      {report && (
        <>
          <VersionAlerts report={report} />
          <AnalysisEffect report={report} />
          <QualityFindings findings={found} />
          <h4 className="quality-rules-title">
            Rules <span className="badge">{report.rules.length}</span>
          </h4>
          <QualityRules rules={report.rules} canEdit={model.canEdit} onDelete={(id) => void quality.deleteRule(id).then(setDeleteError)} />
          {deleteError && (
            <p className="small error" role="alert">
              {deleteError}
            </p>
          )}
          {model.canEdit && <QualityRuleForm columns={model.dataset.columns} onAdd={quality.addRule} />}
        </>
      )}
    </Panel>
  );
}

function VersionAlerts({ report }: { report: QualityReport }) {
  const replaces = report.replaces;
  if (!replaces) return null;
  const day = replaces.createdAt ? ` of ${new Date(replaces.createdAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })}` : '';
  return (
    <div className={`quality-alerts${replaces.alerts.length > 0 ? ' warn' : ''}`} data-testid="quality-alerts" role={replaces.alerts.length > 0 ? 'alert' : undefined}>
      <p className="small">
        This version replaces <strong>{replaces.name}</strong>
        {day}.{replaces.alerts.length === 0 ? ' Nothing broke: its rules hold and its profile is unchanged.' : ''}
      </p>
      {replaces.alerts.length > 0 && (
        <ul className="small">
          {replaces.alerts.map((a, i) => (
            <li key={i} data-kind={a.kind}>
              {a.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function AnalysisEffect({ report }: { report: QualityReport }) {
  const effect = report.analysis;
  if (!effect || (effect.droppedRows === 0 && effect.imputedCells === 0)) return null;
  const parts = effect.byColumn.map((c) => `${c.column} ${formatNumber(effect.missing === 'drop' ? c.droppedRows : c.imputedCells)}`);
  const head =
    effect.missing === 'drop'
      ? `This analysis left out ${formatNumber(effect.droppedRows)} rows with a missing feature`
      : `This analysis filled ${formatNumber(effect.imputedCells)} missing values`;
  return (
    <p className="small quality-effect" data-testid="quality-effect">
      {head}
      {parts.length > 0 ? ` (by column: ${parts.join(', ')}).` : '.'}
    </p>
  );
}
