import type { AnalysisStatus } from '../../shared/api-types.ts';
import { cancelAnalysis, getAnalysis } from '../api/analyses.ts';

export interface CancelApi {
  cancel(id: string): Promise<{ status: AnalysisStatus }>;
  status(id: string): Promise<AnalysisStatus>;
  sleep(ms: number): Promise<void>;
}

const serverApi: CancelApi = {
  cancel: cancelAnalysis,
  status: async (id) => (await getAnalysis(id)).status,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class CancelTimeoutError extends Error {
  readonly code = 'cancel_timeout';
  constructor() {
    super('The server is still stopping the analysis; try again in a moment.');
  }
}

const unfinished = (status: AnalysisStatus) => status === 'queued' || status === 'running';

/**
 * Cancels an analysis on the server and resolves once the server no longer reports it queued
 * or running. The job stays "running" until its worker unwinds, and asking for the same
 * analysis in between would join the dying job instead of starting a new one, so the form stays
 * in "cancelling" until this settles. Resolves with the final status: "cancelled", or "done" /
 * "failed" when the job ended on its own first.
 */
export async function waitCancelled(id: string, api: CancelApi = serverApi, options: { pollMs?: number; timeoutMs?: number } = {}): Promise<AnalysisStatus> {
  const pollMs = options.pollMs ?? 200;
  const timeoutMs = options.timeoutMs ?? 30_000;
  let status = (await api.cancel(id)).status;
  for (let waited = 0; unfinished(status); waited += pollMs) {
    if (waited >= timeoutMs) throw new CancelTimeoutError();
    await api.sleep(pollMs);
    status = await api.status(id);
  }
  return status;
}
