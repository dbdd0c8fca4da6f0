import { Container, Text } from '@react-three/uikit';
import type { Keep } from './panel-pager.tsx';
import { addAnnotation } from '../../shared/session/index.ts';
import { authorOf, useSession } from '../session/session-model.ts';
import type { PointerState } from './pointer-state.ts';
import { PANEL_FONT, PANEL_MUTED, PanelButton } from './panel-button.tsx';

/** Notes a headset can add without a keyboard: one press, a short preset text. */
export const NOTE_PRESETS = ['look here', 'outlier?', 'cluster edge', 'question'] as const;

/**
 * "Note at the pointed point" on the VR panel: pins a preset note on the row of the last point
 * the right ray was on, through the session's annotation action (addAnnotation, as the desktop's
 * notes panel does), so every participant sees the pin and the note in their list.
 */
export function XrPanelNotes({ keep, click, pointer }: { keep: Keep; click: () => void; pointer: PointerState }) {
  const model = useSession();
  const { doc, origins } = model.conn;
  const add = (text: string) => () => {
    click();
    const point = pointer.lastPointed;
    if (!model.canEdit || point < 0 || point >= model.arrays.count) return;
    addAnnotation(doc, { rowIndex: model.arrays.rowIndex[point], text, author: authorOf(model), color: model.presence.color }, origins.user);
  };
  return (
    <Container flexDirection="row" flexWrap="wrap" gap={6} alignItems="center">
      <Text fontSize={PANEL_FONT} color={PANEL_MUTED}>
        Note at pointed point
      </Text>
      {NOTE_PRESETS.map((t) => (
        <PanelButton key={t} refKey={keep(`note:${t}`)} disabled={!model.canEdit} onClick={add(t)}>
          {t}
        </PanelButton>
      ))}
    </Container>
  );
}
