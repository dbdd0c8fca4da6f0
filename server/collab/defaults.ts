import type { IncomingMessage } from 'node:http';
import type * as Y from 'yjs';
import type { Access } from './connection.ts';
import type { CollabBackend } from './room-backend.ts';
import { CollabError } from './errors.ts';
import type { RateLimit } from './token-bucket.ts';

/** Options of createCollabServer; every default is in COLLAB_DEFAULTS below. */
export interface CollabServerOptions {
  /** Sessions are stored under `${dataDir}/sessions/<id>/` (by the default backend). */
  dataDir: string;
  /**
   * Where rooms are kept and how processes share them; the server closes it on close().
   * Default: files under dataDir, one process (embeddedBackend). Redis: redis/create-redis-rooms.ts.
   */
  backend?: CollabBackend;
  /**
   * Decides the access a token gives to a session (null = refused). Compare tokens in constant
   * time; `req` lets the caller count wrong tokens per client address.
   */
  authorize(sessionId: string, token: string | null, req?: IncomingMessage): Promise<Access | null>;
  /**
   * Checks made before anything else (the Host header, a client address that guessed too many
   * tokens): a refusal is answered with that HTTP status. Null = go on.
   */
  admit?(req: IncomingMessage): { status: number; code: string; message: string; retryAfter?: number } | null;
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
  /**
   * Presence renewals (a client re-sending its unchanged state so that it does not time out) wait
   * a delay fixed per client, spread over this span, so that a room's renewals never come as one
   * burst (see presence-fanout.ts); changes never wait. At most 10 s: renewals come every 15–18 s
   * and receivers time a state out after 30 s.
   */
  presenceRenewalSpreadMs?: number;
  /** Rooms with no connections are compacted and unloaded after this delay. */
  unloadAfterMs?: number;
  /** The log is compacted into the state file when it grows past this. */
  compactAfterBytes?: number;
  /** Ping interval; a connection that missed a pong by the next ping is terminated. */
  pingIntervalMs?: number;
  /**
   * Bytes waiting to be written to one peer past which it is closed with 1013 'too far behind'
   * (it reconnects and resyncs). The document reply a joiner is being sent is not counted until
   * written, so documents larger than this can still be joined over a slow link.
   */
  maxBufferedBytes?: number;
  /**
   * Connections to one session at once (counting handshakes in progress); the next one is
   * closed with 4429 'session is full' before it gets any data.
   */
  maxConnectionsPerSession?: number;
  /**
   * Seats only edit tokens may take: view tokens are refused (4429 'session is full') once
   * maxConnectionsPerSession − reservedEditSeats of them are connected, so a view link shared
   * widely cannot lock the presenter and editors out. Default: max(5, 10 % of the seats), but
   * at most half of them.
   */
  reservedEditSeats?: number;
  /**
   * Stored bytes of one session document (see document-size.ts). An editor's update that would
   * pass it is not applied and its connection is closed with 4413 'document too large'.
   */
  maxDocumentBytes?: number;
  /** Per connection: messages of any kind. Over it: close 4429 'too many messages'. */
  messageRate?: RateLimit;
  /** Per connection: bytes received (burst ≥ maxPayloadBytes). Over it: close 4429 'too many bytes'. */
  byteRate?: RateLimit;
  /**
   * Per connection: sync step 1 and query-awareness requests, each of which makes the server
   * encode state for the sender. Over it: close 4429 'too many sync requests'.
   */
  syncRequestRate?: RateLimit;
  /** Path prefix of the WebSocket endpoint; the session id follows it. */
  pathPrefix?: string;
  onError?(err: unknown, context: string): void;
}

export const COLLAB_DEFAULTS = {
  maxPayloadBytes: 4 * 2 ** 20,
  maxAwarenessBytes: 4096,
  maxAwarenessClients: 4,
  presenceRenewalSpreadMs: 5_000,
  unloadAfterMs: 30_000,
  compactAfterBytes: 1 * 2 ** 20,
  pingIntervalMs: 30_000,
  maxBufferedBytes: 16 * 2 ** 20,
  // The limits below are sized against a workshop: 50–100 participants, a presenter writing
  // camera poses at 10–20 Hz, headsets sending awareness at 20–30 Hz (≈ 50 messages and a few
  // tens of KB a second from the busiest client), and a client that connects syncs once.
  maxConnectionsPerSession: 200,
  // Session documents hold intent, not data, but never shrink: the presenter's pose written at
  // 10 Hz adds ~19 bytes a write once compacted (3 h of presenting: 2 MB; measured), so a
  // session presented in for ~25 h reaches this cap. A loaded room costs ~13–16× its encoded
  // size in heap (measured on pose- and note-heavy documents), ~0.25 GB at the cap.
  maxDocumentBytes: 16 * 2 ** 20,
  // 4× the busiest real client sustained, and a burst for a reconnect or a loop of small edits.
  messageRate: { perSecond: 200, burst: 1000 },
  // ~100× a headset's pose stream sustained; the burst takes a few maximum-size messages.
  byteRate: { perSecond: 2 * 2 ** 20, burst: 16 * 2 ** 20 },
  // A stock client asks once per connection (and once per resyncInterval, if set, here ≥ 1 s).
  syncRequestRate: { perSecond: 1, burst: 10 },
  pathPrefix: '/yjs/',
  onError(err: unknown, context: string): void {
    console.error(`[collab] ${context}:`, err instanceof Error ? err.message : err);
  },
} satisfies Partial<CollabServerOptions>;

export type ResolvedOptions = CollabServerOptions & typeof COLLAB_DEFAULTS & { reservedEditSeats: number };

/** The default reserve of edit seats for a seat cap (see CollabServerOptions.reservedEditSeats). */
export function defaultReservedEditSeats(maxConnections: number): number {
  return Math.min(Math.max(5, Math.ceil(maxConnections / 10)), Math.floor(maxConnections / 2));
}

/** Options with defaults filled in; limits that cannot work are refused here, not at the first message. */
export function resolveOptions(options: CollabServerOptions): ResolvedOptions {
  const given = { ...COLLAB_DEFAULTS, ...withoutUndefined(options) };
  const opts: ResolvedOptions = { ...given, reservedEditSeats: given.reservedEditSeats ?? defaultReservedEditSeats(given.maxConnectionsPerSession) };
  const positive = (name: string, value: number): void => {
    if (!(value > 0) || !Number.isFinite(value)) throw new CollabError('invalid_options', `${name} must be a positive number, got ${value}`);
  };
  positive('maxConnectionsPerSession', opts.maxConnectionsPerSession);
  positive('maxDocumentBytes', opts.maxDocumentBytes);
  // Viewers need at least one seat of their own, or a view link could never connect.
  const reserve = opts.reservedEditSeats;
  if (!Number.isInteger(reserve) || reserve < 0 || reserve >= opts.maxConnectionsPerSession) {
    throw new CollabError('invalid_options', `reservedEditSeats must be an integer from 0 to maxConnectionsPerSession − 1 (${opts.maxConnectionsPerSession - 1}), got ${reserve}`);
  }
  for (const name of ['messageRate', 'byteRate', 'syncRequestRate'] as const) {
    positive(`${name}.perSecond`, opts[name].perSecond);
    positive(`${name}.burst`, opts[name].burst);
  }
  // A message allowed by maxPayloadBytes must fit the byte bucket, or it could never be accepted.
  if (opts.byteRate.burst < opts.maxPayloadBytes) {
    throw new CollabError('invalid_options', `byteRate.burst (${opts.byteRate.burst}) must be at least maxPayloadBytes (${opts.maxPayloadBytes})`);
  }
  return opts;
}

/** Drops keys set to undefined so they do not hide defaults (required keys are never undefined). */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Server-side code changing a document (createSessionDocument, withDocument). */
export const SERVER_ORIGIN = Symbol('collab-server');
export type DocumentInit = (doc: Y.Doc) => void;
