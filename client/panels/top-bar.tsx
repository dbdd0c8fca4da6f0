import { useEffect, useState, useSyncExternalStore } from 'react';
import { useSession, useCloud } from '../app/session-model.ts';
import { formatNumber } from '../encodings/legend.ts';
import { useUi } from '../state/ui-store.ts';
import { describeRefusal } from '../../shared/session/close-codes.ts';
import { revealPanel } from './panel.tsx';
import { SearchBox } from './search-box.tsx';

const STATUS_TEXT = {
  connected: 'live',
  connecting: 'connecting…',
  disconnected: 'offline – changes kept, will merge',
  refused: 'link refused',
} as const;

/** Title, live counts, connection state, role, search, share, undo/redo and the sidebar toggle. */
export function TopBar(props: { title: string }) {
  const model = useSession();
  const cloud = useCloud();
  const { conn } = model;
  const status = useSyncExternalStore(conn.onStatus, conn.status);
  const refusal = status === 'refused' ? conn.refusal() : null;
  const refused = refusal && { ...describeRefusal(refusal.code, refusal.reason), reason: refusal.reason };
  const [undoState, setUndoState] = useState({ undo: 0, redo: 0 });
  const sidebarOpen = useUi((s) => s.sidebarOpen);
  const setSidebarOpen = useUi((s) => s.setSidebarOpen);
  useEffect(() => {
    const update = () => setUndoState({ undo: conn.undo.undoStack.length, redo: conn.undo.redoStack.length });
    conn.undo.on('stack-item-added', update);
    conn.undo.on('stack-item-popped', update);
    conn.undo.on('stack-cleared', update);
    return () => {
      conn.undo.off('stack-item-added', update);
      conn.undo.off('stack-item-popped', update);
      conn.undo.off('stack-cleared', update);
    };
  }, [conn]);

  return (
    <header className="top-bar">
      <a className="brand" href="/" title="Start page">
        Data&nbsp;Mirage
      </a>
      <h1 className="session-title" title={props.title}>
        {props.title}
      </h1>
      <div className="counts" aria-live="polite">
        <span data-testid="visible-count" data-value={cloud.filter.passCount}>
          <strong>{formatNumber(cloud.filter.passCount)}</strong> of {formatNumber(model.arrays.count)} visible
        </span>
        <span data-testid="selected-count" data-value={cloud.selectedCount}>
          <strong>{formatNumber(cloud.selectedCount)}</strong> selected
        </span>
      </div>
      <SearchBox />
      <div className="top-actions">
        {!model.canEdit && (
          <span className="tag view-only" data-testid="view-only" title="This is a view link: you see every change live, but cannot change the session.">
            view only
          </span>
        )}
        <span className={`conn conn-${status}`} data-testid="connection" data-status={status} title={refused?.reason}>
          <span className="dot" aria-hidden="true" />
          {refused ? refused.text + (conn.autoRetrying() ? ', retrying…' : '') : STATUS_TEXT[status]}
        </span>
        {refused?.retry && (
          <button type="button" className="small" onClick={() => conn.retry()}>
            reconnect
          </button>
        )}
        <button type="button" className="small share-button" data-testid="share-button" title="Links and a QR code to invite others" onClick={() => revealPanel('share')}>
          Share
        </button>
        <button type="button" className="icon" title="Undo my last change (Ctrl+Z)" aria-label="Undo" disabled={!model.canEdit || undoState.undo === 0} onClick={() => conn.undo.undo()}>
          ↶
        </button>
        <button type="button" className="icon" title="Redo (Shift+Ctrl+Z)" aria-label="Redo" disabled={!model.canEdit || undoState.redo === 0} onClick={() => conn.undo.redo()}>
          ↷
        </button>
        <button type="button" className="icon" title={sidebarOpen ? 'Hide the dashboard' : 'Show the dashboard'} aria-label="Toggle dashboard" aria-pressed={sidebarOpen} onClick={() => setSidebarOpen(!sidebarOpen)}>
          ☰
        </button>
      </div>
    </header>
  );
}
