import { useFrame } from '@react-three/fiber';
import { Container, Text } from '@react-three/uikit';
import { useMemo, useRef } from 'react';
import { XRSpace } from '@react-three/xr';
import type { Object3D } from 'three';
import { PANEL_ACTIVE, PANEL_BUTTON, PANEL_FONT, PANEL_TEXT } from './panel-button.tsx';
import type { PanelState } from './panel-state.ts';
import { surfaceRef, type PointerState } from './pointer-state.ts';
import type { PinchState } from './xr-hands.tsx';

/** On the back of the left wrist, facing up off it (grip space: −z along the fingers, +y off the back of the hand). */
const MENU_POSITION: [number, number, number] = [0, 0.035, 0.09];
const MENU_ROTATION: [number, number, number] = [-Math.PI / 2, 0, 0];
/** 1 px = 0.6 mm as on the panel: the button is 96 × 60 px, 58 × 36 mm, a ray target well over 48 mm wide. */
const PIXEL_SIZE = 0.0006;

/**
 * With tracked hands there is no X button: a small "menu" button rides on the back of the left
 * wrist, and a right-hand pinch while the right pinch ray is on it shows or hides the VR panel. A
 * wrist button (not a palm-up gesture) because it is pressed the way the panel is, cannot fire by
 * itself while the hand just moves, and is seen before it is used.
 *
 * The press is read here from our own ray (xr-pointer's panel hit, the same frame) and the right
 * pinch (xr-hands), not from the pointer library's click: one reader, one toggle per pinch.
 */
export function XrWristMenu({ hand, state, pointer, pinch, onToggle }: { hand: XRInputSource; state: PanelState; pointer: PointerState; pinch: PinchState; onToggle: () => void }) {
  const root = useRef<Object3D | null>(null);
  const rootRef = useMemo(() => {
    const surface = surfaceRef(pointer, root);
    return (o: Object3D | null) => {
      surface(o);
      if (o) state.buttons.set('wrist-menu', o);
      else state.buttons.delete('wrist-menu');
    };
  }, [pointer, state]);
  const wasPinching = useRef(false);
  useFrame(() => {
    const pinching = pinch.right;
    if (pinching && !wasPinching.current && root.current && pointer.surface === root.current) {
      state.presses++;
      state.clicks++;
      onToggle();
    }
    wasPinching.current = pinching;
  });
  return (
    <XRSpace space={hand.gripSpace ?? hand.targetRaySpace}>
      <group position={MENU_POSITION} rotation={MENU_ROTATION}>
        <Container
          ref={rootRef}
          pixelSize={PIXEL_SIZE}
          anchorX="center"
          anchorY="center"
          width={96}
          height={60}
          alignItems="center"
          justifyContent="center"
          borderRadius={10}
          backgroundColor={state.open ? PANEL_ACTIVE : PANEL_BUTTON}
        >
          <Text fontSize={PANEL_FONT} color={PANEL_TEXT}>
            menu
          </Text>
        </Container>
      </group>
    </XRSpace>
  );
}
