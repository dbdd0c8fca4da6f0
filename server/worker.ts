import { configFromEnv, ConfigError } from './config.ts';
import { workerSettingsFromEnv } from './jobs/bullmq/worker-settings.ts';
import { DataDirLockedError } from './store/data-dir-lock.ts';
import { RedisUnavailableError } from './store/shared/redis-unavailable-error.ts';

// `npm run worker`: an analysis worker beside API processes started with the same REDIS_URL and DATA_DIR.
try {
  const config = configFromEnv();
  const settings = workerSettingsFromEnv();
  if (config.redisUrl === null) throw new ConfigError('npm run worker needs REDIS_URL (the Redis the API processes use) and the DATA_DIR they share.');
  const { startAnalysisWorker } = await import('./jobs/bullmq/start-worker.ts');
  const worker = await startAnalysisWorker(config.redisUrl, config.dataDir, settings);
  console.log(`Analysis worker ${worker.name} is ready: up to ${settings.concurrency} analyses at once (data in ${config.dataDir})`);
  let stopping = false;
  const stop = async (signal: string) => {
    // A second signal leaves at once: the jobs running here are retried on another worker once their locks lapse.
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`${signal}: finishing the analyses running here (send it again to leave now; they are then retried elsewhere)…`);
    await worker.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
    process.exit(2);
  }
  if (error instanceof DataDirLockedError || error instanceof RedisUnavailableError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
