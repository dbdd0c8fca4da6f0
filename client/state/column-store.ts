import type { ColumnDescription } from '../../shared/api-types.ts';
import type { ColumnData } from '../../shared/table.ts';
import { getColumn } from '../api/datasets.ts';

/**
 * Dataset columns fetched on demand and kept for the session. The map only grows and keeps its
 * identity, so encodings can key their memos on the column objects themselves; `version`
 * changes whenever a column arrives so React knows to rebuild.
 */
export class ColumnStore {
  readonly columns = new Map<string, ColumnData>();
  readonly errors = new Map<string, string>();
  private readonly loading = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private version = 0;
  private readonly types: Map<string, ColumnDescription>;

  constructor(
    private readonly datasetId: string,
    descriptions: readonly ColumnDescription[],
  ) {
    this.types = new Map(descriptions.map((d) => [d.name, d]));
  }

  has(name: string): boolean {
    return this.types.has(name);
  }

  describe(name: string): ColumnDescription | undefined {
    return this.types.get(name);
  }

  /** Starts loading every named column that is neither loaded, loading nor known to fail. */
  ensure(names: Iterable<string>): void {
    for (const name of names) {
      const description = this.types.get(name);
      if (!description || this.columns.has(name) || this.loading.has(name) || this.errors.has(name)) continue;
      this.loading.add(name);
      this.changed();
      getColumn(this.datasetId, name, description.type)
        .then((data) => this.columns.set(name, data))
        .catch((error: unknown) => this.errors.set(name, error instanceof Error ? error.message : String(error)))
        .finally(() => {
          this.loading.delete(name);
          this.changed();
        });
    }
  }

  /** Resolves once the named columns are loaded (or failed). */
  async load(names: readonly string[]): Promise<void> {
    this.ensure(names);
    while (names.some((n) => this.loading.has(n))) await new Promise<void>((r) => this.subscribeOnce(r));
  }

  isLoading(): boolean {
    return this.loading.size > 0;
  }

  getVersion = (): number => this.version;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private subscribeOnce(listener: () => void): void {
    const off = this.subscribe(() => {
      off();
      listener();
    });
  }

  private changed(): void {
    this.version++;
    for (const l of [...this.listeners]) l();
  }
}
