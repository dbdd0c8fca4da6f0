import { HttpError } from '../api/http-error.ts';

/**
 * How many reports are drawn at once and how many may wait: each runs on its own worker thread
 * (seconds of CPU and a few hundred MiB on a million points), so a burst of downloads queues
 * instead of starving the analyses; past the queue the answer is 429 with Retry-After.
 */
export class ReportSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrent = 1,
    private readonly queued = 8,
  ) {}

  /** Runs `task` when a slot is free (in arrival order), or throws 429 when the queue is full. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrent) {
      if (this.waiting.length >= this.queued) {
        throw new HttpError(429, 'reports_busy', 'The server is making other reports; try again in a few seconds.', { 'retry-after': '10' });
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running++;
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next in line (the count stays), or give it back.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
