import { CATEGORICAL_PALETTES, DEFAULT_CATEGORICAL } from '../../shared/encodings/palettes.ts';
import { formatNumber } from '../../shared/encodings/legend.ts';
import type { DriftColumn, DriftReport } from '../../shared/insights/drift.ts';
import type { ClusterSources } from '../encodings/cluster-sources.ts';
import { useSession } from '../session/session-model.ts';
import { useDrift } from '../session/use-drift.ts';
import { ClusterSourcesList } from './cluster-sources-list.tsx';
import { DriftHistogram } from './drift-histogram.tsx';
import { Panel } from './panel.tsx';
import '../styles/drift.css';

const METRIC_NAMES: Record<DriftColumn['metric'], string> = { psi: 'PSI', ks: 'KS D', chi2: 'χ²' };

/**
 * What moved between the two datasets of a comparison session: how they were embedded, rows
 * added and removed, each column's drift (most drifted first) with both distributions, and
 * which clusters grew or shrank. Only on a comparison dataset's sessions.
 */
export function DriftPanel() {
  const model = useSession();
  const drift = useDrift(model);
  if (!drift.comparison) return null;
  const { comparison, report, clusters } = drift;
  const labels: [string, string] = [comparison.reference.label, comparison.current.label];
  const colors = sourceColors(clusters);
  const joint = model.summary.notes.find((n) => n.text.startsWith('Both versions embedded together'));
  const drifted = report?.columns.filter((c) => c.drifted).length;
  return (
    <Panel id="drift" title="What moved" badge={drifted === undefined ? undefined : `${drifted} drifted`}>
      <p className="small muted" data-testid="drift-fit">
        {joint ? joint.text.split(':')[0] : 'Both versions embedded together'}; coloured by <strong>{comparison.sourceColumn}</strong>.
      </p>
      <ul className="drift-sources small">
        {labels.map((label, i) => (
          <li key={label}>
            <span className="swatch" style={{ background: colors[i] }} />
            {i === 0 ? 'reference' : 'current'}: <strong>{label}</strong>
          </li>
        ))}
      </ul>
      {drift.error && (
        <p className="small error" role="alert">
          {drift.error}
        </p>
      )}
      {!report && !drift.error && <p className="small muted">Loading the drift report…</p>}
      {report && <RowsLine report={report} />}
      {report && (
        <ol className="drift-columns" data-testid="drift-columns">
          {report.columns.map((c) => (
            <li key={c.column} className={c.drifted ? 'drifted' : undefined} data-column={c.column} title={c.reason}>
              <div className="drift-column-head">
                <span className="drift-column-name">{c.column}</span>
                <span className="small muted">
                  {METRIC_NAMES[c.metric]} {formatValue(c.value)}
                </span>
                {c.drifted && <span className="tag warn">drifted</span>}
              </div>
              <DriftHistogram histogram={c.histogram} colors={colors} column={c.column} />
            </li>
          ))}
        </ol>
      )}
      {clusters && clusters.length > 0 && (
        <>
          <h4 className="drift-subtitle">Clusters by source</h4>
          <ClusterSourcesList clusters={clusters} labels={labels} colors={colors} />
        </>
      )}
    </Panel>
  );
}

function RowsLine({ report }: { report: DriftReport }) {
  const { rows } = report;
  const by = rows.matchedBy === 'identifier' ? `matched by ${rows.key}` : 'matched by whole rows';
  return (
    <p className="small" data-testid="drift-rows">
      <strong>+{formatNumber(rows.added)}</strong> rows added, <strong>−{formatNumber(rows.removed)}</strong> removed ({by}; {formatNumber(rows.referenceRows)} →{' '}
      {formatNumber(rows.currentRows)}).
    </p>
  );
}

/**
 * The colours the cloud gives the two sources when coloured by the source column (the default
 * palette, commonest level first), so the panel's swatches match the points.
 */
function sourceColors(clusters: ClusterSources[] | null): [string, string] {
  const palette = CATEGORICAL_PALETTES[DEFAULT_CATEGORICAL];
  const totals = [0, 1].map((s) => (clusters ?? []).reduce((sum, c) => sum + (c.counts[s] ?? 0), 0));
  return totals[1] > totals[0] ? [palette[1], palette[0]] : [palette[0], palette[1]];
}

function formatValue(v: number): string {
  return v >= 100 ? formatNumber(Math.round(v)) : v.toFixed(v >= 10 ? 1 : 3);
}
