import { useEffect } from 'react';
import { readPresenter } from '../../shared/session/index.ts';
import { useUi } from '../state/ui-store.ts';
import { clearAll } from './selection-actions.ts';
import type { SessionModel } from './session-model.ts';

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

/**
 * Keyboard: Ctrl/Cmd+Z undoes this participant's own changes (never someone else's),
 * Shift+Ctrl/Cmd+Z or Ctrl+Y redoes, Escape stops following the presenter, else clears focus
 * then selection, / jumps to search.
 */
export function useShortcuts(model: SessionModel): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z' && !typing(e.target)) {
        e.preventDefault();
        if (!model.canEdit) return;
        if (e.shiftKey) model.conn.undo.redo();
        else model.conn.undo.undo();
        return;
      }
      if (mod && e.key.toLowerCase() === 'y' && !typing(e.target)) {
        e.preventDefault();
        if (model.canEdit) model.conn.undo.redo();
        return;
      }
      if (typing(e.target)) return;
      if (e.key === 'Escape') {
        const ui = useUi.getState();
        const presenter = readPresenter(model.conn.doc).clientId;
        if (ui.following && presenter !== null && presenter !== model.conn.awareness.clientID) ui.setFollowing(false);
        else if (ui.focused !== null) ui.setFocused(null);
        else clearAll(model);
      } else if (e.key === '/') {
        e.preventDefault();
        document.querySelector<HTMLInputElement>('#search-input')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [model]);
}
