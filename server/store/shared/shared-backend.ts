import { Queue, QueueEvents } from 'bullmq';
import type { ServerConfig } from '../../config.ts';
import type { Backend } from '../../backend.ts';
import { ANALYSIS_QUEUE, QUEUE_PREFIX, type AnalysisJobData, type AnalysisJobResult } from '../../jobs/bullmq/analysis-jobs.ts';
import { QueuedAnalyses } from '../../jobs/bullmq/queued-analyses.ts';
import { connectRedis } from './redis-connection.ts';
import { openSharedStores } from './shared-stores.ts';

/**
 * An API process with REDIS_URL: stores on the shared DATA_DIR, analyses handed to workers
 * through BullMQ. Loaded only then (server/backend.ts imports it dynamically).
 */
export async function openSharedBackend(config: ServerConfig & { redisUrl: string }): Promise<Backend> {
  const stores = await openSharedStores(config.redisUrl, config.dataDir, 'api');
  const queueEventsConnection = connectRedis(config.redisUrl, 'api-queue-events');
  const queue = new Queue<AnalysisJobData, AnalysisJobResult>(ANALYSIS_QUEUE, { connection: stores.redis, prefix: QUEUE_PREFIX });
  const events = new QueueEvents(ANALYSIS_QUEUE, { connection: queueEventsConnection, prefix: QUEUE_PREFIX });
  const runner = new QueuedAnalyses({
    datasets: stores.datasets,
    analyses: stores.analyses,
    queue,
    events,
    redis: stores.redis,
    concurrency: config.concurrency,
    limits: { total: config.analysisMaxQueued, perRequester: config.analysisMaxQueuedPerToken },
  });
  try {
    await runner.start();
  } catch (error) {
    await runner.close().catch(() => {});
    queueEventsConnection.disconnect();
    await stores.close();
    throw error;
  }
  return {
    datasets: stores.datasets,
    analyses: stores.analyses,
    sessions: stores.sessions,
    runner,
    started: () => stores.claim.started(),
    async release() {
      queueEventsConnection.disconnect();
      await stores.close();
    },
  };
}
