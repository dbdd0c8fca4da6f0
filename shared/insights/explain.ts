import type { ClusterTrait } from '../analysis-result.ts';
import type { ColumnType } from '../table.ts';

/**
 * Per-cluster statistics and group comparisons: the contracts of
 * `GET /api/analyses/:id/cluster-stats` and `POST /api/analyses/:id/compare` (docs/http-api.md).
 * Cluster ids are the analysis's raw ids (-1 = noise), not the numbers a session displays.
 */

/** One column over one group of rows, in the column's own units (dates: epoch ms). */
export interface ColumnGroupStats {
  /** Rows with a value. */
  count: number;
  missing: number;
  /** Numbers and dates (absent when count is 0): population standard deviation, quartiles by linear interpolation. */
  mean?: number;
  sd?: number;
  min?: number;
  q1?: number;
  median?: number;
  q3?: number;
  max?: number;
  /** Categories, booleans and text: the most frequent values (at most 5, most frequent first, ties by value). */
  top?: { value: string; count: number }[];
}

export interface ClusterStatsColumn {
  name: string;
  type: ColumnType;
  /** The unit the column's name gives ("g" for "Body Mass (g)" or body_mass_g), if any. */
  unit?: string;
}

export interface ClusterStatsGroup {
  /** Raw cluster id, -1 for noise, null for all analysed rows. */
  cluster: number | null;
  label: string;
  size: number;
  /** One entry per column, in `columns` order. */
  stats: ColumnGroupStats[];
}

export interface ClusterStatsTable {
  columns: ClusterStatsColumn[];
  /** All analysed rows first, then the clusters by id, then noise if any. */
  groups: ClusterStatsGroup[];
}

/** A group of analysed rows: a cluster (raw id), dataset rows (canonical ranges, shared/session/ranges.ts), or every analysed row not in the other group. */
export type CompareGroup = { cluster: number } | { rows: number[] } | { rest: true };

export interface CompareRequest {
  a: CompareGroup;
  b: CompareGroup;
  labels?: { a?: string; b?: string };
}

export interface CompareResult {
  a: { size: number; label: string };
  b: { size: number; label: string };
  /** What sets a apart from b (clusterMean/share: a; restMean/restShare: b), strongest first. */
  traits: ClusterTrait[];
  paragraph: string;
}
