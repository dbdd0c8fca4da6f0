import { useFrame } from '@react-three/fiber';
import type { XrRig } from './xr-rig.ts';

/** Steps the rig's glide (presenter-follow, rig-glide.ts) once per XR frame. */
export function XrGlide({ rig }: { rig: XrRig }) {
  useFrame(() => rig.stepGlide(performance.now()));
  return null;
}
