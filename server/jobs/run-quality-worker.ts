import type { StoredQuality } from '../data-quality/dataset-quality.ts';
import type { QualityWorkerReply, QualityWorkerRequest } from './quality-protocol.ts';
import { spawnTsWorker } from './spawn-worker.ts';

/** Computes a stored dataset's quality report on a worker thread, off the event loop. */
export function runQualityWorker(request: QualityWorkerRequest): Promise<StoredQuality> {
  return new Promise((resolve, reject) => {
    const worker = spawnTsWorker(new URL('./quality-worker.ts', import.meta.url), { request });
    let settled = false;
    const settle = (reply: QualityWorkerReply) => {
      if (settled) return;
      settled = true;
      if (reply.ok) resolve(reply.quality);
      else reject(Object.assign(new Error(reply.message), { code: 'internal' }));
      void worker.terminate();
    };
    worker.on('message', settle);
    worker.on('error', (error: Error) => {
      console.error('quality worker crashed:', error);
      settle({ ok: false, message: 'The quality report could not be computed; see the server log.' });
    });
    worker.on('exit', () => settle({ ok: false, message: 'The quality report stopped unexpectedly (out of memory?).' }));
  });
}
