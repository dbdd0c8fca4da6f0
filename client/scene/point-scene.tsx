import { useEffect, useImperativeHandle, useRef, useState, type CSSProperties, type Ref } from 'react';
import { Canvas } from '@react-three/fiber';
import { TRANSITION_MS } from './easing.ts';
import { SceneController } from './scene-controller.ts';
import { SceneContent } from './scene-content.tsx';
import { useLabelHover } from './use-label-hover.ts';
import { usePointerInput } from './use-pointer-input.ts';
import type { PointSceneHandle, PointSceneProps } from './types.ts';
import { DESKTOP_FOV } from '../../shared/scene/frame-pose.ts';

const EMPTY: readonly never[] = [];
/** The full cluster name under the pointer (use-label-hover.ts). */
const LABEL_TIP: CSSProperties = {
  display: 'none',
  position: 'absolute',
  pointerEvents: 'none',
  maxWidth: 360,
  padding: '3px 8px',
  borderRadius: 6,
  background: 'rgba(12, 16, 24, 0.92)',
  color: '#eef2f8',
  font: '600 12px system-ui, sans-serif',
  whiteSpace: 'normal',
};

/** 600 ms, or no animation for people who asked their system for reduced motion. */
function defaultTransitionMs(): number {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : TRANSITION_MS;
}

export interface PointSceneOwnProps extends PointSceneProps {
  ref?: Ref<PointSceneHandle>;
  /** Per-fragment sphere depth (default true); off trades exact sphere intersections for early depth rejection. */
  sphereDepth?: boolean;
}

/**
 * The desktop point-cloud view: a WebGL2 canvas with the cloud, overlays and camera controls,
 * plus mouse input (hover, click, double-click focus, shift-drag lasso). Everything the
 * parent needs flows through props, callbacks and the ref handle (PointSceneHandle).
 */
export function PointScene(props: PointSceneOwnProps) {
  const [controller] = useState(() => new SceneController(props.sphereDepth ?? true));
  const wrapper = useRef<HTMLDivElement | null>(null);
  const lassoLine = useRef<SVGPolylineElement | null>(null);
  const labelTip = useRef<HTMLDivElement | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const onCameraChange = useRef(props.onCameraChange);
  onCameraChange.current = props.onCameraChange;
  // The page's overlays keep cluster names out from under them, and the home view's points too.
  controller.overlayBoxes = () => latest.current.labelKeepOut?.() ?? [];

  usePointerInput(wrapper, lassoLine, controller, latest);
  useLabelHover(wrapper, labelTip, controller);

  useImperativeHandle(
    props.ref,
    (): PointSceneHandle => ({
      getCamera: () => controller.getCamera(),
      getCameraGoal: () => controller.getCameraGoal(),
      transitionStart: () => controller.transitionStart(),
      setCamera: (pose, animate = true) => controller.setCamera(pose, animate),
      resetView: (animate = true) => controller.resetView(animate),
      focusPoint: (index, animate = true) => controller.focusPoint(index, animate),
      pick: (x, y) => controller.pick(x, y),
      lasso: (polygon) => controller.lasso(polygon),
      project: (index) => controller.project(index),
      projectAll: () => controller.projectAll(),
      placedLabels: () => controller.placedLabelsNow,
      isPickReady: () => controller.isPickReady(),
      getCanvas: () => controller.gl?.domElement ?? null,
      invalidate: () => controller.invalidate(),
      renderNow: (now) => controller.renderNow(now),
      snapshot: (type) => controller.snapshot(type),
    }),
    [controller],
  );

  useEffect(() => {
    if (props.keyboard === false) return;
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)))) return;
      if (e.code === 'Home' || e.code === 'KeyF') void controller.resetView(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller, props.keyboard]);

  return (
    <div ref={wrapper} className={props.className} style={{ position: 'relative', width: '100%', height: '100%', touchAction: 'none', ...props.style }}>
      <Canvas
        frameloop={props.frameloop ?? 'demand'}
        dpr={[1, 2]}
        flat
        gl={{ antialias: true, powerPreference: 'high-performance' }}
        camera={{ fov: DESKTOP_FOV, near: 0.01, far: 1000, position: [0, 0, 5] }}
      >
        <SceneContent
          controller={controller}
          data={props.data}
          filterMode={props.filterMode ?? 'fade'}
          pointScale={props.pointScale ?? 1}
          transitionMs={props.transitionMs ?? defaultTransitionMs()}
          motionPointBudget={props.motionPointBudget ?? Infinity}
          avatars={props.avatars ?? EMPTY}
          pins={props.pins ?? EMPTY}
          links={props.links ?? EMPTY}
          clusterLabels={props.clusterLabels ?? EMPTY}
          timeLens={props.timeLens ?? null}
          labelKeepOut={props.labelKeepOut}
          showGrid={props.showGrid ?? true}
          background={props.background ?? '#0b0f17'}
          keyboard={props.keyboard ?? true}
          onCameraChange={onCameraChange}
        />
      </Canvas>
      <svg style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', pointerEvents: 'none' }}>
        <polyline
          ref={lassoLine}
          fill="rgba(120, 190, 255, 0.12)"
          stroke="#8cc8ff"
          strokeWidth={1.5}
          strokeDasharray="5 4"
          strokeLinejoin="round"
          points=""
        />
      </svg>
      <div ref={labelTip} role="tooltip" data-testid="cluster-name-tip" style={LABEL_TIP} />
    </div>
  );
}
