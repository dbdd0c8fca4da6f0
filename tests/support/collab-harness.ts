import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { createCollabServer, type CollabServer, type CollabServerOptions } from '../../server/collab/index.ts';
import { tokensEqual } from '../../server/store/ids.ts';

/**
 * Real components for collaboration tests: the collab server behind a node:http server on
 * port 0, and stock y-websocket clients running in Node over `ws`.
 */
export interface SessionTokens {
  edit: string;
  view: string;
}

export interface TestServer {
  collab: CollabServer;
  http: Server;
  port: number;
  /** Base URL for WebsocketProvider: ws://127.0.0.1:PORT/yjs */
  wsBase: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function tempDataDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'collab-test-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Authorizes like the session store does: constant-time comparison against known tokens. */
export function tokenAuthorizer(sessions: Map<string, SessionTokens>): CollabServerOptions['authorize'] {
  return async (sessionId, token) => {
    const tokens = sessions.get(sessionId);
    if (!tokens || token === null) return null;
    if (tokensEqual(token, tokens.edit)) return 'edit';
    if (tokensEqual(token, tokens.view)) return 'view';
    return null;
  };
}

export async function startCollabServer(
  dataDir: string,
  sessions: Map<string, SessionTokens>,
  overrides: Partial<CollabServerOptions> = {},
): Promise<TestServer> {
  const collab = createCollabServer({
    dataDir,
    authorize: tokenAuthorizer(sessions),
    onError: () => undefined,
    ...overrides,
  });
  const http = createServer((_req, res) => res.writeHead(404).end());
  http.on('upgrade', (req, socket, head) => collab.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    collab,
    http,
    port,
    wsBase: `ws://127.0.0.1:${port}/yjs`,
    dataDir,
    async close() {
      await collab.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

export function connectClient(wsBase: string, sessionId: string, token: string | null, connect = true): TestClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsBase, sessionId, doc, {
    // The ws class implements the WebSocket API y-websocket uses; its static type differs from the DOM one.
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect,
    maxBackoffTime: 200,
    params: token === null ? {} : { token },
  });
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      provider.awareness.destroy();
      doc.destroy();
    },
  };
}

export function whenSynced(client: TestClient, timeoutMs = 10_000): Promise<void> {
  return waitFor(() => client.provider.synced, timeoutMs, 'client to sync');
}

/** Polls `condition` (which may ask the server, hence async) until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw WebSocket that records everything the server did: messages, close code, HTTP refusal. */
export interface RawOutcome {
  messages: number;
  closeCode: number | null;
  httpStatus: number | null;
}

/**
 * Resolves with the outcome once the socket is closed. `firstMessage` resolves when the server
 * has answered at all (so the connection is attached to its room) and rejects if it closed
 * without a word; `ws` lets a test close a connection the server never closes.
 */
export type RawConnection = Promise<RawOutcome> & { firstMessage: Promise<void>; ws: WebSocket };

export function rawConnect(url: string, headers: Record<string, string> = {}, send?: Uint8Array): RawConnection {
  const ws = new WebSocket(url, { headers });
  let answered!: () => void;
  let silent!: (err: Error) => void;
  const firstMessage = new Promise<void>((resolve, reject) => {
    answered = resolve;
    silent = reject;
  });
  // Tests that only await the outcome would otherwise see an unhandled rejection.
  firstMessage.catch(() => undefined);
  const done = new Promise<RawOutcome>((resolve) => {
    const outcome: RawOutcome = { messages: 0, closeCode: null, httpStatus: null };
    ws.on('message', () => {
      outcome.messages++;
      answered();
    });
    ws.on('open', () => send && ws.send(send));
    ws.on('unexpected-response', (_req, res) => {
      outcome.httpStatus = res.statusCode ?? null;
      res.resume();
      ws.terminate();
    });
    ws.on('error', () => undefined);
    ws.on('close', (code) => {
      if (outcome.httpStatus === null) outcome.closeCode = code;
      silent(new Error(`closed without any message (close ${outcome.closeCode}, HTTP ${outcome.httpStatus})`));
      resolve(outcome);
    });
  });
  return Object.assign(done, { firstMessage, ws });
}
