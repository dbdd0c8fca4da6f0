import { Container, Text } from '@react-three/uikit';
import type { ReactNode } from 'react';
import type { Object3D } from 'three';

export const PANEL_BG = '#151b27';
export const PANEL_BUTTON = '#243045';
export const PANEL_ACTIVE = '#3d6bb3';
export const PANEL_TEXT = '#e8eef8';
export const PANEL_MUTED = '#9fb0c8';
/** Button and body text, px of layout (16 px at the panel's 0.8 mm a px: over 1° seen from anywhere on the floating panel, 0.62–0.7 m away). */
export const PANEL_FONT = 16;

/** One button of the VR panel: the look every section shares; `refKey` keeps its object for tests to aim at. */
export function PanelButton({ children, onClick, refKey, active = false, disabled = false }: { children: ReactNode; onClick: () => void; refKey: (o: Object3D | null) => void; active?: boolean; disabled?: boolean }) {
  return (
    <Container
      ref={refKey}
      paddingX={10}
      paddingY={6}
      borderRadius={6}
      backgroundColor={active ? PANEL_ACTIVE : PANEL_BUTTON}
      hover={{ backgroundColor: PANEL_ACTIVE }}
      opacity={disabled ? 0.5 : 1}
      onClick={() => !disabled && onClick()}
    >
      <Text fontSize={PANEL_FONT} color={PANEL_TEXT}>
        {children}
      </Text>
    </Container>
  );
}
