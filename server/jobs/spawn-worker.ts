import { Worker } from 'node:worker_threads';
import { prebuiltWorker } from './worker-bundles.ts';

const bootstrap = new URL('./worker-bootstrap.mjs', import.meta.url);

/**
 * Starts a worker thread running a TypeScript module: its prebuilt file where the server has
 * made one (worker-bundles.ts), else through tsx (server code is not built ahead).
 */
export function spawnTsWorker(module: URL, data: Record<string, unknown> = {}, resourceLimits?: Worker['resourceLimits']): Worker {
  const prebuilt = prebuiltWorker(module);
  return new Worker(bootstrap, {
    workerData: { ...data, __module: module.href, ...(prebuilt ? { __prebuilt: prebuilt } : {}) },
    ...(resourceLimits ? { resourceLimits } : {}),
  });
}
