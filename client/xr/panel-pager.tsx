import { Text } from '@react-three/uikit';
import type { Object3D } from 'three';
import { PANEL_FONT, PANEL_MUTED, PanelButton } from './panel-button.tsx';

/** Hands out the ref that registers a panel element under a key (hit tests, test hooks). */
export type Keep = (key: string) => (o: Object3D | null) => void;

/** One page of `items`: the page asked for, clamped to the pages there are (a list may shrink under it). */
export function pageSlice<T>(items: readonly T[], page: number, perPage: number): { shown: T[]; at: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const at = Math.min(page, pages - 1);
  return { shown: items.slice(at * perPage, (at + 1) * perPage), at, pages };
}

/**
 * "< 2/5 >" for a paged list on the VR panel (the panel's font has no ‹ ›); nothing when it fits
 * one page. Buttons are registered as `<key>:prev` and `<key>:next`.
 */
export function PanelPager({ refKey, at, pages, keep, click, setPage }: { refKey: string; at: number; pages: number; keep: Keep; click: () => void; setPage: (page: number) => void }) {
  if (pages <= 1) return null;
  return (
    <>
      <PanelButton refKey={keep(`${refKey}:prev`)} disabled={at === 0} onClick={() => {
        click();
        setPage(Math.max(0, at - 1));
      }}>
        {'<'}
      </PanelButton>
      <Text fontSize={PANEL_FONT} color={PANEL_MUTED}>
        {`${at + 1}/${pages}`}
      </Text>
      <PanelButton refKey={keep(`${refKey}:next`)} disabled={at === pages - 1} onClick={() => {
        click();
        setPage(Math.min(pages - 1, at + 1));
      }}>
        {'>'}
      </PanelButton>
    </>
  );
}
