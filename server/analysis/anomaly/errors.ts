import type { Matrix } from '../matrix.ts';

/** Bad input to an anomaly score (empty data, NaN features, impossible parameters). */
export class AnomalyInputError extends Error {
  readonly code = 'bad_anomaly_input';
  constructor(message: string) {
    super(message);
    this.name = 'AnomalyInputError';
  }
}

export function assertScorable(x: Matrix, what: string, minRows = 1): void {
  if (x.rows < minRows || x.cols < 1) {
    throw new AnomalyInputError(`${what}: need at least ${minRows} row(s) and 1 column, got ${x.rows} × ${x.cols}.`);
  }
  const { data, cols } = x;
  for (let i = 0; i < x.rows * cols; i++) {
    if (!Number.isFinite(data[i])) {
      const row = Math.floor(i / cols);
      throw new AnomalyInputError(`${what}: row ${row}, column ${i - row * cols} is not a finite number (impute or drop missing values first).`);
    }
  }
}

export function assertIntegerParam(value: number, name: string, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new AnomalyInputError(`${name} must be an integer >= ${min}, got ${value}.`);
}
