import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerConfig } from './config.ts';
import type { AnalysisRunner } from './jobs/analysis-runner.ts';
import { JobQueue } from './jobs/job-queue.ts';
import { AnalysisStore } from './store/analysis-store.ts';
import { DatasetStore } from './store/dataset-store.ts';
import { lockDataDir } from './store/data-dir-lock.ts';
import { SessionStore } from './store/session-store.ts';

/**
 * Where an API process keeps datasets, analyses and session records and how it runs analyses: the embedded
 * default (this process claims DATA_DIR alone and runs analyses in its own worker threads), or
 * with REDIS_URL the shared one (server/store/shared/shared-backend.ts, loaded only then).
 */
export interface Backend {
  datasets: DatasetStore;
  analyses: AnalysisStore;
  sessions: SessionStore;
  runner: AnalysisRunner;
  /** The start-up steps that write DATA_DIR-wide files are over: another process may start. */
  started(): Promise<void>;
  /** Gives DATA_DIR back (after the runner is closed and nothing serves any more). */
  release(): Promise<void>;
}

export async function openBackend(config: ServerConfig): Promise<Backend> {
  const { redisUrl } = config;
  if (redisUrl !== null) return (await import('./store/shared/shared-backend.ts')).openSharedBackend({ ...config, redisUrl });
  return openEmbeddedBackend(config);
}

async function openEmbeddedBackend(config: ServerConfig): Promise<Backend> {
  // First, before anything below cleans up or resumes work a running server may own.
  const lock = await lockDataDir(config.dataDir);
  try {
    const datasets = new DatasetStore(config.dataDir);
    const analyses = new AnalysisStore(config.dataDir);
    const sessions = new SessionStore(config.dataDir);
    // uploads/ only ever holds files in transit: whatever a crash left there is garbage.
    await rm(join(config.dataDir, 'uploads'), { recursive: true, force: true });
    await Promise.all([datasets.open(), analyses.open(), sessions.open()]);
    const runner = new JobQueue({
      datasets,
      analyses,
      concurrency: config.concurrency,
      limits: { total: config.analysisMaxQueued, perRequester: config.analysisMaxQueuedPerToken },
    });
    return { datasets, analyses, sessions, runner, started: async () => {}, release: () => lock.release() };
  } catch (error) {
    await lock.release();
    throw error;
  }
}
