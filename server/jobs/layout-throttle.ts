/**
 * Intermediate layouts arrive as fast as the optimiser makes them; clients need a few per
 * second. Keeps the newest and releases it at most every `intervalMs` (longer for big layouts,
 * so a 1M-point cloud does not flood the wire: ~4 MB/s at most).
 */
export class LayoutThrottle {
  private pending: Float32Array | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastSent = 0;

  constructor(
    private readonly emit: (positions: Float32Array) => void,
    private readonly minIntervalMs = 250,
    private readonly bytesPerSecond = 4 * 2 ** 20,
  ) {}

  push(positions: Float32Array): void {
    this.pending = positions;
    if (this.timer) return;
    const interval = Math.max(this.minIntervalMs, (positions.byteLength / this.bytesPerSecond) * 1000);
    const wait = Math.max(0, this.lastSent + interval - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Sends the pending layout now, if any (the reduction ended: what follows must come after it). */
  flushNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.flush();
  }

  private flush(): void {
    this.timer = null;
    if (!this.pending) return;
    const positions = this.pending;
    this.pending = null;
    this.lastSent = Date.now();
    this.emit(positions);
  }

  /** Drops whatever is pending (the job finished: the final layout supersedes it). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }
}
