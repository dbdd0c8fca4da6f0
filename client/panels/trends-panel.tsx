import { TREND_PERIODS, type ClusterTrend, type TrendPeriod } from '../../shared/insights/trends.ts';
import { readView } from '../../shared/session/index.ts';
import { clusterColor } from '../../shared/encodings/color-encoding.ts';
import { formatNumber } from '../../shared/encodings/legend.ts';
import { clusterName } from '../../shared/encodings/point-values.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { useSession } from '../session/session-model.ts';
import { useTrends } from '../session/use-trends.ts';
import { useUi } from '../state/ui-store.ts';
import { Panel } from './panel.tsx';
import { TrendChart } from './trend-chart.tsx';
import { errorDetails, errorSentence, methodSentence, periodLabel } from './trend-words.ts';
import '../styles/trends.css';

/**
 * Per cluster, a small chart of its count (or a column's mean) per period of a date column, with
 * the server's forecast dashed and its error on a held-out tail in words. Shown only when the
 * dataset has a date column; loads while open.
 */
export function TrendsPanel() {
  const model = useSession();
  const open = useUi((s) => !(s.collapsed.trends ?? false));
  const trends = useTrends(model, open);
  const view = useDocValue(model.conn.doc, ['view'], readView);
  const palette = view.color.by === 'cluster' ? view.color.palette : undefined;
  if (trends.dateColumns.length === 0) return null;
  const { choice, result } = trends;
  const labelOf = new Map(model.summary.clusters.map((c) => [c.id, c.label]));

  return (
    <Panel id="trends" title="Trends" badge={result ? result.period : undefined}>
      <fieldset className="form-grid trends-choice">
        {trends.dateColumns.length > 1 && (
          <>
            <label htmlFor="trend-date">Date</label>
            <select id="trend-date" value={choice.date ?? ''} onChange={(e) => trends.choose({ date: e.target.value })}>
              {trends.dateColumns.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </>
        )}
        <label htmlFor="trend-value">Chart</label>
        <select id="trend-value" value={choice.value ?? ''} onChange={(e) => trends.choose({ value: e.target.value || null })}>
          <option value="">count of rows</option>
          {trends.valueColumns.map((name) => (
            <option key={name} value={name}>
              mean of {name}
            </option>
          ))}
        </select>
        <label htmlFor="trend-period">Per</label>
        <select id="trend-period" value={choice.period} onChange={(e) => trends.choose({ period: e.target.value as TrendPeriod | 'auto' })}>
          <option value="auto">automatic{result && choice.period === 'auto' ? ` (${result.period})` : ''}</option>
          {TREND_PERIODS.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </fieldset>
      {trends.error && (
        <p className="small error" role="alert">
          {trends.error}
        </p>
      )}
      {!result && !trends.error && <p className="small muted">Loading trends…</p>}
      {result && (
        <>
          <p className="small muted trends-range">
            {periodLabel(result.periodStarts[0], result.period)} – {periodLabel(result.periodStarts[result.periodStarts.length - 1], result.period)}, then {result.horizon} {result.period}s forecast (dashed)
            {result.missingDates > 0 ? ` · ${formatNumber(result.missingDates)} points without a date left out` : ''}
            {trends.loading ? ' · updating…' : ''}
          </p>
          <ul className="trend-list">
            {result.clusters.map((trend) => {
              const name = clusterName(trend.shown);
              const what = result.value === null ? 'rows' : `mean ${result.value}`;
              const label = `${name}: ${what} per ${result.period}${trend.forecast ? `, ${methodSentence(trend.forecast, result.period)}` : ''}`;
              return (
                <li key={trend.id} className="trend-row" data-cluster={trend.shown}>
                  <div className="trend-head">
                    <span className="swatch" style={{ background: clusterColor(trend.shown, palette) }} />
                    <span className="trend-name">{name}</span>
                    <span className="muted small trend-label">{labelOf.get(trend.shown) ?? ''}</span>
                    <span className="muted small trend-figures">
                      {formatNumber(trend.rows)} pts · max {formatNumber(peakOf(trend))}
                      {trend.forecast ? ` · ${trend.forecast.method === 'holt' ? 'trend' : 'seasonal'}` : ''}
                    </span>
                  </div>
                  <TrendChart trend={trend} color={clusterColor(trend.shown, palette)} counts={result.value === null} label={label} />
                  {trend.forecast ? (
                    <p className="small muted trend-error" title={errorDetails(trend.forecast)}>
                      {errorSentence(trend.forecast, result.period, result.value)}
                    </p>
                  ) : (
                    <p className="small muted trend-error">{trend.note}</p>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </Panel>
  );
}

/** The highest value charted (history or forecast), printed beside the chart as its scale. */
function peakOf(trend: ClusterTrend): number {
  return Math.max(...trend.values.filter((v): v is number => v !== null), ...(trend.forecast?.values ?? []));
}
