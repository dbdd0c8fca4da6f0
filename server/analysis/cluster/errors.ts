import type { Matrix } from '../matrix.ts';

/**
 * Bad input to clustering or cluster-quality code (empty data, NaN features, impossible k,
 * eps or sizes). Raised before any work starts, so nothing half-computed leaks out.
 */
export class ClusterInputError extends Error {
  readonly code = 'bad_cluster_input';
  constructor(message: string) {
    super(message);
    this.name = 'ClusterInputError';
  }
}

/** Rejects an empty matrix or one with NaN / infinite cells (impute or drop missing values first). */
export function assertUsableMatrix(x: Matrix, what: string, minRows = 1): void {
  if (x.rows < minRows || x.cols < 1) {
    throw new ClusterInputError(`${what}: need at least ${minRows} row(s) and 1 column, got ${x.rows} × ${x.cols}.`);
  }
  const { data, cols } = x;
  const length = x.rows * cols;
  for (let i = 0; i < length; i++) {
    if (!Number.isFinite(data[i])) {
      const row = Math.floor(i / cols);
      throw new ClusterInputError(`${what}: row ${row}, column ${i - row * cols} is not a finite number (impute or drop missing values first).`);
    }
  }
}

export function assertInteger(value: number, name: string, min: number, max = Infinity): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new ClusterInputError(`${name} must be an integer ${range}, got ${value}.`);
  }
}
