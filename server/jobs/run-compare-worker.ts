import type { CompareReply, CompareRequest } from './compare-protocol.ts';
import { runOnce } from './run-once.ts';

/** Runs one comparison on a worker thread, off the event loop; resolves with its reply, never rejects. */
export function runCompareWorker(request: CompareRequest): Promise<CompareReply> {
  return runOnce<CompareReply>(new URL('./compare-worker.ts', import.meta.url), { request }, 'compare', {
    crashed: { ok: false, code: 'internal', message: 'The comparison failed on the server; nothing was kept. See the server log.' },
    exited: { ok: false, code: 'internal', message: 'The comparison stopped unexpectedly (out of memory?).' },
  });
}
