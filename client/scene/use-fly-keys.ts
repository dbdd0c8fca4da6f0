import { useEffect, useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import type CameraControlsImpl from 'camera-controls';

/** Keys and the axis they move along: [right, up, forward]. */
const KEYS: Record<string, [number, number, number]> = {
  KeyW: [0, 0, 1],
  ArrowUp: [0, 0, 1],
  KeyS: [0, 0, -1],
  ArrowDown: [0, 0, -1],
  KeyA: [-1, 0, 0],
  ArrowLeft: [-1, 0, 0],
  KeyD: [1, 0, 0],
  ArrowRight: [1, 0, 0],
  KeyE: [0, 1, 0],
  KeyQ: [0, -1, 0],
};

function typingInto(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');
}

const forward = new THREE.Vector3();
const right = new THREE.Vector3();
const up = new THREE.Vector3();
const move = new THREE.Vector3();
const target = new THREE.Vector3();
/** The held keys' axes added up, per frame (right, up, forward). */
const sum: [number, number, number] = [0, 0, 0];
function addAxis(code: string): void {
  const axis = KEYS[code];
  sum[0] += axis[0];
  sum[1] += axis[1];
  sum[2] += axis[2];
}

/**
 * Fly with WASD (+ Q/E down/up, arrows too; Shift = 3× faster): moves camera and orbit
 * target together along the view direction, so orbiting afterwards pivots around where you
 * flew to. Speed scales with the cloud's radius, in units per second.
 */
export function useFlyKeys(controls: React.RefObject<CameraControlsImpl | null>, enabled: boolean, radius: () => number): void {
  const pressed = useRef(new Set<string>());
  const fast = useRef(false);
  const invalidate = useThree((s) => s.invalidate);

  useEffect(() => {
    if (!enabled) return;
    const keys = pressed.current;
    const down = (e: KeyboardEvent) => {
      if (!(e.code in KEYS) || e.ctrlKey || e.metaKey || e.altKey || typingInto(e.target)) return;
      keys.add(e.code);
      fast.current = e.shiftKey;
      if (e.code.startsWith('Arrow')) e.preventDefault();
      invalidate();
    };
    const up = (e: KeyboardEvent) => {
      keys.delete(e.code);
      fast.current = e.shiftKey;
    };
    const clear = () => keys.clear();
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', clear);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', clear);
      keys.clear();
    };
  }, [enabled, invalidate]);

  useFrame((state, delta) => {
    const c = controls.current;
    const keys = pressed.current;
    if (!c || keys.size === 0) return;
    // forEach with a module-level visitor, not for…of: no iterator object per frame.
    sum[0] = sum[1] = sum[2] = 0;
    keys.forEach(addAxis);
    const r = sum[0];
    const u = sum[1];
    const f = sum[2];
    const step = radius() * 0.6 * (fast.current ? 3 : 1) * Math.min(delta, 0.1);
    state.camera.getWorldDirection(forward);
    up.copy(state.camera.up);
    right.crossVectors(forward, up).normalize();
    move.set(0, 0, 0).addScaledVector(forward, f).addScaledVector(right, r).addScaledVector(up, u);
    if (move.lengthSq() > 0) {
      move.normalize().multiplyScalar(step);
      c.getTarget(target, true).add(move);
      void c.moveTo(target.x, target.y, target.z, false);
    }
    state.invalidate();
  });
}
