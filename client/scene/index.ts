// Public surface of the scene: the component, its data contract and the pieces the XR mode reuses.
export { PointScene, type PointSceneOwnProps } from './point-scene.tsx';
export { SceneContent, type SceneContentProps } from './scene-content.tsx';
export { SceneController } from './scene-controller.ts';
export { PointFlag, hasFlag } from '../../shared/scene/flags.ts';
export { PointDataError } from './point-buffers.ts';
export { boundingSphere, type BoundingSphere } from './bounds.ts';
export type * from './types.ts';
// The size rule (world diameter from the layout) and the framing, for world-scale spheres in XR.
export { layoutPointSize } from '../../shared/scene/point-size.ts';
export { framePose, type FrameLens } from '../../shared/scene/frame-pose.ts';
export { robustBox, type RobustBox } from '../../shared/scene/robust-box.ts';
