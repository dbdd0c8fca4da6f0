import { useRef } from 'react';
import { readView } from '../../shared/session/index.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { clusterColor } from '../../shared/encodings/color-encoding.ts';
import { formatNumber } from '../../shared/encodings/legend.ts';
import { useSession } from '../session/session-model.ts';
import { useClusterStats, STAT_KEYS, type SortKey } from '../session/use-cluster-stats.ts';
import { blockStarts, statFigure } from '../session/cluster-stats-rows.ts';
import { Dialog } from './dialog.tsx';
import { downloadBlob, fileSlug } from './download.ts';

const HEADERS: { key: SortKey; text: string; title: string }[] = [
  { key: 'group', text: 'Group', title: 'The cluster (all analysed rows first)' },
  { key: 'column', text: 'Column', title: 'The dataset column' },
  { key: 'count', text: 'count', title: 'Rows with a value' },
  { key: 'missing', text: 'missing', title: 'Rows without a value' },
  { key: 'mean', text: 'mean', title: 'Mean, in the column’s units' },
  { key: 'sd', text: 'sd', title: 'Standard deviation' },
  { key: 'min', text: 'min', title: 'Smallest value' },
  { key: 'q1', text: 'q1', title: 'First quartile' },
  { key: 'median', text: 'median', title: 'Median' },
  { key: 'q3', text: 'q3', title: 'Third quartile' },
  { key: 'max', text: 'max', title: 'Largest value' },
];

/**
 * The per-cluster statistics of every column, over the scene: choose the clusters, sort by any
 * header (again for the other way), download the server's CSV.
 */
export function ClusterStatsDialog(props: { onClose: () => void }) {
  const model = useSession();
  const stats = useClusterStats(model);
  const scroller = useRef<HTMLDivElement>(null);
  // Swatches in the scene's cluster colours.
  const view = useDocValue(model.conn.doc, ['view'], readView);
  const palette = view.color.by === 'cluster' ? view.color.palette : undefined;
  const download = () => stats.downloadCsv((csv) => downloadBlob(csv, `${fileSlug(model.info.title)}-cluster-statistics.csv`));
  return (
    <Dialog
      title="Cluster statistics"
      onClose={props.onClose}
      testId="cluster-stats-dialog"
      actions={
        <button type="button" className="small" onClick={download} disabled={stats.state !== 'ready'}>
          Download CSV
        </button>
      }
    >
      {stats.state === 'loading' && <p className="muted">Loading the statistics…</p>}
      {stats.downloadError && (
        <p className="error small" role="alert">
          {stats.downloadError}
        </p>
      )}
      {stats.state === 'error' && (
        <p className="error" role="alert">
          {stats.error}
        </p>
      )}
      {stats.state === 'ready' && (
        <>
          <fieldset className="stats-controls">
            <legend className="small muted">Groups shown</legend>
            {stats.groups.map((g) => (
              <label key={g.key} className="check" title={g.label}>
                <input type="checkbox" checked={stats.chosen.has(g.key)} onChange={() => stats.toggleGroup(g.key)} />
                {g.cluster !== null && <span className="swatch" style={{ background: clusterColor(g.cluster, palette) }} />}
                {g.name} <span className="muted">({formatNumber(g.size)})</span>
              </label>
            ))}
            <button type="button" className="link small" onClick={stats.chooseAll}>
              all
            </button>
          </fieldset>
          <div className="stats-filter">
            <input
              type="search"
              value={stats.columnQuery}
              onChange={(e) => {
                stats.setColumnQuery(e.target.value);
                // The rows found start at the top, not wherever the longer list was scrolled to.
                scroller.current?.scrollTo(0, 0);
              }}
              placeholder="Filter columns"
              aria-label="Filter columns by name"
              data-testid="stats-column-filter"
            />
            <span className="small muted" aria-live="polite">
              {stats.columnsShown === stats.columnCount ? `${formatNumber(stats.columnCount)} columns` : `${formatNumber(stats.columnsShown)} of ${formatNumber(stats.columnCount)} columns`}
            </span>
          </div>
          <div ref={scroller} className="cluster-stats-scroll" tabIndex={0} aria-label="Statistics table (scrolls)">
            <table className="cluster-stats" data-testid="cluster-stats-table">
              <thead>
                <tr>
                  {HEADERS.map((h) => {
                    const sorted = stats.sort?.key === h.key ? (stats.sort.descending ? 'descending' : 'ascending') : 'none';
                    return (
                      <th key={h.key} scope="col" aria-sort={sorted} data-key={h.key}>
                        <button type="button" title={`${h.title} — click to sort`} onClick={() => stats.sortBy(h.key)}>
                          {h.text}
                          <span aria-hidden="true">{sorted === 'ascending' ? ' ▲' : sorted === 'descending' ? ' ▼' : ''}</span>
                        </button>
                      </th>
                    );
                  })}
                  <th scope="col" className="top-head" title="The most frequent values, with their counts">
                    top values
                  </th>
                </tr>
              </thead>
              <tbody>
                {stats.rows.map((r, i) => (
                  <tr key={r.key} data-group={r.group.key} data-column={r.column.name} className={blockStarts(stats.rows, i, stats.sort?.key) ? 'block-start' : undefined}>
                    <td title={r.group.label}>
                      <span className="group-cell">
                        {r.group.cluster !== null && <span className="swatch" style={{ background: clusterColor(r.group.cluster, palette) }} />}
                        {r.group.name}
                      </span>
                    </td>
                    {/* The unit is on every figure (statFigure), as in the paragraphs. */}
                    <td className={i > 0 && stats.rows[i - 1].column.name === r.column.name ? 'repeat' : undefined}>{r.column.name}</td>
                    {STAT_KEYS.map((k) => (
                      <td key={k} data-stat={k}>
                        {statFigure(r.stats, k, r.column)}
                      </td>
                    ))}
                    <td className="top">{r.stats.top?.map((t) => `${t.value} (${formatNumber(t.count)})`).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Dialog>
  );
}
