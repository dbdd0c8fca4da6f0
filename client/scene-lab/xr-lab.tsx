import { useRef, useState } from 'react';
import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { XR } from '@react-three/xr';
import { SceneContent } from '../scene/scene-content.tsx';
import { SceneController } from '../scene/scene-controller.ts';
import type { CameraPose, PointCloudData } from '../scene/types.ts';
import { placeCloud } from '../xr/cloud-placement.ts';
import { createMirageXrStore } from '../xr/xr-store.ts';
import { frameStats, type FrameStats } from './lab-hooks.ts';

/** The XR scene lab's hooks (benchmarks): desktop frames first, then the same cloud in an (emulated) headset. */
export interface XrLabHooks {
  /**
   * Frame intervals (ms) for at least `ms` and at least `minFrames` intervals (software GL draws
   * a stereo million-point frame in seconds), of whichever loop draws now: the canvas's, or the
   * XR session's once presenting.
   */
  measureFrames(ms: number, minFrames?: number): Promise<FrameStats & { presenting: boolean }>;
  enterVr(): Promise<void>;
  /** Points drawn per frame now (Infinity: all). */
  drawn(): number;
}

declare global {
  interface Window {
    __xrLab?: XrLabHooks;
  }
}

const NONE: readonly never[] = [];

/**
 * `?xr=1` in the scene lab: the lab cloud in the same scene graph the immersive mode draws
 * (SceneContent without controls, placed in metres in front of the user, the VR point budget
 * from `&vrBudget=`), in a canvas that runs its frame loop always, so the bench can time its
 * frames on the desktop and then, in the same page, inside a WebXR session (IWER in the bench).
 */
export function XrLab({ data, pointBudget }: { data: PointCloudData; pointBudget: number }) {
  const [store] = useState(() => createMirageXrStore(location.origin));
  const [controller] = useState(() => new SceneController(true));
  const [placement] = useState(() => placeCloud(controller.boxOf(data)));
  const frames = useRef<number[] | null>(null);
  const onCameraChange = useRef<((pose: CameraPose) => void) | undefined>(undefined);
  const [presenting, setPresenting] = useState(false);

  if (!window.__xrLab) {
    window.__xrLab = {
      async measureFrames(ms, minFrames = 1) {
        const times: number[] = [];
        frames.current = times;
        const start = performance.now();
        // At most 3 minutes: a loop that stalls ends with what it drew.
        while (performance.now() - start < 180_000 && (performance.now() - start < ms || times.length < minFrames + 1)) await new Promise((r) => setTimeout(r, 50));
        frames.current = null;
        const intervals = times.slice(1).map((t, i) => t - times[i]);
        return { ...frameStats(intervals), presenting: store.getState().session != null };
      },
      async enterVr() {
        await store.enterVR();
        setPresenting(true);
        while (store.getState().session == null) await new Promise((r) => setTimeout(r, 20));
      },
      drawn: () => controller.drawnLimit(),
    };
  }

  return (
    <Canvas frameloop="always" dpr={1} flat gl={{ antialias: true }} camera={{ fov: 60, near: 0.05, far: 200, position: [0, 1.6, 0] }}>
      <XR store={store}>
        <color attach="background" args={['#0b0f17']} />
        <group position={placement.position} scale={placement.scale}>
          <SceneContent
            controller={controller}
            data={data}
            filterMode="fade"
            pointScale={1}
            transitionMs={0}
            motionPointBudget={Infinity}
            pointBudget={presenting ? pointBudget : Infinity}
            avatars={NONE}
            pins={NONE}
            links={NONE}
            showGrid
            background={null}
            keyboard={false}
            controls={false}
            onCameraChange={onCameraChange}
          />
        </group>
        <FrameClock frames={frames} />
      </XR>
    </Canvas>
  );
}

/** Records the time of every frame the renderer draws (canvas loop or XR session loop alike). */
function FrameClock({ frames }: { frames: React.RefObject<number[] | null> }) {
  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);
  useFrame(() => {
    frames.current?.push(performance.now());
    // Desktop: look at the cloud from where the headset starts, so both draw about the same view (in XR the headset poses the camera).
    if (!gl.xr.isPresenting) camera.lookAt(0, 1.2, -1.5);
  });
  return null;
}
