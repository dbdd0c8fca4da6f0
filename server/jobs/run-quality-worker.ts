import type { StoredQuality } from '../data-quality/dataset-quality.ts';
import type { QualityWorkerReply, QualityWorkerRequest } from './quality-protocol.ts';
import { runOnce } from './run-once.ts';

/** Computes a stored dataset's quality report on a worker thread, off the event loop. */
export async function runQualityWorker(request: QualityWorkerRequest): Promise<StoredQuality> {
  const reply = await runOnce<QualityWorkerReply>(new URL('./quality-worker.ts', import.meta.url), { request }, 'quality', {
    crashed: { ok: false, message: 'The quality report could not be computed; see the server log.' },
    exited: { ok: false, message: 'The quality report stopped unexpectedly (out of memory?).' },
  });
  if (reply.ok) return reply.quality;
  throw Object.assign(new Error(reply.message), { code: 'internal' });
}
