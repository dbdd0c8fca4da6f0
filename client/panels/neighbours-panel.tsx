import { useEffect, useState } from 'react';
import type { Row } from '../api/datasets.ts';
import { useSession } from '../app/session-model.ts';
import { RowValues } from './row-values.tsx';
import { useNeighbours, NEIGHBOUR_COUNT } from '../app/use-neighbours.ts';
import { selectPoints } from '../app/selection-actions.ts';
import { clusterName } from '../encodings/point-values.ts';
import { useUi } from '../state/ui-store.ts';
import { Panel } from './panel.tsx';

/** The focused (clicked) point's nearest neighbours in feature space, not in the layout. */
export function NeighboursPanel() {
  const model = useSession();
  const focused = useUi((s) => s.focused);
  const setFocused = useUi((s) => s.setFocused);
  const { data, error, loading } = useNeighbours(focused);
  return (
    <Panel id="neighbours" title="Point" badge={focused === null ? undefined : `row ${model.arrays.rowIndex[focused] + 1}`}>
      {focused === null ? (
        <p className="small muted">Click a point to see its {NEIGHBOUR_COUNT} nearest neighbours in feature space (lines in the scene).</p>
      ) : (
        <>
          <div className="button-row">
            <button type="button" className="small" onClick={() => void model.scene.current?.focusPoint(focused, true)}>
              fly to
            </button>
            <button type="button" className="small" disabled={!model.canEdit || !data} onClick={() => data && selectPoints(model, [focused, ...data.neighbors.map((n) => n.point)], 'replace')}>
              select with neighbours
            </button>
          </div>
          <FocusedRow row={model.arrays.rowIndex[focused]} />
          {loading && <p className="small muted">finding neighbours…</p>}
          {error && <p className="small error">{error}</p>}
          {data && (
            <ol className="neighbour-list small" data-testid="neighbours">
              {data.neighbors.map((n) => (
                <li key={n.point}>
                  <button type="button" className="link" onClick={() => setFocused(n.point)}>
                    row {model.arrays.rowIndex[n.point] + 1}
                  </button>
                  <span className="muted"> {clusterName(model.arrays.cluster[n.point])} · distance {n.distance.toFixed(2)}</span>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </Panel>
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
    <RowValues entries={Object.entries(values.values)} className="row-values small" testId="focused-row" />
  );
}
