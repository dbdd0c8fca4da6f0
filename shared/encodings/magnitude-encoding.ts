import type { Encoding } from '../session/index.ts';
import type { PointValues } from './point-values.ts';
import { makeNormaliser } from './scales.ts';

/**
 * Size and opacity: a number per point from a constant, or from a numeric column / the anomaly
 * score mapped onto a range. Categories have no order, so they are refused upstream (the
 * controls only offer numbers); here they fall back to the constant middle of the range.
 */
export interface MagnitudeRange {
  min: number;
  max: number;
  /** Value for missing data. */
  missing: number;
}

export const SIZE_RANGE: MagnitudeRange = { min: 0.35, max: 2.2, missing: 0.5 };
export const OPACITY_RANGE: MagnitudeRange = { min: 0.15, max: 1, missing: 0.25 };

export function constantMagnitude(count: number, value: number): Float32Array {
  return new Float32Array(count).fill(value);
}

export function encodeMagnitude(values: PointValues, enc: Encoding, range: MagnitudeRange): Float32Array {
  if (values.kind !== 'continuous') return constantMagnitude(values.codes.length, (range.min + range.max) / 2);
  const norm = makeNormaliser(values.values, enc.scale ?? 'linear');
  const n = values.values.length;
  const out = new Float32Array(n);
  const span = range.max - range.min;
  for (let i = 0; i < n; i++) {
    const t = norm.apply(values.values[i]);
    out[i] = Number.isNaN(t) ? range.missing : range.min + t * span;
  }
  return out;
}
