import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import type { SceneBindings } from '../session/use-scene-bindings.ts';
import type { PointerState } from './pointer-state.ts';

/** Tracked hands' pinches, outside React: read by the grab, test hooks and the console. */
export class PinchState {
  left = false;
  right = false;
  /** The point the right pinch began on (picked when it ends, unless it became a two-hand grab); -1: none. */
  pending = -1;
  /** Points picked with a right pinch so far. */
  picks = 0;
}

/**
 * Tracked hands' pinch gestures, from the session's standard selectstart / selectend of each
 * hand (a hand has no buttons to read on every runtime; the events are the WebXR contract):
 * - the right pinch picks the point its ray is on, as a controller's trigger does, but when the
 *   pinch ends: a pinch of both hands is the two-hand grab (xr-grab.tsx), and the grab's first
 *   pinch must not select what the right ray happened to cross. A pinch on the panel is the
 *   panel's click (the library's ray pointer), never a pick.
 * - both pinches held: the grab reads `left` and `right`.
 * Controllers' triggers are XrPointer's (they pick at once: a controller grabs with its squeezes).
 */
export function XrHands({ bindings, pointer, state }: { bindings: SceneBindings; pointer: PointerState; state: PinchState }) {
  const latest = useMemo(() => ({ pick: bindings.pick, session: null as XRSession | null }), []);
  latest.pick = bindings.pick;
  const on = useMemo(() => {
    const start = (e: XRInputSourceEvent) => {
      const side = e.inputSource.handedness;
      if (!e.inputSource.hand || (side !== 'left' && side !== 'right')) return;
      state[side] = true;
      const other = side === 'left' ? state.right : state.left;
      // Both hands pinch: a grab. A right pinch's pending pick is dropped, whichever hand came first.
      if (other) state.pending = -1;
      else if (side === 'right') state.pending = pointer.overPanel ? -1 : pointer.hovered;
    };
    const end = (e: XRInputSourceEvent) => {
      const side = e.inputSource.handedness;
      if (!e.inputSource.hand || (side !== 'left' && side !== 'right')) return;
      state[side] = false;
      if (side === 'right' && state.pending >= 0) {
        latest.pick(state.pending, true);
        state.picks++;
      }
      if (side === 'right') state.pending = -1;
    };
    // A hand that goes away (out of view, or the user takes up a controller) ends its pinch unpicked.
    const sources = (e: XRInputSourcesChangeEvent) => {
      for (const s of e.removed) {
        if (!s.hand) continue;
        if (s.handedness === 'left') state.left = false;
        if (s.handedness === 'right') {
          state.right = false;
          state.pending = -1;
        }
      }
    };
    return { start, end, sources };
  }, [state, pointer, latest]);
  const detach = () => {
    const s = latest.session;
    if (!s) return;
    s.removeEventListener('selectstart', on.start);
    s.removeEventListener('selectend', on.end);
    s.removeEventListener('inputsourceschange', on.sources);
    latest.session = null;
  };
  useEffect(() => detach, []);
  useFrame((_three, _delta, frame: XRFrame | undefined) => {
    if (!frame || frame.session === latest.session) return;
    detach();
    latest.session = frame.session;
    frame.session.addEventListener('selectstart', on.start);
    frame.session.addEventListener('selectend', on.end);
    frame.session.addEventListener('inputsourceschange', on.sources);
    state.left = state.right = false;
    state.pending = -1;
  });
  return null;
}
