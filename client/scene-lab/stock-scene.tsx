import { useImperativeHandle, useMemo, useRef, type Ref } from 'react';
import { Canvas, useThree } from '@react-three/fiber';
import { CameraControls } from '@react-three/drei';
import * as THREE from 'three';
import type CameraControlsImpl from 'camera-controls';
import { boundingSphere } from '../scene/bounds.ts';
import { layoutPointSize } from '../../shared/scene/point-size.ts';
import type { PointCloudData, PointSceneHandle } from '../scene/types.ts';

/**
 * The benchmark's reference: the same cloud drawn the stock three.js way (PointsMaterial with
 * vertex colours, flat squares) and picked with three's Raycaster, behind the same handle the
 * lab drives. Only the handle methods the benchmark uses are implemented.
 */
export function StockScene({ data, ref }: { data: PointCloudData; ref: Ref<PointSceneHandle> }) {
  return (
    <Canvas frameloop="demand" dpr={[1, 2]} flat gl={{ antialias: true }} camera={{ fov: 50, near: 0.01, far: 1000 }}>
      <color attach="background" args={['#0b0f17']} />
      <StockContent data={data} handleRef={ref} />
    </Canvas>
  );
}

function StockContent({ data, handleRef }: { data: PointCloudData; handleRef: Ref<PointSceneHandle> }) {
  const { gl, scene, camera, invalidate } = useThree();
  const controls = useRef<CameraControlsImpl | null>(null);
  const sphere = useMemo(() => boundingSphere(data.positions, data.count), [data]);
  const points = useMemo(() => {
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(data.positions, 3));
    g.setAttribute('color', new THREE.BufferAttribute(data.colors, 4, true));
    const m = new THREE.PointsMaterial({ size: layoutPointSize(data.positions, data.count), vertexColors: true, sizeAttenuation: true });
    return new THREE.Points(g, m);
  }, [data, sphere]);
  const raycaster = useMemo(() => new THREE.Raycaster(), []);

  useImperativeHandle(handleRef, (): PointSceneHandle => {
    const unsupported = (): never => {
      throw new Error('not part of the stock baseline');
    };
    const pose = (goal = false) => {
      const p = controls.current!.getPosition(new THREE.Vector3(), goal);
      const t = controls.current!.getTarget(new THREE.Vector3(), goal);
      return { position: [p.x, p.y, p.z] as [number, number, number], target: [t.x, t.y, t.z] as [number, number, number] };
    };
    return {
      getCamera: () => pose(),
      getCameraGoal: () => pose(true),
      transitionStart: () => -Infinity,
      async setCamera(next) {
        const c = controls.current!;
        await c.setLookAt(...next.position, ...next.target, false);
        c.update(0);
        camera.updateMatrixWorld();
        invalidate();
      },
      resetView: async () => {
        const d = (sphere.radius / Math.sin(THREE.MathUtils.degToRad(25))) * 1.02;
        const dir = new THREE.Vector3(0.55, 0.38, 1).normalize().multiplyScalar(d);
        const [cx, cy, cz] = sphere.center;
        await controls.current!.setLookAt(cx + dir.x, cy + dir.y, cz + dir.z, cx, cy, cz, false);
        controls.current!.update(0);
        camera.updateMatrixWorld();
      },
      focusPoint: unsupported,
      projectAll: unsupported,
      placedLabels: () => [],
      pick(x, y) {
        const el = gl.domElement;
        const ndc = new THREE.Vector2((x / el.clientWidth) * 2 - 1, 1 - (y / el.clientHeight) * 2);
        raycaster.setFromCamera(ndc, camera);
        // The same 4 px tolerance as ours, in world units at the orbit target's distance.
        const distance = camera.position.distanceTo(controls.current!.getTarget(new THREE.Vector3()));
        raycaster.params.Points.threshold = (4 * 2 * distance * Math.tan(THREE.MathUtils.degToRad(25))) / el.clientHeight;
        const hit = raycaster.intersectObject(points, false)[0];
        return hit && hit.index !== undefined ? { index: hit.index, distancePx: 0 } : null;
      },
      lasso: unsupported,
      project: unsupported,
      isPickReady: () => controls.current !== null,
      getCanvas: () => gl.domElement,
      invalidate,
      renderNow: () => gl.render(scene, camera),
      snapshot: unsupported,
    };
  }, [gl, scene, camera, invalidate, points, raycaster, sphere]);

  return (
    <>
      <CameraControls ref={controls} makeDefault />
      <primitive object={points} />
    </>
  );
}
