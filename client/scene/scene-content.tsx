import { useEffect, useLayoutEffect, useMemo } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import type * as THREE from 'three';
import { AnnotationPins } from './annotation-pins.tsx';
import { Avatars } from './avatars.tsx';
import { CameraRig } from './camera-rig.tsx';
import { ClusterLabels } from './cluster-labels.tsx';
import type { ScreenBox } from './label-placement.ts';
import { NeighbourLinks } from './neighbour-links.tsx';
import { OrientationGrid } from './orientation-grid.tsx';
import type { SceneController } from './scene-controller.ts';
import type { AnnotationPin, CameraPose, ClusterLabel, FilterMode, NeighbourLinks as Links, ParticipantAvatar, PointCloudData, TimeLens } from './types.ts';

export interface SceneContentProps {
  controller: SceneController;
  data: PointCloudData;
  filterMode: FilterMode;
  pointScale: number;
  transitionMs: number;
  motionPointBudget: number;
  /** Most points drawn at any time (the VR point budget; default all). */
  pointBudget?: number;
  avatars: readonly ParticipantAvatar[];
  pins: readonly AnnotationPin[];
  links: readonly Links[];
  /** Cluster names beside their clusters (empty: none). */
  clusterLabels?: readonly ClusterLabel[];
  /** Canvas boxes (CSS px) under page elements drawn over the scene: names keep out of them. */
  labelKeepOut?: () => readonly ScreenBox[];
  showGrid: boolean;
  /** Clear colour; null draws none (AR passthrough shows the room behind the cloud). */
  background: string | null;
  keyboard: boolean;
  /** Orbit / pan / zoom / fly controls; off inside an XR session, where the headset moves the camera. */
  controls?: boolean;
  onCameraChange: React.RefObject<((pose: CameraPose) => void) | undefined>;
  /** Show the cloud through a timeline (null or absent: all points). */
  timeLens?: TimeLens | null;
}

/**
 * The scene graph, without the canvas or DOM events: the same content renders in a desktop
 * <Canvas> (PointScene) and inside an XR session.
 */
export function SceneContent(props: SceneContentProps) {
  const { controller, data, filterMode, pointScale, transitionMs, motionPointBudget, avatars, pins, links, showGrid, background, keyboard } = props;
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const invalidate = useThree((s) => s.invalidate);
  const camera = useThree((s) => s.camera);
  const withControls = props.controls !== false;

  useLayoutEffect(() => controller.attachRenderer(gl, scene, invalidate), [controller, gl, scene, invalidate]);
  useLayoutEffect(() => controller.setStyle(filterMode, pointScale, transitionMs), [controller, filterMode, pointScale, transitionMs]);
  useLayoutEffect(() => controller.setData(data, performance.now()), [controller, data]);
  useLayoutEffect(() => controller.setMotionBudget(motionPointBudget), [controller, motionPointBudget]);
  const timeLens = props.timeLens ?? null;
  useLayoutEffect(() => controller.setTimeLens(timeLens), [controller, timeLens]);
  const pointBudget = props.pointBudget ?? Infinity;
  useLayoutEffect(() => controller.setPointBudget(pointBudget), [controller, pointBudget]);
  useEffect(() => () => controller.dispose(), [controller]);
  // Without orbit controls (XR: the headset moves the camera) the controller still needs the camera.
  useEffect(() => {
    if (!withControls) controller.registerControls(null, camera as THREE.PerspectiveCamera);
  }, [controller, camera, withControls]);

  useFrame((state) => {
    if (controller.tick(performance.now())) state.invalidate();
  });

  const bounds = useMemo(() => controller.boundsOf(data), [controller, data]);
  const box = useMemo(() => controller.boxOf(data), [controller, data]);
  const r = bounds.radius;
  return (
    <>
      {background !== null && <color attach="background" args={[background]} />}
      <ambientLight intensity={0.7} />
      <directionalLight position={[r, r * 2, r * 1.5]} intensity={1.6} />
      {withControls && <CameraRig controller={controller} keyboard={keyboard} onCameraChange={props.onCameraChange} />}
      <primitive object={controller.points} />
      {showGrid && <OrientationGrid box={box} />}
      {links.length > 0 && <NeighbourLinks links={links} positions={data.positions} count={data.count} />}
      {avatars.length > 0 && <Avatars avatars={avatars} size={r * 0.035} />}
      {props.clusterLabels && props.clusterLabels.length > 0 && <ClusterLabels labels={props.clusterLabels} controller={controller} scale={box.size} keepOut={props.labelKeepOut} />}
      {pins.length > 0 && <AnnotationPins pins={pins} size={r * 0.09} />}
    </>
  );
}
