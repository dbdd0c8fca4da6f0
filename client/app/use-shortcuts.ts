import { useEffect } from 'react';
import { readPresenter } from '../../shared/session/index.ts';
import { NARROW_SCREEN, useUi } from '../state/ui-store.ts';
import { clearAll } from '../session/selection-actions.ts';
import type { SessionModel } from '../session/session-model.ts';

/** Where keys mean something to the element itself (typing, choosing in a list): no page shortcuts. */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

const NOT_TEXT = new Set(['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'file']);

/**
 * Where Ctrl+Z undoes the element's own text edit. A dropdown, slider or checkbox just used
 * keeps focus but has no undo of its own: there Ctrl+Z is the session's.
 */
function editingText(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA') return true;
  return el.tagName === 'INPUT' && !NOT_TEXT.has((el as HTMLInputElement).type);
}

/**
 * Keyboard: Ctrl/Cmd+Z undoes this participant's own changes (never someone else's),
 * Shift+Ctrl/Cmd+Z or Ctrl+Y redoes, Escape closes the dashboard drawer (narrow screens), else
 * stops following the presenter, else clears focus then selection, / jumps to search.
 */
export function useShortcuts(model: SessionModel): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z' && !editingText(e.target)) {
        e.preventDefault();
        if (!model.canEdit) return;
        if (e.shiftKey) model.conn.undo.redo();
        else model.conn.undo.undo();
        return;
      }
      if (mod && e.key.toLowerCase() === 'y' && !editingText(e.target)) {
        e.preventDefault();
        if (model.canEdit) model.conn.undo.redo();
        return;
      }
      if (typing(e.target)) return;
      if (e.key === 'Escape') {
        const ui = useUi.getState();
        const presenter = readPresenter(model.conn.doc).clientId;
        // On a narrow screen the dashboard is a drawer over the scene: Esc closes it first.
        if (ui.sidebarOpen && matchMedia(NARROW_SCREEN).matches) ui.setSidebarOpen(false);
        else if (ui.following && presenter !== null && presenter !== model.conn.awareness.clientID) ui.setFollowing(false);
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
