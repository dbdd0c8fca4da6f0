import { availableParallelism } from 'node:os';
import { envInt } from '../../config.ts';

/**
 * The knobs of an `npm run worker` process (README "Scale out"). The global bound on analyses
 * running at once is the API's ANALYSIS_CONCURRENCY (a property of the queue); these are per worker.
 */
export interface WorkerSettings {
  /** WORKER_CONCURRENCY: analyses this worker runs at once, each in its own thread; default cores − 1, at least 1. */
  concurrency: number;
  /**
   * JOB_LOCK_MS: a running job's lock, renewed every half of it while the worker lives. A worker
   * killed mid-job stops renewing; once the lock lapses, another worker's stalled check (every
   * JOB_STALLED_CHECK_MS) moves the job back to the queue, and it runs again from the start.
   */
  lockDurationMs: number;
  stalledIntervalMs: number;
  /** JOB_MAX_STALLED: how often one job may stall (its worker dies) before it is failed instead of retried. */
  maxStalledCount: number;
}

export const WORKER_DEFAULTS: WorkerSettings = {
  concurrency: Math.max(1, availableParallelism() - 1),
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 2,
};

export function workerSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerSettings {
  const int = (name: string, fallback: number, min: number): number => envInt(env, name, fallback, min);
  return {
    concurrency: int('WORKER_CONCURRENCY', WORKER_DEFAULTS.concurrency, 1),
    lockDurationMs: int('JOB_LOCK_MS', WORKER_DEFAULTS.lockDurationMs, 1_000),
    stalledIntervalMs: int('JOB_STALLED_CHECK_MS', WORKER_DEFAULTS.stalledIntervalMs, 500),
    maxStalledCount: int('JOB_MAX_STALLED', WORKER_DEFAULTS.maxStalledCount, 0),
  };
}
