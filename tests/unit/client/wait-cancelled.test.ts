import { describe, expect, it } from 'vitest';
import type { AnalysisStatus } from '../../../shared/api-types.ts';
import { CancelTimeoutError, waitCancelled, type CancelApi } from '../../../client/session/wait-cancelled.ts';

/**
 * A job that keeps reporting `running` for `unwindPolls` status reads after the DELETE (its
 * worker unwinding), then `final`. Sleeping is counted, not waited.
 */
function unwindingJob(unwindPolls: number, final: AnalysisStatus = 'cancelled', deleteAnswer: AnalysisStatus = 'running') {
  const calls = { cancel: 0, status: 0, slept: 0 };
  const api: CancelApi = {
    async cancel() {
      calls.cancel++;
      return { status: deleteAnswer };
    },
    async status() {
      calls.status++;
      return calls.status > unwindPolls ? final : 'running';
    },
    async sleep(ms) {
      calls.slept += ms;
    },
  };
  return { api, calls };
}

describe('cancelling an analysis and waiting for the server to stop it', () => {
  it('settles at once when the DELETE answers with the job already cancelled', async () => {
    const { api, calls } = unwindingJob(0, 'cancelled', 'cancelled');
    expect(await waitCancelled('a', api)).toBe('cancelled');
    expect(calls).toEqual({ cancel: 1, status: 0, slept: 0 });
  });

  it('keeps asking while the server still reports the job running, and settles only once it stops', async () => {
    const { api, calls } = unwindingJob(3);
    expect(await waitCancelled('a', api, { pollMs: 100 })).toBe('cancelled');
    expect(calls).toEqual({ cancel: 1, status: 4, slept: 400 });
  });

  it('reports a job that finished on its own before the cancel reached it', async () => {
    const { api } = unwindingJob(1, 'done');
    expect(await waitCancelled('a', api)).toBe('done');
  });

  it('gives up with a coded error when the job never stops', async () => {
    const { api, calls } = unwindingJob(Number.POSITIVE_INFINITY);
    await expect(waitCancelled('a', api, { pollMs: 100, timeoutMs: 1000 })).rejects.toBeInstanceOf(CancelTimeoutError);
    expect(calls.slept).toBe(1000);
  });

  it('passes a failed DELETE on', async () => {
    const api: CancelApi = {
      cancel: () => Promise.reject(new Error('The server cannot be reached')),
      status: () => Promise.resolve('running'),
      sleep: () => Promise.resolve(),
    };
    await expect(waitCancelled('a', api)).rejects.toThrow('cannot be reached');
  });
});
