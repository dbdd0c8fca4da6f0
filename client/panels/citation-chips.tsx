import { useState } from 'react';
import type { AskCitation } from '../../shared/insights/ask.ts';
import { readView } from '../../shared/session/index.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { clusterColor } from '../../shared/encodings/color-encoding.ts';
import { pointOfRow } from '../../shared/encodings/point-context.ts';
import { clusterName } from '../../shared/encodings/point-values.ts';
import { focusCluster } from '../session/focus-cluster.ts';
import { useSession } from '../session/session-model.ts';
import { useLabelColumn } from '../session/use-label-column.ts';
import { cellText } from '../session/use-neighbours.ts';
import { useUi } from '../state/ui-store.ts';
import { histogramTitle, MiniHistogram } from './mini-histogram.tsx';

/** Chips shown before "+n more" (an answer may cite up to 50 rows and columns). */
const FIRST_CHIPS = 12;

/**
 * What an answer used, as chips: a cluster flies there, a row flies to its point (as the
 * anomalies list does), a column shows its distribution under the chips (click again to close).
 */
export function CitationChips({ citations }: { citations: readonly AskCitation[] }) {
  const model = useSession();
  const setFocused = useUi((s) => s.setFocused);
  const view = useDocValue(model.conn.doc, ['view'], readView);
  const palette = view.color.by === 'cluster' ? view.color.palette : undefined;
  const [column, setColumn] = useState<string | null>(null);
  const [all, setAll] = useState(false);
  const hasRows = citations.some((c) => c.kind === 'row');
  const labels = useLabelColumn(model, hasRows);
  const clusterLabel = new Map(model.summary.clusters.map((c) => [c.id, c.label]));
  const profile = column === null ? undefined : model.dataset.columns.find((c) => c.name === column);
  if (citations.length === 0) return null;
  return (
    <div className="citations">
      <ul className="chips" aria-label="Sources of this answer" data-testid="citations">
        {(all ? citations : citations.slice(0, FIRST_CHIPS)).map((c, k) => {
          if (c.kind === 'column') {
            const known = model.dataset.columns.some((d) => d.name === c.column);
            return (
              <li key={k}>
                <button type="button" className="chip column-chip" aria-pressed={column === c.column} disabled={!known} title={known ? 'Show this column’s distribution' : 'Not a column of this dataset'} onClick={() => setColumn(column === c.column ? null : c.column)}>
                  <span className="chip-kind" aria-hidden="true">▤</span>
                  {c.column}
                </button>
              </li>
            );
          }
          if (c.kind === 'cluster') {
            const label = clusterLabel.get(c.cluster);
            return (
              <li key={k}>
                <button type="button" className="chip cluster-chip" title={`Fly to ${clusterName(c.cluster)}${label ? ` · ${label}` : ''}`} onClick={() => focusCluster(model, c.cluster)}>
                  <span className="swatch" style={{ background: clusterColor(c.cluster, palette) }} />
                  {clusterName(c.cluster)}
                </button>
              </li>
            );
          }
          const point = pointOfRow(model.arrays.rowIndex, c.rowIndex);
          const name = labels ? cellText(labels, c.rowIndex) : null;
          return (
            <li key={k}>
              <button
                type="button"
                className="chip row-chip"
                disabled={point < 0}
                title={point < 0 ? 'This row is not in the analysis (it was dropped)' : 'Fly to this row’s point'}
                onClick={() => {
                  setFocused(point);
                  void model.view.current?.focus(point, true);
                }}
              >
                <span className="chip-kind" aria-hidden="true">●</span>
                {name ? `${name} · ` : ''}row {c.rowIndex + 1}
              </button>
            </li>
          );
        })}
        {!all && citations.length > FIRST_CHIPS && (
          <li>
            <button type="button" className="link small" onClick={() => setAll(true)}>
              +{citations.length - FIRST_CHIPS} more
            </button>
          </li>
        )}
      </ul>
      {profile && (
        <div className="column-detail" data-testid="column-detail">
          <span className="small">
            <strong>{profile.name}</strong> <span className="muted">{profile.type}{profile.missing > 0 ? ` · ${profile.missing.toLocaleString('en-US')} missing` : ''}</span>
          </span>
          <MiniHistogram profile={profile.profile} />
          <span className="small muted">{histogramTitle(profile.profile)}</span>
        </div>
      )}
    </div>
  );
}
