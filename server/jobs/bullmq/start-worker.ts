import { hostname } from 'node:os';
import { openSharedStores } from '../../store/shared/shared-stores.ts';
import { connectRedis } from '../../store/shared/redis-connection.ts';
import { AnalysisJobWorker } from './analysis-job-worker.ts';
import type { WorkerSettings } from './worker-settings.ts';
import { prepareWorkerBundles } from '../worker-bundles.ts';

export interface RunningWorker {
  name: string;
  /** Waits for the analyses running here to finish, then leaves. */
  close(): Promise<void>;
}

/** An analysis worker on the shared DATA_DIR (`npm run worker`): joins the folder's members, then takes jobs. */
export async function startAnalysisWorker(redisUrl: string, dataDir: string, settings: WorkerSettings): Promise<RunningWorker> {
  await prepareWorkerBundles();
  const stores = await openSharedStores(redisUrl, dataDir, 'worker');
  await stores.claim.started();
  const name = `${hostname()}:${process.pid}`;
  const subscriber = connectRedis(redisUrl, 'worker-cancel');
  const connection = connectRedis(redisUrl, 'worker-jobs');
  const worker = new AnalysisJobWorker({ redis: stores.redis, subscriber, connection, datasets: stores.datasets, analyses: stores.analyses, settings, name });
  try {
    await worker.start();
  } catch (error) {
    subscriber.disconnect();
    connection.disconnect();
    await stores.close();
    throw error;
  }
  return {
    name,
    async close() {
      await worker.close();
      subscriber.disconnect();
      connection.disconnect();
      await stores.close();
    },
  };
}
