/**
 * Loads images as object URLs, lazily and bounded in memory: at most `capacity` kept (least
 * recently used evicted first, its object URL revoked so the browser frees the bytes) and at
 * most `concurrency` fetches at once (the rest wait in order, the newest first: a card the
 * pointer already left matters least). A failed load is remembered as failed until evicted.
 */
export interface ThumbnailLoaderOptions {
  fetchBlob(src: string): Promise<Blob>;
  capacity?: number;
  concurrency?: number;
  createUrl?(blob: Blob): string;
  revokeUrl?(url: string): void;
}

type Entry = { state: 'loading'; promise: Promise<string> } | { state: 'ready'; url: string } | { state: 'failed'; message: string };

export class ThumbnailLoader {
  private readonly entries = new Map<string, Entry>();
  private readonly waiting: (() => void)[] = [];
  private running = 0;
  private readonly capacity: number;
  private readonly concurrency: number;
  private readonly createUrl: (blob: Blob) => string;
  private readonly revokeUrl: (url: string) => void;

  constructor(private readonly options: ThumbnailLoaderOptions) {
    this.capacity = options.capacity ?? 64;
    this.concurrency = options.concurrency ?? 4;
    this.createUrl = options.createUrl ?? ((blob) => URL.createObjectURL(blob));
    this.revokeUrl = options.revokeUrl ?? ((url) => URL.revokeObjectURL(url));
  }

  /** The object URL when loaded, without starting anything (marks it recently used). */
  peek(src: string): string | null {
    const entry = this.touch(src);
    return entry?.state === 'ready' ? entry.url : null;
  }

  /** Resolves to the image's object URL; rejects with the reason it could not be loaded. */
  load(src: string): Promise<string> {
    const entry = this.touch(src);
    if (entry?.state === 'ready') return Promise.resolve(entry.url);
    if (entry?.state === 'loading') return entry.promise;
    if (entry?.state === 'failed') return Promise.reject(new Error(entry.message));
    const promise = this.fetchInTurn(src).then(
      (blob) => {
        const url = this.createUrl(blob);
        if (this.entries.get(src)?.state === 'loading') this.entries.set(src, { state: 'ready', url });
        else this.revokeUrl(url);
        this.evict();
        return url;
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (this.entries.get(src)?.state === 'loading') this.entries.set(src, { state: 'failed', message });
        throw new Error(message);
      },
    );
    this.entries.set(src, { state: 'loading', promise });
    this.evict();
    return promise;
  }

  /** Images kept now (loaded or loading), for tests and the memory bound. */
  get size(): number {
    return this.entries.size;
  }

  /** Fetches currently running. */
  get active(): number {
    return this.running;
  }

  /** Revokes every object URL and forgets everything (a session page closing). */
  clear(): void {
    for (const entry of this.entries.values()) if (entry.state === 'ready') this.revokeUrl(entry.url);
    this.entries.clear();
  }

  private touch(src: string): Entry | undefined {
    const entry = this.entries.get(src);
    if (entry) {
      this.entries.delete(src);
      this.entries.set(src, entry);
    }
    return entry;
  }

  private async fetchInTurn(src: string): Promise<Blob> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await this.options.fetchBlob(src);
    } finally {
      this.running--;
      this.waiting.pop()?.();
    }
  }

  /** Drops the least recently used entries beyond capacity; one still loading is dropped from the map and its URL revoked when it lands. */
  private evict(): void {
    for (const [src, entry] of this.entries) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(src);
      if (entry.state === 'ready') this.revokeUrl(entry.url);
    }
  }
}
