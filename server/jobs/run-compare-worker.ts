import type { CompareReply, CompareRequest } from './compare-protocol.ts';
import { spawnTsWorker } from './spawn-worker.ts';

/** Runs one comparison on a worker thread, off the event loop; resolves with its reply, never rejects. */
export function runCompareWorker(request: CompareRequest): Promise<CompareReply> {
  return new Promise((resolve) => {
    const worker = spawnTsWorker(new URL('./compare-worker.ts', import.meta.url), { request });
    let settled = false;
    const settle = (reply: CompareReply) => {
      if (settled) return;
      settled = true;
      resolve(reply);
      void worker.terminate();
    };
    worker.on('message', settle);
    worker.on('error', (error: Error) => {
      console.error('compare worker crashed:', error);
      settle({ ok: false, code: 'internal', message: 'The comparison failed on the server; nothing was kept. See the server log.' });
    });
    worker.on('exit', () => settle({ ok: false, code: 'internal', message: 'The comparison stopped unexpectedly (out of memory?).' }));
  });
}
