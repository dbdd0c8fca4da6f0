import type { IngestWarningJson } from '../../shared/api-types.ts';
import type { StoredQuality } from '../data-quality/dataset-quality.ts';
import type { StoredColumnShape } from '../store/table-files.ts';

/** What the main thread asks of a quality worker (one stored dataset) and what it answers. */
export interface QualityWorkerRequest {
  dir: string;
  rowCount: number;
  columns: StoredColumnShape[];
  warnings: IngestWarningJson[];
}

export type QualityWorkerReply = { ok: true; quality: StoredQuality } | { ok: false; message: string };
