import type * as Y from 'yjs';
import type { Access } from './connection.ts';

/** Options of createCollabServer; every default is in COLLAB_DEFAULTS below. */
export interface CollabServerOptions {
  /** Sessions are stored under `${dataDir}/sessions/<id>/`. */
  dataDir: string;
  /** Decides the access a token gives to a session (null = refused). Compare tokens in constant time. */
  authorize(sessionId: string, token: string | null): Promise<Access | null>;
  /**
   * Initial content (a Yjs update) for an authorized session with nothing stored yet, e.g. one
   * created before it had a document. Null or absent: the document starts empty.
   */
  loadInitialState?(sessionId: string): Promise<Uint8Array | null> | Uint8Array | null;
  /** WebSocket messages larger than this close that connection (ws maxPayload). */
  maxPayloadBytes?: number;
  /**
   * Other origins whose pages may connect; a page of the server's own host always may, and a
   * client sending no Origin (not a browser page) is left to the token check. Others: HTTP 403.
   */
  allowedOrigins?: string[];
  /** JSON bytes of one participant's awareness state; larger states are dropped. */
  maxAwarenessBytes?: number;
  /** Awareness client ids one connection may speak for. */
  maxAwarenessClients?: number;
  /** Rooms with no connections are compacted and unloaded after this delay. */
  unloadAfterMs?: number;
  /** The log is compacted into the state file when it grows past this. */
  compactAfterBytes?: number;
  /** Ping interval; a connection that missed a pong by the next ping is terminated. */
  pingIntervalMs?: number;
  maxBufferedBytes?: number;
  /** Path prefix of the WebSocket endpoint; the session id follows it. */
  pathPrefix?: string;
  onError?(err: unknown, context: string): void;
}

export const COLLAB_DEFAULTS = {
  maxPayloadBytes: 4 * 2 ** 20,
  maxAwarenessBytes: 4096,
  maxAwarenessClients: 4,
  unloadAfterMs: 30_000,
  compactAfterBytes: 1 * 2 ** 20,
  pingIntervalMs: 30_000,
  maxBufferedBytes: 16 * 2 ** 20,
  pathPrefix: '/yjs/',
  onError(err: unknown, context: string): void {
    console.error(`[collab] ${context}:`, err instanceof Error ? err.message : err);
  },
} satisfies Partial<CollabServerOptions>;

export type ResolvedOptions = CollabServerOptions & typeof COLLAB_DEFAULTS;

/** Server-side code changing a document (createSessionDocument, withDocument). */
export const SERVER_ORIGIN = Symbol('collab-server');
export type DocumentInit = (doc: Y.Doc) => void;
