import type { DatasetDetail } from '../../shared/api-types.ts';

/** What the main thread asks of an ingest worker and what it answers. */
export interface IngestRequest {
  path: string;
  contentType: string;
  fileName?: string;
  bytes: number;
  name: string;
  /** Where to write the dataset's files (a temporary directory the main thread publishes). */
  targetDir: string;
  id: string;
  maxRows: number;
  maxColumns: number;
}

export type IngestReply = { ok: true; detail: DatasetDetail } | { ok: false; code: string; message: string };
