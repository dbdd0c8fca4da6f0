import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Row } from '../api/datasets.ts';
import { useSession } from '../session/session-model.ts';
import { RowValues } from './row-values.tsx';
import { RowThumbnail } from './row-thumbnail.tsx';
import { useLabelColumn } from '../session/use-label-column.ts';
import { cellText, differenceText, largestDifferences, useNeighbours, NEIGHBOUR_COUNT } from '../session/use-neighbours.ts';
import { selectPoints } from '../session/selection-actions.ts';
import { clusterName } from '../../shared/encodings/point-values.ts';
import { useUi } from '../state/ui-store.ts';
import { Panel } from './panel.tsx';

/**
 * The dashboard's "Point" panel: what clicking a point does. The clicked point's details open
 * beside it in the scene (PointCard); here is only where to look.
 */
export function NeighboursPanel() {
  const model = useSession();
  const focused = useUi((s) => s.focused);
  return (
    <Panel id="neighbours" title="Point" badge={focused === null ? undefined : `row ${model.arrays.rowIndex[focused] + 1}`}>
      {focused === null ? (
        <p className="small muted">Click a point: its values and its {NEIGHBOUR_COUNT} nearest neighbours in feature space open beside it, with lines to them in the scene.</p>
      ) : (
        <div className="button-row">
          <span className="small muted">Details are open beside the point.</span>
          <button type="button" className="small" onClick={() => useUi.getState().setFocused(null)}>
            close
          </button>
        </div>
      )}
    </Panel>
  );
}

/** The focused (clicked) point's values and nearest neighbours in feature space (not in the layout). */
export function PointDetails({ focused }: { focused: number }) {
  const model = useSession();
  const setFocused = useUi((s) => s.setFocused);
  const { data, error, loading } = useNeighbours(focused);
  // Each neighbour is named by a label column and told apart by the features it differs most on.
  const labelData = useLabelColumn(model, true);
  // The differences read the feature columns: render again as each arrives.
  useSyncExternalStore(model.columns.subscribe, model.columns.getVersion);
  const features = model.summary.features;
  useEffect(() => {
    model.columns.ensure(features.map((f) => f.column));
  }, [model, focused, features]);
  return (
    <>
      <div className="button-row">
        <button type="button" className="small" onClick={() => void model.view.current?.focus(focused, true)}>
          fly to
        </button>
        <button type="button" className="small" disabled={!model.canEdit || !data} onClick={() => data && selectPoints(model, [focused, ...data.neighbors.map((n) => n.point)], 'replace')}>
          select with neighbours
        </button>
      </div>
      <FocusedRow row={model.arrays.rowIndex[focused]} />
      <div className="point-card-subhead small">Nearest {NEIGHBOUR_COUNT} in features <span className="muted">(lines in the scene)</span></div>
      {loading && <p className="small muted">finding neighbours…</p>}
      {error && <p className="small error">{error}</p>}
      {data && (
        <ol className="neighbour-list small" data-testid="neighbours">
          {data.neighbors.map((n) => (
            <NeighbourItem
              key={n.point}
              row={model.arrays.rowIndex[n.point]}
              label={labelData ? cellText(labelData, model.arrays.rowIndex[n.point]) : null}
              differs={largestDifferences(features, model.columns.columns, model.arrays.rowIndex[focused], model.arrays.rowIndex[n.point]).map(differenceText)}
              detail={`${clusterName(model.arrays.cluster[n.point])} · distance ${n.distance.toFixed(2)}`}
              onFocus={() => setFocused(n.point)}
            />
          ))}
        </ol>
      )}
    </>
  );
}

/** One neighbour: its label (row number when there is none), where it differs most, cluster and distance. */
function NeighbourItem({ row, label, differs, detail, onFocus }: { row: number; label: string | null; differs: string[]; detail: string; onFocus: () => void }) {
  return (
    <li data-row={row}>
      <button type="button" className="link" title={`row ${row + 1}`} onClick={onFocus}>
        {label ?? `row ${row + 1}`}
      </button>
      {label !== null && <span className="muted"> row {row + 1}</span>}
      {differs.length > 0 && <span className="neighbour-differs"> · {differs.join(', ')}</span>}
      <span className="muted"> · {detail}</span>
    </li>
  );
}

/** The focused point's original values (the same cached request as the hover tooltip). */
function FocusedRow({ row }: { row: number }) {
  const model = useSession();
  const [values, setValues] = useState<{ row: number; values: Row } | null>(null);
  useEffect(() => {
    let live = true;
    model.rows.get(row).then((v) => live && setValues({ row, values: v }), () => undefined);
    return () => {
      live = false;
    };
  }, [model, row]);
  if (!values || values.row !== row) return null;
  return (
    <>
      <RowThumbnail values={values.values} />
      <RowValues entries={Object.entries(values.values)} className="row-values small" testId="focused-row" />
    </>
  );
}
