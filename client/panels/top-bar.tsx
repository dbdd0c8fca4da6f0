import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import { useSession, useCloud } from '../session/session-model.ts';
import { formatNumber } from '../../shared/encodings/legend.ts';
import { useUi } from '../state/ui-store.ts';
import { describeRefusal } from '../../shared/session/close-codes.ts';
import { revealPanel } from './panel.tsx';
import { SearchBox } from './search-box.tsx';

/** Each state's word, and the detail a narrow top bar leaves out (the tooltip keeps it). */
const STATUS_TEXT = {
  connected: ['live', ''],
  connecting: ['connecting…', ''],
  disconnected: ['offline', ' – changes kept, will merge'],
  refused: ['link refused', ''],
} as const;

/**
 * What the top bar gives up, in order, when its items do not fit (client/styles/app.css says how
 * each step looks). Measured rather than set per screen width, since what fits depends on the
 * title, the counts, the search results and the connection message.
 */
const FIT_STEPS = ['totals', 'narrow', 'brand', 'scope', 'short', 'wrap'] as const;
/** The first steps are also taken to keep the title at least this many ems wide, the rest only to stop an overflow. */
const TITLE_EMS = 8;
const TITLE_STEPS = 4;

function fitTopBar(bar: HTMLElement): void {
  const title = bar.querySelector<HTMLElement>('.session-title');
  const comfort = title ? parseFloat(getComputedStyle(title).fontSize) * TITLE_EMS : 0;
  for (let n = 0; n <= FIT_STEPS.length; n++) {
    bar.dataset.fit = FIT_STEPS.slice(0, n).join(' ');
    if (n === FIT_STEPS.length) return;
    const overflow = bar.scrollWidth > bar.clientWidth;
    const squeezed = title !== null && title.clientWidth + 1 < Math.min(title.scrollWidth, comfort);
    if (!overflow && (!squeezed || n >= TITLE_STEPS)) return;
  }
}

/** Re-fits the bar when it is resized or its content changes (at most once a frame). */
function useFitTopBar(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const bar = ref.current;
    if (!bar) return;
    let frame = 0;
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(() => {
        frame = 0;
        fitTopBar(bar);
      });
    };
    fitTopBar(bar);
    const resized = new ResizeObserver(schedule);
    resized.observe(bar);
    // Not attributes: fitting writes data-fit, which must not ask for another fit.
    const changed = new MutationObserver(schedule);
    changed.observe(bar, { childList: true, subtree: true, characterData: true });
    return () => {
      cancelAnimationFrame(frame);
      resized.disconnect();
      changed.disconnect();
    };
  }, [ref]);
}

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
  const [word, detail] = refused ? [refused.text + (conn.autoRetrying() ? ', retrying…' : ''), ''] : STATUS_TEXT[status];
  const setSidebarOpen = useUi((s) => s.setSidebarOpen);
  const barRef = useRef<HTMLElement>(null);
  useFitTopBar(barRef);
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
    <header className="top-bar" ref={barRef}>
      <a className="brand" href="/" title="Start page">
        Data&nbsp;Mirage
      </a>
      <h1 className="session-title" title={props.title}>
        {props.title}
      </h1>
      <div className="counts" aria-live="polite">
        <span data-testid="visible-count" data-value={cloud.filter.passCount}>
          <strong>{formatNumber(cloud.filter.passCount)}</strong>
          <span className="count-total"> of {formatNumber(model.arrays.count)}</span> visible
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
        <span className={`conn conn-${status}`} data-testid="connection" data-status={status} title={refused?.reason ?? word + detail}>
          <span className="dot" aria-hidden="true" />
          <span className="conn-text">
            {word}
            {detail && <span className="conn-detail">{detail}</span>}
          </span>
        </span>
        {refused?.retry && (
          <button type="button" className="small" onClick={() => conn.retry()}>
            reconnect
          </button>
        )}
        <button type="button" className="small share-button" data-testid="share-button" title="Links and a QR code to invite others" onClick={() => revealPanel('share')}>
          Share
        </button>
        {/* A view link can never undo: the buttons are left out (the tag says why), not shown disabled. */}
        {model.canEdit && (
          <>
            <button type="button" className="icon" title="Undo my last change (Ctrl+Z)" aria-label="Undo" disabled={undoState.undo === 0} onClick={() => conn.undo.undo()}>
              ↶
            </button>
            <button type="button" className="icon" title="Redo (Shift+Ctrl+Z)" aria-label="Redo" disabled={undoState.redo === 0} onClick={() => conn.undo.redo()}>
              ↷
            </button>
          </>
        )}
        <button
          type="button"
          className="icon sidebar-toggle"
          title={sidebarOpen ? 'Hide the dashboard' : 'Show the dashboard'}
          aria-label="Toggle dashboard"
          aria-pressed={sidebarOpen}
          aria-controls="dashboard"
          onClick={() => setSidebarOpen(!sidebarOpen)}
        >
          ☰
        </button>
      </div>
    </header>
  );
}
