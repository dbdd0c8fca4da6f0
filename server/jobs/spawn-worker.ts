import { Worker } from 'node:worker_threads';

const bootstrap = new URL('./worker-bootstrap.mjs', import.meta.url);

/** Starts a worker thread running a TypeScript module (server code is run through tsx, not built). */
export function spawnTsWorker(module: URL, data: Record<string, unknown> = {}, resourceLimits?: Worker['resourceLimits']): Worker {
  return new Worker(bootstrap, {
    workerData: { ...data, __module: module.href },
    ...(resourceLimits ? { resourceLimits } : {}),
  });
}
