import type { DatasetDescription, DatasetDetail } from '../../shared/api-types.ts';
import type { Table } from '../../shared/table.ts';

/**
 * What the API and the services need of the datasets: the seam between them and where datasets
 * live. The embedded implementation is DatasetStore (files under DATA_DIR, descriptions cached in
 * memory); with REDIS_URL the same class runs on a DATA_DIR several processes share, its cache
 * kept true by store events (server/store/shared/). Descriptions are read synchronously from that
 * cache; table data is read from files.
 */
export interface DatasetCatalog {
  /** A fresh id and the temporary directory its files are written to before publish(). */
  reserve(): { id: string; tmpDir: string };
  discard(target: { tmpDir: string }): Promise<void>;
  /** Makes a fully written dataset directory visible under its id, in one step. */
  publish(target: { id: string; tmpDir: string }, detail: DatasetDetail): Promise<DatasetDetail>;
  list(): DatasetDescription[];
  has(id: string): boolean;
  /** The detail (with profiles); StoreError 'not_found' for an unknown id. */
  get(id: string): DatasetDetail;
  describe(id: string): DatasetDescription;
  readTable(id: string): Promise<Table>;
  /** Rows [start, end) of every column (or those `wanted` names). */
  readRows(id: string, start: number, end: number, wanted?: (name: string) => boolean): Promise<Table>;
  /** The directory of a published dataset (its quality report and rules are kept there too). */
  dir(id: string): string;
  /** The latest dataset stored under this name, if any. */
  latestNamed(name: string): DatasetDetail | undefined;
  /** Path of a column's binary file, for streaming it as it is. */
  columnPath(id: string, columnName: string): string;
  delete(id: string): Promise<void>;
}
