/**
 * Bad input to a reduction or neighbour search (too few rows, NaN features, impossible
 * parameters). Raised before any work starts, so nothing half-computed leaks out.
 */
export class ReductionInputError extends Error {
  readonly code = 'bad_reduction_input';
  constructor(message: string) {
    super(message);
    this.name = 'ReductionInputError';
  }
}

/** Rejects NaN / infinite features: every distance-based step would silently go wrong. */
export function assertFinite(data: Float32Array, cols: number, what: string): void {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      const row = Math.floor(i / Math.max(1, cols));
      throw new ReductionInputError(`${what}: row ${row}, column ${i - row * cols} is not a finite number (impute or drop missing values first).`);
    }
  }
}

export function assertPositiveInteger(value: number, name: string, min = 1): void {
  if (!Number.isInteger(value) || value < min) {
    throw new ReductionInputError(`${name} must be an integer >= ${min}, got ${value}.`);
  }
}
