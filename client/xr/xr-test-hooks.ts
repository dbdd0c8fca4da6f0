import { useEffect } from 'react';
import * as THREE from 'three';
import type { XRStore } from '@react-three/xr';
import type { SceneController } from '../scene/scene-controller.ts';
import type { LocomotionState } from './xr-locomotion.tsx';
import { SWEEP_RADIUS_M, type SweepState } from './xr-sweep.tsx';
import type { PointerState } from './pointer-state.ts';
import type { PanelState } from './panel-state.ts';
import type { GrabState } from './xr-grab.tsx';
import type { PinchState } from './xr-hands.tsx';
import { PANEL_FONT } from './panel-button.tsx';
import { PANEL_PIXEL_M } from './xr-panel.tsx';
import type { SmoothMoveState } from './xr-smooth-move.tsx';
import type { RigPose } from './rig-math.ts';
import type { XrRig } from './xr-rig.ts';
import type { ClusterNamesState } from './xr-cluster-names.tsx';

/**
 * A read-only window onto the immersive shell (`window.__mirageXr`) while it is mounted, for
 * end-to-end tests under WebXR emulation and for the console: where the rig stands, where a
 * point is in the room, which inputs the session has. It changes nothing.
 */
export interface MirageXrHooks {
  /** The session is running (the headset shows our frames). */
  presenting(): boolean;
  /** The running session's mode (null before it starts). */
  mode(): XRSessionMode | null;
  /** The session's frame rate (Hz) as the headset reports it. */
  frameRate(): number | null;
  /** The scene's background colour (#rrggbb), or null where it clears to transparent (AR passthrough). */
  background(): string | null;
  /** Handedness of each controller the store tracks (hands and others left out). */
  controllers(): string[];
  /** Handedness of each tracked hand the store tracks. */
  hands(): string[];
  /** Tracked hands' pinches now, the point a right pinch will pick when it ends (-1: none), and points picked by pinches. */
  pinch(): { left: boolean; right: boolean; pending: number; picks: number };
  rig(): RigPose;
  /** The head's world position, metres. */
  head(): [number, number, number];
  /** A world point (metres) in the cloud's units, as presence shares it. */
  toCloud(p: [number, number, number]): [number, number, number];
  /** Point `index` in the room (world metres). */
  pointWorld(index: number): [number, number, number] | null;
  /**
   * Points the XR scene draws in full at the moment of its last frame (the shader's own test: age
   * within the window; fading ones left out); null while no timeline shows in the headset.
   */
  timeShown(): number | null;
  /** Point `index`'s colour as the XR scene is given it, `#rrggbb` (the session's encodings, live). */
  colourOf(index: number): string | null;
  /** The point the scene highlights as hovered by this user (-1: none). */
  hovered(): number;
  /** The last point the right ray was on (where a panel note lands; -1: none yet). */
  lastPointed(): number;
  /** Whether the pick index is built (pointing works). */
  pickReady(): boolean;
  /** The right controller's ray in the world, last frame. */
  ray(): { origin: [number, number, number]; direction: [number, number, number] };
  /** Clusters toggled in the shared selection with the A button so far. */
  clusterToggles(): number;
  /** The hover card: the point it shows, its lines once the row arrived, its distance and font size (m). */
  card(): { point: number; lines: string[]; distance: number; textHeight: number };
  /** The card's row image: none (no image column), loading, shown or failed; the image's own size, and where it was drawn on the card (texture px). */
  cardImage(): { state: string; naturalWidth: number; naturalHeight: number; rect: { x: number; y: number; width: number; height: number } | null; cardWidth: number; cardHeight: number };
  /** The card canvas's RGBA pixels in a rectangle (texture px), as drawn. */
  cardPixels(x: number, y: number, width: number, height: number): number[];
  /** The snap turn's step (degrees), snap turns and teleports made, and where the teleport arc lands while aimed. */
  locomotion(): { snapStepDeg: number; turns: number; teleports: number; landing: [number, number, number] | null };
  /** The volume sweep: held or not, its sphere (world centre and radius, m), points swept so far, sweeps ended. */
  sweep(): { active: boolean; centre: [number, number, number]; radius: number; swept: number; sweeps: number };
  /**
   * The VR panel: shown or not, where, its body text's height when floating (m), whether the right ray is on it (or the wrist menu), how many
   * of the pointer library's rays are on them (what presses them), presses and button clicks so
   * far, its buttons' keys, the page shown, and what the Insights and Time pages show (PanelState.shown).
   */
  panel(): { open: boolean; placement: string; textHeight: number; hovered: boolean; pointers: { left: number; right: number }; presses: number; clicks: number; buttons: string[]; page: string; shown: PanelState['shown'] };
  /** Centre of one panel button in the world (metres), to aim at; null when not shown. */
  panelButtonWorld(key: string): [number, number, number] | null;
  /** The two-hand grab: under way or not, grabs begun, the cloud's scale (m per cloud unit) and yaw (rad), the grips (world m) at its start and now. */
  /** Smooth movement on the left stick: its speed (m/s, 0 off), the frames it moved the rig, the comfort vignette's strength (0–1). */
  smoothMove(): { speed: number; movedFrames: number; vignette: number };
  /** Cluster names: text, shown or not, world centre and normal, and their box in the head camera's view (NDC). */
  clusterNames(): { text: string; shown: boolean; centre: [number, number, number]; normal: [number, number, number]; height: number; view: { x0: number; y0: number; x1: number; y1: number } }[];
  /** The UI surfaces (the VR panel, menus) in the head's view: the corners of their world boxes, projected. */
  surfacesView(): { x0: number; y0: number; x1: number; y1: number }[];
  grab(): { active: boolean; by: string | null; grabs: number; scale: number; yaw: number; startHands: [number, number, number][]; hands: [number, number, number][] };
}

declare global {
  interface Window {
    __mirageXr?: MirageXrHooks;
  }
}

export function useXrTestHooks(rig: XrRig, controller: SceneController, store: XRStore, { pointer, locomotion, sweep, panel, grab, smooth, names, pinch }: { pointer: PointerState; locomotion: LocomotionState; sweep: SweepState; panel: PanelState; grab: GrabState; smooth: SmoothMoveState; names: ClusterNamesState; pinch: PinchState }): void {
  useEffect(() => {
    window.__mirageXr = {
      presenting: () => store.getState().session !== undefined && store.getState().session !== null,
      mode: () => store.getState().mode,
      frameRate: () => store.getState().session?.frameRate ?? null,
      background: () => {
        const bg = controller.scene?.background;
        return bg instanceof THREE.Color ? `#${bg.getHexString()}` : null;
      },
      controllers: () => store.getState().inputSourceStates.filter((s) => s.type === 'controller').map((s) => s.inputSource.handedness),
      rig: () => rig.pose(),
      head: () => rig.head(),
      toCloud: (p) => rig.toCloud(p),
      timeShown: () => {
        const u = controller.material.uniforms;
        const times = controller.points.geometry.getAttribute('aTime') as THREE.BufferAttribute | undefined;
        if (u.uTimeOn.value !== 1 || !times) return null;
        let n = 0;
        for (let p = 0; p < times.count; p++) {
          const age = u.uTimeNow.value - times.array[p];
          if (age >= 0 && age <= u.uTimeWindow.value) n++;
        }
        return n;
      },
      pointWorld: (index) => {
        const p = controller.data?.positions;
        if (!p || index < 0 || index * 3 + 2 >= p.length) return null;
        return rig.toWorld([p[index * 3], p[index * 3 + 1], p[index * 3 + 2]]);
      },
      colourOf: (p) => {
        const c = controller.data?.colors;
        if (!c || p < 0 || p * 4 + 2 >= c.length) return null;
        return `#${((1 << 24) | (c[p * 4] << 16) | (c[p * 4 + 1] << 8) | c[p * 4 + 2]).toString(16).slice(1)}`;
      },
      hands: () => store.getState().inputSourceStates.filter((s) => s.type === 'hand').map((s) => s.inputSource.handedness),
      pinch: () => ({ left: pinch.left, right: pinch.right, pending: pinch.pending, picks: pinch.picks }),
      hovered: () => controller.hovered,
      lastPointed: () => pointer.lastPointed,
      pickReady: () => controller.isPickReady(),
      ray: () => ({ origin: [...pointer.rayOrigin], direction: [...pointer.rayDirection] }),
      clusterToggles: () => pointer.clusterToggles,
      card: () => ({ point: pointer.cardPoint, lines: [...pointer.cardLines], distance: pointer.cardDistance, textHeight: pointer.cardTextHeight }),
      cardImage: () => ({ ...pointer.cardImage, rect: pointer.cardImage.rect && { ...pointer.cardImage.rect }, cardWidth: pointer.cardCanvas?.width ?? 0, cardHeight: pointer.cardCanvas?.height ?? 0 }),
      cardPixels: (x, y, width, height) => Array.from(pointer.cardCanvas?.getContext('2d')?.getImageData(x, y, width, height).data ?? []),
      locomotion: () => ({
        snapStepDeg: rig.snapStepDeg,
        turns: locomotion.turns,
        teleports: locomotion.teleports,
        landing: locomotion.aiming && locomotion.hasLanding ? [...locomotion.landing] : null,
      }),
      sweep: () => ({ active: sweep.active, centre: [...sweep.centre], radius: SWEEP_RADIUS_M, swept: sweep.swept.length, sweeps: sweep.sweeps }),
      panel: () => ({ open: panel.open, placement: panel.placement, textHeight: PANEL_FONT * PANEL_PIXEL_M, hovered: pointer.overPanel, pointers: { ...panel.pointers }, presses: panel.presses, clicks: panel.clicks, buttons: [...panel.buttons.keys()], page: panel.page, shown: { ...panel.shown, answers: [...panel.shown.answers] } }),
      smoothMove: () => ({ speed: smooth.speed, movedFrames: smooth.movedFrames, vignette: smooth.vignette }),
      grab: () => ({ active: grab.active, by: grab.by, grabs: grab.grabs, scale: rig.cloud?.scale.x ?? 1, yaw: rig.cloud?.rotation.y ?? 0, startHands: grab.startHands.map((h) => [...h]), hands: grab.hands.map((h) => [...h]) }),
      clusterNames: () =>
        names.meshes.map((m, i) => {
          m.updateWorldMatrix(true, false);
          const normal = new THREE.Vector3(0, 0, 1).transformDirection(m.matrixWorld);
          const view = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
          const cam = rig.camera;
          if (cam) {
            cam.updateWorldMatrix(true, false);
            cam.matrixWorldInverse.copy(cam.matrixWorld).invert();
            for (const [cx, cy] of [[-0.5, -0.5], [0.5, -0.5], [0.5, 0.5], [-0.5, 0.5]]) {
              const p = new THREE.Vector3(cx, cy, 0).applyMatrix4(m.matrixWorld).project(cam);
              view.x0 = Math.min(view.x0, p.x);
              view.y0 = Math.min(view.y0, p.y);
              view.x1 = Math.max(view.x1, p.x);
              view.y1 = Math.max(view.y1, p.y);
            }
          }
          return { text: names.texts[i], shown: m.visible, centre: [m.position.x, m.position.y, m.position.z], normal: [normal.x, normal.y, normal.z], height: m.scale.y, view };
        }),
      surfacesView: () => {
        const cam = rig.camera;
        if (!cam) return [];
        cam.updateWorldMatrix(true, false);
        cam.matrixWorldInverse.copy(cam.matrixWorld).invert();
        return pointer.surfaces.map((o) => {
          const box = new THREE.Box3().setFromObject(o);
          const view = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
          for (let c = 0; c < 8; c++) {
            const p = new THREE.Vector3(c & 1 ? box.max.x : box.min.x, c & 2 ? box.max.y : box.min.y, c & 4 ? box.max.z : box.min.z).project(cam);
            view.x0 = Math.min(view.x0, p.x);
            view.y0 = Math.min(view.y0, p.y);
            view.x1 = Math.max(view.x1, p.x);
            view.y1 = Math.max(view.y1, p.y);
          }
          return view;
        });
      },
      panelButtonWorld: (key) => {
        const o = panel.buttons.get(key);
        if (!o) return null;
        // The button's box centre: uikit lays its mesh out under the component's object.
        const box = new THREE.Box3().setFromObject(o);
        if (box.isEmpty()) return null;
        const c = box.getCenter(new THREE.Vector3());
        return [c.x, c.y, c.z];
      },
    };
    return () => {
      delete window.__mirageXr;
    };
  }, [rig, controller, store, pointer, locomotion, sweep, panel, grab, smooth, names, pinch]);
}
