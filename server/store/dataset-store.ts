import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ColumnProfile, DatasetDescription, DatasetDetail } from '../../shared/api-types.ts';
import type { Column, Table } from '../../shared/table.ts';
import type { DatasetCatalog } from './dataset-catalog.ts';
import { RecordFreshness, sweepTemp, type StoreSharing } from './store-sharing.ts';
import { publishDirectory, writeFileAtomic } from './atomic-write.ts';
import { StoreError } from './errors.ts';
import { isValidId, newId } from './ids.ts';
import { readColumnSlice } from './column-slice.ts';
import { readTableColumns, writeTableColumns, columnFileName } from './table-files.ts';

/**
 * Datasets under DATA_DIR/datasets/<id>/: dataset.json (description + profiles) and one binary
 * file per column. A dataset is written in a temporary directory and published with one rename,
 * so after a crash it exists whole or not at all.
 */
export class DatasetStore implements DatasetCatalog {
  private readonly root: string;
  private readonly descriptions = new Map<string, DatasetDetail>();
  private readonly freshness = new RecordFreshness();

  /** `sharing`: DATA_DIR is shared with other processes (REDIS_URL); absent, this process is its only user. */
  constructor(
    dataDir: string,
    private readonly sharing?: StoreSharing,
  ) {
    this.root = join(dataDir, 'datasets');
  }

  /** Loads every published dataset's description; removes directories a crash left half-written. */
  async open(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await sweepTemp(this.root, (entry) => entry.startsWith('.tmp-'), this.sharing !== undefined);
    for (const entry of await readdir(this.root)) {
      if (!isValidId(entry)) continue;
      try {
        const detail = JSON.parse(await readFile(join(this.root, entry, 'dataset.json'), 'utf8')) as DatasetDetail;
        this.descriptions.set(entry, detail);
      } catch (error) {
        console.error(`skipping datasets/${entry}: ${(error as Error).message}`);
      }
    }
  }

  /** A fresh id and the temporary directory its files are written to before publish(). */
  reserve(): { id: string; tmpDir: string } {
    const id = newId();
    return { id, tmpDir: join(this.root, `.tmp-${id}`) };
  }

  async discard(target: { tmpDir: string }): Promise<void> {
    await rm(target.tmpDir, { recursive: true, force: true });
  }

  /** Makes a fully written dataset directory visible under its id, in one rename. */
  async publish(target: { id: string; tmpDir: string }, detail: DatasetDetail): Promise<DatasetDetail> {
    await publishDirectory(target.tmpDir, join(this.root, target.id));
    this.descriptions.set(target.id, detail);
    this.sharing?.changed(target.id);
    return detail;
  }

  /** Writes a dataset's files (columns + dataset.json) into a directory; safe to call from a worker. */
  static async writeDirectory(dir: string, detail: DatasetDetail, table: Table): Promise<void> {
    await writeTableColumns(dir, table);
    await writeFileAtomic(join(dir, 'dataset.json'), JSON.stringify(detail));
  }

  list(): DatasetDescription[] {
    return [...this.descriptions.values()].map(describe).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  has(id: string): boolean {
    return isValidId(id) && this.cached(id) !== undefined;
  }

  get(id: string): DatasetDetail {
    const detail = isValidId(id) ? this.cached(id) : undefined;
    if (!detail) throw new StoreError('not_found', `No dataset with id "${id}".`);
    return detail;
  }

  describe(id: string): DatasetDescription {
    return describe(this.get(id));
  }

  async readTable(id: string): Promise<Table> {
    const detail = this.get(id);
    return readTableColumns(join(this.root, id), detail.rowCount, detail.columns);
  }

  /** Rows [start, end) of every column (or those `wanted` names), read column by column without loading the whole table. */
  async readRows(id: string, start: number, end: number, wanted: (name: string) => boolean = () => true): Promise<Table> {
    const detail = this.get(id);
    const from = Math.min(Math.max(0, start), detail.rowCount);
    const to = Math.min(Math.max(from, end), detail.rowCount);
    const columns: Column[] = [];
    for (const [i, column] of detail.columns.entries()) {
      if (!wanted(column.name)) continue;
      const data = await readColumnSlice(join(this.root, id, columnFileName(i)), column.type, from, to);
      columns.push({ name: column.name, identifier: column.identifier, data });
    }
    return { rowCount: to - from, columns };
  }

  /** The directory of a published dataset (its quality report and rules are kept there too). */
  dir(id: string): string {
    this.get(id);
    return join(this.root, id);
  }

  /** The latest dataset stored under this name, if any: what a re-upload of the same file replaces. */
  latestNamed(name: string): DatasetDetail | undefined {
    let latest: DatasetDetail | undefined;
    for (const d of this.descriptions.values()) if (d.name === name && (!latest || d.createdAt >= latest.createdAt)) latest = d;
    return latest;
  }

  /** Path of a column's binary file, for streaming it as it is. */
  columnPath(id: string, columnName: string): string {
    const detail = this.get(id);
    const index = detail.columns.findIndex((c) => c.name === columnName);
    if (index < 0) throw new StoreError('not_found', `Dataset "${id}" has no column "${columnName}".`);
    return join(this.root, id, columnFileName(index));
  }

  async delete(id: string): Promise<void> {
    this.get(id);
    this.descriptions.delete(id);
    // Rename first so a crash mid-delete never leaves a half dataset that looks whole.
    const doomed = join(this.root, `.tmp-deleted-${id}`);
    await publishDirectory(join(this.root, id), doomed);
    this.sharing?.changed(id);
    await rm(doomed, { recursive: true, force: true });
  }

  /** Another process changed this dataset (published or deleted it): read it again from disk. */
  async reload(id: string): Promise<void> {
    if (!isValidId(id)) return;
    try {
      this.descriptions.set(id, JSON.parse(await readFile(join(this.root, id, 'dataset.json'), 'utf8')) as DatasetDetail);
    } catch {
      this.descriptions.delete(id);
    }
  }

  /**
   * The cached description; on a shared DATA_DIR revalidated against dataset.json first (another
   * process may have published or deleted it a moment before its event arrives here).
   */
  private cached(id: string): DatasetDetail | undefined {
    if (!this.sharing) return this.descriptions.get(id);
    const fresh = this.freshness.check<DatasetDetail>(id, join(this.root, id, 'dataset.json'), this.descriptions.has(id));
    if (fresh.kind === 'gone') this.descriptions.delete(id);
    else if (fresh.kind === 'changed') this.descriptions.set(id, fresh.record);
    return this.descriptions.get(id);
  }
}

/** The stored description of a table: its columns' types and profiles. */
export function datasetDetail(
  id: string,
  input: Omit<DatasetDescription, 'id' | 'createdAt' | 'columns' | 'rowCount'>,
  table: Table,
  profiles: ColumnProfile[],
): DatasetDetail {
  return {
    id,
    name: input.name,
    rowCount: table.rowCount,
    format: input.format,
    ...(input.typesFromFile ? { typesFromFile: true } : {}),
    ...(input.sheet ? { sheet: input.sheet } : {}),
    bytes: input.bytes,
    warnings: input.warnings,
    createdAt: new Date().toISOString(),
    columns: table.columns.map((c, i) => ({
      name: c.name,
      type: c.data.type,
      identifier: c.identifier,
      missing: profiles[i].missing,
      distinct: profiles[i].distinct,
      profile: profiles[i],
    })),
  };
}

function describe(detail: DatasetDetail): DatasetDescription {
  return { ...detail, columns: detail.columns.map(({ profile: _profile, ...c }) => c) };
}
