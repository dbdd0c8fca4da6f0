import { Text } from '@react-three/uikit';
import { useContext, useEffect } from 'react';
import { pendingText } from '../panels/pending-text.ts';
import { PendingContext } from '../session/session-model.ts';
import { PANEL_FONT, PANEL_TEXT } from './panel-button.tsx';
import type { PanelState } from './panel-state.ts';

/**
 * On the VR panel, under its tabs: the analysis the session is moving to (stage and progress,
 * or how it ended), as the desktop shows it over the cloud. Its own component, so that progress
 * re-renders this line and not the memoised panel.
 */
export function XrPendingLine({ state }: { state: PanelState }) {
  const view = useContext(PendingContext);
  const text = view ? pendingText(view) : '';
  useEffect(() => {
    state.shown.pending = text;
  });
  if (!view) return null;
  return (
    <Text fontSize={PANEL_FONT} color={PANEL_TEXT}>
      {text}
    </Text>
  );
}
