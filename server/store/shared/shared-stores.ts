import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { AnalysisStore } from '../analysis-store.ts';
import { DatasetStore } from '../dataset-store.ts';
import { SessionStore } from '../session-store.ts';
import { sweepTemp } from '../store-sharing.ts';
import { connectRedis, redisReady } from './redis-connection.ts';
import { claimSharedDataDir, type SharedClaim } from './shared-claim.ts';
import { StoreEvents } from './store-events.ts';

export interface SharedStores {
  redis: Redis;
  claim: SharedClaim;
  datasets: DatasetStore;
  analyses: AnalysisStore;
  sessions: SessionStore;
  /** Closes this process's connections and leaves the folder. */
  close(): Promise<void>;
}

/**
 * The dataset and analysis stores of a process (API server or worker) on a DATA_DIR it shares
 * with others through REDIS_URL: it joins the folder's members, takes the start-up turn (ended
 * by claim.started()), and opens the stores with their caches kept true by store events.
 */
export async function openSharedStores(redisUrl: string, dataDir: string, role: 'api' | 'worker'): Promise<SharedStores> {
  const redis = connectRedis(redisUrl, role);
  const subscriber = connectRedis(redisUrl, `${role}-store-events`);
  const disconnect = () => {
    redis.disconnect();
    subscriber.disconnect();
  };
  try {
    await redisReady(redis, redisUrl);
  } catch (error) {
    disconnect();
    throw error;
  }
  const claim = await claimSharedDataDir(redis, dataDir, role).catch((error: unknown) => {
    disconnect();
    throw error;
  });
  try {
    const events = new StoreEvents(redis, subscriber);
    const datasets = new DatasetStore(dataDir, events.sharing('datasets'));
    const analyses = new AnalysisStore(dataDir, events.sharing('analyses'));
    events.attach('datasets', (id) => datasets.reload(id));
    const sessions = new SessionStore(dataDir, events.sharing('sessions'));
    events.attach('analyses', (id) => analyses.reload(id));
    events.attach('sessions', (id) => sessions.reload(id));
    await events.start();
    // uploads/ holds files in transit, maybe another process's: only old ones are a crash's garbage.
    await sweepTemp(join(dataDir, 'uploads'), () => true, true);
    await Promise.all([datasets.open(), analyses.open(), sessions.open()]);
    return {
      redis,
      claim,
      datasets,
      analyses,
      sessions,
      async close() {
        await claim.release().catch((error: unknown) => console.error('leaving the shared DATA_DIR:', error));
        disconnect();
      },
    };
  } catch (error) {
    await claim.release().catch(() => {});
    disconnect();
    throw error;
  }
}
