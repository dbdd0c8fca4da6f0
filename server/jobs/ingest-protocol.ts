import type { DatasetDetail } from '../../shared/api-types.ts';
import type { StoredColumnShape } from '../store/table-files.ts';

/** What the main thread asks of an ingest worker and what it answers. */
export interface IngestRequest {
  path: string;
  contentType: string;
  fileName?: string;
  /** Excel: the sheet to read (default: the first with rows). */
  sheet?: string;
  bytes: number;
  name: string;
  /** Where to write the dataset's files (a temporary directory the main thread publishes). */
  targetDir: string;
  id: string;
  maxRows: number;
  maxColumns: number;
  /** The version this upload replaces: its files are read to copy its rules and compare. */
  previous?: {
    datasetId: string;
    name: string;
    createdAt: string;
    dir: string;
    rowCount: number;
    columns: StoredColumnShape[];
  };
}

export type IngestReply = { ok: true; detail: DatasetDetail } | { ok: false; code: string; message: string };
