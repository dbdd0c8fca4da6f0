/**
 * How long-running pipeline stages report where they are and learn that they must stop.
 * Pure functions take these as plain callbacks: no worker, event loop or I/O in sight.
 */
export type ProgressFn = (fraction: number) => void;

export class CancelledError extends Error {
  constructor() {
    super('The analysis was cancelled.');
    this.name = 'CancelledError';
  }
}

/** Checked between iterations of long loops; throws CancelledError once aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}
