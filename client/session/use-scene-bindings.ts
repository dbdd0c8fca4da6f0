import { useCallback, useContext, useEffect, useMemo, useRef } from 'react';
import { readAnnotations, readPresenter, readView, setPresenterPose, type Pose } from '../../shared/session/index.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { usePeers } from '../collab/use-peers.ts';
import { pointOfRow } from '../../shared/encodings/point-context.ts';
import type { AnnotationPin, ClusterLabel, FilterMode, NeighbourLinks, ParticipantAvatar, PointCloudData, TimeLens } from '../scene/types.ts';
import { useUi } from '../state/ui-store.ts';
import { VIEWER_SELECT_TOAST } from './follow-state.ts';
import { poseKey, presenterPose, PRESENTER_POSE_INTERVAL_MS, PRESENTER_POSE_SETTLE_MS } from './presenter-pose.ts';
import { peerAvatars } from './peer-avatars.ts';
import { selectPoints } from './selection-actions.ts';
import { useCloud, useSession } from './session-model.ts';
import { useNeighbours } from './use-neighbours.ts';
import { PlaybackContext, useTimeLens } from './use-playback.ts';

/** What the scene draws for a session, whichever shell renders it (desktop canvas or XR). */
export interface SceneInputs {
  data: PointCloudData;
  filterMode: FilterMode;
  pointScale: number;
  avatars: readonly ParticipantAvatar[];
  pins: readonly AnnotationPin[];
  links: readonly NeighbourLinks[];
  clusterLabels: readonly ClusterLabel[];
  /** The timeline's lens while it is on (points appear at their time, fade past the window). */
  timeLens: TimeLens | null;
}

/** The session as the scene's props, and the scene's input turned back into session actions. */
export interface SceneBindings {
  scene: SceneInputs;
  /** The pointer or a controller ray moved onto a point (index) or off every point (null): others see what we hover. */
  hover(index: number | null): void;
  /**
   * A point was picked (a click, a trigger): it becomes the focused point; with `toggle` it is
   * also added to or removed from the shared selection. null: the background (focus cleared).
   */
  pick(index: number | null, toggle: boolean): void;
  /** Many points chosen at once (a lasso, a volume sweep): they replace or join the shared selection. */
  selectMany(indices: Uint32Array, mode?: 'replace' | 'add'): void;
  /** Our view moved (every rendered frame while it moves): shared as presence, and as the presenter's pose when we present. */
  viewChanged(pose: Pose): void;
  /** The user moved their view themselves: stop following the presenter (only while someone else presents). */
  roam(): void;
}

/**
 * Turns the session (document, presence, local focus) into what the scene draws: other
 * participants as avatars, annotation pins, the focused point's neighbour links. Follows the
 * presenter through the session's view driver while asked to. Must run inside a session page
 * (SessionContext and CloudContext).
 */
export function useSceneBindings(clusterLabels: readonly ClusterLabel[]): SceneBindings {
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
  // Null outside a page that provides a clock (the scene lab): no timeline.
  const timeLens = useTimeLens(useContext(PlaybackContext));
  const presenting = presenter.clientId === awareness.clientID;
  const presentingRef = useRef(presenting);
  presentingRef.current = presenting;
  const lastPose = useRef(0);
  const settlePose = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(settlePose.current ?? undefined), []);

  const avatars = useMemo(() => peerAvatars(peers), [peers]);

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

  const hover = useCallback((index: number | null) => model.presence.update({ hovered: index === null ? null : model.arrays.rowIndex[index] }), [model]);

  const pick = useCallback(
    (index: number | null, toggle: boolean) => {
      if (index === null) {
        useUi.getState().setFocused(null);
        return;
      }
      useUi.getState().setFocused(index);
      if (!toggle) return;
      // A view link's selection would do nothing: say why instead of failing silently.
      if (!model.canEdit) useUi.getState().showToast(VIEWER_SELECT_TOAST);
      else selectPoints(model, [index], (cloud.selectedMask[index] ?? 0) === 1 ? 'remove' : 'add');
    },
    [model, cloud.selectedMask],
  );

  const selectMany = useCallback(
    (indices: Uint32Array, mode: 'replace' | 'add' = 'replace') => {
      if (!model.canEdit) useUi.getState().showToast(VIEWER_SELECT_TOAST);
      else selectPoints(model, indices, mode);
    },
    [model],
  );

  const viewChanged = useCallback(
    (pose: Pose) => {
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

  // Follow the presenter: ease to each pose they publish (unless we present or roam free).
  const followPose = presenterPose(presenter, peers);
  const followKey = poseKey(followPose);
  useEffect(() => {
    if (presenting || !following || !followPose) return;
    void model.view.current?.setPose({ position: followPose.position, target: followPose.target }, true);
    // followKey stands for followPose: a new object on every awareness change, the same pose.
  }, [followKey, presenting, following, model]);

  const followingSomeone = presenter.clientId !== null && !presenting && following;
  const roam = () => {
    if (followingSomeone) useUi.getState().setFollowing(false);
  };

  const scene = useMemo<SceneInputs>(
    () => ({ data: cloud.data, filterMode: view.filterMode, pointScale: view.pointScale, avatars, pins, links, clusterLabels, timeLens }),
    [cloud.data, view.filterMode, view.pointScale, avatars, pins, links, clusterLabels, timeLens],
  );
  return { scene, hover, pick, selectMany, viewChanged, roam };
}
