import type { ColumnData } from '../table.ts';

/**
 * Everything per-point encodings, filters and search read: the analysis arrays (point i is
 * dataset row rowIndex[i]) and whichever dataset columns have been loaded so far.
 */
export interface PointContext {
  count: number;
  rowIndex: Uint32Array;
  cluster: Int32Array;
  anomaly: Float32Array;
  anomalyFlag: Uint8Array;
  /** Loaded columns by name, indexed by dataset row. */
  columns: ReadonlyMap<string, ColumnData>;
  /** Cluster id → label from the analysis summary. */
  clusterLabels: ReadonlyMap<number, string>;
}

/** Thrown-free marker: a column the encoding needs is not loaded yet. */
export interface PendingColumns {
  pending: string[];
}

/** Point index of a dataset row, or -1 (points are in dataset order, so binary search). */
export function pointOfRow(rowIndex: Uint32Array, row: number): number {
  let lo = 0;
  let hi = rowIndex.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = rowIndex[mid];
    if (v === row) return mid;
    if (v < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Numeric value of a column at dataset row `row` (NaN when missing or not numeric). */
export function numberAt(column: ColumnData, row: number): number {
  if (column.type === 'number' || column.type === 'datetime') return column.values[row];
  return Number.NaN;
}

/** Display value of a column at a dataset row, as the user would read it. */
export function labelAt(column: ColumnData, row: number): string | null {
  switch (column.type) {
    case 'number': {
      const v = column.values[row];
      return Number.isNaN(v) ? null : String(v);
    }
    case 'datetime': {
      const v = column.values[row];
      return Number.isNaN(v) ? null : new Date(v).toISOString();
    }
    case 'category':
    case 'boolean': {
      const c = column.codes[row];
      return c < 0 ? null : column.dictionary[c];
    }
    case 'text':
      return column.values[row];
  }
}
