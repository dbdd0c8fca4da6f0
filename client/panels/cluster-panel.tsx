import { useState } from 'react';
import { readFilters, readSelection, readView } from '../../shared/session/index.ts';
import { clusterColor } from '../../shared/encodings/color-encoding.ts';
import { useMemo } from 'react';
import { useCloud, useSession } from '../session/session-model.ts';
import { usePlaybackOn } from '../session/use-playback.ts';
import { visiblePerCluster } from '../../shared/time/visible-per-cluster.ts';
import { focusCluster } from '../session/focus-cluster.ts';
import { CLUSTERS_AHEAD_HINT, useClusterWritesPaused } from '../session/rebind-pending.ts';
import { allClusterIds, findFilter, toggleClusterVisible } from '../session/filter-actions.ts';
import { toggleClusterSelection } from '../session/selection-actions.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { formatNumber } from '../../shared/encodings/legend.ts';
import { useColumnTypes } from '../session/use-column-types.ts';
import { clusterName } from '../../shared/encodings/point-values.ts';
import { Panel } from './panel.tsx';
import { ClusterAbout } from './cluster-about.tsx';
import { ClusterStatsDialog } from './cluster-stats-dialog.tsx';
import { CompareDialog } from './compare-dialog.tsx';
import '../styles/viewer.css';

/**
 * Past this many clusters each one's trait list starts folded: its paragraph says the strongest
 * traits already, and nine clusters with their lists open run to five screens of panel.
 */
const MANY_CLUSTERS = 4;

/**
 * Clusters found by the analysis: size, colour, label, and what sets each apart (its paragraph
 * and traits); show/hide and select each. The per-cluster statistics table and the comparison
 * of two groups open in large dialogs over the scene.
 */
export function ClusterPanel() {
  const model = useSession();
  const { doc } = model.conn;
  const filters = useDocValue(doc, ['filters'], readFilters);
  const selection = useDocValue(doc, ['selection'], readSelection);
  const clusterFilter = findFilter(filters, 'cluster');
  const shown = (id: number) => !clusterFilter || clusterFilter.kind !== 'cluster' || !clusterFilter.enabled || clusterFilter.values.includes(id);
  const view = useDocValue(doc, ['view'], readView);
  const palette = view.color.by === 'cluster' ? view.color.palette : undefined;
  const { clustering } = model.summary;
  const ids = allClusterIds(model);
  const sizeOf = new Map(model.summary.clusters.map((c) => [c.id, c]));
  // Show/hide and select write cluster ids: not while those ids are about to change meaning.
  const paused = useClusterWritesPaused(model);
  const writable = model.canEdit && !paused;
  const types = useColumnTypes(model);
  const [dialog, setDialog] = useState<'stats' | 'compare' | null>(null);
  // With the timeline on, each size reads "n of N": its points at the moment shown (per step).
  const cloud = useCloud();
  const timed = usePlaybackOn();
  const atMoment = useMemo(() => (timed ? visiblePerCluster(cloud.filter.passes, model.arrays.cluster) : null), [timed, cloud.filter.passes, model]);

  return (
    <Panel
      id="clusters"
      title="Clusters"
      badge={clustering.clusterCount}
      actions={
        <>
          <button type="button" className="small" title="Count, mean, spread and top categories of every column, per cluster" onClick={() => setDialog('stats')}>
            statistics
          </button>
          <button type="button" className="small" title="Compare two groups: clusters, the selection, the rest, a bookmark's selection" onClick={() => setDialog('compare')}>
            compare
          </button>
        </>
      }
    >
      {dialog === 'stats' && <ClusterStatsDialog onClose={() => setDialog(null)} />}
      {dialog === 'compare' && <CompareDialog onClose={() => setDialog(null)} />}
      <p className="small muted">
        {clustering.method === 'kmeans' ? `k-means, k = ${clustering.k ?? clustering.clusterCount}` : clustering.method.toUpperCase()} on the {clustering.space}
        {clustering.noiseCount > 0 ? ` · ${formatNumber(clustering.noiseCount)} noise points` : ''}
      </p>
      {paused === CLUSTERS_AHEAD_HINT && (
        <p className="small muted" data-testid="clusters-ahead-note">
          The cloud already shows the new analysis's clusters; this list, their sizes and descriptions follow when it is done.
        </p>
      )}
      <ul className="cluster-list">
        {ids.map((id) => {
          const info = sizeOf.get(id);
          const visible = shown(id);
          const selected = selection.clusters.includes(id);
          // The full name (it wraps in the row, but a tooltip carries it whole, as the legend does).
          const fullName = info?.label ? `${clusterName(id)} · ${info.label}` : clusterName(id);
          return (
            <li key={id} className="cluster-item" data-cluster={id}>
            <div
              className={`cluster-row${visible ? '' : ' hidden-cluster'}${selected ? ' selected' : ''}`}
              data-cluster={id}
              onDoubleClick={() => focusCluster(model, id)}
              title={`${fullName} — double-click to fly to this cluster`}
            >
              <span className="swatch" style={{ background: clusterColor(id, palette) }} />
              <div className="cluster-text">
                <span className="cluster-name">
                  {clusterName(id)}{' '}
                  <span className="muted small" data-testid="cluster-size">
                    {atMoment ? `${formatNumber(atMoment.get(id) ?? 0)} of ` : ''}
                    {formatNumber(info?.size ?? clustering.noiseCount)} points
                  </span>
                </span>
                {/* A no-break space before each "·": a line never starts with the separator. */}
                {info?.label && <span className="cluster-label small">{info.label.replaceAll(' · ', '\u00a0· ')}</span>}
              </div>
              <button type="button" className="small row-action" aria-label={`Fly to ${clusterName(id)}`} title="Fly the camera to this cluster" onClick={() => focusCluster(model, id)}>
                <span className="glyph" aria-hidden="true">◎</span>fly to
              </button>
              <button
                type="button"
                className="small row-action"
                // A toggle whose pressed state is "hidden": pressed (highlighted) only while hidden.
                aria-pressed={!visible}
                aria-label={`Hide ${clusterName(id)}`}
                title={paused ?? (visible ? 'Hide this cluster for everyone' : 'Show this cluster again for everyone')}
                disabled={!writable}
                onClick={() => toggleClusterVisible(model, id)}
              >
                <span className="glyph" aria-hidden="true">{visible ? '◉' : '○'}</span>
                hide
              </button>
              <button type="button" className={`small${selected ? ' on' : ''}`} aria-pressed={selected} title={paused ?? undefined} disabled={!writable} onClick={() => toggleClusterSelection(model, id)}>
                {selected ? 'selected' : 'select'}
              </button>
            </div>
            {info && <ClusterAbout cluster={info} pointCount={model.summary.pointCount} types={types} hidden={!visible} traitsFolded={ids.length > MANY_CLUSTERS} />}
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}
