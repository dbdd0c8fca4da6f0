import { useEffect, useMemo, useState, type RefObject } from 'react';
import type { Row } from '../api/datasets.ts';
import { useCloud, useSession } from '../session/session-model.ts';
import { clusterName } from '../../shared/encodings/point-values.ts';
import { useUi } from '../state/ui-store.ts';
import { RowValues } from '../panels/row-values.tsx';
import { RowThumbnail } from '../panels/row-thumbnail.tsx';
import { imageColumnOf } from '../session/image-column.ts';
import type { PointSceneHandle } from '../scene/types.ts';

/** The hovered point's original row (fetched once, then cached) beside the cursor. */
export function HoverTooltip({ scene }: { scene: RefObject<PointSceneHandle | null> }) {
  const model = useSession();
  const { ctx } = useCloud();
  const hover = useUi((s) => s.hover);
  const rowIndex = hover ? model.arrays.rowIndex[hover.point] : null;
  const [row, setRow] = useState<{ index: number; row: Row } | null>(null);
  // A thumbnail (~106 px) takes the place of five value rows, so the card stays about as tall.
  const hasImage = useMemo(() => imageColumnOf(model.dataset) !== null, [model.dataset]);
  const shownRows = hasImage ? 9 : 14;
  useEffect(() => {
    if (rowIndex === null) return;
    const cached = model.rows.peek(rowIndex);
    if (cached) {
      setRow({ index: rowIndex, row: cached });
      return;
    }
    let live = true;
    model.rows.get(rowIndex).then((r) => live && setRow({ index: rowIndex, row: r }), () => undefined);
    return () => {
      live = false;
    };
  }, [model, rowIndex]);
  const focused = useUi((s) => s.focused);
  // The clicked point's card already shows all of this beside it.
  if (!hover || rowIndex === null || hover.point === focused) return null;
  const values = row && row.index === rowIndex ? row.row : model.rows.peek(rowIndex);
  // What the cloud shows for the point (the pending analysis's clusters and flags once ahead).
  const cluster = ctx.cluster[hover.point];
  const anomaly = ctx.anomaly[hover.point];
  const entries = values ? Object.entries(values) : [];
  // Beside the cursor, on whichever side has room (the scene area is the positioned parent).
  const area = scene.current?.getCanvas()?.getBoundingClientRect();
  const flipX = area ? hover.x > area.width - 380 : false;
  // Above the cursor only when the card does not fit below and there is more room above.
  const flipY = area ? area.height - hover.y < 300 && hover.y > area.height - hover.y : false;
  const style = {
    left: flipX ? undefined : hover.x + 16,
    right: flipX && area ? area.width - hover.x + 16 : undefined,
    top: flipY ? undefined : hover.y + 12,
    bottom: flipY && area ? area.height - hover.y + 12 : undefined,
  };
  return (
    <div className="tooltip" role="tooltip" data-testid="tooltip" data-row={rowIndex} style={style}>
      <div className="tooltip-head">
        Row {rowIndex + 1} · {clusterName(cluster)}
        {ctx.anomalyFlag[hover.point] ? <span className="tag warn">anomaly {anomaly.toFixed(2)}</span> : null}
      </div>
      {values && <RowThumbnail values={values} />}
      {values ? (
        <RowValues entries={entries.slice(0, shownRows)} />
      ) : (
        <div className="muted">loading…</div>
      )}
      {entries.length > shownRows && <div className="muted">+{entries.length - shownRows} more columns</div>}
    </div>
  );
}
