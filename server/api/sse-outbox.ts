import type { SseFrame } from './sse-frames.ts';

/**
 * What one event-stream subscriber has yet to receive. Frames go out in order, one write at a
 * time; a write waits while the client reads slowly (the socket's backpressure). A skippable
 * frame (an intermediate layout, a ping) that arrives while frames still wait replaces the
 * skippable ones waiting: a subscriber that falls behind gets the newest layout, not a backlog,
 * and holds at most one layout beyond the one being written.
 */
export class SseOutbox {
  private readonly waiting: SseFrame[] = [];
  private writing = false;
  private readonly idle: (() => void)[] = [];
  /** Skippable frames dropped for newer ones (for tests and logs). */
  skipped = 0;

  constructor(private readonly write: (bytes: Uint8Array) => Promise<unknown>) {}

  push(frame: SseFrame): void {
    if (frame.skippable) {
      const before = this.waiting.length;
      for (let i = this.waiting.length - 1; i >= 0; i--) if (this.waiting[i].skippable) this.waiting.splice(i, 1);
      this.skipped += before - this.waiting.length;
    }
    this.waiting.push(frame);
    if (!this.writing) void this.drain();
  }

  /** Whether a write is under way or frames wait (a ping then adds nothing). */
  get busy(): boolean {
    return this.writing || this.waiting.length > 0;
  }

  /** Resolves once every frame pushed so far has been written. */
  flushed(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      for (let frame = this.waiting.shift(); frame; frame = this.waiting.shift()) {
        await this.write(frame.bytes).catch(() => undefined);
      }
    } finally {
      this.writing = false;
      for (const resolve of this.idle.splice(0)) resolve();
    }
  }
}
