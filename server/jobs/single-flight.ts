/**
 * One run per key at a time: a second call while the first is under way gets the same promise
 * (two cancels of one analysis wait for one cancellation, and a new request for that analysis
 * waits for it to end). Both analysis runners (job-queue.ts, bullmq/queued-analyses.ts) use it.
 */
export class SingleFlight<T> {
  private readonly running = new Map<string, Promise<T>>();

  run(key: string, start: () => Promise<T>): Promise<T> {
    let pending = this.running.get(key);
    if (!pending) {
      pending = start().finally(() => this.running.delete(key));
      this.running.set(key, pending);
    }
    return pending;
  }

  /** The run under way for `key`, if any. */
  pending(key: string): Promise<T> | undefined {
    return this.running.get(key);
  }
}
