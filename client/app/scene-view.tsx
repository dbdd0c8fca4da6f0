import { useCallback, useEffect, useMemo, useRef, type PointerEvent, type ReactNode } from 'react';
import { readAnnotations, readPresenter, readView, setPresenterPose } from '../../shared/session/index.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { usePeers } from '../collab/use-peers.ts';
import { pointOfRow } from '../encodings/point-context.ts';
import { PointScene } from '../scene/point-scene.tsx';
import type { AnnotationPin, CameraPose, ClickModifiers, ClusterLabel, NeighbourLinks, ParticipantAvatar } from '../scene/types.ts';
import { useUi } from '../state/ui-store.ts';
import { useCloud, useSession } from '../session/session-model.ts';
import { selectPoints } from '../session/selection-actions.ts';
import { followStatus, isRoamDrag, VIEWER_SELECT_TOAST } from '../session/follow-state.ts';
import { sceneOverlayBoxes } from './scene-overlay-boxes.ts';
import { useNeighbours } from '../session/use-neighbours.ts';
import '../styles/viewer.css';
import { poseKey, presenterPose, PRESENTER_POSE_INTERVAL_MS, PRESENTER_POSE_SETTLE_MS } from '../session/presenter-pose.ts';

/**
 * The 3D view of a session: the cloud, other participants as avatars, annotation pins and
 * neighbour links; pointer input turned into hover, focus and selection; our camera shared as
 * presence (and as the presenter's pose when we present); the presenter followed when asked.
 */
export function SceneView({ clusterLabels }: { clusterLabels: ClusterLabel[] }) {
  const model = useSession();
  const cloud = useCloud();
  const { doc, awareness, origins } = model.conn;
  const view = useDocValue(doc, ['view'], readView);
  const annotations = useDocValue(doc, ['annotations'], readAnnotations);
  const presenter = useDocValue(doc, ['presenter'], readPresenter);
  const peers = usePeers(awareness);
  const focused = useUi((s) => s.focused);
  const following = useUi((s) => s.following);
  const neighbours = useNeighbours(focused);
  const presenting = presenter.clientId === awareness.clientID;
  const presentingRef = useRef(presenting);
  presentingRef.current = presenting;
  const lastPose = useRef(0);
  const settlePose = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(settlePose.current ?? undefined), []);

  const avatars = useMemo<ParticipantAvatar[]>(
    () =>
      peers.flatMap((p) => {
        const cam = p.state.head ? null : p.state.camera;
        if (p.state.head) {
          const [x, y, z, w] = p.state.head.quaternion;
          // The head looks down its local -Z axis: rotate (0, 0, -1) by the quaternion.
          const dir: [number, number, number] = [-(2 * (x * z + w * y)), -(2 * (y * z - w * x)), -(1 - 2 * (x * x + y * y))];
          return [{ id: String(p.clientId), name: p.state.name, color: p.state.color, position: p.state.head.position, direction: dir }];
        }
        if (!cam) return [];
        const direction: [number, number, number] = [cam.target[0] - cam.position[0], cam.target[1] - cam.position[1], cam.target[2] - cam.position[2]];
        return [{ id: String(p.clientId), name: p.state.name, color: p.state.color, position: cam.position, direction }];
      }),
    [peers],
  );

  const positions = cloud.data.positions;
  const pins = useMemo<AnnotationPin[]>(
    () =>
      annotations.flatMap((a) => {
        if (a.position) return [{ id: a.id, position: a.position, text: a.text, color: a.color }];
        const p = pointOfRow(model.arrays.rowIndex, a.rowIndex ?? -1);
        if (p < 0) return [];
        return [{ id: a.id, position: [positions[p * 3], positions[p * 3 + 1], positions[p * 3 + 2]], text: a.text, color: a.color }];
      }),
    [annotations, positions, model],
  );

  const links = useMemo<NeighbourLinks[]>(
    () => (focused !== null && neighbours.data ? [{ from: focused, to: neighbours.data.neighbors.map((n) => n.point), color: '#8cc8ff' }] : []),
    [focused, neighbours.data],
  );

  const onHover = useCallback(
    (index: number | null, x: number, y: number) => {
      useUi.getState().setHover(index === null ? null : { point: index, x, y });
      model.presence.update({ hovered: index === null ? null : model.arrays.rowIndex[index] });
    },
    [model],
  );

  const onClick = useCallback(
    (index: number | null, mods: ClickModifiers) => {
      if (index === null) {
        useUi.getState().setFocused(null);
        return;
      }
      useUi.getState().setFocused(index);
      if ((mods.shift || mods.ctrl || mods.meta) && !model.canEdit) useUi.getState().showToast(VIEWER_SELECT_TOAST);
      else if (mods.shift || mods.ctrl || mods.meta) {
        const selected = (cloud.selectedMask[index] ?? 0) === 1;
        selectPoints(model, [index], selected ? 'remove' : 'add');
      }
    },
    [model, cloud.selectedMask],
  );

  const onLasso = useCallback(
    (indices: Uint32Array) => {
      // A view link's lasso would do nothing: say why instead of failing silently.
      if (!model.canEdit) useUi.getState().showToast(VIEWER_SELECT_TOAST);
      else selectPoints(model, indices, 'replace');
    },
    [model],
  );

  const onCameraChange = useCallback(
    (pose: CameraPose) => {
      model.presence.update({ camera: { position: pose.position, target: pose.target } });
      if (presentingRef.current && model.canEdit) {
        const store = () => {
          lastPose.current = Date.now();
          if (presentingRef.current) setPresenterPose(doc, { position: pose.position, target: pose.target }, origins.presence);
        };
        clearTimeout(settlePose.current ?? undefined);
        if (Date.now() - lastPose.current >= PRESENTER_POSE_INTERVAL_MS) store();
        else settlePose.current = setTimeout(store, PRESENTER_POSE_SETTLE_MS);
      }
    },
    [model, doc, origins],
  );

  const keepOut = useCallback(() => sceneOverlayBoxes(model.scene.current?.getCanvas() ?? null), [model]);

  // Follow the presenter: ease to each pose they publish (unless we present or roam free).
  const followPose = presenterPose(presenter, peers);
  const followKey = poseKey(followPose);
  useEffect(() => {
    if (presenting || !following || !followPose) return;
    void model.scene.current?.setCamera({ position: followPose.position, target: followPose.target }, true);
    // followKey stands for followPose: a new object on every awareness change, the same pose.
  }, [followKey, presenting, following, model]);

  // Orbiting, panning or zooming ourselves while following means we want to roam: stop
  // following instead of snapping back at the presenter's next pose. The shift-drag lasso never
  // reaches here (the scene stops its events), nor does a click that barely moves.
  const down = useRef<{ x: number; y: number } | null>(null);
  const followingSomeone = presenter.clientId !== null && !presenting && following;
  const roam = () => {
    if (followingSomeone) useUi.getState().setFollowing(false);
  };
  const onPointerMove = (e: PointerEvent) => {
    if (isRoamDrag(down.current, e.clientX, e.clientY, e.buttons)) {
      down.current = null;
      roam();
    }
  };

  return (
    <div
      className="scene-input"
      onPointerDown={(e) => (down.current = { x: e.clientX, y: e.clientY })}
      onPointerMove={onPointerMove}
      onPointerUp={() => (down.current = null)}
      onWheel={roam}
    >
    <PointScene
      ref={model.scene}
      data={cloud.data}
      filterMode={view.filterMode}
      pointScale={view.pointScale}
      onHover={onHover}
      onClick={onClick}
      onLasso={onLasso}
      onCameraChange={onCameraChange}
      avatars={avatars}
      pins={pins}
      links={links}
      clusterLabels={clusterLabels}
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
