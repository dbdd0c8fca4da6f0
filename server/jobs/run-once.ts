import { spawnTsWorker } from './spawn-worker.ts';

/**
 * Runs one job on a fresh worker thread (off the event loop) and resolves with its one reply;
 * never rejects. A worker that crashes, or exits before it replied (out of memory, killed),
 * resolves with the caller's `crashed` / `exited` reply instead, so the caller answers the user
 * with a sentence and nothing half-done is kept. The worker is terminated once it has answered.
 */
export function runOnce<Reply>(worker: URL, workerData: Record<string, unknown>, label: string, failed: { crashed: Reply; exited: Reply }): Promise<Reply> {
  return new Promise((resolve) => {
    const thread = spawnTsWorker(worker, workerData);
    let settled = false;
    const settle = (reply: Reply) => {
      if (settled) return;
      settled = true;
      resolve(reply);
      void thread.terminate();
    };
    thread.on('message', settle);
    thread.on('error', (error: Error) => {
      console.error(`${label} worker crashed:`, error);
      settle(failed.crashed);
    });
    thread.on('exit', () => settle(failed.exited));
  });
}
