import { useMemo, useState } from 'react';
import { useCloud, useSession } from '../session/session-model.ts';
import type { Legend, LegendMark } from '../../shared/encodings/legend.ts';
import { formatNumber, legendMarks } from '../../shared/encodings/legend.ts';
import { countText, visibleMarks } from '../../shared/encodings/legend-visible.ts';
import { CLUSTER_TITLE } from '../../shared/encodings/point-values.ts';
import { rampCss } from '../../shared/encodings/palettes.ts';
import { readView } from '../../shared/session/index.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { clusterNamesShown } from '../session/cluster-label-list.ts';
import { useUi } from '../state/ui-store.ts';
import '../styles/search.css';
import '../styles/labels.css';

function useMarks(): LegendMark[] {
  const model = useSession();
  const cloud = useCloud();
  const visible = useMemo(() => visibleMarks(cloud.data.flags, cloud.filter.passCount), [cloud.data.flags, cloud.filter.passCount]);
  return legendMarks({
    anomalyFlagged: model.summary.anomalies.flagged,
    contamination: model.summary.anomalies.contamination,
    selectedCount: cloud.selectedCount,
    searchCount: cloud.search?.count ?? null,
    visible,
  });
}

/** Under filters the counts read "n of N visible": a column head says so once, each row "n of N". */
function VisibleHead({ filtered }: { filtered: boolean }) {
  if (!filtered) return null;
  return (
    <div className="legend-visible-head" data-testid="legend-visible-head">
      n of N visible under filters
    </div>
  );
}

/** Rows explaining the rings drawn around points: anomaly halo, selection outline, search match. */
function MarkRows({ marks }: { marks: LegendMark[] }) {
  if (marks.length === 0) return null;
  return (
    <ul className="legend-marks" data-testid="legend-marks">
      {marks.map((m) => (
        <li key={m.kind} className="legend-mark" data-mark={m.kind}>
          <span className={`mark-ring mark-${m.kind}`} style={{ borderColor: m.color }} aria-hidden="true" />
          <span className="legend-label">{m.label}</span>
          <span className="legend-count">{countText(m.count, m.visible, formatNumber)}</span>
        </li>
      ))}
    </ul>
  );
}

/** Personal switch for cluster names floating in the scene; shown while colour is by cluster. */
function ClusterNamesToggle({ legend }: { legend: Legend }) {
  const model = useSession();
  const view = useDocValue(model.conn.doc, ['view'], readView);
  const preference = useUi((s) => s.clusterNames);
  if (view.color.by !== 'cluster') return null;
  const on = clusterNamesShown(view.color.by, legend, preference);
  return (
    <label className="legend-names-toggle" title="Float each cluster's name over its points (only on your screen)">
      <input type="checkbox" data-testid="cluster-names-toggle" checked={on} onChange={(e) => useUi.getState().setClusterNames(e.target.checked)} />
      names in scene
    </label>
  );
}

/** The colour legend over the scene: swatches for categories, a colour bar for numbers, then the point marks. */
export function LegendView(props: { legend: Legend | null; onItemClick?: (key: string | number | null) => void; max?: number }) {
  const { legend } = props;
  const marks = useMarks();
  if (!legend || legend.kind === 'constant') {
    if (marks.length === 0) return null;
    return (
      <div className="legend legend-marks-only" data-testid="legend">
        <MarkRows marks={marks} />
      </div>
    );
  }
  if (legend.kind === 'continuous') {
    return (
      <div className="legend" data-testid="legend">
        <div className="legend-title">{legend.title}</div>
        <div className="colour-bar" style={{ background: rampCss(legend.stops) }} />
        <div className="colour-ticks">
          {legend.ticks.map((t) => (
            <span key={t.t}>{t.label}</span>
          ))}
        </div>
        {legend.missing > 0 && <div className="legend-note">{formatNumber(legend.missing)} missing (grey)</div>}
        <MarkRows marks={marks} />
      </div>
    );
  }
  return <CategoricalLegend legend={legend} marks={marks} onItemClick={props.onItemClick} max={props.max ?? 12} />;
}

/**
 * Swatches with counts. Folds to its title row (it sits over the scene and can hide points
 * there), and lists every level on demand past the first `max`. Both choices are this
 * person's only.
 */
function CategoricalLegend(props: { legend: Extract<Legend, { kind: 'categorical' }>; marks: LegendMark[]; onItemClick?: (key: string | number | null) => void; max: number }) {
  const { legend, marks } = props;
  const [folded, setFolded] = useState(false);
  const [all, setAll] = useState(false);
  const shown = all ? legend.items : legend.items.slice(0, props.max);
  const hidden = legend.items.length - shown.length;
  const noun = legend.title === CLUSTER_TITLE ? 'clusters' : 'values';
  const canFold = all && legend.items.length > props.max;
  return (
    <div className={`legend${folded ? ' folded' : ''}`} data-testid="legend">
      <div className="legend-title legend-title-row">
        <button type="button" className="legend-fold" aria-expanded={!folded} title={folded ? 'Show the legend' : 'Fold the legend away from the scene'} onClick={() => setFolded(!folded)}>
          {folded ? '▸' : '▾'}
        </button>
        <span className="legend-title-text" title={legend.title}>
          {legend.title}
        </span>
        {!folded && <ClusterNamesToggle legend={legend} />}
      </div>
      {!folded && (
        <>
          <VisibleHead filtered={legend.items.some((item) => item.visible !== undefined)} />
          <ul className="legend-items">
            {shown.map((item) => (
              <li key={`${item.key}-${item.label}`}>
                <button type="button" className="legend-item" disabled={!props.onItemClick} onClick={() => props.onItemClick?.(item.key)} title={item.label}>
                  <span className="swatch" style={{ background: item.color }} />
                  <span className="legend-label">{item.label}</span>
                  <span className="legend-count">{countText(item.count, item.visible, formatNumber)}</span>
                </button>
              </li>
            ))}
          </ul>
          {(hidden > 0 || legend.otherCount > 0 || canFold) && (
            <div className="legend-note">
              {hidden > 0 && (
                <button type="button" className="link-button" data-testid="legend-more" onClick={() => setAll(true)}>
                  {hidden} more {noun}
                </button>
              )}
              {canFold && (
                <button type="button" className="link-button" onClick={() => setAll(false)}>
                  fewer
                </button>
              )}
              {(hidden > 0 || canFold) && legend.otherCount > 0 ? ' · ' : ''}
              {legend.otherCount > 0 ? `${countText(legend.otherCount, legend.otherVisible, formatNumber)} points in rarer ${noun} (grey)` : ''}
            </div>
          )}
          <MarkRows marks={marks} />
        </>
      )}
    </div>
  );
}
