import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './api/app.ts';
import { Access } from './auth/access.ts';
import { createGuards } from './auth/guards.ts';
import { loadOwnerToken } from './auth/owner-token.ts';
import type { ApiDeps } from './api/deps.ts';
import { createCollabServer, type CollabBackend } from './collab/index.ts';
import { checkAuthExposure, type ServerConfig } from './config.ts';
import { openBackend, type Backend } from './backend.ts';
import { ensureDemo } from './services/demo.ts';
import { DatasetImporter } from './services/import-dataset.ts';
import type { SessionRecord } from './store/session-store.ts';
import { CompareService } from './services/compare-service.ts';
import { QualityService } from './services/quality-service.ts';
import { ReportService } from './services/report-service.ts';
import { SessionService } from './services/session-service.ts';
import { serverCredentials, type CertificateInfo, type TlsCredentials } from './tls/index.ts';
import { prepareWorkerBundles } from './jobs/worker-bundles.ts';

export interface RunningServer {
  url: string;
  port: number;
  /** The listening socket's own address ('0.0.0.0' or '::' when it serves every interface). */
  address: AddressInfo;
  /** The HTTPS listener (HTTPS_PORT) for headsets; null when HTTPS_PORT=off. */
  https: { url: string; port: number; address: AddressInfo; certificate: CertificateInfo } | null;
  /** The workspace owner's token (OWNER_TOKEN, or the one kept in DATA_DIR). */
  ownerToken: string;
  deps: ApiDeps;
  /** The demo session (config.demo): made on an empty DATA_DIR, or the one made on an earlier start; null when none. */
  demo: SessionRecord | null;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Where collaboration rooms live (main.ts: Redis rooms with REDIS_URL); default: files in DATA_DIR. */
  collabBackend?: CollabBackend;
}

/**
 * Opens the stores under config.dataDir, resumes unfinished analyses and serves HTTP and the
 * Yjs WebSocket on one port, and the same app and WebSocket over TLS on HTTPS_PORT (one origin
 * for the page and its wss, so a headset accepts one certificate once). main.ts calls this with the environment's config; tests call it
 * with a temporary DATA_DIR and port 0.
 */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  checkAuthExposure(config);
  // Before the first upload or analysis (resumed ones included): each then starts its worker in
  // ~0.15 s, not ~1 s. Touches no data, so it may come before the claim below.
  await prepareWorkerBundles();
  // Before anything below cleans up or resumes work a running server may own: the claim on
  // DATA_DIR (embedded), or the turn to start among the processes sharing it (REDIS_URL).
  const backend = await openBackend(config);
  let server: RunningServer;
  try {
    server = await startOnBackend(config, backend, options);
  } catch (error) {
    await backend.runner.close();
    await backend.release();
    await options.collabBackend?.close();
    throw error;
  }
  try {
    // Within the start-up turn (REDIS_URL): processes started at once on an empty folder make one demo, not one each.
    server.demo = config.demo ? await ensureDemo(server.deps) : null;
    await backend.started();
  } catch (error) {
    await server.close();
    await options.collabBackend?.close();
    throw error;
  }
  return server;
}

async function startOnBackend(config: ServerConfig, backend: Backend, options: StartOptions): Promise<RunningServer> {
  // Before any work resumes: a bad TLS_CERT/TLS_KEY stops the start with a clear message.
  const tls = config.httpsPort === null ? null : await serverCredentials(config);
  const { datasets, analyses, sessions, runner: jobs } = backend;
  const ownerToken = await loadOwnerToken(config.dataDir, config.ownerToken);
  const access = new Access({ config, ownerToken, sessions });
  const collab = createCollabServer({
    dataDir: config.dataDir,
    backend: options.collabBackend,
    allowedOrigins: config.allowedOrigins.length > 0 ? config.allowedOrigins : undefined,
    authorize: async (sessionId, token, req) => access.authorizeUpgrade(sessionId, token, req),
    admit: (req) => access.refuseUpgrade(req),
    maxConnectionsPerSession: config.collabMaxConnections,
    maxDocumentBytes: config.collabMaxDocumentBytes,
  });
  const quality = new QualityService(datasets);
  const deps: ApiDeps = {
    config,
    datasets,
    analyses,
    sessions,
    jobs,
    importer: new DatasetImporter(datasets, { maxRows: config.maxRows, maxColumns: config.maxColumns }),
    sessionService: new SessionService(sessions, datasets, analyses, collab, jobs),
    quality,
    compare: new CompareService(datasets, jobs, config.maxRows),
    reports: new ReportService(sessions, datasets, analyses, collab, quality),
    access,
    guards: createGuards({ analysisDataset: (id) => analyses.datasetOf(id) }),
    listening: { http: config.port, https: config.httpsPort },
  };
  await jobs.resume();
  deps.sessionService.resumePending();
  const app = createApp(deps);
  const servers: Server[] = [];
  try {
    servers.push(await listen(app.fetch, { setting: 'PORT', port: config.port, host: config.host }));
    if (config.httpsPort !== null && tls) {
      servers.push(await listen(app.fetch, { setting: 'HTTPS_PORT', port: config.httpsPort, host: config.host }, tls.credentials));
    }
  } catch (error) {
    // Nothing will serve them: stop the workers and the collab server before giving up.
    for (const s of servers) await closeServer(s);
    await collab.close();
    throw error;
  }
  // One upgrade handler for both listeners: the same origin checks and tokens over ws and wss.
  for (const s of servers) s.on('upgrade', (request, socket, head) => collab.handleUpgrade(request, socket, head));
  const [server, secure] = servers;
  const address = server.address() as AddressInfo;
  const port = address.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const secureAddress = secure ? (secure.address() as AddressInfo) : null;
  deps.listening.http = port;
  deps.listening.https = secureAddress?.port ?? null;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    address,
    https: secureAddress && tls ? { url: `https://${urlHost}:${secureAddress.port}`, port: secureAddress.port, address: secureAddress, certificate: tls.info } : null,
    ownerToken,
    deps,
    demo: null,
    async close() {
      deps.sessionService.close();
      await jobs.close();
      await collab.close();
      for (const s of servers) await closeServer(s);
      await backend.release();
    },
  };
}

/** A listener that could not start; main.ts names the setting (PORT or HTTPS_PORT) to change. */
export class ListenError extends Error {
  constructor(
    readonly setting: 'PORT' | 'HTTPS_PORT',
    readonly host: string,
    readonly port: number,
    readonly code: string | undefined,
    cause: unknown,
  ) {
    super(`cannot listen on ${host}:${port} (${setting}): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * Resolves once the server listens (HTTPS when credentials are given); rejects with a ListenError
 * (EADDRINUSE, EACCES…), which would otherwise surface as an unhandled 'error' event.
 */
function listen(
  fetch: Parameters<typeof serve>[0]['fetch'],
  where: { setting: 'PORT' | 'HTTPS_PORT'; port: number; host: string },
  tls?: TlsCredentials,
): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) => reject(new ListenError(where.setting, where.host, where.port, error.code, error));
    const options = { fetch, port: where.port, hostname: where.host };
    const onListen = () => {
      s.off('error', fail);
      resolve(s);
    };
    const s = (tls ? serve({ ...options, createServer: createHttpsServer, serverOptions: { cert: tls.cert, key: tls.key } }, onListen) : serve(options, onListen)) as Server;
    s.once('error', fail);
  });
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
