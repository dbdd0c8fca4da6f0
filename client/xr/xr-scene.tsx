import { useEffect, useMemo, useRef, useState } from 'react';
import { Canvas, useThree } from '@react-three/fiber';
import { XR, XROrigin, type XRStore } from '@react-three/xr';
import type * as THREE from 'three';
import { TRANSITION_MS } from '../scene/easing.ts';
import { SceneContent } from '../scene/scene-content.tsx';
import { SceneController } from '../scene/scene-controller.ts';
import type { CameraPose, ClusterLabel } from '../scene/types.ts';
import { useCloud, useSession } from '../session/session-model.ts';
import { useSceneBindings, type SceneBindings } from '../session/use-scene-bindings.ts';
import type { ViewDriver } from '../session/view-driver.ts';
import { placeCloud } from './cloud-placement.ts';
import { VR_POINT_BUDGET } from './point-budget.ts';
import { rigViewDriver } from './rig-view-driver.ts';
import { XrGlide } from './xr-glide.tsx';
import { XrInput } from './xr-input.tsx';
import { PointerState } from './pointer-state.ts';
import { XrPointer } from './xr-pointer.tsx';
import { LocomotionState, XrLocomotion } from './xr-locomotion.tsx';
import { SweepState, XrSweep } from './xr-sweep.tsx';
import { XrRig } from './xr-rig.ts';
import { PanelState } from './panel-state.ts';
import { XrPanel } from './xr-panel.tsx';
import { GrabState, XrGrab } from './xr-grab.tsx';
import { PinchState, XrHands } from './xr-hands.tsx';
import { browserStorage, readComfort } from './comfort-settings.ts';
import { SmoothMoveState, XrSmoothMove } from './xr-smooth-move.tsx';
import { XrVignette } from './xr-vignette.tsx';
import { useXrTestHooks } from './xr-test-hooks.ts';
import { ClusterNamesState, XrClusterNames } from './xr-cluster-names.tsx';

export type ImmersiveMode = 'immersive-vr' | 'immersive-ar';

const NO_LABELS: readonly ClusterLabel[] = [];
/** The desktop scene's background: the same dark room in the headset. */
const VR_BACKGROUND = '#0b0f17';

/**
 * The immersive shell's scene: its own canvas (mounted only while immersive, so desktop pages
 * hold one WebGL context), the session's scene (the same SceneContent the desktop draws) placed
 * in metres in front of the user, the rig the user stands on, and the controllers' input. While
 * mounted, the rig is the session's view driver; the desktop camera's driver comes back after.
 */
export function XrScene({ store, mode, clusterLabels, onEnded }: { store: XRStore; mode: ImmersiveMode; clusterLabels: readonly ClusterLabel[]; onEnded: () => void }) {
  const model = useSession();
  const cloud = useCloud();
  const bindings = useSceneBindings(clusterLabels);
  const [controller] = useState(() => new SceneController(true));
  // This headset's comfort choices from last time (comfort-settings.ts) set the rig, glide and panel up.
  const [comfort] = useState(() => readComfort(browserStorage()));
  const [rig] = useState(() => Object.assign(new XrRig(), { snapStepDeg: comfort.snapStepDeg }));
  const [pointer] = useState(() => new PointerState());
  const [locomotion] = useState(() => new LocomotionState());
  const [sweep] = useState(() => new SweepState());
  const [panel] = useState(() => Object.assign(new PanelState(), { placement: comfort.panelPlacement }));
  const [grab] = useState(() => new GrabState());
  const [pinch] = useState(() => new PinchState());
  const [smooth] = useState(() => Object.assign(new SmoothMoveState(), { speed: comfort.glideSpeed }));
  const [names] = useState(() => new ClusterNamesState());
  const positions = useRef(cloud.data.positions);
  positions.current = cloud.data.positions;
  const placement = useMemo(() => placeCloud(controller.boxOf(cloud.data)), [controller, cloud.data]);

  useEffect(() => {
    const previous: ViewDriver | null = model.view.current;
    model.view.current = rigViewDriver(rig, () => positions.current);
    return () => {
      model.view.current = previous;
    };
  }, [model, rig]);
  useEffect(() => store.onSessionEnd(onEnded), [store, onEnded]);
  useXrTestHooks(rig, controller, store, { pointer, locomotion, sweep, panel, grab, smooth, names, pinch });

  return (
    <Canvas className="xr-canvas" frameloop="always" dpr={1} flat gl={{ antialias: true }} camera={{ fov: 60, near: 0.05, far: 200, position: [0, 1.6, 0] }}>
      <XR store={store}>
        {/* On the scene itself: SceneContent's own background would attach to the cloud's group. AR clears to transparent (passthrough). */}
        {mode === 'immersive-vr' && <color attach="background" args={[VR_BACKGROUND]} />}
        <XROrigin ref={(o: THREE.Group | null) => void (rig.origin = o)}>
          {/* In the rig: the panel moves, turns and teleports with the user. */}
          <XrPanel state={panel} pointer={pointer} rig={rig} smooth={smooth} pinch={pinch} />
        </XROrigin>
        <group ref={(g: THREE.Group | null) => void (rig.cloud = g)} position={placement.position} scale={placement.scale}>
          <XrCloud controller={controller} bindings={bindings} ar={mode === 'immersive-ar'} />
        </group>
        {/* World-space billboards facing the head (the desktop places names in screen space). */}
        <XrClusterNames labels={clusterLabels} rig={rig} state={names} surfaces={pointer.surfaces} />
        <XrInput rig={rig} bindings={bindings} pointer={pointer} />
        <XrPointer rig={rig} controller={controller} bindings={bindings} state={pointer} />
        <XrHands bindings={bindings} pointer={pointer} state={pinch} />
        <XrLocomotion rig={rig} state={locomotion} />
        <XrSweep rig={rig} controller={controller} bindings={bindings} state={sweep} />
        <XrGlide rig={rig} />
        <XrGrab rig={rig} baseScale={placement.scale} state={grab} pinch={pinch} />
        <XrSmoothMove rig={rig} state={smooth} />
        <XrVignette rig={rig} smooth={smooth} />
        <CameraToRig rig={rig} />
      </XR>
      {/* After <XR> (a sibling, so its effect runs once the store has the renderer): enter. */}
      <EnterOnMount store={store} mode={mode} onFailed={onEnded} />
    </Canvas>
  );
}

function XrCloud({ controller, bindings, ar }: { controller: SceneController; bindings: SceneBindings; ar: boolean }) {
  const onCameraChange = useRef<((pose: CameraPose) => void) | undefined>(undefined);
  return (
    <SceneContent
      controller={controller}
      {...bindings.scene}
      // The desktop places names in screen space; in VR XrClusterNames floats them in the world.
      clusterLabels={NO_LABELS}
      transitionMs={TRANSITION_MS}
      motionPointBudget={Infinity}
      pointBudget={VR_POINT_BUDGET}
      showGrid={!ar}
      background={null}
      keyboard={false}
      controls={false}
      onCameraChange={onCameraChange}
    />
  );
}

function CameraToRig({ rig }: { rig: XrRig }) {
  const camera = useThree((s) => s.camera);
  useEffect(() => {
    rig.camera = camera;
  }, [rig, camera]);
  return null;
}

function EnterOnMount({ store, mode, onFailed }: { store: XRStore; mode: ImmersiveMode; onFailed: () => void }) {
  useEffect(() => {
    store.enterXR(mode).then(
      (session) => session ?? onFailed(),
      (error: unknown) => {
        console.warn('Could not enter XR:', error);
        onFailed();
      },
    );
  }, [store, mode, onFailed]);
  return null;
}
