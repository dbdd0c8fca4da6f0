import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as Y from 'yjs';
import { WebSocketServer, type WebSocket } from 'ws';
import { isValidId } from '../store/ids.ts';
import { Connection, type Access } from './connection.ts';
import { SERVER_ORIGIN, resolveOptions, type CollabServerOptions, type DocumentInit, type ResolvedOptions } from './defaults.ts';
import { CollabError } from './errors.ts';
import { RefusalLog, SESSION_FULL, type RefusalKind } from './refusals.ts';
import { CLOSE } from './protocol.ts';
import { Room } from './room.ts';
import { embeddedBackend } from './file-persistence.ts';
import { originAllowed, parseUpgradeUrl, refuseUpgrade } from './upgrade-request.ts';

export interface CollabStats {
  rooms: number;
  connections: number;
  /** Document messages from view-only connections that were dropped. */
  droppedViewerUpdates: number;
  /** Connections closed for going over a limit, by limit, since the server started. */
  refused: Record<RefusalKind, number>;
}

export interface CollabServer {
  /** For the HTTP server's 'upgrade' event: WS /yjs/:sessionId?token=… */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /**
   * Writes a new session's initial document durably; fails with code 'session_exists' if it has
   * one, and 'session_deleted' for an id deleteSession was called with (ids are random, never reused).
   */
  createSessionDocument(sessionId: string, init: DocumentInit): Promise<void>;
  /** Runs `fn` on the live document (edits are stored, then relayed); resolves once durable. 'session_deleted' as above. */
  withDocument<T>(sessionId: string, fn: (doc: Y.Doc) => T | Promise<T>): Promise<T>;
  /**
   * Disconnects everyone (close code 4404) and removes the stored document. The id stays refused
   * until the process exits: connections to it, even ones whose upgrade was under way, are
   * closed with 4404, and nothing loads (or recreates the folder of) the session again.
   */
  deleteSession(sessionId: string): Promise<void>;
  stats(): CollabStats;
  /** Refuses new connections, closes every connection (1001), flushes and compacts every room. */
  close(): Promise<void>;
}

/**
 * A thin y-websocket server: authentication in the upgrade, read-only view tokens, bounded and
 * validated awareness, durable storage (an update is on disk before anyone else sees it), and
 * limits against floods: connections per session, per-connection message, byte and
 * sync-request budgets, and a document size cap (see defaults.ts).
 */
export function createCollabServer(options: CollabServerOptions): CollabServer {
  const opts: ResolvedOptions = resolveOptions(options);
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayloadBytes, perMessageDeflate: false });
  const rooms = new Map<string, Promise<Room>>();
  /** Sessions deleted since the server started (see deleteSession). */
  const deleted = new Set<string>();
  const connections = new Set<Connection>();
  let droppedViewerUpdates = 0;
  const refusals = new RefusalLog(opts.onError);
  let closing = false;
  const backend = opts.backend ?? embeddedBackend(opts.dataDir);

  const pinger = setInterval(() => {
    for (const conn of connections) conn.heartbeat();
  }, opts.pingIntervalMs);
  pinger.unref();

  async function openRoom(id: string, useInitialState: boolean): Promise<Room> {
    const loaded = await backend.persistence.open(id);
    const room: Room = new Room(id, loaded.log, {
      compactAfterBytes: backend.compactAfterBytes ?? opts.compactAfterBytes,
      presenceRenewalSpreadMs: opts.presenceRenewalSpreadMs,
      onError: opts.onError,
      onFailure: (failed) => void unload(failed, CLOSE.internalError, 'storage failure', false),
    });
    if (loaded.tornBytes > 0) {
      opts.onError(new CollabError('torn_log', `ignored a torn tail of ${loaded.tornBytes} bytes`), `session ${id}`);
    }
    room.hydrate(loaded.state, loaded.updates, loaded.awareness);
    room.storedNothing = loaded.state === null && loaded.updates.length === 0;
    if (backend.relay) {
      room.connectRelay(
        backend.relay.subscribe(id, loaded, {
          update: (update, message) => room.relayed(update, message),
          awareness: (update, message) => room.relayedAwareness(update, message),
          resync: (state, updates) => room.resync(state, updates),
          deleted: () => {
            deleted.add(id);
            void unload(room, CLOSE.sessionDeleted, 'session deleted', false);
          },
        }),
      );
    }
    if (room.storedNothing && useInitialState && opts.loadInitialState) {
      const initial = await opts.loadInitialState(id);
      if (initial) Y.applyUpdate(room.doc, initial, SERVER_ORIGIN);
    }
    return room;
  }

  /** The loaded room of a session (loading it if needed), with a lease the caller must release. */
  async function acquire(id: string, useInitialState = true): Promise<Room> {
    const throwIfDeleted = (): void => {
      if (deleted.has(id)) throw new CollabError('session_deleted', `session ${id} was deleted`);
    };
    for (;;) {
      throwIfDeleted();
      let pending = rooms.get(id);
      if (!pending) {
        const loading = openRoom(id, useInitialState);
        rooms.set(id, loading);
        loading.catch(() => rooms.get(id) === loading && rooms.delete(id));
        pending = loading;
      }
      const room = await pending;
      // Deleted while it loaded (deleteSession is unloading it), or while waiting for an unload.
      throwIfDeleted();
      if (room.state === 'open') {
        room.leases++;
        if (room.unloadTimer) clearTimeout(room.unloadTimer);
        room.unloadTimer = null;
        return room;
      }
      await room.closed;
    }
  }

  function release(room: Room): void {
    room.leases--;
    if (room.leases > 0 || room.state !== 'open') return;
    if (closing) {
      void unload(room, CLOSE.goingAway, 'server shutting down', true);
      return;
    }
    room.unloadTimer = setTimeout(() => void unload(room, CLOSE.goingAway, 'idle', true), opts.unloadAfterMs);
    // Everything is already durable in the log; an idle room must not keep the process alive.
    room.unloadTimer.unref();
  }

  async function unload(room: Room, code: number, reason: string, compact: boolean): Promise<void> {
    if (room.state === 'closing' || room.state === 'closed') return room.closed;
    // The map entry can only be this room's: acquire() adds one only when there is none.
    // It goes before `closed` resolves, so waiters in acquire() load a fresh room.
    await room.dispose(code, reason, compact, () => rooms.delete(room.id));
  }

  /** Gives back a seat taken in upgrade() and the lease that came with it. */
  function leave(room: Room, access: Access): void {
    room.seats--;
    if (access === 'view') room.viewerSeats--;
    release(room);
  }

  function attach(ws: WebSocket, room: Room, access: Access): void {
    if (room.state !== 'open') {
      // Unloaded between authorization and handshake: deleted for good, or shutting down (retry later).
      if (deleted.has(room.id)) ws.close(CLOSE.sessionDeleted, 'session deleted');
      else ws.close(CLOSE.tryAgainLater, 'session is being unloaded');
      leave(room, access);
      return;
    }
    const conn = new Connection(ws, room, access, opts, {
      onError: opts.onError,
      onRefused: (refusal) => refusals.record(refusal, room.id),
    });
    connections.add(conn);
    room.peers.add(conn);
    ws.on('pong', () => (conn.alive = true));
    ws.on('error', (err) => opts.onError(err, `session ${room.id}: connection error`));
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) conn.close(CLOSE.unsupportedData, 'binary messages only');
      else conn.handle(data);
    });
    ws.on('close', () => {
      connections.delete(conn);
      room.peers.delete(conn);
      droppedViewerUpdates += conn.droppedUpdates;
      if (room.state === 'open') conn.release();
      leave(room, access);
    });
    conn.greet();
  }

  /** Completes the handshake only to close with a code the client can read (4400–4499 stop its retries). */
  function refuseWithClose(req: IncomingMessage, socket: Duplex, head: Buffer, code: number, reason: string): void {
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => undefined);
      ws.close(code, reason);
    });
  }

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (closing) return refuseUpgrade(socket, 503, 'unavailable', 'the collaboration server is shutting down');
    const parsed = parseUpgradeUrl(req, opts.pathPrefix);
    if (!parsed) return refuseUpgrade(socket, 404, 'not_found', 'no collaboration endpoint here');
    const refusal = opts.admit?.(req);
    if (refusal) return refuseUpgrade(socket, refusal.status, refusal.code, refusal.message, refusal.retryAfter);
    if (!originAllowed(req, opts.allowedOrigins)) return refuseUpgrade(socket, 403, 'forbidden_origin', 'origin not allowed');
    if (!isValidId(parsed.sessionId)) return refuseWithClose(req, socket, head, CLOSE.badSessionId, 'invalid session id');
    if (parsed.token === null) return refuseWithClose(req, socket, head, CLOSE.missingToken, 'missing token');
    const access = await opts.authorize(parsed.sessionId, parsed.token, req);
    if (access !== 'edit' && access !== 'view') return refuseWithClose(req, socket, head, CLOSE.forbidden, 'invalid token');
    if (closing || socket.destroyed) return refuseUpgrade(socket, 503, 'unavailable', 'the collaboration server is shutting down');
    // Deleted while authorize() ran (or before: authorize may not know yet), or while the room loads.
    const refuseDeleted = () => refuseWithClose(req, socket, head, CLOSE.sessionDeleted, 'session deleted');
    if (deleted.has(parsed.sessionId)) return refuseDeleted();
    let room: Room;
    try {
      room = await acquire(parsed.sessionId);
    } catch (err) {
      if (err instanceof CollabError && err.code === 'session_deleted') return refuseDeleted();
      throw err;
    }
    // Counted after the token check, so only a holder of the session's link learns it is full.
    // Viewers stop short of the editors' reserve: a widely shared view link cannot lock them out.
    const viewersFull = access === 'view' && room.viewerSeats >= opts.maxConnectionsPerSession - opts.reservedEditSeats;
    if (room.seats >= opts.maxConnectionsPerSession || viewersFull) {
      release(room);
      refusals.record(SESSION_FULL, room.id);
      return refuseWithClose(req, socket, head, SESSION_FULL.code, SESSION_FULL.reason);
    }
    room.seats++;
    if (access === 'view') room.viewerSeats++;
    let attached = false;
    const abandoned = (): void => {
      if (!attached) leave(room, access);
    };
    socket.once('close', abandoned);
    if (socket.destroyed || closing) {
      socket.off('close', abandoned);
      leave(room, access);
      return refuseUpgrade(socket, 503, 'unavailable', 'the collaboration server is shutting down');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      attached = true;
      socket.off('close', abandoned);
      attach(ws, room, access);
    });
  }

  function checkId(sessionId: string): void {
    if (!isValidId(sessionId)) throw new CollabError('invalid_session_id', `invalid session id ${JSON.stringify(sessionId)}`);
    if (closing) throw new CollabError('closed', 'the collaboration server is closed');
  }

  return {
    handleUpgrade(req, socket, head) {
      socket.on('error', (err) => opts.onError(err, 'upgrade socket'));
      upgrade(req, socket, head).catch((err: unknown) => {
        opts.onError(err, 'upgrade failed');
        refuseUpgrade(socket, 500, 'internal', 'internal error');
      });
    },

    async createSessionDocument(sessionId, init) {
      checkId(sessionId);
      const room = await acquire(sessionId, false);
      try {
        if (!room.storedNothing || room.doc.store.clients.size > 0) {
          throw new CollabError('session_exists', `session ${sessionId} already has a document`);
        }
        room.doc.transact(() => init(room.doc), SERVER_ORIGIN);
        await room.whenDurable();
      } finally {
        release(room);
      }
    },

    async withDocument(sessionId, fn) {
      checkId(sessionId);
      const room = await acquire(sessionId);
      try {
        const result = await fn(room.doc);
        await room.whenDurable();
        return result;
      } finally {
        release(room);
      }
    },

    async deleteSession(sessionId) {
      checkId(sessionId);
      // Marked before anything is awaited: an acquire() either already put its room in `rooms`
      // (unloaded below) or sees the mark, so the folder cannot be recreated behind the removal.
      deleted.add(sessionId);
      const pending = rooms.get(sessionId);
      const room = pending ? await pending.catch(() => null) : null;
      if (room) await unload(room, CLOSE.sessionDeleted, 'session deleted', false);
      await backend.persistence.remove(sessionId);
    },

    stats() {
      let dropped = droppedViewerUpdates;
      for (const conn of connections) dropped += conn.droppedUpdates;
      return { rooms: rooms.size, connections: connections.size, droppedViewerUpdates: dropped, refused: refusals.snapshot() };
    },

    async close() {
      closing = true;
      clearInterval(pinger);
      while (rooms.size > 0) {
        const loaded = await Promise.allSettled([...rooms.values()]);
        await Promise.all(
          loaded.map((r) => (r.status === 'fulfilled' ? unload(r.value, CLOSE.goingAway, 'server shutting down', true) : undefined)),
        );
      }
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await backend.close();
      refusals.flush();
    },
  };
}
