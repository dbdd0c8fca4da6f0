import type { DatasetDetail } from '../../shared/api-types.ts';
import type { DriftReport } from '../../shared/insights/drift.ts';
import type { StoredColumnShape } from '../store/table-files.ts';

/** A stored dataset as a compare worker reads it. */
export interface StoredDatasetRef {
  datasetId: string;
  name: string;
  format: DatasetDetail['format'];
  dir: string;
  rowCount: number;
  columns: StoredColumnShape[];
}

/**
 * What the main thread asks of a compare worker: the drift of two datasets, and with `combine`
 * also the dataset joining them, written (columns, description, quality, drift.json) into
 * `combine.targetDir` for the main thread to publish.
 */
export interface CompareRequest {
  reference: StoredDatasetRef;
  current: StoredDatasetRef;
  combine?: { id: string; targetDir: string };
}

export type CompareReply =
  | { ok: true; drift: DriftReport; detail?: DatasetDetail }
  | { ok: false; code: 'no_shared_columns' | 'internal'; message: string };
