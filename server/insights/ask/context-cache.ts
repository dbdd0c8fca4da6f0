/**
 * The few most recently used values of an expensive build, by key, bounded in count and in
 * size (a value's size is known once it is built). The value asked for last always stays, even
 * alone over the size bound. A build that fails is forgotten, so the next ask builds again.
 */
export class ContextCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; size: number }>();

  constructor(
    private readonly bounds: { count: number; size: number },
    private readonly sizeOf: (value: V) => number,
  ) {}

  get(key: string, build: () => Promise<V>): Promise<V> {
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
    } else {
      const created = { value: build(), size: 0 };
      created.value.then(
        (v) => {
          created.size = this.sizeOf(v);
          this.trim();
        },
        () => {
          if (this.entries.get(key) === created) this.entries.delete(key);
        },
      );
      entry = created;
    }
    this.entries.set(key, entry);
    this.trim();
    return entry.value;
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  private trim(): void {
    let total = 0;
    for (const e of this.entries.values()) total += e.size;
    for (const [key, e] of this.entries) {
      if (this.entries.size <= 1 || (this.entries.size <= this.bounds.count && total <= this.bounds.size)) break;
      this.entries.delete(key);
      total -= e.size;
    }
  }
}
