import { useCallback, useEffect, useState, useRef, type PointerEvent, type ReactNode, type RefObject } from 'react';
import { readPresenter } from '../../shared/session/index.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { usePeers } from '../collab/use-peers.ts';
import { PointScene } from '../scene/point-scene.tsx';
import type { CameraPose, ClickModifiers, ClusterLabel, PointSceneHandle } from '../scene/types.ts';
import { useUi } from '../state/ui-store.ts';
import { useCloud, useSession } from '../session/session-model.ts';
import { followStatus, isRoamDrag } from '../session/follow-state.ts';
import { useSceneBindings } from '../session/use-scene-bindings.ts';
import { desktopViewDriver } from './desktop-view-driver.ts';
import { OverlayBoxes } from './scene-overlay-boxes.ts';
import '../styles/viewer.css';

/**
 * The desktop 3D view of a session: the scene the session binds (useSceneBindings) in a canvas,
 * with the mouse and wheel turned into hover, focus, selection and roaming. While mounted, the
 * orbit camera is the session's view driver, and `scene` holds the canvas handle for what only
 * the desktop shell does in screen pixels (cards, tooltips, the test hooks).
 */
export function SceneView({ clusterLabels, scene }: { clusterLabels: ClusterLabel[]; scene: RefObject<PointSceneHandle | null> }) {
  const model = useSession();
  const cloud = useCloud();
  const bindings = useSceneBindings(clusterLabels);
  const positions = useRef(cloud.data.positions);
  positions.current = cloud.data.positions;

  const attach = useCallback(
    (handle: PointSceneHandle | null) => {
      scene.current = handle;
      model.view.current = handle ? desktopViewDriver(handle, () => positions.current) : null;
    },
    [model, scene],
  );

  const { hover, pick, selectMany, viewChanged } = bindings;
  const onHover = useCallback(
    (index: number | null, x: number, y: number) => {
      useUi.getState().setHover(index === null ? null : { point: index, x, y });
      hover(index);
    },
    [hover],
  );
  const onClick = useCallback((index: number | null, mods: ClickModifiers) => pick(index, mods.shift || mods.ctrl || mods.meta), [pick]);
  const onLasso = useCallback((indices: Uint32Array) => selectMany(indices, 'replace'), [selectMany]);
  const onCameraChange = useCallback((pose: CameraPose) => viewChanged(pose), [viewChanged]);

  // Read every frame the names are placed: measured on layout changes only, one cached array between.
  const [overlays] = useState(() => new OverlayBoxes());
  useEffect(() => () => overlays.dispose(), [overlays]);
  const keepOut = useCallback(() => overlays.over(scene.current?.getCanvas() ?? null), [overlays, scene]);

  // Orbiting, panning or zooming ourselves while following means we want to roam: stop
  // following instead of snapping back at the presenter's next pose. The shift-drag lasso never
  // reaches here (the scene stops its events), nor does a click that barely moves.
  const down = useRef<{ x: number; y: number } | null>(null);
  const onPointerMove = (e: PointerEvent) => {
    if (isRoamDrag(down.current, e.clientX, e.clientY, e.buttons)) {
      down.current = null;
      bindings.roam();
    }
  };

  return (
    <div
      className="scene-input"
      onPointerDown={(e) => (down.current = { x: e.clientX, y: e.clientY })}
      onPointerMove={onPointerMove}
      onPointerUp={() => (down.current = null)}
      onWheel={bindings.roam}
    >
      <PointScene
        ref={attach}
        {...bindings.scene}
        onHover={onHover}
        onClick={onClick}
        onLasso={onLasso}
        onCameraChange={onCameraChange}
        labelKeepOut={keepOut}
        background="#0b0f17"
      />
    </div>
  );
}

/** "Following <name>" over the scene while we follow; a "follow <name>" button while we roam. */
export function FollowOverlay(): ReactNode {
  const model = useSession();
  const { doc, awareness } = model.conn;
  const presenter = useDocValue(doc, ['presenter'], readPresenter);
  const peers = usePeers(awareness);
  const following = useUi((s) => s.following);
  const status = followStatus(
    presenter,
    awareness.clientID,
    peers.map((p) => p.clientId),
    following,
  );
  if (status.kind === 'following') {
    return (
      <div className="follow-overlay" data-testid="follow-overlay" role="status">
        Following <strong>{status.name}</strong> · Esc or drag to roam
        <button type="button" className="small" onClick={() => useUi.getState().setFollowing(false)}>
          stop
        </button>
      </div>
    );
  }
  if (status.kind === 'roaming') {
    return (
      <div className="follow-overlay roaming" data-testid="follow-overlay">
        <button type="button" className="small" onClick={() => useUi.getState().setFollowing(true)}>
          follow {status.name}
        </button>
      </div>
    );
  }
  return null;
}
