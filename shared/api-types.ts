import type { AnalysisParams } from './analysis-params.ts';
import type { AnalysisSummary, PipelineStage } from './analysis-result.ts';
import type { ColumnProfile } from './profile.ts';
import type { ColumnType } from './table.ts';

export type { ColumnProfile } from './profile.ts';

/**
 * The JSON bodies of the HTTP contract (docs/http-api.md), shared so the client and tests read
 * exactly what the server writes.
 */
export interface ApiError {
  error: { code: string; message: string };
}

export interface ColumnDescription {
  name: string;
  type: ColumnType;
  identifier: boolean;
  missing: number;
  distinct: number;
}

export interface IngestWarningJson {
  code: string;
  message: string;
  row?: number;
  column?: string;
  /** non_numeric_values: cells that were stray words (read as missing), their rows (0-based ranges) and a few of them. */
  count?: number;
  rows?: number[];
  examples?: { row: number; text: string }[];
}

export interface DatasetDescription {
  id: string;
  name: string;
  rowCount: number;
  columns: ColumnDescription[];
  format: 'csv' | 'tsv' | 'json' | 'parquet' | 'arrow' | 'xlsx';
  /** Parquet and Arrow: numbers, dates and booleans took the types the file declares (text is still read for categories, identifiers…). */
  typesFromFile?: boolean;
  /** Excel: the sheet this dataset was read from, and every sheet of the workbook with its row count (header included). */
  sheet?: { name: string; sheets: { name: string; rows: number }[] };
  bytes: number;
  warnings: IngestWarningJson[];
  createdAt: string;
  /** Counted at import (absent for datasets imported before the quality report existed). */
  quality?: { findings: number; alerts: number };
  /** The earlier version this upload replaces (`?replaces=`, or a re-upload under the same name). */
  replaces?: { datasetId: string; name: string; createdAt: string };
  /**
   * A comparison of two datasets (POST /api/datasets/:id/comparisons): their shared columns and
   * `sourceColumn` naming each row's dataset (its values `reference.label`, `current.label`).
   */
  comparison?: DatasetComparison;
}

export interface DatasetComparison {
  reference: { datasetId: string; name: string; label: string };
  current: { datasetId: string; name: string; label: string };
  sourceColumn: string;
}

export interface DatasetDetail extends DatasetDescription {
  columns: (ColumnDescription & { profile: ColumnProfile })[];
}

export type AnalysisStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface AnalysisProgress {
  stage: PipelineStage | 'queued';
  /** Overall fraction done, 0..1. */
  fraction: number;
  /** While queued: 1 = next to run. */
  place?: number;
}

export interface AnalysisDescription {
  id: string;
  datasetId: string;
  params: AnalysisParams;
  status: AnalysisStatus;
  progress: AnalysisProgress;
  createdAt: string;
  finishedAt?: string;
  result?: AnalysisSummary;
  error?: { code: string; message: string };
}

export interface PointsJson {
  rowIndex: number[];
  positions: [number, number, number][];
  cluster: number[];
  anomaly: number[];
}

export interface SessionCreated {
  id: string;
  editToken: string;
  viewToken: string;
}

/** GET /api/sessions/:id?token=… — what a page needs to open a session. */
export interface SessionDescription {
  id: string;
  datasetId: string;
  analysisId: string | null;
  title: string;
  role: 'edit' | 'view';
  createdAt: string;
  /** Only for an edit token: the view token, so editors can hand out the view link. */
  viewToken?: string;
}

/**
 * GET /api/share-origins — the origins share links should use so other devices can open them,
 * best first. `source` says where they come from (PUBLIC_URL, this machine's network addresses,
 * the one address HOST names) or why there are none: the server listens on loopback only
 * (`local-only`, e.g. HOST=127.0.0.1) or on every interface while this machine has no network
 * address (`no-network`).
 */
export interface ShareOrigins {
  origins: string[];
  source: 'public-url' | 'network' | 'host' | 'local-only' | 'no-network';
  /**
   * The HTTPS listener (HTTPS_PORT), absent when it is off: its port, and the https origins of the
   * same addresses as `origins` (headsets need a secure context to enter VR); with PUBLIC_URL, that
   * origin when it is https, else none.
   */
  secure?: { port: number; origins: string[] };
}

/** GET /api/demo-datasets: the real datasets shipped in assets/ that the start page offers. */
export interface DemoDataset {
  key: string;
  name: string;
  description: string;
  rows: number;
  format: 'csv' | 'json';
  /** The dataset this server already made from it (the start page lists that one, not the demo again). */
  datasetId?: string;
}

/**
 * GET /api/demo-session: the demo session this server created on its first start, with both
 * links' tokens (the start page offers them), or null. Gated by the owner once access control lands.
 */
export interface DemoSessionInfo {
  session: { id: string; title: string; editToken: string; viewToken: string } | null;
}

/** GET /api/access: whether the request is the workspace owner's (the start page asks first). */
export interface AccessCheck {
  owner: boolean;
}

/** Server-sent events of GET /api/analyses/:id/events. */
export type AnalysisEvent =
  | { type: 'progress'; status: AnalysisStatus; progress: AnalysisProgress }
  /**
   * Once, after the prepare stage and before the first layout: base64 of a shared/binary.ts
   * Uint32 buffer, the dataset row of each point (what rowIndex.bin will hold).
   */
  | { type: 'rows'; rowIndex: string }
  /** positions: base64 of a shared/binary.ts Float32 n×3 buffer (point order = rowIndex order). */
  | { type: 'layout'; stage: PipelineStage; positions: string }
  /**
   * Once, as soon as the clustering stage ends: base64 of a shared/binary.ts Int32 buffer, each
   * point's raw cluster id (-1 = noise), exactly what cluster.bin will hold.
   */
  | { type: 'clusters'; cluster: string }
  /**
   * Once, as soon as the anomaly stage ends: base64 shared/binary.ts buffers, the scores (Float32,
   * in [0, 1]) and flags (Uint8, 1 = flagged), exactly what anomaly.bin and anomaly-flag.bin will hold.
   */
  | { type: 'anomalies'; anomaly: string; anomalyFlag: string }
  | { type: 'done'; analysis: AnalysisDescription }
  | { type: 'failed'; analysis: AnalysisDescription };

/** POST /api/datasets/:id/images → 201: the images this request stored, and the dataset's images after it. */
export interface ImageUploadResult {
  stored: { name: string; bytes: number }[];
  count: number;
  bytes: number;
}
