import { rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './api/app.ts';
import { Access } from './auth/access.ts';
import { createGuards } from './auth/guards.ts';
import { loadOwnerToken } from './auth/owner-token.ts';
import type { ApiDeps } from './api/deps.ts';
import { createCollabServer } from './collab/index.ts';
import { checkAuthExposure, type ServerConfig } from './config.ts';
import { JobQueue } from './jobs/job-queue.ts';
import { DatasetImporter } from './services/import-dataset.ts';
import { SessionService } from './services/session-service.ts';
import { AnalysisStore } from './store/analysis-store.ts';
import { DatasetStore } from './store/dataset-store.ts';
import { lockDataDir, type DataDirLock } from './store/data-dir-lock.ts';
import { SessionStore } from './store/session-store.ts';

export interface RunningServer {
  url: string;
  port: number;
  /** The listening socket's own address ('0.0.0.0' or '::' when it serves every interface). */
  address: AddressInfo;
  /** The workspace owner's token (OWNER_TOKEN, or the one kept in DATA_DIR). */
  ownerToken: string;
  deps: ApiDeps;
  close(): Promise<void>;
}

/**
 * Opens the stores under config.dataDir, resumes unfinished analyses and serves HTTP and the
 * Yjs WebSocket on one port. main.ts calls this with the environment's config; tests call it
 * with a temporary DATA_DIR and port 0.
 */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  checkAuthExposure(config);
  // First, before anything below cleans up or resumes work a running server may own.
  const lock = await lockDataDir(config.dataDir);
  try {
    return await startOnLockedDir(config, lock);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function startOnLockedDir(config: ServerConfig, lock: DataDirLock): Promise<RunningServer> {
  const datasets = new DatasetStore(config.dataDir);
  const analyses = new AnalysisStore(config.dataDir);
  const sessions = new SessionStore(config.dataDir);
  // uploads/ only ever holds files in transit: whatever a crash left there is garbage.
  await rm(join(config.dataDir, 'uploads'), { recursive: true, force: true });
  await Promise.all([datasets.open(), analyses.open(), sessions.open()]);
  const ownerToken = await loadOwnerToken(config.dataDir, config.ownerToken);
  const access = new Access({ config, ownerToken, sessions });
  const jobs = new JobQueue({
    datasets,
    analyses,
    concurrency: config.concurrency,
    limits: { total: config.analysisMaxQueued, perRequester: config.analysisMaxQueuedPerToken },
  });
  const collab = createCollabServer({
    dataDir: config.dataDir,
    allowedOrigins: config.allowedOrigins.length > 0 ? config.allowedOrigins : undefined,
    authorize: async (sessionId, token, req) => access.authorizeUpgrade(sessionId, token, req),
    admit: (req) => access.refuseUpgrade(req),
    maxConnectionsPerSession: config.collabMaxConnections,
    maxDocumentBytes: config.collabMaxDocumentBytes,
  });
  const deps: ApiDeps = {
    config,
    datasets,
    analyses,
    sessions,
    jobs,
    importer: new DatasetImporter(datasets, { maxRows: config.maxRows, maxColumns: config.maxColumns }),
    sessionService: new SessionService(sessions, datasets, analyses, collab),
    access,
    guards: createGuards({ analysisDataset: (id) => analyses.datasetOf(id) }),
  };
  await jobs.resume();
  const app = createApp(deps);
  let server: Server;
  try {
    server = await listen(app.fetch, config.port, config.host);
  } catch (error) {
    // Nothing will serve them: stop the workers and the collab server before giving up.
    await jobs.close();
    await collab.close();
    throw error;
  }
  server.on('upgrade', (request, socket, head) => collab.handleUpgrade(request, socket, head));
  const address = server.address() as AddressInfo;
  const port = address.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${host}:${port}`,
    port,
    address,
    ownerToken,
    deps,
    async close() {
      await jobs.close();
      await collab.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await lock.release();
    },
  };
}

/**
 * Resolves once the server listens; rejects on a listen error (EADDRINUSE, EACCES…), which
 * would otherwise surface as an unhandled 'error' event.
 */
function listen(fetch: Parameters<typeof serve>[0]['fetch'], port: number, hostname: string): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch, port, hostname }, () => {
      s.off('error', reject);
      resolve(s as Server);
    }) as Server;
    s.once('error', reject);
  });
}
