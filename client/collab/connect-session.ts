import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import { rootOf } from '../../shared/session/roots.ts';
import type { SessionPart } from '../../shared/session/index.ts';
import { CLOSE } from '../../shared/session/close-codes.ts';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected' | 'refused';

export interface Refusal {
  code: number;
  reason: string;
}

/**
 * Origins tag every local write: `user` writes are this participant's undoable changes (the
 * UndoManager tracks only them); `presence` writes (the presenter's pose) are not undoable.
 */
export interface Origins {
  user: object;
  presence: object;
}

export interface SessionConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  awareness: Awareness;
  undo: Y.UndoManager;
  origins: Origins;
  status(): ConnectionStatus;
  /** Why the server closed this connection for good (status 'refused'), else null. */
  refusal(): Refusal | null;
  /** After a refusal worth retrying (a full session, a traffic limit): connect again now. */
  retry(): void;
  /** Refused because the session is full, and a retry of its own is scheduled. */
  autoRetrying(): boolean;
  synced(): boolean;
  /** Called on every status or sync change. Returns the unsubscribe function. */
  onStatus(listener: () => void): () => void;
  destroy(): void;
}

/**
 * Waits before retrying a full session by itself: a seat frees when someone leaves, or when a
 * socket that dropped off Wi-Fi misses its ping (30–60 s), so a few attempts over about a
 * minute; each delay is jittered (×0.5–1.5) so a room of refused joiners does not come back at
 * once. After the last one the top bar's "reconnect" button is the way back.
 */
const FULL_RETRY_DELAYS_MS = [3_000, 8_000, 15_000, 30_000];
const SESSION_FULL: Refusal = { code: CLOSE.tooMany, reason: 'session is full' };

/** The parts of the document a participant's undo covers: everything they can change on purpose. */
const UNDOABLE: SessionPart[] = ['view', 'filters', 'selection', 'annotations', 'bookmarks', 'answers'];

/**
 * Joins a session's Yjs document over the y-websocket protocol. Edits made while offline stay
 * in the local document and merge when the connection returns (the provider reconnects with
 * backoff and re-syncs). BroadcastChannel sync between tabs is off: every change must pass the
 * server, which is what enforces view-only links.
 */
export function connectSession(sessionId: string, token: string, wsBase = defaultWsBase()): SessionConnection {
  const doc = new Y.Doc();
  const origins: Origins = { user: { who: 'me' }, presence: { who: 'me', presence: true } };
  const provider = new WebsocketProvider(wsBase, sessionId, doc, { params: { token }, disableBc: true, maxBackoffTime: 4000 });
  const undo = new Y.UndoManager(
    UNDOABLE.map((part) => rootOf(doc, part)),
    { trackedOrigins: new Set([origins.user]), captureTimeout: 400 },
  );
  let status: ConnectionStatus = 'connecting';
  let refusal: Refusal | null = null;
  /** Automatic retries of a full session since this connection last synced. */
  let fullRetries = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  const cancelRetry = () => {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
  };
  const reconnect = () => {
    cancelRetry();
    if (status !== 'refused') return;
    status = 'connecting';
    refusal = null;
    notify();
    provider.connect();
  };
  provider.on('status', (event: { status: 'connected' | 'disconnected' | 'connecting' }) => {
    if (status !== 'refused') status = event.status;
    notify();
  });
  provider.on('sync', (synced: boolean) => {
    // Not on 'connected': a refused socket opens before the server closes it.
    if (synced) fullRetries = 0;
    notify();
  });
  // A close in the 44xx range is the server refusing this link (bad token, no session, full).
  provider.on('closed', (close: Refusal) => {
    status = 'refused';
    refusal = { code: close.code, reason: close.reason };
    cancelRetry();
    const full = close.code === SESSION_FULL.code && close.reason === SESSION_FULL.reason;
    if (full && fullRetries < FULL_RETRY_DELAYS_MS.length) {
      const delay = FULL_RETRY_DELAYS_MS[fullRetries++] * (0.5 + Math.random());
      retryTimer = setTimeout(reconnect, delay);
    }
    notify();
  });
  return {
    doc,
    provider,
    awareness: provider.awareness,
    undo,
    origins,
    status: () => status,
    refusal: () => refusal,
    retry: reconnect,
    autoRetrying: () => retryTimer !== null,
    synced: () => provider.synced,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      cancelRetry();
      listeners.clear();
      undo.destroy();
      provider.awareness.setLocalState(null);
      provider.destroy();
      doc.destroy();
    },
  };
}

function defaultWsBase(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/yjs`;
}
