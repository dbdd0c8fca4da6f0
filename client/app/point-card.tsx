import { useEffect, useRef, type RefObject } from 'react';
import { readView } from '../../shared/session/index.ts';
import { useCloud, useSession } from '../session/session-model.ts';
import { useLabelColumn } from '../session/use-label-column.ts';
import { cellText } from '../session/use-neighbours.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { clusterColor } from '../../shared/encodings/color-encoding.ts';
import { clusterName } from '../../shared/encodings/point-values.ts';
import { useUi } from '../state/ui-store.ts';
import type { PointSceneHandle } from '../scene/types.ts';
import { placeCard } from './card-placement.ts';
import { PointDetails } from '../panels/neighbours-panel.tsx';

/**
 * The clicked point's details (values, nearest neighbours) in a card beside the point in the
 * scene, where the eye already is. It follows the point as the camera moves (placed once per
 * frame through a ref, never through React state), stays on screen, and closes with × or Esc
 * (use-shortcuts clears the focus).
 */
export function PointCard({ scene }: { scene: RefObject<PointSceneHandle | null> }) {
  const model = useSession();
  const { ctx } = useCloud();
  const focused = useUi((s) => s.focused);
  const ref = useRef<HTMLDivElement>(null);
  const view = useDocValue(model.conn.doc, ['view'], readView);
  const labelData = useLabelColumn(model, focused !== null);

  useEffect(() => {
    if (focused === null) return;
    let frame = 0;
    let last = '';
    const place = () => {
      frame = requestAnimationFrame(place);
      const el = ref.current;
      const handle = scene.current;
      const canvas = handle?.getCanvas();
      const at = handle?.project(focused);
      if (!el || !canvas) return;
      // Behind the camera: keep the card where it was, marked, rather than jump around.
      el.dataset.offscreen = at ? 'false' : 'true';
      if (!at) return;
      const spot = placeCard(at, { width: el.offsetWidth, height: el.offsetHeight }, { width: canvas.clientWidth, height: canvas.clientHeight });
      // A notch on the card's edge points at the point's height.
      const notch = Math.round(Math.max(14, Math.min(el.offsetHeight - 14, at.y - spot.y)));
      const key = `${Math.round(spot.x)},${Math.round(spot.y)},${spot.side},${notch}`;
      if (key === last) return;
      last = key;
      el.style.transform = `translate(${Math.round(spot.x)}px, ${Math.round(spot.y)}px)`;
      el.style.setProperty('--notch-y', `${notch}px`);
      el.dataset.side = spot.side;
      el.style.visibility = 'visible';
    };
    place();
    return () => cancelAnimationFrame(frame);
  }, [scene, focused]);

  if (focused === null) return null;
  const row = model.arrays.rowIndex[focused];
  // What the cloud shows for the point (the pending analysis's clusters and flags once ahead).
  const cluster = ctx.cluster[focused];
  const label = labelData ? cellText(labelData, row) : null;
  return (
    // Hidden until placed: a first frame at the corner would flash.
    <div ref={ref} className="point-card" data-testid="point-card" data-row={row} role="dialog" aria-label={`Row ${row + 1}`} style={{ visibility: 'hidden' }}>
      <div className="point-card-head">
        <span className="swatch" style={{ background: clusterColor(cluster, view.color.by === 'cluster' ? view.color.palette : undefined) }} />
        <span className="point-card-title" data-testid="point-card-title">
          {label ? `${label} · ` : ''}row {row + 1} · {clusterName(cluster)}
        </span>
        {ctx.anomalyFlag[focused] ? <span className="tag warn">anomaly {ctx.anomaly[focused].toFixed(2)}</span> : null}
        <button type="button" className="icon point-card-close" aria-label="Close the point details" title="Close (Esc)" onClick={() => useUi.getState().setFocused(null)}>
          ✕
        </button>
      </div>
      <div className="point-card-body">
        <PointDetails focused={focused} />
      </div>
    </div>
  );
}
