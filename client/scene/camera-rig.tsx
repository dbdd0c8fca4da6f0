import { useEffect, useRef } from 'react';
import { CameraControls } from '@react-three/drei';
import { useThree } from '@react-three/fiber';
import type * as THREE from 'three';
import type CameraControlsImpl from 'camera-controls';
import type { SceneController } from './scene-controller.ts';
import type { CameraPose } from './types.ts';
import { useFlyKeys } from './use-fly-keys.ts';

export interface CameraRigProps {
  controller: SceneController;
  keyboard: boolean;
  onCameraChange: React.RefObject<((pose: CameraPose) => void) | undefined>;
}

/** Orbit (left drag), pan (right drag), zoom to cursor (wheel), WASD/QE fly; registers itself with the controller. */
export function CameraRig({ controller, keyboard, onCameraChange }: CameraRigProps) {
  const ref = useRef<CameraControlsImpl | null>(null);
  const camera = useThree((s) => s.camera);
  useEffect(() => {
    controller.registerControls(ref.current, camera as THREE.PerspectiveCamera);
    return () => controller.registerControls(null, camera as THREE.PerspectiveCamera);
  }, [controller, camera]);
  useFlyKeys(ref, keyboard, () => controller.bounds.radius);
  return (
    <CameraControls
      ref={ref}
      makeDefault
      smoothTime={0.3}
      dollyToCursor
      onUpdate={() => onCameraChange.current?.(controller.getCamera())}
    />
  );
}
